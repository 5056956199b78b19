// Package form is the generic built-in handler, registered as "form": the
// form data must satisfy the service version's form definition; the fee and
// the appointment date come from the version's ONLINE channel. Services that
// need nothing more than their form (tax and bill payments, registrations)
// and every partner (WEBHOOK) service use it. It owns no tables.
package form

import (
	"context"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
)

// Handler is the generic form handler.
type Handler struct {
	application.HandlerDefaults
	cal application.Calendar
}

// New returns the handler; cal counts processing time.
func New(cal application.Calendar) *Handler { return &Handler{cal: cal} }

// Prepare validates the form data and computes the fee and appointment date.
func (h *Handler) Prepare(_ context.Context, req application.Request) (application.Plan, error) {
	if errs := req.Version.Form.Validate(req.FormData); len(errs) > 0 {
		return application.Plan{}, apperr.Invalid(errs...)
	}
	fee, due, err := application.OnlineTerms(h.cal, req.Version, req.Now)
	if err != nil {
		return application.Plan{}, err
	}
	return application.Plan{Fee: fee, AppointmentDate: due}, nil
}
