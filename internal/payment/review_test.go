package payment_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// operator is the portal operator at the CLI.
var operator = auth.WithActor(context.Background(), auth.OperatorActor("ops-tuan"))

// The three ways into REVIEW, each on its own obligation.

// reviewByAmount: the provider's notification carries another amount; the
// provider itself (its status query) holds the payment's amount.
func (h *harness) reviewByAmount(key, ref string) payment.Payment {
	h.t.Helper()
	p := h.mustCreate(an, key, ref)
	if got := h.ipn(h.prov.pay(p.Code, provider.OutcomeSuccess, p.Amount-1000)); got != "04" {
		h.t.Fatalf("IPN with a wrong amount answered %s, want 04", got)
	}
	h.wantStatus(p.ID, payment.StatusReview)
	return p
}

// reviewByDouble: a cancelled payment is paid after another paid the same
// obligation; it is refunded automatically. It returns both.
func (h *harness) reviewByDouble(ref string) (late, paid payment.Payment) {
	h.t.Helper()
	late = h.mustCreate(an, "double-1", ref)
	if _, err := h.svc.Cancel(an, late.ID); err != nil {
		h.t.Fatal(err)
	}
	paid = h.mustCreate(an, "double-2", ref)
	h.ipn(h.prov.pay(paid.Code, provider.OutcomeSuccess, 0))
	h.ipn(h.prov.pay(late.Code, provider.OutcomeSuccess, 0))
	h.wantStatus(late.ID, payment.StatusReview)
	h.eventually("the automatic refund", func() bool {
		return h.count(`SELECT count(*) FROM payment_refunds WHERE payment_id = $1 AND status = 'SUCCEEDED'`, late.ID) == 1
	})
	return late, paid
}

// reviewByPending: the provider reports the payment pending for a day.
func (h *harness) reviewByPending(key, ref string) payment.Payment {
	h.t.Helper()
	p := h.mustCreate(an, key, ref)
	h.prov.settle(p.Code, provider.OutcomePending, 0)
	h.advance(25 * time.Hour)
	if _, err := h.svc.ExpireUnfinished(an, 10); err != nil {
		h.t.Fatal(err)
	}
	h.wantStatus(p.ID, payment.StatusReview)
	return p
}

func (h *harness) wantStatus(id int64, want payment.Status) {
	h.t.Helper()
	if got := h.get(id).Status; got != want {
		h.t.Fatalf("payment %d is %s, want %s", id, got, want)
	}
}

func (h *harness) resolve(code string, action payment.ResolveAction, reason string) (payment.Resolution, error) {
	return h.svc.Resolve(operator, payment.ResolveInput{Code: code, Action: action, Reason: reason})
}

// operatorEvents are a payment's OPERATOR ledger entries.
func (h *harness) operatorEvents(p payment.Payment) []payment.Event {
	h.t.Helper()
	es, err := h.svc.Events(an, p)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []payment.Event
	for _, e := range es {
		if e.Source == payment.SourceOperator {
			out = append(out, e)
		}
	}
	return out
}

func (h *harness) obligationStatus(ref string) string {
	h.t.Helper()
	var s string
	if err := h.db.Get(&s, `SELECT status FROM obligations WHERE source_ref = $1`, ref); err != nil {
		h.t.Fatal(err)
	}
	return s
}

func TestReviewListsEachPaymentWithWhyAndSince(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	start := h.now()
	mismatch := h.reviewByAmount("k1", taxAn)
	double, _ := h.reviewByDouble(fineNoHeld)
	pending := h.reviewByPending("k3", taxAn2)

	items, err := h.svc.InReview(operator)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		amount    int64
		why       string
		refunding int64
	}{
		mismatch.Code: {mismatch.Amount, "AMOUNT_MISMATCH: NOTIFICATION: provider reported", 0},
		double.Code:   {double.Amount, "DOUBLE_PAYMENT: an obligation of " + double.Code + " was already paid", double.Amount},
		pending.Code:  {pending.Amount, "pending at the provider for more than a day", 0},
	}
	if len(items) != len(want) {
		t.Fatalf("in review: %+v, want %d payments", items, len(want))
	}
	for _, it := range items {
		w, ok := want[it.Code]
		if !ok {
			t.Errorf("unexpected payment %s in review", it.Code)
			continue
		}
		why := strings.Join(it.Why, " | ")
		if it.Amount != w.amount || it.Provider != "fake" || it.Refunding != w.refunding || !strings.Contains(why, w.why) {
			t.Errorf("%s: amount %d, provider %s, refunding %d, why %q; want %d, fake, %d, why containing %q",
				it.Code, it.Amount, it.Provider, it.Refunding, why, w.amount, w.refunding, w.why)
		}
		if it.Since.Before(start.Add(-time.Second)) || len(it.Agencies) != 1 {
			t.Errorf("%s: since %v (test began %v), agencies %v; want a time of this test and one agency", it.Code, it.Since, start, it.Agencies)
		}
	}
	if got := items[len(items)-1].Code; got != pending.Code {
		t.Errorf("last listed %s, want %s (the latest to go to review)", got, pending.Code)
	}
}

func TestOnlyTheOperatorReviewsAndResolves(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.reviewByAmount("k1", taxAn)
	for _, c := range []struct {
		name string
		ctx  context.Context
		want apperr.Code
	}{
		{"anonymous", context.Background(), apperr.Unauthenticated},
		{"the payer", an, apperr.Forbidden},
		{"the agency", agency("THUE"), apperr.Forbidden},
	} {
		if _, err := h.svc.InReview(c.ctx); !hasCode(err, c.want) {
			t.Errorf("%s lists payments in review: %v, want %s", c.name, err, c.want)
		}
		_, err := h.svc.Resolve(c.ctx, payment.ResolveInput{Code: p.Code, Action: payment.ResolveRefund, Reason: "x"})
		if !hasCode(err, c.want) {
			t.Errorf("%s resolves: %v, want %s", c.name, err, c.want)
		}
	}
	h.wantStatus(p.ID, payment.StatusReview)
}

func hasCode(err error, want apperr.Code) bool {
	code, _ := apperr.CodeOf(err)
	return code == want
}

func TestResolveRefusesWhatItCannotSettle(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ok := h.mustCreate(an, "ok", taxAn2)
	h.ipn(h.prov.pay(ok.Code, provider.OutcomeSuccess, 0))
	review := h.reviewByAmount("k1", taxAn)
	for _, c := range []struct {
		name   string
		in     payment.ResolveInput
		target error
	}{
		{"a succeeded payment", payment.ResolveInput{Code: ok.Code, Action: payment.ResolveRefund, Reason: "x"}, payment.ErrNotInReview},
		{"an unknown code", payment.ResolveInput{Code: "NOPE", Action: payment.ResolveAccept, Reason: "x"}, apperr.ErrNotFound},
		{"no reason", payment.ResolveInput{Code: review.Code, Action: payment.ResolveRefund, Reason: "  "}, nil},
		{"a reason with a control character", payment.ResolveInput{Code: review.Code, Action: payment.ResolveRefund, Reason: "a\x00b"}, nil},
		{"a reason too long", payment.ResolveInput{Code: review.Code, Action: payment.ResolveRefund, Reason: strings.Repeat("ả", 501)}, nil},
		{"no action", payment.ResolveInput{Code: review.Code, Reason: "x"}, nil},
	} {
		_, err := h.svc.Resolve(operator, c.in)
		if err == nil || (c.target != nil && !errors.Is(err, c.target)) {
			t.Errorf("%s: %v, want an error (%v)", c.name, err, c.target)
		}
	}
	h.wantStatus(review.ID, payment.StatusReview)
	if n := len(h.operatorEvents(review)); n != 0 {
		t.Errorf("refused resolutions wrote %d OPERATOR events", n)
	}
}

// Accepting a payment whose notification carried a wrong amount, once the
// provider's own status query confirms the right one: it succeeds as a
// notification would (obligation paid, confirmation, SMS, agency receipt).
func TestAcceptWhenTheProviderConfirms(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.reviewByAmount("k1", taxAn)
	res, err := h.resolve(p.Code, payment.ResolveAccept, "VNPAY confirmed by phone: the IPN amount was a test artefact")
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	if res.Status != payment.StatusSucceeded || res.Refund != 0 {
		t.Errorf("resolution = %+v, want SUCCEEDED without a refund", res)
	}
	got := h.get(p.ID)
	if got.Status != payment.StatusSucceeded || got.PaidAt == nil {
		t.Fatalf("payment %s paidAt %v, want SUCCEEDED and paid", got.Status, got.PaidAt)
	}
	if s := h.obligationStatus(taxAn); s != "PAID" {
		t.Errorf("obligation %s, want PAID", s)
	}
	if n := h.sms(); n != 1 {
		t.Errorf("SMS = %d, want 1 (the success)", n)
	}
	h.eventually("the agency's receipt", func() bool {
		return h.count(`SELECT count(*) FROM payment_receipts WHERE payment_id = $1 AND kind = 'AGENCY'`, p.ID) == 1
	})
	if n := h.count(`SELECT count(*) FROM payment_receipts WHERE payment_id = $1 AND kind = 'CONFIRMATION'`, p.ID); n != 1 {
		t.Errorf("confirmations = %d, want 1", n)
	}
	e := succeededEvent(t, h, got)
	if e.Source != payment.SourceOperator || !strings.Contains(e.Note, "VNPAY confirmed by phone") {
		t.Errorf("SUCCEEDED event = %+v, want OPERATOR with the reason", e)
	}
	if n := h.count(`SELECT count(*) FROM payment_events WHERE payment_id = $1 AND source = 'OPERATOR'
		AND data->>'operator' = 'ops-tuan' AND data->>'providerAmount' = $2`, p.ID, fmt.Sprint(p.Amount)); n != 1 {
		t.Errorf("OPERATOR events recording the operator and the provider's amount = %d, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM payment_discrepancies WHERE payment_id = $1 AND resolved_at IS NULL`, p.ID); n != 0 {
		t.Errorf("open discrepancies of the accepted payment = %d, want 0", n)
	}
	if st, err := h.svc.Stats(an); err != nil || st.InReview != 0 {
		t.Errorf("stats = %+v %v, want none in review", st, err)
	}
	// Settled once: a second resolution is refused.
	if _, err := h.resolve(p.Code, payment.ResolveRefund, "again"); !errors.Is(err, payment.ErrNotInReview) {
		t.Errorf("second resolution: %v, want ErrNotInReview", err)
	}
}

func TestAcceptOnlyWhereItIsSound(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		setup func(h *harness) payment.Payment
	}{
		{"the provider took another amount", func(h *harness) payment.Payment {
			p := h.reviewByAmount("k1", taxAn)
			h.prov.settle(p.Code, provider.OutcomeSuccess, p.Amount-1000)
			return p
		}},
		{"a double payment already refunded", func(h *harness) payment.Payment {
			late, _ := h.reviewByDouble(fineNoHeld)
			return late
		}},
		{"still pending at the provider", func(h *harness) payment.Payment { return h.reviewByPending("k1", taxAn) }},
		{"failed at the provider", func(h *harness) payment.Payment {
			p := h.reviewByPending("k1", taxAn)
			h.prov.settle(p.Code, provider.OutcomeFailed, 0)
			return p
		}},
		{"the agency cancelled the obligation", func(h *harness) payment.Payment {
			p := h.reviewByAmount("k1", taxAn)
			if _, err := h.db.Exec(`UPDATE obligations SET status = 'CANCELLED' WHERE source_ref = $1`, taxAn); err != nil {
				h.t.Fatal(err)
			}
			return p
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			p := c.setup(h)
			sms := h.sms()
			_, err := h.resolve(p.Code, payment.ResolveAccept, "looks fine")
			if !errors.Is(err, payment.ErrCannotAccept) {
				t.Fatalf("accept: %v, want ErrCannotAccept", err)
			}
			h.wantStatus(p.ID, payment.StatusReview)
			if n := h.sms(); n != sms {
				t.Errorf("a refused acceptance sent %d SMS", n-sms)
			}
			if n := len(h.operatorEvents(p)); n != 0 {
				t.Errorf("a refused acceptance wrote %d OPERATOR events", n)
			}
		})
	}
}

// Refunding a payment in REVIEW: what the provider holds goes back through
// the refund job, the payer gets the refund SMS, the obligation stays OPEN
// and can be paid again.
func TestRefundAfterAmountMismatch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		held int64 // what the provider took, less than the payment (0: the payment's amount)
	}{
		{"the provider holds the payment's amount", 0},
		{"the provider holds less", 1_000_000},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			p := h.reviewByAmount("k1", taxAn)
			wantRefund := p.Amount
			if c.held != 0 {
				h.prov.settle(p.Code, provider.OutcomeSuccess, c.held)
				wantRefund = c.held
			}
			res, err := h.resolve(p.Code, payment.ResolveRefund, "payer asked for the money back")
			if err != nil {
				t.Fatalf("refund: %v", err)
			}
			if res.Status != payment.StatusFailed || res.Refund != wantRefund {
				t.Errorf("resolution = %+v, want FAILED with a refund of %d", res, wantRefund)
			}
			h.eventually("the refund at the provider", func() bool {
				return h.count(`SELECT count(*) FROM payment_refunds WHERE payment_id = $1 AND status = 'SUCCEEDED'`, p.ID) == 1
			})
			if rs := h.prov.refundsSent(); len(rs) != 1 || rs[0].TxnRef != p.Code || rs[0].Amount != wantRefund {
				t.Errorf("refunds sent = %+v, want one of %d for %s", rs, wantRefund, p.Code)
			}
			if n := h.sms(); n != 1 {
				t.Errorf("SMS = %d, want 1 (the refund)", n)
			}
			if s := h.obligationStatus(taxAn); s != "OPEN" {
				t.Errorf("obligation %s, want OPEN", s)
			}
			es := h.operatorEvents(p)
			if len(es) != 1 || es[0].Status != payment.StatusFailed || !strings.Contains(es[0].Note, "payer asked for the money back") {
				t.Errorf("OPERATOR events = %+v, want one FAILED with the reason", es)
			}
			h.wantStatus(p.ID, payment.StatusFailed)
			if _, err := h.create(an, "k2", taxAn); err != nil {
				t.Errorf("paying the obligation again: %v", err)
			}
		})
	}
}

// A double payment was refunded automatically: resolving it by refund sends
// nothing more and leaves the other payment's obligation paid.
func TestRefundOfADoublePaymentSendsNothingMore(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	late, paid := h.reviewByDouble(fineNoHeld)
	res, err := h.resolve(late.Code, payment.ResolveRefund, "automatic refund checked at the bank")
	if err != nil {
		t.Fatalf("refund: %v", err)
	}
	if res.Status != payment.StatusFailed || res.Refund != 0 {
		t.Errorf("resolution = %+v, want FAILED without a new refund", res)
	}
	time.Sleep(300 * time.Millisecond) // a wrongly queued refund job would run by now
	if n := h.prov.refundCount(); n != 1 {
		t.Errorf("refunds sent = %d, want 1 (the automatic one)", n)
	}
	if s := h.obligationStatus(fineNoHeld); s != "PAID" {
		t.Errorf("obligation %s, want PAID by %s", s, paid.Code)
	}
	h.wantStatus(paid.ID, payment.StatusSucceeded)
	// The day's reconciliation matches the settled payment against the
	// provider's settlement (money taken, then refunded): nothing open.
	h.eventually("the acknowledgement", func() bool {
		return h.count(`SELECT count(*) FROM payment_items WHERE payment_id = $1 AND acknowledged_at IS NOT NULL`, paid.ID) == 1
	})
	day := time.Now().In(vntime.Location) // Reconcile's day is Vietnam's
	rep, err := h.svc.Reconcile(an, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC))
	if err != nil || len(rep.Discrepancies) != 0 {
		t.Errorf("reconciliation: %+v %v, want no open discrepancy", rep.Discrepancies, err)
	}
	// A success reported again for the refunded payment pays nothing.
	v := h.prov.notification(late.Code, "00", late.Amount)
	v.Set("txn", "T2"+late.Code) // another provider event
	v.Set("hash", h.prov.sign(v))
	if got := h.ipn(v); got != "02" {
		t.Errorf("a new success for the refunded payment answered %s, want 02", got)
	}
	h.wantStatus(late.ID, payment.StatusFailed)
}

func TestRefundWhenTheProviderTookNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.reviewByPending("k1", taxAn)
	if _, err := h.resolve(p.Code, payment.ResolveRefund, "stuck"); !errors.Is(err, payment.ErrCannotRefund) {
		t.Fatalf("refund while still pending: %v, want ErrCannotRefund", err)
	}
	h.wantStatus(p.ID, payment.StatusReview)
	h.prov.settle(p.Code, provider.OutcomeFailed, 0)
	res, err := h.resolve(p.Code, payment.ResolveRefund, "bank declined in the end")
	if err != nil {
		t.Fatalf("refund after the provider failed it: %v", err)
	}
	if res.Status != payment.StatusFailed || res.Refund != 0 || !strings.Contains(res.Note, "no money taken") {
		t.Errorf("resolution = %+v, want FAILED, nothing refunded", res)
	}
	if n := h.count(`SELECT count(*) FROM payment_refunds`); n != 0 {
		t.Errorf("refunds = %d, want 0", n)
	}
	if s := h.obligationStatus(taxAn); s != "OPEN" {
		t.Errorf("obligation %s, want OPEN", s)
	}
}

// A refund the provider refuses puts the settled payment back in REVIEW with
// an alert; the operator can then refund it again.
func TestRefusedRefundReturnsToReview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.reviewByAmount("k1", taxAn)
	h.prov.refuseRefunds(true)
	if _, err := h.resolve(p.Code, payment.ResolveRefund, "first try"); err != nil {
		t.Fatal(err)
	}
	h.eventually("back in review", func() bool { return h.get(p.ID).Status == payment.StatusReview })
	items, err := h.svc.InReview(operator)
	if err != nil || len(items) != 1 || !strings.Contains(strings.Join(items[0].Why, "|"), "refused the refund") || items[0].Refunding != 0 {
		t.Fatalf("in review: %+v %v, want %s with the refused refund as why and nothing refunding", items, err, p.Code)
	}
	if st, _ := h.svc.Stats(an); st.Alerts != 1 {
		t.Errorf("alerts = %d, want 1", st.Alerts)
	}
	h.prov.refuseRefunds(false)
	if _, err := h.resolve(p.Code, payment.ResolveRefund, "second try"); err != nil {
		t.Fatal(err)
	}
	h.eventually("the second refund", func() bool {
		return h.count(`SELECT count(*) FROM payment_refunds WHERE payment_id = $1 AND status = 'SUCCEEDED'`, p.ID) == 1
	})
	h.wantStatus(p.ID, payment.StatusFailed)
}

// Resolutions racing for one payment apply once: one wins, the others are
// told it is no longer in review, one refund at most is sent.
func TestConcurrentResolutionsApplyOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.reviewByAmount("k1", taxAn)
	const n = 6
	errs := concurrently(n, func(i int) error {
		action := payment.ResolveRefund
		if i%2 == 1 {
			action = payment.ResolveAccept
		}
		_, err := h.resolve(p.Code, action, "race")
		return err
	})
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, payment.ErrNotInReview):
			t.Errorf("resolution %d: %v, want success or ErrNotInReview", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d resolutions applied, want 1", won)
	}
	if es := h.operatorEvents(p); len(es) != 1 {
		t.Errorf("OPERATOR events = %d, want 1", len(es))
	}
	switch h.get(p.ID).Status {
	case payment.StatusFailed:
		h.eventually("the refund", func() bool { return h.prov.refundCount() == 1 })
		if n := h.count(`SELECT count(*) FROM payment_refunds WHERE payment_id = $1`, p.ID); n != 1 {
			t.Errorf("refunds = %d, want 1", n)
		}
	case payment.StatusSucceeded:
		if n := h.sms(); n != 1 {
			t.Errorf("SMS = %d, want 1", n)
		}
	default:
		t.Errorf("after the race: %s, want FAILED or SUCCEEDED", h.get(p.ID).Status)
	}
}
