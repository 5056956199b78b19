package identity

import (
	"context"
	"errors"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// StartLogin counts its client IP against LoginPerIP in the statement that
// consumes the captcha: past the limit it is RATE_LIMITED and the captcha
// stays unconsumed (the citizen can still use it, e.g. from another
// address); within it the login is counted once and the captcha consumed,
// right or wrong, as before.
func TestStartLoginPerIPGuardsTheCaptcha(t *testing.T) {
	t.Parallel()
	const addr = "203.0.113.7"
	ipA := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr(addr)})
	ipB := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.9")})
	wrongCaptcha := func(h *harness) captcha.Answer { c := h.captchaOK(); c.Answer = "123456"; return c }
	tests := []struct {
		name      string
		limit     ratelimit.Limit
		before    int                             // logins from addr before the one looked at
		answer    func(h *harness) captcha.Answer // the captcha of the one looked at
		wantCode  string                          // its code
		wantAfter string                          // the same captcha's answer in a login from another IP
		wantCount int                             // addr's counter afterwards (0: no counter row)
	}{
		{"past the limit: refused, captcha unconsumed", ratelimit.Limit{Max: 2, Window: time.Minute}, 2, (*harness).captchaOK,
			string(apperr.RateLimited), apperr.CodeInvalidCredentials, 3},
		{"within the limit: counted once, captcha consumed", ratelimit.Limit{Max: 3, Window: time.Minute}, 0, (*harness).captchaOK,
			apperr.CodeInvalidCredentials, apperr.CodeInvalidCaptcha, 1},
		{"wrong captcha within the limit: counted, consumed", ratelimit.Limit{Max: 3, Window: time.Minute}, 1, wrongCaptcha,
			apperr.CodeInvalidCaptcha, apperr.CodeInvalidCaptcha, 2},
		{"wrong captcha past the limit: refused", ratelimit.Limit{Max: 1, Window: time.Minute}, 1, wrongCaptcha,
			string(apperr.RateLimited), apperr.CodeInvalidCaptcha, 2},
		{"limit 0 is off: nothing counted, captcha consumed", ratelimit.Limit{}, 3, (*harness).captchaOK,
			apperr.CodeInvalidCredentials, apperr.CodeInvalidCaptcha, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarnessWith(t, &ratelimit.Limits{LoginPerIP: tt.limit})
			for i := range tt.before {
				if _, err := h.svc.StartLogin(ipA, h.login(i%len(h.persons), "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
					t.Fatalf("login %d: %v, want INVALID_CREDENTIALS", i+1, err)
				}
			}
			in := h.login(0, "wrong password")
			in.Captcha = tt.answer(h)
			_, err := h.svc.StartLogin(ipA, in)
			if got := answerCode(t, err); got != tt.wantCode {
				t.Fatalf("the login looked at: %v, want %s", err, tt.wantCode)
			}
			if tt.wantCode == string(apperr.RateLimited) {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.RetryAfter <= 0 {
					t.Errorf("refused without a retry: %v", err)
				}
			}
			if got := h.count(t, `SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1`,
				ratelimit.Key("identity:login:ip", addr)); got != tt.wantCount {
				t.Errorf("per-IP count = %d, want %d", got, tt.wantCount)
			}
			again := h.login(1, "wrong password")
			again.Captcha = in.Captcha
			if _, err := h.svc.StartLogin(ipB, again); answerCode(t, err) != tt.wantAfter {
				t.Errorf("the same captcha from another IP: %v, want %s", err, tt.wantAfter)
			}
		})
	}
}

// Concurrent logins from one IP with one captcha: each is counted, and
// exactly one gets past the captcha.
func TestStartLoginConcurrentWithOneCaptcha(t *testing.T) {
	t.Parallel()
	const addr, n = "203.0.113.8", 12
	h := newHarnessWith(t, &ratelimit.Limits{LoginPerIP: ratelimit.Limit{Max: 100, Window: time.Minute}})
	ip := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr(addr)})
	c := h.captchaOK()
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := h.login(i%len(h.persons), "wrong password")
			in.Captcha = c
			_, err := h.svc.StartLogin(ip, in)
			if ues, ok := apperr.AsUserErrors(err); ok && len(ues) == 1 {
				codes[i] = ues[0].Code
			} else {
				codes[i] = "unexpected: " + errString(err)
			}
		}()
	}
	wg.Wait()
	got := map[string]int{}
	for _, c := range codes {
		got[c]++
	}
	if got[apperr.CodeInvalidCredentials] != 1 || got[apperr.CodeInvalidCaptcha] != n-1 {
		t.Errorf("answers %v, want 1 INVALID_CREDENTIALS (past the captcha) and %d INVALID_CAPTCHA", got, n-1)
	}
	if got := h.count(t, `SELECT count FROM rate_limits WHERE key = $1`, ratelimit.Key("identity:login:ip", addr)); got != n {
		t.Errorf("per-IP count = %d, want %d", got, n)
	}
}

// answerCode is err's RATE_LIMITED or its only user error's code.
func answerCode(t *testing.T, err error) string {
	t.Helper()
	if c, ok := apperr.CodeOf(err); ok && c == apperr.RateLimited {
		return string(apperr.RateLimited)
	}
	return userErrorCode(t, err)
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}

// Register counts its client IP against RegisterPerIP in the statement that
// consumes the captcha, as StartLogin does: past the limit it is
// RATE_LIMITED and the captcha stays unconsumed, so the same captcha still
// registers from another address.
func TestRegisterPerIPGuardsTheCaptcha(t *testing.T) {
	t.Parallel()
	const addr = "203.0.113.8"
	ipA := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr(addr)})
	ipB := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.10")})
	h := newHarnessWith(t, &ratelimit.Limits{RegisterPerIP: ratelimit.Limit{Max: 1, Window: time.Minute}})
	if _, err := h.svc.Register(ipA, h.registration(0)); err != nil {
		t.Fatalf("first registration from %s: %v, want a challenge", addr, err)
	}
	in := h.registration(1)
	if _, err := h.svc.Register(ipA, in); answerCode(t, err) != string(apperr.RateLimited) {
		t.Fatalf("second registration from %s: %v, want RATE_LIMITED", addr, err)
	}
	if got := h.count(t, `SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1`,
		ratelimit.Key("identity:register:ip", addr)); got != 2 {
		t.Errorf("per-IP count = %d, want 2", got)
	}
	if _, err := h.svc.Register(ipB, in); err != nil {
		t.Errorf("the refused registration's captcha from another IP: %v, want a challenge (captcha unconsumed)", err)
	}
}
