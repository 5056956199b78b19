package identity

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// CreateCaptcha issues a captcha for registration or login, at most
// CaptchaPerIP a minute per client IP.
func (s *Service) CreateCaptcha(ctx context.Context) (captcha.Challenge, error) {
	if err := s.limiter.Enforce(ctx, "identity:captcha:ip", s.limits.CaptchaPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return captcha.Challenge{}, err
	}
	c, err := s.captcha.New(ctx)
	if err != nil {
		return captcha.Challenge{}, fmt.Errorf("create captcha: %w", err)
	}
	return c, nil
}
