package e2e_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// The contract's identity operations (contract/identity.graphql), verbatim.
const (
	createCaptchaDoc = `mutation CreateCaptcha {
  createCaptcha {
    captcha { id imageDataUrl audioDataUrl expiresAt }
  }
}`
	registerCitizenDoc = `mutation RegisterCitizen($input: RegisterCitizenInput!) {
  registerCitizen(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	startLoginDoc = `mutation StartLogin($input: StartLoginInput!) {
  startLogin(input: $input) {
    challenge { id purpose maskedPhone expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	verifyOtpDoc = `mutation VerifyOtp($input: VerifyOtpInput!) {
  verifyOtp(input: $input) {
    session { token expiresAt }
    viewer { citizen { id fullName } }
    attemptsLeft
    userErrors { field message code }
  }
}`
	resendOtpDoc = `mutation ResendOtp($input: ResendOtpInput!) {
  resendOtp(input: $input) {
    challenge { id expiresAt resendAvailableAt }
    userErrors { field message code }
  }
}`
	logoutDoc = `mutation Logout {
  logout { revoked }
}`
	meDoc = `query Me {
  viewer {
    citizen {
      id
      fullName
      dateOfBirth
      maskedIdNumber
      maskedPhone
      socialInsuranceCode
      healthInsuranceCard { number validFrom validTo registeredClinic }
      address { provinceCode wardCode street formatted }
    }
  }
}`
)

// testPassword passes the password policy.
const testPassword = "Hoa sen nở giữa đầm 2026"

type userError struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	Code    string   `json:"code"`
}

type challenge struct {
	ID                string `json:"id"`
	Purpose           string `json:"purpose"`
	MaskedPhone       string `json:"maskedPhone"`
	ExpiresAt         string `json:"expiresAt"`
	ResendAvailableAt string `json:"resendAvailableAt"`
}

type challengePayload struct {
	Challenge  *challenge  `json:"challenge"`
	UserErrors []userError `json:"userErrors"`
}

type verifyPayload struct {
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
	UserErrors   []userError `json:"userErrors"`
}

// personas returns the built-in sandbox personas that apitest loads.
func personas(t testing.TB) []population.Person {
	t.Helper()
	ps, err := population.BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// newCaptcha creates a captcha and returns its ID.
func newCaptcha(t testing.TB, srv *apitest.Server) string {
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
	resp := srv.Do(t, apitest.Request{Query: createCaptchaDoc})
	noErrors(t, resp)
	resp.Decode(t, &data)
	c := data.CreateCaptcha.Captcha
	if c.ID == "" || !strings.HasPrefix(c.ImageDataURL, "data:image/png;base64,") || !strings.HasPrefix(c.AudioDataURL, "data:audio/wav;base64,") {
		t.Fatalf("captcha %+v", c)
	}
	return c.ID
}

func captchaInput(id string) map[string]any {
	return map[string]any{"id": id, "answer": captcha.TestAnswer}
}

// registrationInput is a registration that matches p, with a new captcha or
// the one given.
func registrationInput(t testing.TB, srv *apitest.Server, p population.Person, captchaID ...string) map[string]any {
	t.Helper()
	if len(captchaID) == 0 {
		captchaID = append(captchaID, newCaptcha(t, srv))
	}
	phone, err := vnid.NationalMobile(p.Phone)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{
		"idNumber":            p.IDNumber,
		"fullName":            p.FullName,
		"dateOfBirth":         p.DateOfBirth.Format("2006-01-02"),
		"socialInsuranceCode": p.SocialInsuranceCode,
		"phone":               phone,
		"password":            testPassword,
		"captcha":             captchaInput(captchaID[0]),
	}
}

func noErrors(t testing.TB, resp *apitest.Response) {
	t.Helper()
	if resp.Status != 200 || len(resp.Errors) > 0 {
		t.Fatalf("status %d, errors %+v", resp.Status, resp.Errors)
	}
}

// mutate runs a mutation whose payload is at data.<field> and decodes it.
func mutate(t testing.TB, srv *apitest.Server, doc, field string, input map[string]any, into any) {
	t.Helper()
	req := apitest.Request{Query: doc}
	if input != nil {
		req.Variables = map[string]any{"input": input}
	}
	resp := srv.Do(t, req)
	noErrors(t, resp)
	var data map[string]json.RawMessage
	resp.Decode(t, &data)
	if err := json.Unmarshal(data[field], into); err != nil {
		t.Fatalf("decode %s: %v", field, err)
	}
}

// register sends registerCitizen and returns its payload.
func register(t testing.TB, srv *apitest.Server, input map[string]any) challengePayload {
	t.Helper()
	var p challengePayload
	mutate(t, srv, registerCitizenDoc, "registerCitizen", input, &p)
	return p
}

// startLogin sends startLogin for idNumber with password.
func startLogin(t testing.TB, srv *apitest.Server, idNumber, password string) challengePayload {
	t.Helper()
	var p challengePayload
	mutate(t, srv, startLoginDoc, "startLogin", map[string]any{
		"idNumber": idNumber, "password": password, "captcha": captchaInput(newCaptcha(t, srv)),
	}, &p)
	return p
}

func verify(t testing.TB, srv *apitest.Server, challengeID, code string) verifyPayload {
	t.Helper()
	var p verifyPayload
	mutate(t, srv, verifyOtpDoc, "verifyOtp", map[string]any{"challengeId": challengeID, "code": code}, &p)
	return p
}

// oneError fails unless errs is exactly one UserError with code.
func oneError(t testing.TB, errs []userError, code string) userError {
	t.Helper()
	if len(errs) != 1 || errs[0].Code != code {
		t.Fatalf("userErrors %+v, want one %s", errs, code)
	}
	if errs[0].Message == "" {
		t.Fatal("UserError without a message")
	}
	return errs[0]
}

var otpRE = regexp.MustCompile(`\b(\d{6})\b`)

// inbox reads OTP codes from the SMS sink, each message once.
type inbox struct {
	mu   sync.Mutex
	seen map[string]bool
}

func newInbox() *inbox { return &inbox{seen: map[string]bool{}} }

// code waits for the next unread OTP SMS to phone (any form) and returns its code.
func (in *inbox) code(t testing.TB, srv *apitest.Server, phone string) string {
	t.Helper()
	to, err := vnid.NormalizeMobile(phone)
	if err != nil {
		t.Fatal(err)
	}
	m := srv.WaitSMS(t, func(m apitest.SMS) bool {
		in.mu.Lock()
		defer in.mu.Unlock()
		key := m.To + "|" + m.Text + "|" + m.At.String()
		if n, _ := vnid.NormalizeMobile(m.To); n != to || in.seen[key] || !otpRE.MatchString(m.Text) {
			return false
		}
		in.seen[key] = true
		return true
	})
	return otpRE.FindStringSubmatch(m.Text)[1]
}

// registered registers and activates p and returns a session token.
func registered(t testing.TB, srv *apitest.Server, box *inbox, p population.Person) string {
	t.Helper()
	reg := register(t, srv, registrationInput(t, srv, p))
	if len(reg.UserErrors) > 0 || reg.Challenge == nil {
		t.Fatalf("register: %+v", reg.UserErrors)
	}
	v := verify(t, srv, reg.Challenge.ID, box.code(t, srv, p.Phone))
	if len(v.UserErrors) > 0 || v.Session == nil {
		t.Fatalf("verify registration: %+v", v.UserErrors)
	}
	return v.Session.Token
}

// errorCode returns the extensions.code of the response's only error.
func errorCode(t testing.TB, resp *apitest.Response) string {
	t.Helper()
	if len(resp.Errors) != 1 {
		t.Fatalf("errors %+v, want one", resp.Errors)
	}
	code, _ := resp.Errors[0].Extensions["code"].(string)
	return code
}
