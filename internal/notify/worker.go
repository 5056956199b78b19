package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/sealed"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// WorkerConfig configures the SMS workers.
type WorkerConfig struct {
	// Secret is the server secret the Notifier was given.
	Secret []byte
	// Logger gets one line per outcome (notification ID, purpose, masked
	// phone, attempt; never the text). nil: slog.Default().
	Logger *slog.Logger
	// Backoff is the delay after failed attempt n (1-based) before the next.
	// nil: 1 s, 2 s, 4 s … capped at 30 s for messages with an expiry (OTPs)
	// and at 60 s for the rest (see RetryDelay).
	Backoff func(attempt int) time.Duration
	// Checks decide whether a message with a Subject is still worth sending
	// (nil: every message is).
	Checks *Checks
	// Now is the clock (tests); nil: time.Now.
	Now func() time.Time
}

// RegisterWorkers registers the worker that delivers SMS jobs through
// provider and records each outcome in db's notifications table.
func RegisterWorkers(workers *river.Workers, provider Provider, db *sqlx.DB, cfg WorkerConfig) error {
	s, err := sealed.New(cfg.Secret, smsTextPurpose)
	if err != nil {
		return err
	}
	w := &smsWorker{provider: provider, db: db, sealer: s, log: cfg.Logger, backoff: cfg.Backoff, now: cfg.Now, checks: cfg.Checks}
	if w.log == nil {
		w.log = slog.Default()
	}
	if w.now == nil {
		w.now = time.Now
	}
	if err := river.AddWorkerSafely(workers, w); err != nil {
		return fmt.Errorf("register SMS worker: %w", err)
	}
	return nil
}

type smsWorker struct {
	river.WorkerDefaults[SMSArgs]
	provider Provider
	db       *sqlx.DB
	sealer   *sealed.Box
	log      *slog.Logger
	backoff  func(attempt int) time.Duration
	now      func() time.Time
	checks   *Checks
}

// Work delivers one message. Outcomes:
//   - expired before sending: not sent, recorded EXPIRED, no retry;
//   - no longer current (its Subject's check says so, e.g. a superseded
//     OTP): not sent, recorded EXPIRED, no retry;
//   - sent: recorded SENT;
//   - rejected by the gateway (4xx): recorded FAILED, job cancelled;
//   - other failure: recorded RETRYING and retried with backoff, unless the
//     attempts are used up (FAILED) or the retry would come after the
//     message's expiry (EXPIRED).
func (w *smsWorker) Work(ctx context.Context, job *river.Job[SMSArgs]) error {
	a := job.Args
	attempt := job.Attempt
	l := w.log.With("notification_id", a.NotificationID, "purpose", a.Purpose,
		"to", vnid.MaskPhone(a.To), "attempt", attempt)

	if a.ExpiresAt != nil && !w.now().Before(*a.ExpiresAt) {
		l.Info("SMS dropped: expired before it could be sent")
		return w.record(ctx, a.NotificationID, StatusExpired, attempt-1, "expired before sending")
	}
	current, err := w.checks.current(ctx, a.Subject)
	if err != nil {
		return err // retried: the check itself failed (database down)
	}
	if !current {
		l.Info("SMS dropped: no longer current")
		return w.record(ctx, a.NotificationID, StatusExpired, attempt-1, "no longer current (superseded, used or closed)")
	}
	ref := strconv.FormatInt(a.NotificationID, 10)
	text, err := w.sealer.Open(a.SealedText, ref)
	if err != nil {
		l.Error("SMS not sent: cannot open its text", "err", err)
		if rerr := w.record(ctx, a.NotificationID, StatusFailed, attempt-1, err.Error()); rerr != nil {
			return rerr
		}
		return river.JobCancel(err)
	}

	err = w.provider.Send(ctx, Message{To: a.To, Text: text, Purpose: a.Purpose, Reference: "dvc-sms-" + ref})
	switch {
	case err == nil:
		l.Info("SMS sent")
		if rerr := w.record(ctx, a.NotificationID, StatusSent, attempt, ""); rerr != nil {
			// Sent already: a retry would send it again. Keep the job done.
			l.Error("SMS sent but its status was not recorded", "err", rerr)
		}
		return nil
	case errors.Is(err, ErrRejected):
		l.Warn("SMS rejected by the gateway, not retried", "err", err)
		if rerr := w.record(ctx, a.NotificationID, StatusFailed, attempt, err.Error()); rerr != nil {
			return rerr
		}
		return river.JobCancel(err)
	case attempt >= job.MaxAttempts:
		l.Error("SMS failed, out of attempts", "err", err)
		if rerr := w.record(ctx, a.NotificationID, StatusFailed, attempt, err.Error()); rerr != nil {
			return rerr
		}
		return err
	case a.ExpiresAt != nil && !w.NextRetry(job).Before(*a.ExpiresAt):
		l.Warn("SMS dropped: the retry would come after it expires", "err", err)
		if rerr := w.record(ctx, a.NotificationID, StatusExpired, attempt, err.Error()); rerr != nil {
			return rerr
		}
		return river.JobCancel(err)
	default:
		l.Warn("SMS attempt failed, will retry", "err", err)
		if rerr := w.record(ctx, a.NotificationID, StatusRetrying, attempt, err.Error()); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
}

// NextRetry schedules the retry after a failed attempt (see WorkerConfig.Backoff).
func (w *smsWorker) NextRetry(job *river.Job[SMSArgs]) time.Time {
	if w.backoff != nil {
		return w.now().Add(w.backoff(job.Attempt))
	}
	return w.now().Add(RetryDelay(job.Attempt, job.Args.ExpiresAt != nil))
}

// RetryDelay is the delay after failed attempt n (1-based): 1 s doubling,
// capped at 30 s for a message that expires (an OTP: it should arrive soon
// after the gateway recovers) and at 60 s for the rest.
func RetryDelay(attempt int, expires bool) time.Duration {
	limit := 60 * time.Second
	if expires {
		limit = 30 * time.Second
	}
	if attempt < 1 {
		attempt = 1
	}
	if attempt > 7 {
		return limit
	}
	return min(limit, time.Second<<(attempt-1))
}

func (w *smsWorker) record(ctx context.Context, id int64, status string, attempts int, lastErr string) error {
	return record(ctx, w.db, id, status, max(attempts, 0), lastErr)
}
