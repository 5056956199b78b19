package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// Limit is "at most Max events per Window" for one key.
type Limit struct {
	Max    int
	Window time.Duration
}

// Limits are the rate limits of the authentication operations, per client IP
// and per account (the ID number for registration and login, the account of
// the challenge for verifyOtp and resendOtp). They are counted in PostgreSQL
// by the Limiter, so they hold across all API processes.
type Limits struct {
	LoginPerIP         Limit
	LoginPerAccount    Limit
	RegisterPerIP      Limit
	RegisterPerAccount Limit
	VerifyPerIP        Limit
	VerifyPerAccount   Limit
	ResendPerIP        Limit
	ResendPerAccount   Limit
	CaptchaPerIP       Limit
	// SMSPerPhone caps the OTP messages to one phone number (DESIGN.md §7: 10 an hour).
	SMSPerPhone Limit
}

// DefaultLimits are the production defaults.
var DefaultLimits = Limits{
	LoginPerIP:         Limit{Max: 10, Window: time.Minute},
	LoginPerAccount:    Limit{Max: 5, Window: 15 * time.Minute},
	RegisterPerIP:      Limit{Max: 10, Window: time.Minute},
	RegisterPerAccount: Limit{Max: 10, Window: time.Hour},
	VerifyPerIP:        Limit{Max: 30, Window: time.Minute},
	VerifyPerAccount:   Limit{Max: 15, Window: 15 * time.Minute},
	ResendPerIP:        Limit{Max: 10, Window: time.Minute},
	ResendPerAccount:   Limit{Max: 6, Window: 15 * time.Minute},
	CaptchaPerIP:       Limit{Max: 30, Window: time.Minute},
	SMSPerPhone:        Limit{Max: 10, Window: time.Hour},
}

// allow counts one event of kind for subject and returns a RATE_LIMITED
// error when the limit is exceeded. ratelimit.Key hashes the subject, so no
// ID number or phone number is stored in the limiter's table.
func (s *Service) allow(ctx context.Context, kind string, l Limit, subject string) error {
	if l.Max <= 0 {
		return nil
	}
	d, err := s.limiter.Allow(ctx, limitKey(kind, subject), l.Max, l.Window)
	if err != nil {
		return fmt.Errorf("rate limit %s: %w", kind, err)
	}
	if !d.Allowed {
		return apperr.RateLimit(d.RetryAfter)
	}
	return nil
}

// allowIP counts one event of kind for the request's client IP.
func (s *Service) allowIP(ctx context.Context, kind string, l Limit) error {
	ip := reqmeta.FromContext(ctx).IP
	subject := "unknown"
	if ip.IsValid() {
		subject = ip.String()
	}
	return s.allow(ctx, kind+":ip", l, subject)
}

func limitKey(kind, subject string) string { return ratelimit.Key("identity:"+kind, subject) }
