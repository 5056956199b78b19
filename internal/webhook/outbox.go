package webhook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
)

// JobInserter inserts a River job in the caller's transaction.
type JobInserter interface {
	InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error
}

// Delivery is one message to a partner.
type Delivery struct {
	// Subject groups deliveries that must arrive in order, such as
	// "application:42".
	Subject string
	// Event names what happened, such as "application.submitted".
	Event string
	// URL is the partner's endpoint.
	URL string
	// SecretRef names the signing secret; the worker resolves it through
	// Secrets when it sends, so no secret is stored here.
	SecretRef string
	// Data is the event's payload, marshalled to JSON.
	Data any
}

// Envelope is the JSON body of every delivery.
type Envelope struct {
	// ID is the delivery key, the same as the Idempotency-Key header.
	ID        string          `json:"id"`
	Event     string          `json:"event"`
	CreatedAt time.Time       `json:"createdAt"`
	Data      json.RawMessage `json:"data"`
}

// Outbox queues deliveries.
type Outbox struct {
	jobs JobInserter
	now  func() time.Time
}

// NewOutbox returns an Outbox that inserts its jobs through jobs.
func NewOutbox(jobs JobInserter) *Outbox { return &Outbox{jobs: jobs, now: time.Now} }

// EnqueueTx stores d and its delivery job in tx and returns the delivery key.
// The delivery exists if and only if tx commits.
func (o *Outbox) EnqueueTx(ctx context.Context, tx *sqlx.Tx, d Delivery) (string, error) {
	if d.Subject == "" || d.Event == "" || d.URL == "" || d.SecretRef == "" {
		return "", errors.New("webhook delivery: subject, event, URL and secret reference are required")
	}
	key, err := newKey()
	if err != nil {
		return "", err
	}
	data, err := json.Marshal(d.Data)
	if err != nil {
		return "", fmt.Errorf("webhook delivery %s: encode data: %w", d.Event, err)
	}
	now := o.now().UTC().Truncate(time.Millisecond)
	body, err := json.Marshal(Envelope{ID: key, Event: d.Event, CreatedAt: now, Data: data})
	if err != nil {
		return "", fmt.Errorf("webhook delivery %s: encode body: %w", d.Event, err)
	}
	var id int64
	err = tx.GetContext(ctx, &id, `INSERT INTO webhook_deliveries
		(delivery_key, subject, event, url, secret_ref, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		key, d.Subject, d.Event, d.URL, d.SecretRef, string(body), now)
	if err != nil {
		return "", fmt.Errorf("store webhook delivery %s: %w", d.Event, err)
	}
	if err := o.jobs.InsertTx(ctx, tx, DeliverArgs{DeliveryID: id}, nil); err != nil {
		return "", fmt.Errorf("queue webhook delivery %s: %w", d.Event, err)
	}
	return key, nil
}

func newKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook delivery key: %w", err)
	}
	return "dlv_" + hex.EncodeToString(b), nil
}
