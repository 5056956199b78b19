package payment

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/auth"
)

const payColumns = `id, code, account_id, provider, status, amount, payee_bank_code, payee_account, return_url,
	next_url, provider_txn_id, refunded, created_at, expires_at, updated_at, paid_at, delivery`

type payRow struct {
	ID            int64        `db:"id"`
	Code          string       `db:"code"`
	AccountID     int64        `db:"account_id"`
	Provider      string       `db:"provider"`
	Status        string       `db:"status"`
	Amount        int64        `db:"amount"`
	PayeeBank     string       `db:"payee_bank_code"`
	PayeeAccount  string       `db:"payee_account"`
	ReturnURL     string       `db:"return_url"`
	NextURL       string       `db:"next_url"`
	ProviderTxnID string       `db:"provider_txn_id"`
	Refunded      int64        `db:"refunded"`
	CreatedAt     time.Time    `db:"created_at"`
	ExpiresAt     time.Time    `db:"expires_at"`
	UpdatedAt     time.Time    `db:"updated_at"`
	PaidAt        sql.NullTime `db:"paid_at"`
	Delivery      []byte       `db:"delivery"`
}

func (r payRow) payment() Payment {
	p := Payment{ID: r.ID, Code: r.Code, AccountID: r.AccountID, Provider: r.Provider, Status: Status(r.Status),
		Amount: r.Amount, PayeeBank: r.PayeeBank, PayeeAccount: r.PayeeAccount, ReturnURL: r.ReturnURL, NextURL: r.NextURL,
		ProviderTxnID: r.ProviderTxnID, Reserved: r.Refunded, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, UpdatedAt: r.UpdatedAt,
		delivery: r.Delivery}
	if r.PaidAt.Valid {
		t := r.PaidAt.Time
		p.PaidAt = &t
	}
	return p
}

type queryer interface {
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	GetContext(ctx context.Context, dest any, query string, args ...any) error
}

type itemRow struct {
	PaymentID     int64  `db:"payment_id"`
	ObligationID  int64  `db:"obligation_id"`
	AgencyCode    string `db:"agency_code"`
	Amount        int64  `db:"amount"`
	Lines         []byte `db:"lines"`
	AgencyReceipt string `db:"agency_receipt"`
}

// withItems loads the items of ps.
func withItems(ctx context.Context, q queryer, ps []Payment) ([]Payment, error) {
	if len(ps) == 0 {
		return ps, nil
	}
	ids := make([]int64, len(ps))
	at := map[int64]int{}
	for i, p := range ps {
		ids[i], at[p.ID] = p.ID, i
	}
	var rows []itemRow
	if err := q.SelectContext(ctx, &rows, `SELECT payment_id, obligation_id, agency_code, amount, lines, agency_receipt
		FROM payment_items WHERE payment_id = ANY($1) ORDER BY payment_id, obligation_id`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("payment items: %w", err)
	}
	for _, r := range rows {
		it := Item{ObligationID: r.ObligationID, AgencyCode: r.AgencyCode, Amount: r.Amount, AgencyReceipt: r.AgencyReceipt}
		if err := json.Unmarshal(r.Lines, &it.Lines); err != nil {
			return nil, fmt.Errorf("lines of payment %d: %w", r.PaymentID, err)
		}
		p := &ps[at[r.PaymentID]]
		p.Items = append(p.Items, it)
	}
	return ps, nil
}

// load returns one payment with its items, without checking who asks.
func load(ctx context.Context, q queryer, id int64, lock bool) (Payment, bool, error) {
	query := `SELECT ` + payColumns + ` FROM payments WHERE id = $1`
	if lock {
		query += ` FOR UPDATE`
	}
	var r payRow
	if err := q.GetContext(ctx, &r, query, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Payment{}, false, nil
		}
		return Payment{}, false, fmt.Errorf("load payment %d: %w", id, err)
	}
	ps, err := withItems(ctx, q, []Payment{r.payment()})
	if err != nil {
		return Payment{}, false, err
	}
	return ps[0], true, nil
}

// idByCode returns the payment with a code (0 when none).
func idByCode(ctx context.Context, q queryer, code string) (int64, error) {
	var id int64
	err := q.GetContext(ctx, &id, `SELECT id FROM payments WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("payment by code: %w", err)
	}
	return id, nil
}

// Visible is THE authorisation rule of payments: the payer, or an agency
// whose obligation it pays; nobody else.
func Visible(p Payment, actor auth.Actor) bool {
	switch actor.Kind {
	case auth.Citizen:
		return actor.AccountID != 0 && p.AccountID == actor.AccountID
	case auth.Agency:
		for _, it := range p.Items {
			if actor.AgencyCode != "" && it.AgencyCode == actor.AgencyCode {
				return true
			}
		}
	}
	return false
}

// appendEvent writes one ledger entry. With a provider event key, ok is
// false when that event was already applied (nothing is written).
func appendEvent(ctx context.Context, tx *sqlx.Tx, paymentID int64, e Event, eventKey string, data map[string]string) (bool, error) {
	var key sql.NullString
	if eventKey != "" {
		key = sql.NullString{String: eventKey, Valid: true}
	}
	var raw []byte
	if data != nil {
		var err error
		if raw, err = json.Marshal(data); err != nil {
			return false, fmt.Errorf("encode event data: %w", err)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO payment_events (payment_id, at, status, source, note, provider_event_key, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (provider_event_key) DO NOTHING`,
		paymentID, e.At, string(e.Status), string(e.Source), e.Note, key, raw)
	if err != nil {
		return false, fmt.Errorf("append payment event: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("append payment event: %w", err)
	}
	return n == 1, nil
}

// eventApplied reports whether a provider event was already applied.
func eventApplied(ctx context.Context, tx *sqlx.Tx, eventKey string) (bool, error) {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM payment_events WHERE provider_event_key = $1`, eventKey); err != nil {
		return false, fmt.Errorf("look up provider event: %w", err)
	}
	return n > 0, nil
}

// setStatus moves a payment and its items' state in tx.
func setStatus(ctx context.Context, tx *sqlx.Tx, p *Payment, to Status, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET status = $2, updated_at = $3 WHERE id = $1`, p.ID, string(to), at); err != nil {
		return fmt.Errorf("move payment %s to %s: %w", p.Code, to, err)
	}
	if p.Status.itemState() != to.itemState() {
		if _, err := tx.ExecContext(ctx, `UPDATE payment_items SET state = $2 WHERE payment_id = $1`, p.ID, to.itemState()); err != nil {
			return fmt.Errorf("move items of payment %s: %w", p.Code, err)
		}
	}
	p.Status, p.UpdatedAt = to, at
	return nil
}

// discrepancy records something reconciliation or a notification found wrong
// (once per dedup key).
func discrepancy(ctx context.Context, tx *sqlx.Tx, day time.Time, paymentID int64, kind, note, dedup string, at time.Time) error {
	var pid sql.NullInt64
	if paymentID != 0 {
		pid = sql.NullInt64{Int64: paymentID, Valid: true}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO payment_discrepancies (day, payment_id, kind, note, found_at, dedup_key)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING`, day, pid, kind, note, at, dedup); err != nil {
		return fmt.Errorf("record discrepancy %s: %w", kind, err)
	}
	return nil
}

func pqArray(ids []int64) any { return pq.Array(ids) }

func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}
