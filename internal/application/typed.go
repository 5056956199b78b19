package application

import (
	"context"
	"slices"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// A typed service mutation (reissueHealthCard) is a submission with its own
// input type: its handler package maps the typed input onto a SubmitInput and
// declares, in a FieldPaths, where the generic field paths are in the typed
// input; SubmitTyped submits and reports UserErrors at the typed paths. No
// service writes its own path remapper.

// FieldPaths says where the fields of a generic submission are in a typed
// mutation's input.
type FieldPaths struct {
	// Form maps a form field name to its path in the typed input
	// ("socialInsuranceCode" → ["socialInsuranceCode"]).
	Form map[string][]string
	// Case is the typed input's path of the case code (e.g. ["reason"]);
	// nil when the typed input has none.
	Case []string
	// Amends is the typed input's path of the original application (e.g.
	// ["originalApplicationId"]); nil keeps ["amends"].
	Amends []string
}

// Path maps a generic path: formData.<field> and caseCode as declared;
// serviceCode and undeclared form fields to nil (the typed input has
// neither: the service as a whole is meant); anything else (delivery,
// captcha, idempotencyKey) unchanged.
func (m FieldPaths) Path(p []string) []string {
	switch {
	case len(p) >= 2 && p[0] == "formData":
		if to, ok := m.Form[p[1]]; ok {
			return append(slices.Clone(to), p[2:]...)
		}
		return nil
	case slices.Equal(p, []string{"caseCode"}):
		return slices.Clone(m.Case)
	case len(p) >= 1 && p[0] == "amends" && m.Amends != nil:
		return append(slices.Clone(m.Amends), p[1:]...)
	case slices.Equal(p, []string{"serviceCode"}), slices.Equal(p, []string{"formData"}):
		return nil
	}
	return p
}

// Submitter is the application router (Service.Submit).
type Submitter interface {
	Submit(ctx context.Context, in SubmitInput) (Application, error)
}

// SubmitTyped submits in exactly as submitApplication would (the same
// idempotency hash) and reports its UserErrors at the typed input's paths.
func SubmitTyped(ctx context.Context, router Submitter, in SubmitInput, paths FieldPaths) (Application, error) {
	app, err := router.Submit(ctx, in)
	if ues, ok := apperr.AsUserErrors(err); ok {
		out := make([]apperr.UserError, len(ues))
		for i, ue := range ues {
			ue.Field = paths.Path(ue.Field)
			out[i] = ue
		}
		return app, apperr.Invalid(out...)
	}
	return app, err
}
