package identity

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
)

func TestRegisterThenVerifyActivatesAndOpensSession(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	in := h.registration(0)
	ch, err := h.svc.Register(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Purpose != PurposeRegistration || ch.ResendsLeft != OTPMaxSMS-1 {
		t.Fatalf("challenge %+v", ch)
	}
	if !strings.Contains(ch.MaskedPhone, "****") || !ch.ExpiresAt.Equal(h.clock.Now().Add(OTPValidity)) {
		t.Fatalf("challenge %+v", ch)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts WHERE status = 'PENDING_VERIFICATION' AND consent_version = $1`, ConsentVersion); got != 1 {
		t.Fatalf("%d pending accounts", got)
	}
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Session.Token, TokenPrefix) || len(res.Session.Token) != tokenLen {
		t.Fatalf("token shape %d", len(res.Session.Token))
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts WHERE status = 'ACTIVE'`); got != 1 {
		t.Fatal("account not active")
	}
	actor, err := h.svc.Authenticate(ctx, res.Session.Token)
	if err != nil || actor.IDNumber != in.IDNumber {
		t.Fatalf("authenticate: %v %+v", err, actor)
	}
	// The token is stored only as its hash; the audit log never holds the ID number.
	if got := h.count(t, `SELECT count(*) FROM identity_sessions WHERE token_hash = $1`, []byte(res.Session.Token)); got != 0 {
		t.Fatal("token stored in clear")
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE detail::text LIKE '%' || $1 || '%' OR masked_id_number = $1`, in.IDNumber); got != 0 {
		t.Fatal("full ID number in the audit log")
	}
	for _, ev := range []AuditEvent{EventRegistered, EventActivated, EventLoginSucceeded} {
		if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = $1`, string(ev)); got != 1 {
			t.Errorf("%d %s audit events", got, ev)
		}
	}
}

func TestRegisterMismatchIsOneErrorWhateverDiffers(t *testing.T) {
	h := newHarness(t)
	other := h.persons[1]
	cases := map[string]func(*RegisterInput){
		"full name":             func(in *RegisterInput) { in.FullName = "Trần Thị Khác" },
		"date of birth":         func(in *RegisterInput) { in.DateOfBirth = otherDaySameYear(in.DateOfBirth) },
		"social insurance code": func(in *RegisterInput) { in.SocialInsuranceCode = other.SocialInsuranceCode },
		"phone":                 func(in *RegisterInput) { in.Phone = other.Phone },
		"unknown ID number":     func(in *RegisterInput) { in.IDNumber = in.IDNumber[:6] + "999999" },
	}
	var first *apperr.UserError
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			in := h.registration(0)
			change(&in)
			_, err := h.svc.Register(context.Background(), in)
			ues, ok := apperr.AsUserErrors(err)
			if !ok || len(ues) != 1 || ues[0].Code != apperr.CodeRegistryMismatch || len(ues[0].Field) != 0 {
				t.Fatalf("got %v", err)
			}
			if first == nil {
				first = &ues[0]
			} else if ues[0].Message != first.Message {
				t.Fatal("the message differs between fields")
			}
		})
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts`); got != 0 {
		t.Fatalf("%d accounts created by mismatching registrations", got)
	}
	if h.sms.count() != 0 {
		t.Fatal("an SMS was sent")
	}
}

func TestRegisterNameIgnoresCaseAndPhoneForm(t *testing.T) {
	h := newHarness(t)
	in := h.registration(0)
	in.FullName = "  " + strings.ToUpper(in.FullName) + " "
	in.Phone = h.persons[0].Phone // +84 form
	if _, err := h.svc.Register(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

func TestRegisterCaptchaBeforeRegistryAndSingleUse(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	in := h.registration(0)
	in.Captcha.Answer = "wrong"
	if _, err := h.svc.Register(ctx, in); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
		t.Fatal(err)
	}
	in.Captcha.Answer = captcha.TestAnswer // the same captcha, now with the right answer: already used
	if _, err := h.svc.Register(ctx, in); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
		t.Fatal(err)
	}
	mismatch := h.registration(0)
	mismatch.FullName = "Ai Đó"
	mismatch.Captcha.Answer = "wrong"
	if _, err := h.svc.Register(ctx, mismatch); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
		t.Fatal("the registry was consulted before the captcha")
	}
}

func TestRegisterAlreadyRegisteredOnlyAfterFullMatch(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.register(t, 0)
	in := h.registration(0)
	if _, err := h.svc.Register(ctx, in); userErrorCode(t, err) != apperr.CodeAlreadyRegistered {
		t.Fatal(err)
	}
	in = h.registration(0)
	in.SocialInsuranceCode = h.persons[1].SocialInsuranceCode
	if _, err := h.svc.Register(ctx, in); userErrorCode(t, err) != apperr.CodeRegistryMismatch {
		t.Fatalf("a mismatching registration of a registered ID said %v", err)
	}
	in = h.registration(0)
	in.Captcha.Answer = "wrong"
	if _, err := h.svc.Register(ctx, in); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
		t.Fatal(err)
	}
}

func TestRegisterAgainWhilePendingReplacesChallenge(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	first, err := h.svc.Register(ctx, h.registration(0))
	if err != nil {
		t.Fatal(err)
	}
	firstCode := h.sms.lastCode(t, h.persons[0].Phone)
	second, err := h.svc.Register(ctx, h.registration(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: first.ID, Code: firstCode})
	if userErrorCode(t, err) != apperr.CodeChallengeClosed {
		t.Fatal("the superseded challenge still verifies")
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: second.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)}); err != nil {
		t.Fatal(err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts`); got != 1 {
		t.Fatalf("%d accounts", got)
	}
}

func TestRegisterFormats(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name   string
		change func(*RegisterInput)
		field  string
		code   string
	}{
		{"ID number not digits", func(in *RegisterInput) { in.IDNumber = "00109001234x" }, "idNumber", apperr.CodeInvalid},
		{"ID number SQL", func(in *RegisterInput) { in.IDNumber = "1' OR '1'='1" }, "idNumber", apperr.CodeInvalid},
		{"ID number empty", func(in *RegisterInput) { in.IDNumber = "" }, "idNumber", apperr.CodeRequired},
		{"ID year contradicts date of birth", func(in *RegisterInput) { in.DateOfBirth = in.DateOfBirth.AddDate(-1, 0, 0) }, "idNumber", apperr.CodeInvalid},
		{"ID century contradicts date of birth", func(in *RegisterInput) { in.IDNumber = in.IDNumber[:3] + "2" + in.IDNumber[4:] }, "idNumber", apperr.CodeInvalid},
		{"date of birth before 1900", func(in *RegisterInput) { in.DateOfBirth = time.Date(1899, 1, 1, 0, 0, 0, 0, time.UTC) }, "dateOfBirth", apperr.CodeInvalid},
		{"date of birth in the future", func(in *RegisterInput) { in.DateOfBirth = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }, "dateOfBirth", apperr.CodeInvalid},
		{"name with NUL", func(in *RegisterInput) { in.FullName = "Nguyễn\x00An" }, "fullName", apperr.CodeInvalid},
		{"name with newline", func(in *RegisterInput) { in.FullName = "Nguyễn\nAn" }, "fullName", apperr.CodeInvalid},
		{"name invalid UTF-8", func(in *RegisterInput) { in.FullName = "Nguy\xc3" }, "fullName", apperr.CodeInvalid},
		{"name too long", func(in *RegisterInput) { in.FullName = strings.Repeat("A", 101) }, "fullName", apperr.CodeInvalid},
		{"social insurance 9 digits", func(in *RegisterInput) { in.SocialInsuranceCode = "012345678" }, "socialInsuranceCode", apperr.CodeInvalid},
		{"social insurance negative", func(in *RegisterInput) { in.SocialInsuranceCode = "-123456789" }, "socialInsuranceCode", apperr.CodeInvalid},
		{"landline", func(in *RegisterInput) { in.Phone = "0243826222" }, "phone", apperr.CodeInvalid},
		{"old 11-digit mobile", func(in *RegisterInput) { in.Phone = "01691234567" }, "phone", apperr.CodeInvalid},
		{"phone SQL", func(in *RegisterInput) { in.Phone = "09'; DROP TABLE x;--" }, "phone", apperr.CodeInvalid},
		{"weak password", func(in *RegisterInput) { in.Password = "matkhau123" }, "password", apperr.CodeInvalid},
		{"short password", func(in *RegisterInput) { in.Password = "abc" }, "password", apperr.CodeInvalid},
		{"captcha answer control", func(in *RegisterInput) { in.Captcha.Answer = "00\x1b0000" }, "captcha.answer", apperr.CodeInvalid},
		{"old consent text", func(in *RegisterInput) { in.ConsentVersion = "2020-01-01" }, "consentVersion", apperr.CodeInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := h.registration(0)
			tc.change(&in)
			_, err := h.svc.Register(context.Background(), in)
			ues, ok := apperr.AsUserErrors(err)
			if !ok || len(ues) != 1 {
				t.Fatalf("got %v", err)
			}
			if got := strings.Join(ues[0].Field, "."); got != tc.field || ues[0].Code != tc.code {
				t.Fatalf("got %s %s, want %s %s", got, ues[0].Code, tc.field, tc.code)
			}
		})
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts`); got != 0 {
		t.Fatal("a refused registration created an account")
	}
}

// otherDaySameYear returns another day of d's year, so that the ID number
// still agrees with it.
func otherDaySameYear(d time.Time) time.Time {
	if next := d.AddDate(0, 0, 1); next.Year() == d.Year() {
		return next
	}
	return d.AddDate(0, 0, -1)
}
