package catalogue

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultPollInterval is how often Live checks the catalogue revision when
// nothing tells it of a change.
const DefaultPollInterval = time.Second

// RevisionChannel is the PostgreSQL notification channel of catalogue
// changes: every transaction that bumps the revision notifies it (payload:
// the new revision), so a process listening on it (postgres.Listen calling
// Live.Nudge) sees a publish of any process within milliseconds of its
// commit and can poll rarely (ListeningPollInterval).
const RevisionChannel = "catalogue_revision"

// ListeningPollInterval is the poll interval of a Live that is woken by
// RevisionChannel: only a back-up for a listening connection that died
// without an error (Listen itself wakes Live after each reconnect, covering
// what was sent while it was down). One statement every 10 s instead of
// every second: the idle server's cost (issue 13).
const ListeningPollInterval = 10 * time.Second

// Live holds the current Snapshot of a process and keeps it fresh: it polls
// catalogue_revision (one cheap statement per interval) and rebuilds the
// snapshot when the revision moved, so a publish in any process reaches this
// one within about one interval, or at once when a listener on
// RevisionChannel nudges it. Readers never wait: they get the snapshot that
// was current when they asked.
type Live struct {
	store    *Store
	logger   *slog.Logger
	interval time.Duration
	cur      atomic.Pointer[Snapshot]
	mu       sync.Mutex // serializes rebuilds
	nudge    chan struct{}
}

// NewLive returns a Live holding an empty snapshot (revision -1): call
// Refresh to load the catalogue and Run to keep it fresh. It registers itself
// with the store so that a change made by this process is in the snapshot
// before the change's method returns (read your own writes); other processes
// see it at their next poll.
func NewLive(store *Store, logger *slog.Logger) *Live {
	l := &Live{store: store, logger: logger, interval: DefaultPollInterval, nudge: make(chan struct{}, 1)}
	l.cur.Store(NewSnapshot(SnapshotData{Revision: -1}))
	store.OnChange(func(ctx context.Context) {
		if err := l.Refresh(ctx); err != nil {
			l.logger.Warn("catalogue snapshot refresh after a change failed; the poll retries", "err", err)
			l.Nudge()
		}
	})
	return l
}

// SetInterval changes the poll interval (before Run).
func (l *Live) SetInterval(d time.Duration) { l.interval = d }

// Snapshot returns the current snapshot.
func (l *Live) Snapshot() *Snapshot { return l.cur.Load() }

// Nudge asks Run to check the revision now.
func (l *Live) Nudge() {
	select {
	case l.nudge <- struct{}{}:
	default:
	}
}

// Refresh rebuilds the snapshot if the catalogue revision moved.
func (l *Live) Refresh(ctx context.Context) error {
	rev, err := l.store.Revision(ctx)
	if err != nil {
		return err
	}
	if rev == l.Snapshot().Revision() {
		return nil
	}
	return l.rebuild(ctx)
}

func (l *Live) rebuild(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	d, err := l.store.LoadSnapshotData(ctx)
	if err != nil {
		return err
	}
	if cur := l.cur.Load(); cur != nil && cur.Revision() >= d.Revision {
		return nil
	}
	l.cur.Store(NewSnapshot(d))
	return nil
}

// Run keeps the snapshot fresh until ctx ends. Errors are logged and retried
// at the next tick; the last good snapshot keeps serving meanwhile.
func (l *Live) Run(ctx context.Context) {
	t := time.NewTicker(l.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-l.nudge:
		}
		if err := l.Refresh(ctx); err != nil && ctx.Err() == nil {
			l.logger.Warn("catalogue snapshot refresh failed", "err", fmt.Errorf("refresh catalogue: %w", err))
		}
	}
}

// CurrentVersion returns the current published version of the service with
// code from the snapshot, without SQL; a service the snapshot does not hold
// (an unknown code, or one published in another process since the last
// poll) is looked up in the store. Either way the handler binding carries
// no webhook secret (Store.CurrentVersion has it). apperr.ErrNotFound when
// the service does not exist or is not published. A change made by this
// process is seen at once; one made by another process within about one
// poll interval, as the catalogue pages see it.
func (l *Live) CurrentVersion(ctx context.Context, code string) (ServiceVersion, error) {
	if v, ok := l.Snapshot().Version(code); ok {
		return v, nil
	}
	v, err := l.store.CurrentVersion(ctx, code)
	v.Handler.Secret = ""
	return v, err
}
