package vnpay

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
)

// VNPAY response codes the adapter and the sandbox use (vnp_ResponseCode of a
// payment; vnp_TransactionStatus uses 00 success, 01 not finished, 02 failed).
const (
	CodeSuccess           = "00"
	CodeSuspicious        = "07" // money taken, transaction suspected (fraud check)
	CodeTimeout           = "11" // the payer did not pay before vnp_ExpireDate
	CodeCanceled          = "24" // the payer cancelled
	CodeInsufficientFunds = "51"
	CodeOther             = "99"

	StatusSuccess = "00"
	StatusPending = "01"
	StatusFailed  = "02"
)

// ParseNotification verifies and reads VNPAY's IPN (a GET with vnp_*
// parameters in the query). The signature is checked first, in constant time;
// on a bad one nothing else is read and the error is provider.ErrBadSignature.
func (a *Adapter) ParseNotification(r *http.Request) (provider.Notification, error) {
	return a.parse(r)
}

// ParseReturn verifies and reads the browser's return (same parameters and
// rules as the IPN). Its result is for display only.
func (a *Adapter) ParseReturn(r *http.Request) (provider.Notification, error) {
	return a.parse(r)
}

func (a *Adapter) parse(r *http.Request) (provider.Notification, error) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		// A query Go cannot split is not one VNPAY signed.
		return provider.Notification{}, provider.ErrBadSignature
	}
	if !Verify(a.cfg.HashSecret, q) {
		return provider.Notification{}, provider.ErrBadSignature
	}
	return ReadNotification(q)
}

// ReadNotification reads verified IPN/return parameters.
func ReadNotification(q url.Values) (provider.Notification, error) {
	get := q.Get
	n := provider.Notification{
		TxnRef:        get("vnp_TxnRef"),
		MerchantCode:  get("vnp_TmnCode"),
		Currency:      Currency, // VNPAY's IPN carries no currency: it only takes VND
		ResponseCode:  get("vnp_ResponseCode"),
		ProviderTxnID: get("vnp_TransactionNo"),
		Raw:           map[string]string{},
	}
	if c := get("vnp_CurrCode"); c != "" {
		n.Currency = c
	}
	for k, v := range q {
		if signed(k) && len(v) > 0 {
			n.Raw[k] = v[0]
		}
	}
	if n.TxnRef == "" || n.MerchantCode == "" || n.ResponseCode == "" {
		return provider.Notification{}, fmt.Errorf("vnpay: notification without vnp_TxnRef, vnp_TmnCode or vnp_ResponseCode: %w", provider.ErrMalformed)
	}
	var err error
	if n.Amount, err = ParseAmount(get("vnp_Amount")); err != nil {
		return provider.Notification{}, err
	}
	status := get("vnp_TransactionStatus")
	n.Outcome = NotificationOutcome(n.ResponseCode, status)
	if d := get("vnp_PayDate"); d != "" {
		if n.PaidAt, err = ParseTime(d); err != nil {
			return provider.Notification{}, fmt.Errorf("vnp_PayDate: %w: %w", err, provider.ErrMalformed)
		}
	}
	n.EventKey = EventKey(n.TxnRef, n.ProviderTxnID, status)
	return n, nil
}

// NotificationOutcome maps an IPN's vnp_ResponseCode and vnp_TransactionStatus.
// Success needs both "00"; "24" is the payer's cancel; a transaction VNPAY has
// not finished (status 01) or holds as suspicious (code 07) is PENDING, for a
// status query to settle; anything else failed.
func NotificationOutcome(responseCode, status string) provider.Outcome {
	switch {
	case responseCode == CodeSuccess && status == StatusSuccess:
		return provider.OutcomeSuccess
	case responseCode == CodeCanceled:
		return provider.OutcomeCanceled
	case status == StatusPending || responseCode == CodeSuspicious || status == "07":
		return provider.OutcomePending
	default:
		return provider.OutcomeFailed
	}
}

// QueryOutcome maps querydr's vnp_TransactionStatus.
func QueryOutcome(status string) provider.Outcome {
	switch status {
	case StatusSuccess:
		return provider.OutcomeSuccess
	case StatusPending, "07":
		return provider.OutcomePending
	default:
		return provider.OutcomeFailed
	}
}

// EventKey identifies one provider event: the same transaction number and
// status from an IPN, its duplicates and a status query give the same key, so
// a success learned twice is applied once.
func EventKey(txnRef, transactionNo, status string) string {
	return strings.Join([]string{ProviderCode, txnRef, transactionNo, status}, ":")
}

// answerMessages are the messages VNPAY's reference IPN code sends.
var answerMessages = map[provider.Answer]string{
	provider.AnswerConfirmed:        "Confirm Success",
	provider.AnswerOrderNotFound:    "Order not found",
	provider.AnswerAlreadyConfirmed: "Order already confirmed",
	provider.AnswerInvalidAmount:    "Invalid amount",
	provider.AnswerInvalidSignature: "Invalid signature",
	provider.AnswerOther:            "Unknown error",
}

// IPNAnswer is the JSON body VNPAY expects in answer to an IPN.
type IPNAnswer struct {
	RspCode string `json:"RspCode"`
	Message string `json:"Message"`
}

// NotificationAnswer writes {"RspCode","Message"} with status 200 (VNPAY
// reads the body, not the status). An unknown answer is sent as 99.
func (a *Adapter) NotificationAnswer(w http.ResponseWriter, ans provider.Answer) {
	WriteAnswer(w, ans)
}

// WriteAnswer is NotificationAnswer without an adapter.
func WriteAnswer(w http.ResponseWriter, ans provider.Answer) {
	msg, ok := answerMessages[ans]
	if !ok {
		ans, msg = provider.AnswerOther, answerMessages[provider.AnswerOther]
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(IPNAnswer{RspCode: string(ans), Message: msg})
}
