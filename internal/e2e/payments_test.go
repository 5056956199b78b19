package e2e_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// The payment tests run the real server and, on its own port, the VNPAY
// sandbox; requests are the operations of contract/next/payments.graphql.

const payReturnOrigin = "https://portal.example"

type payEnv struct {
	srv   *apitest.Server
	sb    *vnpaysandbox.Sandbox
	sbURL string
	an    string // An's session
}

// newPayEnv starts the sandbox on its own port and the server pointed at it.
func newPayEnv(t testing.TB, opts ...func(*config.Config)) *payEnv {
	t.Helper()
	var handler atomic.Pointer[http.Handler]
	sbSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*handler.Load()).ServeHTTP(w, r) }))
	t.Cleanup(sbSrv.Close)
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.PaymentReturnOrigins = []string{payReturnOrigin}
		c.VNPay.PayURL = sbSrv.URL + vnpaysandbox.PayPath
		c.VNPay.APIURL = sbSrv.URL + vnpaysandbox.APIPath
		c.VNPay.SettlementURL = sbSrv.URL + vnpaysandbox.SettlementPath
		for _, o := range opts {
			o(c)
		}
	}))
	sb := vnpaysandbox.New(vnpaysandbox.Config{TmnCode: srv.Config.VNPay.TmnCode, HashSecret: srv.Config.VNPay.HashSecret,
		IPNURL: vnpay.IPNURL(srv.URL), IPNRetryInterval: 300 * time.Millisecond, FaultDelay: time.Second})
	t.Cleanup(sb.Close)
	h := sb.Handler()
	handler.Store(&h)
	return &payEnv{srv: srv, sb: sb, sbURL: sbSrv.URL, an: srv.Register(t, appAn)}
}

var (
	payContractOnce sync.Once
	payContract     string
)

// payOp sends one operation of the payments contract.
func (e *payEnv) payOp(t testing.TB, token, op string, vars map[string]any) *apitest.Response {
	t.Helper()
	payContractOnce.Do(func() {
		_, here, _, _ := runtime.Caller(0)
		b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "contract", "next", "payments.graphql"))
		if err != nil {
			panic(err)
		}
		payContract = string(b)
	})
	return e.srv.Do(t, apitest.Request{Query: payContract, OperationName: op, Variables: vars, Token: token})
}

type payUE struct {
	Field []string
	Code  string
}

type payObligation struct {
	ID, Kind, SourceRef, Status, DebtorName string
	AmountDue                               struct{ Amount int64 }
}

type payPayment struct {
	ID, Code, Status string
	Finished         bool
	NextURL          string
	Amount           struct{ Amount int64 }
	Events           []struct{ Status, Source string }
	Receipts         []struct{ Kind, Number, Issuer, VerifyCode string }
	RefundSummary    struct {
		AmountAvailable struct{ Amount int64 }
		AmountRefunded  struct{ Amount int64 }
	}
}

// find looks up An's taxes (his tax code is his ID number).
func (e *payEnv) findTaxes(t testing.TB) []payObligation {
	t.Helper()
	var d struct {
		FindObligations struct {
			Obligations []payObligation
			UserErrors  []payUE
		}
	}
	e.payOp(t, e.an, "FindObligations", map[string]any{"input": map[string]any{"kind": "TAX", "taxCode": appAn.IDNumber}}).MustOK(t).Decode(t, &d)
	if len(d.FindObligations.Obligations) == 0 {
		t.Fatalf("no taxes found: %+v", d.FindObligations.UserErrors)
	}
	return d.FindObligations.Obligations
}

func (e *payEnv) create(t testing.TB, token, key string, ids ...string) (*payPayment, []payUE) {
	t.Helper()
	var d struct {
		CreatePayment struct {
			Payment    *payPayment
			UserErrors []payUE
		}
	}
	e.payOp(t, token, "CreatePayment", map[string]any{"input": map[string]any{"obligationIds": ids, "provider": "vnpay",
		"returnUrl": payReturnOrigin + "/thanh-toan/ket-qua", "idempotencyKey": key}}).MustOK(t).Decode(t, &d)
	return d.CreatePayment.Payment, d.CreatePayment.UserErrors
}

func (e *payEnv) mustCreate(t testing.TB, key string, ids ...string) *payPayment {
	t.Helper()
	p, ues := e.create(t, e.an, key, ids...)
	if p == nil {
		t.Fatalf("createPayment: %+v", ues)
	}
	return p
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// pay opens the pay page (nextUrl) and presses a button; it returns where
// the sandbox sends the browser.
func (e *payEnv) pay(t testing.TB, p *payPayment, outcome vnpaysandbox.Outcome) string {
	t.Helper()
	resp, err := noRedirect.Get(p.NextURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("pay page answered %d", resp.StatusCode)
	}
	resp, err = noRedirect.PostForm(e.sbURL+vnpaysandbox.PayPath, url.Values{"vnp_TxnRef": {p.Code}, "outcome": {string(outcome)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("pressing %s answered %d", outcome, resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

func (e *payEnv) detail(t testing.TB, token, id string) *payPayment {
	t.Helper()
	var d struct{ Node *payPayment }
	e.payOp(t, token, "PaymentDetail", map[string]any{"id": id}).MustOK(t).Decode(t, &d)
	return d.Node
}

// waitStatus waits (up to 15 s) for the payment to reach status.
func (e *payEnv) waitStatus(t testing.TB, id, status string) *payPayment {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		p := e.detail(t, e.an, id)
		if p != nil && p.Status == status {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("payment %s: status %+v, want %s", id, p, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (e *payEnv) notices(t testing.TB) int { return e.srv.Inbox().Count(t, appAn.Phone, "NOTICE") }

func (e *payEnv) rspCodes(ref string) []string {
	var out []string
	for _, d := range e.sb.Deliveries() {
		if d.TxnRef == ref {
			out = append(out, d.Kind+":"+d.RspCode)
		}
	}
	return out
}

func TestPaymentEndToEnd(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	taxes := e.findTaxes(t)
	if taxes[0].DebtorName != appAn.FullName {
		t.Errorf("An's own name = %q, want it unmasked", taxes[0].DebtorName)
	}
	var providers struct {
		PaymentProviders []struct {
			Code      string
			MinAmount struct{ Amount int64 }
		}
	}
	e.payOp(t, "", "PaymentProviders", nil).MustOK(t).Decode(t, &providers)
	if len(providers.PaymentProviders) != 1 || providers.PaymentProviders[0].Code != "vnpay" || providers.PaymentProviders[0].MinAmount.Amount != 5000 {
		t.Errorf("providers = %+v, want vnpay from 5,000 VND", providers)
	}
	// A return URL elsewhere is refused.
	var bad struct{ CreatePayment struct{ UserErrors []payUE } }
	e.payOp(t, e.an, "CreatePayment", map[string]any{"input": map[string]any{"obligationIds": []string{taxes[0].ID},
		"returnUrl": "https://phishing.example/", "idempotencyKey": "bad"}}).MustOK(t).Decode(t, &bad)
	if len(bad.CreatePayment.UserErrors) != 1 || bad.CreatePayment.UserErrors[0].Code != "RETURN_URL_NOT_ALLOWED" {
		t.Errorf("foreign return URL: %+v, want RETURN_URL_NOT_ALLOWED", bad.CreatePayment.UserErrors)
	}

	p := e.mustCreate(t, "k1", taxes[0].ID)
	if p.Status != "STARTED" || p.Amount.Amount != taxes[0].AmountDue.Amount || !strings.HasPrefix(p.NextURL, e.sbURL+vnpaysandbox.PayPath+"?") {
		t.Fatalf("created %+v, want STARTED with the sandbox pay page", p)
	}
	nextURL, _ := url.Parse(p.NextURL)
	if q := nextURL.Query(); q.Get("vnp_TxnRef") != p.Code || q.Get("vnp_Amount") != fmt.Sprint(p.Amount.Amount*100) || q.Get("vnp_SecureHash") == "" {
		t.Errorf("nextUrl parameters = %v, want the code, amount × 100 and a signature", q)
	}
	ret := e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	if !strings.Contains(ret, vnpay.ReturnPath) {
		t.Errorf("the sandbox returns the browser to %q, want our return route", ret)
	}
	done := e.waitStatus(t, p.ID, "SUCCEEDED")
	if !done.Finished {
		t.Error("a SUCCEEDED payment is not finished")
	}
	if got := e.rspCodes(p.Code); strings.Join(got, ",") != "genuine:00" {
		t.Errorf("IPN answers = %v, want genuine:00", got)
	}
	// One confirmation now, the agency's receipt once it acknowledged.
	deadline := time.Now().Add(10 * time.Second)
	for len(done.Receipts) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		done = e.detail(t, e.an, p.ID)
	}
	if len(done.Receipts) != 2 || done.Receipts[0].Kind != "CONFIRMATION" || done.Receipts[1].Kind != "AGENCY" {
		t.Fatalf("receipts = %+v, want the confirmation and the agency's receipt", done.Receipts)
	}
	e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appAn.Phone && strings.Contains(m.Text, p.Code) })
	time.Sleep(300 * time.Millisecond)
	if n := e.notices(t); n != 1 {
		t.Errorf("payment SMS = %d, want exactly 1", n)
	}
	if n := appCount(t, e.srv, "payment_items WHERE acknowledged_at IS NOT NULL"); n != 1 {
		t.Errorf("agency acknowledgements = %d, want 1", n)
	}
	// The confirmation verifies publicly; a wrong code does not.
	var v struct{ VerifyReceipt *struct{ Number string } }
	e.payOp(t, "", "VerifyReceipt", map[string]any{"code": p.Code, "verifyCode": done.Receipts[0].VerifyCode}).MustOK(t).Decode(t, &v)
	if v.VerifyReceipt == nil || v.VerifyReceipt.Number != p.Code {
		t.Errorf("verifyReceipt = %+v, want the confirmation", v.VerifyReceipt)
	}
	e.payOp(t, "", "VerifyReceipt", map[string]any{"code": p.Code, "verifyCode": "ZZZZZZZZ"}).MustOK(t).Decode(t, &v)
	if v.VerifyReceipt != nil {
		t.Error("verifyReceipt accepted a wrong code")
	}
	// Who sees it: An and the tax agency; not Ngoc, not EVN, not anonymous.
	ngoc := e.srv.Register(t, appNgoc)
	thue, evn := e.srv.AgencyKey(t, "THUE"), e.srv.AgencyKey(t, "EVN")
	for who, c := range map[string]struct {
		token string
		see   bool
	}{"payer": {e.an, true}, "tax agency": {thue, true}, "another citizen": {ngoc, false}, "another agency": {evn, false}, "anonymous": {"", false}} {
		if got := e.detail(t, c.token, p.ID) != nil; got != c.see {
			t.Errorf("%s sees the payment by node: %v, want %v", who, got, c.see)
		}
		resp := e.srv.Do(t, apitest.Request{Token: c.token, Query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { code } } }`,
			Variables: map[string]any{"r": []map[string]any{{"__typename": "Payment", "id": p.ID}}}})
		if got := strings.Contains(string(resp.Data), p.Code); got != c.see {
			t.Errorf("%s sees the payment by _entities: %v, want %v (%s)", who, got, c.see, resp.Body)
		}
	}
	var ap struct {
		AgencyPayments struct{ Edges []struct{ Node payPayment } }
	}
	since := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	e.payOp(t, thue, "AgencyPayments", map[string]any{"since": since}).MustOK(t).Decode(t, &ap)
	if len(ap.AgencyPayments.Edges) != 1 || ap.AgencyPayments.Edges[0].Node.Code != p.Code {
		t.Errorf("the tax agency's payments = %+v, want %s", ap, p.Code)
	}
	e.payOp(t, evn, "AgencyPayments", map[string]any{"since": since}).MustOK(t).Decode(t, &ap)
	if len(ap.AgencyPayments.Edges) != 0 {
		t.Errorf("EVN sees %d payments of the tax agency", len(ap.AgencyPayments.Edges))
	}
	var mine struct {
		Viewer struct {
			Payments struct {
				TotalCount int
				Edges      []struct{ Node payPayment }
			}
		}
	}
	e.payOp(t, e.an, "MyPayments", nil).MustOK(t).Decode(t, &mine)
	if mine.Viewer.Payments.TotalCount != 1 || mine.Viewer.Payments.Edges[0].Node.Status != "SUCCEEDED" {
		t.Errorf("MyPayments = %+v, want the one payment", mine)
	}
	// The obligation is paid: a second payment of it is refused.
	if _, ues := e.create(t, e.an, "k2", taxes[0].ID); len(ues) == 0 || ues[0].Code != "OBLIGATION_NOT_PAYABLE" {
		t.Errorf("paying a paid obligation: %+v, want OBLIGATION_NOT_PAYABLE", ues)
	}
	var rep struct {
		ReconciliationReport struct {
			Totals []struct {
				Provider string
				Count    int
			}
		}
	}
	e.payOp(t, thue, "ReconciliationReport", map[string]any{"date": time.Now().In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)}).MustOK(t).Decode(t, &rep)
	if len(rep.ReconciliationReport.Totals) != 1 || rep.ReconciliationReport.Totals[0].Count != 1 {
		t.Errorf("reconciliation report = %+v, want one vnpay payment", rep)
	}
	mresp, err := http.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(mresp.Body)
	mresp.Body.Close()
	for _, want := range []string{`dvcportal_payments{provider="vnpay",status="SUCCEEDED"} 1`,
		`dvcportal_payment_notifications_total{result="00"} 1`, "dvcportal_payments_in_review 0", "dvcportal_payments_unreconciled 0"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestPaymentIPNFaults(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		fault      vnpaysandbox.Fault
		wantStatus string
		wantIPN    string
	}{
		{vnpaysandbox.FaultDuplicate, "SUCCEEDED", "genuine:00,genuine:02,genuine:02"},
		{vnpaysandbox.FaultReorder, "SUCCEEDED", "genuine:00,reordered-failure:02"},
		{vnpaysandbox.FaultWrongAmount, "REVIEW", "wrong-amount:04"},
		{vnpaysandbox.FaultDrop, "SUCCEEDED", "dropped:"},
		{vnpaysandbox.FaultTamper, "", "tampered:97"},
	} {
		t.Run(string(c.fault), func(t *testing.T) {
			t.Parallel()
			e := newPayEnv(t)
			p := e.mustCreate(t, "k1", e.findTaxes(t)[0].ID)
			before := len(e.detail(t, e.an, p.ID).Events)
			if err := e.sb.SetFault(c.fault, 1); err != nil {
				t.Fatal(err)
			}
			ret := e.pay(t, p, vnpaysandbox.OutcomeSuccess)
			switch c.fault {
			case vnpaysandbox.FaultDrop:
				// Only the browser comes back: the return never finalises,
				// it asks for a status query.
				u, _ := url.Parse(ret)
				resp, err := noRedirect.Get(e.srv.URL + u.Path + "?" + u.RawQuery)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, payReturnOrigin) {
					t.Fatalf("return answered %d to %q", resp.StatusCode, loc)
				}
			case vnpaysandbox.FaultTamper:
				time.Sleep(300 * time.Millisecond)
				got := e.detail(t, e.an, p.ID)
				if got.Status != "STARTED" || len(got.Events) != before {
					t.Errorf("after a tampered IPN: %s with %d events, want STARTED with %d", got.Status, len(got.Events), before)
				}
			}
			if c.wantStatus != "" {
				got := e.waitStatus(t, p.ID, c.wantStatus)
				if c.fault == vnpaysandbox.FaultDrop {
					if src := sourceOf(got, "SUCCEEDED"); src != "STATUS_QUERY" {
						t.Errorf("a dropped IPN resolved by %s, want STATUS_QUERY", src)
					}
				}
			}
			time.Sleep(500 * time.Millisecond) // let every IPN arrive
			if got := strings.Join(e.rspCodes(p.Code), ","); got != c.wantIPN {
				t.Errorf("IPN answers = %s, want %s", got, c.wantIPN)
			}
			wantSMS := 0
			if c.wantStatus == "SUCCEEDED" {
				wantSMS = 1
			}
			if n := e.notices(t); n != wantSMS {
				t.Errorf("payment SMS = %d, want %d", n, wantSMS)
			}
			if c.fault == vnpaysandbox.FaultWrongAmount {
				if n := appCount(t, e.srv, "payment_discrepancies WHERE kind = 'AMOUNT_MISMATCH'"); n != 1 {
					t.Errorf("amount discrepancies = %d, want 1", n)
				}
			}
		})
	}
}

func TestPaymentCrashBeforeAnsweringIPN(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	var crashed atomic.Bool
	e.srv.App.Payments().SetAfterNotificationCommit(func() error {
		if crashed.CompareAndSwap(false, true) {
			return errors.New("killed after commit")
		}
		return nil
	})
	p := e.mustCreate(t, "k1", e.findTaxes(t)[0].ID)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitStatus(t, p.ID, "SUCCEEDED")
	deadline := time.Now().Add(10 * time.Second)
	for len(e.rspCodes(p.Code)) < 2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	// VNPAY got no answer, retried, and was told it is already confirmed.
	if got := strings.Join(e.rspCodes(p.Code), ","); got != "genuine:,genuine:02" {
		t.Errorf("IPN answers = %s, want no answer then 02", got)
	}
	time.Sleep(300 * time.Millisecond)
	if n := e.notices(t); n != 1 {
		t.Errorf("payment SMS = %d, want 1", n)
	}
	if n := appCount(t, e.srv, "river_job WHERE kind = 'payment_notify_agency'"); n != 1 {
		t.Errorf("agency notify jobs = %d, want 1", n)
	}
}

func TestPaymentLateSuccessAfterCancelIsHonoured(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	p := e.mustCreate(t, "k1", e.findTaxes(t)[0].ID)
	if err := e.sb.SetFault(vnpaysandbox.FaultDrop, 1); err != nil {
		t.Fatal(err)
	}
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	var c struct{ CancelPayment struct{ Payment *payPayment } }
	e.payOp(t, e.an, "CancelPayment", map[string]any{"input": map[string]any{"paymentId": p.ID}}).MustOK(t).Decode(t, &c)
	if c.CancelPayment.Payment == nil || c.CancelPayment.Payment.Status != "CANCELLED" {
		t.Fatalf("cancel: %+v", c)
	}
	// VNPAY's late IPN: the money was taken.
	code, err := e.sb.ResendIPN(context.Background(), p.Code)
	if err != nil || code != "00" {
		t.Fatalf("late IPN: %s %v, want 00", code, err)
	}
	got := e.waitStatus(t, p.ID, "SUCCEEDED")
	if src := sourceOf(got, "SUCCEEDED"); src != "NOTIFICATION" {
		t.Errorf("corrected by %s, want NOTIFICATION", src)
	}
}

func TestPaymentTwentyConcurrentCreates(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	id := e.findTaxes(t)[0].ID
	run := func(key func(i int) string) (codes map[string]int, payments map[string]bool) {
		codes, payments = map[string]int{}, map[string]bool{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p, ues := e.create(t, e.an, key(i), id)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case p != nil:
					payments[p.ID] = true
					codes["OK"]++
				case len(ues) > 0:
					codes[ues[0].Code]++
				}
			}()
		}
		wg.Wait()
		return codes, payments
	}
	codes, payments := run(func(int) string { return "one-key" })
	if codes["OK"] != 20 || len(payments) != 1 {
		t.Errorf("one key: %v, %d payments; want 20 answers of one payment", codes, len(payments))
	}
	// Give it up, then 20 keys at once: one payment, the rest in progress.
	for p := range payments {
		e.payOp(t, e.an, "CancelPayment", map[string]any{"input": map[string]any{"paymentId": p}}).MustOK(t)
	}
	codes, _ = run(func(i int) string { return fmt.Sprint("key-", i) })
	if codes["OK"] != 1 || codes["PAYMENT_IN_PROGRESS"] != 19 {
		t.Errorf("twenty keys: %v, want 1 OK and 19 PAYMENT_IN_PROGRESS", codes)
	}
}

func TestPaymentRefunds(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	tax := e.findTaxes(t)[0]
	p := e.mustCreate(t, "k1", tax.ID)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitStatus(t, p.ID, "SUCCEEDED")
	thue := e.srv.AgencyKey(t, "THUE")
	total := p.Amount.Amount
	refund := func(key string, amount, available int64) (string, []payUE) {
		var d struct {
			RequestRefund struct {
				Refund     *struct{ ID, Status string }
				UserErrors []payUE
			}
		}
		e.payOp(t, thue, "RequestRefund", map[string]any{"input": map[string]any{"paymentId": p.ID, "amount": amount,
			"amountAvailable": available, "reason": "hoàn tiền", "idempotencyKey": key}}).MustOK(t).Decode(t, &d)
		if d.RequestRefund.Refund != nil {
			return d.RequestRefund.Refund.Status, nil
		}
		return "", d.RequestRefund.UserErrors
	}
	if st, ues := refund("r1", 400_000, total); st != "REQUESTED" {
		t.Fatalf("partial refund: %s %+v", st, ues)
	}
	if _, ues := refund("r2", total-400_000, total); len(ues) == 0 || ues[0].Code != "REFUND_AMOUNT_STALE" {
		t.Errorf("stale refund: %+v, want REFUND_AMOUNT_STALE", ues)
	}
	if st, ues := refund("r3", total-400_000, total-400_000); st != "REQUESTED" {
		t.Fatalf("refund of the rest: %s %+v", st, ues)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := e.detail(t, e.an, p.ID)
		if got.RefundSummary.AmountRefunded.Amount == total && got.RefundSummary.AmountAvailable.Amount == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("refund summary = %+v, want all refunded", got.RefundSummary)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if left, ok := e.sb.Available(p.Code); !ok || left != 0 {
		t.Errorf("the sandbox holds %d VND of %s, want 0 (two refunds, the stale one never sent)", left, p.Code)
	}
}

// sourceOf is the source of the event that moved p to status.
func sourceOf(p *payPayment, status string) string {
	for _, e := range p.Events {
		if e.Status == status {
			return e.Source
		}
	}
	return ""
}

func TestObligationsOverGraphQL(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	find := func(token string, input map[string]any) ([]payObligation, []payUE) {
		var d struct {
			FindObligations struct {
				Obligations []payObligation
				UserErrors  []payUE
			}
		}
		e.payOp(t, token, "FindObligations", map[string]any{"input": input}).MustOK(t).Decode(t, &d)
		return d.FindObligations.Obligations, d.FindObligations.UserErrors
	}
	fineQuery := map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "123/QĐ-XPHC", "plateNumber": "30A-123.45"}
	fines, _ := find(e.an, fineQuery)
	if len(fines) != 1 || fines[0].DebtorName != appAn.FullName {
		t.Fatalf("An's fine: %+v", fines)
	}
	// The late charge of today is in the amount due (received 2026-11-10).
	received := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	today := time.Now().In(time.FixedZone("ICT", 7*3600))
	late := max(0, int64(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).Sub(received).Hours()/24)-11)
	if want := 4_000_000 + 4_000_000*5*late/10000; fines[0].AmountDue.Amount != want {
		t.Errorf("amount due = %d, want %d (fine and %d late days)", fines[0].AmountDue.Amount, want, late)
	}
	ngoc := e.srv.Register(t, appNgoc)
	if others, _ := find(ngoc, fineQuery); len(others) != 1 || others[0].DebtorName == appAn.FullName {
		t.Errorf("Ngoc sees An's fine as %+v, want the name masked", others)
	}
	if _, ues := find(e.an, map[string]any{"kind": "TAX", "taxCode": "12345"}); len(ues) != 1 || ues[0].Code != "INVALID" || ues[0].Field[0] != "taxCode" {
		t.Errorf("a bad tax code: %+v, want INVALID at taxCode", ues)
	}
	// Held papers need a delivery.
	if _, ues := e.create(t, e.an, "fine", fines[0].ID); len(ues) != 1 || ues[0].Code != "REQUIRED" || ues[0].Field[0] != "delivery" {
		t.Errorf("a fine with held papers without delivery: %+v, want REQUIRED at delivery", ues)
	}
	// An agency pushes an obligation to Ngoc: it appears under her obligations.
	thue := e.srv.AgencyKey(t, "THUE")
	var up struct {
		UpsertObligations struct {
			Obligations []payObligation
			UserErrors  []payUE
		}
	}
	e.payOp(t, thue, "UpsertObligations", map[string]any{"input": map[string]any{"obligations": []map[string]any{{
		"kind": "TAX", "sourceRef": "LPTB-2026-77", "debtorIdNumber": appNgoc.IDNumber, "debtorName": appNgoc.FullName,
		"description": "Lệ phí trước bạ xe máy", "period": "2026", "dueDate": "2026-12-31",
		"lines": []map[string]any{{"kind": "FEE", "name": "Lệ phí trước bạ", "amount": 1_200_000}},
		"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7211", "accountName": "KBNN TP Hồ Chí Minh"}}}}}).MustOK(t).Decode(t, &up)
	if len(up.UpsertObligations.Obligations) != 1 || up.UpsertObligations.Obligations[0].Status != "OPEN" {
		t.Fatalf("upsert: %+v", up.UpsertObligations)
	}
	var mine struct {
		Viewer struct {
			Obligations struct {
				TotalCount int
				Edges      []struct{ Node payObligation }
			}
		}
	}
	e.payOp(t, ngoc, "MyObligations", nil).MustOK(t).Decode(t, &mine)
	found := false
	for _, ed := range mine.Viewer.Obligations.Edges {
		found = found || ed.Node.SourceRef == "LPTB-2026-77"
		if ed.Node.DebtorName != appNgoc.FullName && ed.Node.Kind != "ELECTRICITY_BILL" {
			t.Errorf("Ngoc's own obligation shows %q", ed.Node.DebtorName)
		}
	}
	if !found {
		t.Errorf("the pushed obligation is not among Ngoc's: %+v", mine)
	}
	var cancel struct {
		CancelObligations struct{ Obligations []payObligation }
	}
	e.payOp(t, thue, "CancelObligations", map[string]any{"input": map[string]any{"sourceRefs": []string{"LPTB-2026-77"}}}).MustOK(t).Decode(t, &cancel)
	if len(cancel.CancelObligations.Obligations) != 1 || cancel.CancelObligations.Obligations[0].Status != "CANCELLED" {
		t.Errorf("cancel: %+v", cancel)
	}
	// A citizen cannot push.
	resp := e.payOp(t, ngoc, "CancelObligations", map[string]any{"input": map[string]any{"sourceRefs": []string{"x"}}})
	if codes := resp.ErrorCodes(); len(codes) != 1 || codes[0] != "FORBIDDEN" {
		t.Errorf("a citizen's cancelObligations: %s, want FORBIDDEN", resp)
	}
}

// paySourceAgency is an agency's obligation source: it checks every call's
// signature and answers verify and notify as the test sets.
type paySourceAgency struct {
	mu        sync.Mutex
	secret    []byte
	amountDue int64
	receipt   string
	calls     []string
	badSig    int
}

func (p *paySourceAgency) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := webhook.Verify(p.secret, r.Header.Get(webhook.HeaderSignature), body, 5*time.Minute); err != nil {
		p.badSig++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	p.calls = append(p.calls, r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/verify":
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "OPEN", "amountDue": p.amountDue})
	case "/notify":
		_ = json.NewEncoder(w).Encode(map[string]any{"receiptNumber": p.receipt})
	default:
		var q struct{ TaxCode string }
		_ = json.Unmarshal(body, &q)
		obs := []any{}
		if q.TaxCode == "0100233488" {
			obs = append(obs, map[string]any{"sourceRef": "TB-2026-11", "debtorIdNumber": appNgoc.IDNumber, "debtorName": "Công ty An Phát",
				"description": "Thuế môn bài 2026", "period": "2026", "dueDate": "2026-12-31",
				"lines": []map[string]any{{"kind": "TAX", "name": "Môn bài", "amount": 2_000_000}},
				"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7111", "accountName": "KBNN Hà Nội"}, "status": "OPEN"},
				map[string]any{"sourceRef": "", "debtorName": "nonsense is skipped"})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"obligations": obs})
	}
}

func TestPartnerObligationSource(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	partner := &paySourceAgency{amountDue: 150_000, receipt: "BL-THUE-2026-000777"}
	ps := httptest.NewServer(partner)
	t.Cleanup(ps.Close)
	thue := e.srv.AgencyKey(t, "THUE")
	resp := e.srv.Do(t, apitest.Request{Token: thue, Query: `mutation($in: RegisterObligationSourceInput!) {
		registerObligationSource(input: $in) { source { agencyCode verifyUrl } signingSecret userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{"lookupUrl": ps.URL + "/lookup", "verifyUrl": ps.URL + "/verify", "notifyUrl": ps.URL + "/notify"}}})
	var reg struct {
		RegisterObligationSource struct {
			Source        *struct{ AgencyCode string }
			SigningSecret string
			UserErrors    []payUE
		}
	}
	resp.MustOK(t).Decode(t, &reg)
	if reg.RegisterObligationSource.Source == nil || !strings.HasPrefix(reg.RegisterObligationSource.SigningSecret, "dvcsrc_") {
		t.Fatalf("register: %+v", reg)
	}
	partner.mu.Lock()
	partner.secret = []byte(reg.RegisterObligationSource.SigningSecret)
	partner.mu.Unlock()
	if n := appCount(t, e.srv, fmt.Sprintf("obligation_sources WHERE secret_sealed LIKE '%%%s%%'", reg.RegisterObligationSource.SigningSecret)); n != 0 {
		t.Error("the signing secret is stored in clear")
	}
	// A citizen cannot register a source.
	if r := e.srv.Do(t, apitest.Request{Token: e.an, Query: `mutation { registerObligationSource(input: {lookupUrl: "https://a.example", verifyUrl: "https://a.example", notifyUrl: "https://a.example"}) { signingSecret } }`}); len(r.Errors) == 0 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Errorf("a citizen's registerObligationSource: %s", r)
	}

	var up struct {
		UpsertObligations struct{ Obligations []payObligation }
	}
	e.payOp(t, thue, "UpsertObligations", map[string]any{"input": map[string]any{"obligations": []map[string]any{{
		"kind": "TAX", "sourceRef": "LPTB-9", "debtorIdNumber": appAn.IDNumber, "debtorName": appAn.FullName,
		"description": "Lệ phí trước bạ", "lines": []map[string]any{{"kind": "FEE", "name": "Lệ phí", "amount": 120_000}},
		"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7111", "accountName": "KBNN Hà Nội"}}}}}).MustOK(t).Decode(t, &up)
	id := up.UpsertObligations.Obligations[0].ID
	// The agency's own view differs from what was pushed: not paid.
	if _, ues := e.create(t, e.an, "k1", id); len(ues) != 1 || ues[0].Code != "OBLIGATION_CHANGED" {
		t.Fatalf("create with a changed amount at the agency: %+v, want OBLIGATION_CHANGED", ues)
	}
	partner.mu.Lock()
	partner.amountDue = 120_000
	partner.mu.Unlock()
	p := e.mustCreate(t, "k2", id)
	e.pay(t, p, vnpaysandbox.OutcomeSuccess)
	e.waitStatus(t, p.ID, "SUCCEEDED")
	deadline := time.Now().Add(10 * time.Second)
	var got *payPayment
	for {
		got = e.detail(t, e.an, p.ID)
		if len(got.Receipts) == 2 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(got.Receipts) != 2 || got.Receipts[1].Number != "BL-THUE-2026-000777" || got.Receipts[1].Issuer != "THUE" {
		t.Fatalf("receipts = %+v, want the agency's receipt from its notify answer", got.Receipts)
	}
	partner.mu.Lock()
	calls, bad := strings.Join(partner.calls, ","), partner.badSig
	partner.mu.Unlock()
	if calls != "/verify,/verify,/notify" || bad != 0 {
		t.Errorf("partner calls = %s (bad signatures %d), want /verify,/verify,/notify", calls, bad)
	}
	// Acknowledging again by the API changes nothing; another agency cannot.
	var ack struct {
		AcknowledgePayment struct {
			Payment    *payPayment
			UserErrors []payUE
		}
	}
	ackQ := `mutation($in: AcknowledgePaymentInput!) { acknowledgePayment(input: $in) { payment { id receipts { kind number } } userErrors { field code } } }`
	e.srv.Do(t, apitest.Request{Token: thue, Query: ackQ, Variables: map[string]any{"in": map[string]any{
		"paymentId": p.ID, "sourceRef": "LPTB-9", "receiptNumber": "OTHER-1"}}}).MustOK(t).Decode(t, &ack)
	if ack.AcknowledgePayment.Payment == nil || len(ack.AcknowledgePayment.Payment.Receipts) != 2 {
		t.Errorf("a second acknowledgement: %+v, want the payment unchanged", ack.AcknowledgePayment)
	}
	// Lookups ask the agency's source too; what it answers can be paid.
	var found struct {
		FindObligations struct{ Obligations []payObligation }
	}
	e.payOp(t, e.an, "FindObligations", map[string]any{"input": map[string]any{"kind": "TAX", "taxCode": "0100233488"}}).MustOK(t).Decode(t, &found)
	var remote *payObligation
	for i, o := range found.FindObligations.Obligations {
		if o.SourceRef == "TB-2026-11" {
			remote = &found.FindObligations.Obligations[i]
		}
	}
	if remote == nil || remote.AmountDue.Amount != 2_000_000 || len(found.FindObligations.Obligations) != 5 {
		t.Fatalf("lookup with the agency's source: %+v, want the sandbox's four and the agency's one", found.FindObligations.Obligations)
	}
	evn := e.srv.AgencyKey(t, "EVN")
	e.srv.Do(t, apitest.Request{Token: evn, Query: ackQ, Variables: map[string]any{"in": map[string]any{
		"paymentId": p.ID, "sourceRef": "LPTB-9", "receiptNumber": "X"}}}).MustOK(t).Decode(t, &ack)
	if len(ack.AcknowledgePayment.UserErrors) != 1 || ack.AcknowledgePayment.UserErrors[0].Code != "INVALID" {
		t.Errorf("EVN acknowledging a tax payment: %+v, want INVALID", ack.AcknowledgePayment.UserErrors)
	}
}
