package e2e_test

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// TestSMSInAccountLanguage: a citizen who registered in English gets the OTP
// and the application receipt in English; the receipt goes to the phone
// registered with the account.
func TestSMSInAccountLanguage(t *testing.T) {
	srv := apitest.New(t)
	p := appAn
	resp := srv.Do(t, apitest.Request{Headers: map[string]string{"Accept-Language": "en"}, Query: `mutation($in: RegisterCitizenInput!) {
		registerCitizen(input: $in) { challenge { id } userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{
			"idNumber": p.idNumber, "fullName": p.fullName, "dateOfBirth": p.dob, "socialInsuranceCode": p.si,
			"phone": p.phone, "password": appPassword, "captcha": appCaptcha(t, srv)}}})
	var reg struct {
		RegisterCitizen struct{ Challenge *struct{ ID string } }
	}
	resp.Decode(t, &reg)
	if reg.RegisterCitizen.Challenge == nil {
		t.Fatalf("register: %s", resp)
	}
	otp := srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == p.e164 && m.Purpose == "OTP" })
	if strings.Contains(otp.Text, "Ma xac thuc") {
		t.Fatalf("OTP for an English account is in Vietnamese: %q", otp.Text)
	}
	token := appVerify(t, srv, reg.RegisterCitizen.Challenge.ID, appOTPFrom(t, func() []apitest.SMS { return srv.SMS(t) }, p.e164, 0))

	out := appReissue(t, srv, token, appReissueInput(t, srv, p.si, "LOST", appPostal(), "en-1"))
	if out.Application == nil {
		t.Fatalf("reissue: %+v", out.UserErrors)
	}
	receipt := srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == p.e164 && m.Purpose != "OTP" })
	if !strings.Contains(receipt.Text, "has been received") || strings.Contains(receipt.Text, "da duoc tiep nhan") {
		t.Fatalf("receipt for an English account: %q", receipt.Text)
	}
}
