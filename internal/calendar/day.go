package calendar

import (
	"fmt"
	"time"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Kind is what a listed day is.
type Kind string

// The kinds of listed days.
const (
	// Holiday is a public holiday (or a day off in lieu of one that fell on
	// a weekend). Not a working day.
	Holiday Kind = "HOLIDAY"
	// MakeupWorkday is a Saturday or Sunday worked in exchange for a
	// DayOffSwap. A working day.
	MakeupWorkday Kind = "MAKEUP_WORKDAY"
	// DayOffSwap is a weekday turned into a day off by an official shift
	// (hoán đổi ngày làm việc). Not a working day.
	DayOffSwap Kind = "DAY_OFF_SWAP"
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool {
	return k == Holiday || k == MakeupWorkday || k == DayOffSwap
}

// Day is a listed day: a date that is not an ordinary working day or weekend
// day. Basis names the legal text or announcement it comes from.
type Day struct {
	Date  time.Time // midnight in Asia/Ho_Chi_Minh
	Kind  Kind
	Name  i18n.Text
	Basis string
}

// date is a calendar day, the key of the calendar's index.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.In(vntime.Location).Date()
	return date{y, m, d}
}

// time returns midnight of the day in vntime.Location.
func (d date) time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, vntime.Location) }

// next returns the following calendar day.
func (d date) next() date { return dateOf(time.Date(d.y, d.m, d.d+1, 12, 0, 0, 0, vntime.Location)) }

func (d date) before(o date) bool {
	if d.y != o.y {
		return d.y < o.y
	}
	if d.m != o.m {
		return d.m < o.m
	}
	return d.d < o.d
}

func (d date) weekend() bool {
	w := d.time().Weekday()
	return w == time.Saturday || w == time.Sunday
}

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d) }

// Date returns midnight of year-month-day in Asia/Ho_Chi_Minh.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, vntime.Location)
}

// ParseDate reads a YYYY-MM-DD date as midnight in Asia/Ho_Chi_Minh.
func ParseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, vntime.Location)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return t, nil
}
