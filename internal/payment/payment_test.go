package payment_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		t.Fatalf("error = %v, want userError %s", err, code)
	}
	for _, u := range ues {
		if u.Code == code {
			return
		}
	}
	t.Fatalf("userErrors = %v, want %s", ues, code)
}

func TestHappyPathToSucceeded(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn, taxAn2)
	if p.Status != payment.StatusStarted || p.Amount != 3_050_000 || !strings.HasPrefix(p.NextURL, "http://fake.invalid/pay?") {
		t.Fatalf("created %+v, want STARTED, 3,050,000 VND and a redirect", p)
	}
	if got := h.ipn(h.prov.pay(p.Code, provider.OutcomeSuccess, 0)); got != "00" {
		t.Fatalf("IPN answered %s, want 00", got)
	}
	got := h.get(p.ID)
	if got.Status != payment.StatusSucceeded || !got.Finished() || got.PaidAt == nil {
		t.Fatalf("after IPN: %s finished=%v paidAt=%v, want SUCCEEDED", got.Status, got.Finished(), got.PaidAt)
	}
	if n := h.sms(); n != 1 {
		t.Errorf("SMS sent = %d, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM obligations WHERE source_ref IN ($1, $2) AND status = 'PAID'`, taxAn, taxAn2); n != 2 {
		t.Errorf("obligations paid = %d, want 2", n)
	}
	h.eventually("the agency's receipts", func() bool {
		return h.count(`SELECT count(*) FROM payment_receipts WHERE payment_id = $1 AND kind = 'AGENCY'`, p.ID) == 2
	})
	rs, err := h.svc.Receipts(an, got)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].Kind != payment.ReceiptConfirmation || rs[0].Number != p.Code || len(rs[0].VerifyCode) != 8 {
		t.Fatalf("receipts = %+v, want our confirmation then two agency receipts", rs)
	}
	if n := h.count(`SELECT count(*) FROM river_job WHERE kind = 'payment_notify_agency'`); n != 1 {
		t.Errorf("agency notify jobs = %d, want 1", n)
	}
	// The confirmation verifies publicly with its code, and not with another.
	if r, ok, err := h.svc.VerifyReceipt(an, "198.51.100.1", p.Code, strings.ToLower(rs[0].VerifyCode)); err != nil || !ok || r.Amount != 3_050_000 {
		t.Errorf("verify receipt = %+v %v %v, want the confirmation", r, ok, err)
	}
	if _, ok, _ := h.svc.VerifyReceipt(an, "198.51.100.1", p.Code, "AAAAAAAA"); ok {
		t.Error("a wrong verify code verified")
	}
	es, _ := h.svc.Events(an, got)
	var trail []string
	for _, e := range es {
		trail = append(trail, string(e.Status)+"/"+string(e.Source))
	}
	if want := "CREATED/CITIZEN STARTED/CITIZEN SUCCEEDED/NOTIFICATION"; !strings.HasPrefix(strings.Join(trail, " "), want) {
		t.Errorf("ledger = %v, want it to start %s", trail, want)
	}
}

func TestDuplicateAndReorderedNotificationsChangeNothingTwice(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	success := h.prov.pay(p.Code, provider.OutcomeSuccess, 0)
	var answers []string
	for range 3 {
		answers = append(answers, h.ipn(success))
	}
	if strings.Join(answers, ",") != "00,02,02" {
		t.Fatalf("answers to the same IPN ×3 = %v, want 00,02,02", answers)
	}
	events := h.events(p.ID)
	// A signed failure arriving after the success (reordered) changes nothing.
	if got := h.ipn(h.prov.notification(p.Code, "51", p.Amount)); got != "02" {
		t.Errorf("late failure answered %s, want 02", got)
	}
	if got := h.get(p.ID).Status; got != payment.StatusSucceeded {
		t.Errorf("status after a late failure = %s, want SUCCEEDED", got)
	}
	if n := h.events(p.ID); n != events {
		t.Errorf("events after duplicates = %d, want %d", n, events)
	}
	if n := h.sms(); n != 1 {
		t.Errorf("SMS = %d, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM payment_receipts WHERE payment_id = $1 AND kind = 'CONFIRMATION'`, p.ID); n != 1 {
		t.Errorf("confirmations = %d, want 1", n)
	}
}

func TestTamperedNotificationIs97AndRecordsNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	events := h.events(p.ID)
	v := h.prov.pay(p.Code, provider.OutcomeSuccess, 0)
	for name, tamper := range map[string]func(url.Values){
		"hash":    func(v url.Values) { v.Set("hash", strings.Repeat("0", 64)) },
		"amount":  func(v url.Values) { v.Set("amount", "1") },
		"no hash": func(v url.Values) { v.Del("hash") },
	} {
		w := url.Values{}
		for k := range v {
			w.Set(k, v.Get(k))
		}
		tamper(w)
		if got := h.ipn(w); got != "97" {
			t.Errorf("%s tampered: answered %s, want 97", name, got)
		}
	}
	if got := h.get(p.ID).Status; got != payment.StatusStarted {
		t.Errorf("status = %s, want STARTED", got)
	}
	if n := h.events(p.ID); n != events {
		t.Errorf("events = %d, want %d (nothing recorded)", n, events)
	}
	if n := h.count(`SELECT count(*) FROM payment_discrepancies`); n != 0 {
		t.Errorf("discrepancies = %d, want 0", n)
	}
}

func TestWrongAmountGoesToReview(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	if got := h.ipn(h.prov.pay(p.Code, provider.OutcomeSuccess, p.Amount-1000)); got != "04" {
		t.Fatalf("IPN with a wrong amount answered %s, want 04", got)
	}
	if got := h.get(p.ID).Status; got != payment.StatusReview {
		t.Errorf("status = %s, want REVIEW", got)
	}
	if n := h.count(`SELECT count(*) FROM payment_discrepancies WHERE payment_id = $1 AND kind = 'AMOUNT_MISMATCH'`, p.ID); n != 1 {
		t.Errorf("amount discrepancies = %d, want 1", n)
	}
	if n := h.sms(); n != 0 {
		t.Errorf("SMS = %d, want 0", n)
	}
	if n := h.count(`SELECT count(*) FROM obligations WHERE source_ref = $1 AND status = 'OPEN'`, taxAn); n != 1 {
		t.Error("the obligation is no longer open after a payment in review")
	}
}

func TestUnknownOrderIs01(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	v := h.prov.pay(p.Code, provider.OutcomeSuccess, 0)
	w := h.prov.notification("TT2026010199999999", "00", p.Amount)
	_ = v
	if got := h.ipn(w); got != "01" {
		t.Errorf("unknown order answered %s, want 01", got)
	}
}

func TestCrashBetweenCommitAndAnswer(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	// Each IPN runs in its own handler goroutine: the flag is atomic because
	// the socket between them is no synchronisation the race detector sees.
	var crashed atomic.Bool
	h.svc.SetAfterNotificationCommit(func() error {
		if crashed.CompareAndSwap(false, true) {
			return errors.New("killed")
		}
		return nil
	})
	v := h.prov.pay(p.Code, provider.OutcomeSuccess, 0)
	if code, err := h.tryIPN(v); err == nil {
		t.Fatalf("the first IPN was answered (%s); want no answer", code)
	}
	// The provider did not get an answer, so it retries.
	if got := h.ipn(v); got != "02" {
		t.Fatalf("retry answered %s, want 02", got)
	}
	if got := h.get(p.ID).Status; got != payment.StatusSucceeded {
		t.Errorf("status = %s, want SUCCEEDED", got)
	}
	if n := h.sms(); n != 1 {
		t.Errorf("SMS = %d, want 1", n)
	}
	if n := h.count(`SELECT count(*) FROM river_job WHERE kind = 'payment_notify_agency'`); n != 1 {
		t.Errorf("agency notify jobs = %d, want 1", n)
	}
}

func TestTwentyConcurrentCreates(t *testing.T) {
	t.Parallel()
	t.Run("one key", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		ids := concurrently(20, func(i int) result { p, err := h.create(an, "same-key", taxAn); return result{p, err} })
		seen := map[int64]bool{}
		for i, r := range ids {
			if r.err != nil {
				t.Fatalf("attempt %d: %v", i, r.err)
			}
			seen[r.p.ID] = true
		}
		if len(seen) != 1 {
			t.Errorf("payments = %d, want 1", len(seen))
		}
		if n := h.count(`SELECT count(*) FROM payments`); n != 1 {
			t.Errorf("rows = %d, want 1", n)
		}
	})
	t.Run("twenty keys", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		res := concurrently(20, func(i int) result { p, err := h.create(an, fmt.Sprint("key-", i), taxAn); return result{p, err} })
		ok, inProgress := 0, 0
		for _, r := range res {
			if r.err == nil {
				ok++
				continue
			}
			if ues, isUE := apperr.AsUserErrors(r.err); isUE && ues[0].Code == payment.CodePaymentInProgress {
				inProgress++
				continue
			}
			t.Errorf("unexpected error: %v", r.err)
		}
		if ok != 1 || inProgress != 19 {
			t.Errorf("created %d, in progress %d; want 1 and 19", ok, inProgress)
		}
	})
}

type result struct {
	p   payment.Payment
	err error
}

// concurrently runs fn(0) … fn(n-1) in n goroutines released at once and
// returns their results by index.
func concurrently[T any](n int, fn func(i int) T) []T {
	out := make([]T, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = fn(i)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func TestIdempotencyKeyReusedForOtherInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	again := h.mustCreate(an, "k1", taxAn)
	if again.ID != p.ID || again.NextURL != p.NextURL {
		t.Errorf("same key and input: got payment %d, want %d with its redirect", again.ID, p.ID)
	}
	_, err := h.create(an, "k1", taxAn2)
	wantCode(t, err, apperr.CodeIdempotencyKeyReused)
}

func TestCreateRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	_, err := h.create(an, "paid", taxPaid)
	wantCode(t, err, payment.CodeObligationNotPayable)
	_, err = h.create(an, "mixed", taxAn, taxNgoc)
	wantCode(t, err, payment.CodeMixedPayees)
	_, err = h.create(an, "held", fineHeld)
	wantCode(t, err, apperr.CodeRequired)
	_, err = h.svc.Create(an, payment.CreateInput{ObligationIDs: []int64{h.obligationID(taxAn)}, Provider: "fake",
		ReturnURL: "https://evil.example/steal", IdempotencyKey: "evil"})
	wantCode(t, err, payment.CodeReturnURLNotAllowed)
	_, err = h.svc.Create(an, payment.CreateInput{ObligationIDs: []int64{h.obligationID(taxAn)}, Provider: "fake",
		ReturnURL: h.srv.URL + "/done", IdempotencyKey: "own-origin"})
	if err != nil {
		t.Errorf("a return URL on our own origin was refused: %v", err)
	}
	// Out of the provider's range: an obligation pushed under 5,000 VND.
	if _, err := h.obs.Upsert(agency("THUE"), pushed("SMALL-1", 4_000)); err != nil {
		t.Fatal(err)
	}
	_, err = h.create(an, "small", "SMALL-1")
	wantCode(t, err, payment.CodeAmountOutOfRange)
	if n := h.count(`SELECT count(*) FROM payments WHERE idempotency_key <> 'own-origin'`); n != 0 {
		t.Errorf("refused creates left %d payments", n)
	}
}

func TestLateSuccessAfterExpiryIsHonoured(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", fineNoHeld)
	h.advance(16 * time.Minute)
	if n, err := h.svc.ExpireUnfinished(an, 10); err != nil || n != 1 {
		t.Fatalf("expire sweep: %d %v", n, err)
	}
	if got := h.get(p.ID).Status; got != payment.StatusExpired {
		t.Fatalf("after the sweep: %s, want EXPIRED", got)
	}
	// The payer had paid at the last second: the provider's success arrives.
	if got := h.ipn(h.prov.pay(p.Code, provider.OutcomeSuccess, 0)); got != "00" {
		t.Fatalf("late IPN answered %s, want 00", got)
	}
	got := h.get(p.ID)
	if got.Status != payment.StatusSucceeded {
		t.Fatalf("status = %s, want SUCCEEDED (a correction)", got.Status)
	}
	if e := succeededEvent(t, h, got); !strings.Contains(e.Note, "correction") {
		t.Errorf("the success's note = %q, want a correction", e.Note)
	}
}

func TestSecondSuccessForAnObligationIsReviewedAndRefunded(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	first := h.mustCreate(an, "k1", fineNoHeld)
	if _, err := h.svc.Cancel(an, first.ID); err != nil {
		t.Fatal(err)
	}
	second := h.mustCreate(an, "k2", fineNoHeld)
	if got := h.ipn(h.prov.pay(second.Code, provider.OutcomeSuccess, 0)); got != "00" {
		t.Fatalf("second payment IPN: %s", got)
	}
	// The cancelled first one had been paid after all.
	if got := h.ipn(h.prov.pay(first.Code, provider.OutcomeSuccess, 0)); got != "00" {
		t.Fatalf("first payment late IPN: %s", got)
	}
	if got := h.get(first.ID).Status; got != payment.StatusReview {
		t.Errorf("first payment = %s, want REVIEW", got)
	}
	h.eventually("the automatic refund", func() bool { return h.prov.refundCount() == 1 })
	if r := h.prov.refundsSent()[0]; r.TxnRef != first.Code || r.Amount != first.Amount || !r.Full {
		t.Errorf("refund = %+v, want the whole of %s", r, first.Code)
	}
	if n := h.count(`SELECT count(*) FROM payment_discrepancies WHERE kind = 'DOUBLE_PAYMENT'`); n != 1 {
		t.Errorf("double payment discrepancies = %d, want 1", n)
	}
	h.eventually("the refund recorded", func() bool {
		return h.count(`SELECT count(*) FROM payment_refunds WHERE status = 'SUCCEEDED'`) == 1
	})
	if n := h.sms(); n != 2 { // the success of the second, the refund of the first
		t.Errorf("SMS = %d, want 2", n)
	}
}

func TestDroppedNotificationResolvedByStatusQueryAfterReturn(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	v := h.prov.pay(p.Code, provider.OutcomeSuccess, 0) // the IPN is never sent
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(h.srv.URL + payment.ReturnPathOf("fake") + "?" + v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, returnOrigin+"/payments/done?payment="+p.Code) {
		t.Fatalf("return answered %d to %q, want 303 to the client's return URL", resp.StatusCode, loc)
	}
	// The return itself never finalises (the status query it schedules runs
	// at least the harness's ReturnQueryDelay, 1 s, later: this read is
	// well before it even on a slow machine).
	if got := h.get(p.ID).Status; got == payment.StatusSucceeded {
		t.Fatal("the browser's return finalised the payment")
	}
	h.eventually("the status query", func() bool { return h.get(p.ID).Status == payment.StatusSucceeded })
	if e := succeededEvent(t, h, h.get(p.ID)); e.Source != payment.SourceStatusQuery {
		t.Errorf("finalised by %s, want STATUS_QUERY", e.Source)
	}
	if n := h.sms(); n != 1 {
		t.Errorf("SMS = %d, want 1", n)
	}
}

func TestRefundsPartialFullAndStale(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn) // 2,400,000
	h.ipn(h.prov.pay(p.Code, provider.OutcomeSuccess, 0))
	thue := agency("THUE")
	if _, err := h.svc.RequestRefund(agency("EVN"), payment.RefundInput{PaymentID: p.ID, Amount: 1, AmountAvailable: p.Amount,
		Reason: "x", IdempotencyKey: "evn"}); err == nil {
		t.Fatal("another agency refunded the payment")
	}
	r1, err := h.svc.RequestRefund(thue, payment.RefundInput{PaymentID: p.ID, Amount: 400_000, AmountAvailable: 2_400_000,
		Reason: "overpaid", IdempotencyKey: "r1"})
	if err != nil || r1.Status != payment.RefundRequested {
		t.Fatalf("partial refund: %+v %v", r1, err)
	}
	// A stale view of what is available is refused and nothing is sent.
	_, err = h.svc.RequestRefund(thue, payment.RefundInput{PaymentID: p.ID, Amount: 2_400_000, AmountAvailable: 2_400_000,
		Reason: "all", IdempotencyKey: "r2"})
	wantCode(t, err, payment.CodeRefundAmountStale)
	h.eventually("the partial refund", func() bool { return h.prov.refundCount() == 1 })
	if _, err := h.svc.RequestRefund(thue, payment.RefundInput{PaymentID: p.ID, Amount: 2_000_001, AmountAvailable: 2_000_000,
		Reason: "too much", IdempotencyKey: "r3"}); err == nil {
		t.Fatal("a refund above the available amount was accepted")
	}
	r4, err := h.svc.RequestRefund(thue, payment.RefundInput{PaymentID: p.ID, Amount: 2_000_000, AmountAvailable: 2_000_000,
		Reason: "the rest", IdempotencyKey: "r4"})
	if err != nil {
		t.Fatalf("full refund of the rest: %v", err)
	}
	again, err := h.svc.RequestRefund(thue, payment.RefundInput{PaymentID: p.ID, Amount: 2_000_000, AmountAvailable: 2_000_000,
		Reason: "the rest", IdempotencyKey: "r4"})
	if err != nil || again.ID != r4.ID {
		t.Errorf("same refund key: %+v %v, want refund %d", again, err, r4.ID)
	}
	h.eventually("both refunds", func() bool {
		return h.count(`SELECT count(*) FROM payment_refunds WHERE status = 'SUCCEEDED'`) == 2
	})
	if n := h.prov.refundCount(); n != 2 {
		t.Errorf("refunds sent = %d, want 2", n)
	}
	sum, err := h.svc.RefundSummary(thue, h.get(p.ID))
	if err != nil || sum.Available != 0 || sum.Refunded != 2_400_000 {
		t.Errorf("refund summary = %+v %v, want 0 available, 2,400,000 refunded", sum, err)
	}
}

func TestVisibility(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	if _, ok, _ := h.svc.Get(an, p.ID); !ok {
		t.Error("the payer cannot see the payment")
	}
	if _, ok, _ := h.svc.Get(ngoc, p.ID); ok {
		t.Error("another citizen sees the payment")
	}
	if _, ok, _ := h.svc.Get(agency("THUE"), p.ID); !ok {
		t.Error("the agency of the obligation cannot see the payment")
	}
	if _, ok, _ := h.svc.Get(agency("EVN"), p.ID); ok {
		t.Error("another agency sees the payment")
	}
	if _, err := h.svc.Cancel(ngoc, p.ID); err == nil {
		t.Error("another citizen cancelled the payment")
	}
}

func TestReconciliationFindsDiscrepancies(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ok := h.mustCreate(an, "k1", taxAn)
	h.ipn(h.prov.pay(ok.Code, provider.OutcomeSuccess, 0))
	lost := h.mustCreate(an, "k2", fineNoHeld)
	h.ipn(h.prov.pay(lost.Code, provider.OutcomeSuccess, 0))
	h.prov.forget(lost.Code) // not in the provider's settlement
	h.eventually("the acknowledgements", func() bool {
		return h.count(`SELECT count(*) FROM payment_items WHERE acknowledged_at IS NOT NULL`) == 2
	})
	day := time.Now().In(vntime.Location) // Reconcile's day is Vietnam's
	rep, err := h.svc.Reconcile(an, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Totals) != 1 || rep.Totals[0].Count != 2 || rep.Totals[0].Amount != ok.Amount+lost.Amount {
		t.Errorf("totals = %+v, want 2 payments", rep.Totals)
	}
	if len(rep.Discrepancies) != 1 || rep.Discrepancies[0].Kind != "MISSING_AT_PROVIDER" || rep.Discrepancies[0].PaymentCode != lost.Code {
		t.Fatalf("discrepancies = %+v, want %s missing at the provider", rep.Discrepancies, lost.Code)
	}
	// Running again records nothing twice.
	if _, err := h.svc.Reconcile(an, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if n := h.count(`SELECT count(*) FROM payment_discrepancies`); n != 1 {
		t.Errorf("discrepancies after a re-run = %d, want 1", n)
	}
}

func TestLedgerIsAppendOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	if _, err := h.db.Exec(`UPDATE payment_events SET note = 'x' WHERE payment_id = $1`, p.ID); err == nil {
		t.Error("a ledger entry was updated")
	}
	if _, err := h.db.Exec(`DELETE FROM payment_events WHERE payment_id = $1`, p.ID); err == nil {
		t.Error("a ledger entry was deleted")
	}
}

// succeededEvent is the ledger entry that moved p to SUCCEEDED.
func succeededEvent(t *testing.T, h *harness, p payment.Payment) payment.Event {
	t.Helper()
	es, err := h.svc.Events(an, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Status == payment.StatusSucceeded {
			return e
		}
	}
	t.Fatalf("no SUCCEEDED event in %+v", es)
	return payment.Event{}
}

func TestPendingForADayGoesToReviewWithAnAlert(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	h.prov.mu.Lock()
	h.prov.txns[p.Code].outcome, h.prov.txns[p.Code].code = provider.OutcomePending, "01"
	h.prov.mu.Unlock()
	// The citizen asks now: the provider says pending.
	got, err := h.svc.Refresh(an, p.ID)
	if err != nil || got.Status != payment.StatusPending {
		t.Fatalf("refresh: %s %v, want PENDING", got.Status, err)
	}
	if _, err := h.svc.Refresh(ngoc, p.ID); err == nil {
		t.Error("another citizen refreshed the payment")
	}
	h.advance(25 * time.Hour)
	if _, err := h.svc.ExpireUnfinished(an, 10); err != nil {
		t.Fatal(err)
	}
	if got := h.get(p.ID).Status; got != payment.StatusReview {
		t.Fatalf("after a day pending: %s, want REVIEW", got)
	}
	st, err := h.svc.Stats(an)
	if err != nil || st.Alerts != 1 || st.InReview != 1 {
		t.Errorf("stats = %+v %v, want one alert and one payment in review", st, err)
	}
}

func TestExpiredWhenTheProviderNeverSawIt(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p := h.mustCreate(an, "k1", taxAn)
	// Before expiry, "not found" changes nothing (the payer may still pay).
	if _, err := h.svc.Refresh(an, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := h.get(p.ID).Status; got != payment.StatusStarted {
		t.Fatalf("before expiry: %s, want STARTED", got)
	}
	h.advance(16 * time.Minute)
	if _, err := h.svc.ExpireUnfinished(an, 10); err != nil {
		t.Fatal(err)
	}
	if got := h.get(p.ID).Status; got != payment.StatusExpired {
		t.Fatalf("after expiry: %s, want EXPIRED", got)
	}
	// A new payment of the same obligation can be made.
	if _, err := h.create(an, "k2", taxAn); err != nil {
		t.Errorf("a new payment after expiry: %v", err)
	}
}
