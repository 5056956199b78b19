package vnpaysandbox

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
)

// merchant is a test merchant server: it verifies every IPN with the real
// adapter and answers as the payment domain would (97 bad signature, 04 amount
// not the expected one, 02 an event seen before, else 00).
type merchant struct {
	t       *testing.T
	srv     *httptest.Server
	adapter *vnpay.Adapter
	sb      *Sandbox
	sbSrv   *httptest.Server

	mu       sync.Mutex
	ipns     []ipnHit
	seen     map[string]bool
	expected map[string]int64
	failNext int // answer the next n IPNs with HTTP 500
}

type ipnHit struct {
	n      provider.Notification
	err    error
	answer provider.Answer
	at     time.Time
}

func newMerchant(t *testing.T, cfg Config) *merchant {
	t.Helper()
	m := &merchant{t: t, seen: map[string]bool{}, expected: map[string]int64{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+vnpay.IPNPath, m.ipn)
	mux.HandleFunc("GET "+vnpay.ReturnPath, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "return") })
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)

	cfg.IPNURL = m.srv.URL + vnpay.IPNPath
	if cfg.FaultDelay == 0 {
		cfg.FaultDelay = 300 * time.Millisecond
	}
	if cfg.IPNRetryInterval == 0 {
		cfg.IPNRetryInterval = 50 * time.Millisecond
	}
	m.sb = New(cfg)
	m.sbSrv = httptest.NewServer(m.sb.Handler())
	t.Cleanup(func() { m.sb.Close(); m.sbSrv.Close() })

	a, err := vnpay.New(vnpay.Config{TmnCode: m.sb.TmnCode(), HashSecret: m.sb.HashSecret(), PayURL: m.sbSrv.URL + PayPath,
		APIURL: m.sbSrv.URL + APIPath, SettlementURL: m.sbSrv.URL + SettlementPath})
	if err != nil {
		t.Fatal(err)
	}
	m.adapter = a
	return m
}

func (m *merchant) ipn(w http.ResponseWriter, r *http.Request) {
	n, err := m.adapter.ParseNotification(r)
	m.mu.Lock()
	if m.failNext > 0 {
		m.failNext--
		m.mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	ans := provider.AnswerConfirmed
	switch {
	case errors.Is(err, provider.ErrBadSignature):
		ans = provider.AnswerInvalidSignature
	case err != nil:
		ans = provider.AnswerOther
	case n.MerchantCode != m.sb.TmnCode() || n.Amount != m.expected[n.TxnRef]:
		ans = provider.AnswerInvalidAmount
	case m.seen[n.EventKey] || (n.Outcome != provider.OutcomeSuccess && m.seen[vnpay.EventKey(n.TxnRef, n.ProviderTxnID, vnpay.StatusSuccess)]):
		ans = provider.AnswerAlreadyConfirmed
	default:
		m.seen[n.EventKey] = true
	}
	m.ipns = append(m.ipns, ipnHit{n: n, err: err, answer: ans, at: time.Now()})
	m.mu.Unlock()
	m.adapter.NotificationAnswer(w, ans)
}

func (m *merchant) hits() []ipnHit {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]ipnHit(nil), m.ipns...)
}

// browser follows nothing: each redirect is returned to the test.
var browser = &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// create makes a payment and opens its pay page; it returns the request.
func (m *merchant) create(ref string, amount int64) provider.CreateRequest {
	m.t.Helper()
	now := time.Now()
	req := provider.CreateRequest{TxnRef: ref, Amount: amount, OrderInfo: "Thanh toán " + ref, ReturnURL: m.srv.URL + vnpay.ReturnPath + "?p=" + ref,
		ClientIP: "203.113.7.9", Locale: "vn", CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute)}
	res, err := m.adapter.Create(m.t.Context(), req)
	if err != nil {
		m.t.Fatal(err)
	}
	m.mu.Lock()
	m.expected[ref] = amount
	m.mu.Unlock()
	resp, err := browser.Get(res.RedirectURL)
	if err != nil {
		m.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		m.t.Fatalf("pay page: HTTP %d %s", resp.StatusCode, body)
	}
	return req
}

// press presses a pay button and returns the redirect's Location.
func (m *merchant) press(ref string, outcome Outcome) *url.URL {
	m.t.Helper()
	resp, err := browser.PostForm(m.sbSrv.URL+PayPath, url.Values{"vnp_TxnRef": {ref}, "outcome": {string(outcome)}})
	if err != nil {
		m.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		m.t.Fatalf("press %s: HTTP %d %s, want 302", outcome, resp.StatusCode, body)
	}
	loc, err := resp.Location()
	if err != nil {
		m.t.Fatal(err)
	}
	return loc
}

// waitFor waits for cond; 20 s is far beyond the sandbox's delays and
// retries here, for a slow, busy CI under the race detector.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	ctx := t.Context()
	const ref = "RT-0001"

	if st, err := m.adapter.Query(ctx, provider.QueryRequest{TxnRef: ref, CreatedAt: time.Now()}); err != nil || st.Outcome != provider.OutcomeNotFound {
		t.Fatalf("query before the pay page: %+v, %v; want NOT_FOUND", st, err)
	}
	req := m.create(ref, 1_250_000)
	if st, err := m.adapter.Query(ctx, provider.QueryRequest{TxnRef: ref, CreatedAt: req.CreatedAt}); err != nil || st.Outcome != provider.OutcomePending {
		t.Fatalf("query on the pay page: %+v, %v; want PENDING", st, err)
	}

	loc := m.press(ref, OutcomeSuccess)
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != m.srv.URL+vnpay.ReturnPath || loc.Query().Get("p") != ref {
		t.Errorf("redirect to %s, want the return URL with its own query kept", loc)
	}
	ret, err := m.adapter.ParseReturn(httptest.NewRequest(http.MethodGet, loc.RequestURI(), nil))
	if err != nil || ret.Outcome != provider.OutcomeSuccess || ret.Amount != 1_250_000 || ret.TxnRef != ref {
		t.Errorf("return: %+v, %v; want a verified SUCCESS of 1,250,000 VND", ret, err)
	}

	hits := m.hits()
	if len(hits) != 1 || hits[0].err != nil || hits[0].answer != provider.AnswerConfirmed {
		t.Fatalf("IPNs at the merchant: %+v; want one verified, answered 00", hits)
	}
	n := hits[0].n
	if n.Outcome != provider.OutcomeSuccess || n.Amount != 1_250_000 || n.MerchantCode != m.sb.TmnCode() || n.Currency != "VND" || n.ProviderTxnID == "" {
		t.Errorf("IPN %+v", n)
	}
	if d := m.sb.Deliveries(); len(d) != 1 || d[0].RspCode != "00" {
		t.Errorf("sandbox deliveries %+v; want one answered 00", d)
	}

	st, err := m.adapter.Query(ctx, provider.QueryRequest{TxnRef: ref, CreatedAt: req.CreatedAt, ClientIP: "10.0.0.1"})
	if err != nil || st.Outcome != provider.OutcomeSuccess || st.Amount != 1_250_000 || st.ProviderTxnID != n.ProviderTxnID || st.EventKey != n.EventKey {
		t.Fatalf("query after paying: %+v, %v; want SUCCESS, 1,250,000 VND, the IPN's transaction and event key", st, err)
	}

	refund := func(refundRef string, amount int64, full bool) provider.RefundResult {
		t.Helper()
		r, err := m.adapter.Refund(ctx, provider.RefundRequest{TxnRef: ref, RefundRef: refundRef, Amount: amount, Full: full,
			TxnCreatedAt: req.CreatedAt, ProviderTxnID: st.ProviderTxnID, Reason: "Hoàn tiền nộp trùng", By: "agency-01"})
		if err != nil {
			t.Fatalf("refund %s: %v", refundRef, err)
		}
		return r
	}
	partial := refund("RF-1", 250_000, false)
	if !partial.Succeeded || partial.ResponseCode != "00" || partial.ProviderRefID == "" {
		t.Fatalf("partial refund: %+v", partial)
	}
	if again := refund("RF-1", 250_000, false); again != partial {
		t.Errorf("the same refund retried: %+v, want the first answer %+v", again, partial)
	}
	if left, _ := m.sb.Available(ref); left != 1_000_000 {
		t.Errorf("available after the partial refund (and its retry) = %d, want 1000000", left)
	}
	if r := refund("RF-2", 1_000_001, false); r.Succeeded || r.ResponseCode != vnpay.APIInvalidAmount {
		t.Errorf("refund above what is left: %+v, want refused 93", r)
	}
	if r := refund("RF-3", 1_250_000, true); r.Succeeded || r.ResponseCode != vnpay.APIInvalidAmount {
		t.Errorf("full refund of the original amount after a partial one: %+v, want refused 93", r)
	}
	full := refund("RF-4", 1_000_000, true)
	if !full.Succeeded {
		t.Fatalf("full refund of the rest: %+v", full)
	}
	if r := refund("RF-5", 5_000, false); r.Succeeded || r.ResponseCode != vnpay.APIInvalidAmount {
		t.Errorf("refund after a full refund: %+v, want refused 93", r)
	}

	lines, err := m.adapter.Settlement(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []provider.SettlementLine{
		{TxnRef: ref, ProviderTxnID: n.ProviderTxnID, Amount: 1_250_000, Kind: "PAYMENT"},
		{TxnRef: ref, ProviderTxnID: partial.ProviderRefID, Amount: 250_000, Kind: "REFUND"},
		{TxnRef: ref, ProviderTxnID: full.ProviderRefID, Amount: 1_000_000, Kind: "REFUND"},
	}
	if len(lines) != len(want) {
		t.Fatalf("settlement lines %+v, want %+v", lines, want)
	}
	for i := range want {
		g := lines[i]
		if g.TxnRef != want[i].TxnRef || g.ProviderTxnID != want[i].ProviderTxnID || g.Amount != want[i].Amount || g.Kind != want[i].Kind || g.At.IsZero() {
			t.Errorf("settlement line %d = %+v, want %+v", i, g, want[i])
		}
	}
	if other, err := m.adapter.Settlement(ctx, time.Now().AddDate(0, 0, -2)); err != nil || len(other) != 0 {
		t.Errorf("settlement two days ago: %+v, %v; want empty", other, err)
	}

	// The button cannot be pressed twice.
	resp, err := browser.PostForm(m.sbSrv.URL+PayPath, url.Values{"vnp_TxnRef": {ref}, "outcome": {"SUCCESS"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second press: HTTP %d, want 409", resp.StatusCode)
	}
	if len(m.hits()) != 1 {
		t.Errorf("a second press sent an IPN")
	}
}

func TestOutcomes(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	tests := []struct {
		outcome Outcome
		want    provider.Outcome
		code    string
	}{
		{OutcomeSuccess, provider.OutcomeSuccess, "00"},
		{OutcomeCancel, provider.OutcomeCanceled, "24"},
		{OutcomeInsufficientFunds, provider.OutcomeFailed, "51"},
		{OutcomeTimeout, provider.OutcomeFailed, "11"},
	}
	for i, tt := range tests {
		ref := fmt.Sprintf("OUT-%d", i)
		req := m.create(ref, 50_000)
		m.press(ref, tt.outcome)
		hits := m.hits()
		last := hits[len(hits)-1].n
		if last.TxnRef != ref || last.Outcome != tt.want || last.ResponseCode != tt.code {
			t.Errorf("%s: IPN %+v, want outcome %s code %s", tt.outcome, last, tt.want, tt.code)
		}
		st, err := m.adapter.Query(t.Context(), provider.QueryRequest{TxnRef: ref, CreatedAt: req.CreatedAt})
		wantQuery := tt.want
		if wantQuery == provider.OutcomeCanceled {
			wantQuery = provider.OutcomeFailed // querydr has no cancel: status 02
		}
		if err != nil || st.Outcome != wantQuery {
			t.Errorf("%s: query %+v, %v; want %s", tt.outcome, st, err, wantQuery)
		}
		if tt.outcome != OutcomeSuccess {
			r, err := m.adapter.Refund(t.Context(), provider.RefundRequest{TxnRef: ref, RefundRef: "R" + ref, Amount: 50_000, Full: true, TxnCreatedAt: req.CreatedAt, By: "x"})
			if err != nil || r.Succeeded || r.ResponseCode != vnpay.APINotSuccessful {
				t.Errorf("%s: refund %+v, %v; want refused 95", tt.outcome, r, err)
			}
		}
	}
}

// Each fault produces exactly the IPN behaviour contract/running.md states;
// querydr tells the truth whatever the fault.
func TestFaults(t *testing.T) {
	t.Parallel()
	type check func(t *testing.T, hits []ipnHit, pressed time.Time)
	one := func(want provider.Answer, wantErr error, amount int64) check {
		return func(t *testing.T, hits []ipnHit, _ time.Time) {
			if len(hits) != 1 || !errors.Is(hits[0].err, wantErr) || hits[0].answer != want || (wantErr == nil && hits[0].n.Amount != amount) {
				t.Fatalf("IPNs %+v; want exactly one, error %v, amount %d, answered %s", hits, wantErr, amount, want)
			}
		}
	}
	tests := []struct {
		fault Fault
		check check
	}{
		{FaultNone, one(provider.AnswerConfirmed, nil, 100_000)},
		{FaultDrop, func(t *testing.T, hits []ipnHit, _ time.Time) {
			if len(hits) != 0 {
				t.Fatalf("IPNs %+v; want none", hits)
			}
		}},
		{FaultDuplicate, func(t *testing.T, hits []ipnHit, _ time.Time) {
			if len(hits) != 3 {
				t.Fatalf("%d IPNs, want 3", len(hits))
			}
			for i, h := range hits {
				wantAns := provider.AnswerAlreadyConfirmed
				if i == 0 {
					wantAns = provider.AnswerConfirmed
				}
				if h.err != nil || h.n.Outcome != provider.OutcomeSuccess || h.n.EventKey != hits[0].n.EventKey || h.answer != wantAns {
					t.Errorf("IPN %d: %+v; want the genuine success, answered %s", i, h, wantAns)
				}
			}
		}},
		{FaultReorder, func(t *testing.T, hits []ipnHit, _ time.Time) {
			if len(hits) != 2 || hits[0].err != nil || hits[1].err != nil {
				t.Fatalf("IPNs %+v; want two verified", hits)
			}
			if hits[0].n.Outcome != provider.OutcomeSuccess || hits[1].n.Outcome != provider.OutcomeFailed || hits[1].n.TxnRef != hits[0].n.TxnRef || hits[1].n.EventKey == hits[0].n.EventKey {
				t.Errorf("IPNs %s then %s; want the success then a failure of the same transaction", hits[0].n.Outcome, hits[1].n.Outcome)
			}
		}},
		{FaultTamper, one(provider.AnswerInvalidSignature, provider.ErrBadSignature, 0)},
		{FaultWrongAmount, one(provider.AnswerInvalidAmount, nil, 101_000)},
		{FaultDelay, func(t *testing.T, hits []ipnHit, pressed time.Time) {
			if len(hits) != 0 {
				t.Fatalf("an IPN arrived before the redirect: %+v", hits)
			}
		}},
	}
	for _, tt := range tests {
		name := string(tt.fault)
		if name == "" {
			name = "none"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := newMerchant(t, Config{})
			ref := "F-" + strings.ToUpper(string(tt.fault)) + "1"
			req := m.create(ref, 100_000)
			body := fmt.Sprintf(`{"ipn": %q, "count": 1}`, tt.fault)
			if tt.fault == FaultNone {
				body = `{"ipn": "none"}`
			}
			resp, err := http.Post(m.sbSrv.URL+FaultsPath, "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("set fault: HTTP %d", resp.StatusCode)
			}
			pressed := time.Now()
			m.press(ref, OutcomeSuccess)
			if tt.fault == FaultDrop {
				time.Sleep(400 * time.Millisecond) // longer than any delay or retry here
			}
			tt.check(t, m.hits(), pressed)
			if tt.fault == FaultDelay {
				waitFor(t, "the delayed IPN", func() bool { return len(m.hits()) == 1 })
				h := m.hits()[0]
				if h.err != nil || h.n.Outcome != provider.OutcomeSuccess || h.answer != provider.AnswerConfirmed || h.at.Sub(pressed) < 300*time.Millisecond {
					t.Errorf("delayed IPN %+v after %s; want the genuine one after the 300 ms delay", h, h.at.Sub(pressed))
				}
			}
			st, err := m.adapter.Query(t.Context(), provider.QueryRequest{TxnRef: ref, CreatedAt: req.CreatedAt})
			if err != nil || st.Outcome != provider.OutcomeSuccess || st.Amount != 100_000 {
				t.Errorf("query: %+v, %v; want the truth: SUCCESS of 100,000 VND", st, err)
			}
			// The fault was for one payment: the next one is normal.
			m.create(ref+"B", 20_000)
			before := len(m.hits())
			m.press(ref+"B", OutcomeSuccess)
			if hits := m.hits()[before:]; len(hits) != 1 || hits[0].err != nil || hits[0].answer != provider.AnswerConfirmed {
				t.Errorf("the payment after the fault: IPNs %+v; want one genuine", hits)
			}
		})
	}
}

func TestFaultCountAndDefaults(t *testing.T) {
	t.Parallel()
	if d := New(Config{}).cfg.FaultDelay; d != 5*time.Second {
		t.Errorf("default delay = %s, want 5s", d)
	}
	m := newMerchant(t, Config{})
	if err := m.sb.SetFault(FaultDrop, 2); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		ref := fmt.Sprintf("C-%d", i)
		m.create(ref, 10_000)
		m.press(ref, OutcomeSuccess)
	}
	hits := m.hits()
	if len(hits) != 1 || hits[0].n.TxnRef != "C-2" {
		t.Errorf("IPNs %+v; want only C-2's (the first two dropped)", hits)
	}
	for _, body := range []string{`{"ipn":"explode"}`, `{"ipn":"drop","count":-1}`, `{"ipn":"drop","extra":1}`, `not json`} {
		resp, err := http.Post(m.sbSrv.URL+FaultsPath, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("fault %s: HTTP %d, want 400", body, resp.StatusCode)
		}
	}
}

// An IPN left unanswered is re-sent; the retry of an applied event gets 02.
func TestIPNRetry(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	m.mu.Lock()
	m.failNext = 1
	m.mu.Unlock()
	m.create("RETRY-1", 10_000)
	m.press("RETRY-1", OutcomeSuccess)
	// The merchant records its hit before the sandbox records the delivery
	// it answered: wait for both, or the resend below may be recorded first.
	waitFor(t, "the re-sent IPN", func() bool { return len(m.hits()) == 1 && len(m.sb.Deliveries()) == 2 })
	if h := m.hits()[0]; h.answer != provider.AnswerConfirmed {
		t.Errorf("re-sent IPN answered %s, want 00", h.answer)
	}
	code, err := m.sb.ResendIPN(t.Context(), "RETRY-1")
	if err != nil || code != "02" {
		t.Errorf("ResendIPN = %q, %v; want 02", code, err)
	}
	d := m.sb.Deliveries()
	if len(d) != 3 || d[0].Err == "" || d[1].Attempt != 2 || d[1].RspCode != "00" {
		t.Errorf("deliveries %+v; want a failed attempt, a second answered 00, then the resend", d)
	}
}

func TestPayPage(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	now := time.Now()
	req := provider.CreateRequest{TxnRef: "PAGE-1", Amount: 1_250_000, OrderInfo: "Thuế TNCN", ReturnURL: m.srv.URL + vnpay.ReturnPath, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	res, err := m.adapter.Create(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	get := func(u string) (int, string) {
		resp, err := browser.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, page := get(res.RedirectURL)
	if code != http.StatusOK {
		t.Fatalf("pay page: HTTP %d", code)
	}
	for _, want := range []string{`<html lang="vi">`, "<title>", "<h1>", "1.250.000 ₫", "PAGE-1", "<legend>",
		`<button type="submit" name="outcome" value="SUCCESS">`, `value="CANCEL"`, `value="INSUFFICIENT_FUNDS"`, `value="TIMEOUT"`,
		`action="` + PayPath + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("pay page lacks %s", want)
		}
	}
	for _, external := range []string{"<script", "<link", "src=", "http://", "https://"} {
		if strings.Contains(page, external) {
			t.Errorf("pay page loads or links something external: %s", external)
		}
	}
	// Opening the same URL again is the same transaction.
	if code, _ := get(res.RedirectURL); code != http.StatusOK {
		t.Errorf("reopened: HTTP %d", code)
	}

	en := req
	en.TxnRef, en.Locale = "PAGE-EN", "en"
	resEN, _ := m.adapter.Create(t.Context(), en)
	if _, page := get(resEN.RedirectURL); !strings.Contains(page, `<html lang="en">`) || !strings.Contains(page, "1,250,000 VND") {
		t.Errorf("English page: %s", page)
	}

	tampered := strings.Replace(res.RedirectURL, "vnp_Amount=125000000", "vnp_Amount=100", 1)
	if code, page := get(tampered); code != http.StatusBadRequest || !strings.Contains(page, "(70)") {
		t.Errorf("tampered pay URL: HTTP %d; want 400 with code 70", code)
	}
	other := req
	other.Amount = 2_000_000
	resOther, _ := m.adapter.Create(t.Context(), other)
	if code, _ := get(resOther.RedirectURL); code != http.StatusConflict {
		t.Errorf("same TxnRef, other amount: HTTP %d, want 409", code)
	}
	expired := req
	expired.TxnRef, expired.CreatedAt, expired.ExpiresAt = "PAGE-OLD", now.Add(-time.Hour), now.Add(-time.Minute)
	resOld, _ := m.adapter.Create(t.Context(), expired)
	if code, _ := get(resOld.RedirectURL); code != http.StatusBadRequest {
		t.Errorf("expired pay URL: HTTP %d, want 400", code)
	}
	resp, err := browser.PostForm(m.sbSrv.URL+PayPath, url.Values{"vnp_TxnRef": {"NEVER-OPENED"}, "outcome": {"SUCCESS"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("press for an unknown transaction: HTTP %d, want 404", resp.StatusCode)
	}
	resp, err = browser.PostForm(m.sbSrv.URL+PayPath, url.Values{"vnp_TxnRef": {"PAGE-1"}, "outcome": {"MAYBE"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown outcome: HTTP %d, want 400", resp.StatusCode)
	}
}

// A client without a browser posts the pay URL's own parameters and an outcome.
func TestPressWithSignedParameters(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	now := time.Now()
	res, err := m.adapter.Create(t.Context(), provider.CreateRequest{TxnRef: "DIRECT-1", Amount: 30_000, ReturnURL: m.srv.URL + vnpay.ReturnPath, CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	m.expected["DIRECT-1"] = 30_000
	u, _ := url.Parse(res.RedirectURL)
	form := u.Query()
	form.Set("outcome", "SUCCESS")
	resp, err := browser.PostForm(m.sbSrv.URL+PayPath, form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("HTTP %d, want 302", resp.StatusCode)
	}
	if hits := m.hits(); len(hits) != 1 || hits[0].answer != provider.AnswerConfirmed {
		t.Errorf("IPNs %+v; want one confirmed", hits)
	}
}

func TestAPIRefusesBadRequests(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	wrong, err := vnpay.New(vnpay.Config{TmnCode: m.sb.TmnCode(), HashSecret: "wrong secret", PayURL: m.sbSrv.URL + PayPath, APIURL: m.sbSrv.URL + APIPath})
	if err != nil {
		t.Fatal(err)
	}
	// Signed with another secret: VNPAY answers 97, signed with its own; our
	// adapter (holding the wrong secret) cannot verify that answer either.
	if _, err := wrong.Query(t.Context(), provider.QueryRequest{TxnRef: "X", CreatedAt: time.Now()}); !errors.Is(err, provider.ErrBadSignature) {
		t.Errorf("query with the wrong secret: %v, want ErrBadSignature", err)
	}
	resp, err := http.Post(m.sbSrv.URL+APIPath, "application/json", strings.NewReader(`{"vnp_Command":"querydr"`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"vnp_ResponseCode":"03"`) {
		t.Errorf("malformed JSON: %s, want 03", b)
	}
}

func TestConcurrentPayments(t *testing.T) {
	t.Parallel()
	m := newMerchant(t, Config{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ref := fmt.Sprintf("CC-%02d", i)
			m.create(ref, int64(10_000+i))
			if i%5 == 0 {
				_ = m.sb.SetFault(FaultDuplicate, 1)
			}
			m.press(ref, OutcomeSuccess)
			_, _ = m.adapter.Query(t.Context(), provider.QueryRequest{TxnRef: ref, CreatedAt: time.Now()})
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, h := range m.hits() {
		if h.err != nil {
			t.Errorf("IPN error %v", h.err)
		}
		seen[h.n.TxnRef] = true
	}
	if len(seen) != 20 {
		t.Errorf("%d transactions notified, want 20", len(seen))
	}
	nos := map[string]bool{}
	for _, l := range m.sb.SettlementLines(time.Now()) {
		if nos[l.ProviderTxnID] {
			t.Errorf("transaction number %s given twice", l.ProviderTxnID)
		}
		nos[l.ProviderTxnID] = true
	}
}

// config's sandbox defaults are this package's own.
func TestConfigDefaultsMatch(t *testing.T) {
	t.Parallel()
	if config.SandboxTmnCode != DefaultTmnCode || config.SandboxHashSecret != DefaultHashSecret || config.SandboxPayPath != PayPath ||
		config.SandboxAPIPath != APIPath || config.SandboxSettlementPath != SettlementPath {
		t.Error("internal/config's sandbox constants differ from vnpaysandbox's")
	}
}

func TestConfigFrom(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(func(k string) string { return map[string]string{"DVC_PUBLIC_URL": "http://127.0.0.1:9000/"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	sc := ConfigFrom(c, nil)
	if sc.TmnCode != DefaultTmnCode || sc.HashSecret != DefaultHashSecret || sc.IPNURL != "http://127.0.0.1:9000/payments/vnpay/ipn" {
		t.Errorf("sandbox config %+v", sc)
	}
	ac := vnpay.ConfigFrom(c)
	if ac.PayURL != "http://127.0.0.1:9000"+PayPath || ac.APIURL != "http://127.0.0.1:9000"+APIPath || ac.SettlementURL != "http://127.0.0.1:9000"+SettlementPath || ac.TmnCode != DefaultTmnCode {
		t.Errorf("adapter config %+v", ac)
	}
}
