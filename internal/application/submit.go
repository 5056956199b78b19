package application

import (
	"bytes"
	"context"
	"crypto/sha256"
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
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Submit routes a citizen's submission to the handler of the service's
// current published version and, when everything checks out, stores it in
// one transaction: the application (with its code, pinned version, fee and
// appointment date), its first event, its documents, the confirmation SMS
// job and, for a WEBHOOK service, the delivery job.
//
// The same idempotency key with the same input returns the application the
// first call created (however many calls race); with other input it is
// IDEMPOTENCY_KEY_REUSED.
func (s *Service) Submit(ctx context.Context, in SubmitInput) (Application, error) {
	apps, err := s.SubmitGroup(ctx, []SubmitInput{in})
	if err != nil {
		return Application{}, err
	}
	return apps[0], nil
}

// SubmitGroup submits applications that stand or fall together, e.g. one
// notification to each of several agencies: the first input's captcha,
// enterprise and documents are those of the group (each application gets
// the documents), all are stored in one transaction or none is. Their
// idempotency keys must differ; a retry of the group returns the same
// applications.
func (s *Service) SubmitGroup(ctx context.Context, ins []SubmitInput) ([]Application, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return nil, err
	}
	if len(ins) == 0 {
		return nil, errors.New("application: empty submission group")
	}
	for _, in := range ins {
		if err := in.checkShape(); err != nil {
			return nil, err
		}
	}
	hash, err := groupHash(ins)
	if err != nil {
		return nil, err
	}
	first := ins[0]
	// A retry of a submission that went through: answer it before the
	// checks below, which the first call's own application would now fail
	// (an open application for the same card, a consumed captcha), and
	// before the rate limits: a replay is never RATE_LIMITED (issue 14 #8).
	// Anything else is counted per IP and its captcha consumed here (one
	// statement); a wrong captcha is refused after the checks, as before.
	apps, found, captchaOK, err := s.replayOrCountIP(ctx, actor.AccountID, keys(ins), hash, first.Captcha)
	if found || err != nil {
		return apps, err
	}
	var ent *Enterprise
	if first.EnterpriseID != "" {
		if s.enterprises == nil {
			return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgNoEnterprises, "enterpriseId"))
		}
		e, err := s.enterprises.Act(ctx, first.EnterpriseID, "enterpriseId")
		if err != nil {
			return nil, err
		}
		ent = &e
	}
	original, err := s.original(ctx, actor, ent, ins)
	if err != nil {
		return nil, err
	}
	type prepared struct {
		v        catalogue.ServiceVersion
		c        catalogue.Case
		delivery Delivery
		handler  string
		h        Handler
	}
	preps := make([]prepared, len(ins))
	for i, in := range ins {
		p := &preps[i]
		if p.v, p.c, err = s.route(ctx, in); err != nil {
			return nil, err
		}
		if p.delivery, err = s.checkDelivery(ctx, p.v, in.Delivery); err != nil {
			return nil, err
		}
		if p.handler, p.h, err = s.handlerOf(p.v); err != nil {
			return nil, err
		}
		if err := s.checkDocuments(p.c, first.Documents); err != nil {
			return nil, err
		}
		if original != nil && p.v.AgencyCode != original.AgencyCode {
			return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgAmendAgency, "serviceCode"))
		}
	}
	if !captchaOK {
		return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalidCaptcha, msgInvalidCaptcha, "captcha", "answer"))
	}
	// The applicant is the actor: their contact is the one this request's
	// session lookup read (no query of its own, and current).
	contact, err := s.contacts.Contact(ctx, s.db, actor.AccountID, actor.IDNumber)
	if err != nil {
		return nil, fmt.Errorf("contact of applicant: %w", err)
	}
	now := s.now()
	apps = make([]Application, len(ins))
	plans := make([]Plan, len(ins))
	seqs := make([]string, len(ins))
	for i, in := range ins {
		p := preps[i]
		req := Request{
			Applicant: Applicant{AccountID: actor.AccountID, IDNumber: actor.IDNumber, Lang: contact.Lang, Enterprise: ent},
			Version:   p.v, Case: p.c, FormData: in.FormData, Delivery: p.delivery, Now: now, Original: original,
		}
		if original != nil {
			if err := p.h.Amendable(ctx, *original, req); err != nil {
				return nil, err
			}
		}
		plan, err := p.h.Prepare(ctx, req)
		if err != nil {
			return nil, err
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
			return nil, fmt.Errorf("encode form data: %w", err)
		}
		if seqs[i], err = s.codes.ensure(ctx, p.v.AgencyCode); err != nil {
			return nil, err
		}
		status := StatusSubmitted
		if plan.Complete {
			status = StatusCompleted
		}
		apps[i] = Application{
			AccountID: actor.AccountID, ApplicantIDNumber: actor.IDNumber, AgencyCode: p.v.AgencyCode,
			ServiceCode: p.v.ServiceCode, ServiceVersion: p.v.Number, CaseCode: p.c.Code, Handler: p.handler,
			FormData: form, Delivery: p.delivery, Fee: plan.Fee, Status: status,
			AppointmentDate: vntime.DateOf(plan.AppointmentDate), SubmittedAt: now.UTC().Truncate(time.Microsecond),
		}
		if ent != nil {
			apps[i].EnterpriseID = ent.ID
		}
		if original != nil {
			apps[i].AmendsID = original.ID
		}
		apps[i].UpdatedAt = apps[i].SubmittedAt
		plans[i] = plan
	}
	// The per-account limit counts submissions that are stored: the
	// citizen's own typing mistakes above do not spend it (issue 14 #8), and
	// it is counted in the transaction's first statement, so it commits with
	// the applications and a transaction that stores none (a duplicate, a
	// failure, the refusal itself) counts nothing. Refused: RATE_LIMITED,
	// nothing written.
	limited, limitArgs := ratelimit.CountIn("limited", "one", 2, "application:submit:account", s.limits.SubmitPerAccount,
		strconv.FormatInt(actor.AccountID, 10))
	var inserted bool
	var failedPlan Plan
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		ids := make([]int64, len(apps))
		for i := range apps {
			app, plan, p := &apps[i], plans[i], preps[i]
			failedPlan = plan
			if i == 0 {
				app.Code, err = s.codes.nextCounted(ctx, tx, p.v.AgencyCode, seqs[i], now, limited, limitArgs)
			} else {
				app.Code, err = s.codes.next(ctx, tx, p.v.AgencyCode, seqs[i], now)
			}
			if err != nil {
				return err
			}
			if inserted, err = insertApplication(ctx, tx, app, plan.OpenKey, ins[i].IdempotencyKey, hash); err != nil || !inserted {
				return err
			}
			ids[i] = app.ID
			if err := appendEvent(ctx, tx, app.ID, Event{At: app.SubmittedAt, Status: StatusSubmitted, Action: ActionSubmit,
				Actor: ActorCitizen, AppointmentDate: app.AppointmentDate}, actorRef(actor)); err != nil {
				return err
			}
			if plan.Complete {
				// Received, no processing (a notification): completed at once.
				if err := appendEvent(ctx, tx, app.ID, Event{At: app.SubmittedAt, Status: StatusCompleted, Action: ActionComplete,
					Actor: ActorSystem, AppointmentDate: app.AppointmentDate}, ""); err != nil {
					return err
				}
			}
			if err := s.sendReceipt(ctx, tx, *app, plan.ReceiptTemplate, contact); err != nil {
				return err
			}
		}
		if len(first.Documents) > 0 {
			err := s.documents.AttachTx(ctx, tx, ids, first.Documents, document.RoleApplicant, func(i int) []string {
				return []string{"documents", strconv.Itoa(i), "uploadId"}
			})
			if err != nil {
				return err
			}
		}
		for i, app := range apps {
			if app.Handler == HandlerWebhook {
				if err := s.handOff(ctx, tx, app, preps[i].v, "application.submitted"); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if isUniqueViolation(err, "applications_one_open") {
		// Either a racing call with our key won (then answer with its
		// application), or another open application holds the key.
		if apps, found, rerr := s.replay(ctx, actor.AccountID, keys(ins), hash); found || rerr != nil {
			return apps, rerr
		}
		field := failedPlan.OpenKeyField
		if len(field) == 0 {
			field = []string{"formData"}
		}
		return nil, apperr.Invalid(apperr.Field(apperr.CodeDuplicateApplication, msgDuplicate, field...))
	}
	if err != nil {
		return nil, err
	}
	if !inserted {
		// A racing call with the same key committed first.
		apps, _, err := s.replay(ctx, actor.AccountID, keys(ins), hash)
		return apps, err
	}
	return apps, nil
}

// original finds the application a submission amends (nil when it amends
// none): one the citizen may read, of the same applicant (the enterprise
// they act for, or themself); anything else is NOT_FOUND at ["amends"],
// whether it exists or not. Only a group of one may amend.
func (s *Service) original(ctx context.Context, actor auth.Actor, ent *Enterprise, ins []SubmitInput) (*Application, error) {
	for i, in := range ins {
		if in.Amends != "" && (i > 0 || len(ins) > 1) {
			return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgAmendGroup, "amends"))
		}
	}
	if ins[0].Amends == "" {
		return nil, nil
	}
	notFound := apperr.Invalid(apperr.Field(apperr.CodeNotFound, msgOriginalNotFound, "amends"))
	id, ok := ParseGlobalID(ins[0].Amends)
	if !ok {
		return nil, notFound
	}
	orig, err := s.Get(ctx, id)
	if errors.Is(err, apperr.ErrNotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	sameApplicant := orig.EnterpriseID == 0 && ent == nil && orig.AccountID == actor.AccountID
	if ent != nil {
		sameApplicant = orig.EnterpriseID == ent.ID
	}
	if !sameApplicant {
		return nil, notFound
	}
	return &orig, nil
}

func keys(ins []SubmitInput) []string {
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.IdempotencyKey
	}
	return out
}

// groupHash identifies a group's input: one submission's requestHash, or a
// hash over the members' hashes.
func groupHash(ins []SubmitInput) ([]byte, error) {
	if len(ins) == 1 {
		return ins[0].requestHash()
	}
	h := sha256.New()
	for _, in := range ins {
		b, err := in.requestHash()
		if err != nil {
			return nil, err
		}
		h.Write(b)
	}
	return h.Sum(nil), nil
}

// checkDocuments checks the attached documents against the case's
// checklist: every code one of the checklist's, every required one present
// (MISSING_DOCUMENT at "documents").
func (s *Service) checkDocuments(c catalogue.Case, refs []document.Ref) error {
	if len(refs) > 0 && s.documents == nil {
		return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgNoDocuments, "documents"))
	}
	list := c.Checklist()
	known := map[string]bool{}
	for _, d := range list {
		known[d.Code] = true
	}
	given := map[string]bool{}
	var cl checkList
	for i, r := range refs {
		if !known[r.DocumentCode] {
			cl.Append(apperr.Field(apperr.CodeInvalid, msgUnknownDocument, "documents", strconv.Itoa(i), "documentCode"))
		}
		given[r.DocumentCode] = true
	}
	for _, d := range list {
		if d.Required && !given[d.Code] {
			cl.Append(apperr.Field(apperr.CodeMissingDocument, missingDocument(d.Code), "documents"))
		}
	}
	return cl.Err()
}

// replayOrCountIP is replay, the per-IP limit and the captcha in one round
// trip: one statement looks the keys up and, when none has been used,
// counts the submission against SubmitPerIP (ratelimit.CountIn) and, when
// that allows it, consumes the captcha (captcha.Guard). A replay is
// answered by replay, counted nowhere, never RATE_LIMITED, and leaves its
// captcha unconsumed; anything else is counted, and RATE_LIMITED past the
// limit with its captcha unconsumed. Otherwise captchaOK says whether the
// captcha (now consumed) was solved.
func (s *Service) replayOrCountIP(ctx context.Context, accountID int64, keys []string, hash []byte, c captcha.Answer) (apps []Application, found, captchaOK bool, err error) {
	ph := func(i int) string { return "$" + strconv.Itoa(captcha.GuardFirst+i) }
	limited, limitArgs := ratelimit.CountIn("limited", "fresh", captcha.GuardFirst+2, "application:submit:ip", s.limits.SubmitPerIP,
		ratelimit.ClientIP(ctx))
	// admitted allows when no key was used and the limit allows; its retry
	// is the limit's, or keyUsed.
	guard := captcha.Guard{Name: "admitted", CTE: `fresh AS (
			SELECT 1 AS fresh FROM ` + captcha.GuardAfter + ` WHERE NOT EXISTS (
				SELECT 1 FROM applications WHERE account_id = ` + ph(0) + ` AND idempotency_key = ANY(` + ph(1) + `))),
		` + limited + `,
		admitted AS (SELECT EXISTS (SELECT 1 FROM fresh) AND coalesce((SELECT allowed FROM limited), false) AS allowed,
			CASE WHEN EXISTS (SELECT 1 FROM fresh) THEN (SELECT retry_us FROM limited) ELSE ` + strconv.Itoa(keyUsed) + ` END AS retry_us)`,
		Args:    append([]any{accountID, pq.Array(keys)}, limitArgs...),
		Allowed: "allowed", Retry: "retry_us",
		Refused: func(retryUs int64) error {
			if retryUs == keyUsed {
				return errKeyUsed
			}
			return ratelimit.Refused(retryUs)
		}}
	ok, err := s.captcha.VerifyGuarded(ctx, c.ID, c.Answer, guard)
	if errors.Is(err, errKeyUsed) {
		apps, found, err := s.replay(ctx, accountID, keys, hash)
		if err == nil && !found {
			// Applications are never deleted: a key once used stays used.
			return nil, false, false, errors.New("look up idempotency key: used, then not found")
		}
		return apps, found, false, err
	}
	if code, _ := apperr.CodeOf(err); code == apperr.RateLimited {
		return nil, false, false, err // the guard's refusal, as it is
	}
	if err != nil {
		return nil, false, false, fmt.Errorf("look up idempotency key, rate limit application:submit:ip: %w", err)
	}
	return nil, false, ok, nil
}

// keyUsed is the retry replayOrCountIP's guard refuses with when a key was
// used (a replay); errKeyUsed is its refusal then.
const keyUsed = -1

var errKeyUsed = errors.New("idempotency key used")

// replay finds the applications a group's idempotency keys already
// created: found with them for the same input, IDEMPOTENCY_KEY_REUSED for
// other input.
func (s *Service) replay(ctx context.Context, accountID int64, keys []string, hash []byte) ([]Application, bool, error) {
	var rows []struct {
		appRow
		IdempotencyKey string `db:"idempotency_key"`
		RequestHash    []byte `db:"request_hash"`
	}
	err := s.db.SelectContext(ctx, &rows, `SELECT `+appColumns+`, idempotency_key, request_hash FROM applications
		WHERE account_id = $1 AND idempotency_key = ANY($2)`, accountID, pq.Array(keys))
	if err != nil {
		return nil, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if len(rows) == 0 {
		return nil, false, nil
	}
	byKey := map[string]int{}
	for i, r := range rows {
		if !bytes.Equal(r.RequestHash, hash) {
			return nil, true, apperr.Invalid(apperr.Field(apperr.CodeIdempotencyKeyReused, msgIdempotencyReused, "idempotencyKey"))
		}
		byKey[r.IdempotencyKey] = i
	}
	if len(rows) != len(keys) {
		return nil, true, apperr.Invalid(apperr.Field(apperr.CodeIdempotencyKeyReused, msgIdempotencyReused, "idempotencyKey"))
	}
	out := make([]Application, len(keys))
	for i, k := range keys {
		j, ok := byKey[k]
		if !ok {
			return nil, true, apperr.Invalid(apperr.Field(apperr.CodeIdempotencyKeyReused, msgIdempotencyReused, "idempotencyKey"))
		}
		app, err := rows[j].appRow.application()
		if err != nil {
			return nil, true, err
		}
		out[i] = app
	}
	return out, true, nil
}

// route finds the current published version and checks it takes online
// submissions for the case (a service that pays an obligation takes none).
func (s *Service) route(ctx context.Context, in SubmitInput) (catalogue.ServiceVersion, catalogue.Case, error) {
	v, err := s.catalogue.CurrentVersion(ctx, in.ServiceCode)
	if errors.Is(err, apperr.ErrNotFound) {
		return v, catalogue.Case{}, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownService, "serviceCode"))
	}
	if err != nil {
		return v, catalogue.Case{}, fmt.Errorf("route %s: %w", in.ServiceCode, err)
	}
	if v.ObligationKind != "" {
		// It pays an obligation the agency holds: the citizen finds and
		// pays it (findObligations, createPayment); there is no application.
		return v, catalogue.Case{}, apperr.Invalid(apperr.Field(apperr.CodeServiceNotAvailable, msgPaysObligation, "serviceCode"))
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
