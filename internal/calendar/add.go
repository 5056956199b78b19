package calendar

import (
	"fmt"
	"time"

	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Office hours in Asia/Ho_Chi_Minh. An application received at or after the
// cut-off is received on the next working day.
const (
	OpenHour       = 8  // the counters open at 08:00
	LunchStartHour = 12 // closed 12:00–13:00
	LunchEndHour   = 13
	CutOffHour     = 17 // the cut-off: 17:00
)

// Limits on a processing time, so that a wrong or hostile value in the
// catalogue cannot make a computation run for long: ten years.
const (
	MaxDays  = 3660
	MaxHours = MaxDays * 8
)

// ReceiptDay returns the day an application submitted at from is received:
// the date of from when that is a working day and from is before the 17:00
// cut-off (16:59:59 is before it, 17:00:00 is not), otherwise the next
// working day. It is midnight in Asia/Ho_Chi_Minh.
func (c *Calendar) ReceiptDay(from time.Time) time.Time { return c.receipt(from).time() }

func (c *Calendar) receipt(from time.Time) date {
	d := dateOf(from)
	if c.working(d) && from.In(vntime.Location).Hour() < CutOffHour {
		return d
	}
	return c.nextWorking(d)
}

// AddWorkingDays returns the appointment date for a processing time of n
// working days for an application submitted at from: the n-th working day
// after the receipt day (ReceiptDay), as midnight in Asia/Ho_Chi_Minh.
//
// The receipt day itself is not counted, as for every period in days under
// the Civil Code (Bộ luật Dân sự 2015, Art. 147: the period starts on the day
// after the day that starts it), and as an appointment slip reads: received
// Tuesday with 5 working days, result on the next Tuesday. Weekends, holidays
// and day-off swaps are skipped; make-up working days count.
//
// Worked example (5 working days, submitted online):
//
//	Tue 24/11/2026 10:00  received Tue 24/11; Wed 25 (1), Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 1/12 (5) → 01/12/2026
//	Tue 24/11/2026 16:59  the same: 01/12/2026
//	Tue 24/11/2026 17:00  after the cut-off: received Wed 25/11 → Wed 02/12/2026
//	Sat 28/11/2026 09:00  not a working day: received Mon 30/11 → Mon 07/12/2026
//	Fri 13/02/2026 10:00  Tết 16–20/02 skipped: Mon 23 (1) … Fri 27/02 (5) → 27/02/2026
//	Wed 31/12/2025 10:00  1/1 holiday, 2/1 swapped: Mon 5/1 (1) … Fri 9/1 (5) → 09/01/2026;
//	                      with 6 days the make-up Saturday 10/01/2026 is day 6
//
// n = 0 returns the receipt day; a negative n counts as 0 and an n above
// MaxDays as MaxDays (Add reports both as errors instead).
func (c *Calendar) AddWorkingDays(from time.Time, n int) time.Time {
	n = min(max(n, 0), MaxDays)
	d := c.receipt(from)
	for range n {
		d = c.nextWorking(d)
	}
	return d.time()
}

// Add returns the appointment date for a processing time of n units for an
// application submitted at from, as midnight in Asia/Ho_Chi_Minh:
//
//   - WORKING_DAY: AddWorkingDays.
//   - CALENDAR_DAY: n days after the receipt day (ReceiptDay, not counted);
//     when that day is not a working day, the next working day (Civil Code,
//     Art. 148: a period ending on a day off ends on the next working day).
//   - HOUR: the day on which n office hours (AddWorkingHours) have elapsed.
//
// It returns an error for a negative n, an n beyond MaxDays (MaxHours for
// HOUR) and an unknown unit.
func (c *Calendar) Add(from time.Time, n int, unit catalogue.TimeUnit) (time.Time, error) {
	limit := MaxDays
	if unit == catalogue.Hour {
		limit = MaxHours
	}
	if n < 0 || n > limit {
		return time.Time{}, fmt.Errorf("calendar: processing time %d %s out of range 0..%d", n, unit, limit)
	}
	switch unit {
	case catalogue.WorkingDay:
		return c.AddWorkingDays(from, n), nil
	case catalogue.CalendarDay:
		r := c.receipt(from).time()
		d := dateOf(time.Date(r.Year(), r.Month(), r.Day()+n, 12, 0, 0, 0, vntime.Location))
		if !c.working(d) {
			d = c.nextWorking(d)
		}
		return d.time(), nil
	case catalogue.Hour:
		return dateOf(c.AddWorkingHours(from, n)).time(), nil
	default:
		return time.Time{}, fmt.Errorf("calendar: unknown processing time unit %q", unit)
	}
}

// AddWorkingHours returns the moment when n office hours have elapsed after
// from. Office hours are 08:00–12:00 and 13:00–17:00 on working days; a
// submission outside them starts the clock at the next opening (after 17:00
// or on a day off: 08:00 of the next working day). n = 0 returns that start;
// n is clamped to 0..MaxHours.
//
// Example: submitted Mon 07/12/2026 16:00 with 4 hours: 16:00–17:00 (1),
// Tue 08:00–11:00 (3) → Tue 08/12/2026 11:00.
func (c *Calendar) AddWorkingHours(from time.Time, n int) time.Time {
	n = min(max(n, 0), MaxHours)
	remaining := time.Duration(n) * time.Hour
	t := from.In(vntime.Location)
	d := dateOf(t)
	if !c.working(d) || t.Hour() >= CutOffHour {
		d = c.nextWorking(d)
		t = d.time()
	}
	for {
		for _, seg := range [2][2]int{{OpenHour, LunchStartHour}, {LunchEndHour, CutOffHour}} {
			start := d.time().Add(time.Duration(seg[0]) * time.Hour)
			end := d.time().Add(time.Duration(seg[1]) * time.Hour)
			if !t.Before(end) {
				continue
			}
			if t.Before(start) {
				t = start
			}
			avail := end.Sub(t)
			if remaining <= avail {
				return t.Add(remaining)
			}
			remaining -= avail
			t = end
		}
		d = c.nextWorking(d)
		t = d.time()
	}
}
