package jobs_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

type wakeArgs struct {
	N int `json:"n"`
}

func (wakeArgs) Kind() string { return "test_wake" }

type wakeWorker struct {
	river.WorkerDefaults[wakeArgs]
	worked chan time.Time
}

func (w *wakeWorker) Work(context.Context, *river.Job[wakeArgs]) error {
	w.worked <- time.Now()
	return nil
}

// TestJobsInQuickSuccessionLeaveAtOnce: with LISTEN, a job committed a few
// milliseconds after another one into the same queue, just after the
// first one's wake-up fetch, is woken by its own insert notification: it
// leaves within a fraction of a second, not at the queue's next poll
// (ListenPollInterval). River sends one insert notification per queue per
// client FetchCooldown: were it the queue's fetch cooldown (20 ms), the
// second notification would not be sent.
func TestJobsInQuickSuccessionLeaveAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	driver, listening, closeListener, err := jobs.Driver(ctx, db.DB, pgtest.URLFor(t, db))
	if err != nil {
		t.Fatal(err)
	}
	if !listening {
		t.Fatal("with a URL the driver does not listen")
	}
	w := &wakeWorker{worked: make(chan time.Time, 10)}
	workers := river.NewWorkers()
	river.AddWorker(workers, w)
	client, err := river.NewClient(driver, jobs.RiverConfig(jobs.Config{
		Workers: workers, Logger: slog.New(slog.DiscardHandler), Work: true, Listening: true,
	}))
	if err != nil {
		t.Fatal(err)
	}
	startClient(ctx, t, client, closeListener)
	// insert commits a job and returns when it began and when it committed.
	insert := func(n int) (began, committed time.Time) {
		t.Helper()
		began = time.Now()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := client.InsertTx(ctx, tx, wakeArgs{N: n}, &river.InsertOpts{Queue: jobs.QueueSMSBulk}); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return began, time.Now()
	}
	wait := func(what string, committed time.Time) time.Time {
		t.Helper()
		const limit = time.Second // a tenth of the queue's poll
		select {
		case at := <-w.worked:
			t.Logf("%s: worked %v after its commit", what, at.Sub(committed))
			return at
		case <-time.After(limit):
			t.Fatalf("%s: not worked within %v of its commit (the queue polls every %v)", what, limit, jobs.ListenPollInterval)
			return time.Time{}
		}
	}
	// The listener and the queues start asynchronously: a first job, waited
	// for as long as a poll, proves them up.
	insert(0)
	select {
	case <-w.worked:
	case <-time.After(2 * jobs.ListenPollInterval):
		t.Fatal("the first job did not run")
	}
	for i := 1; i <= 3; i++ {
		// Two jobs: the second inserted once the first has run, 5–20 ms
		// after the first one's insert (more than River's minimum window of
		// 1 ms, less than the queue's fetch cooldown). The pause lets the
		// queue's fetch cooldown end, so the first one is fetched at once.
		time.Sleep(100 * time.Millisecond)
		b1, c1 := insert(2 * i)
		wait("the first of two", c1)
		time.Sleep(time.Until(b1.Add(5 * time.Millisecond)))
		b2, c2 := insert(2*i + 1)
		t.Logf("the second began %v after the first", b2.Sub(b1))
		wait("the second of two, inserted just after the first ran", c2)
	}
}
