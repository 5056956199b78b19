package payment

import (
	"context"
	"fmt"
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

// Stats are the payment metrics of the moment.
type Stats struct {
	ByProviderStatus map[[2]string]int64 // {provider, status} → payments
	Unreconciled     int64               // open discrepancies
	InReview         int64               // payments in REVIEW
	Notifications    map[string]int64    // our answer code → notifications
	Alerts           int64               // operator alerts: payments sent to review (pending a day, a refused refund of a settled payment)
}

// Stats reads the gauges from the database and the counters of this process.
func (s *Service) Stats(ctx context.Context) (Stats, error) {
	st := Stats{ByProviderStatus: map[[2]string]int64{}, Notifications: map[string]int64{}}
	var rows []struct {
		Provider string `db:"provider"`
		Status   string `db:"status"`
		N        int64  `db:"n"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT provider, status, count(*) AS n FROM payments GROUP BY provider, status`); err != nil {
		return st, fmt.Errorf("payment metrics: %w", err)
	}
	for _, r := range rows {
		st.ByProviderStatus[[2]string{r.Provider, r.Status}] = r.N
	}
	if err := s.db.GetContext(ctx, &st.Unreconciled, `SELECT count(*) FROM payment_discrepancies WHERE resolved_at IS NULL`); err != nil {
		return st, fmt.Errorf("payment metrics: %w", err)
	}
	if err := s.db.GetContext(ctx, &st.InReview, `SELECT count(*) FROM payments WHERE status = 'REVIEW'`); err != nil {
		return st, fmt.Errorf("payment metrics: %w", err)
	}
	m := s.metrics
	m.mu.Lock()
	for c, n := range m.notifications {
		st.Notifications[c] = n
	}
	st.Alerts = m.alerts
	m.mu.Unlock()
	return st, nil
}
