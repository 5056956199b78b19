package catalogue

import (
	"context"
	"errors"
	"log/slog"
	"reflect"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// Live.CurrentVersion answers what Store.CurrentVersion answers, without
// the webhook secret: from the snapshot when it holds the service, from the
// store when it does not (before the first refresh; an unknown code), and a
// publish in this process is seen at once.
func TestLiveCurrentVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededStore(t)
	live := NewLive(s, slog.Default())
	want, err := s.CurrentVersion(ctx, "HC-REISSUE")
	if err != nil {
		t.Fatal(err)
	}
	want.Handler.Secret = ""
	check := func(when string) {
		t.Helper()
		got, err := live.CurrentVersion(ctx, "HC-REISSUE")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: CurrentVersion(HC-REISSUE) = %+v, %v;\nwant %+v", when, got, err, want)
		}
		if _, err := live.CurrentVersion(ctx, "NO-SUCH"); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("%s: CurrentVersion(NO-SUCH) = %v, want not found", when, err)
		}
	}
	check("before the first refresh (from the store)")
	if err := live.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	check("from the snapshot")

	d := validDraft()
	d.CategoryCode = "BAO-HIEM-Y-TE"
	d.Code = "EVN-SMART-METER-PILOT"
	if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), d); err != nil {
		t.Fatal(err)
	}
	if _, err := live.CurrentVersion(ctx, d.Code); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("a draft: CurrentVersion = %v, want not found", err)
	}
	for n := 1; n <= 2; n++ {
		if n == 2 {
			d.Channels[0].ProcessingTime.Value = 2
			if _, err := s.UpsertDraft(asAgency(ctx, "EVN"), d); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Publish(asAgency(ctx, "EVN"), d.Code); err != nil {
			t.Fatal(err)
		}
		v, err := live.CurrentVersion(ctx, d.Code)
		if err != nil || v.Number != n || v.Handler.Kind != Webhook || v.Handler.Secret != "" {
			t.Fatalf("after publishing v%d: CurrentVersion = v%d %+v, %v; want v%d, the webhook binding without its secret", n, v.Number, v.Handler, err, n)
		}
	}
}
