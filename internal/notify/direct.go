package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Sending right after the commit (see the package doc). A message queued in
// a transaction of postgres.InTx is sent by this process as soon as that
// transaction commits; its River job, inserted in the same transaction, is
// scheduled DirectConfig.Fallback later and is the durable fallback:
//   - sent (or rejected by the gateway): one statement records the outcome
//     and deletes the job if no worker has started it;
//   - a transient failure or timeout: the attempt is recorded and the job is
//     made available at once, so the worker retries it as before;
//   - the process dies after the commit, or is too busy to start the send:
//     the job becomes available at its scheduled time and a worker (of any
//     process) sends it.
//
// Delivery stays at least once with the same provider reference on every
// attempt, as with the worker alone: a send that succeeded just before the
// process died, or that outlived its timeout at the gateway, is sent again by
// the job with the same reference (the gateway's idempotency key).

// DirectConfig configures sending right after the commit.
type DirectConfig struct {
	// Provider delivers the messages (the workers' provider).
	Provider Provider
	// DB records the outcomes.
	DB *sqlx.DB
	// Timeout bounds one direct send (0: 3 s); it must be shorter than
	// Fallback, so the job never starts while a direct send may still succeed.
	Timeout time.Duration
	// Fallback is how long after the enqueue the job becomes available when
	// the direct send has not settled it (0: 5 s). River's scheduler makes
	// scheduled jobs available every few seconds, so a message whose process
	// died after the commit leaves within about Fallback + 5 s.
	Fallback time.Duration
	// MaxInFlight bounds the direct sends at once (0: 64); beyond it a
	// message is left to its job.
	MaxInFlight int
	// Logger: nil is slog.Default().
	Logger *slog.Logger
}

// jobIDInserter is the JobInserter that also returns the job's ID
// (*jobs.Inserter is one): the direct sender deletes the job it settled.
type jobIDInserter interface {
	InsertTxID(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) (int64, error)
}

// direct sends messages right after their transaction commits.
type direct struct {
	cfg    DirectConfig
	jobs   jobIDInserter
	log    *slog.Logger
	slots  chan struct{}
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// directSend is one message waiting for its commit.
type directSend struct {
	sms            SMS // validated, the text in clear (it never leaves memory)
	notificationID int64
	jobID          int64
}

// SendAfterCommit makes n send each message queued in a postgres.InTx
// transaction right after that transaction commits, the job staying as the
// fallback (see DirectConfig). Messages queued in other transactions go
// through the job alone, as before. Call Drain when the process stops.
func (n *Notifier) SendAfterCommit(cfg DirectConfig) error {
	ins, ok := n.jobs.(jobIDInserter)
	if !ok {
		return errors.New("send after commit: the job inserter does not return job IDs")
	}
	if cfg.Provider == nil || cfg.DB == nil {
		return errors.New("send after commit: no provider or database")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 3 * time.Second
	}
	if cfg.Fallback <= 0 {
		cfg.Fallback = 5 * time.Second
	}
	if cfg.Fallback <= cfg.Timeout {
		return fmt.Errorf("send after commit: fallback %v must be longer than the send timeout %v", cfg.Fallback, cfg.Timeout)
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 64
	}
	d := &direct{cfg: cfg, jobs: ins, log: cfg.Logger, slots: make(chan struct{}, cfg.MaxInFlight)}
	if d.log == nil {
		d.log = slog.Default()
	}
	n.direct = d
	return nil
}

// Drain stops starting direct sends (their jobs send what is queued from
// now on) and waits for those in flight to finish and record their outcome,
// or for ctx.
func (n *Notifier) Drain(ctx context.Context) error {
	d := n.direct
	if d == nil {
		return nil
	}
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("drain direct SMS sends: %w", ctx.Err())
	}
}

// start runs s's send in the background, unless the sender is draining or
// full: then the job sends it.
func (d *direct) start(s *directSend) {
	if s.jobID == 0 {
		return // the enqueue failed after registering: nothing to send
	}
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return
	}
	select {
	case d.slots <- struct{}{}:
	default:
		d.mu.Unlock()
		return
	}
	d.wg.Add(1)
	d.mu.Unlock()
	go func() {
		defer d.wg.Done()
		defer func() { <-d.slots }()
		d.send(s)
	}()
}

// send makes the one direct attempt and records its outcome (see the
// package doc). It never waits on the request that queued the message.
func (d *direct) send(s *directSend) {
	m := s.sms
	l := d.log.With("notification_id", s.notificationID, "purpose", m.Purpose,
		"to", vnid.MaskPhone(m.To), "attempt", 1, "direct", true)
	if m.ExpiresAt != nil && !time.Now().Before(*m.ExpiresAt) {
		return // the job drops it, recording why
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.cfg.Timeout)
	err := d.cfg.Provider.Send(ctx, Message{To: m.To, Text: m.Text, Purpose: m.Purpose,
		Reference: "dvc-sms-" + strconv.FormatInt(s.notificationID, 10)})
	cancel()
	rctx, rcancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer rcancel()
	switch {
	case err == nil:
		l.Info("SMS sent")
		d.settle(rctx, l, s, StatusSent, "")
	case errors.Is(err, ErrRejected):
		l.Warn("SMS rejected by the gateway, not retried", "err", err)
		d.settle(rctx, l, s, StatusFailed, err.Error())
	default:
		l.Warn("SMS attempt failed, its job retries it", "err", err)
		d.retryNow(rctx, l, s, err.Error())
	}
}

// notStarted is the job states in which no worker has the job: scheduled,
// or already made available but not yet fetched. River's scheduler makes a
// scheduled job available up to its interval (5 s) ahead of its time (a
// worker fetches it only once that time has come), so a job scheduled
// Fallback after its commit is 'available' before the direct send settles
// whenever a scheduler run falls between the two. A worker fetches with FOR
// UPDATE SKIP LOCKED and sets 'running' in the same statement: a DELETE or
// UPDATE that finds the job in one of these states either wins it (the
// fetch skips the locked row) or waits for the fetch and then no longer
// matches.
const notStarted = `('scheduled', 'available')`

// asyncCommit, a CTE that the statement's main SELECT reads, turns
// synchronous_commit off for the statement's own transaction only
// (set_config's is_local; PostgreSQL applies the setting in effect at the
// commit, and resets it at the transaction's end, so the pooled connection
// keeps its synchronous commits). The commit then returns without waiting
// for its WAL to reach the disk (the WAL writer flushes it within
// wal_writer_delay, 200 ms by default). For the statements that use it,
// losing the commit in a PostgreSQL crash is harmless: see settle.
const asyncCommit = `async AS (SELECT set_config('synchronous_commit', 'off', true))`

// settle records a final outcome and deletes the job in one statement. A
// job no longer scheduled nor available has been started by a worker: it
// may send the message again, with the same reference.
//
// The statement commits asynchronously (asyncCommit): a PostgreSQL crash
// within a fraction of a second after it may undo it, leaving the message
// PENDING with its job scheduled, as if this process had died before the
// settle; the job then sends it again with the same reference, the
// at-least-once delivery the package promises. It saves a WAL flush (an
// fdatasync) per message sent.
func (d *direct) settle(ctx context.Context, l *slog.Logger, s *directSend, status, lastErr string) {
	var dropped int
	err := d.cfg.DB.GetContext(ctx, &dropped, `WITH `+asyncCommit+`,
		dropped AS (
			DELETE FROM river_job WHERE id = $5 AND state IN `+notStarted+` RETURNING 1),
		recorded AS (`+recordSQL+`)
		SELECT (SELECT count(*) FROM dropped) FROM async`, s.notificationID, status, 1, nullIfEmpty(lastErr), s.jobID)
	switch {
	case err != nil:
		// The job is still scheduled: it sends the message again (same reference).
		l.Error("SMS settled directly but not recorded; its job will run", "status", status, "err", err)
	case dropped == 0:
		l.Warn("SMS settled directly after its job had started; the job may send it again (same reference)", "status", status)
	}
}

// retryNow records a failed direct attempt and makes the job available at
// once, so a worker retries it without waiting for the fallback time.
func (d *direct) retryNow(ctx context.Context, l *slog.Logger, s *directSend, lastErr string) {
	_, err := d.cfg.DB.ExecContext(ctx, `WITH due AS (
			UPDATE river_job SET state = 'available', scheduled_at = now()
			WHERE id = $5 AND state IN `+notStarted+`)
		`+recordSQL, s.notificationID, StatusRetrying, 1, nullIfEmpty(lastErr), s.jobID)
	if err != nil {
		l.Error("failed direct SMS attempt not recorded; its job runs at its scheduled time", "err", err)
	}
}
