package validate

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// The portal's tags, besides go-playground's own (required, max, min, oneof,
// omitempty, dive, …; max and min count runes on strings):
//
//	nonblank      not empty and not only white space (REQUIRED when it fails)
//	safetext      one line of text: valid UTF-8, no NUL, no control character,
//	              no line or paragraph separator, no byte-order mark
//	multiline     safetext that may also hold newlines, carriage returns and tabs
//	idnumber      12 ASCII digits (the shape of a citizen ID number; the
//	              province and century/sex digits need the date of birth:
//	              vnid.ValidateIDNumber)
//	sicode        social insurance code, 10 ASCII digits
//	vnmobile      mobile number, 0xxxxxxxxx or +84xxxxxxxxx with a mobile prefix
//	healthcard    health insurance card number, 10 digits or the legacy
//	              15-character form
//	provincecode  shape of a province code, 2 digits
//	wardcode      shape of a ward code, 5 digits
//	code          a catalogue code: upper-case letters and digits in groups
//	              joined by hyphens ("HC-REISSUE"); pair it with max=64
//	fieldname     a form field name: a lower-case letter, then letters and digits
//	captchaid     shape of a captcha challenge ID
//	currency      a currency code, 3 upper-case ASCII letters ("VND")
//	otp           a one-time code, 6 ASCII digits
//	regexp        safetext that compiles as an RE2 regular expression
//	plausibleidnumber
//	              an ID number known without its date of birth: 12 ASCII
//	              digits starting with a birth-province code
//	              (vnid.PlausibleIDNumber)
//	taxcode       a tax code (MST): 10 digits with the check digit, or 13 as
//	              0123456789-001 for a dependent unit (vnid.ValidTaxCode)
//	evncustomer   an EVN customer code, ^P[A-Z][A-Z0-9]{11}$ with a power
//	              corporation's prefix, once upper-cased and without spaces
//	              (vnid.NormEVNCustomerCode, vnid.ValidEVNCustomerCode)
//	vnplate       a vehicle plate number: once upper-cased and without
//	              spaces, hyphens and dots, 6–10 ASCII letters and digits
//	              starting with 2 digits (vnid.NormPlate, vnid.ValidPlate)
//	decisionnumber
//	              a penalty decision number: one line of text (safetext) of
//	              1–50 bytes once upper-cased and without white space
//	              (vnid.NormDecisionNumber, vnid.ValidDecisionNumber)
//
// and the aliases (validator's RegisterAlias: a failure reports the alias):
//
//	taxpayercode  taxcode|plausibleidnumber: what a taxpayer is known by,
//	              since 1 July 2025 a person's ID number is their tax code
var tags = []struct {
	name string
	ok   func(string) bool
}{
	{"nonblank", func(s string) bool { return strings.TrimSpace(s) != "" }},
	{"safetext", func(s string) bool { return SafeText(s, false) }},
	{"multiline", func(s string) bool { return SafeText(s, true) }},
	{"idnumber", vnid.ValidIDNumberFormat},
	{"sicode", vnid.ValidSocialInsuranceCode},
	{"vnmobile", vnid.ValidMobile},
	{"healthcard", vnid.ValidHealthCardNumber},
	{"provincecode", provinceCodeRE.MatchString},
	{"wardcode", wardCodeRE.MatchString},
	{"code", codeRE.MatchString},
	{"fieldname", fieldNameRE.MatchString},
	{"captchaid", captcha.ValidID},
	{"currency", currencyRE.MatchString},
	{"otp", otpRE.MatchString},
	{"regexp", func(s string) bool {
		if !SafeText(s, false) {
			return false
		}
		_, err := regexp.Compile(s)
		return err == nil
	}},
	{"plausibleidnumber", vnid.PlausibleIDNumber},
	{"taxcode", vnid.ValidTaxCode},
	{"evncustomer", func(s string) bool { return vnid.ValidEVNCustomerCode(vnid.NormEVNCustomerCode(s)) }},
	{"vnplate", func(s string) bool { return vnid.ValidPlate(vnid.NormPlate(s)) }},
	{"decisionnumber", func(s string) bool {
		return SafeText(s, false) && vnid.ValidDecisionNumber(vnid.NormDecisionNumber(s))
	}},
}

// aliases are tag combinations under one name (tags above).
var aliases = []struct{ name, tags string }{
	{"taxpayercode", "taxcode|plausibleidnumber"},
}

var (
	provinceCodeRE = regexp.MustCompile(`^[0-9]{2}$`)
	wardCodeRE     = regexp.MustCompile(`^[0-9]{5}$`)
	codeRE         = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)
	fieldNameRE    = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	currencyRE     = regexp.MustCompile(`^[A-Z]{3}$`)
	otpRE          = regexp.MustCompile(`^[0-9]{6}$`)
)

// SafeText reports whether s is valid UTF-8 without NUL or control characters
// (newline, carriage return and tab allowed when multiline), line or
// paragraph separators or a byte-order mark. It is the rule of the safetext
// and multiline tags, for a caller holding a value of unknown type.
func SafeText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return false
		}
	}
	return true
}

// Messages of the failures, by tag.
var (
	msgRequired = i18n.T("Trường này là bắt buộc.", "This field is required.")
	msgInvalid  = i18n.T("Giá trị không hợp lệ.", "Invalid value.")
	// MsgDuplicate is DUPLICATE's message: unique's, at each later repeat
	// (duplicates), and that of every hand-written check of a list whose
	// values must differ.
	MsgDuplicate = i18n.T("Giá trị này trùng với một mục trước trong danh sách.", "This value repeats an earlier item of the list.")
	msgText      = i18n.T("Có ký tự không hợp lệ (ký tự điều khiển hoặc không phải UTF-8).", "Contains invalid characters (control characters or invalid UTF-8).")
	messages     = map[string]i18n.Text{
		"safetext":          msgText,
		"multiline":         msgText,
		"oneof":             i18n.T("Giá trị không được hỗ trợ.", "The value is not supported."),
		"idnumber":          i18n.T("Số định danh cá nhân phải gồm 12 chữ số hợp lệ.", "The ID number must be 12 valid digits."),
		"sicode":            i18n.T("Mã số BHXH phải gồm 10 chữ số.", "The social insurance code must be 10 digits."),
		"vnmobile":          i18n.T("Số điện thoại di động không hợp lệ.", "Not a valid mobile phone number."),
		"healthcard":        i18n.T("Số thẻ BHYT không hợp lệ.", "Not a valid health insurance card number."),
		"provincecode":      i18n.T("Mã tỉnh/thành phố gồm 2 chữ số.", "A province code is 2 digits."),
		"wardcode":          i18n.T("Mã phường/xã gồm 5 chữ số.", "A ward code is 5 digits."),
		"code":              i18n.T("Mã chỉ gồm chữ in hoa, chữ số và dấu gạch ngang (tối đa 64 ký tự).", "A code is upper-case letters, digits and hyphens (at most 64 characters)."),
		"fieldname":         i18n.T("Tên trường bắt đầu bằng chữ thường, chỉ gồm chữ và số.", "A field name starts with a lower-case letter and has only letters and digits."),
		"captchaid":         i18n.T("Mã captcha không hợp lệ.", "Not a valid captcha ID."),
		"otp":               i18n.T("Mã xác thực gồm 6 chữ số.", "The code is 6 digits."),
		"regexp":            i18n.T("Biểu thức chính quy không hợp lệ (RE2).", "Not a valid (RE2) regular expression."),
		"plausibleidnumber": i18n.T("Số định danh không hợp lệ (12 chữ số).", "Invalid ID number (12 digits)."),
		"taxcode": i18n.T("Mã số thuế không hợp lệ (10 chữ số, hoặc 13 ký tự dạng 0123456789-001).",
			"Invalid tax code (10 digits, or 13 as 0123456789-001)."),
		"taxpayercode": i18n.T("Mã số thuế không hợp lệ (10 chữ số, 13 ký tự dạng 0123456789-001, hoặc số định danh 12 chữ số).",
			"Invalid tax code (10 digits, 13 as 0123456789-001, or a 12-digit personal ID number)."),
		"evncustomer": i18n.T("Mã khách hàng điện không hợp lệ (13 ký tự, bắt đầu bằng P và mã của tổng công ty điện lực, ví dụ PD01000123456).",
			"Invalid electricity customer code (13 characters: P, the power corporation's letter, then 11 letters or digits, e.g. PD01000123456)."),
		"vnplate":        i18n.T("Biển số không hợp lệ.", "Invalid plate number."),
		"decisionnumber": i18n.T("Số quyết định không hợp lệ.", "Invalid decision number."),
	}
)

func messageFor(tag, param string) i18n.Text {
	switch tag {
	case "max":
		return i18n.T("Quá dài (tối đa "+param+" ký tự).", "Too long (at most "+param+" characters).")
	case "min":
		return i18n.T("Quá ngắn (tối thiểu "+param+" ký tự).", "Too short (at least "+param+" characters).")
	}
	if m, ok := messages[tag]; ok {
		return m
	}
	return msgInvalid
}

// numberBound is the message of a failed bound on a number.
func numberBound(tag, param string) (i18n.Text, bool) {
	switch tag {
	case "max", "lte":
		return i18n.T("Tối đa "+param+".", "At most "+param+"."), true
	case "min", "gte":
		return i18n.T("Tối thiểu "+param+".", "At least "+param+"."), true
	case "gt":
		return i18n.T("Phải lớn hơn "+param+".", "Must be greater than "+param+"."), true
	case "lt":
		return i18n.T("Phải nhỏ hơn "+param+".", "Must be less than "+param+"."), true
	}
	return i18n.Text{}, false
}

// listBound is the message of a failed bound on the length of a list.
func listBound(tag, param string) (i18n.Text, bool) {
	switch tag {
	case "max", "lte":
		return i18n.T("Tối đa "+param+" mục.", "At most "+param+" items."), true
	case "min", "gte":
		if param == "1" {
			return i18n.T("Cần ít nhất một mục.", "At least one item is needed."), true
		}
		return i18n.T("Cần ít nhất "+param+" mục.", "At least "+param+" items are needed."), true
	}
	return i18n.Text{}, false
}
