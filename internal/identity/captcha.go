package identity

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// CreateCaptcha issues a captcha for registration or login, at most
// CaptchaPerIP a minute per client IP. The per-IP count rides in the
// statement that stores the challenge (ratelimit.CountIn as a captcha.Guard:
// one round trip); past the limit it is RATE_LIMITED and no challenge is
// stored or rendered.
func (s *Service) CreateCaptcha(ctx context.Context) (captcha.Challenge, error) {
	limited, args := ratelimit.CountIn("limited", captcha.GuardAfter, captcha.GuardFirst,
		"identity:captcha:ip", s.limits.CaptchaPerIP, ratelimit.ClientIP(ctx))
	c, err := s.captcha.NewGuarded(ctx, captcha.Guard{Name: "limited", CTE: limited, Args: args,
		Allowed: "allowed", Retry: "retry_us", Refused: ratelimit.Refused})
	if err != nil {
		return captcha.Challenge{}, fmt.Errorf("create captcha: %w", err)
	}
	return c, nil
}
