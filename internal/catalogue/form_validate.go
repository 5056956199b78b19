package catalogue

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Rules of submitted form values (package validate), besides the bounds a
// form definition sets.
const (
	tagFormText = "max=2000"
	tagStreet   = "safetext,max=200"
)

// patterns caches compiled field patterns: each pattern is compiled once per
// process. Patterns come from the catalogue (a few hundred at most), so the
// cache is bounded by the catalogue's size.
var patterns sync.Map // string → *regexp.Regexp

// compilePattern compiles a field pattern anchored to the whole value.
func compilePattern(p string) (*regexp.Regexp, error) {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(`^(?:` + p + `)$`)
	if err != nil {
		return nil, fmt.Errorf("compile pattern: %w", err)
	}
	patterns.Store(p, re)
	return re, nil
}

var (
	msgRequired     = i18n.T("Trường này là bắt buộc.", "This field is required.")
	msgUnknownField = i18n.T("Trường không có trong biểu mẫu.", "This field is not part of the form.")
	msgNotText      = i18n.T("Giá trị phải là chuỗi ký tự hợp lệ.", "The value must be valid text.")
	msgNotNumber    = i18n.T("Giá trị phải là số.", "The value must be a number.")
	msgNotDate      = i18n.T("Ngày phải có dạng YYYY-MM-DD.", "The date must be YYYY-MM-DD.")
	msgNotOption    = i18n.T("Giá trị không nằm trong danh sách lựa chọn.", "The value is not one of the options.")
	msgNotPhone     = i18n.T("Số điện thoại di động không hợp lệ.", "Not a valid mobile phone number.")
	msgNotIDNumber  = i18n.T("Số định danh cá nhân phải gồm 12 chữ số hợp lệ.", "The ID number must be 12 valid digits.")
	msgNotAddress   = i18n.T("Địa chỉ phải gồm tỉnh/thành phố, phường/xã và số nhà, đường.", "The address needs a province, a ward and a street.")
	msgPattern      = i18n.T("Giá trị không đúng định dạng.", "The value does not have the expected format.")
	msgTooShort     = i18n.T("Giá trị quá ngắn.", "The value is too short.")
	msgTooLong      = i18n.T("Giá trị quá dài.", "The value is too long.")
	msgTooSmall     = i18n.T("Giá trị nhỏ hơn mức tối thiểu.", "The value is below the minimum.")
	msgTooLarge     = i18n.T("Giá trị lớn hơn mức tối đa.", "The value is above the maximum.")
)

// Validate checks submitted form data against the definition. Each problem
// is a UserError whose field path starts with "formData" (["formData",
// name], or ["formData", name, part] inside an address). Keys that are not
// fields of the form are refused too. The result is empty when data is valid,
// and holds at most validate.MaxUserErrors and one summary (thousands of
// unknown keys give 21 UserErrors, not thousands).
func (d FormDefinition) Validate(data map[string]any) []apperr.UserError {
	var errs []apperr.UserError
	for _, f := range d.Fields {
		errs = append(errs, f.validate(data[f.Name])...)
	}
	var unknown []string
	for k := range data {
		if _, ok := d.Field(k); !ok {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		key := k
		if !valid.OK(key, "safetext,max=64") {
			// Never echo a key that is not short, plain text.
			key = "?"
		}
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgUnknownField, "formData", key))
	}
	return validate.Cap(errs)
}

// empty reports whether a submitted value counts as not given.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func (f FormField) validate(v any) []apperr.UserError {
	bad := func(msg i18n.Text, code string, sub ...string) []apperr.UserError {
		return []apperr.UserError{apperr.Field(code, msg, append([]string{"formData", f.Name}, sub...)...)}
	}
	if empty(v) {
		if f.Required {
			return bad(msgRequired, apperr.CodeRequired)
		}
		return nil
	}
	switch f.Type {
	case FieldText:
		s, ok := v.(string)
		if !ok || !valid.OK(s, "multiline") {
			return bad(msgNotText, apperr.CodeInvalid)
		}
		n := utf8.RuneCountInString(s)
		switch {
		case !valid.OK(s, tagFormText) || (f.Max != nil && float64(n) > *f.Max):
			return bad(msgTooLong, apperr.CodeInvalid)
		case f.Min != nil && float64(n) < *f.Min:
			return bad(msgTooShort, apperr.CodeInvalid)
		}
		if f.Pattern != "" {
			re, err := compilePattern(f.Pattern)
			if err != nil || !re.MatchString(s) {
				return bad(msgPattern, apperr.CodeInvalid)
			}
		}
	case FieldNumber:
		n, ok := number(v)
		if !ok {
			return bad(msgNotNumber, apperr.CodeInvalid)
		}
		switch {
		case f.Min != nil && n < *f.Min:
			return bad(msgTooSmall, apperr.CodeInvalid)
		case f.Max != nil && n > *f.Max:
			return bad(msgTooLarge, apperr.CodeInvalid)
		}
	case FieldDate:
		s, ok := v.(string)
		if !ok {
			return bad(msgNotDate, apperr.CodeInvalid)
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return bad(msgNotDate, apperr.CodeInvalid)
		}
	case FieldSelect:
		s, ok := v.(string)
		if !ok || !f.hasOption(s) {
			return bad(msgNotOption, apperr.CodeInvalid)
		}
	case FieldPhone:
		s, ok := v.(string)
		if !ok || !valid.OK(s, "vnmobile") {
			return bad(msgNotPhone, apperr.CodeInvalid)
		}
	case FieldIDNumber:
		s, ok := v.(string)
		if !ok || !valid.OK(s, "idnumber") {
			return bad(msgNotIDNumber, apperr.CodeInvalid)
		}
		if _, known := vnid.BirthProvince(s[:3]); !known {
			return bad(msgNotIDNumber, apperr.CodeInvalid)
		}
	case FieldAddress:
		return f.validateAddress(v)
	default:
		// A definition that passed draft validation has no other type.
		return bad(msgNotText, apperr.CodeInvalid)
	}
	return nil
}

func (f FormField) hasOption(s string) bool {
	for _, o := range f.Options {
		if o.Value == s {
			return true
		}
	}
	return false
}

// validateAddress checks the shape of an address value: {provinceCode,
// wardCode, street}. Whether the ward is in the province is the handler's
// check (it needs the administrative units).
func (f FormField) validateAddress(v any) []apperr.UserError {
	m, ok := v.(map[string]any)
	if !ok {
		return []apperr.UserError{apperr.Field(apperr.CodeInvalid, msgNotAddress, "formData", f.Name)}
	}
	var errs []apperr.UserError
	part := func(key string, tag string) {
		s, isStr := m[key].(string)
		switch {
		case !isStr || s == "":
			errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "formData", f.Name, key))
		case !valid.OK(s, tag):
			errs = append(errs, apperr.Field(apperr.CodeInvalid, msgNotAddress, "formData", f.Name, key))
		}
	}
	part("provinceCode", "provincecode")
	part("wardCode", "wardcode")
	part("street", tagStreet)
	for k := range m {
		switch k {
		case "provinceCode", "wardCode", "street":
		default:
			errs = append(errs, apperr.Field(apperr.CodeInvalid, msgUnknownField, "formData", f.Name, "?"))
		}
	}
	return errs
}

// number returns v as a finite float64 when it is a JSON number.
func number(v any) (float64, bool) {
	var n float64
	switch x := v.(type) {
	case float64:
		n = x
	case float32:
		n = float64(x)
	case int:
		n = float64(x)
	case int64:
		n = float64(x)
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return 0, false
		}
		n = f
	default:
		return 0, false
	}
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}
