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
	msgCustomerCode = i18n.T("Mã khách hàng điện không hợp lệ (PA–PE và 11 chữ số).", "Invalid electricity customer code (PA–PE and 11 digits).")
	msgDecision     = i18n.T("Số quyết định không hợp lệ.", "Invalid decision number.")
	msgPlate        = i18n.T("Biển số không hợp lệ.", "Invalid plate number.")
	msgIDNumber     = i18n.T("Số định danh không hợp lệ (12 chữ số).", "Invalid ID number (12 digits).")
	msgKind         = i18n.T("Loại nghĩa vụ không được hỗ trợ.", "This kind of obligation cannot be looked up.")
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
		cc := strings.ToUpper(strings.TrimSpace(q.CustomerCode))
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
		case plate == "" && !vnid.ValidIDNumberFormat(id):
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

// ValidTaxCode: 10 digits with the check digit, 13 characters as
// 0123456789-001 for a dependent unit, or a 12-digit personal ID number (a
// person's tax code since 1 July 2025).
func ValidTaxCode(s string) bool {
	if len(s) == 14 && s[10] == '-' {
		return digits(s[11:]) && validMST10(s[:10])
	}
	if len(s) == 12 {
		return vnid.ValidIDNumberFormat(s)
	}
	return len(s) == 10 && validMST10(s)
}

// validMST10 checks the 10th digit: 10 − (Σ wᵢ·dᵢ mod 11) with weights
// 31, 29, 23, 19, 17, 13, 7, 5, 3.
func validMST10(s string) bool {
	if !digits(s) || len(s) != 10 {
		return false
	}
	w := [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}
	sum := 0
	for i, wi := range w {
		sum += wi * int(s[i]-'0')
	}
	c := 10 - sum%11
	return c < 10 && c == int(s[9]-'0')
}

// ValidCustomerCode: an EVN customer code, PA..PE (the power corporation)
// then 11 digits.
func ValidCustomerCode(s string) bool {
	return len(s) == 13 && s[0] == 'P' && s[1] >= 'A' && s[1] <= 'E' && digits(s[2:])
}

// PowerCorporation names the EVN corporation of a customer code's prefix.
func PowerCorporation(code string) (short, name string) {
	switch strings.ToUpper(code)[:2] {
	case "PA":
		return "EVNNPC", "Tổng công ty Điện lực miền Bắc"
	case "PB":
		return "EVNSPC", "Tổng công ty Điện lực miền Nam"
	case "PC":
		return "EVNCPC", "Tổng công ty Điện lực miền Trung"
	case "PD":
		return "EVNHANOI", "Tổng công ty Điện lực TP Hà Nội"
	default:
		return "EVNHCMC", "Tổng công ty Điện lực TP Hồ Chí Minh"
	}
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
