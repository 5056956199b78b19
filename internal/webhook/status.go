package webhook

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Record is what is known about one delivery.
type Record struct {
	Key         string     `db:"delivery_key"`
	Event       string     `db:"event"`
	Status      string     `db:"status"` // PENDING, DELIVERED or FAILED
	Attempts    int        `db:"attempts"`
	LastStatus  *int       `db:"last_status"`
	LastError   string     `db:"last_error"`
	CreatedAt   time.Time  `db:"created_at"`
	DeliveredAt *time.Time `db:"delivered_at"`
}

// List returns the deliveries of subject in the order they are sent.
func List(ctx context.Context, db sqlx.QueryerContext, subject string) ([]Record, error) {
	var out []Record
	err := sqlx.SelectContext(ctx, db, &out, `SELECT delivery_key, event, status, attempts, last_status,
		last_error, created_at, delivered_at FROM webhook_deliveries WHERE subject = $1 ORDER BY id`, subject)
	if err != nil {
		return nil, fmt.Errorf("list webhook deliveries: %w", err)
	}
	return out, nil
}
