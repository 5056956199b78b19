package e2e_test

import (
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// TestOTPLeavesAtOnceWhileQueuesPollRarely: with the database URL known, the
// job queue LISTENs and polls only every jobs.ListenPollInterval (5 s), yet an
// OTP SMS leaves within a fraction of a second of the request that committed
// it: the insert wakes its queue. Three registrations, so a lucky poll cannot
// pass it.
func TestOTPLeavesAtOnceWhileQueuesPollRarely(t *testing.T) {
	t.Parallel()
	db := apitest.NewDB(t)
	srv := apitest.NewOnDB(t, db, apitest.WithConfig(func(c *config.Config) { c.DatabaseURL = pgtest.URLFor(t, db) }))
	if !srv.App.River.Driver().SupportsListener() {
		t.Fatal("with DatabaseURL set the job queue does not listen")
	}
	const limit = time.Second
	if jobs.ListenPollInterval < 4*limit {
		t.Fatalf("ListenPollInterval %v is too short for this test to tell a wake-up from a poll", jobs.ListenPollInterval)
	}
	for i, p := range apitest.Personas()[:3] {
		in := srv.RegistrationInput(t, p)
		start := time.Now()
		reg := srv.RegisterCitizen(t, in)
		answered := time.Now()
		if len(reg.UserErrors) > 0 || reg.Challenge == nil {
			t.Fatalf("register %d: %+v", i, reg.UserErrors)
		}
		to, err := vnid.NormalizeMobile(p.Phone)
		if err != nil {
			t.Fatal(err)
		}
		m := srv.WaitSMS(t, func(m apitest.SMS) bool {
			n, _ := vnid.NormalizeMobile(m.To)
			return n == to && apitest.OTPCode(m.Text) != ""
		})
		t.Logf("registration %d: OTP SMS sent %v after the answer (%v after the request)", i, m.At.Sub(answered), m.At.Sub(start))
		if got := m.At.Sub(start); got > limit {
			t.Errorf("registration %d: OTP SMS sent %v after the request, want within %v", i, got, limit)
		}
	}
}
