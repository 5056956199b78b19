package obligation

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestFineLateCharge(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name              string
		fine              int64
		received, paid    string
		wantDays, wantVND int64
	}{
		{"same day", 4_000_000, "2026-11-01", "2026-11-01", 0, 0},
		{"last free day (received + 10)", 4_000_000, "2026-11-01", "2026-11-11", 0, 0},
		{"day 11 is still free", 4_000_000, "2026-11-01", "2026-11-12", 0, 0},
		{"first late day (running.md example)", 4_000_000, "2026-11-01", "2026-11-13", 1, 2_000},
		{"30 days after receipt (running.md example)", 4_000_000, "2026-11-01", "2026-12-01", 19, 38_000},
		{"floor, not round", 1_999, "2026-11-01", "2026-11-13", 1, 0},
		{"floor of 0.05% of 250,000 × 3 days", 250_000, "2026-11-01", "2026-11-15", 3, 375},
		{"across a year end", 1_000_000, "2026-12-25", "2027-01-10", 5, 2_500},
		{"paid before receipt (clock skew)", 1_000_000, "2026-11-10", "2026-11-01", 0, 0},
		{"a large fine stays exact", 75_000_000, "2026-01-01", "2026-12-31", 353, 13_237_500},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r, p := day(c.received), day(c.paid)
			if got := FineLateDays(r, p); got != c.wantDays {
				t.Errorf("FineLateDays(%s, %s) = %d, want %d", c.received, c.paid, got, c.wantDays)
			}
			if got := FineLateCharge(c.fine, r, p); got != c.wantVND {
				t.Errorf("FineLateCharge(%d, %s, %s) = %d, want %d", c.fine, c.received, c.paid, got, c.wantVND)
			}
		})
	}
}

func TestQuoteOfAFineAddsTheLateChargeOfThatDay(t *testing.T) {
	t.Parallel()
	recv := day("2026-11-01")
	o := Obligation{Kind: KindTrafficFine, ReceivedOn: &recv, Principal: 4_000_000,
		Lines: []Line{{Kind: LinePrincipal, Name: "Tiền phạt", Amount: 4_000_000}}}
	// 23:59 on 13 Nov in Vietnam is still the 13th: one late day.
	at := time.Date(2026, 11, 13, 23, 59, 0, 0, vietnam)
	q := o.QuoteAt(at)
	if q.Amount != 4_002_000 || len(q.Lines) != 2 || q.Lines[1].Kind != LineLateCharge {
		t.Fatalf("quote at %s = %+v, want 4,002,000 with a late charge line", at, q)
	}
	if want := time.Date(2026, 11, 13, 23, 59, 59, 0, vietnam); !q.ValidUntil.Equal(want) {
		t.Errorf("valid until %s, want %s", q.ValidUntil, want)
	}
	// 00:01 on the 14th in Vietnam (17:01 UTC on the 13th): two late days.
	if q := o.QuoteAt(time.Date(2026, 11, 13, 17, 1, 0, 0, time.UTC)); q.Amount != 4_004_000 {
		t.Errorf("quote just after midnight in Vietnam = %d, want 4,004,000", q.Amount)
	}
}
