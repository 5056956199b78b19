package payment_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// fakeProvider stands in for the payment provider in the domain tests: it
// signs its notifications (HMAC-SHA256 over the sorted query) like a real
// one, answers queries truthfully from what was "paid", and records refunds.
// The end-to-end tests use the VNPAY sandbox instead.
type fakeProvider struct {
	secret   []byte
	merchant string
	mu       sync.Mutex
	txns     map[string]*fakeTxn
	refunds  []provider.RefundRequest
	queries  int
	// refuse makes the provider refuse refunds (response 94).
	refuse bool
}

type fakeTxn struct {
	amount  int64
	outcome provider.Outcome
	code    string
	txnNo   string
	paidAt  time.Time
}

func newFakeProvider() *fakeProvider {
	return &fakeProvider{secret: []byte("fake-provider-secret"), merchant: "FAKE0001", txns: map[string]*fakeTxn{}}
}

func (f *fakeProvider) Code() string             { return "fake" }
func (f *fakeProvider) Name() string             { return "Fake provider" }
func (f *fakeProvider) Limits() (int64, int64)   { return 5_000, 1_000_000_000 }
func (f *fakeProvider) sign(v url.Values) string { return hex.EncodeToString(f.mac(canonical(v))) }

func (f *fakeProvider) mac(s string) []byte {
	m := hmac.New(sha256.New, f.secret)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func canonical(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		if k != "hash" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = url.QueryEscape(k) + "=" + url.QueryEscape(v.Get(k))
	}
	return strings.Join(parts, "&")
}

func (f *fakeProvider) Create(_ context.Context, req provider.CreateRequest) (provider.CreateResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.txns[req.TxnRef] = &fakeTxn{amount: req.Amount, outcome: provider.OutcomeNotFound}
	v := url.Values{"ref": {req.TxnRef}, "amount": {strconv.FormatInt(req.Amount, 10)}, "return": {req.ReturnURL}}
	v.Set("hash", f.sign(v))
	return provider.CreateResult{RedirectURL: "http://fake.invalid/pay?" + v.Encode()}, nil
}

// pay records the payer's outcome at the provider and returns the signed
// notification query it sends (amount overrides the amount when not 0).
func (f *fakeProvider) pay(ref string, outcome provider.Outcome, amount int64) url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.txns[ref]
	t.outcome, t.txnNo, t.paidAt = outcome, "T"+ref, time.Now().UTC().Truncate(time.Second)
	t.code = map[provider.Outcome]string{provider.OutcomeSuccess: "00", provider.OutcomeCanceled: "24"}[outcome]
	if t.code == "" {
		t.code = "51"
	}
	if amount == 0 {
		amount = t.amount
	}
	return f.notification(ref, t.code, amount)
}

func (f *fakeProvider) notification(ref, code string, amount int64) url.Values {
	v := url.Values{"ref": {ref}, "amount": {strconv.FormatInt(amount, 10)}, "currency": {"VND"}, "merchant": {f.merchant},
		"code": {code}, "txn": {"T" + ref}}
	v.Set("hash", f.sign(v))
	return v
}

func outcomeOf(code string) provider.Outcome {
	switch code {
	case "00":
		return provider.OutcomeSuccess
	case "24":
		return provider.OutcomeCanceled
	}
	return provider.OutcomeFailed
}

func (f *fakeProvider) parse(r *http.Request) (provider.Notification, error) {
	v := r.URL.Query()
	got, err := hex.DecodeString(v.Get("hash"))
	if err != nil || !hmac.Equal(got, f.mac(canonical(v))) {
		return provider.Notification{}, provider.ErrBadSignature
	}
	amount, err := strconv.ParseInt(v.Get("amount"), 10, 64)
	if err != nil {
		return provider.Notification{}, provider.ErrMalformed
	}
	raw := map[string]string{}
	for k := range v {
		raw[k] = v.Get(k)
	}
	return provider.Notification{TxnRef: v.Get("ref"), MerchantCode: v.Get("merchant"), Amount: amount,
		Currency: v.Get("currency"), Outcome: outcomeOf(v.Get("code")), ResponseCode: v.Get("code"),
		ProviderTxnID: v.Get("txn"), EventKey: v.Get("ref") + ":" + v.Get("txn") + ":" + v.Get("code"),
		PaidAt: time.Now().UTC(), Raw: raw}, nil
}

func (f *fakeProvider) ParseNotification(r *http.Request) (provider.Notification, error) {
	return f.parse(r)
}
func (f *fakeProvider) ParseReturn(r *http.Request) (provider.Notification, error) { return f.parse(r) }

func (f *fakeProvider) NotificationAnswer(w http.ResponseWriter, a provider.Answer) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"RspCode": string(a), "Message": "ok"})
}

func (f *fakeProvider) Query(_ context.Context, req provider.QueryRequest) (provider.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries++
	t, ok := f.txns[req.TxnRef]
	if !ok || t.outcome == provider.OutcomeNotFound {
		return provider.Status{Outcome: provider.OutcomeNotFound}, nil
	}
	return provider.Status{Outcome: t.outcome, Amount: t.amount, ResponseCode: t.code, ProviderTxnID: t.txnNo,
		PaidAt: t.paidAt, EventKey: req.TxnRef + ":" + t.txnNo + ":" + t.code}, nil
}

func (f *fakeProvider) Refund(_ context.Context, req provider.RefundRequest) (provider.RefundResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refunds = append(f.refunds, req)
	if f.refuse {
		return provider.RefundResult{Succeeded: false, ResponseCode: "94"}, nil
	}
	return provider.RefundResult{Succeeded: true, ResponseCode: "00", ProviderRefID: "R" + req.RefundRef}, nil
}

// refuseRefunds makes the provider refuse (true) or accept refunds.
func (f *fakeProvider) refuseRefunds(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refuse = on
}

// settle sets what the provider's status query says about ref: its outcome
// (response code as pay sets it) and, when not 0, the amount it took.
func (f *fakeProvider) settle(ref string, outcome provider.Outcome, amount int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.txns[ref]
	t.outcome, t.txnNo, t.paidAt = outcome, "T"+ref, time.Now().UTC().Truncate(time.Second)
	t.code = map[provider.Outcome]string{provider.OutcomeSuccess: "00", provider.OutcomeCanceled: "24",
		provider.OutcomePending: "01"}[outcome]
	if t.code == "" {
		t.code = "51"
	}
	if amount != 0 {
		t.amount = amount
	}
}

func (f *fakeProvider) refundCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.refunds)
}

// refundsSent is a copy of the refunds the provider received. The River
// worker's goroutine appends to the slice: read it under the lock, like
// refundCount, never as h.prov.refunds.
func (f *fakeProvider) refundsSent() []provider.RefundRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]provider.RefundRequest(nil), f.refunds...)
}

func (f *fakeProvider) Settlement(_ context.Context, day time.Time) ([]provider.SettlementLine, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []provider.SettlementLine
	for ref, t := range f.txns {
		if t.outcome == provider.OutcomeSuccess {
			out = append(out, provider.SettlementLine{TxnRef: ref, ProviderTxnID: t.txnNo, Amount: t.amount, Kind: "PAYMENT", At: t.paidAt})
		}
	}
	return out, nil
}

// forget makes the provider lose a transaction from its settlement (a
// reconciliation discrepancy).
func (f *fakeProvider) forget(ref string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.txns, ref)
}
