// Package provider is the boundary between the payment domain (internal/payment)
// and the payment providers it speaks to (internal/payment/vnpay, ...). Every
// amount here is whole VND (int64); provider formats (VNPAY's ×100, its
// yyyyMMddHHmmss timestamps) exist only inside an adapter.
package provider

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// Provider is one payment provider adapter.
type Provider interface {
	// Code is the provider's stable code ("vnpay"), Name its display name.
	Code() string
	Name() string
	// Limits are the smallest and largest amount of one payment, in VND.
	Limits() (min, max int64)
	// Create returns the URL the payer's browser is sent to.
	Create(ctx context.Context, req CreateRequest) (CreateResult, error)
	// ParseNotification checks a provider-to-server notification (VNPAY's IPN)
	// signature first, in constant time, and only then reads it. A bad signature
	// is ErrBadSignature and nothing else of the request is trusted.
	ParseNotification(r *http.Request) (Notification, error)
	// NotificationAnswer writes the provider's expected answer to a notification.
	NotificationAnswer(w http.ResponseWriter, a Answer)
	// ParseReturn checks the browser's return (same signature rules); the result
	// is only ever shown, never used to finalise a payment.
	ParseReturn(r *http.Request) (Notification, error)
	// Query asks the provider for the truth about one transaction.
	Query(ctx context.Context, req QueryRequest) (Status, error)
	// Refund asks the provider to refund part or all of a transaction.
	Refund(ctx context.Context, req RefundRequest) (RefundResult, error)
	// Settlement returns the provider's settlement lines of one day
	// (Asia/Ho_Chi_Minh).
	Settlement(ctx context.Context, day time.Time) ([]SettlementLine, error)
}

// CreateRequest describes one payment to the provider.
type CreateRequest struct {
	TxnRef    string    // our payment code, unique per provider transaction
	Amount    int64     // VND
	OrderInfo string    // shown to the payer (ASCII, no accents, per VNPAY)
	ReturnURL string    // where the browser comes back
	ClientIP  string    // the payer's IP
	Locale    string    // "vn" or "en"
	CreatedAt time.Time // the payment's creation time
	ExpiresAt time.Time // after this the provider refuses to take money
}

// CreateResult is where to send the payer.
type CreateResult struct {
	RedirectURL string
}

// Outcome is a provider transaction's result as the provider reports it.
type Outcome string

const (
	OutcomeSuccess  Outcome = "SUCCESS"
	OutcomeFailed   Outcome = "FAILED"    // declined, insufficient funds, timeout at the bank
	OutcomeCanceled Outcome = "CANCELLED" // the payer gave up
	OutcomePending  Outcome = "PENDING"   // not finished at the provider yet
	OutcomeNotFound Outcome = "NOT_FOUND" // the provider has no such transaction
)

// Notification is a verified provider notification (or return).
type Notification struct {
	TxnRef        string
	MerchantCode  string // must equal the configured merchant
	Amount        int64  // VND, already divided at the edge
	Currency      string // "VND"
	Outcome       Outcome
	ResponseCode  string // the provider's own code, e.g. "00", "24"
	ProviderTxnID string // the provider's transaction number
	EventKey      string // unique per provider event: a duplicate has the same key
	PaidAt        time.Time
	Raw           map[string]string // every parameter, for the ledger (no secrets)
}

// Answer is what we tell the provider about a notification.
type Answer string

const (
	AnswerConfirmed        Answer = "00"
	AnswerOrderNotFound    Answer = "01"
	AnswerAlreadyConfirmed Answer = "02"
	AnswerInvalidAmount    Answer = "04"
	AnswerInvalidSignature Answer = "97"
	AnswerOther            Answer = "99"
)

// QueryRequest asks about one transaction.
type QueryRequest struct {
	TxnRef    string
	CreatedAt time.Time
	ClientIP  string
}

// Status is the provider's answer to a query.
type Status struct {
	Outcome       Outcome
	Amount        int64
	ResponseCode  string
	ProviderTxnID string
	PaidAt        time.Time
	EventKey      string
}

// RefundRequest refunds Amount of a transaction.
type RefundRequest struct {
	TxnRef        string
	RefundRef     string // our refund's unique reference (idempotency)
	Amount        int64
	Full          bool
	TxnCreatedAt  time.Time
	ProviderTxnID string
	Reason        string
	By            string
	ClientIP      string
}

// RefundResult is the provider's answer to a refund.
type RefundResult struct {
	Succeeded     bool
	ResponseCode  string
	ProviderRefID string
}

// SettlementLine is one transaction in a provider's daily settlement file.
type SettlementLine struct {
	TxnRef        string
	ProviderTxnID string
	Amount        int64
	Kind          string // "PAYMENT" or "REFUND"
	At            time.Time
}

// Errors every adapter returns for the domain to act on.
var (
	ErrBadSignature = errors.New("provider: invalid signature")
	ErrMalformed    = errors.New("provider: malformed message")
	ErrUnavailable  = errors.New("provider: unavailable")
)
