package obligation

import (
	"strings"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// The identifier rules of a citizen's lookup live here and only here (a later
// issue refines them per agency).

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
	msgTaxCode  = i18n.T("Mã số thuế không hợp lệ (10 chữ số, 13 ký tự dạng 0123456789-001, hoặc số định danh 12 chữ số).",
		"Invalid tax code (10 digits, 13 as 0123456789-001, or a 12-digit personal ID number).")
	msgCustomerCode = i18n.T("Mã khách hàng điện không hợp lệ (13 ký tự, bắt đầu bằng P và mã của tổng công ty điện lực, ví dụ PD01000123456).",
		"Invalid electricity customer code (13 characters: P, the power corporation's letter, then 11 letters or digits, e.g. PD01000123456).")
	msgDecision = i18n.T("Số quyết định không hợp lệ.", "Invalid decision number.")
	msgPlate    = i18n.T("Biển số không hợp lệ.", "Invalid plate number.")
	msgIDNumber = i18n.T("Số định danh không hợp lệ (12 chữ số).", "Invalid ID number (12 digits).")
	msgKind     = i18n.T("Loại nghĩa vụ không được hỗ trợ.", "This kind of obligation cannot be looked up.")
)

// LookupKeys checks q and returns the keys it finds obligations by, or the
// userErrors of its fields.
func (q Query) LookupKeys() ([]string, error) {
	var errs []apperr.UserError
	bad := func(code string, msg i18n.Text, field string) {
		errs = append(errs, apperr.Field(code, msg, field))
	}
	var keys []string
	switch q.Kind {
	case KindTax:
		tc := strings.TrimSpace(q.TaxCode)
		switch {
		case tc == "":
			bad(apperr.CodeRequired, msgRequired, "taxCode")
		case !ValidTaxCode(tc):
			bad(apperr.CodeInvalid, msgTaxCode, "taxCode")
		default:
			keys = append(keys, TaxKey(tc))
		}
	case KindElectricity:
		cc := NormCustomerCode(q.CustomerCode)
		switch {
		case cc == "":
			bad(apperr.CodeRequired, msgRequired, "customerCode")
		case !ValidCustomerCode(cc):
			bad(apperr.CodeInvalid, msgCustomerCode, "customerCode")
		default:
			keys = append(keys, ElectricityKey(cc))
		}
	case KindTrafficFine:
		d := normDecision(q.DecisionNumber)
		switch {
		case d == "":
			bad(apperr.CodeRequired, msgRequired, "decisionNumber")
		case len(d) > 50:
			bad(apperr.CodeInvalid, msgDecision, "decisionNumber")
		}
		plate, id := NormPlate(q.PlateNumber), strings.TrimSpace(q.ViolatorIDNumber)
		switch {
		case plate == "" && id == "":
			bad(apperr.CodeRequired, msgRequired, "plateNumber")
		case plate != "" && !validPlate(plate):
			bad(apperr.CodeInvalid, msgPlate, "plateNumber")
		case plate == "" && !vnid.PlausibleIDNumber(id):
			bad(apperr.CodeInvalid, msgIDNumber, "violatorIdNumber")
		}
		if len(errs) == 0 {
			if plate != "" {
				keys = append(keys, FinePlateKey(d, plate))
			} else {
				keys = append(keys, FineIDKey(d, id))
			}
		}
	default:
		bad(apperr.CodeInvalid, msgKind, "kind")
	}
	if len(errs) > 0 {
		return nil, apperr.Invalid(errs...)
	}
	return keys, nil
}

// Identifier is what q looks up by, as the payer's SMS names it: the tax
// code, the customer code or the decision number.
func (q Query) Identifier() string {
	switch q.Kind {
	case KindTax:
		return strings.TrimSpace(q.TaxCode)
	case KindElectricity:
		return NormCustomerCode(q.CustomerCode)
	case KindTrafficFine:
		return strings.Join(strings.Fields(q.DecisionNumber), "")
	}
	return ""
}

// TaxKey, ElectricityKey, FinePlateKey and FineIDKey are the lookup keys
// stored with an obligation (lookup_keys) and searched by a Query.
func TaxKey(taxCode string) string        { return "TAX:" + taxCode }
func ElectricityKey(code string) string   { return "EVN:" + strings.ToUpper(code) }
func FinePlateKey(d, plate string) string { return "FINE:" + normDecision(d) + "|" + NormPlate(plate) }
func FineIDKey(d, id string) string       { return "FINEID:" + normDecision(d) + "|" + id }

func normDecision(d string) string { return strings.ToUpper(strings.Join(strings.Fields(d), "")) }

// NormPlate is a plate number without separators, upper case: "30A-123.45" → "30A12345".
func NormPlate(p string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(p) {
		if r != ' ' && r != '-' && r != '.' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func validPlate(p string) bool {
	if len(p) < 6 || len(p) > 10 || p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9' {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// ValidTaxCode: a tax code (vnid.ValidTaxCode: 10 digits with the check
// digit, or 13 as 0123456789-001 for a dependent unit) or a 12-digit personal
// ID number (a person's tax code since 1 July 2025; vnid.PlausibleIDNumber).
func ValidTaxCode(s string) bool {
	if len(s) == 12 {
		return vnid.PlausibleIDNumber(s)
	}
	return vnid.ValidTaxCode(s)
}

// NormCustomerCode is a customer code as typed, upper case and without
// spaces: " pd01 000 123456" → "PD01000123456".
func NormCustomerCode(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// ValidCustomerCode: an EVN customer code (normalised by NormCustomerCode),
// ^P[A-Z][A-Z0-9]{11}$, whose prefix names a power corporation.
func ValidCustomerCode(s string) bool {
	if len(s) != 13 || s[0] != 'P' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || i > 1 && c >= '0' && c <= '9') {
			return false
		}
	}
	_, _, ok := PowerCorporation(s)
	return ok
}

// The five EVN power corporations, by the second letter of a customer code.
var powerCorporations = map[byte][2]string{
	'D': {"EVNHANOI", "Tổng công ty Điện lực TP Hà Nội"},
	'E': {"EVNHCMC", "Tổng công ty Điện lực TP Hồ Chí Minh"},
	'A': {"EVNNPC", "Tổng công ty Điện lực miền Bắc"},
	'H': {"EVNNPC", "Tổng công ty Điện lực miền Bắc"},
	'M': {"EVNNPC", "Tổng công ty Điện lực miền Bắc"},
	'N': {"EVNNPC", "Tổng công ty Điện lực miền Bắc"},
	'B': {"EVNSPC", "Tổng công ty Điện lực miền Nam"},
	'K': {"EVNSPC", "Tổng công ty Điện lực miền Nam"},
	'C': {"EVNCPC", "Tổng công ty Điện lực miền Trung"},
	'P': {"EVNCPC", "Tổng công ty Điện lực miền Trung"},
	'Q': {"EVNCPC", "Tổng công ty Điện lực miền Trung"},
}

// PowerCorporation names the EVN corporation of a customer code's prefix
// (PD Hà Nội; PE Hồ Chí Minh City; PA/PH/PM/PN North; PB/PK South;
// PC/PP/PQ Central); ok is false for any other prefix.
func PowerCorporation(code string) (short, name string, ok bool) {
	if len(code) < 2 || code[0] != 'P' {
		return "", "", false
	}
	c, ok := powerCorporations[code[1]]
	return c[0], c[1], ok
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
