package payment

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math/big"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// providerEvent is what a verified notification or a status query says
// about one transaction.
type providerEvent struct {
	Source        Source
	Outcome       provider.Outcome
	Amount        int64
	Currency      string // "" when the provider does not say (a query)
	MerchantOK    bool
	ResponseCode  string
	ProviderTxnID string
	EventKey      string
	PaidAt        time.Time
	Raw           map[string]string
}

// applyResult is what applying an event did.
type applyResult int

const (
	applied        applyResult = iota // the payment moved (or the event was recorded)
	alreadyApplied                    // a duplicate, or nothing left to change
	amountMismatch                    // merchant, amount or currency differ: REVIEW
)

// apply moves a locked payment by a provider event, in tx: every rule of
// notifications and status queries is here.
func (s *Service) apply(ctx context.Context, tx *sqlx.Tx, p *Payment, ev providerEvent) (applyResult, error) {
	now := s.now().UTC().Truncate(time.Microsecond)
	if ev.EventKey != "" {
		done, err := eventApplied(ctx, tx, ev.EventKey)
		if err != nil || done {
			return alreadyApplied, err
		}
	}
	record := func(to Status, note string) (applyResult, error) {
		if to != p.Status {
			if err := setStatus(ctx, tx, p, to, now); err != nil {
				return 0, err
			}
		}
		ok, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: to, Source: ev.Source, Note: note}, ev.EventKey, ev.Raw)
		if err != nil {
			return 0, err
		}
		if !ok {
			return alreadyApplied, nil
		}
		return applied, nil
	}
	mismatch := !ev.MerchantOK || ev.Amount != p.Amount || (ev.Currency != "" && ev.Currency != "VND")
	if mismatch && ev.Outcome == provider.OutcomeSuccess {
		if err := discrepancy(ctx, tx, vntime.DateOf(now), p.ID, "AMOUNT_MISMATCH",
			fmt.Sprintf("%s: provider reported %d %s, payment is %d VND", ev.Source, ev.Amount, ev.Currency, p.Amount),
			"mismatch:"+p.Code+":"+ev.EventKey, now); err != nil {
			return 0, err
		}
		if p.Status == StatusSucceeded || p.Status == StatusReview || p.Reserved > 0 {
			_, err := record(p.Status, "amount mismatch reported after the fact")
			return amountMismatch, err
		}
		_, err := record(StatusReview, "amount, currency or merchant differ from the payment")
		s.logger.Warn("payment in review: amount mismatch", "payment", p.Code, "source", ev.Source)
		return amountMismatch, err
	}
	switch ev.Outcome {
	case provider.OutcomeSuccess:
		switch {
		case p.Status == StatusSucceeded, p.Status == StatusReview:
			return alreadyApplied, nil
		case p.Reserved > 0:
			// Settled by a refund (an operator's resolution of REVIEW): money
			// being given back never pays the obligations.
			return alreadyApplied, nil
		}
		note := ""
		if p.Finished() {
			note = "correction: verified success after " + string(p.Status)
		}
		if err := s.succeed(ctx, tx, p, ev, now, note); err != nil {
			return 0, err
		}
		return applied, nil
	case provider.OutcomeFailed, provider.OutcomeCanceled:
		if p.Finished() {
			return alreadyApplied, nil
		}
		to := StatusFailed
		if ev.Outcome == provider.OutcomeCanceled {
			to = StatusCancelled
		}
		return record(to, "provider response "+ev.ResponseCode)
	case provider.OutcomePending:
		if p.Finished() || p.Status == StatusPending {
			return alreadyApplied, nil
		}
		return record(StatusPending, "provider response "+ev.ResponseCode)
	case provider.OutcomeNotFound:
		if p.Finished() || now.Before(p.ExpiresAt) {
			return alreadyApplied, nil
		}
		return record(StatusExpired, "the provider has no such transaction")
	}
	return alreadyApplied, nil
}

// succeed records a verified success: SUCCEEDED with the obligations paid,
// the confirmation, the SMS and the agency notification, all in tx; or, when
// an obligation was meanwhile paid by another payment, REVIEW and a full
// automatic refund. note goes on the SUCCEEDED event (a correction, an
// operator's acceptance). It is the one success path: a notification, a
// status query and an operator's acceptance of a REVIEW payment (review.go)
// all end here.
func (s *Service) succeed(ctx context.Context, tx *sqlx.Tx, p *Payment, ev providerEvent, now time.Time, note string) error {
	ids := p.ObligationIDs()
	elsewhere, err := paidElsewhere(ctx, tx, p)
	if err != nil {
		return err
	}
	paidAt := ev.PaidAt
	if paidAt.IsZero() {
		paidAt = now
	}
	if _, err := tx.ExecContext(ctx, `UPDATE payments SET paid_at = $2, provider_txn_id = $3 WHERE id = $1`,
		p.ID, paidAt, ev.ProviderTxnID); err != nil {
		return fmt.Errorf("record provider transaction of %s: %w", p.Code, err)
	}
	p.PaidAt, p.ProviderTxnID = &paidAt, ev.ProviderTxnID
	if elsewhere > 0 {
		if err := setStatus(ctx, tx, p, StatusReview, now); err != nil {
			return err
		}
		if _, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusReview, Source: ev.Source,
			Note: "money taken for an obligation already paid by another payment: refunded in full"}, ev.EventKey, ev.Raw); err != nil {
			return err
		}
		if err := discrepancy(ctx, tx, vntime.DateOf(now), p.ID, "DOUBLE_PAYMENT",
			"an obligation of "+p.Code+" was already paid by another payment", "double:"+p.Code, now); err != nil {
			return err
		}
		s.logger.Warn("payment in review: obligation already paid, refunding", "payment", p.Code)
		_, err := s.insertRefund(ctx, tx, p, p.Amount-p.Reserved, "automatic refund: obligation already paid", "SYSTEM",
			"auto:"+p.Code, nil, now)
		return err
	}
	if err := setStatus(ctx, tx, p, StatusSucceeded, now); err != nil {
		return err
	}
	if _, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: StatusSucceeded, Source: ev.Source, Note: note}, ev.EventKey, ev.Raw); err != nil {
		return err
	}
	if err := s.obs.MarkPaidTx(ctx, tx, ids, paidAt); err != nil {
		return err
	}
	verify, err := verifyCode()
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO payment_receipts (payment_id, kind, number, issuer, issued_at, amount, verify_code)
		VALUES ($1, 'CONFIRMATION', $2, 'DVC', $3, $4, $5)`, p.ID, p.Code, now, p.Amount, verify); err != nil {
		return fmt.Errorf("confirmation of %s: %w", p.Code, err)
	}
	if err := s.jobs.InsertTx(ctx, tx, NotifyAgencyArgs{PaymentID: p.ID}, nil); err != nil {
		return err
	}
	return s.successSMS(ctx, tx, p, verify)
}

// paidElsewhere counts p's obligations already paid by another payment.
func paidElsewhere(ctx context.Context, tx *sqlx.Tx, p *Payment) (int, error) {
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM payment_items
		WHERE obligation_id = ANY($1) AND state = 'PAID' AND payment_id <> $2`, pqArray(p.ObligationIDs()), p.ID); err != nil {
		return 0, fmt.Errorf("obligations of %s paid elsewhere: %w", p.Code, err)
	}
	return n, nil
}

// The SMS templates of payments (internal/notify/templates/<name>.<lang>.txt).
const (
	TemplatePaid     = "payment_succeeded"
	TemplateRefunded = "payment_refunded"
)

func (s *Service) smsTx(ctx context.Context, tx *sqlx.Tx, accountID int64, template string, vars map[string]string) error {
	phone, lang, err := s.contacts.Contact(ctx, tx, accountID)
	if err != nil {
		return fmt.Errorf("contact of payer: %w", err)
	}
	text, err := s.templates.Render(template, lang, vars)
	if err != nil {
		return err
	}
	return s.sms.EnqueueTx(ctx, tx, notify.SMS{To: phone, Text: text, Purpose: notify.PurposeNotice})
}

const verifyAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// verifyCode is 8 characters from an unambiguous alphabet (40 bits).
func verifyCode() (string, error) {
	b := make([]byte, 8)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(verifyAlphabet))))
		if err != nil {
			return "", fmt.Errorf("verify code: %w", err)
		}
		b[i] = verifyAlphabet[n.Int64()]
	}
	return string(b), nil
}

// NotifyAgencyArgs is the job that tells the agencies of a payment's
// obligations that they were paid, until each acknowledges.
type NotifyAgencyArgs struct {
	PaymentID int64 `json:"paymentId"`
}

// Kind is the River job kind.
func (NotifyAgencyArgs) Kind() string { return "payment_notify_agency" }

// InsertOpts: one job per payment.
func (NotifyAgencyArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
