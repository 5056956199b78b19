package obligation

import (
	"strings"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// The identifier rules of a citizen's lookup: validate tags (taxpayercode,
// evncustomer, decisionnumber, vnplate, plausibleidnumber, all implemented by
// vnid) on the lookup of each kind below, and nowhere else.

// Query is a citizen's lookup: a kind and the identifiers of that kind.
type Query struct {
	Kind             Kind
	TaxCode          string
	CustomerCode     string
	DecisionNumber   string
	PlateNumber      string
	ViolatorIDNumber string
}

var (
	msgRequired = i18n.T("Thông tin này là bắt buộc.", "This field is required.")
	msgKind     = i18n.T("Loại nghĩa vụ không được hỗ trợ.", "This kind of obligation cannot be looked up.")
)

// valid checks lookups by the portal's tags.
var valid = validate.New()

// The lookup of each kind as it is validated, each identifier with its rule
// as a validate tag: the tax code trimmed, the customer code and the plate
// normalised (vnid.NormEVNCustomerCode, vnid.NormPlate), the decision number
// as sent (its tag checks the text before normalising it: upper-casing
// would turn invalid UTF-8 into U+FFFD).
type (
	taxLookup struct {
		TaxCode string `json:"taxCode" validate:"required,taxpayercode"`
	}
	electricityLookup struct {
		CustomerCode string `json:"customerCode" validate:"required,evncustomer"`
	}
	// fineLookup is never one factor alone: the decision number and the
	// plate or, without a plate, the violator's ID number (required_without:
	// both absent is REQUIRED at plateNumber). With a plate the ID number is
	// not used, so it is left out of the lookup (and not checked).
	fineLookup struct {
		DecisionNumber   string `json:"decisionNumber" validate:"nonblank,decisionnumber"`
		PlateNumber      string `json:"plateNumber" validate:"required_without=ViolatorIDNumber,omitempty,vnplate"`
		ViolatorIDNumber string `json:"violatorIdNumber" validate:"omitempty,plausibleidnumber"`
	}
)

// LookupKeys checks q and returns the keys it finds obligations by, or the
// userErrors of its fields.
func (q Query) LookupKeys() ([]string, error) {
	switch q.Kind {
	case KindTax:
		in := taxLookup{TaxCode: strings.TrimSpace(q.TaxCode)}
		if err := valid.Struct(in); err != nil {
			return nil, err
		}
		return []string{TaxKey(in.TaxCode)}, nil
	case KindElectricity:
		in := electricityLookup{CustomerCode: vnid.NormEVNCustomerCode(q.CustomerCode)}
		if err := valid.Struct(in); err != nil {
			return nil, err
		}
		return []string{ElectricityKey(in.CustomerCode)}, nil
	case KindTrafficFine:
		in := fineLookup{DecisionNumber: q.DecisionNumber, PlateNumber: vnid.NormPlate(q.PlateNumber)}
		if in.PlateNumber == "" {
			in.ViolatorIDNumber = strings.TrimSpace(q.ViolatorIDNumber)
		}
		if err := valid.Struct(in); err != nil {
			return nil, err
		}
		if in.PlateNumber != "" {
			return []string{FinePlateKey(in.DecisionNumber, in.PlateNumber)}, nil
		}
		return []string{FineIDKey(in.DecisionNumber, in.ViolatorIDNumber)}, nil
	}
	return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgKind, "kind"))
}

// Identifier is what q looks up by, as the payer's SMS names it: the tax
// code, the customer code or the decision number.
func (q Query) Identifier() string {
	switch q.Kind {
	case KindTax:
		return strings.TrimSpace(q.TaxCode)
	case KindElectricity:
		return vnid.NormEVNCustomerCode(q.CustomerCode)
	case KindTrafficFine:
		return strings.Join(strings.Fields(q.DecisionNumber), "")
	}
	return ""
}

// TaxKey, ElectricityKey, FinePlateKey and FineIDKey are the lookup keys
// stored with an obligation (lookup_keys) and searched by a Query.
func TaxKey(taxCode string) string      { return "TAX:" + taxCode }
func ElectricityKey(code string) string { return "EVN:" + strings.ToUpper(code) }
func FinePlateKey(d, plate string) string {
	return "FINE:" + vnid.NormDecisionNumber(d) + "|" + vnid.NormPlate(plate)
}
func FineIDKey(d, id string) string { return "FINEID:" + vnid.NormDecisionNumber(d) + "|" + id }

// ValidTaxCode reports whether s is what a taxpayer is known by (the
// taxpayercode tag): a tax code (10 digits with the check digit, or 13 as
// 0123456789-001 for a dependent unit) or, since 1 July 2025 a person's tax
// code, a 12-digit ID number with a birth-province code.
func ValidTaxCode(s string) bool { return valid.OK(s, "taxpayercode") }
