// Package validate owns input validation: every string a client sends is
// checked here before it reaches a domain rule or the database. It is one
// go-playground validator with the portal's tags, whose failures come back as
// apperr UserErrors with the GraphQL input field paths and vi/en messages.
//
// A Validator is a plain value built by New with a fixed set of tags; there is
// no init-time registry and nothing can add a tag later. Each domain package
// builds the one it uses (`var valid = validate.New()`); it is safe for
// concurrent use.
//
// Two ways in:
//
//   - Struct validates a struct by its `validate` tags; field paths come from
//     the `json` tags (["delivery", "address", "wardCode"], indices as
//     strings).
//   - Field validates one value against a tag list at a given path, for
//     inputs that are not tagged structs (form data, drafts).
//
// Every free-text field carries `safetext` (single line) or `multiline`, and
// `max=N` counts runes; on a number it bounds the value, on a list (with
// `dive` for its elements) the number of elements, and the message says so.
// `unique` (a list's elements, or with `unique=Field` that field of each,
// all different) is DUPLICATE at each later repeat's path (["obligations",
// "3", "sourceRef"]); like any rule on a list, a failure stops the `dive`,
// so an input that must also report its elements' errors checks unique in
// a second struct once they pass. See tags.go for the tag list and Cap for
// the bound on the number of UserErrors one input can produce.
package validate

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Validator checks inputs. Build it with New.
type Validator struct {
	v *validator.Validate
}

// New returns a Validator with every portal tag and alias (tags.go).
func New() *Validator {
	val := validator.New(validator.WithRequiredStructEnabled())
	val.RegisterTagNameFunc(fieldName)
	for _, t := range tags {
		fn := t.ok
		if err := val.RegisterValidation(t.name, func(fl validator.FieldLevel) bool {
			return fn(fl.Field().String())
		}); err != nil {
			// The tag table is static: a bad entry is a programming error.
			panic(fmt.Sprintf("validate: tag %q: %v", t.name, err))
		}
	}
	for _, a := range aliases {
		val.RegisterAlias(a.name, a.tags)
	}
	return &Validator{v: val}
}

// Struct validates s and returns nil or an apperr validation error with one
// UserError per failing field, in field order (capped, see Cap).
func (v *Validator) Struct(s any) error {
	err := v.v.Struct(s)
	if err == nil {
		return nil
	}
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) {
		return fmt.Errorf("validate %T: %w", s, err)
	}
	out := make([]apperr.UserError, 0, len(fes))
	for _, fe := range fes {
		out = append(out, toUserErrors(fe, namespacePath(fe.Namespace()))...)
	}
	return apperr.Invalid(Cap(out)...)
}

// fieldName is the input's name of a struct field: its json name, else its
// Go name ("" for json:"-").
func fieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// StructErrors is Struct's UserErrors, for a caller that collects more.
func (v *Validator) StructErrors(s any) []apperr.UserError {
	ues, _ := apperr.AsUserErrors(v.Struct(s))
	return ues
}

// Field validates one value against tag (e.g. "nonblank,safetext,max=100")
// and returns nil or the UserError of the first failing rule at path.
func (v *Validator) Field(value any, tag string, path ...string) *apperr.UserError {
	err := v.v.Var(value, tag)
	if err == nil {
		return nil
	}
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) || len(fes) == 0 {
		// A bad tag string: a programming error, refused rather than passed.
		ue := apperr.Field(apperr.CodeInvalid, msgInvalid, path...)
		return &ue
	}
	ue := toUserErrors(fes[0], path)[0]
	return &ue
}

// OK reports whether value passes tag, for checks whose message is the
// caller's own.
func (v *Validator) OK(value any, tag string) bool { return v.v.Var(value, tag) == nil }

// namespacePath turns "Type.field.sub[2].x" into ["field", "sub", "2", "x"].
func namespacePath(ns string) []string {
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
	return path
}

// toUserErrors is the UserErrors of fe at path: one, but a failed unique
// gives one per repeat (duplicates).
func toUserErrors(fe validator.FieldError, path []string) []apperr.UserError {
	switch fe.Tag() {
	case "required", "required_if", "required_without", "nonblank":
		return []apperr.UserError{apperr.Field(apperr.CodeRequired, msgRequired, path...)}
	case "unique":
		return duplicates(fe, path)
	}
	return []apperr.UserError{apperr.Field(apperr.CodeInvalid, messageOf(fe), path...)}
}

// duplicates is the UserErrors of a failed `unique` on a list (its
// elements, or with `unique=Field` that field of each, must differ):
// DUPLICATE at each element that repeats an earlier one, at the repeat's
// path (["obligations", "3", "sourceRef"]), so the first occurrence stands
// and the client learns which later ones to drop; on a map (its values),
// one DUPLICATE at path. The values compared are the validator's, so the
// repeats found here are the ones that failed the tag.
func duplicates(fe validator.FieldError, path []string) []apperr.UserError {
	list := reflect.ValueOf(fe.Value())
	var out []apperr.UserError
	if k := list.Kind(); k == reflect.Slice || k == reflect.Array {
		seen := map[any]bool{}
		for i := range list.Len() {
			key, at := uniqueKey(list.Index(i), fe.Param(), append(append([]string{}, path...), strconv.Itoa(i)))
			if seen[key] {
				out = append(out, apperr.Field(apperr.CodeDuplicate, MsgDuplicate, at...))
			}
			seen[key] = true
		}
	}
	if len(out) == 0 {
		return []apperr.UserError{apperr.Field(apperr.CodeDuplicate, MsgDuplicate, path...)}
	}
	return out
}

// uniqueKey is what unique compares of a list's element at path at: the
// element, or with field that field of it (pointers followed, nil as nil),
// and the path of what it compares (at, or at + the field's input name).
func uniqueKey(elem reflect.Value, field string, at []string) (any, []string) {
	elem = reflect.Indirect(elem)
	if field != "" && elem.Kind() == reflect.Struct {
		if f, ok := elem.Type().FieldByName(field); ok {
			elem, at = reflect.Indirect(elem.FieldByIndex(f.Index)), append(at, fieldName(f))
		}
	}
	if !elem.IsValid() {
		return nil, at
	}
	return elem.Interface(), at
}

// messageOf is the message of fe: the bounds (min, max, gt, …) of a number
// or a list say so, a string's bound counts characters (messageFor).
func messageOf(fe validator.FieldError) i18n.Text {
	switch fe.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		if m, ok := numberBound(fe.Tag(), fe.Param()); ok {
			return m
		}
	case reflect.Slice, reflect.Array, reflect.Map:
		if m, ok := listBound(fe.Tag(), fe.Param()); ok {
			return m
		}
	}
	return messageFor(fe.Tag(), fe.Param())
}

// StructAt is StructErrors with every path under prefix, for a tagged
// struct nested in an untagged input (["captcha", "answer"]).
func (v *Validator) StructAt(s any, prefix ...string) []apperr.UserError {
	ues := v.StructErrors(s)
	for i := range ues {
		ues[i].Field = append(append([]string{}, prefix...), ues[i].Field...)
	}
	return ues
}
