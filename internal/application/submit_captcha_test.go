package application_test

import (
	"context"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// The per-IP count and the captcha are one statement (the captcha consumed
// under the count's guard, in the idempotency lookup): these are the
// properties that fold keeps.

// fromIP is ctx as a request from addr.
func fromIP(ctx context.Context, addr string) context.Context {
	return reqmeta.With(ctx, reqmeta.Meta{IP: netip.MustParseAddr(addr)})
}

// ipCount is the per-IP submission counter of addr (0: no counter row).
func (e *env) ipCount(addr string) int {
	e.t.Helper()
	var n int
	if err := e.db.Get(&n, `SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1`,
		ratelimit.Key("application:submit:ip", addr)); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// unconsumed reports whether c can still be answered (and answers it).
func (e *env) unconsumed(c captcha.Answer) bool {
	e.t.Helper()
	ok, err := e.captcha.Verify(context.Background(), c.ID, c.Answer)
	if err != nil {
		e.t.Fatal(err)
	}
	return ok
}

func pitForm(key string, c captcha.Answer) application.SubmitInput {
	return application.SubmitInput{ServiceCode: "PIT-FINALISATION", CaseCode: "PIT", FormData: map[string]any{"taxCode": "0101234567"},
		Delivery: application.Delivery{Method: catalogue.DeliverElectronic}, IdempotencyKey: key, Captcha: c}
}

// A replay needs no captcha and consumes none: answered with a captcha
// never issued, and a live captcha sent with it stays unconsumed; it is
// counted nowhere. Also with the per-IP limit off.
func TestReplayNeitherNeedsNorConsumesACaptcha(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		limit     ratelimit.Limit
		wantCount int
	}{
		{"limit on", ratelimit.Limit{Max: 5, Window: time.Hour}, 1},
		{"limit off", ratelimit.Limit{}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			limits := ratelimit.Defaults
			limits.SubmitPerIP = tt.limit
			e := newEnvLimits(t, &limits)
			a := fromIP(e.citizen(personA), "203.0.113.7")
			first, err := e.reissue(a, personASI, "LOST", postal(), "replayed")
			if err != nil {
				t.Fatalf("first submission: %v", err)
			}
			live := e.captchaAnswer()
			for _, c := range []captcha.Answer{live, {ID: strings.Repeat("0", 32), Answer: "000000"}, {ID: live.ID, Answer: "123456"}} {
				again, err := healthcard.Reissue(a, e.svc, healthcard.ReissueInput{
					SocialInsuranceCode: personASI, Reason: "LOST", Delivery: postal(), Captcha: c, IdempotencyKey: "replayed"})
				if err != nil || again.ID != first.ID {
					t.Fatalf("replay with captcha %+v: got %+v, %v; want application %d", c, again, err, first.ID)
				}
			}
			if !e.unconsumed(live) {
				t.Errorf("the captcha sent with the replays was consumed, want it unconsumed")
			}
			if got := e.ipCount("203.0.113.7"); got != tt.wantCount {
				t.Errorf("per-IP count = %d, want %d (the first submission only)", got, tt.wantCount)
			}
		})
	}
}

// A submission refused by the per-IP limit leaves its captcha unconsumed:
// the citizen can submit with it from another address.
func TestSubmitRefusedPerIPKeepsItsCaptcha(t *testing.T) {
	t.Parallel()
	limits := ratelimit.Defaults
	limits.SubmitPerIP = ratelimit.Limit{Max: 1, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := e.citizen(personA)
	if _, err := e.svc.Submit(fromIP(a, "203.0.113.7"), pitForm("first", e.captchaAnswer())); err != nil {
		t.Fatalf("first submission: %v", err)
	}
	c := e.captchaAnswer()
	before := e.written()
	_, err := e.svc.Submit(fromIP(a, "203.0.113.7"), pitForm("second", c))
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("second submission from the IP: got %v, want RATE_LIMITED", err)
	}
	if got := e.written(); got != before {
		t.Fatalf("refused submission wrote %v, want %v", got, before)
	}
	if _, err := e.svc.Submit(fromIP(a, "198.51.100.9"), pitForm("second", c)); err != nil {
		t.Fatalf("the refused submission's captcha from another IP: %v, want an application", err)
	}
	if got, want := e.ipCount("203.0.113.7"), 2; got != want {
		t.Errorf("per-IP count = %d, want %d (a refused event is counted, as Enforce did)", got, want)
	}
}

// New submissions with one captcha, at once: each is counted per IP, the
// captcha is consumed once, so exactly one is stored and the others are
// INVALID_CAPTCHA.
func TestConcurrentSubmissionsWithOneCaptcha(t *testing.T) {
	t.Parallel()
	const n = 8
	limits := ratelimit.Defaults
	limits.SubmitPerIP = ratelimit.Limit{Max: 100, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := fromIP(e.citizen(personA), "203.0.113.7")
	c := e.captchaAnswer()
	results := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.svc.Submit(a, pitForm("concurrent-"+string(rune('a'+i)), c))
			switch ues, ok := apperr.AsUserErrors(err); {
			case err == nil:
				results[i] = "stored"
			case ok && len(ues) == 1:
				results[i] = ues[0].Code
			default:
				results[i] = err.Error()
			}
		}()
	}
	wg.Wait()
	got := map[string]int{}
	for _, r := range results {
		got[r]++
	}
	if got["stored"] != 1 || got[apperr.CodeInvalidCaptcha] != n-1 {
		t.Errorf("results %v, want 1 stored and %d INVALID_CAPTCHA", got, n-1)
	}
	if n := e.count("applications"); n != 1 {
		t.Errorf("%d applications stored, want 1", n)
	}
	if got := e.ipCount("203.0.113.7"); got != n {
		t.Errorf("per-IP count = %d, want %d", got, n)
	}
}

// A wrong captcha is counted and consumed and answered INVALID_CAPTCHA, as
// before; a mistake in the input is still answered before it, and that
// submission is counted and its captcha consumed (single use, also after a
// refused submission: the portal asks for a new captcha after every answer).
func TestSubmitWrongCaptchaAndInputMistakes(t *testing.T) {
	t.Parallel()
	limits := ratelimit.Defaults
	limits.SubmitPerIP = ratelimit.Limit{Max: 100, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := fromIP(e.citizen(personA), "203.0.113.7")
	wrong := e.captchaAnswer()
	wrong.Answer = "123456"
	_, err := e.svc.Submit(a, pitForm("wrong", wrong))
	wantUserError(t, err, apperr.CodeInvalidCaptcha, "captcha", "answer")
	wrong.Answer = captcha.TestAnswer
	if e.unconsumed(wrong) {
		t.Errorf("a wrong answer left its captcha unconsumed")
	}
	// An unknown service and a never-issued captcha: the service's error.
	in := pitForm("unknown service", captcha.Answer{ID: strings.Repeat("0", 32), Answer: "000000"})
	in.ServiceCode = "NOPE"
	_, err = e.svc.Submit(a, in)
	wantUserError(t, err, apperr.CodeInvalid, "serviceCode")
	// An unknown service with a live captcha: consumed.
	c := e.captchaAnswer()
	in = pitForm("unknown service 2", c)
	in.ServiceCode = "NOPE"
	_, err = e.svc.Submit(a, in)
	wantUserError(t, err, apperr.CodeInvalid, "serviceCode")
	if e.unconsumed(c) {
		t.Errorf("a refused submission's captcha is unconsumed, want it consumed")
	}
	if got := e.ipCount("203.0.113.7"); got != 3 {
		t.Errorf("per-IP count = %d, want 3", got)
	}
	if n := e.count("applications"); n != 0 {
		t.Errorf("%d applications stored, want 0", n)
	}
}
