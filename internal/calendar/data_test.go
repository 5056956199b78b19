package calendar_test

import (
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/calendar"
)

func day(s string) time.Time {
	t, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestEmbeddedDataIsValid builds the default calendar (New checks kinds,
// duplicates and weekdays) and checks what New cannot: both languages, a
// basis for every day, swaps balanced by make-up days each year.
func TestEmbeddedDataIsValid(t *testing.T) {
	days, err := calendar.EmbeddedDays()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := calendar.New(days); err != nil {
		t.Fatal(err)
	}
	swaps, makeups := map[int]int{}, map[int]int{}
	for _, d := range days {
		if d.Name.Vi == "" || d.Name.En == "" || d.Basis == "" {
			t.Errorf("%s: name %+v, basis %q: want both languages and a basis", d.Date.Format(time.DateOnly), d.Name, d.Basis)
		}
		switch d.Kind {
		case calendar.DayOffSwap:
			swaps[d.Date.Year()]++
		case calendar.MakeupWorkday:
			makeups[d.Date.Year()]++
		}
	}
	for y := 2025; y <= 2027; y++ {
		if swaps[y] != makeups[y] {
			t.Errorf("%d: %d day-off swaps but %d make-up days", y, swaps[y], makeups[y])
		}
	}
	first, last := calendar.Default().Range()
	if !first.Equal(day("2025-01-01")) || !last.Equal(day("2027-12-31")) {
		t.Errorf("range %s..%s, want 2025-01-01..2027-12-31", first, last)
	}
}

// TestEmbeddedDaysOff pins every day off and make-up day of 2025–2027: the
// announced schedules for 2025 and 2026, the Labour Code for 2027.
func TestEmbeddedDaysOff(t *testing.T) {
	c := calendar.Default()
	off := []string{
		// 2025: New Year; Tết 25/01–02/02; Hùng Kings; 30/4–4/5 with 2/5 swapped; 30/8–2/9.
		"2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
		"2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
		// 2026: 1–4/1 with 2/1 swapped; Tết 14–22/02; Hùng Kings on Sunday 26/4 observed Monday;
		// 30/4–3/5; 29/8–2/9 with 31/8 swapped.
		"2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
		"2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
		// 2027 by the Labour Code: Tết 05–09/02 with Saturday and Sunday made up on 10–11/02;
		// 1/5 on Saturday made up on Monday 3/5; 2/9 and 3/9.
		"2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
		"2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03",
	}
	for _, s := range off {
		if c.IsWorkingDay(day(s)) {
			t.Errorf("%s is a working day, want a day off", s)
		}
	}
	for _, s := range []string{"2025-04-26", "2026-01-10", "2026-08-22"} {
		if !c.IsWorkingDay(day(s)) {
			t.Errorf("make-up day %s is not a working day", s)
		}
	}
	// The days around the breaks are ordinary working days.
	for _, s := range []string{"2025-01-24", "2025-02-03", "2026-01-05", "2026-02-13", "2026-02-23", "2026-04-28", "2026-09-03", "2027-02-04", "2027-02-12", "2027-05-04"} {
		if !c.IsWorkingDay(day(s)) {
			t.Errorf("%s is not a working day", s)
		}
	}
}
