package payment

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
)

// Metrics counts notifications by result; payments by provider and status,
// unreconciled and in-review counts are read from the database when scraped.
type Metrics struct {
	mu            sync.Mutex
	notifications map[string]int64 // provider answer code → count
	alerts        int64
}

// NewMetrics returns empty Metrics.
func NewMetrics() *Metrics { return &Metrics{notifications: map[string]int64{}} }

func (m *Metrics) notification(code string) {
	m.mu.Lock()
	m.notifications[code]++
	m.mu.Unlock()
}

func (m *Metrics) alert() {
	m.mu.Lock()
	m.alerts++
	m.mu.Unlock()
}

// WritePrometheus writes the payment metrics in Prometheus text format.
func (s *Service) WritePrometheus(ctx context.Context, w io.Writer) error {
	var rows []struct {
		Provider string `db:"provider"`
		Status   string `db:"status"`
		N        int64  `db:"n"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT provider, status, count(*) AS n FROM payments
		GROUP BY provider, status ORDER BY 1, 2`); err != nil {
		return fmt.Errorf("payment metrics: %w", err)
	}
	fmt.Fprintln(w, "# HELP dvc_payments Payments by provider and status.")
	fmt.Fprintln(w, "# TYPE dvc_payments gauge")
	for _, r := range rows {
		fmt.Fprintf(w, "dvc_payments{provider=%q,status=%q} %d\n", r.Provider, r.Status, r.N)
	}
	var open, review int64
	if err := s.db.GetContext(ctx, &open, `SELECT count(*) FROM payment_discrepancies WHERE resolved_at IS NULL`); err != nil {
		return fmt.Errorf("payment metrics: %w", err)
	}
	if err := s.db.GetContext(ctx, &review, `SELECT count(*) FROM payments WHERE status = 'REVIEW'`); err != nil {
		return fmt.Errorf("payment metrics: %w", err)
	}
	fmt.Fprintln(w, "# HELP dvc_payments_unreconciled Open reconciliation discrepancies.")
	fmt.Fprintln(w, "# TYPE dvc_payments_unreconciled gauge")
	fmt.Fprintf(w, "dvc_payments_unreconciled %d\n", open)
	fmt.Fprintln(w, "# HELP dvc_payments_in_review Payments in REVIEW.")
	fmt.Fprintln(w, "# TYPE dvc_payments_in_review gauge")
	fmt.Fprintf(w, "dvc_payments_in_review %d\n", review)
	m := s.metrics
	m.mu.Lock()
	codes := make([]string, 0, len(m.notifications))
	for c := range m.notifications {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	fmt.Fprintln(w, "# HELP dvc_payment_notifications_total Provider notifications by our answer code.")
	fmt.Fprintln(w, "# TYPE dvc_payment_notifications_total counter")
	for _, c := range codes {
		fmt.Fprintf(w, "dvc_payment_notifications_total{result=%q} %d\n", c, m.notifications[c])
	}
	fmt.Fprintln(w, "# HELP dvc_payment_alerts_total Payments pending a day and sent to review.")
	fmt.Fprintln(w, "# TYPE dvc_payment_alerts_total counter")
	fmt.Fprintf(w, "dvc_payment_alerts_total %d\n", m.alerts)
	m.mu.Unlock()
	return nil
}
