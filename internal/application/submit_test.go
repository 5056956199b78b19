package application_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

func postal() application.Delivery {
	return application.Delivery{Method: catalogue.DeliverPostal, Address: &application.PostalAddress{
		ProvinceCode: "01", WardCode: "00004", Street: "12 Đội Cấn", RecipientName: "Nguyễn Văn An", RecipientPhone: "0912345678"}}
}

func (e *env) reissue(ctx context.Context, si, reason string, d application.Delivery, key string) (application.Application, error) {
	return healthcard.Reissue(ctx, e.svc, healthcard.ReissueInput{
		SocialInsuranceCode: si, Reason: reason, Delivery: d, Captcha: e.captchaAnswer(), IdempotencyKey: key})
}

func userErrors(t *testing.T, err error) []apperr.UserError {
	t.Helper()
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		t.Fatalf("want user errors, got %v", err)
	}
	return ues
}

func wantUserError(t *testing.T, err error, code string, path ...string) {
	t.Helper()
	for _, ue := range userErrors(t, err) {
		if ue.Code == code && slices.Equal(ue.Field, path) {
			return
		}
	}
	t.Fatalf("want %s at %v, got %v", code, path, err)
}

func TestReissueByPost(t *testing.T) {
	e := newEnv(t)
	app, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "k1")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^BHXH-20261124-\d{6}$`).MatchString(app.Code) {
		t.Fatalf("code %q", app.Code)
	}
	// Tuesday 24/11 10:00 + 5 working days = Tuesday 1/12.
	if got := application.FormatDate(app.AppointmentDate); got != "01/12/2026" {
		t.Fatalf("appointment %s", got)
	}
	if app.Status != application.StatusSubmitted || app.Fee.Amount != 0 || app.Fee.Currency != "VND" || app.ServiceVersion != 1 {
		t.Fatalf("application %+v", app)
	}
	if app.Delivery.Address.RecipientPhone != "+84912345678" {
		t.Fatalf("phone not normalised: %+v", app.Delivery.Address)
	}
	if got := e.written(); got != [4]int{1, 1, 1, 1} {
		t.Fatalf("written (applications, events, SMS, jobs) = %v", got)
	}
	var text, to string
	if err := e.db.QueryRow(`SELECT text_redacted, recipient FROM notifications`).Scan(&text, &to); err != nil {
		t.Fatal(err)
	}
	want := "BHXH: Ho so cap lai the BHYT so " + app.Code + " da duoc tiep nhan. Ngay hen tra ket qua: 01/12/2026."
	if text != want || to != "+84912345678" {
		t.Fatalf("SMS %q to %s, want %q", text, to, want)
	}
	// Codes come from the agency's sequence.
	app2, err := e.reissue(e.citizen(personB), personBSI, "DAMAGED", application.Delivery{Method: catalogue.DeliverCounter, OfficeCode: "BHXH-01"}, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if app2.Code <= app.Code || app2.Code[:14] != app.Code[:14] {
		t.Fatalf("codes %s then %s", app.Code, app2.Code)
	}
	// English for an English account.
	var en string
	if err := e.db.Get(&en, `SELECT text_redacted FROM notifications ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(en, "BHXH: Your health insurance card reissue application "+app2.Code) {
		t.Fatalf("en SMS %q", en)
	}
}

func TestReissueRefusals(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	withAddr := func(f func(*application.PostalAddress)) application.Delivery {
		d := postal()
		f(d.Address)
		return d
	}
	tests := []struct {
		name   string
		ctx    context.Context
		si     string
		reason string
		d      application.Delivery
		key    string
		code   string
		path   []string
	}{
		{"SI code missing", a, "", "LOST", postal(), "k", apperr.CodeRequired, []string{"socialInsuranceCode"}},
		{"SI code malformed", a, "12345", "LOST", postal(), "k", apperr.CodeInvalid, []string{"socialInsuranceCode"}},
		{"someone else's SI code", a, personBSI, "LOST", postal(), "k", apperr.CodeNotYourRecord, []string{"socialInsuranceCode"}},
		{"no card on record", e.citizen(personNoCard), personNoCardS, "LOST", postal(), "k", apperr.CodeNoCardOnRecord, []string{"socialInsuranceCode"}},
		{"expired card", e.citizen(personExpired), personExpSI, "LOST", postal(), "k", apperr.CodeNoCardOnRecord, []string{"socialInsuranceCode"}},
		{"unknown reason", a, personASI, "STOLEN", postal(), "k", apperr.CodeInvalid, []string{"reason"}},
		{"no method", a, personASI, "LOST", application.Delivery{}, "k", apperr.CodeRequired, []string{"delivery", "method"}},
		{"method not offered", a, personASI, "LOST", application.Delivery{Method: catalogue.DeliverElectronic}, "k", apperr.CodeInvalid, []string{"delivery", "method"}},
		{"counter without office", a, personASI, "LOST", application.Delivery{Method: catalogue.DeliverCounter}, "k", apperr.CodeRequired, []string{"delivery", "officeCode"}},
		{"unknown office", a, personASI, "LOST", application.Delivery{Method: catalogue.DeliverCounter, OfficeCode: "NOPE"}, "k", apperr.CodeInvalid, []string{"delivery", "officeCode"}},
		{"office of another agency", a, personASI, "LOST", application.Delivery{Method: catalogue.DeliverCounter, OfficeCode: "THUE-01"}, "k", apperr.CodeInvalid, []string{"delivery", "officeCode"}},
		{"post without address", a, personASI, "LOST", application.Delivery{Method: catalogue.DeliverPostal}, "k", apperr.CodeRequired, []string{"delivery", "address"}},
		{"province missing", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.ProvinceCode = "" }), "k", apperr.CodeRequired, []string{"delivery", "address", "provinceCode"}},
		{"unknown province", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.ProvinceCode = "99" }), "k", apperr.CodeInvalid, []string{"delivery", "address", "provinceCode"}},
		{"ward missing", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.WardCode = "" }), "k", apperr.CodeRequired, []string{"delivery", "address", "wardCode"}},
		{"ward of another province", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.WardCode = "26734" }), "k", apperr.CodeInvalid, []string{"delivery", "address", "wardCode"}},
		{"street missing", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.Street = "  " }), "k", apperr.CodeRequired, []string{"delivery", "address", "street"}},
		{"street with control characters", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.Street = "12\x00Đội Cấn" }), "k", apperr.CodeInvalid, []string{"delivery", "address", "street"}},
		{"street too long", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.Street = strings.Repeat("x", 10_000) }), "k", apperr.CodeInvalid, []string{"delivery", "address", "street"}},
		{"recipient missing", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.RecipientName = "" }), "k", apperr.CodeRequired, []string{"delivery", "address", "recipientName"}},
		{"recipient phone missing", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.RecipientPhone = "" }), "k", apperr.CodeRequired, []string{"delivery", "address", "recipientPhone"}},
		{"recipient phone a landline", a, personASI, "LOST", withAddr(func(p *application.PostalAddress) { p.RecipientPhone = "02438234567" }), "k", apperr.CodeInvalid, []string{"delivery", "address", "recipientPhone"}},
		{"no idempotency key", a, personASI, "LOST", postal(), "", apperr.CodeRequired, []string{"idempotencyKey"}},
		{"idempotency key too long", a, personASI, "LOST", postal(), strings.Repeat("k", 201), apperr.CodeInvalid, []string{"idempotencyKey"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.written()
			_, err := e.reissue(tt.ctx, tt.si, tt.reason, tt.d, tt.key)
			wantUserError(t, err, tt.code, tt.path...)
			if after := e.written(); after != before {
				t.Fatalf("rows written: %v -> %v", before, after)
			}
		})
	}
}

func TestCaptchaIsChecked(t *testing.T) {
	e := newEnv(t)
	in := healthcard.SubmitInput(healthcard.ReissueInput{SocialInsuranceCode: personASI, Reason: "LOST", Delivery: postal(), IdempotencyKey: "k"})
	// A never-issued challenge and a wrong answer: INVALID_CAPTCHA.
	for _, c := range []captcha.Answer{{ID: strings.Repeat("0", 32), Answer: "000000"}, {ID: e.captchaAnswer().ID, Answer: "123456"}} {
		in.Captcha = c
		_, err := e.svc.Submit(e.citizen(personA), in)
		wantUserError(t, err, apperr.CodeInvalidCaptcha, "captcha", "answer")
	}
	// Not the shape of a challenge ID: refused at the ID, as identity does
	// (captcha.Answer's one rule).
	in.Captcha = captcha.Answer{ID: "nope", Answer: "000000"}
	_, err := e.svc.Submit(e.citizen(personA), in)
	wantUserError(t, err, apperr.CodeInvalid, "captcha", "id")
	if n := e.count("applications"); n != 0 {
		t.Fatalf("%d applications", n)
	}
}

func TestSecondOpenReissueIsRefused(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	first, err := e.reissue(a, personASI, "LOST", postal(), "k1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.reissue(a, personASI, "DAMAGED", postal(), "k2")
	wantUserError(t, err, apperr.CodeDuplicateApplication, "socialInsuranceCode")
	// Once the first is cancelled, a new one may be opened.
	if _, err := e.svc.Cancel(a, first.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.reissue(a, personASI, "DAMAGED", postal(), "k3"); err != nil {
		t.Fatal(err)
	}
}

func TestTheDatabaseRefusesASecondOpenReissue(t *testing.T) {
	// The handler does not check for an open application itself: the
	// partial unique index does, so two racing submissions cannot both pass.
	e := newEnv(t)
	a := e.citizen(personA)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		d := postal()
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.reissue(a, personASI, "LOST", d, "key-"+string(rune('a'+i)))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		wantUserError(t, err, apperr.CodeDuplicateApplication, "socialInsuranceCode")
	}
	if ok != 1 || e.count("applications") != 1 {
		t.Fatalf("%d accepted, %d stored; want 1", ok, e.count("applications"))
	}
}

func TestIdempotencyKey(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	first, err := e.reissue(a, personASI, "LOST", postal(), "same")
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.reissue(a, personASI, "LOST", postal(), "same")
	if err != nil || again.ID != first.ID || again.Code != first.Code {
		t.Fatalf("replay = %+v, %v; want application %d", again, err, first.ID)
	}
	_, err = e.reissue(a, personASI, "DAMAGED", postal(), "same")
	wantUserError(t, err, apperr.CodeIdempotencyKeyReused, "idempotencyKey")
	// Keys are per account: another citizen may use the same key.
	if _, err := e.reissue(e.citizen(personB), personBSI, "LOST", postal(), "same"); err != nil {
		t.Fatal(err)
	}
	if got := e.written(); got != [4]int{2, 2, 2, 2} {
		t.Fatalf("written %v", got)
	}
}

func TestTwentyConcurrentSubmissionsWithOneKey(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	const n = 20
	apps := make([]application.Application, n)
	errs := make([]error, n)
	captchas := make([]captcha.Answer, n)
	for i := range captchas {
		captchas[i] = e.captchaAnswer()
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			in := healthcard.SubmitInput(healthcard.ReissueInput{SocialInsuranceCode: personASI, Reason: "LOST",
				Delivery: postal(), Captcha: captchas[i], IdempotencyKey: "one-key"})
			apps[i], errs[i] = e.svc.Submit(a, in)
		}()
	}
	close(start)
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("submission %d: %v", i, errs[i])
		}
		if apps[i].ID != apps[0].ID || apps[i].Code != apps[0].Code {
			t.Fatalf("submission %d got application %d, want %d", i, apps[i].ID, apps[0].ID)
		}
	}
	if got := e.written(); got != [4]int{1, 1, 1, 1} {
		t.Fatalf("written (applications, events, SMS, jobs) = %v, want one of each", got)
	}
}

func TestRouting(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	base := healthcard.SubmitInput(healthcard.ReissueInput{SocialInsuranceCode: personASI, Reason: "LOST", Delivery: postal(), IdempotencyKey: "k"})
	tests := []struct {
		name string
		edit func(*application.SubmitInput)
		code string
		path []string
	}{
		{"unknown service", func(in *application.SubmitInput) { in.ServiceCode = "NOPE" }, apperr.CodeInvalid, []string{"serviceCode"}},
		{"no online channel", func(in *application.SubmitInput) { in.ServiceCode = "HC-COUNTER-ONLY" }, apperr.CodeServiceNotAvailable, []string{"serviceCode"}},
		{"pays an obligation", func(in *application.SubmitInput) { in.ServiceCode = "TAX-PAYMENT" }, apperr.CodeServiceNotAvailable, []string{"serviceCode"}},
		{"unknown case", func(in *application.SubmitInput) { in.CaseCode = "STOLEN" }, apperr.CodeInvalid, []string{"caseCode"}},
		{"reason differs from case", func(in *application.SubmitInput) { in.CaseCode = "DAMAGED" }, apperr.CodeInvalid, []string{"formData", "reason"}},
		{"unknown form field", func(in *application.SubmitInput) { in.FormData["extra"] = "x" }, apperr.CodeInvalid, []string{"formData", "extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			in.FormData = map[string]any{"socialInsuranceCode": personASI, "reason": "LOST"}
			in.Captcha = e.captchaAnswer()
			tt.edit(&in)
			_, err := e.svc.Submit(a, in)
			wantUserError(t, err, tt.code, tt.path...)
		})
	}
	if n := e.count("applications"); n != 0 {
		t.Fatalf("%d applications", n)
	}
	// Anonymous callers are not citizens.
	if _, err := e.svc.Submit(context.Background(), base); !errors.Is(err, apperr.ErrUnauthenticated) {
		t.Fatalf("anonymous submit: %v", err)
	}
}

func TestGenericFormService(t *testing.T) {
	e := newEnv(t)
	a := e.citizen(personA)
	in := application.SubmitInput{ServiceCode: "PIT-FINALISATION", CaseCode: "PIT", FormData: map[string]any{"taxCode": "12345"},
		Delivery: application.Delivery{Method: catalogue.DeliverElectronic}, IdempotencyKey: "t1", Captcha: e.captchaAnswer()}
	_, err := e.svc.Submit(a, in)
	wantUserError(t, err, apperr.CodeInvalid, "formData", "taxCode")
	in.FormData["taxCode"], in.Captcha = "0101234567", e.captchaAnswer()
	app, err := e.svc.Submit(a, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(app.Code, "THUE-20261124-") || app.Fee.Amount != 1500 || application.FormatDate(app.AppointmentDate) != "25/11/2026" {
		t.Fatalf("application %+v", app)
	}
}

// A service whose version pays an obligation (catalogue data) takes no
// application: the same valid submission the plain form service accepts is
// refused with SERVICE_NOT_AVAILABLE at serviceCode, and nothing is written.
func TestServiceThatPaysAnObligationTakesNoApplication(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.citizen(personA)
	in := func(code, key string) application.SubmitInput {
		return application.SubmitInput{ServiceCode: code, CaseCode: "PIT", FormData: map[string]any{"taxCode": "0101234567"},
			Delivery: application.Delivery{Method: catalogue.DeliverElectronic}, IdempotencyKey: key, Captcha: e.captchaAnswer()}
	}
	before := e.written()
	_, err := e.svc.Submit(a, in("TAX-PAYMENT", "pay-1"))
	wantUserError(t, err, apperr.CodeServiceNotAvailable, "serviceCode")
	if got := e.written(); got != before {
		t.Fatalf("refused submission wrote %v, want %v", got, before)
	}
	if _, err := e.svc.Submit(a, in("PIT-FINALISATION", "pay-1")); err != nil {
		t.Fatalf("the same submission to the plain form service: %v", err)
	}
}

// Finding 8 of issue 14: a client that retries with the same idempotency key
// (say, through an outage) learns that its submission exists; neither the
// replays nor the citizen's own typing mistakes spend the per-account limit.
func TestReplayIsNeverRateLimited(t *testing.T) {
	limits := ratelimit.Defaults
	limits.SubmitPerAccount = ratelimit.Limit{Max: 1, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := e.citizen(personA)
	for i := range 3 {
		_, err := e.reissue(a, personBSI, "LOST", postal(), "typo")
		if code := userErrors(t, err)[0].Code; code != apperr.CodeNotYourRecord {
			t.Fatalf("typing mistake %d: got %s, want %s", i+1, code, apperr.CodeNotYourRecord)
		}
	}
	first, err := e.reissue(a, personASI, "LOST", postal(), "retried")
	if err != nil {
		t.Fatalf("first submission after three typing mistakes: got %v, want an application", err)
	}
	for i := range 3 {
		again, err := e.reissue(a, personASI, "LOST", postal(), "retried")
		if err != nil || again.ID != first.ID {
			t.Fatalf("replay %d: got %+v, %v; want application %d", i+1, again, err, first.ID)
		}
	}
	// The limit itself still holds for a new submission.
	_, err = e.reissue(a, personASI, "DAMAGED", postal(), "another")
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("second new submission in the hour: got %v, want RATE_LIMITED", err)
	}
}

// The per-IP limit is counted in the idempotency lookup's statement: a
// replay is not counted against it nor refused by it, a submission past it
// is RATE_LIMITED before it consumes its captcha or writes anything, and an
// idempotency key reused with other input is still IDEMPOTENCY_KEY_REUSED.
func TestSubmitPerIPCountsNoReplay(t *testing.T) {
	limits := ratelimit.Defaults
	limits.SubmitPerIP = ratelimit.Limit{Max: 2, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := e.citizen(personA)
	first, err := e.reissue(a, personASI, "LOST", postal(), "ip-1")
	if err != nil {
		t.Fatalf("first submission: %v", err)
	}
	for i := range 3 {
		again, err := e.reissue(a, personASI, "LOST", postal(), "ip-1")
		if err != nil || again.ID != first.ID {
			t.Fatalf("replay %d: got %+v, %v; want application %d", i+1, again, err, first.ID)
		}
	}
	_, err = e.reissue(a, personASI, "DAMAGED", postal(), "ip-1")
	wantUserError(t, err, apperr.CodeIdempotencyKeyReused, "idempotencyKey")
	// The second count of the window: a typing mistake (refused input is
	// counted per IP, as before).
	_, err = e.reissue(a, personBSI, "LOST", postal(), "ip-2")
	if code := userErrors(t, err)[0].Code; code != apperr.CodeNotYourRecord {
		t.Fatalf("typing mistake: got %s, want %s", code, apperr.CodeNotYourRecord)
	}
	before := e.written()
	c := e.captchaAnswer()
	_, err = healthcard.Reissue(a, e.svc, healthcard.ReissueInput{
		SocialInsuranceCode: personASI, Reason: "LOST", Delivery: postal(), Captcha: c, IdempotencyKey: "ip-3"})
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("third new submission in the hour: got %v, want RATE_LIMITED", err)
	}
	if got := e.written(); got != before {
		t.Fatalf("refused submission wrote %v, want %v", got, before)
	}
	if ok, err := e.captcha.Verify(context.Background(), c.ID, c.Answer); err != nil || !ok {
		t.Fatalf("the refused submission's captcha: Verify = %v, %v; want it unconsumed", ok, err)
	}
	// A replay is still answered past the limit.
	if again, err := e.reissue(a, personASI, "LOST", postal(), "ip-1"); err != nil || again.ID != first.ID {
		t.Fatalf("replay past the limit: got %+v, %v; want application %d", again, err, first.ID)
	}
}

// The per-account limit counts submissions that are stored: it is counted
// in the submission's transaction, so one refused there (a second open
// reissue of the same card) spends nothing, and a refusal writes nothing.
func TestSubmitPerAccountCountsStoredSubmissions(t *testing.T) {
	limits := ratelimit.Defaults
	limits.SubmitPerAccount = ratelimit.Limit{Max: 2, Window: time.Hour}
	e := newEnvLimits(t, &limits)
	a := e.citizen(personA)
	form := func(key string) application.SubmitInput {
		return application.SubmitInput{ServiceCode: "PIT-FINALISATION", CaseCode: "PIT", FormData: map[string]any{"taxCode": "0101234567"},
			Delivery: application.Delivery{Method: catalogue.DeliverElectronic}, IdempotencyKey: key, Captcha: e.captchaAnswer()}
	}
	if _, err := e.reissue(a, personASI, "LOST", postal(), "acc-1"); err != nil {
		t.Fatalf("first submission: %v", err)
	}
	for i := range 3 {
		_, err := e.reissue(a, personASI, "DAMAGED", postal(), fmt.Sprintf("acc-dup-%d", i))
		wantUserError(t, err, apperr.CodeDuplicateApplication, "socialInsuranceCode")
	}
	if _, err := e.svc.Submit(a, form("acc-2")); err != nil {
		t.Fatalf("second stored submission in the hour: %v", err)
	}
	before := e.written()
	_, err := e.svc.Submit(a, form("acc-3"))
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("third stored submission in the hour: got %v, want RATE_LIMITED", err)
	}
	if got := e.written(); got != before {
		t.Fatalf("refused submission wrote %v, want %v", got, before)
	}
}
