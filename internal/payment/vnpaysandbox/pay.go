package vnpaysandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
)

// Outcome is a button of the pay page.
type Outcome string

const (
	OutcomeSuccess           Outcome = "SUCCESS"
	OutcomeCancel            Outcome = "CANCEL"
	OutcomeInsufficientFunds Outcome = "INSUFFICIENT_FUNDS"
	OutcomeTimeout           Outcome = "TIMEOUT"
)

// responseCodes are the vnp_ResponseCode VNPAY reports for each outcome.
var responseCodes = map[Outcome]string{
	OutcomeSuccess:           vnpay.CodeSuccess,
	OutcomeCancel:            vnpay.CodeCanceled,
	OutcomeInsufficientFunds: vnpay.CodeInsufficientFunds,
	OutcomeTimeout:           vnpay.CodeTimeout,
}

// Fault is an IPN fault (contract/running.md § Payments in sandbox mode).
type Fault string

const (
	FaultNone        Fault = ""
	FaultDrop        Fault = "drop"         // no IPN: only querydr learns the outcome
	FaultDuplicate   Fault = "duplicate"    // the genuine IPN three times
	FaultReorder     Fault = "reorder"      // the genuine IPN, then a signed failure IPN
	FaultTamper      Fault = "tamper"       // one IPN with a wrong vnp_SecureHash, no genuine one
	FaultWrongAmount Fault = "wrong-amount" // one correctly signed IPN with another vnp_Amount
	FaultDelay       Fault = "delay"        // the genuine IPN FaultDelay (5 s) after the redirect
)

func (f Fault) valid() bool {
	switch f {
	case FaultNone, FaultDrop, FaultDuplicate, FaultReorder, FaultTamper, FaultWrongAmount, FaultDelay:
		return true
	}
	return false
}

// SetFault makes the next count presses of a pay button suffer f (FaultNone
// or count 0 clears it). It replaces any fault set before.
func (s *Sandbox) SetFault(f Fault, count int) error {
	if !f.valid() {
		return fmt.Errorf("vnpaysandbox: unknown fault %q", f)
	}
	if count < 0 || count > 10_000 {
		return fmt.Errorf("vnpaysandbox: fault count %d outside 0–10000", count)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f == FaultNone || count == 0 {
		s.fault, s.faultLeft = FaultNone, 0
		return nil
	}
	s.fault, s.faultLeft = f, count
	return nil
}

// faultBody is the JSON of FaultsPath.
type faultBody struct {
	IPN   Fault `json:"ipn"`
	Count *int  `json:"count,omitempty"`
}

func (s *Sandbox) postFault(w http.ResponseWriter, r *http.Request) {
	var b faultBody
	dec := json.NewDecoder(io.LimitReader(r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "body must be {\"ipn\": drop|duplicate|reorder|tamper|wrong-amount|delay, \"count\": N}"})
		return
	}
	if b.IPN == "none" {
		b.IPN = FaultNone
	}
	count := 1
	if b.Count != nil {
		count = *b.Count
	}
	if err := s.SetFault(b.IPN, count); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	s.getFault(w, r)
}

func (s *Sandbox) getFault(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	n := s.faultLeft
	b := faultBody{IPN: s.fault, Count: &n}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// pay is a pressed button: POST PayPath with vnp_TxnRef and outcome (the
// transaction opened on the pay page before), or with every signed vnp_*
// parameter of the pay URL and outcome (a client without a browser). It
// records the outcome, sends the IPN (as the fault in force says) and
// redirects to the return URL with the signed result, as VNPAY does.
func (s *Sandbox) pay(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, "vn", badFormat("form"))
		return
	}
	form := r.PostForm
	var (
		t    txn
		perr *payError
	)
	if form.Get(vnpay.ParamSecureHash) != "" {
		signedParams := url.Values{}
		for k, v := range form {
			if strings.HasPrefix(k, "vnp_") {
				signedParams[k] = v
			}
		}
		t, perr = s.register(signedParams)
	} else {
		var ok bool
		if t, ok = s.lookup(form.Get("vnp_TxnRef")); !ok {
			perr = errUnknown
		}
	}
	if perr != nil {
		s.errorPage(w, "vn", perr)
		return
	}
	outcome := Outcome(form.Get("outcome"))
	code, ok := responseCodes[outcome]
	if !ok {
		s.errorPage(w, t.locale, badFormat("outcome"))
		return
	}

	s.mu.Lock()
	cur := s.txns[t.ref]
	if cur.status != vnpay.StatusPending {
		s.mu.Unlock()
		s.errorPage(w, t.locale, errFinished)
		return
	}
	now := s.now()
	if !now.Before(cur.expires) {
		code = vnpay.CodeTimeout // VNPAY takes no money after vnp_ExpireDate
	}
	cur.responseCode = code
	cur.payDate = now
	cur.bankCode = "NCB"
	cur.transactionNo = s.nextTransactionNo()
	if code == vnpay.CodeSuccess {
		cur.status = vnpay.StatusSuccess
	} else {
		cur.status = vnpay.StatusFailed
	}
	if code == vnpay.CodeCanceled {
		cur.transactionNo = "0" // VNPAY numbers no transaction the payer cancelled
		s.seq--
	}
	fault := FaultNone
	if s.faultLeft > 0 {
		fault = s.fault
		if s.faultLeft--; s.faultLeft == 0 {
			s.fault = FaultNone
		}
	}
	t = *cur
	s.mu.Unlock()

	genuine := s.resultParams(t)
	s.sendIPNs(t, genuine, fault)
	ret := withQuery(t.returnURL, vnpay.EncodeQuery(genuine, vnpay.Sign(s.cfg.HashSecret, genuine)))
	http.Redirect(w, r, ret, http.StatusFound)
}

// resultParams are the vnp_* parameters of the IPN and the return (unsigned).
func (s *Sandbox) resultParams(t txn) url.Values {
	p := url.Values{
		"vnp_Amount":            {vnpay.FormatAmount(t.amount)},
		"vnp_BankCode":          {t.bankCode},
		"vnp_CardType":          {"ATM"},
		"vnp_OrderInfo":         {t.orderInfo},
		"vnp_PayDate":           {vnpay.FormatTime(t.payDate)},
		"vnp_ResponseCode":      {t.responseCode},
		"vnp_TmnCode":           {s.cfg.TmnCode},
		"vnp_TransactionNo":     {t.transactionNo},
		"vnp_TransactionStatus": {t.status},
		"vnp_TxnRef":            {t.ref},
	}
	if t.status == vnpay.StatusSuccess {
		p.Set("vnp_BankTranNo", "VNP"+t.transactionNo)
	}
	return p
}

// sendIPNs delivers the IPN(s) of one pressed button as fault says.
func (s *Sandbox) sendIPNs(t txn, genuine url.Values, fault Fault) {
	signedQuery := func(p url.Values) string { return vnpay.EncodeQuery(p, vnpay.Sign(s.cfg.HashSecret, p)) }
	switch fault {
	case FaultDrop:
		s.record(Delivery{TxnRef: t.ref, Kind: "dropped", At: s.now()})
	case FaultDuplicate:
		for range 3 {
			s.deliver(t.ref, "genuine", signedQuery(genuine), true)
		}
	case FaultReorder:
		s.deliver(t.ref, "genuine", signedQuery(genuine), true)
		late := cloneValues(genuine)
		late.Set("vnp_ResponseCode", vnpay.CodeOther)
		late.Set("vnp_TransactionStatus", vnpay.StatusFailed)
		late.Del("vnp_BankTranNo")
		s.deliver(t.ref, "reordered-failure", signedQuery(late), false)
	case FaultTamper:
		h := []byte(vnpay.Sign(s.cfg.HashSecret, genuine))
		if h[0] == '0' {
			h[0] = '1'
		} else {
			h[0] = '0'
		}
		s.deliver(t.ref, "tampered", vnpay.EncodeQuery(genuine, string(h)), false)
	case FaultWrongAmount:
		wrong := cloneValues(genuine)
		wrong.Set("vnp_Amount", vnpay.FormatAmount(t.amount+1_000))
		s.deliver(t.ref, "wrong-amount", signedQuery(wrong), false)
	case FaultDelay:
		q := signedQuery(genuine)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			select {
			case <-time.After(s.cfg.FaultDelay):
				s.deliver(t.ref, "genuine", q, true)
			case <-s.ctx.Done():
			}
		}()
	default:
		s.deliver(t.ref, "genuine", signedQuery(genuine), true)
	}
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vv := range v {
		out[k] = append([]string(nil), vv...)
	}
	return out
}

// Delivery is one IPN the sandbox sent (or dropped), for tests and logs.
type Delivery struct {
	TxnRef  string
	Kind    string // genuine, dropped, reordered-failure, tampered, wrong-amount
	Attempt int    // 1 for the first send, 2.. for re-sends
	Query   string // the signed query sent
	RspCode string // the merchant's RspCode ("" when none was read)
	Err     string // transport or format error
	At      time.Time
}

// Deliveries returns every IPN sent so far, oldest first.
func (s *Sandbox) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}

func (s *Sandbox) record(d Delivery) {
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
}

// ResendIPN sends the genuine IPN of a finished transaction again (VNPAY's
// retry), returning the merchant's RspCode.
func (s *Sandbox) ResendIPN(ctx context.Context, txnRef string) (string, error) {
	t, ok := s.lookup(txnRef)
	if !ok || t.status == vnpay.StatusPending {
		return "", fmt.Errorf("vnpaysandbox: no finished transaction %q", txnRef)
	}
	p := s.resultParams(t)
	d := s.send(ctx, txnRef, "genuine", vnpay.EncodeQuery(p, vnpay.Sign(s.cfg.HashSecret, p)), 1)
	if d.Err != "" {
		return d.RspCode, fmt.Errorf("vnpaysandbox: IPN %s: %s", txnRef, d.Err)
	}
	return d.RspCode, nil
}

// deliver sends one IPN now; a genuine one left unanswered (network error,
// HTTP status other than 200, no RspCode, or 99) is re-sent in the
// background up to IPNRetries times, as VNPAY retries.
func (s *Sandbox) deliver(ref, kind, query string, retry bool) {
	d := s.send(s.ctx, ref, kind, query, 1)
	if !retry || !needsRetry(d) || s.cfg.IPNRetries < 0 {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for attempt := 2; attempt <= s.cfg.IPNRetries+1; attempt++ {
			select {
			case <-time.After(s.cfg.IPNRetryInterval):
			case <-s.ctx.Done():
				return
			}
			if !needsRetry(s.send(s.ctx, ref, kind, query, attempt)) {
				return
			}
		}
	}()
}

func needsRetry(d Delivery) bool {
	return d.Err != "" || d.RspCode == "" || d.RspCode == vnpay.CodeOther
}

func (s *Sandbox) send(ctx context.Context, ref, kind, query string, attempt int) Delivery {
	d := Delivery{TxnRef: ref, Kind: kind, Attempt: attempt, Query: query, At: s.now()}
	defer func() { s.record(d) }()
	if s.cfg.IPNURL == "" {
		d.Err = "no IPN URL configured"
		return d
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.IPNTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, withQuery(s.cfg.IPNURL, query), nil)
	if err != nil {
		d.Err = err.Error()
		return d
	}
	res, err := s.client.Do(req)
	if err != nil {
		d.Err = err.Error()
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL and its query
		}
		s.log.Warn("sandbox VNPAY IPN not delivered", "txn_ref", ref, "kind", kind, "attempt", attempt, "err", err)
		return d
	}
	defer res.Body.Close()
	var a vnpay.IPNAnswer
	if res.StatusCode != http.StatusOK {
		d.Err = fmt.Sprintf("HTTP %d", res.StatusCode)
	} else if err := json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&a); err != nil {
		d.Err = "answer is not {\"RspCode\",\"Message\"}"
	}
	d.RspCode = a.RspCode
	s.log.Debug("sandbox VNPAY IPN delivered", "txn_ref", ref, "kind", kind, "attempt", attempt, "rsp_code", a.RspCode)
	return d
}
