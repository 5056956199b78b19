package identity

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

func TestRateLimitsPerIPAndPerAccount(t *testing.T) {
	h := newHarnessWith(t, &ratelimit.Limits{
		LoginPerIP:      ratelimit.Limit{Max: 3, Window: time.Minute},
		LoginPerAccount: ratelimit.Limit{Max: 2, Window: 15 * time.Minute},
	})
	ipA := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("203.0.113.7")})
	ipB := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.9")})
	// Per account: the third try for one ID number is refused even from another IP.
	for range 2 {
		if _, err := h.svc.StartLogin(ipA, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatal(err)
		}
	}
	_, err := h.svc.StartLogin(ipB, h.login(0, "wrong password"))
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited || ae.RetryAfter <= 0 {
		t.Fatalf("third try for one account: %v", err)
	}
	// Per IP: ipA has used 2 of 3; one more, then refused for any ID number.
	if _, err := h.svc.StartLogin(ipA, h.login(1, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
		t.Fatal(err)
	}
	if _, err := h.svc.StartLogin(ipA, h.login(2, "wrong password")); !errors.As(err, &ae) || ae.Code != apperr.RateLimited {
		t.Fatalf("fourth try from one IP: %v", err)
	}
}

// Finding 14 of issue 14: a stranger who knows a citizen's ID number (it is
// not secret) sends logins and registrations with captchas never issued; the
// per-account limits count only after a solved captcha, so the citizen can
// still log in and register.
func TestStrangerCannotSpendAccountLimits(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{
		LoginPerAccount:    ratelimit.Limit{Max: 2, Window: 15 * time.Minute},
		RegisterPerAccount: ratelimit.Limit{Max: 2, Window: time.Hour},
	})
	ctx := context.Background()
	stranger := reqmeta.With(ctx, reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.66")})
	forged := captcha.Answer{ID: strings.Repeat("ab", len(h.captchaOK().ID)/2), Answer: "x"} // well-formed, never issued
	for i := range 10 {
		in := h.registration(1)
		in.Captcha = forged
		if _, err := h.svc.Register(stranger, in); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
			t.Fatalf("stranger's registration %d: got %v, want INVALID_CAPTCHA", i+1, err)
		}
	}
	if _, err := h.svc.Register(ctx, h.registration(1)); err != nil {
		t.Fatalf("citizen's registration after a stranger's ten: got %v, want a challenge", err)
	}
	h.register(t, 0)
	for i := range 10 {
		in := h.login(0, "any password")
		in.Captcha = forged
		if _, err := h.svc.StartLogin(stranger, in); userErrorCode(t, err) != apperr.CodeInvalidCaptcha {
			t.Fatalf("stranger's login %d: got %v, want INVALID_CAPTCHA", i+1, err)
		}
	}
	if _, err := h.svc.StartLogin(ctx, h.login(0, "đúng mật khẩu dài")); err != nil {
		t.Fatalf("citizen's login after a stranger's ten: got %v, want a challenge", err)
	}
}

// The SMS limit per phone counts OTPs sent, so only logins past the
// password: wrong passwords spend none of it, and a refused login sends
// nothing and leaves the open challenge as it was.
func TestSMSPerPhoneCountsOnlyRightPasswords(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 3, Window: time.Hour}})
	ctx := context.Background()
	h.register(t, 0) // the registration's OTP: 1 of 3
	for i := range 5 {
		if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatalf("wrong password %d: %v", i+1, err)
		}
	}
	var last Challenge
	for i := range 2 {
		ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
		if err != nil {
			t.Fatalf("login %d after five wrong passwords: %v, want a challenge", i+1, err)
		}
		last = ch
	}
	sent := h.sms.count()
	_, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited || ae.RetryAfter < 59*time.Minute {
		t.Fatalf("fourth OTP to one phone within the hour: %v, want RATE_LIMITED for about an hour", err)
	}
	if got := h.sms.count(); got != sent {
		t.Errorf("%d SMS queued by the refused login, want 0", got-sent)
	}
	if c, ok, err := h.svc.Challenge(ctx, last.ID); err != nil || !ok || c.ID != last.ID {
		t.Errorf("the last challenge after the refused login: %+v, %v, %v; want still open", c, ok, err)
	}
}

// The verifications per account are counted before the attempt: a refused
// one compares nothing and counts no attempt of the challenge.
func TestVerifyPerAccountRefusedCountsNoAttempt(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{VerifyPerAccount: ratelimit.Limit{Max: 3, Window: 15 * time.Minute}})
	ctx := context.Background()
	ch, code := h.startLogin(t, 0) // the registration's verification: 1 of 3
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)}); userErrorCode(t, err) != apperr.CodeInvalidOTP {
		t.Fatalf("first wrong code: %v", err)
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)}); userErrorCode(t, err) != apperr.CodeInvalidOTP {
		t.Fatalf("second wrong code: %v", err)
	}
	_, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code})
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited || ae.RetryAfter < 14*time.Minute {
		t.Fatalf("fourth verification of the account: %v, want RATE_LIMITED for about 15 minutes", err)
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1 AND closed_at IS NULL`, ch.ID); got != 2 {
		t.Errorf("attempts on the open challenge after the refused verification: %d, want 2", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_sessions`); got != 1 {
		t.Errorf("%d sessions, want 1 (the registration's)", got)
	}
}
