package calendar

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// Calendar answers which days are working days. It is immutable and safe
// for concurrent use.
type Calendar struct {
	days        map[date]Day
	sorted      []Day
	first, last date // the years the data covers: 1 January of the first, 31 December of the last
}

// New builds a calendar from listed days. It refuses a date listed twice, an
// unknown kind, an empty Vietnamese name, a make-up working day that is not a
// Saturday or Sunday and a day-off swap that is not Monday to Friday.
func New(days []Day) (*Calendar, error) {
	c := &Calendar{days: make(map[date]Day, len(days))}
	var errs []error
	for _, d := range days {
		k := dateOf(d.Date)
		d.Date = k.time()
		switch {
		case !d.Kind.Valid():
			errs = append(errs, fmt.Errorf("%s: unknown kind %q", k, d.Kind))
		case d.Name.Vi == "":
			errs = append(errs, fmt.Errorf("%s: no Vietnamese name", k))
		case d.Kind == MakeupWorkday && !k.weekend():
			errs = append(errs, fmt.Errorf("%s: a make-up working day must be a Saturday or Sunday", k))
		case d.Kind == DayOffSwap && k.weekend():
			errs = append(errs, fmt.Errorf("%s: a day-off swap must be a weekday", k))
		}
		if _, dup := c.days[k]; dup {
			errs = append(errs, fmt.Errorf("%s: listed twice", k))
		}
		c.days[k] = d
		c.sorted = append(c.sorted, d)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	sort.Slice(c.sorted, func(i, j int) bool { return c.sorted[i].Date.Before(c.sorted[j].Date) })
	if len(c.sorted) > 0 {
		c.first = date{c.sorted[0].Date.Year(), time.January, 1}
		c.last = date{c.sorted[len(c.sorted)-1].Date.Year(), time.December, 31}
	}
	return c, nil
}

// IsWorkingDay reports whether the date of t (in Asia/Ho_Chi_Minh) is a
// working day: Monday to Friday and not a holiday or day-off swap, or a
// make-up working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.working(dateOf(t)) }

func (c *Calendar) working(d date) bool {
	if day, ok := c.days[d]; ok {
		return day.Kind == MakeupWorkday
	}
	return !d.weekend()
}

// nextWorking returns the first working day after d.
func (c *Calendar) nextWorking(d date) date {
	for d = d.next(); !c.working(d); d = d.next() {
	}
	return d
}

// MaxRange is the longest span the calendar query lists.
const MaxRange = 366 * 24 * time.Hour

// Query lists the days of the calendar query: Days for a span of at most
// MaxRange, to on or after from; anything else is BAD_USER_INPUT.
func (c *Calendar) Query(from, to time.Time) ([]Day, error) {
	if to.Before(from) || to.Sub(from) > MaxRange {
		return nil, apperr.New(apperr.BadUserInput, "to must be on or after from, at most 366 days later")
	}
	return c.Days(from, to), nil
}

// Days lists the listed days from the date of from to the date of to, both
// included, in date order (the Calendar query). It returns nothing when to is
// before from.
func (c *Calendar) Days(from, to time.Time) []Day {
	lo, hi := dateOf(from), dateOf(to)
	i := sort.Search(len(c.sorted), func(i int) bool { return !dateOf(c.sorted[i].Date).before(lo) })
	var out []Day
	for ; i < len(c.sorted) && !hi.before(dateOf(c.sorted[i].Date)); i++ {
		out = append(out, c.sorted[i])
	}
	return out
}

// Range returns the first and last dates the data covers (1 January of the
// first listed year to 31 December of the last). Outside it only weekends
// are days off. Both are zero for an empty calendar.
func (c *Calendar) Range() (first, last time.Time) {
	if len(c.sorted) == 0 {
		return time.Time{}, time.Time{}
	}
	return c.first.time(), c.last.time()
}

// Covers reports whether the date of t is within Range.
func (c *Calendar) Covers(t time.Time) bool {
	if len(c.sorted) == 0 {
		return false
	}
	d := dateOf(t)
	return !d.before(c.first) && !c.last.before(d)
}
