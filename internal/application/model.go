package application

import (
	"encoding/json"
	"time"

	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Delivery is how the citizen receives the result: at a counter of the
// agency (OfficeCode), by post (Address), or electronically.
type Delivery struct {
	Method     catalogue.DeliveryMethod `json:"method"`
	OfficeCode string                   `json:"officeCode,omitempty"`
	Address    *PostalAddress           `json:"address,omitempty"`
}

// PostalAddress is where the post brings the result. RecipientPhone is
// normalised to +84 once validated.
type PostalAddress struct {
	ProvinceCode   string `json:"provinceCode"`
	WardCode       string `json:"wardCode"`
	Street         string `json:"street"`
	RecipientName  string `json:"recipientName"`
	RecipientPhone string `json:"recipientPhone"`
}

// AddressView is what a reader is shown of a postal address, built field
// by field with the recipient's phone masked (DESIGN.md §7), like identity's
// Citizen: a field PostalAddress gains is not shown until it is added here.
type AddressView struct {
	ProvinceCode         string
	WardCode             string
	Street               string
	RecipientName        string
	MaskedRecipientPhone string // 091****678
}

// View is what a reader is shown of the address.
func (a PostalAddress) View() AddressView {
	return AddressView{
		ProvinceCode: a.ProvinceCode, WardCode: a.WardCode, Street: a.Street, RecipientName: a.RecipientName,
		MaskedRecipientPhone: vnid.MaskPhone(a.RecipientPhone),
	}
}

// Application is one citizen's application for one service version.
type Application struct {
	ID        int64
	Code      string
	AccountID int64
	// ApplicantIDNumber is the citizen who submitted: the applicant, or
	// the legal representative of the enterprise EnterpriseID.
	ApplicantIDNumber string
	// EnterpriseID is the enterprise applying (0: the citizen applies for
	// themself).
	EnterpriseID int64
	// AmendsID is the application this one amends (0: none), of the same
	// applicant and agency.
	AmendsID       int64
	AgencyCode     string
	ServiceCode    string
	ServiceVersion int
	CaseCode       string
	// Handler is the name of the handler that accepted it ("webhook" for
	// partner-processed services).
	Handler  string
	FormData json.RawMessage
	Delivery Delivery
	Fee      money.Money
	Status   Status
	// AppointmentDate is the date the result is due (midnight UTC of the
	// date in Vietnam).
	AppointmentDate time.Time
	SubmittedAt     time.Time
	UpdatedAt       time.Time
}

// Event is one entry of an application's history.
type Event struct {
	At              time.Time
	Status          Status
	Action          Action
	Actor           ActorKind
	Note            string
	AppointmentDate time.Time
}
