package notify

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/sealed"
)

// smsTextPurpose keys the sealing of SMS texts in the job queue, so an OTP
// sits in the river_job table only as ciphertext.
const smsTextPurpose = "dvcportal/notify/sms-text/v1"

// JobInserter inserts a River job in the caller's transaction (the
// foundation's *jobs.Inserter).
type JobInserter interface {
	InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Notifier queues messages: the transactional outbox.
type Notifier struct {
	jobs   JobInserter
	sealer *sealed.Box
	direct *direct // nil: the job alone sends (see SendAfterCommit)
}

// NewNotifier returns a notifier inserting jobs through jobs; secret is the
// server secret (DVC_SECRET), from which the key sealing message texts in
// the queue is derived. The workers must be given the same secret.
func NewNotifier(jobs JobInserter, secret []byte) (*Notifier, error) {
	s, err := sealed.New(secret, smsTextPurpose)
	if err != nil {
		return nil, err
	}
	return &Notifier{jobs: jobs, sealer: s}, nil
}

// Retry budgets. An OTP is retried until its code expires (the worker then
// drops it): 100 attempts at most 30 s apart outlast any code. Other
// messages: 1 s doubling to 60 s, 100 attempts cover an outage of ~1.5 h.
const (
	maxAttemptsOTP  = 100
	maxAttemptsBulk = 100
)

// EnqueueTx records sms in the notifications table and queues its delivery
// job, both in tx: the message exists if and only if the caller's change
// commits. OTP messages go to jobs.QueueSMSOTP with priority 1, others to jobs.QueueSMSBulk.
// With SendAfterCommit and tx begun by postgres.InTx, this process sends the
// message right after the commit and the job, scheduled a little later, is
// the fallback (see direct.go).
func (n *Notifier) EnqueueTx(ctx context.Context, tx *sqlx.Tx, sms SMS) error {
	sms, err := sms.validate()
	if err != nil {
		return fmt.Errorf("enqueue SMS: %w", err)
	}
	stored := sms.Text
	if sms.Purpose == PurposeOTP {
		stored = Redact(sms.Text)
	}
	var id int64
	err = tx.GetContext(ctx, &id, `
		INSERT INTO notifications (channel, purpose, recipient, text_redacted, status, expires_at)
		VALUES ('SMS', $1, $2, $3, $4, $5)
		RETURNING id`, sms.Purpose, sms.To, stored, StatusQueued, sms.ExpiresAt)
	if err != nil {
		return fmt.Errorf("enqueue SMS: record notification: %w", err)
	}
	sealed, err := n.sealer.Seal(sms.Text, strconv.FormatInt(id, 10))
	if err != nil {
		return fmt.Errorf("enqueue SMS: %w", err)
	}
	args := SMSArgs{NotificationID: id, To: sms.To, SealedText: sealed, Purpose: sms.Purpose, ExpiresAt: sms.ExpiresAt, Subject: sms.Subject}
	opts := &river.InsertOpts{Queue: jobs.QueueSMSBulk, Priority: 2, MaxAttempts: maxAttemptsBulk}
	if sms.Purpose == PurposeOTP {
		opts = &river.InsertOpts{Queue: jobs.QueueSMSOTP, Priority: 1, MaxAttempts: maxAttemptsOTP}
	}
	if d := n.direct; d != nil {
		s := &directSend{sms: sms, notificationID: id}
		if postgres.AfterCommit(tx, func() { d.start(s) }) {
			opts.ScheduledAt = time.Now().Add(d.cfg.Fallback)
			if s.jobID, err = d.jobs.InsertTxID(ctx, tx, args, opts); err != nil {
				return fmt.Errorf("enqueue SMS: insert job: %w", err)
			}
			return nil
		}
	}
	if err := n.jobs.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("enqueue SMS: insert job: %w", err)
	}
	return nil
}
