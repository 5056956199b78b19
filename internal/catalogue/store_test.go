package catalogue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func loadSeed(t *testing.T) seed.Catalogue {
	t.Helper()
	c, err := seed.Load()
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return c
}

func seededStore(t *testing.T) (*sqlx.DB, *Store) {
	t.Helper()
	db := pgtest.NewDB(t)
	if err := LoadSeed(context.Background(), db, loadSeed(t)); err != nil {
		t.Fatal(err)
	}
	s := NewStore(db)
	box, err := NewSecretsBox([]byte("catalogue-test-secret-0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	s.Secrets = box
	return db, s
}

func TestLoadSeedIsIdempotent(t *testing.T) {
	ctx := context.Background()
	db, s := seededStore(t)
	rev, err := s.Revision(ctx)
	if err != nil || rev == 0 {
		t.Fatalf("revision after first load = %d, %v", rev, err)
	}
	if err := LoadSeed(ctx, db, loadSeed(t)); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Revision(ctx); again != rev {
		t.Fatalf("a second load of the same seed moved the revision %d → %d", rev, again)
	}
	var versions int
	if err := db.Get(&versions, `SELECT count(*) FROM catalogue_service_versions`); err != nil {
		t.Fatal(err)
	}
	if want := len(loadSeed(t).Services); versions != want {
		t.Fatalf("%d versions, want %d", versions, want)
	}

	v, err := s.CurrentVersion(ctx, "HC-REISSUE")
	if err != nil {
		t.Fatal(err)
	}
	online, ok := v.ChannelOf(Online)
	if !ok || online.ProcessingTime != (ProcessingTime{Value: 5, Unit: WorkingDay}) || len(online.Fees) != 1 || online.Fees[0].Amount != 0 {
		t.Fatalf("HC-REISSUE online channel = %+v", online)
	}
	if v.AgencyCode != "BHXH" || v.Number != 1 || v.Handler.Kind != Builtin || v.Handler.Name != "healthcard" || !v.RequiresLogin {
		t.Fatalf("HC-REISSUE version = %+v", v)
	}
	if _, ok := v.CaseOf("LOST"); !ok {
		t.Fatal("HC-REISSUE has no LOST case")
	}
	if _, err := s.CurrentVersion(ctx, "NOPE"); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("unknown service: %v", err)
	}
	if _, err := s.Version(ctx, "HC-REISSUE", 2); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("unknown version: %v", err)
	}
	o, err := s.Office(ctx, "BHXH-01")
	if err != nil || o.AgencyCode != "BHXH" || o.ProvinceCode != "01" {
		t.Fatalf("office = %+v, %v", o, err)
	}
	if _, err := s.Office(ctx, "NOPE"); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("unknown office: %v", err)
	}
	a, err := s.Agency(ctx, "BHXH")
	if err != nil || a.Level != LevelCentral {
		t.Fatalf("agency = %+v, %v", a, err)
	}
}

func TestSeedChangeMakesANewVersion(t *testing.T) {
	ctx := context.Background()
	db, s := seededStore(t)
	c := loadSeed(t)
	for i := range c.Services {
		if c.Services[i].Code == "HC-REISSUE" {
			c.Services[i].Version.Channels[0].ProcessingTime.Value = 4
		}
	}
	if err := LoadSeed(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	v, err := s.CurrentVersion(ctx, "HC-REISSUE")
	if err != nil || v.Number != 2 || v.Channels[0].ProcessingTime.Value != 4 {
		t.Fatalf("current = %+v, %v", v, err)
	}
	v1, err := s.Version(ctx, "HC-REISSUE", 1)
	if err != nil || v1.Channels[0].ProcessingTime.Value != 5 {
		t.Fatalf("version 1 = %+v, %v", v1, err)
	}
	if _, err := db.Exec(`UPDATE catalogue_service_versions SET name_vi = 'x' WHERE service_code = 'HC-REISSUE' AND number = 1`); err == nil {
		t.Fatal("a published version was changed")
	}
	if _, err := db.Exec(`DELETE FROM catalogue_service_versions WHERE service_code = 'HC-REISSUE' AND number = 1`); err == nil {
		t.Fatal("a published version was deleted")
	}
}

// asAgency is ctx with an agency key of every scope.
func asAgency(ctx context.Context, agency string) context.Context {
	return auth.WithActor(ctx, auth.Actor{Kind: auth.Agency, AgencyCode: agency, Scopes: auth.Scopes})
}

func userErrorPaths(t *testing.T, err error) []string {
	t.Helper()
	ues, ok := apperr.AsUserErrors(err)
	if !ok {
		t.Fatalf("want user errors, got %v", err)
	}
	return paths(ues)
}

func TestDraftAndPublish(t *testing.T) {
	ctx := context.Background()
	db, s := seededStore(t)
	live := NewLive(s, slog.Default())
	other := NewLive(NewStore(db), slog.Default()) // another process
	for _, l := range []*Live{live, other} {
		if err := l.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if live.Snapshot().Service("HC-REISSUE", i18n.VI) == nil {
		t.Fatal("the seed is not in the snapshot")
	}
	start := time.Now() // after the seed's own changes

	d := validDraft()
	d.CategoryCode = "BAO-HIEM-Y-TE"
	d.Code = "EVN-SMART-METER-PILOT"
	res, err := s.UpsertDraft(asAgency(ctx, "EVN"), d)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Status != StatusDraft || res.Draft.Number != 1 || len(res.SigningSecret) < 40 {
		t.Fatalf("draft = %+v", res)
	}
	firstSecret := res.SigningSecret
	if live.Snapshot().Service(d.Code, i18n.VI) != nil {
		t.Fatal("a draft is not public")
	}
	// Replacing the draft keeps its number and does not show the secret again.
	d.Summary.En = "Ask for a meter inspection"
	res, err = s.UpsertDraft(asAgency(ctx, "EVN"), d)
	if err != nil || res.Draft.Number != 1 || res.SigningSecret != "" {
		t.Fatalf("second draft = %+v, %v", res, err)
	}
	if _, err := s.UpsertDraft(asAgency(ctx, "BHXH"), d); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another agency's draft: %v", err)
	}
	// Another agency's draft answers exactly as an unknown code (issue 14
	// #22; this was FORBIDDEN, which told BHXH that EVN drafts d.Code).
	_, errOther := s.Publish(asAgency(ctx, "BHXH"), d.Code)
	_, errUnknown := s.Publish(asAgency(ctx, "BHXH"), "NO-SUCH-CODE")
	if got, want := fmt.Sprint(userErrorPaths(t, errOther)), fmt.Sprint(userErrorPaths(t, errUnknown)); got != want || want != "[code=INVALID]" {
		t.Fatalf("another agency's publish: got %s, want %s as for an unknown code ([code=INVALID])", got, want)
	}
	if errOther.Error() != errUnknown.Error() {
		t.Fatalf("another agency's publish: got %q, want %q as for an unknown code", errOther, errUnknown)
	}
	bad := d
	bad.CategoryCode = "NOPE"
	if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), bad); err == nil || userErrorPaths(t, err)[0] != "categoryCode=INVALID" {
		t.Fatalf("unknown category: %v", err)
	}

	svc, err := s.Publish(asAgency(ctx, "EVN"), d.Code)
	if err != nil || svc.Status != StatusPublished || svc.CurrentVersion != 1 || svc.DraftVersion != 0 {
		t.Fatalf("publish = %+v, %v", svc, err)
	}
	// The signing secret is sealed at rest and opens to what the partner saw.
	var stored string
	if err := db.Get(&stored, `SELECT webhook_secret FROM catalogue_services WHERE code = $1`, d.Code); err != nil {
		t.Fatal(err)
	}
	if stored == firstSecret || strings.Contains(stored, firstSecret[len("whsec_"):]) {
		t.Fatal("the webhook secret is stored in clear")
	}
	if v, err := s.CurrentVersion(ctx, d.Code); err != nil || v.Handler.Secret != firstSecret {
		t.Fatalf("CurrentVersion secret = %q, %v; want the one shown at creation", v.Handler.Secret, err)
	}
	if _, err := NewStore(db).CurrentVersion(ctx, d.Code); err == nil {
		t.Fatal("a store without the sealing key read the secret")
	}
	if err := live.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if live.Snapshot().Service(d.Code, i18n.EN) == nil {
		t.Fatal("published service not in this process's snapshot")
	}
	if err := other.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if sv := other.Snapshot().Service(d.Code, i18n.EN); sv == nil || sv.Summary != "Ask for a meter inspection" {
		t.Fatalf("other process sees %+v", sv)
	}
	page, err := other.Snapshot().Services(ServiceQuery{Filter: ServiceFilter{Search: "kiem dinh cong to"}, First: 5})
	if err != nil || len(page.Services) == 0 || page.Services[0].Code != d.Code {
		t.Fatalf("search in other process = %+v, %v", page.Services, err)
	}
	v, err := s.CurrentVersion(ctx, d.Code)
	if err != nil || v.Handler.Kind != Webhook || v.Handler.Secret == "" || v.Handler.URL != d.Handler.URL {
		t.Fatalf("webhook binding = %+v, %v", v.Handler, err)
	}

	if got := userErrorPaths(t, publishErr(s.Publish(asAgency(ctx, "EVN"), d.Code))); got[0] != "code=NOTHING_TO_PUBLISH" {
		t.Fatalf("publish without a draft: %v", got)
	}
	if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), d); err != nil {
		t.Fatal(err)
	}
	if got := userErrorPaths(t, publishErr(s.Publish(asAgency(ctx, "EVN"), d.Code))); got[0] != "code=NOTHING_TO_PUBLISH" {
		t.Fatalf("publish with nothing changed: %v", got)
	}
	d.Channels[0].ProcessingTime.Value = 2
	if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), d); err != nil {
		t.Fatal(err)
	}
	if svc, err := s.Publish(asAgency(ctx, "EVN"), d.Code); err != nil || svc.CurrentVersion != 2 {
		t.Fatalf("publish v2 = %+v, %v", svc, err)
	}
	if got := userErrorPaths(t, publishErr(s.Publish(asAgency(ctx, "EVN"), "NO-SUCH"))); got[0] != "code=INVALID" {
		t.Fatalf("publish unknown: %v", got)
	}

	changes, err := s.Changes(asAgency(ctx, "EVN"), start)
	if err != nil {
		t.Fatal(err)
	}
	var mine []Change
	for _, c := range changes {
		if c.ServiceCode == d.Code {
			mine = append(mine, c)
		}
	}
	if len(mine) != 2 || mine[0].Change != ChangeCreated || mine[1].Change != ChangePublished || mine[1].Version != 2 {
		t.Fatalf("changes = %+v", mine)
	}
}

func publishErr(_ Service, err error) error { return err }

func TestInvalidDraftIsRefusedWithPaths(t *testing.T) {
	_, s := seededStore(t)
	d := validDraft()
	d.Form.Fields[0].Pattern = "(["
	_, err := s.UpsertDraft(asAgency(context.Background(), "EVN"), d)
	if got := userErrorPaths(t, err); len(got) != 1 || got[0] != "form.fields.0.pattern=INVALID" {
		t.Fatalf("errors = %v", got)
	}
}

// Every catalogue change authorises its caller in the domain: an agency key
// of scope catalogue; a key minted for applications only is FORBIDDEN.
func TestCatalogueChangesNeedTheCatalogueScope(t *testing.T) {
	_, s := seededStore(t)
	ctx := context.Background()
	appsOnly := auth.WithActor(ctx, auth.Actor{Kind: auth.Agency, AgencyCode: "EVN", Scopes: []string{auth.ScopeApplications}})
	citizen := auth.WithActor(ctx, auth.Actor{Kind: auth.Citizen, AccountID: 1})
	d := validDraft()
	for _, tt := range []struct {
		name string
		ctx  context.Context
		want apperr.Code
	}{
		{"anonymous", ctx, apperr.Unauthenticated},
		{"citizen", citizen, apperr.Forbidden},
		{"applications-only key", appsOnly, apperr.Forbidden},
	} {
		_, err := s.UpsertDraft(tt.ctx, d)
		if code, _ := apperr.CodeOf(err); code != tt.want {
			t.Errorf("%s: UpsertDraft = %v, want %s", tt.name, err, tt.want)
		}
		_, err = s.Publish(tt.ctx, "HC-REISSUE")
		if code, _ := apperr.CodeOf(err); code != tt.want {
			t.Errorf("%s: Publish = %v, want %s", tt.name, err, tt.want)
		}
		_, err = s.Changes(tt.ctx, time.Time{})
		if code, _ := apperr.CodeOf(err); code != tt.want {
			t.Errorf("%s: Changes = %v, want %s", tt.name, err, tt.want)
		}
	}
	if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), d); err != nil {
		t.Fatalf("a catalogue key: UpsertDraft = %v, want a draft", err)
	}
}
