package captcha

import (
	"context"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// BenchmarkConsumeCounted compares a per-IP count and a captcha's
// consumption as two statements (ratelimit's Enforce, then Verify: login
// and submission before VerifyGuarded) with one (VerifyGuarded under
// ratelimit.CountIn). Each op issues the challenge first, off the clock.
func BenchmarkConsumeCounted(b *testing.B) {
	db := pgtest.NewDB(b)
	p, err := NewProvider(KindTest, false, db)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lim := ratelimit.Limit{Max: 1 << 40, Window: time.Hour}
	limiter := ratelimit.New(db)
	issue := func(b *testing.B) string {
		b.StopTimer()
		defer b.StartTimer()
		c, err := p.New(ctx)
		if err != nil {
			b.Fatal(err)
		}
		return c.ID
	}
	b.Run("enforce+verify", func(b *testing.B) {
		for b.Loop() {
			id := issue(b)
			if err := limiter.Enforce(ctx, "bench:ip", lim, "203.0.113.7"); err != nil {
				b.Fatal(err)
			}
			if ok, err := p.Verify(ctx, id, TestAnswer); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	})
	b.Run("guarded", func(b *testing.B) {
		for b.Loop() {
			id := issue(b)
			limited, args := ratelimit.CountIn("limited", GuardAfter, GuardFirst, "bench:ip", lim, "203.0.113.7")
			g := Guard{Name: "limited", CTE: limited, Args: args, Allowed: "allowed", Retry: "retry_us", Refused: ratelimit.Refused}
			if ok, err := p.VerifyGuarded(ctx, id, TestAnswer, g); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	})
}
