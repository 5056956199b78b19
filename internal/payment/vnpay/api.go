package vnpay

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// API response codes (vnp_ResponseCode of querydr and refund).
const (
	APIOK               = "00"
	APIBadMerchant      = "02"
	APIBadFormat        = "03"
	APINotFound         = "91"
	APIInvalidAmount    = "93" // refund larger than what is left to refund
	APIDuplicateRequest = "94"
	APINotSuccessful    = "95" // refund of a transaction that did not succeed
	APIBadChecksum      = "97"
	APIOther            = "99"
)

// Refund transaction types.
const (
	RefundFull    = "02"
	RefundPartial = "03"
)

const maxResponse = 1 << 20

// Query asks VNPAY (querydr) for the truth about a transaction. req.CreatedAt
// must be the CreatedAt given to Create (it is vnp_TransactionDate, by which
// VNPAY finds the transaction). The answer's checksum, merchant and TxnRef are
// verified before anything in it is believed.
func (a *Adapter) Query(ctx context.Context, req provider.QueryRequest) (provider.Status, error) {
	if err := ValidTxnRef(req.TxnRef); err != nil {
		return provider.Status{}, err
	}
	body := map[string]string{
		"vnp_RequestId":       newRequestID(),
		"vnp_Version":         Version,
		"vnp_Command":         "querydr",
		"vnp_TmnCode":         a.cfg.TmnCode,
		"vnp_TxnRef":          req.TxnRef,
		"vnp_OrderInfo":       "Truy van giao dich " + req.TxnRef,
		"vnp_TransactionDate": FormatTime(req.CreatedAt),
		"vnp_CreateDate":      FormatTime(a.now()),
		"vnp_IpAddr":          a.ip(req.ClientIP),
	}
	body[ParamSecureHash] = PipeSign(a.cfg.HashSecret, QueryRequestFields, body)
	resp, err := a.call(ctx, body, QueryResponseFields)
	if err != nil {
		return provider.Status{}, fmt.Errorf("vnpay querydr %s: %w", req.TxnRef, err)
	}
	switch resp["vnp_ResponseCode"] {
	case APIOK:
	case APINotFound:
		return provider.Status{Outcome: provider.OutcomeNotFound, ResponseCode: APINotFound}, nil
	default:
		return provider.Status{}, fmt.Errorf("vnpay querydr %s: answered %s: %w", req.TxnRef, resp["vnp_ResponseCode"], provider.ErrUnavailable)
	}
	if resp["vnp_TxnRef"] != req.TxnRef {
		return provider.Status{}, fmt.Errorf("vnpay querydr %s: answer is about another transaction: %w", req.TxnRef, provider.ErrMalformed)
	}
	st := provider.Status{
		Outcome:       QueryOutcome(resp["vnp_TransactionStatus"]),
		ResponseCode:  resp["vnp_TransactionStatus"],
		ProviderTxnID: resp["vnp_TransactionNo"],
		EventKey:      EventKey(req.TxnRef, resp["vnp_TransactionNo"], resp["vnp_TransactionStatus"]),
	}
	if st.Amount, err = ParseAmount(resp["vnp_Amount"]); err != nil {
		return provider.Status{}, fmt.Errorf("vnpay querydr %s: %w", req.TxnRef, err)
	}
	if d := resp["vnp_PayDate"]; d != "" {
		if st.PaidAt, err = ParseTime(d); err != nil {
			return provider.Status{}, fmt.Errorf("vnpay querydr %s: vnp_PayDate: %w: %w", req.TxnRef, err, provider.ErrMalformed)
		}
	}
	return st, nil
}

// Refund asks VNPAY to refund req.Amount (full: vnp_TransactionType 02, else
// 03). vnp_RequestId is derived from req.RefundRef, so a retried refund is the
// same request to VNPAY. An answer other than 00 is a result (Succeeded false
// with VNPAY's code), not an error; errors are transport, signature or format.
func (a *Adapter) Refund(ctx context.Context, req provider.RefundRequest) (provider.RefundResult, error) {
	if err := ValidTxnRef(req.TxnRef); err != nil {
		return provider.RefundResult{}, err
	}
	if req.Amount <= 0 || req.RefundRef == "" || req.TxnCreatedAt.IsZero() {
		return provider.RefundResult{}, fmt.Errorf("vnpay refund %s: needs a positive amount, a refund reference and the transaction's creation time: %w", req.TxnRef, provider.ErrMalformed)
	}
	kind := RefundPartial
	if req.Full {
		kind = RefundFull
	}
	by := OrderInfo(req.By)
	if by == "" {
		by = "dvcportal"
	}
	info := OrderInfo(req.Reason)
	if info == "" {
		info = "Hoan tien " + req.TxnRef
	}
	body := map[string]string{
		"vnp_RequestId":       RequestIDFor(req.RefundRef),
		"vnp_Version":         Version,
		"vnp_Command":         "refund",
		"vnp_TmnCode":         a.cfg.TmnCode,
		"vnp_TransactionType": kind,
		"vnp_TxnRef":          req.TxnRef,
		"vnp_Amount":          FormatAmount(req.Amount),
		"vnp_OrderInfo":       info,
		"vnp_TransactionNo":   req.ProviderTxnID,
		"vnp_TransactionDate": FormatTime(req.TxnCreatedAt),
		"vnp_CreateBy":        by,
		"vnp_CreateDate":      FormatTime(a.now()),
		"vnp_IpAddr":          a.ip(req.ClientIP),
	}
	body[ParamSecureHash] = PipeSign(a.cfg.HashSecret, RefundRequestFields, body)
	resp, err := a.call(ctx, body, RefundResponseFields)
	if err != nil {
		return provider.RefundResult{}, fmt.Errorf("vnpay refund %s: %w", req.TxnRef, err)
	}
	code := resp["vnp_ResponseCode"]
	if code == APIOK && resp["vnp_TxnRef"] != req.TxnRef {
		return provider.RefundResult{}, fmt.Errorf("vnpay refund %s: answer is about another transaction: %w", req.TxnRef, provider.ErrMalformed)
	}
	return provider.RefundResult{Succeeded: code == APIOK, ResponseCode: code, ProviderRefID: resp["vnp_TransactionNo"]}, nil
}

// call POSTs a signed JSON request to VNPAY_API_URL and returns the answer's
// fields once its checksum (over fields) and merchant code are verified.
func (a *Adapter) call(ctx context.Context, body map[string]string, fields []string) (map[string]string, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, a.cfg.APIURL, bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	res, err := a.client.Do(hreq)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", provider.ErrUnavailable, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read answer: %w", provider.ErrUnavailable, err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: HTTP %d", provider.ErrUnavailable, res.StatusCode)
	}
	if len(data) > maxResponse {
		return nil, fmt.Errorf("answer larger than %d bytes: %w", maxResponse, provider.ErrMalformed)
	}
	resp, err := DecodeFlat(data)
	if err != nil {
		return nil, err
	}
	if !PipeVerify(a.cfg.HashSecret, fields, resp) {
		return nil, provider.ErrBadSignature
	}
	if resp["vnp_TmnCode"] != a.cfg.TmnCode {
		return nil, fmt.Errorf("answer for merchant %q: %w", resp["vnp_TmnCode"], provider.ErrMalformed)
	}
	if resp["vnp_Command"] != body["vnp_Command"] {
		return nil, fmt.Errorf("answer to command %q: %w", resp["vnp_Command"], provider.ErrMalformed)
	}
	return resp, nil
}

// DecodeFlat reads a flat JSON object of VNPAY's API into strings (a number is
// kept as written, null is empty). A repeated name, a nested value or
// anything after the object is refused: its meaning would be ambiguous.
func DecodeFlat(data []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	bad := func(why string) error { return fmt.Errorf("vnpay: answer %s: %w", why, provider.ErrMalformed) }
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, bad("is not a JSON object")
	}
	out := map[string]string{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, bad("is not valid JSON")
		}
		name, _ := t.(string)
		if _, dup := out[name]; dup {
			return nil, bad("repeats " + name)
		}
		v, err := dec.Token()
		if err != nil {
			return nil, bad("is not valid JSON")
		}
		switch v := v.(type) {
		case string:
			out[name] = v
		case json.Number:
			out[name] = v.String()
		case bool:
			out[name] = fmt.Sprint(v)
		case nil:
			out[name] = ""
		default:
			return nil, bad("has a nested value in " + name)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, bad("is not valid JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, bad("has data after the object")
	}
	return out, nil
}

// RequestIDFor is vnp_RequestId for one of our references: the reference
// itself when it is 1–32 of A–Z a–z 0–9 - _, else 32 hex digits of its
// SHA-256. The same reference always gives the same id.
func RequestIDFor(ref string) string {
	ok := len(ref) > 0 && len(ref) <= 32
	for i := 0; ok && i < len(ref); i++ {
		c := ref[i]
		ok = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
	}
	if ok {
		return ref
	}
	sum := sha256.Sum256([]byte(ref))
	return hex.EncodeToString(sum[:16])
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}
