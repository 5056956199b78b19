package jobs_test

import (
	"context"
	"database/sql"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type sendArgs struct {
	Key string `json:"key"`
}

func (sendArgs) Kind() string { return "test_send" }

type sendWorker struct {
	river.WorkerDefaults[sendArgs]
	sent *atomic.Int32
}

func (w *sendWorker) Work(context.Context, *river.Job[sendArgs]) error {
	w.sent.Add(1)
	return nil
}

// TestRescueAfterCrashIsMinutesNotAnHour: a job a killed process had fetched
// (still "running", attempted by a client that no longer exists) is run again
// by a new process once the longest job timeout has passed, not after
// River's default hour; a job whose timeout cannot have passed yet is left
// alone.
func TestRescueAfterCrashIsMinutesNotAnHour(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	var sent atomic.Int32
	workers := river.NewWorkers()
	river.AddWorker(workers, &sendWorker{sent: &sent})
	cfg := jobs.RiverConfig(jobs.Config{
		Workers: workers, Logger: slog.New(slog.DiscardHandler), Work: true,
		JobTimeout: time.Minute, KindTimeouts: []time.Duration{40 * time.Second},
	})
	if got, want := cfg.RescueStuckJobsAfter, time.Minute+jobs.RescueGrace; got != want {
		t.Fatalf("RescueStuckJobsAfter = %v, want %v (longest timeout + grace)", got, want)
	}
	if cfg.RescueStuckJobsAfter > 5*time.Minute {
		t.Fatalf("RescueStuckJobsAfter = %v: a crash strands jobs for more than minutes", cfg.RescueStuckJobsAfter)
	}
	client, err := river.NewClient(riverdatabasesql.New(db.DB), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// Two jobs a dead process had fetched: one 2 minutes ago (past every
	// timeout), one 10 seconds ago (could still be running somewhere).
	for _, ago := range []string{"2 minutes", "10 seconds"} {
		res, err := client.Insert(ctx, sendArgs{Key: ago}, &river.InsertOpts{Queue: jobs.QueueDefault})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `UPDATE river_job SET state = 'running', attempt = 1,
			attempted_at = now() - $2::interval, attempted_by = ARRAY['dead-process'] WHERE id = $1`, res.Job.ID, ago); err != nil {
			t.Fatal(err)
		}
	}
	startClient(ctx, t, client)
	deadline := time.Now().Add(45 * time.Second)
	for sent.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if got := sent.Load(); got != 1 {
		t.Fatalf("jobs run again after the crash = %d, want 1 (the one past its timeout)", got)
	}
	var state sql.NullString
	if err := db.GetContext(ctx, &state, `SELECT state FROM river_job WHERE args->>'key' = '10 seconds'`); err != nil {
		t.Fatal(err)
	}
	if state.String != "running" {
		t.Fatalf("a job within its timeout was rescued: state %q, want running", state.String)
	}
}
