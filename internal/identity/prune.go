package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// PruneAfter is how long finished challenges and ended sessions are kept
// (for support questions) before Prune deletes them. The audit log is kept.
const PruneAfter = 7 * 24 * time.Hour

// Prune deletes challenges that expired, and sessions that ended, more than
// PruneAfter ago, and failures older than the lockout window. It returns how
// many rows it deleted.
func (s *Service) Prune(ctx context.Context) (int64, error) {
	now := s.now()
	cutoff := now.Add(-PruneAfter)
	var total int64
	for _, q := range []struct {
		what, sql string
		arg       time.Time
	}{
		{"challenges", `DELETE FROM identity_otp_challenges WHERE expires_at < $1`, cutoff},
		{"sessions", `DELETE FROM identity_sessions WHERE expires_at < $1 OR revoked_at < $1 OR last_seen_at < $1`, cutoff},
		{"failures", `DELETE FROM identity_auth_failures WHERE at < $1`, now.Add(-FailureWindow)},
	} {
		res, err := s.db.ExecContext(ctx, q.sql, q.arg)
		if err != nil {
			return total, fmt.Errorf("prune %s: %w", q.what, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("prune %s: %w", q.what, err)
		}
		total += n
	}
	return total, nil
}

// PruneArgs is the periodic job that runs Prune.
type PruneArgs struct{}

// Kind implements river.JobArgs.
func (PruneArgs) Kind() string { return "identity_prune" }

// PruneWorker runs PruneArgs jobs.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	svc *Service
}

// NewPruneWorker returns the worker that prunes svc's tables.
func NewPruneWorker(svc *Service) *PruneWorker { return &PruneWorker{svc: svc} }

// Work implements river.Worker.
func (w *PruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	n, err := w.svc.Prune(ctx)
	if err != nil {
		return err
	}
	w.svc.logger.InfoContext(ctx, "pruned identity tables", "rows", n)
	return nil
}
