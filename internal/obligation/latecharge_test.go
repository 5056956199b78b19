package obligation

import (
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/vntime"
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
		{"30-day month end: last free day 1 Dec", 1_000_000, "2026-11-20", "2026-12-01", 0, 0},
		{"30-day month end: first late day 2 Dec", 1_000_000, "2026-11-20", "2026-12-02", 1, 500},
		{"31-day month end: received 21 Oct, late from 2 Nov", 2_000_000, "2026-10-21", "2026-11-02", 1, 1_000},
		{"31-day month end: 1 Nov still free", 2_000_000, "2026-10-21", "2026-11-01", 0, 0},
		{"February of a common year", 1_000_000, "2027-02-20", "2027-03-04", 1, 500},
		{"leap day counts (received 20 Feb 2028, 3 Mar is day 12)", 1_000_000, "2028-02-20", "2028-03-03", 1, 500},
		{"paid on the leap day", 1_000_000, "2028-02-10", "2028-02-29", 8, 4_000},
		{"year end: received 21 Dec, 1 Jan still free", 3_000_000, "2026-12-21", "2027-01-01", 0, 0},
		{"year end: first late day 2 Jan", 3_000_000, "2026-12-21", "2027-01-02", 1, 1_500},
		{"across a leap year end", 1_000_000, "2027-12-31", "2028-01-31", 20, 10_000},
		{"holidays included: Tết 2027 (6–10 Feb) counts", 4_000_000, "2027-02-01", "2027-02-15", 3, 6_000},
		{"holidays included: 2 September counts", 4_000_000, "2026-08-25", "2026-09-07", 2, 4_000},
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
	at := time.Date(2026, 11, 13, 23, 59, 0, 0, vntime.Location)
	q := o.QuoteAt(at)
	if q.Amount != 4_002_000 || len(q.Lines) != 2 || q.Lines[1].Kind != LineLateCharge {
		t.Fatalf("quote at %s = %+v, want 4,002,000 with a late charge line", at, q)
	}
	if want := time.Date(2026, 11, 13, 23, 59, 59, 0, vntime.Location); !q.ValidUntil.Equal(want) {
		t.Errorf("valid until %s, want %s", q.ValidUntil, want)
	}
	// The quote changes at midnight in Vietnam: 23:59:59 on the 13th and
	// midnight of the 14th differ by one day's charge.
	before := time.Date(2026, 11, 13, 23, 59, 59, 0, vntime.Location)
	after := before.Add(time.Second)
	if a, b := o.QuoteAt(before), o.QuoteAt(after); b.Amount-a.Amount != 2_000 || !b.ValidUntil.After(a.ValidUntil) {
		t.Errorf("quotes around midnight: %d until %s, then %d until %s; want 2,000 more and a later validity", a.Amount, a.ValidUntil, b.Amount, b.ValidUntil)
	}
	// 00:01 on the 14th in Vietnam (17:01 UTC on the 13th): two late days.
	if q := o.QuoteAt(time.Date(2026, 11, 13, 17, 1, 0, 0, time.UTC)); q.Amount != 4_004_000 {
		t.Errorf("quote just after midnight in Vietnam = %d, want 4,004,000", q.Amount)
	}
}
