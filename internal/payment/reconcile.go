package payment

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// ExpireUnfinished queries the provider about every payment still unfinished
// past its expiry (at most limit): not found → EXPIRED, an outcome → applied,
// pending for a day → REVIEW with an operator alert. It returns how many it
// queried.
func (s *Service) ExpireUnfinished(ctx context.Context, limit int) (int, error) {
	var ids []int64
	if err := s.db.SelectContext(ctx, &ids, `SELECT id FROM payments WHERE status IN ('CREATED', 'STARTED', 'PENDING')
		AND expires_at < $1 ORDER BY expires_at LIMIT $2`, s.now(), limit); err != nil {
		return 0, fmt.Errorf("unfinished payments: %w", err)
	}
	for _, id := range ids {
		if _, err := s.queryNow(ctx, id, SourceReconciliation); err != nil {
			s.logger.Warn("reconciliation query failed", "payment", id, "err", err)
		}
	}
	return len(ids), nil
}

// Total is one provider's succeeded payments of a day.
type Total struct {
	Provider string
	Count    int
	Amount   int64
}

// Discrepancy is one thing reconciliation found wrong.
type Discrepancy struct {
	Kind        string
	Note        string
	PaymentID   int64
	PaymentCode string
}

// Report is a day's reconciliation.
type Report struct {
	Day           time.Time
	Totals        []Total
	Discrepancies []Discrepancy
}

// Reconcile matches one day (Vietnam) of the ledger against each provider's
// settlement file and the agencies' acknowledgements, recording every
// discrepancy once, and returns the day's report (operator: all).
func (s *Service) Reconcile(ctx context.Context, day time.Time) (Report, error) {
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	from := vntime.Midnight(day)
	to := from.AddDate(0, 0, 1)
	now := s.now().UTC()
	for _, code := range s.order {
		lines, err := s.providers[code].Settlement(ctx, day)
		if err != nil {
			return Report{}, fmt.Errorf("settlement of %s for %s: %w", code, day.Format(time.DateOnly), err)
		}
		settled := map[string]int64{}
		for _, l := range lines {
			if l.Kind == "" || l.Kind == "PAYMENT" {
				settled[l.TxnRef] += l.Amount
			}
		}
		var ours []struct {
			ID     int64  `db:"id"`
			Code   string `db:"code"`
			Amount int64  `db:"amount"`
			Status string `db:"status"`
			Unack  int    `db:"unack"`
		}
		// Ours: what took money that day, including a payment an operator
		// settled by refunding it (FAILED with a refund: the provider's
		// settlement still lists its payment).
		if err := s.db.SelectContext(ctx, &ours, `SELECT p.id, p.code, p.amount, p.status,
			(SELECT count(*) FROM payment_items i WHERE i.payment_id = p.id AND i.acknowledged_at IS NULL) AS unack
			FROM payments p WHERE p.provider = $1 AND p.paid_at >= $2 AND p.paid_at < $3
			AND (p.status IN ('SUCCEEDED', 'REVIEW') OR p.refunded > 0)`, code, from, to); err != nil {
			return Report{}, fmt.Errorf("ledger of %s: %w", day.Format(time.DateOnly), err)
		}
		err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
			mine := map[string]bool{}
			d := day.Format(time.DateOnly)
			for _, p := range ours {
				mine[p.Code] = true
				amt, ok := settled[p.Code]
				switch {
				case !ok:
					if err := discrepancy(ctx, tx, day, p.ID, "MISSING_AT_PROVIDER", p.Code+" succeeded here but is not in the "+code+" settlement",
						d+":missing:"+p.Code, now); err != nil {
						return err
					}
				case amt != p.Amount:
					if err := discrepancy(ctx, tx, day, p.ID, "AMOUNT_MISMATCH",
						fmt.Sprintf("%s: %d VND here, %d VND in the settlement", p.Code, p.Amount, amt), d+":amount:"+p.Code, now); err != nil {
						return err
					}
				}
				if p.Status == string(StatusSucceeded) && p.Unack > 0 {
					if err := discrepancy(ctx, tx, day, p.ID, "NOT_ACKNOWLEDGED", p.Code+" is not acknowledged by its agency",
						d+":unack:"+p.Code, now); err != nil {
						return err
					}
				}
			}
			for ref := range settled {
				if mine[ref] {
					continue
				}
				id, err := idByCode(ctx, tx, ref)
				if err != nil {
					return err
				}
				if err := discrepancy(ctx, tx, day, id, "MISSING_IN_LEDGER", ref+" is in the "+code+" settlement but not a success here",
					d+":ledger:"+ref, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return Report{}, err
		}
	}
	return s.report(ctx, day, "")
}

// ReconciliationReport is the day's totals and open discrepancies: an
// agency sees those of its obligations' payments.
func (s *Service) ReconciliationReport(ctx context.Context, day time.Time) (Report, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return Report{}, err
	}
	return s.report(ctx, day, actor.AgencyCode)
}

func (s *Service) report(ctx context.Context, day time.Time, agency string) (Report, error) {
	from := vntime.Midnight(day)
	to := from.AddDate(0, 0, 1)
	r := Report{Day: day}
	var totals []struct {
		Provider string `db:"provider"`
		N        int    `db:"n"`
		Amount   int64  `db:"amount"`
	}
	if err := s.db.SelectContext(ctx, &totals, `SELECT p.provider, count(*) AS n, coalesce(sum(p.amount), 0) AS amount
		FROM payments p WHERE p.status = 'SUCCEEDED' AND p.paid_at >= $1 AND p.paid_at < $2
		AND ($3 = '' OR EXISTS (SELECT 1 FROM payment_items i WHERE i.payment_id = p.id AND i.agency_code = $3))
		GROUP BY p.provider ORDER BY p.provider`, from, to, agency); err != nil {
		return Report{}, fmt.Errorf("reconciliation totals: %w", err)
	}
	for _, t := range totals {
		r.Totals = append(r.Totals, Total{Provider: t.Provider, Count: t.N, Amount: t.Amount})
	}
	var ds []struct {
		Kind string  `db:"kind"`
		Note string  `db:"note"`
		ID   *int64  `db:"payment_id"`
		Code *string `db:"code"`
	}
	if err := s.db.SelectContext(ctx, &ds, `SELECT d.kind, d.note, d.payment_id, p.code FROM payment_discrepancies d
		LEFT JOIN payments p ON p.id = d.payment_id
		WHERE d.day = $1 AND d.resolved_at IS NULL
		AND ($2 = '' OR EXISTS (SELECT 1 FROM payment_items i WHERE i.payment_id = d.payment_id AND i.agency_code = $2))
		ORDER BY d.id`, day, agency); err != nil {
		return Report{}, fmt.Errorf("discrepancies: %w", err)
	}
	for _, d := range ds {
		x := Discrepancy{Kind: d.Kind, Note: d.Note}
		if d.ID != nil && d.Code != nil {
			x.PaymentID, x.PaymentCode = *d.ID, *d.Code
		}
		r.Discrepancies = append(r.Discrepancies, x)
	}
	return r, nil
}

// notifyAgencies tells each agency of a succeeded payment's obligations,
// through its Source, and records each acknowledgement with the agency's
// receipt number (AGENCY receipt).
func (s *Service) notifyAgencies(ctx context.Context, id int64) error {
	p, ok, err := load(ctx, s.db, id, false)
	if err != nil || !ok || p.Status != StatusSucceeded {
		return err
	}
	obs, err := s.obs.Get(ctx, nil, p.ObligationIDs())
	if err != nil {
		return err
	}
	for _, it := range p.Items {
		if it.AgencyReceipt != "" {
			continue
		}
		paidAt := p.UpdatedAt
		if p.PaidAt != nil {
			paidAt = *p.PaidAt
		}
		ack, err := s.obs.Notify(ctx, obligation.Paid{PaymentCode: p.Code, Obligation: obs[it.ObligationID], Amount: it.Amount, PaidAt: paidAt})
		if err != nil {
			return fmt.Errorf("notify agency %s of %s: %w", it.AgencyCode, p.Code, err)
		}
		if ack.Pending || ack.ReceiptNumber == "" {
			continue
		}
		if err := s.acknowledge(ctx, p.ID, it.ObligationID, ack.ReceiptNumber, ack.Issuer, SourceAgency); err != nil {
			return err
		}
	}
	return nil
}

// acknowledge records an agency's receipt for one obligation of a payment
// (once).
func (s *Service) acknowledge(ctx context.Context, paymentID, obligationID int64, number, issuer string, src Source) error {
	now := s.now().UTC().Truncate(time.Microsecond)
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		p, ok, err := load(ctx, tx, paymentID, true)
		if err != nil || !ok {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE payment_items SET agency_receipt = $3, acknowledged_at = $4
			WHERE payment_id = $1 AND obligation_id = $2 AND agency_receipt = ''`, paymentID, obligationID, number, now)
		if err != nil {
			return fmt.Errorf("acknowledge %s: %w", p.Code, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		var amount int64
		for _, it := range p.Items {
			if it.ObligationID == obligationID {
				amount = it.Amount
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_receipts (payment_id, kind, number, issuer, issued_at, amount,
			verify_code, obligation_id) VALUES ($1, 'AGENCY', $2, $3, $4, $5, '', $6) ON CONFLICT (kind, number) DO NOTHING`,
			paymentID, number, issuer, now, amount, obligationID); err != nil {
			return fmt.Errorf("agency receipt of %s: %w", p.Code, err)
		}
		_, err = appendEvent(ctx, tx, paymentID, Event{At: now, Status: p.Status, Source: src,
			Note: "acknowledged by " + issuer + ", receipt " + number}, "", nil)
		return err
	})
}

type notifyWorker struct {
	river.WorkerDefaults[NotifyAgencyArgs]
	s *Service
}

func (w *notifyWorker) Work(ctx context.Context, j *river.Job[NotifyAgencyArgs]) error {
	return w.s.notifyAgencies(ctx, j.Args.PaymentID)
}

// ExpireArgs is the periodic job that queries unfinished payments past
// their expiry.
type ExpireArgs struct{}

// Kind is the River job kind.
func (ExpireArgs) Kind() string { return "payment_expire_unfinished" }

type expireWorker struct {
	river.WorkerDefaults[ExpireArgs]
	s *Service
}

func (w *expireWorker) Work(ctx context.Context, _ *river.Job[ExpireArgs]) error {
	_, err := w.s.ExpireUnfinished(ctx, 200)
	return err
}

// ReconcileArgs is the daily job that reconciles the day before.
type ReconcileArgs struct{}

// Kind is the River job kind.
func (ReconcileArgs) Kind() string { return "payment_reconcile_day" }

type reconcileWorker struct {
	river.WorkerDefaults[ReconcileArgs]
	s *Service
}

func (w *reconcileWorker) Work(ctx context.Context, _ *river.Job[ReconcileArgs]) error {
	_, err := w.s.Reconcile(ctx, vntime.DateOf(w.s.now()).AddDate(0, 0, -1))
	return err
}

// RegisterWorkers adds the payment jobs to workers and returns the periodic
// jobs to schedule: the expiry sweep every expireEvery, the reconciliation
// of the day before every 24 hours.
func (s *Service) RegisterWorkers(workers *river.Workers, expireEvery time.Duration) ([]*river.PeriodicJob, error) {
	for _, add := range []func() error{
		func() error { return river.AddWorkerSafely(workers, &queryWorker{s: s}) },
		func() error { return river.AddWorkerSafely(workers, &notifyWorker{s: s}) },
		func() error { return river.AddWorkerSafely(workers, &refundWorker{s: s}) },
		func() error { return river.AddWorkerSafely(workers, &expireWorker{s: s}) },
		func() error { return river.AddWorkerSafely(workers, &reconcileWorker{s: s}) },
	} {
		if err := add(); err != nil {
			return nil, fmt.Errorf("register payment workers: %w", err)
		}
	}
	if expireEvery <= 0 {
		expireEvery = time.Minute
	}
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(expireEvery),
			func() (river.JobArgs, *river.InsertOpts) { return ExpireArgs{}, nil }, nil),
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return ReconcileArgs{}, nil }, nil),
	}, nil
}

var msgNoItem = i18n.T("Giao dịch không thanh toán nghĩa vụ này của cơ quan.", "The payment pays no such obligation of this agency.")

// Acknowledge is an agency acknowledging a succeeded payment of its
// obligation (sourceRef) with its own receipt number; acknowledging again
// changes nothing.
func (s *Service) Acknowledge(ctx context.Context, paymentID int64, sourceRef, receiptNumber string) (Payment, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return Payment{}, err
	}
	receiptNumber = strings.TrimSpace(receiptNumber)
	if receiptNumber == "" || len(receiptNumber) > 100 || !validate.SafeText(receiptNumber, false) {
		return Payment{}, fieldErr(apperr.CodeRequired, msgRequired, "receiptNumber")
	}
	p, ok, err := load(ctx, s.db, paymentID, false)
	if err != nil {
		return Payment{}, err
	}
	if !ok || !Visible(p, actor) {
		return Payment{}, fieldErr(apperr.CodeInvalid, msgNoPayment, "paymentId")
	}
	if p.Status != StatusSucceeded {
		return Payment{}, fieldErr(apperr.CodeInvalidTransition, msgNotRefundable, "paymentId")
	}
	ids := make([]int64, 0, len(p.Items))
	for _, it := range p.Items {
		if it.AgencyCode == actor.AgencyCode {
			ids = append(ids, it.ObligationID)
		}
	}
	obs, err := s.obs.Get(ctx, nil, ids)
	if err != nil {
		return Payment{}, err
	}
	var target int64
	for id, o := range obs {
		if o.SourceRef == sourceRef {
			target = id
		}
	}
	if target == 0 {
		return Payment{}, fieldErr(apperr.CodeInvalid, msgNoItem, "sourceRef")
	}
	if err := s.acknowledge(ctx, p.ID, target, receiptNumber, actor.AgencyCode, SourceAgency); err != nil {
		return Payment{}, err
	}
	p, _, err = load(ctx, s.db, paymentID, false)
	return p, err
}
