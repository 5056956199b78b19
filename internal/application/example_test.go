package application_test

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// fishingLicence is the handler of a (made-up) fishing-licence service: the
// form must name a boat, and a boat has at most one open application.
type fishingLicence struct {
	// Owed, OnPaid and OnTransition: the defaults. A step added to Handler
	// later gets a default here too, so this handler keeps compiling.
	application.HandlerDefaults
}

func (fishingLicence) Prepare(_ context.Context, req application.Request) (application.Plan, error) {
	// The form definition's rules (required, types, patterns; strings
	// through package validate).
	if errs := req.Version.Form.Validate(req.FormData); len(errs) > 0 {
		return application.Plan{}, apperr.Invalid(errs...)
	}
	boat, _ := req.FormData["boat"].(string)
	return application.Plan{OpenKey: "fishing:" + boat, OpenKeyField: []string{"formData", "boat"}}, nil
}

// Registering a service handler: one Register line in the wiring
// (internal/app), under the name the catalogue's handler binding uses
// ({kind: BUILTIN, name: "fishing"}).
func ExampleHandlerSet_Register() {
	handlers := application.NewHandlerSet()
	handlers.Register("fishing", fishingLicence{})

	h, _ := handlers.Get("fishing")
	version := catalogue.ServiceVersion{Form: catalogue.FormDefinition{Fields: []catalogue.FormField{
		{Name: "boat", Label: i18n.T("Số đăng ký tàu", "Boat registration"), Type: catalogue.FieldText, Required: true},
	}}}
	ctx := context.Background()
	_, err := h.Prepare(ctx, application.Request{Version: version, FormData: map[string]any{}})
	ues, _ := apperr.AsUserErrors(err)
	fmt.Println(ues[0].Field, ues[0].Code)

	plan, _ := h.Prepare(ctx, application.Request{Version: version, FormData: map[string]any{"boat": "QN-90123-TS"}})
	fmt.Println(plan.OpenKey)
	fmt.Println(handlers.Names())
	// Output:
	// [formData boat] REQUIRED
	// fishing:QN-90123-TS
	// [fishing]
}
