package payment

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// RefundInput is an agency's refund of part or all of a payment.
type RefundInput struct {
	PaymentID int64
	Amount    int64
	// AmountAvailable is what the agency believes is still refundable: a
	// stale view is refused (REFUND_AMOUNT_STALE) and nothing is sent.
	AmountAvailable int64
	Reason          string
	IdempotencyKey  string
}

// RequestRefund records a refund of a succeeded payment of the calling
// agency's obligation and queues it for the provider.
func (s *Service) RequestRefund(ctx context.Context, in RefundInput) (Refund, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return Refund{}, err
	}
	var errs []apperr.UserError
	if in.Amount <= 0 {
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgInvalid, "amount"))
	}
	if r := strings.TrimSpace(in.Reason); r == "" || len(r) > 500 || !validate.SafeText(r, false) {
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "reason"))
	}
	if k := strings.TrimSpace(in.IdempotencyKey); k == "" || len(k) > 200 || !validate.SafeText(k, false) {
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "idempotencyKey"))
	}
	if err := apperr.Invalid(errs...); err != nil {
		return Refund{}, err
	}
	by := "agency:" + actor.AgencyCode
	h := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%d\x00%d\x00%s", in.PaymentID, in.Amount, in.AmountAvailable, in.Reason)))
	if r, found, err := s.replayRefund(ctx, by, in.IdempotencyKey, h[:]); found || err != nil {
		return r, err
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	var out Refund
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		p, ok, err := load(ctx, tx, in.PaymentID, true)
		if err != nil {
			return err
		}
		if !ok || !Visible(p, actor) {
			return fieldErr(apperr.CodeInvalid, msgNoPayment, "paymentId")
		}
		if p.Status != StatusSucceeded {
			return fieldErr(apperr.CodeInvalid, msgNotRefundable, "paymentId")
		}
		available := p.Amount - p.Reserved
		if in.AmountAvailable != available {
			return fieldErr(CodeRefundAmountStale, msgRefundStale, "amountAvailable")
		}
		if in.Amount > available {
			return fieldErr(apperr.CodeInvalid, msgRefundTooMuch, "amount")
		}
		out, err = s.insertRefund(ctx, tx, &p, in.Amount, strings.TrimSpace(in.Reason), by, in.IdempotencyKey, h[:], now)
		if err != nil {
			return err
		}
		_, err = appendEvent(ctx, tx, p.ID, Event{At: now, Status: p.Status, Source: SourceAgency,
			Note: "refund of " + strconv.FormatInt(in.Amount, 10) + " VND requested"}, "", nil)
		return err
	})
	if err != nil {
		if r, found, rerr := s.replayRefund(ctx, by, in.IdempotencyKey, h[:]); found && isUniqueViolation(err) {
			return r, rerr
		}
		return Refund{}, err
	}
	return out, nil
}

func (s *Service) replayRefund(ctx context.Context, by, key string, hash []byte) (Refund, bool, error) {
	var row struct {
		refundRow
		Hash []byte `db:"request_hash"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT `+refundColumns+`, request_hash FROM payment_refunds
		WHERE requested_by = $1 AND idempotency_key = $2`, by, key)
	if errors.Is(err, sql.ErrNoRows) {
		return Refund{}, false, nil
	}
	if err != nil {
		return Refund{}, false, fmt.Errorf("look up refund key: %w", err)
	}
	if !bytes.Equal(row.Hash, hash) {
		return Refund{}, true, fieldErr(apperr.CodeIdempotencyKeyReused, msgKeyReused, "idempotencyKey")
	}
	return row.refund(), true, nil
}

const refundColumns = `id, payment_id, amount, status, reason, created_at`

type refundRow struct {
	ID        int64     `db:"id"`
	PaymentID int64     `db:"payment_id"`
	Amount    int64     `db:"amount"`
	Status    string    `db:"status"`
	Reason    string    `db:"reason"`
	CreatedAt time.Time `db:"created_at"`
}

func (r refundRow) refund() Refund {
	return Refund{ID: r.ID, PaymentID: r.PaymentID, Amount: r.Amount, Status: RefundStatus(r.Status), Reason: r.Reason, CreatedAt: r.CreatedAt}
}

// insertRefund reserves amount of p and queues its submission, in tx.
func (s *Service) insertRefund(ctx context.Context, tx *sqlx.Tx, p *Payment, amount int64, reason, by, key string,
	hash []byte, now time.Time) (Refund, error) {
	if amount <= 0 {
		return Refund{}, nil
	}
	if hash == nil {
		hash = []byte{}
	}
	r := Refund{PaymentID: p.ID, Amount: amount, Status: RefundRequested, Reason: reason, CreatedAt: now}
	if err := tx.GetContext(ctx, &r.ID, `INSERT INTO payment_refunds (payment_id, amount, status, reason, requested_by,
		idempotency_key, request_hash, created_at, updated_at) VALUES ($1, $2, 'REQUESTED', $3, $4, $5, $6, $7, $7) RETURNING id`,
		p.ID, amount, reason, by, key, hash, now); err != nil {
		return Refund{}, fmt.Errorf("insert refund of %s: %w", p.Code, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET refunded = refunded + $2 WHERE id = $1`, p.ID, amount); err != nil {
		return Refund{}, fmt.Errorf("reserve refund of %s: %w", p.Code, err)
	}
	p.Reserved += amount
	if err := s.jobs.InsertTx(ctx, tx, RefundArgs{RefundID: r.ID}, nil); err != nil {
		return Refund{}, err
	}
	return r, nil
}

// RefundArgs is the job that submits a refund to the provider.
type RefundArgs struct {
	RefundID int64 `json:"refundId"`
}

// Kind is the River job kind.
func (RefundArgs) Kind() string { return "payment_refund" }

// submitRefund sends a refund to the provider and records the answer. The
// provider deduplicates by our refund reference, so a retry after a crash
// between sending and recording is harmless.
func (s *Service) submitRefund(ctx context.Context, refundID int64) error {
	var r refundRow
	if err := s.db.GetContext(ctx, &r, `SELECT `+refundColumns+` FROM payment_refunds WHERE id = $1`, refundID); err != nil {
		return fmt.Errorf("load refund %d: %w", refundID, err)
	}
	if r.Status == string(RefundSucceeded) || r.Status == string(RefundFailed) {
		return nil
	}
	p, ok, err := load(ctx, s.db, r.PaymentID, false)
	if err != nil || !ok {
		return fmt.Errorf("payment of refund %d: %w", refundID, err)
	}
	prov, ok := s.providers[p.Provider]
	if !ok {
		return fmt.Errorf("refund %d: provider %s is not configured", refundID, p.Provider)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE payment_refunds SET status = 'SUBMITTED', updated_at = now()
		WHERE id = $1 AND status = 'REQUESTED'`, refundID); err != nil {
		return fmt.Errorf("submit refund %d: %w", refundID, err)
	}
	res, err := prov.Refund(ctx, provider.RefundRequest{TxnRef: p.Code, RefundRef: "RF" + strconv.FormatInt(refundID, 10),
		Amount: r.Amount, Full: r.Amount == p.Amount, TxnCreatedAt: p.CreatedAt, ProviderTxnID: p.ProviderTxnID,
		Reason: r.Reason, By: "dvcportal", ClientIP: "127.0.0.1"})
	if err != nil {
		return fmt.Errorf("refund %d at %s: %w", refundID, p.Provider, err)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		locked, _, err := load(ctx, tx, p.ID, true)
		if err != nil {
			return err
		}
		status := RefundSucceeded
		if !res.Succeeded {
			status = RefundFailed
		}
		upd, err := tx.ExecContext(ctx, `UPDATE payment_refunds SET status = $2, provider_ref = $3, response_code = $4,
			updated_at = $5 WHERE id = $1 AND status IN ('REQUESTED', 'SUBMITTED')`, refundID, string(status), res.ProviderRefID,
			res.ResponseCode, now)
		if err != nil {
			return fmt.Errorf("record refund %d: %w", refundID, err)
		}
		if n, _ := upd.RowsAffected(); n == 0 {
			return nil
		}
		note := fmt.Sprintf("refund of %d VND %s (provider %s)", r.Amount, strings.ToLower(string(status)), res.ResponseCode)
		if _, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: locked.Status, Source: SourceStatusQuery, Note: note}, "", nil); err != nil {
			return err
		}
		if !res.Succeeded {
			if _, err := tx.ExecContext(ctx, `UPDATE payments SET refunded = refunded - $2 WHERE id = $1`, p.ID, r.Amount); err != nil {
				return fmt.Errorf("release refused refund %d: %w", refundID, err)
			}
			if locked.Status == StatusSucceeded || locked.Status == StatusReview {
				return nil
			}
			// A payment an operator settled by this refund (review.go) still
			// holds the payer's money: back to REVIEW, with an alert.
			s.metrics.alert()
			s.logger.Error("operator alert: refund refused by the provider, payment back in review", "payment", p.Code)
			if err := setStatus(ctx, tx, &locked, StatusReview, now); err != nil {
				return err
			}
			_, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusReview, Source: SourceStatusQuery,
				Note: fmt.Sprintf("the provider refused the refund of %d VND (%s): the payer's money is still taken", r.Amount, res.ResponseCode)}, "", nil)
			return err
		}
		return s.smsTx(ctx, tx, p.AccountID, TemplateRefunded, map[string]string{"code": p.Code, "amount": money.FormatVND(r.Amount)})
	})
}

// RefundSummary is what was and what can still be refunded of a payment.
type RefundSummary struct {
	Available int64
	Refunded  int64
}

// RefundSummary returns p's refund summary.
func (s *Service) RefundSummary(ctx context.Context, p Payment) (RefundSummary, error) {
	var done int64
	if err := s.db.GetContext(ctx, &done, `SELECT coalesce(sum(amount), 0) FROM payment_refunds
		WHERE payment_id = $1 AND status = 'SUCCEEDED'`, p.ID); err != nil {
		return RefundSummary{}, fmt.Errorf("refunds of %s: %w", p.Code, err)
	}
	avail := int64(0)
	if p.Status == StatusSucceeded {
		avail = p.Amount - p.Reserved
	}
	return RefundSummary{Available: avail, Refunded: done}, nil
}

type refundWorker struct {
	river.WorkerDefaults[RefundArgs]
	s *Service
}

func (w *refundWorker) Work(ctx context.Context, j *river.Job[RefundArgs]) error {
	return w.s.submitRefund(ctx, j.Args.RefundID)
}
