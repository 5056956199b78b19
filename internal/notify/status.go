package notify

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Statuses of a notification.
const (
	StatusQueued   = "QUEUED"   // waiting for its first attempt
	StatusRetrying = "RETRYING" // an attempt failed; River retries with backoff
	StatusSent     = "SENT"     // the provider accepted it
	StatusFailed   = "FAILED"   // rejected by the gateway, or out of attempts
	StatusExpired  = "EXPIRED"  // an OTP whose code expired before it could be sent: dropped
)

// Notification is a row of the notifications table (text redacted for OTPs).
type Notification struct {
	ID        int64   `db:"id"`
	Purpose   string  `db:"purpose"`
	Recipient string  `db:"recipient"`
	Text      string  `db:"text_redacted"`
	Status    string  `db:"status"`
	Attempts  int     `db:"attempts"`
	LastError *string `db:"last_error"`
}

// GetNotification returns one notification (operators, tests).
func GetNotification(ctx context.Context, db sqlx.QueryerContext, id int64) (Notification, error) {
	var n Notification
	err := sqlx.GetContext(ctx, db, &n, `
		SELECT id, purpose, recipient, text_redacted, status, attempts, last_error
		FROM notifications WHERE id = $1`, id)
	if err != nil {
		return Notification{}, fmt.Errorf("get notification %d: %w", id, err)
	}
	return n, nil
}

// recordSQL records an attempt's outcome on a notification: $1 its ID, $2
// the status, $3 the attempts made, $4 the last error (NULL keeps the one
// recorded). The direct sender runs it behind its own job statement.
const recordSQL = `UPDATE notifications
		SET status = $2, attempts = GREATEST(attempts, $3), last_error = COALESCE($4, last_error),
		    sent_at = CASE WHEN $2 = 'SENT' THEN now() ELSE sent_at END, updated_at = now()
		WHERE id = $1`

// record writes the outcome of an attempt.
func record(ctx context.Context, db *sqlx.DB, id int64, status string, attempt int, lastErr string) error {
	if _, err := db.ExecContext(ctx, recordSQL, id, status, attempt, nullIfEmpty(lastErr)); err != nil {
		return fmt.Errorf("record notification %d %s: %w", id, status, err)
	}
	return nil
}

// nullIfEmpty is s, or NULL when s is empty.
func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
