package apitest

// The end-to-end test client: the typed flows every API test shares (captcha,
// register and activate a persona, log in, agency API keys, a mutation's
// payload). Each flow sends the contract's own operation over real HTTP and
// fails the test, in got/want form, when the server does not do its part.

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/partner"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Password is the password the flows register every persona with (it passes
// the password policy).
const Password = "Hoa sen nở giữa đầm 2026"

// UserError is one entry of a payload's userErrors.
type UserError struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	Code    string   `json:"code"`
}

// Challenge is an OTP challenge as the contract returns it.
type Challenge struct {
	ID                string `json:"id"`
	Purpose           string `json:"purpose"`
	MaskedPhone       string `json:"maskedPhone"`
	ExpiresAt         string `json:"expiresAt"`
	ResendAvailableAt string `json:"resendAvailableAt"`
}

// ChallengePayload is the payload of registerCitizen, startLogin and resendOtp.
type ChallengePayload struct {
	Challenge  *Challenge  `json:"challenge"`
	UserErrors []UserError `json:"userErrors"`
}

// VerifyPayload is the payload of verifyOtp.
type VerifyPayload struct {
	Session *struct {
		Token     string `json:"token"`
		ExpiresAt string `json:"expiresAt"`
	} `json:"session"`
	Viewer *struct {
		Citizen *struct {
			ID       string `json:"id"`
			FullName string `json:"fullName"`
		} `json:"citizen"`
	} `json:"viewer"`
	AttemptsLeft *int        `json:"attemptsLeft"`
	UserErrors   []UserError `json:"userErrors"`
}

// Captcha is a captcha the test provider will accept (CAPTCHA_PROVIDER=test).
type Captcha struct{ ID, Answer string }

// Input is the CaptchaInput of a mutation.
func (c Captcha) Input() map[string]any { return map[string]any{"id": c.ID, "answer": c.Answer} }

// Captcha creates a captcha through createCaptcha, checks that it comes with
// its PNG image and WAV audio, and returns it with the answer the test
// provider accepts.
func (s *Server) Captcha(t testing.TB) Captcha {
	t.Helper()
	var data struct {
		CreateCaptcha struct {
			Captcha struct {
				ID           string `json:"id"`
				ImageDataURL string `json:"imageDataUrl"`
				AudioDataURL string `json:"audioDataUrl"`
			} `json:"captcha"`
		} `json:"createCaptcha"`
	}
	resp := s.Do(t, Request{Query: contractops.CreateCaptcha})
	resp.MustOK(t).Decode(t, &data)
	c := data.CreateCaptcha.Captcha
	if c.ID == "" || !strings.HasPrefix(c.ImageDataURL, "data:image/png;base64,") || !strings.HasPrefix(c.AudioDataURL, "data:audio/wav;base64,") {
		t.Fatalf("createCaptcha: got %+v, want an id, a PNG and a WAV data URL", c)
	}
	return Captcha{ID: c.ID, Answer: captcha.TestAnswer}
}

// Mutate sends doc with $input (none when input is nil) as the holder of
// token (none when empty), requires a 200 without errors, and decodes
// data.<field> into into.
func (s *Server) Mutate(t testing.TB, token, doc, field string, input map[string]any, into any) {
	t.Helper()
	req := Request{Query: doc, Token: token}
	if input != nil {
		req.Variables = map[string]any{"input": input}
	}
	s.Payload(t, req, field, into)
}

// Payload sends req, requires a 200 without errors, and decodes
// data.<field> into into.
func (s *Server) Payload(t testing.TB, req Request, field string, into any) {
	t.Helper()
	resp := s.Do(t, req).MustOK(t)
	var data map[string]json.RawMessage
	resp.Decode(t, &data)
	if err := json.Unmarshal(data[field], into); err != nil {
		t.Fatalf("decode %s: %v in %s", field, err, resp.Body)
	}
}

// RegistrationInput is a RegisterCitizenInput that matches p, with the
// password Password and a new captcha (or the one given).
func (s *Server) RegistrationInput(t testing.TB, p population.Person, c ...Captcha) map[string]any {
	t.Helper()
	if len(c) == 0 {
		c = append(c, s.Captcha(t))
	}
	phone, err := vnid.NationalMobile(p.Phone)
	if err != nil {
		t.Fatalf("persona %s: phone: %v", p.FullName, err)
	}
	return map[string]any{
		"idNumber":            p.IDNumber,
		"fullName":            p.FullName,
		"dateOfBirth":         p.DateOfBirth.Format("2006-01-02"),
		"socialInsuranceCode": p.SocialInsuranceCode,
		"phone":               phone,
		"password":            Password,
		"captcha":             c[0].Input(),
	}
}

// RegisterCitizen sends registerCitizen with input and returns its payload.
func (s *Server) RegisterCitizen(t testing.TB, input map[string]any) ChallengePayload {
	t.Helper()
	var p ChallengePayload
	s.Mutate(t, "", contractops.RegisterCitizen, "registerCitizen", input, &p)
	return p
}

// StartLogin sends startLogin for idNumber with password and a solved captcha.
func (s *Server) StartLogin(t testing.TB, idNumber, password string) ChallengePayload {
	t.Helper()
	var p ChallengePayload
	s.Mutate(t, "", contractops.StartLogin, "startLogin", map[string]any{
		"idNumber": idNumber, "password": password, "captcha": s.Captcha(t).Input(),
	}, &p)
	return p
}

// VerifyOTP sends verifyOtp and returns its payload.
func (s *Server) VerifyOTP(t testing.TB, challengeID, code string) VerifyPayload {
	t.Helper()
	var p VerifyPayload
	s.Mutate(t, "", contractops.VerifyOtp, "verifyOtp", map[string]any{"challengeId": challengeID, "code": code}, &p)
	return p
}

// Register registers p (RegistrationInput), activates the account with the
// OTP the SMS sink receives, and returns the session token.
func (s *Server) Register(t testing.TB, p population.Person) string {
	t.Helper()
	return s.RegisterVia(t, s.Inbox(), p)
}

// RegisterVia is Register reading the OTP from in (e.g. a fake gateway's).
func (s *Server) RegisterVia(t testing.TB, in *Inbox, p population.Person) string {
	t.Helper()
	in.Skip(t, p.Phone)
	reg := s.RegisterCitizen(t, s.RegistrationInput(t, p))
	if len(reg.UserErrors) > 0 || reg.Challenge == nil {
		t.Fatalf("register %s: got userErrors %+v, want a challenge", p.FullName, reg.UserErrors)
	}
	return s.Activate(t, reg.Challenge.ID, in.OTP(t, p.Phone))
}

// Login logs p in (password Password, captcha, OTP from the SMS sink) and
// returns the session token.
func (s *Server) Login(t testing.TB, p population.Person) string {
	t.Helper()
	in := s.Inbox()
	in.Skip(t, p.Phone)
	start := s.StartLogin(t, p.IDNumber, Password)
	if len(start.UserErrors) > 0 || start.Challenge == nil {
		t.Fatalf("login %s: got userErrors %+v, want a challenge", p.FullName, start.UserErrors)
	}
	return s.Activate(t, start.Challenge.ID, in.OTP(t, p.Phone))
}

// Activate sends verifyOtp for the challenge with code and returns the
// session token; it fails the test unless a session comes back.
func (s *Server) Activate(t testing.TB, challengeID, code string) string {
	t.Helper()
	v := s.VerifyOTP(t, challengeID, code)
	if len(v.UserErrors) > 0 || v.Session == nil {
		t.Fatalf("verifyOtp: got userErrors %+v, want a session", v.UserErrors)
	}
	return v.Session.Token
}

// AgencyKey mints an API key of agency (as `dvcportal agency create-key`
// does) and returns the key.
func (s *Server) AgencyKey(t testing.TB, agency string) string {
	t.Helper()
	_, key := s.AgencyClient(t, agency)
	return key
}

// AgencyClient is AgencyKey returning the key's record too (its id).
func (s *Server) AgencyClient(t testing.TB, agency string) (partner.Client, string) {
	t.Helper()
	c, key, err := partner.NewKeys(s.DB).Create(context.Background(), agency, "e2e")
	if err != nil {
		t.Fatalf("agency key of %s: %v", agency, err)
	}
	return c, key
}
