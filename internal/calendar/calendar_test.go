package calendar_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// at is a moment in Asia/Ho_Chi_Minh.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vntime.Location)
	if err != nil {
		panic(err)
	}
	return t
}

func TestIsWorkingDay(t *testing.T) {
	c := calendar.Default()
	for _, tc := range []struct {
		t    time.Time
		want bool
	}{
		{day("2026-11-24"), true},                               // Tuesday
		{day("2026-11-28"), false},                              // Saturday
		{day("2026-11-29"), false},                              // Sunday
		{day("2026-01-10"), true},                               // make-up Saturday
		{day("2026-01-02"), false},                              // swapped Friday
		{day("2026-09-02"), false},                              // National Day
		{day("2030-01-01"), true},                               // beyond the data: weekdays only
		{time.Date(2026, 2, 15, 17, 30, 0, 0, time.UTC), false}, // Mon 16/02 00:30 in Vietnam: Tết
		{time.Date(2026, 2, 13, 16, 59, 0, 0, time.UTC), true},  // Fri 13/02 23:59 in Vietnam
	} {
		if got := c.IsWorkingDay(tc.t); got != tc.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.t, got, tc.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := calendar.Default()
	for _, tc := range []struct {
		name string
		from time.Time
		n    int
		want string
	}{
		{"before the cut-off", at("2026-11-24 10:00"), 5, "2026-12-01"},
		{"16:59", at("2026-11-24 16:59"), 5, "2026-12-01"},
		{"17:00 is after the cut-off", at("2026-11-24 17:00"), 5, "2026-12-02"},
		{"17:01", at("2026-11-24 17:01"), 5, "2026-12-02"},
		{"16:59:59", at("2026-11-24 16:59").Add(59 * time.Second), 5, "2026-12-01"},
		{"cut-off in UTC", time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), 5, "2026-12-02"},
		{"early morning", at("2026-11-24 00:01"), 5, "2026-12-01"},
		{"Saturday", at("2026-11-28 09:00"), 5, "2026-12-07"},
		{"Sunday night", at("2026-11-29 23:00"), 5, "2026-12-07"},
		{"Friday after the cut-off", at("2026-11-27 18:00"), 1, "2026-12-01"},
		{"zero days: the receipt day", at("2026-11-28 09:00"), 0, "2026-11-30"},
		{"negative counts as zero", at("2026-11-24 10:00"), -3, "2026-11-24"},
		{"year end 2024 into the 2025 New Year", at("2024-12-31 10:00"), 1, "2025-01-02"},
		{"Tết 2025", at("2025-01-24 10:00"), 1, "2025-02-03"},
		{"30/4 2025 with the swapped Friday", at("2025-04-29 10:00"), 1, "2025-05-05"},
		{"make-up Saturday 2025 counts", at("2025-04-25 10:00"), 1, "2025-04-26"},
		{"year end 2025 into the 2026 New Year", at("2025-12-31 10:00"), 5, "2026-01-09"},
		{"make-up Saturday 2026 counts", at("2025-12-31 10:00"), 6, "2026-01-10"},
		{"submitted on the make-up Saturday", at("2026-01-10 09:00"), 1, "2026-01-12"},
		{"Tết 2026", at("2026-02-13 10:00"), 5, "2026-02-27"},
		{"Tết 2026 after the cut-off on the eve", at("2026-02-13 17:00"), 1, "2026-02-24"},
		{"submitted during Tết 2026", at("2026-02-18 09:00"), 1, "2026-02-24"},
		{"Hùng Kings 2026 observed on Monday", at("2026-04-24 10:00"), 1, "2026-04-28"},
		{"National Day 2026 with the swap", at("2026-08-28 10:00"), 1, "2026-09-03"},
		{"make-up Saturday 22/08/2026 counts", at("2026-08-21 10:00"), 1, "2026-08-22"},
		{"year end 2026 into 2027", at("2026-12-31 10:00"), 1, "2027-01-04"},
		{"Tết 2027", at("2027-02-04 10:00"), 1, "2027-02-12"},
		{"Tết 2027, five days", at("2027-02-04 10:00"), 5, "2027-02-18"},
		{"1/5/2027 on Saturday observed on Monday", at("2027-04-29 10:00"), 1, "2027-05-04"},
		{"year end 2027 beyond the data", at("2027-12-31 10:00"), 1, "2028-01-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.AddWorkingDays(tc.from, tc.n)
			if got.Format(time.DateOnly) != tc.want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tc.from, tc.n, got.Format(time.DateOnly), tc.want)
			}
			if got.Location() != vntime.Location || got.Hour() != 0 || got.Minute() != 0 {
				t.Fatalf("result %s is not midnight in Vietnam", got)
			}
		})
	}
}

func TestReceiptDay(t *testing.T) {
	c := calendar.Default()
	for from, want := range map[string]string{
		"2026-11-24 16:59": "2026-11-24",
		"2026-11-24 17:00": "2026-11-25",
		"2026-11-28 09:00": "2026-11-30",
		"2026-02-13 17:30": "2026-02-23",
		"2026-01-10 08:00": "2026-01-10",
	} {
		if got := c.ReceiptDay(at(from)).Format(time.DateOnly); got != want {
			t.Errorf("ReceiptDay(%s) = %s, want %s", from, got, want)
		}
	}
}

func TestAdd(t *testing.T) {
	c := calendar.Default()
	for _, tc := range []struct {
		name string
		from time.Time
		n    int
		unit string
		want string
	}{
		{"working days", at("2026-11-24 10:00"), 5, "WORKING_DAY", "2026-12-01"},
		{"calendar days ending on Sunday move to Monday", at("2026-11-24 10:00"), 5, "CALENDAR_DAY", "2026-11-30"},
		{"calendar days ending on a weekday", at("2026-11-24 10:00"), 7, "CALENDAR_DAY", "2026-12-01"},
		{"calendar days after the cut-off", at("2026-11-24 17:00"), 7, "CALENDAR_DAY", "2026-12-02"},
		{"calendar days into Tết 2026", at("2026-02-13 10:00"), 3, "CALENDAR_DAY", "2026-02-23"},
		{"calendar days across the 2026 year end", at("2026-12-30 10:00"), 30, "CALENDAR_DAY", "2027-01-29"},
		{"hours the same day", at("2026-11-24 08:00"), 4, "HOUR", "2026-11-24"},
		{"hours into the next day", at("2026-11-24 16:00"), 4, "HOUR", "2026-11-25"},
		{"hours over a weekend", at("2026-11-27 15:00"), 8, "HOUR", "2026-11-30"},
		{"hours after the cut-off", at("2026-11-24 17:00"), 8, "HOUR", "2026-11-25"},
		{"24 hours", at("2026-11-24 10:00"), 24, "HOUR", "2026-11-27"},
		{"hours across Tết 2026", at("2026-02-13 16:00"), 2, "HOUR", "2026-02-23"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Add(tc.from, tc.n, unit(tc.unit))
			if err != nil {
				t.Fatal(err)
			}
			if got.Format(time.DateOnly) != tc.want || got.Hour() != 0 {
				t.Fatalf("Add(%s, %d, %s) = %s, want %s", tc.from, tc.n, tc.unit, got, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		n    int
		unit string
	}{
		{-1, "WORKING_DAY"}, {calendar.MaxDays + 1, "WORKING_DAY"}, {calendar.MaxDays + 1, "CALENDAR_DAY"},
		{calendar.MaxHours + 1, "HOUR"}, {1, "WEEK"}, {1, ""},
	} {
		if _, err := c.Add(at("2026-11-24 10:00"), tc.n, unit(tc.unit)); err == nil {
			t.Errorf("Add(%d, %q) succeeded, want an error", tc.n, tc.unit)
		}
	}
	if _, err := c.Add(at("2026-11-24 10:00"), calendar.MaxHours, unit("HOUR")); err != nil {
		t.Errorf("Add(MaxHours HOUR): %v", err)
	}
}

func TestAddWorkingHours(t *testing.T) {
	c := calendar.Default()
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-24 10:00", 0, "2026-11-24 10:00"},
		{"2026-11-24 06:30", 0, "2026-11-24 08:00"}, // before opening: the clock starts at 08:00
		{"2026-11-24 06:30", 1, "2026-11-24 09:00"},
		{"2026-11-24 11:30", 1, "2026-11-24 13:30"}, // the lunch break does not count
		{"2026-11-24 12:15", 1, "2026-11-24 14:00"}, // submitted during lunch
		{"2026-11-24 16:00", 1, "2026-11-24 17:00"}, // ends exactly at closing
		{"2026-11-24 16:00", 4, "2026-11-25 11:00"},
		{"2026-11-24 16:59", 1, "2026-11-25 08:59"},
		{"2026-11-24 17:00", 1, "2026-11-25 09:00"},
		{"2026-11-28 10:00", 1, "2026-11-30 09:00"}, // Saturday
		{"2026-11-24 08:00", 16, "2026-11-25 17:00"},
		{"2026-02-13 16:00", 2, "2026-02-23 09:00"}, // across Tết 2026
	} {
		if got := c.AddWorkingHours(at(tc.from), tc.n).Format("2006-01-02 15:04"); got != tc.want {
			t.Errorf("AddWorkingHours(%s, %d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestDays(t *testing.T) {
	c := calendar.Default()
	got := c.Days(day("2026-01-01"), day("2026-01-31"))
	var dates []string
	for _, d := range got {
		dates = append(dates, d.Date.Format(time.DateOnly)+" "+string(d.Kind))
	}
	want := "2026-01-01 HOLIDAY,2026-01-02 DAY_OFF_SWAP,2026-01-10 MAKEUP_WORKDAY"
	if strings.Join(dates, ",") != want {
		t.Errorf("January 2026: %v, want %s", dates, want)
	}
	if n := len(c.Days(day("2026-01-02"), day("2026-01-02"))); n != 1 {
		t.Errorf("one-day range: %d days, want 1", n)
	}
	if n := len(c.Days(day("2026-01-31"), day("2026-01-01"))); n != 0 {
		t.Errorf("reversed range: %d days", n)
	}
	if n := len(c.Days(day("2024-01-01"), day("2028-12-31"))); n != 43 {
		t.Errorf("all days: %d, want 43", n)
	}
	if d := c.Days(day("2026-04-26"), day("2026-04-27")); len(d) != 2 || d[1].Name.In(i18n.EN) != "Hung Kings' Commemoration Day (observed)" {
		t.Errorf("Hùng Kings 2026: %+v", d)
	}
}

func TestNewRejects(t *testing.T) {
	name := i18n.T("Ngày", "Day")
	for _, tc := range []struct {
		name string
		days []calendar.Day
		want string
	}{
		{"duplicate", []calendar.Day{{Date: day("2026-09-02"), Kind: calendar.Holiday, Name: name}, {Date: day("2026-09-02"), Kind: calendar.Holiday, Name: name}}, "twice"},
		{"unknown kind", []calendar.Day{{Date: day("2026-09-02"), Kind: "FESTIVAL", Name: name}}, "kind"},
		{"no name", []calendar.Day{{Date: day("2026-09-02"), Kind: calendar.Holiday}}, "name"},
		{"make-up on a weekday", []calendar.Day{{Date: day("2026-09-03"), Kind: calendar.MakeupWorkday, Name: name}}, "Saturday or Sunday"},
		{"swap on a weekend", []calendar.Day{{Date: day("2026-09-05"), Kind: calendar.DayOffSwap, Name: name}}, "weekday"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := calendar.New(tc.days)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New = %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

func TestEmptyCalendar(t *testing.T) {
	c, err := calendar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if first, last := c.Range(); !first.IsZero() || !last.IsZero() || c.Covers(day("2026-01-01")) {
		t.Errorf("empty calendar covers %s..%s", first, last)
	}
	if got := c.AddWorkingDays(at("2026-01-01 10:00"), 1).Format(time.DateOnly); got != "2026-01-02" {
		t.Errorf("weekdays only: %s", got)
	}
}

func TestCovers(t *testing.T) {
	c := calendar.Default()
	for s, want := range map[string]bool{"2024-12-31": false, "2025-01-01": true, "2027-12-31": true, "2028-01-01": false} {
		if got := c.Covers(day(s)); got != want {
			t.Errorf("Covers(%s) = %v", s, got)
		}
	}
}

// TestQueryRange: the calendar query's cap lives in the domain (MaxRange).
func TestQueryRange(t *testing.T) {
	c := calendar.Default()
	for _, tt := range []struct {
		from, to string
		ok       bool
	}{
		{"2026-01-01", "2026-12-31", true},
		{"2024-01-01", "2025-01-01", true}, // 366 days, leap year
		{"2026-01-01", "2027-01-03", false},
		{"2026-01-31", "2026-01-01", false},
	} {
		_, err := c.Query(day(tt.from), day(tt.to))
		if code, _ := apperr.CodeOf(err); (err == nil) != tt.ok || (err != nil && code != apperr.BadUserInput) {
			t.Errorf("Query(%s, %s) = %v, want ok %v (else BAD_USER_INPUT)", tt.from, tt.to, err, tt.ok)
		}
	}
}
