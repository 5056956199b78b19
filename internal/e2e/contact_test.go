package e2e_test

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// contactChange sets an account's phone and language in the database, as
// no API changes them within a session.
func contactChange(t *testing.T, srv *apitest.Server, idNumber, phone, lang string) {
	t.Helper()
	if _, err := srv.DB.Exec(`UPDATE identity_accounts SET phone = $2, language = $3 WHERE id_number = $1`,
		idNumber, phone, lang); err != nil {
		t.Fatalf("change the contact of the account: %v", err)
	}
}

// waitApplicationSMS is the first non-OTP SMS that names code.
func waitApplicationSMS(t *testing.T, srv *apitest.Server, code string) apitest.SMS {
	t.Helper()
	return srv.WaitSMS(t, func(m apitest.SMS) bool { return m.Purpose != "OTP" && strings.Contains(m.Text, code) })
}

// TestSubmitReceiptReachesCurrentContact: the receipt of a submission goes
// to the account's phone in the account's language as they are when the
// citizen submits, though they changed after the session was opened (the
// contact comes with the request's session lookup, not with the session).
func TestSubmitReceiptReachesCurrentContact(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := appAn
	token := srv.Register(t, p)
	const otherPhone = "+84399000111"
	steps := []struct {
		name         string
		phone, lang  string // the account's contact before the submission; "": unchanged
		wantTo       string
		wantReceived string // the receipt's wording in the language
	}{
		{name: "as registered", wantTo: p.Phone, wantReceived: "da duoc tiep nhan"},
		{name: "language changed to English", phone: p.Phone, lang: "en", wantTo: p.Phone, wantReceived: "has been received"},
		{name: "phone changed", phone: otherPhone, lang: "en", wantTo: otherPhone, wantReceived: "has been received"},
		{name: "back to Vietnamese", phone: otherPhone, lang: "vi", wantTo: otherPhone, wantReceived: "da duoc tiep nhan"},
	}
	for i, st := range steps {
		if st.phone != "" {
			contactChange(t, srv, p.IDNumber, st.phone, st.lang)
		}
		out := appReissue(t, srv, token, appReissueInput(t, srv, p.SocialInsuranceCode, "LOST", appPostal(), "contact-"+string(rune('a'+i))))
		if out.Application == nil {
			t.Fatalf("%s: reissue: got userErrors %+v, want an application", st.name, out.UserErrors)
		}
		got := waitApplicationSMS(t, srv, out.Application.Code)
		if got.To != st.wantTo || !strings.Contains(got.Text, st.wantReceived) {
			t.Errorf("%s: receipt went to %s as %q, want to %s containing %q", st.name, got.To, got.Text, st.wantTo, st.wantReceived)
		}
		// The card may have one open reissue: free it for the next step.
		if _, err := srv.DB.Exec(`UPDATE applications SET open_key = NULL WHERE code = $1`, out.Application.Code); err != nil {
			t.Fatal(err)
		}
	}
}

// TestApplicationStatusSMSReachesApplicant: an agency's move is told to the
// applicant at the account's phone in its language as they are at the move
// (the agency's request reads the applicant's account), not where the
// receipt went.
func TestApplicationStatusSMSReachesApplicant(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := appAn
	token := srv.Register(t, p)
	out := appReissue(t, srv, token, appReissueInput(t, srv, p.SocialInsuranceCode, "LOST", appPostal(), "status-1"))
	if out.Application == nil {
		t.Fatalf("reissue: got userErrors %+v, want an application", out.UserErrors)
	}
	if got := waitApplicationSMS(t, srv, out.Application.Code); got.To != p.Phone {
		t.Fatalf("receipt went to %s, want %s", got.To, p.Phone)
	}
	const otherPhone = "+84399000222"
	contactChange(t, srv, p.IDNumber, otherPhone, "en")
	if got := appTransition(t, srv, srv.AgencyKey(t, "BHXH"), out.Application.ID, "RECEIVE", "", nil); got.Application == nil {
		t.Fatalf("receive: got userErrors %+v, want the application", got.UserErrors)
	}
	got := srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == otherPhone && strings.Contains(m.Text, out.Application.Code) })
	if want := "DVC: Application " + out.Application.Code + ":"; !strings.HasPrefix(got.Text, want) {
		t.Errorf("status SMS: got %q, want it in English, starting %q", got.Text, want)
	}
}
