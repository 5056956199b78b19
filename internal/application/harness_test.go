package application_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/handlers/form"
	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// The sandbox personas these tests use (registry/personas.json).
const (
	personA       = "001090012345" // card GD4010123456789, valid through 2026
	personASI     = "0123456789"
	personB       = "079185769739" // card valid through 2031
	personBSI     = "7991534695"
	personNoCard  = "031178665370"
	personNoCardS = "3128535103"
	personExpired = "038065279732" // card expired 2024-12-31
	personExpSI   = "3812213515"
)

// now: Tuesday 24 November 2026, 10:00 in Vietnam.
var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// The catalogue store, calendar and geo packages are being written by
// others; until they land these tests use small stand-ins with the same
// behaviour for the few services, offices and wards they need.

type memCatalogue struct {
	versions map[string][]catalogue.ServiceVersion // by service, version 1 first
	offices  map[string]catalogue.Office
}

func (m *memCatalogue) CurrentVersion(_ context.Context, code string) (catalogue.ServiceVersion, error) {
	vs := m.versions[code]
	if len(vs) == 0 {
		return catalogue.ServiceVersion{}, fmt.Errorf("service %s: %w", code, apperr.ErrNotFound)
	}
	return vs[len(vs)-1], nil
}

func (m *memCatalogue) Version(_ context.Context, code string, n int) (catalogue.ServiceVersion, error) {
	for _, v := range m.versions[code] {
		if v.Number == n {
			return v, nil
		}
	}
	return catalogue.ServiceVersion{}, fmt.Errorf("service %s version %d: %w", code, n, apperr.ErrNotFound)
}

func (m *memCatalogue) Office(_ context.Context, code string) (catalogue.Office, error) {
	o, ok := m.offices[code]
	if !ok {
		return o, fmt.Errorf("office %s: %w", code, apperr.ErrNotFound)
	}
	return o, nil
}

// weekdays counts working days as Monday–Friday with a 17:00 cut-off.
type weekdays struct{}

func (weekdays) Add(from time.Time, n int, unit catalogue.TimeUnit) (time.Time, error) {
	if unit != catalogue.WorkingDay {
		return time.Time{}, fmt.Errorf("unit %s", unit)
	}
	ict := time.FixedZone("ICT", 7*3600)
	d := from.In(ict)
	working := func(t time.Time) bool { return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday }
	if d.Hour() >= 17 || !working(d) {
		d = time.Date(d.Year(), d.Month(), d.Day()+1, 8, 0, 0, 0, ict)
		for !working(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	for i := 0; i < n; i++ {
		d = d.AddDate(0, 0, 1)
		for !working(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	return d, nil
}

type memGeo map[string][]string // province -> wards

func (g memGeo) ProvinceExists(_ context.Context, p string) (bool, error) {
	_, ok := g[p]
	return ok, nil
}
func (g memGeo) WardInProvince(_ context.Context, w, p string) (bool, error) {
	for _, x := range g[p] {
		if x == w {
			return true, nil
		}
	}
	return false, nil
}
func (g memGeo) FormatAddress(_ context.Context, p, w, street string, _ i18n.Lang) (string, error) {
	return street + ", " + w + ", " + p, nil
}

// registryContacts: the phone on record; English for the accounts in en.
type registryContacts struct {
	reg *population.Sandbox
	en  map[int64]bool
}

func (c registryContacts) Contact(ctx context.Context, _ sqlx.QueryerContext, accountID int64, idNumber string) (application.Contact, error) {
	p, err := c.reg.LookupPerson(ctx, idNumber)
	if err != nil {
		return application.Contact{}, err
	}
	lang := i18n.VI
	if c.en[accountID] {
		lang = i18n.EN
	}
	return application.Contact{Phone: p.Phone, Lang: lang}, nil
}

type riverInserter struct{ c *river.Client[*sql.Tx] }

func (r riverInserter) InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := r.c.InsertTx(ctx, tx.Tx, args, opts)
	return err
}

// hcVersion is HC-REISSUE as seeded (catalogue/seed/services.json).
func hcVersion() catalogue.ServiceVersion {
	return catalogue.ServiceVersion{
		ServiceCode: "HC-REISSUE", AgencyCode: "BHXH", Number: 1,
		Name: i18n.T("Cấp lại thẻ BHYT do mất, hỏng", "Reissue of a health insurance card due to loss or damage"),
		Channels: []catalogue.Channel{
			{Channel: catalogue.Online, ProcessingTime: catalogue.ProcessingTime{Value: 5, Unit: catalogue.WorkingDay}, Fees: []money.Money{{Amount: 0, Currency: "VND"}}},
			{Channel: catalogue.Counter, ProcessingTime: catalogue.ProcessingTime{Value: 7, Unit: catalogue.WorkingDay}},
		},
		Cases:           []catalogue.Case{{Code: "LOST"}, {Code: "DAMAGED"}},
		DeliveryMethods: []catalogue.DeliveryMethod{catalogue.DeliverCounter, catalogue.DeliverPostal},
		Form: catalogue.FormDefinition{Fields: []catalogue.FormField{
			{Name: "socialInsuranceCode", Type: catalogue.FieldText, Required: true, Pattern: "^[0-9]{10}$"},
			{Name: "reason", Type: catalogue.FieldSelect, Required: true, Options: []catalogue.Option{{Value: "LOST"}, {Value: "DAMAGED"}}},
		}},
		Handler: catalogue.HandlerBinding{Kind: catalogue.Builtin, Name: healthcard.Name},
	}
}

type env struct {
	t       testing.TB
	db      *sqlx.DB
	svc     *application.Service
	cat     *memCatalogue
	captcha captcha.Provider
	ids     map[string]int64 // ID number -> account ID
	clock   time.Time        // the Service's now
}

func newEnv(t testing.TB) *env { t.Helper(); return newEnvOf(t, nil, nil) }

// newEnvLimits is newEnv with the rate limits given (nil: ratelimit.Defaults).
func newEnvLimits(t testing.TB, limits *ratelimit.Limits) *env {
	t.Helper()
	return newEnvOf(t, nil, limits)
}

// newEnvWith is newEnv with the healthcard handler wrapped by wrap (nil: as
// it is), for a test that watches a handler's steps.
func newEnvWith(t testing.TB, wrap func(application.Handler) application.Handler) *env {
	t.Helper()
	return newEnvOf(t, wrap, nil)
}

// newEnvOf builds the env with a wrapped healthcard handler and the limits.
func newEnvOf(t testing.TB, wrap func(application.Handler) application.Handler, limits *ratelimit.Limits) *env {
	t.Helper()
	db := newTestDB(t)
	ctx := context.Background()
	// The registry is another agency's system: its own connections, so a
	// lookup inside one of the service's transactions never waits for the
	// service's pool.
	regDB, err := sqlx.Open("postgres", pgtest.URLFor(t, db))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = regDB.Close() })
	reg := population.NewSandbox(regDB)
	persons, err := population.BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Load(ctx, persons); err != nil {
		t.Fatal(err)
	}
	rc, err := river.NewClient(riverdatabasesql.New(db.DB), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	jobs := riverInserter{rc}
	notifier, err := notify.NewNotifier(jobs, []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	cp, err := captcha.NewProvider(captcha.KindTest, false, db)
	if err != nil {
		t.Fatal(err)
	}
	// A plain form service of the tax authority (the form handler), and the
	// same version as a service that pays taxes (obligation kind TAX): that
	// one takes no application.
	txt := catalogue.ServiceVersion{
		ServiceCode: "PIT-FINALISATION", AgencyCode: "THUE", Number: 1,
		Channels: []catalogue.Channel{{Channel: catalogue.Online, ProcessingTime: catalogue.ProcessingTime{Value: 1, Unit: catalogue.WorkingDay},
			Fees: []money.Money{{Amount: 1000, Currency: "VND"}, {Amount: 500, Currency: "VND"}}}},
		Cases:           []catalogue.Case{{Code: "PIT"}},
		DeliveryMethods: []catalogue.DeliveryMethod{catalogue.DeliverElectronic},
		Form: catalogue.FormDefinition{Fields: []catalogue.FormField{
			{Name: "taxCode", Type: catalogue.FieldText, Required: true, Pattern: "^[0-9]{10}$"},
		}},
		Handler: catalogue.HandlerBinding{Kind: catalogue.Builtin, Name: application.HandlerForm},
	}
	pays := txt
	pays.ServiceCode, pays.ObligationKind = "TAX-PAYMENT", obligation.KindTax
	counterOnly := hcVersion()
	counterOnly.ServiceCode, counterOnly.Channels = "HC-COUNTER-ONLY", counterOnly.Channels[1:]
	cat := &memCatalogue{
		versions: map[string][]catalogue.ServiceVersion{"HC-REISSUE": {hcVersion()}, "PIT-FINALISATION": {txt}, "TAX-PAYMENT": {pays}, "HC-COUNTER-ONLY": {counterOnly}},
		offices: map[string]catalogue.Office{
			"BHXH-01": {Code: "BHXH-01", AgencyCode: "BHXH", ProvinceCode: "01"},
			"THUE-01": {Code: "THUE-01", AgencyCode: "THUE", ProvinceCode: "01"},
		},
	}
	e := &env{t: t, db: db, cat: cat, captcha: cp, ids: map[string]int64{}, clock: now}
	for i, id := range []string{personA, personB, personNoCard, personExpired} {
		e.ids[id] = int64(100 + i)
	}
	svc, err := application.New(application.Deps{
		DB: db, Catalogue: cat, Calendar: weekdays{}, Geo: memGeo{"01": {"00004", "00007"}, "79": {"26734"}},
		Contacts: registryContacts{reg: reg, en: map[int64]bool{e.ids[personB]: true}},
		Captcha:  cp, Limiter: ratelimit.New(db), SMS: notifier, Webhooks: webhook.NewOutbox(jobs),
	}, application.Config{Limits: limits, Now: func() time.Time { return e.clock }})
	if err != nil {
		t.Fatal(err)
	}
	var hc application.Handler = healthcard.New(reg, weekdays{})
	if wrap != nil {
		hc = wrap(hc)
	}
	svc.Handlers.Register(healthcard.Name, hc)
	svc.Handlers.Register(application.HandlerForm, form.New(weekdays{}))
	e.svc = svc
	return e
}

// citizen returns a context of the citizen with ID number id.
func (e *env) citizen(id string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Citizen, AccountID: e.ids[id], IDNumber: id, SessionID: 1})
}

func agency(code string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Agency, AgencyCode: code, APIClientID: 7, Scopes: auth.Scopes})
}

// captchaAnswer issues a captcha and answers it.
func (e *env) captchaAnswer() captcha.Answer {
	e.t.Helper()
	c, err := e.captcha.New(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return captcha.Answer{ID: c.ID, Answer: captcha.TestAnswer}
}

// count returns the number of rows in a table.
func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.db.Get(&n, "SELECT count(*) FROM "+table); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// written is what a submission writes: applications, events, SMS, jobs.
func (e *env) written() [4]int {
	return [4]int{e.count("applications"), e.count("application_events"), e.count("notifications"), e.count("river_job")}
}
