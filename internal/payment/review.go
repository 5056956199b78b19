package payment

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// The operator's settlement of payments in REVIEW (money was taken, or may
// have been, but something is off: an amount that differs, a second success
// for one obligation, a payment pending at the provider for a day, a refund
// the provider refused). Only the portal operator (auth.Operator, the
// dvcportal CLI) lists and resolves them; each resolution is one transaction
// with an OPERATOR ledger event, and the payment's open discrepancies are
// marked resolved with it. The event's note carries the reason (the payer and
// the agency see it in the payment's history); its data, which no API shows,
// also the operator's name and the provider's answer.
//
// The rules of Resolve:
//
//   - Only a payment in REVIEW can be resolved (ErrNotInReview otherwise);
//     the payment is locked and its status checked again inside the
//     transaction, so two resolutions at once apply once and the other is
//     ErrNotInReview.
//   - The provider is asked first (its status query, outside the
//     transaction): its answer, not our ledger, says whether money was taken
//     and how much. A provider that cannot be reached changes nothing.
//   - ACCEPT (ErrCannotAccept otherwise) needs the provider to confirm a
//     success of exactly the payment's amount, no refund of the payment
//     requested or made, every obligation still OPEN at its agency and none
//     paid by another payment. It then succeeds through succeed, the path of
//     a verified notification: SUCCEEDED, obligations paid, confirmation,
//     SMS, agency notification.
//   - REFUND gives the payer's money back and never pays the obligations
//     (they stay OPEN unless another payment paid them). When the whole
//     amount is already being or was refunded (the automatic refund of a
//     double payment) nothing more is sent. Otherwise: the provider confirms
//     a success of N VND → a refund of N less what is already refunded,
//     through the refund job (ErrCannotRefund when N exceeds the payment:
//     that must be refunded at the provider); the provider reports it
//     failed, cancelled or unknown → no money was taken, nothing is sent;
//     still pending → ErrCannotRefund (resolve it once the provider settles
//     it). The payment ends FAILED (CANCELLED or EXPIRED when that is what
//     the provider reports); should the provider refuse the refund, the
//     payment goes back to REVIEW with an operator alert (refund.go).

// ResolveAction is what the operator decides about a payment in REVIEW.
type ResolveAction string

// The resolutions of a payment in REVIEW.
const (
	ResolveRefund ResolveAction = "REFUND"
	ResolveAccept ResolveAction = "ACCEPT"
)

// The refusals of Resolve (wrapped with the payment's code and the detail).
var (
	ErrNotInReview  = errors.New("not in REVIEW")
	ErrCannotAccept = errors.New("cannot be accepted")
	ErrCannotRefund = errors.New("cannot be refunded here")
)

// MaxReasonLength bounds an operator's reason, in characters.
const MaxReasonLength = 500

// ReviewItem is one payment waiting for the operator: nothing in it
// identifies the payer.
type ReviewItem struct {
	Code      string
	Amount    int64
	Provider  string
	Agencies  []string  // the agencies of its obligations
	Since     time.Time // when it went to REVIEW
	Refunding int64     // already being or was refunded
	// Why: the discrepancies recorded for it ("KIND: note"), then the note
	// of the event that sent it to REVIEW.
	Why []string
}

// InReview lists the payments in REVIEW, longest waiting first (operator).
func (s *Service) InReview(ctx context.Context) ([]ReviewItem, error) {
	if _, err := auth.RequireOperator(ctx); err != nil {
		return nil, err
	}
	var rows []payRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+payColumns+` FROM payments WHERE status = 'REVIEW'
		ORDER BY updated_at, id`); err != nil {
		return nil, fmt.Errorf("payments in review: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ps := make([]Payment, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ps[i], ids[i] = r.payment(), r.ID
	}
	ps, err := withItems(ctx, s.db, ps)
	if err != nil {
		return nil, err
	}
	var ds []struct {
		PaymentID int64  `db:"payment_id"`
		Kind      string `db:"kind"`
		Note      string `db:"note"`
	}
	if err := s.db.SelectContext(ctx, &ds, `SELECT payment_id, kind, note FROM payment_discrepancies
		WHERE payment_id = ANY($1) AND resolved_at IS NULL ORDER BY id`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("discrepancies of payments in review: %w", err)
	}
	// The event that sent each payment to REVIEW: the first REVIEW event
	// after its last event in another status.
	var es []struct {
		PaymentID int64     `db:"payment_id"`
		At        time.Time `db:"at"`
		Source    string    `db:"source"`
		Note      string    `db:"note"`
	}
	if err := s.db.SelectContext(ctx, &es, `SELECT DISTINCT ON (e.payment_id) e.payment_id, e.at, e.source, e.note
		FROM payment_events e WHERE e.payment_id = ANY($1) AND e.status = 'REVIEW'
		AND e.id > coalesce((SELECT max(o.id) FROM payment_events o WHERE o.payment_id = e.payment_id AND o.status <> 'REVIEW'), 0)
		ORDER BY e.payment_id, e.id`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("events of payments in review: %w", err)
	}
	out := make([]ReviewItem, len(ps))
	at := map[int64]int{}
	for i, p := range ps {
		at[p.ID] = i
		out[i] = ReviewItem{Code: p.Code, Amount: p.Amount, Provider: p.Provider, Since: p.UpdatedAt, Refunding: p.Reserved}
		seen := map[string]bool{}
		for _, it := range p.Items {
			if !seen[it.AgencyCode] {
				seen[it.AgencyCode] = true
				out[i].Agencies = append(out[i].Agencies, it.AgencyCode)
			}
		}
	}
	for _, d := range ds {
		it := &out[at[d.PaymentID]]
		it.Why = append(it.Why, d.Kind+": "+d.Note)
	}
	for _, e := range es {
		it := &out[at[e.PaymentID]]
		it.Since = e.At
		if e.Note != "" {
			it.Why = append(it.Why, e.Source+": "+e.Note)
		}
	}
	return out, nil
}

// ResolveInput is the operator's decision about one payment in REVIEW.
type ResolveInput struct {
	Code   string
	Action ResolveAction
	Reason string
}

// Resolution is what a resolution did.
type Resolution struct {
	Code   string
	Status Status // the payment's status after it
	// Refund is the amount of the refund queued now (0: none).
	Refund int64
	// Note is the OPERATOR ledger event's note.
	Note string
}

// Resolve settles a payment in REVIEW by refunding or accepting it
// (operator); the rules are at the top of this file.
func (s *Service) Resolve(ctx context.Context, in ResolveInput) (Resolution, error) {
	actor, err := auth.RequireOperator(ctx)
	if err != nil {
		return Resolution{}, err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > MaxReasonLength || !validate.SafeText(reason, false) {
		return Resolution{}, fmt.Errorf("a reason is required: 1 to %d characters of plain text", MaxReasonLength)
	}
	if in.Action != ResolveRefund && in.Action != ResolveAccept {
		return Resolution{}, fmt.Errorf("unknown resolution %q", in.Action)
	}
	code := strings.TrimSpace(in.Code)
	id, err := idByCode(ctx, s.db, code)
	if err != nil {
		return Resolution{}, err
	}
	if id == 0 {
		return Resolution{}, fmt.Errorf("payment %q: %w", code, apperr.ErrNotFound)
	}
	p, _, err := load(ctx, s.db, id, false)
	if err != nil {
		return Resolution{}, err
	}
	if p.Status != StatusReview {
		return Resolution{}, notInReview(p)
	}
	// The provider's word first, outside the transaction (a network call).
	var st *provider.Status
	if in.Action == ResolveAccept || p.Reserved < p.Amount {
		prov, ok := s.providers[p.Provider]
		if !ok {
			return Resolution{}, fmt.Errorf("payment %s: provider %s is not configured; nothing changed", p.Code, p.Provider)
		}
		got, err := prov.Query(ctx, provider.QueryRequest{TxnRef: p.Code, CreatedAt: p.CreatedAt, ClientIP: "127.0.0.1"})
		if err != nil {
			return Resolution{}, fmt.Errorf("payment %s: ask %s: %w; nothing changed", p.Code, p.Provider, err)
		}
		st = &got
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	by := actor.OperatorName
	var out Resolution
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		p, _, err := load(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if p.Status != StatusReview {
			return notInReview(p)
		}
		if in.Action == ResolveAccept {
			if err := s.stillPayable(ctx, tx, p); err != nil {
				return err
			}
		}
		data := map[string]string{"operator": by, "reason": reason, "resolution": string(in.Action)}
		if st != nil {
			data["providerOutcome"], data["providerAmount"], data["providerResponse"] =
				string(st.Outcome), strconv.FormatInt(st.Amount, 10), st.ResponseCode
		}
		if in.Action == ResolveAccept {
			out, err = s.accept(ctx, tx, &p, *st, reason, data, now)
		} else {
			out, err = s.refundReview(ctx, tx, &p, st, reason, by, data, now)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payment_discrepancies SET resolved_at = $2
			WHERE payment_id = $1 AND resolved_at IS NULL`, p.ID, now); err != nil {
			return fmt.Errorf("resolve discrepancies of %s: %w", p.Code, err)
		}
		return nil
	})
	if err != nil {
		return Resolution{}, err
	}
	s.logger.Info("payment in review resolved", "payment", out.Code, "resolution", string(in.Action),
		"status", string(out.Status), "refund", out.Refund, "operator", by)
	return out, nil
}

func notInReview(p Payment) error {
	return fmt.Errorf("payment %s is %s: %w", p.Code, p.Status, ErrNotInReview)
}

// stillPayable checks that every obligation of p is still OPEN at its agency.
func (s *Service) stillPayable(ctx context.Context, tx *sqlx.Tx, p Payment) error {
	obs, err := s.obs.Get(ctx, tx, p.ObligationIDs())
	if err != nil {
		return err
	}
	for _, id := range p.ObligationIDs() {
		o, ok := obs[id]
		if !ok {
			return fmt.Errorf("payment %s: an obligation of it is unknown: %w", p.Code, ErrCannotAccept)
		}
		if !o.Payable() {
			return fmt.Errorf("payment %s: an obligation of it is %s at its agency, no longer payable (refund instead): %w",
				p.Code, o.Status, ErrCannotAccept)
		}
	}
	return nil
}

// accept succeeds a payment in REVIEW through succeed, once the provider
// confirmed it.
func (s *Service) accept(ctx context.Context, tx *sqlx.Tx, p *Payment, st provider.Status, reason string,
	data map[string]string, now time.Time) (Resolution, error) {
	refuse := func(why string) (Resolution, error) {
		return Resolution{}, fmt.Errorf("payment %s: %s: %w", p.Code, why, ErrCannotAccept)
	}
	switch {
	case p.Reserved > 0:
		return refuse(fmt.Sprintf("%d VND of it is being or was refunded (refund it instead)", p.Reserved))
	case st.Outcome != provider.OutcomeSuccess:
		return refuse(fmt.Sprintf("the provider reports it %s (response %q), not a success", st.Outcome, st.ResponseCode))
	case st.Amount != p.Amount:
		return refuse(fmt.Sprintf("the provider took %d VND, the payment is %d VND (refund it instead)", st.Amount, p.Amount))
	}
	elsewhere, err := paidElsewhere(ctx, tx, p)
	if err != nil {
		return Resolution{}, err
	}
	if elsewhere > 0 {
		return refuse("an obligation of it was paid by another payment (refund it instead)")
	}
	note := fmt.Sprintf("accepted by the operator: %s (the provider confirms %d VND, response %s)", reason, st.Amount, st.ResponseCode)
	ev := providerEvent{Source: SourceOperator, Outcome: st.Outcome, Amount: st.Amount, MerchantOK: true,
		ResponseCode: st.ResponseCode, ProviderTxnID: st.ProviderTxnID, PaidAt: st.PaidAt, Raw: data}
	if err := s.succeed(ctx, tx, p, ev, now, note); err != nil {
		return Resolution{}, err
	}
	if p.Status != StatusSucceeded { // succeed found a payment of another process: it refunds
		return refuse("an obligation of it was paid by another payment")
	}
	return Resolution{Code: p.Code, Status: p.Status, Note: note}, nil
}

// refundReview gives a REVIEW payment's money back (what the provider holds
// less what is already refunded) and closes it.
func (s *Service) refundReview(ctx context.Context, tx *sqlx.Tx, p *Payment, st *provider.Status, reason, by string,
	data map[string]string, now time.Time) (Resolution, error) {
	refuse := func(why string) (Resolution, error) {
		return Resolution{}, fmt.Errorf("payment %s: %s: %w", p.Code, why, ErrCannotRefund)
	}
	to, amount := StatusFailed, int64(0)
	var what string
	switch {
	case p.Reserved >= p.Amount:
		what = fmt.Sprintf("the whole %d VND was already being or was refunded", p.Reserved)
	case st == nil:
		return refuse("a refund of it failed meanwhile; run the command again")
	case st.Outcome == provider.OutcomePending:
		return refuse("the provider still reports it pending; resolve it once the provider settles it")
	case st.Outcome == provider.OutcomeSuccess && st.Amount > p.Amount:
		return refuse(fmt.Sprintf("the provider holds %d VND, more than the payment's %d VND; refund it at the provider", st.Amount, p.Amount))
	case st.Outcome == provider.OutcomeSuccess:
		amount = st.Amount - p.Reserved
		what = fmt.Sprintf("the provider holds %d VND; %d VND refunded now", st.Amount, max(amount, 0))
	default:
		if st.Outcome == provider.OutcomeCanceled {
			to = StatusCancelled
		} else if st.Outcome == provider.OutcomeNotFound {
			to = StatusExpired
		}
		what = fmt.Sprintf("the provider reports it %s (response %q): no money taken, nothing to refund", st.Outcome, st.ResponseCode)
	}
	out := Resolution{Code: p.Code}
	if amount > 0 {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM payment_refunds WHERE payment_id = $1`, p.ID); err != nil {
			return Resolution{}, fmt.Errorf("refunds of %s: %w", p.Code, err)
		}
		key := "review:" + p.Code + ":" + strconv.Itoa(n+1)
		r, err := s.insertRefund(ctx, tx, p, amount, "operator: "+reason, "operator:"+by, key, nil, now)
		if err != nil {
			return Resolution{}, err
		}
		out.Refund = r.Amount
	}
	out.Note = fmt.Sprintf("refunded by the operator: %s (%s)", reason, what)
	if err := setStatus(ctx, tx, p, to, now); err != nil {
		return Resolution{}, err
	}
	if _, err := appendEvent(ctx, tx, p.ID, Event{At: now, Status: to, Source: SourceOperator, Note: out.Note}, "", data); err != nil {
		return Resolution{}, err
	}
	out.Status = to
	return out, nil
}
