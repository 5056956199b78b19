package application

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// allow counts one event of kind for subject (an account, an IP) and refuses
// it with RATE_LIMITED past the limit.
func (s *Service) allow(ctx context.Context, kind string, l Limit, subject string) error {
	if l.N <= 0 {
		return nil
	}
	d, err := s.limiter.Allow(ctx, ratelimit.Key("application:"+kind, subject), l.N, l.Window)
	if err != nil {
		return fmt.Errorf("rate limit %s: %w", kind, err)
	}
	if !d.Allowed {
		return apperr.RateLimit(d.RetryAfter)
	}
	return nil
}

// clientIP is the request's client address as the rate limits count it.
func clientIP(ctx context.Context) string {
	if ip := reqmeta.FromContext(ctx).IP; ip.IsValid() {
		return ip.String()
	}
	return "unknown"
}
