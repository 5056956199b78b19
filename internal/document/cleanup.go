package document

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gocloud.dev/gcerrors"
)

// CleanupArgs is the periodic job deleting orphaned uploads: never attached
// to an application OrphanAge after they were uploaded (a submission that
// failed, a form abandoned).
type CleanupArgs struct{}

// Kind names the job.
func (CleanupArgs) Kind() string { return "document_cleanup" }

// CleanupWorker runs CleanupArgs.
type CleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	svc *Service
}

// NewCleanupWorker returns the worker of svc.
func NewCleanupWorker(svc *Service) *CleanupWorker { return &CleanupWorker{svc: svc} }

// Work deletes the orphans.
func (w *CleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	_, err := w.svc.DeleteOrphans(ctx, w.svc.now().Add(-OrphanAge))
	return err
}

// DeleteOrphans deletes the uploads created before cutoff and never
// attached: the row first (claimed, so an attach racing with the cleanup
// wins or loses as a whole), then its blob (a blob left without a row is
// never served). Returns how many it deleted.
func (s *Service) DeleteOrphans(ctx context.Context, cutoff time.Time) (int, error) {
	n := 0
	for {
		var rows []struct {
			ID  string `db:"id"`
			Key string `db:"storage_key"`
		}
		if err := s.db.SelectContext(ctx, &rows, `SELECT id, storage_key FROM uploads
			WHERE attached_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT 100`, cutoff); err != nil {
			return n, fmt.Errorf("find orphaned uploads: %w", err)
		}
		if len(rows) == 0 {
			return n, nil
		}
		for _, r := range rows {
			res, err := s.db.ExecContext(ctx, `DELETE FROM uploads WHERE id = $1 AND attached_at IS NULL`, r.ID)
			if err != nil {
				return n, fmt.Errorf("delete orphaned upload: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue
			}
			if err := s.bucket.Delete(ctx, r.Key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
				return n, fmt.Errorf("delete orphaned blob %s: %w", r.Key, err)
			}
			n++
		}
	}
}
