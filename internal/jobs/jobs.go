// Package jobs owns the background job queue (River over PostgreSQL with the
// riverdatabasesql driver): the Inserter that domain packages use to enqueue a
// job inside their own transaction (the transactional outbox), and the queue
// names and sizes.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
)

// Queues and their worker counts. OTP SMS have their own queue so they never
// wait behind bulk messages.
const (
	QueueDefault = river.QueueDefault
	QueueSMSOTP  = "sms_otp"
	QueueSMSBulk = "sms_bulk"
	QueueWebhook = "webhook"
)

// QueueConfig returns River's queue configuration for a worker process.
func QueueConfig() map[string]river.QueueConfig {
	return map[string]river.QueueConfig{
		QueueDefault: {MaxWorkers: 10},
		QueueSMSOTP:  {MaxWorkers: 10},
		QueueSMSBulk: {MaxWorkers: 5},
		QueueWebhook: {MaxWorkers: 10},
	}
}

// ErrNotReady is returned by an Inserter used before the River client exists.
var ErrNotReady = errors.New("job queue client not created yet")

// Inserter enqueues jobs in the caller's transaction. It is created before the
// River client (workers must be registered first) and bound to it afterwards.
type Inserter struct {
	client atomic.Pointer[river.Client[*sql.Tx]]
}

// Bind sets the River client the Inserter uses.
func (i *Inserter) Bind(c *river.Client[*sql.Tx]) { i.client.Store(c) }

// InsertTx enqueues args in tx: the job exists exactly when tx commits.
func (i *Inserter) InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := i.InsertTxID(ctx, tx, args, opts)
	return err
}

// InsertTxID is InsertTx that also returns the job's ID.
func (i *Inserter) InsertTxID(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) (int64, error) {
	c := i.client.Load()
	if c == nil {
		return 0, ErrNotReady
	}
	res, err := c.InsertTx(ctx, tx.Tx, args, opts)
	if err != nil {
		return 0, fmt.Errorf("enqueue %s job: %w", args.Kind(), err)
	}
	return res.Job.ID, nil
}
