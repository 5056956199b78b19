package payment

import (
	"time"

	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// Status of a payment.
type Status string

// The statuses of a payment: CREATED → STARTED → (PENDING) → SUCCEEDED |
// FAILED | CANCELLED | EXPIRED, and REVIEW when money was taken but
// something is off.
const (
	StatusCreated   Status = "CREATED"
	StatusStarted   Status = "STARTED"
	StatusPending   Status = "PENDING"
	StatusSucceeded Status = "SUCCEEDED"
	StatusFailed    Status = "FAILED"
	StatusCancelled Status = "CANCELLED"
	StatusExpired   Status = "EXPIRED"
	StatusReview    Status = "REVIEW"
)

// Finished reports whether a payment in s will not move by itself any more
// (a verified late success may still correct EXPIRED, CANCELLED or FAILED).
func (s Status) Finished() bool {
	return s != StatusCreated && s != StatusStarted && s != StatusPending
}

// itemState is the state of a payment's obligations that the partial unique
// indexes check: ACTIVE while unfinished, PAID once succeeded, else CLOSED.
func (s Status) itemState() string {
	switch s {
	case StatusCreated, StatusStarted, StatusPending:
		return "ACTIVE"
	case StatusSucceeded:
		return "PAID"
	}
	return "CLOSED"
}

// Source says who moved a payment.
type Source string

// The sources of an event.
const (
	SourceNotification   Source = "NOTIFICATION"
	SourceReturn         Source = "RETURN"
	SourceStatusQuery    Source = "STATUS_QUERY"
	SourceReconciliation Source = "RECONCILIATION"
	SourceAgency         Source = "AGENCY"
	SourceOperator       Source = "OPERATOR"
	SourceCitizen        Source = "CITIZEN"
)

// Payment is one provider transaction for obligations of one payee.
type Payment struct {
	ID            int64
	Code          string
	AccountID     int64
	Provider      string
	Status        Status
	Amount        int64
	PayeeBank     string
	PayeeAccount  string
	ReturnURL     string
	NextURL       string
	ProviderTxnID string
	// Reserved is refunded or being refunded (REQUESTED, SUBMITTED, SUCCEEDED).
	Reserved  int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UpdatedAt time.Time
	PaidAt    *time.Time
	Items     []Item
	// delivery is how a fine's held papers come back (JSON of
	// application.Delivery, nil when none): see DeliveryFor.
	delivery []byte
}

// Finished is Status.Finished.
func (p Payment) Finished() bool { return p.Status.Finished() }

// ObligationIDs are the obligations p pays, in item order.
func (p Payment) ObligationIDs() []int64 {
	ids := make([]int64, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ObligationID
	}
	return ids
}

// Item is one obligation of a payment with its amount locked at creation.
type Item struct {
	ObligationID  int64
	AgencyCode    string
	Amount        int64
	Lines         []obligation.Line
	AgencyReceipt string
}

// Event is one entry of a payment's ledger.
type Event struct {
	At     time.Time
	Status Status
	Source Source
	Note   string
}

// ReceiptKind is a confirmation of ours or the agency's legal receipt.
type ReceiptKind string

// The kinds of receipt.
const (
	ReceiptConfirmation ReceiptKind = "CONFIRMATION"
	ReceiptAgency       ReceiptKind = "AGENCY"
)

// Receipt is a proof of payment.
type Receipt struct {
	ID         int64
	PaymentID  int64
	Kind       ReceiptKind
	Number     string
	Issuer     string
	IssuedAt   time.Time
	Amount     int64
	VerifyCode string
}

// RefundStatus of a refund.
type RefundStatus string

// The statuses of a refund.
const (
	RefundRequested RefundStatus = "REQUESTED"
	RefundSubmitted RefundStatus = "SUBMITTED"
	RefundSucceeded RefundStatus = "SUCCEEDED"
	RefundFailed    RefundStatus = "FAILED"
)

// Refund is part or all of a payment given back.
type Refund struct {
	ID        int64
	PaymentID int64
	Amount    int64
	Status    RefundStatus
	Reason    string
	CreatedAt time.Time
}

// Page defaults of the payment lists when first is not given (the schema's
// defaults must match: graph.TestPageDefaultsLiveOnce).
const (
	DefaultPageSize       = 20  // a citizen's payments
	DefaultAgencyPageSize = 100 // agencyPayments
)

// PaymentType, ReceiptType and RefundType are the GraphQL type names, which
// are also the types inside their global IDs (<Type>Type beside <Type>ID).
const (
	PaymentType = "Payment"
	ReceiptType = "Receipt"
	RefundType  = "Refund"
)

// GlobalID is the opaque ID of payment id.
func GlobalID(id int64) string { return relay.EncodeIntID(PaymentType, id) }

// ParseGlobalID returns the payment inside a global ID (0 for anything else).
func ParseGlobalID(gid string) int64 {
	id, _ := relay.DecodeIntID(PaymentType, gid)
	return id
}

// ReceiptGlobalID is the opaque ID of receipt id.
func ReceiptGlobalID(id int64) string { return relay.EncodeIntID(ReceiptType, id) }

// ParseReceiptGlobalID returns the receipt inside a global ID (0 otherwise).
func ParseReceiptGlobalID(gid string) int64 {
	id, _ := relay.DecodeIntID(ReceiptType, gid)
	return id
}

// RefundGlobalID is the opaque ID of refund id.
func RefundGlobalID(id int64) string { return relay.EncodeIntID(RefundType, id) }
