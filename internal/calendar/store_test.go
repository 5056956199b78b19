package calendar_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestSeedRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	if err := calendar.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := calendar.Seed(ctx, db); err != nil { // idempotent
		t.Fatal(err)
	}
	got, err := calendar.LoadDays(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	want, err := calendar.EmbeddedDays()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d days loaded, %d embedded", len(got), len(want))
	}
	for i := range want {
		if !got[i].Date.Equal(want[i].Date) || got[i].Date.Location() != vntime.Location ||
			!reflect.DeepEqual([]any{got[i].Kind, got[i].Name, got[i].Basis}, []any{want[i].Kind, want[i].Name, want[i].Basis}) {
			t.Fatalf("day %d: loaded %+v, embedded %+v", i, got[i], want[i])
		}
	}
	c, err := calendar.New(got)
	if err != nil {
		t.Fatal(err)
	}
	if d := c.AddWorkingDays(at("2026-02-13 10:00"), 5); !d.Equal(day("2026-02-27")) {
		t.Errorf("calendar from the database: %s", d)
	}
}

func TestSaveDaysReplaces(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	if err := calendar.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	one := []calendar.Day{{Date: day("2028-01-01"), Kind: calendar.Holiday, Name: i18n.T("Tết Dương lịch", "New Year's Day"), Basis: "test"}}
	if err := calendar.SaveDays(ctx, db, one); err != nil {
		t.Fatal(err)
	}
	got, err := calendar.LoadDays(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Date.Equal(one[0].Date) || got[0].Name != one[0].Name {
		t.Fatalf("after SaveDays: %+v", got)
	}
	bad := []calendar.Day{{Date: day("2028-01-03"), Kind: calendar.MakeupWorkday, Name: i18n.T("Làm bù", "Make-up")}}
	if err := calendar.SaveDays(ctx, db, bad); err == nil {
		t.Fatal("SaveDays accepted a make-up working day on a Monday")
	}
	if got, _ := calendar.LoadDays(ctx, db); len(got) != 1 {
		t.Fatalf("a refused save changed the table: %+v", got)
	}
}
