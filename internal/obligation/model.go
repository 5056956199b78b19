package obligation

import (
	"time"

	"github.com/dvcportal/dvcportal/internal/relay"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Kind is what an obligation is.
type Kind string

// The kinds of obligation.
const (
	KindTax            Kind = "TAX"
	KindElectricity    Kind = "ELECTRICITY_BILL"
	KindTrafficFine    Kind = "TRAFFIC_FINE"
	KindApplicationFee Kind = "APPLICATION_FEE"
)

// tagKind and tagLineKind are the validate rules of a kind and a line kind:
// the tags of PushInput.Kind and Line.Kind (struct tags cannot name a
// constant; TestPushTagsAreTheKinds keeps them equal) and Valid.
const (
	tagKind     = "oneof=TAX ELECTRICITY_BILL TRAFFIC_FINE APPLICATION_FEE"
	tagLineKind = "oneof=PRINCIPAL LATE_CHARGE FEE POSTAGE TAX"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return valid.OK(string(k), tagKind) }

// Findable reports whether obligations of kind k are held by an agency and
// found by a lookup (findObligations), so a catalogue service may pay them:
// TAX, ELECTRICITY_BILL and TRAFFIC_FINE. APPLICATION_FEE is made by an
// application, never looked up.
func (k Kind) Findable() bool {
	switch k {
	case KindTax, KindElectricity, KindTrafficFine:
		return true
	}
	return false
}

// Status of an obligation.
type Status string

// The statuses of an obligation.
const (
	StatusOpen       Status = "OPEN"
	StatusPaid       Status = "PAID"
	StatusCancelled  Status = "CANCELLED"
	StatusSuperseded Status = "SUPERSEDED"
)

// LineKind is what a line of an obligation is for.
type LineKind string

// The kinds of line.
const (
	LinePrincipal  LineKind = "PRINCIPAL"
	LineLateCharge LineKind = "LATE_CHARGE"
	LineFee        LineKind = "FEE"
	LinePostage    LineKind = "POSTAGE"
	LineTax        LineKind = "TAX"
)

// Valid reports whether k is a known line kind.
func (k LineKind) Valid() bool { return valid.OK(string(k), tagLineKind) }

// Line is one amount of an obligation, in whole VND. Its validate tags are
// what an agency may push (PushInput): a known kind, a name, an amount above
// 0 and at most maxAmount.
type Line struct {
	Kind   LineKind `json:"kind" validate:"oneof=PRINCIPAL LATE_CHARGE FEE POSTAGE TAX"`
	Name   string   `json:"name" validate:"nonblank,safetext,max=500"`
	Amount int64    `json:"amount" validate:"gt=0,max=1000000000000"`
}

// Payee is the account the money goes to (a State Treasury or bank
// account). Its validate tags are what an agency may push (PushInput).
type Payee struct {
	BankCode      string `json:"bankCode" validate:"nonblank,safetext,max=500"`
	AccountNumber string `json:"accountNumber" validate:"nonblank,safetext,max=500"`
	AccountName   string `json:"accountName" validate:"nonblank,safetext,max=500"`
}

// Same reports whether p and q are the same account.
func (p Payee) Same(q Payee) bool {
	return p.BankCode == q.BankCode && p.AccountNumber == q.AccountNumber
}

// Origin says where an obligation came from.
type Origin string

// The origins of an obligation.
const (
	OriginSandbox Origin = "SANDBOX" // the sandbox obligations file
	OriginPush    Origin = "PUSH"    // the agency pushed it with its API key
)

// NameVisibility says who sees a debtor's name.
type NameVisibility string

// The visibilities of a debtor's name.
const (
	NameSelf   NameVisibility = "SELF"   // a person: shown to that person only
	NameShown  NameVisibility = "SHOWN"  // an enterprise
	NameMasked NameVisibility = "MASKED" // always masked (EVN customers)
)

// Obligation is what a debtor owes an agency. Dates are calendar days in
// Vietnam kept as midnight UTC.
type Obligation struct {
	ID             int64
	AgencyCode     string
	Kind           Kind
	Origin         Origin
	SourceRef      string
	LookupKeys     []string // what a citizen's Query finds it by
	DebtorIDNumber string   // 12 digits when the debtor is a person known by ID
	DebtorName     string   // as recorded; show through Quote.DebtorNameFor
	NameVisibility NameVisibility
	Description    string
	Period         string
	DueDate        *time.Time
	ReceivedOn     *time.Time // fines: the day the decision was received
	HeldPapers     bool       // fines: papers held until paid (delivery needed)
	Lines          []Line     // without the late charge
	Principal      int64      // sum of Lines
	Payee          Payee
	Status         Status
	PaidOn         *time.Time
	UpdatedAt      time.Time
	Details        Details
}

// Details are what the agency says of an obligation beyond its amount
// (stored as JSON; empty for what an agency pushes without them).
type Details struct {
	// Identifier is what the citizen looked it up by, as the SMS names it:
	// the tax code, the customer code or the decision number.
	Identifier string `json:"identifier,omitempty"`
	// Tax: the reference number (số tham chiếu), the collecting authority,
	// the budget chapter and sub-item.
	Reference string `json:"reference,omitempty"`
	Authority string `json:"authority,omitempty"`
	Chapter   string `json:"chapter,omitempty"`
	SubItem   string `json:"subItem,omitempty"`
	// Electricity: the power corporation, the energy billed and the supply
	// address's province and ward (shown at ward level only).
	Corporation  string `json:"corporation,omitempty"`
	KWh          int64  `json:"kwh,omitempty"`
	ProvinceCode string `json:"provinceCode,omitempty"`
	WardCode     string `json:"wardCode,omitempty"`
	// Fines: the deciding unit, the violation, its article, the papers held
	// and the points deducted.
	Unit       string   `json:"unit,omitempty"`
	Violation  string   `json:"violation,omitempty"`
	Article    string   `json:"article,omitempty"`
	HeldPapers []string `json:"heldPapers,omitempty"`
	Points     int      `json:"points,omitempty"`
}

// Quote is an obligation's amount due on one day: its lines, with a fine's
// late charge for that day, and until when the quote holds.
type Quote struct {
	Lines      []Line
	Amount     int64
	ValidUntil time.Time
}

// QuoteAt is what o costs when paid at now: a quote holds until the end of
// that day in Vietnam (a fine's late charge grows by the day).
func (o Obligation) QuoteAt(now time.Time) Quote {
	day := vntime.DateOf(now)
	q := Quote{Lines: append([]Line(nil), o.Lines...), Amount: o.Principal}
	if o.Kind == KindTrafficFine && o.ReceivedOn != nil {
		if c := FineLateCharge(o.Principal, *o.ReceivedOn, day); c > 0 {
			q.Lines = append(q.Lines, Line{Kind: LineLateCharge, Name: "Tiền nộp chậm", Amount: c})
			q.Amount += c
		}
	}
	end := day.AddDate(0, 0, 1)
	q.ValidUntil = vntime.Midnight(end).Add(-time.Second)
	return q
}

// Payable reports whether o can be paid now.
func (o Obligation) Payable() bool { return o.Status == StatusOpen }

// DebtorNameFor is the debtor's name as the viewer (a citizen's ID number,
// or "" for anyone else) may see it.
func (o Obligation) DebtorNameFor(viewerIDNumber string) string {
	switch o.NameVisibility {
	case NameShown:
		return o.DebtorName
	case NameSelf:
		if viewerIDNumber != "" && viewerIDNumber == o.DebtorIDNumber {
			return o.DebtorName
		}
	}
	return MaskName(o.DebtorName)
}

// DefaultPageSize is the page of a citizen's obligations when first is not
// given (the schema's default must match: graph.TestPageDefaultsLiveOnce).
const DefaultPageSize = 50

// ObligationType is the GraphQL type name of an obligation, which is also the
// type inside its global ID (<Type>Type beside <Type>ID).
const ObligationType = "Obligation"

// GlobalID is the opaque ID of obligation id.
func GlobalID(id int64) string { return relay.EncodeIntID(ObligationType, id) }

// ParseGlobalID returns the obligation inside a global ID (0 for anything else).
func ParseGlobalID(gid string) int64 {
	id, _ := relay.DecodeIntID(ObligationType, gid)
	return id
}
