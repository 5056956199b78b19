package validate

import (
	"strconv"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// MaxUserErrors is how many UserErrors one input can produce. An input with
// more problems (form data with thousands of unknown keys) gets the first
// MaxUserErrors and one more, without a field, saying how many were left
// out: the client learns what to fix first, and the answer stays small.
const MaxUserErrors = 20

// Cap bounds ues to MaxUserErrors plus one summarising error.
func Cap(ues []apperr.UserError) []apperr.UserError {
	if len(ues) <= MaxUserErrors {
		return ues
	}
	n := strconv.Itoa(len(ues) - MaxUserErrors)
	out := append([]apperr.UserError{}, ues[:MaxUserErrors]...)
	return append(out, apperr.UserError{Code: apperr.CodeInvalid, Message: i18n.T(
		"Còn "+n+" lỗi khác không được liệt kê.",
		n+" more errors are not listed.")})
}

// Errors collects the UserErrors of one input.
type Errors []apperr.UserError

// Add appends ue when it is not nil and reports whether it was nil (the
// check passed), so a caller can go on with the checks that need it.
func (e *Errors) Add(ue *apperr.UserError) bool {
	if ue == nil {
		return true
	}
	*e = append(*e, *ue)
	return false
}

// Append appends UserErrors.
func (e *Errors) Append(ues ...apperr.UserError) { *e = append(*e, ues...) }

// Err is nil when nothing was collected, else the apperr validation error of
// the collected UserErrors, capped (Cap).
func (e Errors) Err() error { return apperr.Invalid(Cap(e)...) }
