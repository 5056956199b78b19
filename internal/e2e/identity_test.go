package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/identity/identitytest"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

type meData struct {
	Viewer *struct {
		Citizen *struct {
			ID                  string `json:"id"`
			FullName            string `json:"fullName"`
			DateOfBirth         string `json:"dateOfBirth"`
			MaskedIDNumber      string `json:"maskedIdNumber"`
			MaskedPhone         string `json:"maskedPhone"`
			SocialInsuranceCode string `json:"socialInsuranceCode"`
			HealthInsuranceCard *struct {
				Number           string `json:"number"`
				ValidFrom        string `json:"validFrom"`
				ValidTo          string `json:"validTo"`
				RegisteredClinic string `json:"registeredClinic"`
			} `json:"healthInsuranceCard"`
			Address struct {
				ProvinceCode string `json:"provinceCode"`
				WardCode     string `json:"wardCode"`
				Street       string `json:"street"`
				Formatted    string `json:"formatted"`
			} `json:"address"`
		} `json:"citizen"`
	} `json:"viewer"`
}

func TestIdentityContractFlows(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]

	// Registration: the OTP goes to the phone on record.
	reg := srv.RegisterCitizen(t, srv.RegistrationInput(t, p))
	if len(reg.UserErrors) != 0 || reg.Challenge == nil {
		t.Fatalf("register: %+v", reg.UserErrors)
	}
	if reg.Challenge.Purpose != "REGISTRATION" || reg.Challenge.MaskedPhone != vnid.MaskPhone(p.Phone) {
		t.Fatalf("challenge %+v", reg.Challenge)
	}
	expires, err := time.Parse(time.RFC3339, reg.Challenge.ExpiresAt)
	if err != nil || time.Until(expires) > 5*time.Minute || time.Until(expires) < 4*time.Minute {
		t.Fatalf("expiresAt %q", reg.Challenge.ExpiresAt)
	}
	v := srv.VerifyOTP(t, reg.Challenge.ID, srv.OTP(t, p.Phone))
	if len(v.UserErrors) != 0 || v.Session == nil || !strings.HasPrefix(v.Session.Token, "dvcs_") {
		t.Fatalf("verify: %+v", v.UserErrors)
	}
	if v.Viewer == nil || v.Viewer.Citizen == nil || v.Viewer.Citizen.FullName != p.FullName {
		t.Fatalf("viewer %+v", v.Viewer)
	}

	// Me, with the session.
	resp := srv.Do(t, apitest.Request{Query: meDoc, Token: v.Session.Token})
	resp.MustOK(t)
	var me meData
	resp.Decode(t, &me)
	c := me.Viewer.Citizen
	if c.ID != v.Viewer.Citizen.ID || c.FullName != p.FullName || c.DateOfBirth != p.DateOfBirth.Format("2006-01-02") ||
		c.MaskedIDNumber != vnid.MaskIDNumber(p.IDNumber) || c.MaskedPhone != vnid.MaskPhone(p.Phone) ||
		c.SocialInsuranceCode != vnid.MaskCode(p.SocialInsuranceCode) || c.Address.WardCode != p.Address.WardCode ||
		c.Address.Street != p.Address.Street || !strings.Contains(c.Address.Formatted, p.Address.Street) {
		t.Fatalf("me %+v", c)
	}
	if (c.HealthInsuranceCard == nil) != (p.Card == nil) || (p.Card != nil && c.HealthInsuranceCard.Number != vnid.MaskCode(p.Card.Number)) {
		t.Fatalf("card %+v", c.HealthInsuranceCard)
	}
	for _, full := range []string{p.IDNumber, p.SocialInsuranceCode, p.Phone} {
		if strings.Contains(string(resp.Data), full) {
			t.Fatal("a full personal identifier is in the response")
		}
	}

	// Logout, then login again with the SMS code.
	var out struct {
		Logout struct {
			Revoked bool `json:"revoked"`
		} `json:"logout"`
	}
	resp = srv.Do(t, apitest.Request{Query: contractops.Logout, Token: v.Session.Token})
	resp.MustOK(t)
	resp.Decode(t, &out)
	if !out.Logout.Revoked {
		t.Fatal("not revoked")
	}
	start := srv.StartLogin(t, p.IDNumber, apitest.Password)
	if len(start.UserErrors) != 0 || start.Challenge.Purpose != "LOGIN" {
		t.Fatalf("startLogin: %+v", start)
	}
	v = srv.VerifyOTP(t, start.Challenge.ID, srv.OTP(t, p.Phone))
	if v.Session == nil {
		t.Fatalf("verify login: %+v", v.UserErrors)
	}
	srv.Do(t, apitest.Request{Query: meDoc, Token: v.Session.Token}).MustOK(t)
}

func TestIdentityMeWithoutSessionIsUnauthenticated(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	for _, tok := range []string{"", "dvcs_" + strings.Repeat("A", 43), "garbage"} {
		resp := srv.Do(t, apitest.Request{Query: meDoc, Token: tok})
		if resp.Status != http.StatusOK || errorCode(t, resp) != "UNAUTHENTICATED" {
			t.Fatalf("token %q: %d %+v", tok, resp.Status, resp.Errors)
		}
	}
}

func TestIdentityCitizenNodeOnlyForThatCitizen(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ps := apitest.Personas()
	tokA := srv.Register(t, ps[0])
	tokB := srv.Register(t, ps[1])
	idOf := func(tok string) string {
		var me meData
		resp := srv.Do(t, apitest.Request{Query: `{ viewer { citizen { id } } }`, Token: tok})
		resp.MustOK(t)
		resp.Decode(t, &me)
		return me.Viewer.Citizen.ID
	}
	idA := idOf(tokA)
	nodeQuery := `query($id: ID!) { node(id: $id) { id ... on Citizen { fullName } } }`
	var got struct {
		Node *struct {
			ID       string `json:"id"`
			FullName string `json:"fullName"`
		} `json:"node"`
	}
	resp := srv.Do(t, apitest.Request{Query: nodeQuery, Variables: map[string]any{"id": idA}, Token: tokA})
	resp.MustOK(t)
	resp.Decode(t, &got)
	if got.Node == nil || got.Node.FullName != ps[0].FullName {
		t.Fatalf("own node %+v", got.Node)
	}
	for _, tok := range []string{tokB, ""} {
		resp := srv.Do(t, apitest.Request{Query: nodeQuery, Variables: map[string]any{"id": idA}, Token: tok})
		if strings.Contains(string(resp.Data), ps[0].FullName) {
			t.Fatalf("another caller sees the citizen: %s", resp.Data)
		}
	}
}

func TestIdentityWrongCaptcha(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	in := srv.RegistrationInput(t, p)
	in["captcha"] = map[string]any{"id": srv.Captcha(t).ID, "answer": "123456"}
	ue := oneError(t, srv.RegisterCitizen(t, in).UserErrors, "INVALID_CAPTCHA")
	if strings.Join(ue.Field, ".") != "captcha" {
		t.Fatalf("field %v", ue.Field)
	}
	login := srv.StartLogin(t, p.IDNumber, apitest.Password) // with a right captcha: unknown account
	oneError(t, login.UserErrors, "INVALID_CREDENTIALS")
	var bad apitest.ChallengePayload
	srv.Mutate(t, "", contractops.StartLogin, "startLogin", map[string]any{"idNumber": p.IDNumber, "password": apitest.Password,
		"captcha": map[string]any{"id": strings.Repeat("ab", 16), "answer": "000000"}}, &bad) // well-formed, never issued
	oneError(t, bad.UserErrors, "INVALID_CAPTCHA")
	if identitytest.Accounts(t, srv.DB) != 0 {
		t.Fatal("an account was created")
	}
}

func TestIdentityReusedCaptcha(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ps := apitest.Personas()
	in := srv.RegistrationInput(t, ps[0])
	if reg := srv.RegisterCitizen(t, in); len(reg.UserErrors) != 0 {
		t.Fatal(reg.UserErrors)
	}
	srv.OTP(t, ps[0].Phone)
	in2 := srv.RegistrationInput(t, ps[1])
	in2["captcha"] = in["captcha"] // used once already, successfully
	oneError(t, srv.RegisterCitizen(t, in2).UserErrors, "INVALID_CAPTCHA")
	// A captcha answered wrongly is used up too.
	in3 := srv.RegistrationInput(t, ps[1])
	id := in3["captcha"].(map[string]any)["id"]
	in3["captcha"] = map[string]any{"id": id, "answer": "999999"}
	oneError(t, srv.RegisterCitizen(t, in3).UserErrors, "INVALID_CAPTCHA")
	in3["captcha"] = map[string]any{"id": id, "answer": "000000"}
	oneError(t, srv.RegisterCitizen(t, in3).UserErrors, "INVALID_CAPTCHA")
}

func TestIdentityRegistryMismatchOnEachField(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ps := apitest.Personas()
	p, other := ps[0], ps[1]
	otherPhone, _ := vnid.NationalMobile(other.Phone)
	dob := p.DateOfBirth.AddDate(0, 0, 1)
	if dob.Year() != p.DateOfBirth.Year() {
		dob = p.DateOfBirth.AddDate(0, 0, -1)
	}
	var message string
	for field, value := range map[string]any{
		"fullName":            "Trần Thị Không Khớp",
		"dateOfBirth":         dob.Format("2006-01-02"),
		"socialInsuranceCode": other.SocialInsuranceCode,
		"phone":               otherPhone,
		"idNumber":            p.IDNumber[:6] + "000001", // same province, century and year: not in the registry
	} {
		in := srv.RegistrationInput(t, p)
		in[field] = value
		ue := oneError(t, srv.RegisterCitizen(t, in).UserErrors, "REGISTRY_MISMATCH")
		if len(ue.Field) != 0 {
			t.Fatalf("%s: the error names a field %v", field, ue.Field)
		}
		if message == "" {
			message = ue.Message
		} else if ue.Message != message {
			t.Fatalf("%s: another message %q", field, ue.Message)
		}
	}
	if identitytest.Accounts(t, srv.DB) != 0 {
		t.Fatal("an account was created")
	}
	if n := len(srv.SMS(t)); n != 0 {
		t.Fatalf("%d SMS sent", n)
	}
}

func TestIdentityAlreadyRegistered(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	oneError(t, srv.RegisterCitizen(t, srv.RegistrationInput(t, p)).UserErrors, "ALREADY_REGISTERED")
	in := srv.RegistrationInput(t, p)
	in["fullName"] = "Người Khác"
	oneError(t, srv.RegisterCitizen(t, in).UserErrors, "REGISTRY_MISMATCH")
}

func TestIdentityWeakPassword(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	for _, pw := range []string{"12345678", "password1", "matkhau123", "Anhyeuem", "short"} {
		in := srv.RegistrationInput(t, p)
		in["password"] = pw
		ue := oneError(t, srv.RegisterCitizen(t, in).UserErrors, "INVALID")
		if strings.Join(ue.Field, ".") != "password" {
			t.Fatalf("%q: field %v", pw, ue.Field)
		}
	}
	if identitytest.Accounts(t, srv.DB) != 0 {
		t.Fatal("an account was created")
	}
}

func TestIdentityIDNumberContradictsBirthDate(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	for name, change := range map[string]func(map[string]any){
		"year":    func(in map[string]any) { in["dateOfBirth"] = p.DateOfBirth.AddDate(-1, 0, 0).Format("2006-01-02") },
		"century": func(in map[string]any) { in["idNumber"] = p.IDNumber[:3] + "4" + p.IDNumber[4:] },
	} {
		in := srv.RegistrationInput(t, p)
		change(in)
		ue := oneError(t, srv.RegisterCitizen(t, in).UserErrors, "INVALID")
		if strings.Join(ue.Field, ".") != "idNumber" {
			t.Fatalf("%s: field %v", name, ue.Field)
		}
	}
}

func TestIdentitySixthWrongOTP(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	start := srv.StartLogin(t, p.IDNumber, apitest.Password)
	code := srv.OTP(t, p.Phone)
	wrong := otherCode(code)
	for i := 1; i <= 5; i++ {
		v := srv.VerifyOTP(t, start.Challenge.ID, wrong)
		oneError(t, v.UserErrors, "INVALID_OTP")
		if v.AttemptsLeft == nil || *v.AttemptsLeft != 5-i || v.Session != nil {
			t.Fatalf("attempt %d: %+v", i, v)
		}
	}
	v := srv.VerifyOTP(t, start.Challenge.ID, wrong)
	oneError(t, v.UserErrors, "CHALLENGE_CLOSED")
	// The right code after the challenge died.
	v = srv.VerifyOTP(t, start.Challenge.ID, code)
	oneError(t, v.UserErrors, "CHALLENGE_CLOSED")
	if v.Session != nil {
		t.Fatal("a session from a dead challenge")
	}
}

func otherCode(code string) string {
	if code == "111111" {
		return "222222"
	}
	return "111111"
}

func TestIdentityOTPAfterFiveMinutes(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	start := srv.StartLogin(t, p.IDNumber, apitest.Password)
	code := srv.OTP(t, p.Phone)
	identitytest.AgeChallenge(t, srv.DB, start.Challenge.ID, 5*time.Minute)
	v := srv.VerifyOTP(t, start.Challenge.ID, code)
	oneError(t, v.UserErrors, "OTP_EXPIRED")
	if v.Session != nil {
		t.Fatal("a session from an expired code")
	}
}

func TestIdentityChallengeOfAnotherAccount(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ps := apitest.Personas()
	srv.Register(t, ps[0])
	srv.Register(t, ps[1])
	a := srv.StartLogin(t, ps[0].IDNumber, apitest.Password)
	codeA := srv.OTP(t, ps[0].Phone)
	b := srv.StartLogin(t, ps[1].IDNumber, apitest.Password)
	codeB := srv.OTP(t, ps[1].Phone)
	if codeA == codeB {
		t.Skip("the two random codes are equal")
	}
	// B's code on A's challenge: wrong code, counted.
	v := srv.VerifyOTP(t, a.Challenge.ID, codeB)
	oneError(t, v.UserErrors, "INVALID_OTP")
	v = srv.VerifyOTP(t, b.Challenge.ID, codeB)
	if v.Session == nil || v.Viewer.Citizen.FullName != ps[1].FullName {
		t.Fatalf("B's own challenge: %+v", v)
	}
}

func TestIdentityFiftyVerifyAliasesRefused(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	start := srv.StartLogin(t, p.IDNumber, apitest.Password)
	code := srv.OTP(t, p.Phone)
	var doc strings.Builder
	doc.WriteString("mutation {")
	for i := range 50 {
		fmt.Fprintf(&doc, " g%d: verifyOtp(input: {challengeId: %q, code: \"%06d\"}) { attemptsLeft session { token } }", i, start.Challenge.ID, i)
	}
	doc.WriteString(" }")
	resp := srv.Do(t, apitest.Request{Query: doc.String()})
	if len(resp.Errors) == 0 || strings.Contains(string(resp.Data), "token") {
		t.Fatalf("50 guesses accepted: %d %s", resp.Status, resp.Data)
	}
	if n := identitytest.Attempts(t, srv.DB, start.Challenge.ID); n != 0 {
		t.Fatalf("%d guesses counted", n)
	}
	// Two are refused as well.
	two := fmt.Sprintf(`mutation { a: verifyOtp(input: {challengeId: %q, code: "000000"}) { attemptsLeft } b: verifyOtp(input: {challengeId: %q, code: "000001"}) { attemptsLeft } }`, start.Challenge.ID, start.Challenge.ID)
	if resp := srv.Do(t, apitest.Request{Query: two}); len(resp.Errors) == 0 {
		t.Fatal("two verifyOtp in one request accepted")
	}
	if v := srv.VerifyOTP(t, start.Challenge.ID, code); v.Session == nil {
		t.Fatalf("the right code after the refused batch: %+v", v.UserErrors)
	}
}

func TestIdentityResendBeforeCooldown(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	start := srv.StartLogin(t, p.IDNumber, apitest.Password)
	first := srv.OTP(t, p.Phone)
	var r apitest.ChallengePayload
	srv.Mutate(t, "", contractops.ResendOtp, "resendOtp", map[string]any{"challengeId": start.Challenge.ID}, &r)
	oneError(t, r.UserErrors, "RESEND_TOO_SOON")
	// After the cooldown: a new code replaces the old one; attempts are kept.
	identitytest.AgeChallenge(t, srv.DB, start.Challenge.ID, time.Minute)
	srv.Mutate(t, "", contractops.ResendOtp, "resendOtp", map[string]any{"challengeId": start.Challenge.ID}, &r)
	if len(r.UserErrors) != 0 || r.Challenge == nil {
		t.Fatalf("resend after the cooldown: %+v", r.UserErrors)
	}
	second := srv.OTP(t, p.Phone)
	if first != second {
		v := srv.VerifyOTP(t, start.Challenge.ID, first)
		oneError(t, v.UserErrors, "INVALID_OTP")
	}
	if v := srv.VerifyOTP(t, start.Challenge.ID, second); v.Session == nil {
		t.Fatalf("the new code: %+v", v.UserErrors)
	}
}

// loginsPerIP10 configures the per-IP login limit of the tests below: 10 a
// minute (the default is higher, for carrier-grade NAT).
var loginsPerIP10 = apitest.WithConfig(func(c *config.Config) {
	c.RateLimits.LoginPerIP = ratelimit.Limit{Max: 10, Window: time.Minute}
})

func TestIdentityTwentyLoginsAMinuteFromOneIP(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t, loginsPerIP10)
	ps := apitest.Personas()
	limited := 0
	for i := range 20 {
		resp := srv.Do(t, apitest.Request{Query: contractops.StartLogin, Variables: map[string]any{"input": map[string]any{
			"idNumber": ps[i].IDNumber, "password": apitest.Password, "captcha": srv.Captcha(t).Input(),
		}}})
		if len(resp.Errors) == 0 {
			if limited > 0 {
				t.Fatalf("login %d allowed after a refusal", i+1)
			}
			continue
		}
		if code := errorCode(t, resp); code != "RATE_LIMITED" {
			t.Fatalf("login %d: %s", i+1, code)
		}
		if ra, ok := resp.Errors[0].Extensions["retryAfterSeconds"].(float64); !ok || ra < 1 || ra > 60 {
			t.Fatalf("retryAfterSeconds %v", resp.Errors[0].Extensions["retryAfterSeconds"])
		}
		limited++
	}
	if limited != 10 {
		t.Fatalf("%d of 20 logins refused, want 10", limited)
	}
}

func TestIdentityStolenTokenAfterLogout(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	tok := srv.Register(t, apitest.Personas()[0])
	srv.Do(t, apitest.Request{Query: meDoc, Token: tok}).MustOK(t)
	srv.Do(t, apitest.Request{Query: contractops.Logout, Token: tok}).MustOK(t)
	if code := errorCode(t, srv.Do(t, apitest.Request{Query: meDoc, Token: tok})); code != "UNAUTHENTICATED" {
		t.Fatal(code)
	}
	if code := errorCode(t, srv.Do(t, apitest.Request{Query: contractops.Logout, Token: tok})); code != "UNAUTHENTICATED" {
		t.Fatal(code)
	}
}

func TestIdentityTokenAfterIdleTimeout(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	tok := srv.Register(t, p)
	identitytest.AgeSessions(t, srv.DB, p.IDNumber, 29*time.Minute)
	srv.Do(t, apitest.Request{Query: meDoc, Token: tok}).MustOK(t) // used: idle time starts again
	identitytest.AgeSessions(t, srv.DB, p.IDNumber, 29*time.Minute)
	srv.Do(t, apitest.Request{Query: meDoc, Token: tok}).MustOK(t)
	identitytest.AgeSessions(t, srv.DB, p.IDNumber, 31*time.Minute)
	if code := errorCode(t, srv.Do(t, apitest.Request{Query: meDoc, Token: tok})); code != "UNAUTHENTICATED" {
		t.Fatal(code)
	}
}

// hostile are strings an attacker sends: SQL, control characters, invalid
// UTF-8, very long.
var hostile = []string{
	"' OR '1'='1",
	"1; DROP TABLE identity_accounts; --",
	"abc\x00def",
	"line\nbreak\r",
	"\x1b[31mred",
	"bad\xffutf8",
	strings.Repeat("ả", 5000),
}

func TestIdentityHostileStrings(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	shared := srv.Captcha(t) // format errors are refused before the captcha is used
	set := func(in map[string]any, field, value string) {
		if f, ok := strings.CutPrefix(field, "captcha."); ok {
			in["captcha"].(map[string]any)[f] = value
		} else {
			in[field] = value
		}
	}
	for _, field := range []string{"idNumber", "fullName", "socialInsuranceCode", "phone", "password", "captcha.id", "captcha.answer"} {
		for _, bad := range hostile {
			if field == "password" && !strings.ContainsFunc(bad, isControlOrLong(bad)) {
				continue // SQL-looking text is a fine password
			}
			in := srv.RegistrationInput(t, p, shared)
			if field == "captcha.answer" {
				in["captcha"] = srv.Captcha(t).Input()
			}
			set(in, field, bad)
			resp := srv.Do(t, apitest.Request{Query: contractops.RegisterCitizen, Variables: map[string]any{"input": in}})
			checkRefused(t, resp, "registerCitizen", field, bad)
		}
	}
	// Logins for unknown ID numbers, one each, so the per-account limit stays out of the way.
	unknown := apitest.Personas()[1:]
	for _, field := range []string{"idNumber", "password", "captcha.id", "captcha.answer"} {
		for _, bad := range hostile {
			c := shared
			if field == "password" || field == "captcha.answer" {
				c = srv.Captcha(t) // these reach the captcha check
			}
			in := map[string]any{"idNumber": unknown[0].IDNumber, "password": apitest.Password, "captcha": c.Input()}
			unknown = unknown[1:]
			set(in, field, bad)
			resp := srv.Do(t, apitest.Request{Query: contractops.StartLogin, Variables: map[string]any{"input": in}})
			checkRefused(t, resp, "startLogin", field, bad)
		}
	}
	for _, bad := range hostile {
		for _, in := range []map[string]any{
			{"challengeId": bad, "code": "123456"},
			{"challengeId": "00000000-0000-4000-8000-000000000000", "code": bad},
		} {
			resp := srv.Do(t, apitest.Request{Query: contractops.VerifyOtp, Variables: map[string]any{"input": in}})
			checkRefused(t, resp, "verifyOtp", "", bad)
		}
		resp := srv.Do(t, apitest.Request{Query: contractops.ResendOtp, Variables: map[string]any{"input": map[string]any{"challengeId": bad}}})
		checkRefused(t, resp, "resendOtp", "challengeId", bad)
	}
	if identitytest.Accounts(t, srv.DB) != 0 {
		t.Fatal("an account was created")
	}
	if n := len(srv.SMS(t)); n != 0 {
		t.Fatalf("%d SMS sent", n)
	}
}

// isControlOrLong matches the characters that make bad an invalid password.
func isControlOrLong(bad string) func(rune) bool {
	return func(r rune) bool { return r < 0x20 || r == 0x7f || utf8.RuneCountInString(bad) > 128 }
}

// checkRefused asserts a clean refusal: 200, no GraphQL error, one or more
// userErrors (on field when given), nothing echoed back.
func checkRefused(t *testing.T, resp *apitest.Response, mutation, field, bad string) {
	t.Helper()
	if resp.Status != http.StatusOK || len(resp.Errors) != 0 {
		t.Fatalf("%s %s=%q: status %d errors %+v", mutation, field, short(bad), resp.Status, resp.Errors)
	}
	var data map[string]struct {
		UserErrors []apitest.UserError `json:"userErrors"`
	}
	if err := json.Unmarshal(resp.Data, &data); err != nil {
		t.Fatal(err)
	}
	ues := data[mutation].UserErrors
	if len(ues) == 0 {
		t.Fatalf("%s %s=%q accepted", mutation, field, short(bad))
	}
	if field != "" && field != "password" && field != "fullName" {
		found := false
		for _, ue := range ues {
			path := strings.Join(ue.Field, ".")
			found = found || path == field || strings.HasPrefix(field, path+".")
		}
		if !found {
			t.Fatalf("%s %s=%q: errors %+v name another field", mutation, field, short(bad), ues)
		}
	}
	if len(bad) > 3 && strings.Contains(string(resp.Data), bad) {
		t.Fatalf("%s echoes the input", mutation)
	}
}

func short(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

func TestIdentityTwoProcessesOneDatabase(t *testing.T) {
	t.Parallel()
	a := apitest.New(t, loginsPerIP10)
	b := apitest.NewOnDB(t, a.DB, loginsPerIP10)
	ps := apitest.Personas()
	p := ps[0]
	// Registered on A, verified on B.
	reg := a.RegisterCitizen(t, a.RegistrationInput(t, p))
	if reg.Challenge == nil {
		t.Fatal(reg.UserErrors)
	}
	v := b.VerifyOTP(t, reg.Challenge.ID, a.OTP(t, p.Phone))
	if v.Session == nil {
		t.Fatal(v.UserErrors)
	}
	// The session works on both.
	a.Do(t, apitest.Request{Query: meDoc, Token: v.Session.Token}).MustOK(t)
	b.Do(t, apitest.Request{Query: meDoc, Token: v.Session.Token}).MustOK(t)
	// Login started on B, verified on A; wrong codes count across both.
	start := b.StartLogin(t, p.IDNumber, apitest.Password)
	code := b.OTP(t, p.Phone)
	for i, srv := range []*apitest.Server{a, b, a, b, a} {
		w := srv.VerifyOTP(t, start.Challenge.ID, otherCode(code))
		if w.AttemptsLeft == nil || *w.AttemptsLeft != 4-i {
			t.Fatalf("attempt %d: %+v", i+1, w)
		}
	}
	oneError(t, b.VerifyOTP(t, start.Challenge.ID, code).UserErrors, "CHALLENGE_CLOSED")
	// The per-IP login limit counts across both: 10 a minute in all (one
	// login so far).
	refused := 0
	for i := range 10 {
		srv := []*apitest.Server{a, b}[i%2]
		resp := srv.Do(t, apitest.Request{Query: contractops.StartLogin, Variables: map[string]any{"input": map[string]any{
			"idNumber": ps[i+1].IDNumber, "password": apitest.Password, "captcha": srv.Captcha(t).Input(),
		}}})
		if len(resp.Errors) > 0 && errorCode(t, resp) == "RATE_LIMITED" {
			refused++
		}
	}
	if refused != 1 {
		t.Fatalf("%d of 10 refused, want 1 (the limit is shared)", refused)
	}
}

func TestIdentityTwoLoginsAtOnce(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	p := apitest.Personas()[0]
	srv.Register(t, p)
	captchas := []apitest.Captcha{srv.Captcha(t), srv.Captcha(t)}
	var wg sync.WaitGroup
	starts := make([]apitest.ChallengePayload, 2)
	for i := range 2 {
		wg.Go(func() {
			resp := srv.Do(t, apitest.Request{Query: contractops.StartLogin, Variables: map[string]any{"input": map[string]any{
				"idNumber": p.IDNumber, "password": apitest.Password, "captcha": captchas[i].Input(),
			}}})
			var data struct {
				StartLogin apitest.ChallengePayload `json:"startLogin"`
			}
			if err := json.Unmarshal(resp.Data, &data); err != nil || len(resp.Errors) > 0 {
				t.Errorf("login %d: %v %+v", i, err, resp.Errors)
				return
			}
			starts[i] = data.StartLogin
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for _, s := range starts {
		if s.Challenge == nil {
			t.Fatalf("no challenge: %+v", s.UserErrors)
		}
	}
	// Exactly one challenge is open (the later one superseded the other). The
	// open one's code must arrive; the superseded one's may have left before
	// it was superseded, or never (an OTP whose challenge is no longer open is
	// dropped). Trying every code that arrives on every challenge yields one
	// session.
	sessions := 0
	deadline := time.Now().Add(15 * time.Second)
	for sessions == 0 && time.Now().Before(deadline) {
		code, ok := srv.Inbox().Poll(t, p.Phone)
		if !ok {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		for _, s := range starts {
			if v := srv.VerifyOTP(t, s.Challenge.ID, code); v.Session != nil {
				sessions++
			}
		}
	}
	if sessions != 1 {
		t.Fatalf("%d sessions from two concurrent logins", sessions)
	}
}
