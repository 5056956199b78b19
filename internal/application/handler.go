package application

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
)

// Handler is the service-specific part of a submission. The router has
// already checked the service, the case, the delivery and the captcha; the
// handler checks the form data against the applicant and the registry and
// says what the application costs, when its result is due, and which SMS
// confirms it.
//
// Prepare returns an apperr validation error (UserErrors with paths such as
// ["formData", "socialInsuranceCode"]) for input it refuses.
//
// Every other method is an optional step with a default in HandlerDefaults,
// which every handler embeds (River's WorkerDefaults idiom):
//
//	type Handler struct {
//		application.HandlerDefaults
//		…
//	}
//
// so the interface can grow a step (what is owed, on paid, a step of its
// own lifecycle) without breaking a handler that does not need it: the new
// method gets a default in HandlerDefaults, and only the handlers that need
// it override it.
type Handler interface {
	Prepare(ctx context.Context, req Request) (Plan, error)
	// Owed is what the applicant owes on app now (payments ask it before
	// taking a payment). Default: the fee of its plan.
	Owed(ctx context.Context, app Application) (money.Money, error)
	// OnPaid is told that app has been paid in full. Default: nothing.
	OnPaid(ctx context.Context, app Application) error
	// OnTransition is told that app has moved to its current status (after
	// the move is committed; an error is logged, the move stands). Default:
	// nothing.
	OnTransition(ctx context.Context, app Application, from Status) error
	// Amendable says whether original (an application the applicant may
	// read, of the same applicant and agency) may be amended by req, e.g.
	// only a confirmed registration not yet ended; a refusal is a
	// validation error at ["amends"]. Default: nothing is amendable
	// (ORIGINAL_NOT_AMENDABLE).
	Amendable(ctx context.Context, original Application, req Request) error
}

// HandlerDefaults is the default of every optional step of Handler. Embed it
// in each handler; override only the steps the service needs.
type HandlerDefaults struct{}

// Owed is the application's fee.
func (HandlerDefaults) Owed(_ context.Context, app Application) (money.Money, error) {
	return app.Fee, nil
}

// OnPaid does nothing.
func (HandlerDefaults) OnPaid(context.Context, Application) error { return nil }

// OnTransition does nothing.
func (HandlerDefaults) OnTransition(context.Context, Application, Status) error { return nil }

// Amendable refuses: a service takes amendments only when its handler says
// which.
func (HandlerDefaults) Amendable(context.Context, Application, Request) error {
	return apperr.Invalid(apperr.Field(apperr.CodeOriginalNotAmendable, msgNotAmendable, "amends"))
}

// Request is one submission as a handler sees it.
type Request struct {
	Applicant Applicant
	Version   catalogue.ServiceVersion
	Case      catalogue.Case
	FormData  map[string]any
	Delivery  Delivery
	Now       time.Time
	// Original is the application this submission amends (SubmitInput.
	// Amends), already found readable by the applicant, of the same
	// applicant and agency, and accepted by Amendable; nil otherwise.
	Original *Application
}

// Applicant is who submits.
type Applicant struct {
	AccountID int64
	IDNumber  string
	Lang      i18n.Lang
	// Enterprise is the enterprise the citizen acts for, nil when they
	// apply for themself.
	Enterprise *Enterprise
}

// Plan is a handler's decision on an acceptable submission.
type Plan struct {
	// FormData is what to store (normalised); nil stores the form data as
	// submitted.
	FormData map[string]any
	Fee      money.Money
	// AppointmentDate is the date the result is due.
	AppointmentDate time.Time
	// OpenKey, when set, allows one open application per key (e.g. per
	// health card): the database refuses a second with
	// DUPLICATE_APPLICATION at OpenKeyField.
	OpenKey      string
	OpenKeyField []string
	// Complete: the application needs no decision (a notification): it is
	// COMPLETED as it is stored.
	Complete bool
	// ReceiptTemplate is the notify template of the confirmation SMS; it
	// receives {code} and {date} (dd/mm/yyyy).
	ReceiptTemplate string
}

// HandlerSet holds the handlers by name. Adding a built-in service is a new
// package and one Register line in the wiring (README "How to add a
// service"; example_test.go).
type HandlerSet struct {
	mu       sync.RWMutex
	handlers map[string]Handler
}

// NewHandlerSet returns an empty HandlerSet.
func NewHandlerSet() *HandlerSet { return &HandlerSet{handlers: map[string]Handler{}} }

// Register binds name to h. A duplicate name is a programming error.
func (r *HandlerSet) Register(name string, h Handler) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.handlers[name]; dup {
		panic(fmt.Sprintf("application: handler %q registered twice", name))
	}
	r.handlers[name] = h
}

// Get returns the handler registered as name.
func (r *HandlerSet) Get(name string) (Handler, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	h, ok := r.handlers[name]
	return h, ok
}

// Names lists the registered handlers, sorted.
func (r *HandlerSet) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.handlers))
	for n := range r.handlers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// The handler names the router itself relies on.
const (
	// HandlerForm is the generic handler: form data against the version's
	// form definition. WEBHOOK services use it before their delivery.
	HandlerForm = "form"
	// HandlerWebhook is what an application of a WEBHOOK service records
	// as its handler.
	HandlerWebhook = "webhook"
)
