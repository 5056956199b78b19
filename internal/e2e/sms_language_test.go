package e2e_test

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/contractops"
)

// TestSMSInAccountLanguage: a citizen who registered in English gets the OTP
// and the application receipt in English; the receipt goes to the phone
// registered with the account.
func TestSMSInAccountLanguage(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := appAn
	resp := srv.Do(t, apitest.Request{Headers: map[string]string{"Accept-Language": "en"}, Query: contractops.RegisterCitizen,
		Variables: map[string]any{"input": srv.RegistrationInput(t, p)}})
	var reg struct{ RegisterCitizen apitest.ChallengePayload }
	resp.Decode(t, &reg)
	if reg.RegisterCitizen.Challenge == nil {
		t.Fatalf("register: got %s, want a challenge", resp)
	}
	otp := srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == p.Phone && m.Purpose == "OTP" })
	if strings.Contains(otp.Text, "Ma xac thuc") {
		t.Fatalf("OTP for an English account is in Vietnamese: %q", otp.Text)
	}
	token := srv.Activate(t, reg.RegisterCitizen.Challenge.ID, srv.OTP(t, p.Phone))

	out := appReissue(t, srv, token, appReissueInput(t, srv, p.SocialInsuranceCode, "LOST", appPostal(), "en-1"))
	if out.Application == nil {
		t.Fatalf("reissue: %+v", out.UserErrors)
	}
	receipt := srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == p.Phone && m.Purpose != "OTP" })
	if !strings.Contains(receipt.Text, "has been received") || strings.Contains(receipt.Text, "da duoc tiep nhan") {
		t.Fatalf("receipt for an English account: %q", receipt.Text)
	}
}
