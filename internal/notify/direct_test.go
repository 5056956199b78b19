package notify

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// newDirectEnv is newEnv (a fake HTTP gateway scripted by behaviours, River
// started only when work) whose notifier sends right after the commit, with
// fallback as the job's delay.
func newDirectEnv(t *testing.T, work bool, fallback time.Duration, behaviours ...string) (*env, *gateway) {
	t.Helper()
	g, srv := newGateway(t, behaviours...)
	p, err := NewHTTPProvider(srv.URL, "gw-token", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWorking(t, p, 10*time.Millisecond, work, nil)
	if err := e.notifier.SendAfterCommit(DirectConfig{Provider: p, DB: e.db, Timeout: fallback / 2, Fallback: fallback,
		Logger: e.workerLogger()}); err != nil {
		t.Fatal(err)
	}
	return e, g
}

// workerLogger logs into e.logs, as the workers do.
func (e *env) workerLogger() *slog.Logger { return slog.New(slog.NewTextHandler(e.logs, nil)) }

// enqueueInTx queues sms in a transaction of postgres.InTx (the one the
// direct path sees commit) and returns the notification ID and the time
// of the commit.
func (e *env) enqueueInTx(t *testing.T, sms SMS) (int64, time.Time) {
	t.Helper()
	var id int64
	err := postgres.InTx(context.Background(), e.db, func(tx *sqlx.Tx) error {
		if err := e.notifier.EnqueueTx(context.Background(), tx, sms); err != nil {
			return err
		}
		return tx.Get(&id, `SELECT max(id) FROM notifications`)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, time.Now()
}

// jobsLeft counts the notification's jobs that are not finished.
func (e *env) jobsLeft(t *testing.T, id int64) int {
	t.Helper()
	var n int
	if err := e.db.Get(&n, `SELECT count(*) FROM river_job WHERE (args->>'notification_id')::bigint = $1
		AND state NOT IN ('completed', 'cancelled', 'discarded')`, id); err != nil {
		t.Fatal(err)
	}
	return n
}

// A message queued in postgres.InTx leaves right after the commit, with no
// worker running at all, and its fallback job is gone; a rolled-back one
// never leaves.
func TestDirectSendAfterCommit(t *testing.T) {
	t.Parallel()
	e, g := newDirectEnv(t, false, 10*time.Second)
	id, committed := e.enqueueInTx(t, otpSMS("482913", time.Now().Add(5*time.Minute)))
	n := e.waitFinal(t, id)
	reqs, _ := g.snapshot()
	if n.Status != StatusSent || n.Attempts != 1 || len(reqs) != 1 {
		t.Fatalf("notification %+v after %d gateway requests, want SENT after 1 attempt and 1 request", n, len(reqs))
	}
	after := reqs[0].at.Sub(committed)
	if after > time.Second {
		t.Errorf("sent %v after the commit, want at once (well under the 10 s fallback)", after)
	}
	t.Logf("the OTP reached the gateway %v after its commit", after)
	if reqs[0].key != "dvc-sms-"+strconv.FormatInt(id, 10) || reqs[0].body.To != "+84912345678" {
		t.Errorf("gateway request = %+v", reqs[0])
	}
	var jobs int
	if err := e.db.Get(&jobs, `SELECT count(*) FROM river_job`); err != nil {
		t.Fatal(err)
	}
	if jobs != 0 {
		t.Errorf("%d jobs left after the direct send, want 0 (the fallback is deleted)", jobs)
	}

	boom := errors.New("boom")
	err := postgres.InTx(context.Background(), e.db, func(tx *sqlx.Tx) error {
		if err := e.notifier.EnqueueTx(context.Background(), tx, otpSMS("111111", time.Now().Add(time.Minute))); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if err := e.notifier.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if reqs, _ := g.snapshot(); len(reqs) != 1 {
		t.Errorf("gateway got %d requests after a rolled-back enqueue, want still 1", len(reqs))
	}
}

// When the direct send fails, the SMS still arrives: the job is made
// available at once (not at its fallback time) and the worker sends it,
// with the same reference.
func TestDirectSendFailsTheJobSends(t *testing.T) {
	t.Parallel()
	e, g := newDirectEnv(t, true, 10*time.Second, "500")
	id, committed := e.enqueueInTx(t, otpSMS("654321", time.Now().Add(5*time.Minute)))
	n := e.waitFinal(t, id)
	reqs, delivered := g.snapshot()
	if n.Status != StatusSent || len(reqs) != 2 {
		t.Fatalf("notification %+v after %d gateway requests, want SENT after 2 (direct 500, then the job)", n, len(reqs))
	}
	if reqs[1].key != reqs[0].key || delivered[reqs[0].key] != 1 {
		t.Errorf("keys %q then %q, delivered %v: want one reference delivered once", reqs[0].key, reqs[1].key, delivered)
	}
	if after := reqs[1].at.Sub(committed); after > 5*time.Second {
		t.Errorf("the job retried %v after the commit, want well before its 10 s fallback", after)
	}
}

// A process that dies right after the commit never sends: the job, at its
// fallback time, is sent by a worker (here the env's River client, as any
// other process's would).
func TestDirectSenderGoneTheJobSends(t *testing.T) {
	t.Parallel()
	e, g := newDirectEnv(t, true, time.Second)
	// Drained: this notifier starts no direct send any more, exactly the
	// state a crash after the commit leaves (a scheduled job, nothing sent).
	if err := e.notifier.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	id, committed := e.enqueueInTx(t, otpSMS("777777", time.Now().Add(5*time.Minute)))
	n := e.waitFinal(t, id)
	reqs, _ := g.snapshot()
	if n.Status != StatusSent || n.Attempts != 1 || len(reqs) != 1 {
		t.Fatalf("notification %+v after %d gateway requests, want SENT by the job after 1", n, len(reqs))
	}
	if after := reqs[0].at.Sub(committed); after < time.Second {
		t.Errorf("sent %v after the commit, before the 1 s fallback: who sent it?", after)
	}
}

// A message the gateway rejects is FAILED at once and its job is deleted:
// no retry.
func TestDirectSendRejected(t *testing.T) {
	t.Parallel()
	e, g := newDirectEnv(t, true, 10*time.Second, "400")
	id, _ := e.enqueueInTx(t, SMS{To: "0912345678", Text: "DVC: Ho so A1 da duoc tiep nhan.", Purpose: PurposeApplication})
	n := e.waitFinal(t, id)
	if n.Status != StatusFailed || n.Attempts != 1 {
		t.Errorf("notification = %+v, want FAILED after 1 attempt", n)
	}
	time.Sleep(300 * time.Millisecond)
	if reqs, _ := g.snapshot(); len(reqs) != 1 || e.jobsLeft(t, id) != 0 {
		t.Errorf("%d gateway requests, %d jobs left; want 1 and 0", len(reqs), e.jobsLeft(t, id))
	}
}

// Drain waits for the sends in flight and their records: a stopping
// process leaves nothing for its job to send twice.
func TestDrainWaitsForDirectSends(t *testing.T) {
	t.Parallel()
	e, g := newDirectEnv(t, false, 10*time.Second, "slow") // answers after 500 ms
	id, _ := e.enqueueInTx(t, otpSMS("246810", time.Now().Add(5*time.Minute)))
	time.Sleep(100 * time.Millisecond) // the send is in flight
	if err := e.notifier.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	n, err := GetNotification(context.Background(), e.db, id)
	if err != nil {
		t.Fatal(err)
	}
	if reqs, _ := g.snapshot(); n.Status != StatusSent || len(reqs) != 1 || e.jobsLeft(t, id) != 0 {
		t.Errorf("after Drain: notification %+v, %d requests, %d jobs left; want SENT, 1, 0", n, len(reqs), e.jobsLeft(t, id))
	}
}

// scheduledEarly is a provider that, while the direct send is at the
// gateway, does what River's scheduler does to a job due within its
// interval (5 s): makes it available ahead of its time.
type scheduledEarly struct {
	Provider
	db *sqlx.DB
}

func (p scheduledEarly) Send(ctx context.Context, m Message) error {
	if _, err := p.db.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'scheduled'`); err != nil {
		return err
	}
	return p.Provider.Send(ctx, m)
}

// River's scheduler makes the fallback job available before its time (it
// looks ahead by its interval, as long as the fallback): the direct send
// that settles after that still deletes the job, and the message is sent
// once, recorded SENT. (It was left to the worker, which sent it again.)
func TestDirectSettlesAJobMadeAvailableEarly(t *testing.T) {
	t.Parallel()
	g, srv := newGateway(t)
	p, err := NewHTTPProvider(srv.URL, "gw-token", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWorking(t, p, 10*time.Millisecond, true, nil)
	const fallback = time.Second
	if err := e.notifier.SendAfterCommit(DirectConfig{Provider: scheduledEarly{p, e.db}, DB: e.db,
		Timeout: fallback / 2, Fallback: fallback, Logger: e.workerLogger()}); err != nil {
		t.Fatal(err)
	}
	id, _ := e.enqueueInTx(t, otpSMS("135790", time.Now().Add(5*time.Minute)))
	e.waitFinal(t, id)
	time.Sleep(fallback + 500*time.Millisecond) // a job left behind would run by now
	n, err := GetNotification(context.Background(), e.db, id)
	if err != nil {
		t.Fatal(err)
	}
	reqs, _ := g.snapshot()
	if n.Status != StatusSent || n.Attempts != 1 || len(reqs) != 1 || e.jobsLeft(t, id) != 0 {
		t.Errorf("notification %+v after %d gateway requests, %d jobs left; want SENT after 1 attempt, 1 request, 0 jobs",
			n, len(reqs), e.jobsLeft(t, id))
	}
	if logs := e.logs.String(); strings.Contains(logs, "may send it again") {
		t.Errorf("the direct settle warned of a second send:\n%s", logs)
	}
}

// The settle commits asynchronously for its own transaction only: the
// pooled connection it ran on keeps synchronous commits for whatever runs
// on it next.
func TestDirectSettleLeavesCommitsSynchronous(t *testing.T) {
	t.Parallel()
	_, srv := newGateway(t)
	p, err := NewHTTPProvider(srv.URL, "gw-token", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvWorking(t, p, 10*time.Millisecond, false, nil)
	// The settle's pool: one connection, synchronous_commit on (the test
	// cluster's default is off).
	db, err := postgres.Open(context.Background(), pgtest.URLFor(t, e.db)+"&synchronous_commit=on", 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var before string
	if err := db.Get(&before, `SELECT current_setting('synchronous_commit')`); err != nil || before != "on" {
		t.Fatalf("synchronous_commit on the settle's connection = %q, %v; want on", before, err)
	}
	if err := e.notifier.SendAfterCommit(DirectConfig{Provider: p, DB: db, Timeout: 5 * time.Second, Fallback: 10 * time.Second,
		Logger: e.workerLogger()}); err != nil {
		t.Fatal(err)
	}
	id, _ := e.enqueueInTx(t, otpSMS("864200", time.Now().Add(5*time.Minute)))
	if n := e.waitFinal(t, id); n.Status != StatusSent {
		t.Fatalf("notification %+v, want SENT", n)
	}
	var setting string
	if err := db.Get(&setting, `SELECT current_setting('synchronous_commit')`); err != nil {
		t.Fatal(err)
	}
	if setting != "on" {
		t.Errorf("synchronous_commit on the settle's connection after it = %q, want on", setting)
	}
}
