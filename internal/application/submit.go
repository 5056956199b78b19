package application

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// Submit routes a citizen's submission to the handler of the service's
// current published version and, when everything checks out, stores it in
// one transaction: the application (with its code, pinned version, fee and
// appointment date), its first event, the confirmation SMS job and, for a
// WEBHOOK service, the delivery job.
//
// The same idempotency key with the same input returns the application the
// first call created (however many calls race); with other input it is
// IDEMPOTENCY_KEY_REUSED.
func (s *Service) Submit(ctx context.Context, in SubmitInput) (Application, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Application{}, err
	}
	if err := in.checkShape(); err != nil {
		return Application{}, err
	}
	hash, err := in.requestHash()
	if err != nil {
		return Application{}, err
	}
	// A retry of a submission that went through: answer it before the
	// checks below, which the first call's own application would now fail
	// (an open application for the same card, a consumed captcha), and
	// before the rate limits: a replay is never RATE_LIMITED (issue 14 #8).
	if app, found, err := s.replay(ctx, actor.AccountID, in.IdempotencyKey, hash); found || err != nil {
		return app, err
	}
	if err := s.limiter.Enforce(ctx, "application:submit:ip", s.limits.SubmitPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return Application{}, err
	}

	v, c, err := s.route(ctx, in)
	if err != nil {
		return Application{}, err
	}
	delivery, err := s.checkDelivery(ctx, v, in.Delivery)
	if err != nil {
		return Application{}, err
	}
	handlerName, h, err := s.handlerOf(v)
	if err != nil {
		return Application{}, err
	}
	if err := s.verifyCaptcha(ctx, in.Captcha); err != nil {
		return Application{}, err
	}
	contact, err := s.contacts.Contact(ctx, actor.AccountID, actor.IDNumber)
	if err != nil {
		return Application{}, fmt.Errorf("contact of applicant: %w", err)
	}
	now := s.now()
	plan, err := h.Prepare(ctx, Request{
		Applicant: Applicant{AccountID: actor.AccountID, IDNumber: actor.IDNumber, Lang: contact.Lang},
		Version:   v, Case: c, FormData: in.FormData, Delivery: delivery, Now: now,
	})
	if err != nil {
		return Application{}, err
	}
	// The per-account limit counts submissions that passed every check: the
	// citizen's own typing mistakes above do not spend it (issue 14 #8).
	if err := s.limiter.Enforce(ctx, "application:submit:account", s.limits.SubmitPerAccount, strconv.FormatInt(actor.AccountID, 10)); err != nil {
		return Application{}, err
	}
	formData := plan.FormData
	if formData == nil {
		formData = in.FormData
	}
	if formData == nil {
		formData = map[string]any{}
	}
	form, err := json.Marshal(formData)
	if err != nil {
		return Application{}, fmt.Errorf("encode form data: %w", err)
	}
	seq, err := s.codes.ensure(ctx, v.AgencyCode)
	if err != nil {
		return Application{}, err
	}
	app := Application{
		AccountID: actor.AccountID, ApplicantIDNumber: actor.IDNumber, AgencyCode: v.AgencyCode,
		ServiceCode: v.ServiceCode, ServiceVersion: v.Number, CaseCode: c.Code, Handler: handlerName,
		FormData: form, Delivery: delivery, Fee: plan.Fee, Status: StatusSubmitted,
		AppointmentDate: DateOf(plan.AppointmentDate), SubmittedAt: now.UTC().Truncate(time.Microsecond),
	}
	app.UpdatedAt = app.SubmittedAt
	var inserted bool
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if app.Code, err = s.codes.next(ctx, tx, v.AgencyCode, seq, now); err != nil {
			return err
		}
		if inserted, err = insertApplication(ctx, tx, &app, plan.OpenKey, in.IdempotencyKey, hash); err != nil || !inserted {
			return err
		}
		if err := appendEvent(ctx, tx, app.ID, Event{At: app.SubmittedAt, Status: StatusSubmitted, Action: ActionSubmit,
			Actor: ActorCitizen, AppointmentDate: app.AppointmentDate}, actorRef(actor)); err != nil {
			return err
		}
		if err := s.sendReceipt(ctx, tx, app, plan.ReceiptTemplate, contact); err != nil {
			return err
		}
		if handlerName == HandlerWebhook {
			return s.handOff(ctx, tx, app, v, "application.submitted")
		}
		return nil
	})
	if isUniqueViolation(err, "applications_one_open") {
		// Either a racing call with our key won (then answer with its
		// application), or another open application holds the key.
		if app, found, rerr := s.replay(ctx, actor.AccountID, in.IdempotencyKey, hash); found || rerr != nil {
			return app, rerr
		}
		field := plan.OpenKeyField
		if len(field) == 0 {
			field = []string{"formData"}
		}
		return Application{}, apperr.Invalid(apperr.Field(apperr.CodeDuplicateApplication, msgDuplicate, field...))
	}
	if err != nil {
		return Application{}, err
	}
	if !inserted {
		// A racing call with the same key committed first.
		app, _, err := s.replay(ctx, actor.AccountID, in.IdempotencyKey, hash)
		return app, err
	}
	return app, nil
}

// replay finds the application an idempotency key already created: found
// with it for the same input, IDEMPOTENCY_KEY_REUSED for other input.
func (s *Service) replay(ctx context.Context, accountID int64, key string, hash []byte) (Application, bool, error) {
	var row struct {
		appRow
		RequestHash []byte `db:"request_hash"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT `+appColumns+`, request_hash FROM applications
		WHERE account_id = $1 AND idempotency_key = $2`, accountID, key)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, false, nil
	}
	if err != nil {
		return Application{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if !bytes.Equal(row.RequestHash, hash) {
		return Application{}, true, apperr.Invalid(apperr.Field(apperr.CodeIdempotencyKeyReused, msgIdempotencyReused, "idempotencyKey"))
	}
	app, err := row.appRow.application()
	return app, true, err
}

// route finds the current published version and checks it takes online
// submissions for the case.
func (s *Service) route(ctx context.Context, in SubmitInput) (catalogue.ServiceVersion, catalogue.Case, error) {
	v, err := s.catalogue.CurrentVersion(ctx, in.ServiceCode)
	if errors.Is(err, apperr.ErrNotFound) {
		return v, catalogue.Case{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownService, "serviceCode"))
	}
	if err != nil {
		return v, catalogue.Case{}, fmt.Errorf("route %s: %w", in.ServiceCode, err)
	}
	if _, online := v.ChannelOf(catalogue.Online); !online {
		return v, catalogue.Case{}, apperr.Invalid(apperr.Field(apperr.CodeServiceNotAvailable, msgNotOnline, "serviceCode"))
	}
	c, ok := v.CaseOf(in.CaseCode)
	if !ok {
		return v, c, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownCase, "caseCode"))
	}
	return v, c, nil
}

// handlerOf resolves a version's handler binding.
func (s *Service) handlerOf(v catalogue.ServiceVersion) (string, Handler, error) {
	name := v.Handler.Name
	if v.Handler.Kind == catalogue.Webhook {
		name = HandlerForm
	}
	h, ok := s.Handlers.Get(name)
	if !ok {
		return "", nil, fmt.Errorf("service %s v%d: no handler %q registered", v.ServiceCode, v.Number, name)
	}
	if v.Handler.Kind == catalogue.Webhook {
		return HandlerWebhook, h, nil
	}
	return name, h, nil
}

func (s *Service) verifyCaptcha(ctx context.Context, c captcha.Answer) error {
	ok, err := s.captcha.Verify(ctx, c.ID, c.Answer)
	if err != nil {
		return fmt.Errorf("verify captcha: %w", err)
	}
	if !ok {
		return apperr.Invalid(apperr.Field(apperr.CodeInvalidCaptcha, msgInvalidCaptcha, "captcha", "answer"))
	}
	return nil
}

// sendReceipt queues the confirmation SMS with the code and the date.
func (s *Service) sendReceipt(ctx context.Context, tx *sqlx.Tx, app Application, template string, to Contact) error {
	if template == "" {
		template = notify.TemplateApplicationReceived
	}
	text, err := s.templates.Render(template, to.Lang, map[string]string{"code": app.Code, "date": FormatDate(app.AppointmentDate)})
	if err != nil {
		return fmt.Errorf("receipt SMS of %s: %w", app.Code, err)
	}
	if err := s.sms.EnqueueTx(ctx, tx, notify.SMS{To: to.Phone, Text: text, Purpose: notify.PurposeApplication}); err != nil {
		return fmt.Errorf("queue receipt SMS of %s: %w", app.Code, err)
	}
	return nil
}

// isUniqueViolation reports whether err is a unique violation of constraint.
func isUniqueViolation(err error, constraint string) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505" && pqErr.Constraint == constraint
}

func actorRef(a auth.Actor) string {
	switch a.Kind {
	case auth.Citizen:
		return "account:" + strconv.FormatInt(a.AccountID, 10)
	case auth.Agency:
		return "client:" + strconv.FormatInt(a.APIClientID, 10)
	}
	return ""
}
