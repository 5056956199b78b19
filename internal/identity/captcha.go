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
	c, err := s.captcha.NewGuarded(ctx, countingGuard("identity:captcha:ip", s.limits.CaptchaPerIP, ratelimit.ClientIP(ctx)))
	if err != nil {
		return captcha.Challenge{}, fmt.Errorf("create captcha: %w", err)
	}
	return c, nil
}

// verifyCaptchaCounting counts one event of scope for subject against lim
// and consumes the captcha, in one statement (one round trip): past the
// limit it is RATE_LIMITED and the captcha is not consumed; otherwise the
// event is counted and the captcha consumed, right or wrong, and a wrong
// answer is INVALID_CAPTCHA.
func (s *Service) verifyCaptchaCounting(ctx context.Context, c captcha.Answer, scope string, lim ratelimit.Limit, subject string) error {
	ok, err := s.captcha.VerifyGuarded(ctx, c.ID, c.Answer, countingGuard(scope, lim, subject))
	if err != nil {
		return fmt.Errorf("verify captcha: %w", err)
	}
	if !ok {
		return errInvalidCaptcha
	}
	return nil
}

// countingGuard is the captcha.Guard that counts one event of scope for
// subject against lim (ratelimit.CountIn) and refuses past it with
// RATE_LIMITED (ratelimit.Refused).
func countingGuard(scope string, lim ratelimit.Limit, subject string) captcha.Guard {
	limited, args := ratelimit.CountIn("limited", captcha.GuardAfter, captcha.GuardFirst, scope, lim, subject)
	return captcha.Guard{Name: "limited", CTE: limited, Args: args,
		Allowed: "allowed", Retry: "retry_us", Refused: ratelimit.Refused}
}
