// Package validate owns input validation for every mutation: one
// go-playground validator with the portal's tags, whose failures come back as
// apperr UserErrors with JSON field paths and localized messages.
//
// Every free-text field carries the `safetext` tag: valid UTF-8, no NUL and no
// control characters (tab and newline allowed only where `multiline` is used).
package validate

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

var (
	mu sync.RWMutex
	v  = newValidator()
)

func newValidator() *validator.Validate {
	val := validator.New(validator.WithRequiredStructEnabled())
	val.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	must(val.RegisterValidation("safetext", func(fl validator.FieldLevel) bool { return SafeText(fl.Field().String(), false) }))
	must(val.RegisterValidation("multiline", func(fl validator.FieldLevel) bool { return SafeText(fl.Field().String(), true) }))
	return val
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// Register adds a tag. It is meant for package init; it panics on a bad tag.
func Register(tag string, fn func(s string) bool) {
	mu.Lock()
	defer mu.Unlock()
	must(v.RegisterValidation(tag, func(fl validator.FieldLevel) bool { return fn(fl.Field().String()) }))
}

// SafeText reports whether s is valid UTF-8 without NUL or control characters
// (newline and tab allowed when multiline).
func SafeText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return false
		}
	}
	return true
}

// Struct validates s and returns nil or an apperr validation error with one
// UserError per failing field, in field order.
func Struct(s any) error {
	mu.RLock()
	err := v.Struct(s)
	mu.RUnlock()
	if err == nil {
		return nil
	}
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) {
		return err
	}
	out := make([]apperr.UserError, 0, len(fes))
	for _, fe := range fes {
		out = append(out, toUserError(fe))
	}
	return apperr.Invalid(out...)
}

func toUserError(fe validator.FieldError) apperr.UserError {
	// Namespace is "Type.field.sub[2].x"; drop the type, split the rest.
	ns := fe.Namespace()
	if _, rest, ok := strings.Cut(ns, "."); ok {
		ns = rest
	}
	var path []string
	for _, part := range strings.Split(ns, ".") {
		name, idx, hasIdx := strings.Cut(part, "[")
		path = append(path, name)
		if hasIdx {
			path = append(path, strings.TrimSuffix(idx, "]"))
		}
	}
	if fe.Tag() == "required" || fe.Tag() == "required_if" || fe.Tag() == "required_without" {
		return apperr.Field(apperr.CodeRequired, i18n.T("Trường này là bắt buộc.", "This field is required."), path...)
	}
	return apperr.Field(apperr.CodeInvalid, messageFor(fe), path...)
}

func messageFor(fe validator.FieldError) i18n.Text {
	switch fe.Tag() {
	case "safetext", "multiline":
		return i18n.T("Có ký tự không hợp lệ (ký tự điều khiển hoặc không phải UTF-8).", "Contains invalid characters (control characters or invalid UTF-8).")
	case "max":
		return i18n.T("Quá dài (tối đa "+fe.Param()+").", "Too long (at most "+fe.Param()+").")
	case "min":
		return i18n.T("Quá ngắn (tối thiểu "+fe.Param()+").", "Too short (at least "+fe.Param()+").")
	case "oneof":
		return i18n.T("Giá trị không được chấp nhận.", "Value not accepted.")
	default:
		return i18n.T("Giá trị không hợp lệ.", "Invalid value.")
	}
}
