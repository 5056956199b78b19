package payment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// Get returns a payment the caller may see: ok is false alike for one that
// does not exist and one of someone else.
func (s *Service) Get(ctx context.Context, id int64) (Payment, bool, error) {
	actor := auth.FromContext(ctx)
	if actor.Kind == auth.Anonymous {
		return Payment{}, false, apperr.ErrUnauthenticated
	}
	p, ok, err := load(ctx, s.db, id, false)
	if err != nil || !ok || !Visible(p, actor) {
		return Payment{}, false, err
	}
	return p, true, nil
}

// Cursor is a position in a list of payments.
type Cursor struct {
	At time.Time `json:"t"`
	ID int64     `json:"i"`
}

// Page is one page of payments.
type Page struct {
	Payments []Payment
	HasNext  bool
	Total    int
}

// Mine returns the calling citizen's payments, newest first.
func (s *Service) Mine(ctx context.Context, first int, after *Cursor) (Page, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Page{}, err
	}
	args := []any{actor.AccountID, first + 1}
	cond := ""
	if after != nil {
		cond = ` AND (created_at, id) < ($3, $4)`
		args = append(args, after.At, after.ID)
	}
	var rows []payRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+payColumns+` FROM payments WHERE account_id = $1`+cond+`
		ORDER BY created_at DESC, id DESC LIMIT $2`, args...); err != nil {
		return Page{}, fmt.Errorf("payments of citizen: %w", err)
	}
	var total int
	if err := s.db.GetContext(ctx, &total, `SELECT count(*) FROM payments WHERE account_id = $1`, actor.AccountID); err != nil {
		return Page{}, fmt.Errorf("count payments of citizen: %w", err)
	}
	return s.page(ctx, rows, first, total)
}

// OfAgency returns payments of the calling agency's obligations created at
// or after since, oldest first.
func (s *Service) OfAgency(ctx context.Context, since time.Time, first int, after *Cursor) (Page, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return Page{}, err
	}
	args := []any{actor.AgencyCode, since, first + 1}
	cond := ""
	if after != nil {
		cond = ` AND (p.created_at, p.id) > ($4, $5)`
		args = append(args, after.At, after.ID)
	}
	var rows []payRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+prefixed("p.", payColumns)+` FROM payments p
		WHERE EXISTS (SELECT 1 FROM payment_items i WHERE i.payment_id = p.id AND i.agency_code = $1)
		AND p.created_at >= $2`+cond+` ORDER BY p.created_at, p.id LIMIT $3`, args...); err != nil {
		return Page{}, fmt.Errorf("payments of agency: %w", err)
	}
	return s.page(ctx, rows, first, -1)
}

func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

func (s *Service) page(ctx context.Context, rows []payRow, first, total int) (Page, error) {
	pg := Page{Total: total}
	if len(rows) > first {
		pg.HasNext, rows = true, rows[:first]
	}
	ps := make([]Payment, len(rows))
	for i, r := range rows {
		ps[i] = r.payment()
	}
	ps, err := withItems(ctx, s.db, ps)
	pg.Payments = ps
	return pg, err
}

// Events returns a payment's ledger, oldest first (the caller has the payment).
func (s *Service) Events(ctx context.Context, p Payment) ([]Event, error) {
	var rows []struct {
		At     time.Time `db:"at"`
		Status string    `db:"status"`
		Source string    `db:"source"`
		Note   string    `db:"note"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT at, status, source, note FROM payment_events
		WHERE payment_id = $1 ORDER BY id`, p.ID); err != nil {
		return nil, fmt.Errorf("events of %s: %w", p.Code, err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event{At: r.At, Status: Status(r.Status), Source: Source(r.Source), Note: r.Note}
	}
	return out, nil
}

type receiptRow struct {
	ID         int64     `db:"id"`
	PaymentID  int64     `db:"payment_id"`
	Kind       string    `db:"kind"`
	Number     string    `db:"number"`
	Issuer     string    `db:"issuer"`
	IssuedAt   time.Time `db:"issued_at"`
	Amount     int64     `db:"amount"`
	VerifyCode string    `db:"verify_code"`
}

func (r receiptRow) receipt() Receipt {
	return Receipt{ID: r.ID, PaymentID: r.PaymentID, Kind: ReceiptKind(r.Kind), Number: r.Number, Issuer: r.Issuer, IssuedAt: r.IssuedAt, Amount: r.Amount,
		VerifyCode: r.VerifyCode}
}

// Receipts returns a payment's receipts: the confirmation, then the
// agencies' receipts (the caller has the payment).
func (s *Service) Receipts(ctx context.Context, p Payment) ([]Receipt, error) {
	var rows []receiptRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, payment_id, kind, number, issuer, issued_at, amount, verify_code
		FROM payment_receipts WHERE payment_id = $1 ORDER BY id`, p.ID); err != nil {
		return nil, fmt.Errorf("receipts of %s: %w", p.Code, err)
	}
	out := make([]Receipt, len(rows))
	for i, r := range rows {
		out[i] = r.receipt()
	}
	return out, nil
}

// Cancel is the citizen giving up an unfinished payment.
func (s *Service) Cancel(ctx context.Context, id int64) (Payment, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Payment{}, err
	}
	var p Payment
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var ok bool
		p, ok, err = load(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if !ok || !Visible(p, actor) {
			return fieldErr(apperr.CodeInvalid, msgNoPayment, "paymentId")
		}
		if p.Finished() {
			return fieldErr(apperr.CodeInvalidTransition, msgFinished, "paymentId")
		}
		now := s.now().UTC().Truncate(time.Microsecond)
		if err := setStatus(ctx, tx, &p, StatusCancelled, now); err != nil {
			return err
		}
		_, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusCancelled, Source: SourceCitizen}, "", nil)
		return err
	})
	return p, err
}

// Limits of the citizen's and the public's lookups.
var (
	RefreshPerAccount = ratelimit.Limit{Max: 10, Window: time.Minute}
	VerifyPerIP       = ratelimit.Limit{Max: 30, Window: 10 * time.Minute}
)

// Refresh asks the provider now about the citizen's unfinished payment.
func (s *Service) Refresh(ctx context.Context, id int64) (Payment, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Payment{}, err
	}
	d, err := s.limiter.Allow(ctx, fmt.Sprintf("payment-refresh:%d", actor.AccountID), RefreshPerAccount)
	if err != nil {
		return Payment{}, err
	}
	if !d.Allowed {
		return Payment{}, apperr.RateLimit(d.RetryAfter)
	}
	p, ok, err := load(ctx, s.db, id, false)
	if err != nil {
		return Payment{}, err
	}
	if !ok || !Visible(p, actor) {
		return Payment{}, fieldErr(apperr.CodeInvalid, msgNoPayment, "paymentId")
	}
	if p.Finished() {
		return p, nil
	}
	return s.queryNow(ctx, id, SourceStatusQuery)
}

// VerifyReceipt checks a receipt number with its verify code (public, rate
// limited per client IP): the receipt, or ok false for any mismatch.
func (s *Service) VerifyReceipt(ctx context.Context, clientIP, number, code string) (Receipt, bool, error) {
	d, err := s.limiter.Allow(ctx, "receipt-verify:"+clientIP, VerifyPerIP)
	if err != nil {
		return Receipt{}, false, err
	}
	if !d.Allowed {
		return Receipt{}, false, apperr.RateLimit(d.RetryAfter)
	}
	number, code = strings.TrimSpace(number), strings.ToUpper(strings.TrimSpace(code))
	if number == "" || code == "" || len(number) > 100 || len(code) > 20 {
		return Receipt{}, false, nil
	}
	var rows []receiptRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, payment_id, kind, number, issuer, issued_at, amount, verify_code
		FROM payment_receipts WHERE kind = 'CONFIRMATION' AND number = $1`, number); err != nil {
		return Receipt{}, false, fmt.Errorf("verify receipt: %w", err)
	}
	for _, r := range rows {
		if constantTimeEqual(r.VerifyCode, code) {
			return r.receipt(), true, nil
		}
	}
	return Receipt{}, false, nil
}

// Receipt returns a receipt of a payment the caller may see.
func (s *Service) Receipt(ctx context.Context, id int64) (Receipt, bool, error) {
	var r receiptRow
	err := s.db.GetContext(ctx, &r, `SELECT id, payment_id, kind, number, issuer, issued_at, amount, verify_code
		FROM payment_receipts WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Receipt{}, false, nil
	}
	if err != nil {
		return Receipt{}, false, fmt.Errorf("load receipt %d: %w", id, err)
	}
	if _, ok, err := s.Get(ctx, r.PaymentID); err != nil || !ok {
		return Receipt{}, false, err
	}
	return r.receipt(), true, nil
}
