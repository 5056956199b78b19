package identity

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// CreateCaptcha counts each request against CaptchaPerIP in the statement
// that stores the challenge: past the limit it answers RATE_LIMITED with a
// retry and stores nothing; a zero limit counts nothing and always issues.
func TestCreateCaptchaPerIPLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		limit      ratelimit.Limit
		calls      int
		wantIssued int // the first wantIssued calls issue, the rest are refused
		wantCount  int // the per-IP counter afterwards (0: no counter row)
	}{
		{"one allowed call counts one event", ratelimit.Limit{Max: 3, Window: time.Minute}, 1, 1, 1},
		{"past the limit is refused", ratelimit.Limit{Max: 2, Window: time.Minute}, 4, 2, 4},
		{"limit 0 is off", ratelimit.Limit{}, 3, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarnessWith(t, &ratelimit.Limits{CaptchaPerIP: tt.limit})
			ip := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("203.0.113.7")})
			for i := range tt.calls {
				c, err := h.svc.CreateCaptcha(ip)
				if i < tt.wantIssued {
					if err != nil {
						t.Fatalf("call %d: err = %v, want a captcha", i+1, err)
					}
					if ok, err := h.captcha.Verify(context.Background(), c.ID, captcha.TestAnswer); err != nil || !ok {
						t.Fatalf("call %d: Verify(issued captcha) = %v, %v; want true", i+1, ok, err)
					}
					continue
				}
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Code != apperr.RateLimited || ae.RetryAfter <= 0 {
					t.Fatalf("call %d: err = %v, want RATE_LIMITED with a retry", i+1, err)
				}
				if c.ID != "" || len(c.ImagePNG) != 0 {
					t.Errorf("call %d: refused but got a challenge %+v", i+1, c)
				}
			}
			// Issued challenges were consumed by Verify: any left is a refused one.
			if got := h.count(t, `SELECT count(*) FROM captcha_challenges`); got != 0 {
				t.Errorf("%d challenges stored by refused calls, want 0", got)
			}
			key := ratelimit.Key("identity:captcha:ip", "203.0.113.7")
			if got := h.count(t, `SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1`, key); got != tt.wantCount {
				t.Errorf("per-IP count = %d, want %d", got, tt.wantCount)
			}
			// Another address has its own budget.
			other := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.9")})
			if _, err := h.svc.CreateCaptcha(other); err != nil {
				t.Errorf("another IP: err = %v, want a captcha", err)
			}
		})
	}
}
