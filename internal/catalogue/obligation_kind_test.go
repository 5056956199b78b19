package catalogue

import (
	"context"
	"encoding/hex"
	"log/slog"
	"testing"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

// payingServices are the seed's services that pay an obligation, and what
// each one pays.
var payingServices = map[string]obligation.Kind{
	"TAX-PAYMENT":          obligation.KindTax,
	"EVN-BILL-PAYMENT":     obligation.KindElectricity,
	"TRAFFIC-FINE-PAYMENT": obligation.KindTrafficFine,
}

// The content hash of a version that pays nothing is what it was before
// versions could pay: otherwise every seed service of an installation would
// get a new version at its first restart after the upgrade. The figure is
// the hash of this version computed by the code before obligation kinds.
func TestContentHashOfAVersionThatPaysNothingIsUnchanged(t *testing.T) {
	v := fixture().Services[0].Version
	got, err := contentHash(v)
	if err != nil {
		t.Fatal(err)
	}
	const want = "ddd605627cc160f70b51faeda5daa9a88d58ac8bd4a7b956b5f88cfac4429503"
	if hex.EncodeToString(got) != want {
		t.Fatalf("content hash = %x, want %s", got, want)
	}
	v.ObligationKind = obligation.KindTax
	paying, err := contentHash(v)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(paying) == want {
		t.Fatal("the obligation kind is not part of the content hash")
	}
}

// An installation seeded before services said what they pay (its versions
// have no obligation kind) gets the kinds at its next start: the seed
// loader publishes a new version of the three paying services, and of no
// other.
func TestSeededBeforeObligationKindsGetsThemAtRestart(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	before := loadSeed(t)
	for i := range before.Services {
		before.Services[i].Version.ObligationKind = ""
	}
	if err := LoadSeed(ctx, db, before); err != nil {
		t.Fatal(err)
	}
	s := NewStore(db)
	for code := range payingServices {
		if v, err := s.CurrentVersion(ctx, code); err != nil || v.ObligationKind != "" {
			t.Fatalf("%s before the upgrade: %q, %v; want no obligation kind", code, v.ObligationKind, err)
		}
	}
	var versionsBefore int
	if err := db.Get(&versionsBefore, `SELECT count(*) FROM catalogue_service_versions`); err != nil {
		t.Fatal(err)
	}

	if err := LoadSeed(ctx, db, loadSeed(t)); err != nil {
		t.Fatal(err)
	}
	live := NewLive(s, slog.Default())
	if err := live.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for code, want := range payingServices {
		v, err := s.CurrentVersion(ctx, code)
		if err != nil || v.Number != 2 || v.ObligationKind != want {
			t.Errorf("%s after restart: version %d pays %q (%v), want version 2 paying %q", code, v.Number, v.ObligationKind, err, want)
		}
		sv := live.Snapshot().Service(code, i18n.EN)
		if sv == nil || sv.ObligationKind == nil || *sv.ObligationKind != want {
			t.Errorf("%s in the snapshot: %+v, want obligation kind %q", code, sv, want)
		}
	}
	var versionsAfter int
	if err := db.Get(&versionsAfter, `SELECT count(*) FROM catalogue_service_versions`); err != nil {
		t.Fatal(err)
	}
	if got, want := versionsAfter-versionsBefore, len(payingServices); got != want {
		t.Errorf("the upgrade published %d new versions, want %d (the paying services only)", got, want)
	}
	if hc := live.Snapshot().Service("HC-REISSUE", i18n.EN); hc == nil || hc.ObligationKind != nil || *hc.Version != 1 {
		t.Errorf("HC-REISSUE after restart: %+v, want version 1 paying nothing", hc)
	}

	// And the next start changes nothing.
	rev, err := s.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := LoadSeed(ctx, db, loadSeed(t)); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Revision(ctx); again != rev {
		t.Fatalf("a second start moved the revision %d → %d", rev, again)
	}
}

// A partner agency publishes a service that pays traffic fines; a later
// version that only stops paying is a change worth publishing.
func TestPartnerPublishesAPayingService(t *testing.T) {
	ctx := context.Background()
	_, s := seededStore(t)
	live := NewLive(s, slog.Default())
	d := validDraft()
	d.CategoryCode = "BAO-HIEM-Y-TE"
	d.ObligationKind = obligation.KindTrafficFine
	ed := asAgency(ctx, "EVN")
	res, err := s.UpsertDraft(ed, d)
	if err != nil || res.Draft.ObligationKind != obligation.KindTrafficFine {
		t.Fatalf("draft = %+v, %v", res.Draft, err)
	}
	if draft, err := s.Draft(ed, d.Code); err != nil || draft.ObligationKind != obligation.KindTrafficFine {
		t.Fatalf("stored draft pays %q (%v), want TRAFFIC_FINE", draft.ObligationKind, err)
	}
	if _, err := s.Publish(ed, d.Code); err != nil {
		t.Fatal(err)
	}
	if err := live.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if sv := live.Snapshot().Service(d.Code, i18n.VI); sv == nil || sv.ObligationKind == nil || *sv.ObligationKind != obligation.KindTrafficFine {
		t.Fatalf("published service: %+v, want obligation kind TRAFFIC_FINE", sv)
	}

	d.ObligationKind = ""
	if _, err := s.UpsertDraft(ed, d); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ed, d.Code); err != nil {
		t.Fatalf("publishing a version that stops paying: %v, want version 2", err)
	}
	if v, err := s.CurrentVersion(ctx, d.Code); err != nil || v.Number != 2 || v.ObligationKind != "" {
		t.Fatalf("current version %d pays %q (%v), want version 2 paying nothing", v.Number, v.ObligationKind, err)
	}
	if v1, err := s.Version(ctx, d.Code, 1); err != nil || v1.ObligationKind != obligation.KindTrafficFine {
		t.Fatalf("version 1 pays %q (%v), want TRAFFIC_FINE still", v1.ObligationKind, err)
	}
}
