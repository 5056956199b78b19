package vntime

import (
	"testing"
	"time"
)

func TestDateOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"before 17:00 UTC is the same day", time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)},
		{"17:00 UTC is the next day in Vietnam", time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"new year's eve", time.Date(2026, 12, 31, 18, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"already in Vietnam", time.Date(2026, 11, 30, 0, 30, 0, 0, Location), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)},
		{"from another zone", time.Date(2026, 6, 30, 20, 0, 0, 0, time.FixedZone("EDT", -4*3600)), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := DateOf(tc.in); !got.Equal(tc.want) || got.Location() != time.UTC {
				t.Errorf("DateOf(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestLocationIsUTCPlus7AllYear(t *testing.T) {
	t.Parallel()
	for _, m := range []time.Month{time.January, time.April, time.July, time.October} {
		if _, off := time.Date(2026, m, 15, 12, 0, 0, 0, Location).Zone(); off != 7*3600 {
			t.Errorf("offset in %v = %d s, want %d", m, off, 7*3600)
		}
	}
}

func TestMidnight(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"a date as midnight UTC", time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC)},
		{"its fields as written, not converted", time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC), time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC)},
		{"new year's day", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Midnight(tc.in); !got.Equal(tc.want) || got.Location() != Location {
				t.Errorf("Midnight(%v) = %v, want %v in Vietnam", tc.in, got, tc.want)
			}
		})
	}
	// The inverse of DateOf: the start of the day of an instant.
	at := time.Date(2026, 11, 30, 18, 30, 0, 0, time.UTC) // 01:30 on 1 Dec in Vietnam
	if got, want := Midnight(DateOf(at)), time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Midnight(DateOf(%v)) = %v, want %v", at, got, want)
	}
}
