package calendar_test

import (
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
	"time"

	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// submission is a random moment from mid-2024 to the start of 2028 (the data
// years and their edges) with a processing time of 0–80 and a delay of up to
// ten days, for the properties below.
type submission struct {
	From  time.Time
	N     int
	Delay time.Duration
}

func (submission) Generate(r *rand.Rand, _ int) reflect.Value {
	lo := time.Date(2024, 6, 1, 0, 0, 0, 0, vntime.Location).Unix()
	hi := time.Date(2028, 1, 31, 0, 0, 0, 0, vntime.Location).Unix()
	s := submission{
		From:  time.Unix(lo+r.Int63n(hi-lo), 0).In(vntime.Location),
		N:     r.Intn(81),
		Delay: time.Duration(r.Int63n(int64(10 * 24 * time.Hour))),
	}
	// Often land right at the cut-off, where off-by-one errors live.
	if r.Intn(4) == 0 {
		y, m, d := s.From.Date()
		s.From = time.Date(y, m, d, calendar.CutOffHour, 0, 0, 0, vntime.Location).Add(time.Duration(r.Intn(3)-1) * time.Second)
	}
	return reflect.ValueOf(s)
}

// quickConfig uses a fixed seed, so a failure reproduces.
var quickConfig = &quick.Config{MaxCount: 3000, Rand: rand.New(rand.NewSource(20260217))}

func TestPropertyResultIsAWorkingDay(t *testing.T) {
	c := calendar.Default()
	prop := func(s submission) bool {
		got := c.AddWorkingDays(s.From, s.N)
		return c.IsWorkingDay(got) && got.Hour() == 0 && got.Location() == vntime.Location
	}
	if err := quick.Check(prop, quickConfig); err != nil {
		t.Error(err)
	}
}

// TestPropertyCountsExactlyNWorkingDays checks the convention itself: between
// the receipt day (excluded) and the result (included) lie exactly n working
// days, and the receipt day is a working day not before the submission date.
func TestPropertyCountsExactlyNWorkingDays(t *testing.T) {
	c := calendar.Default()
	prop := func(s submission) bool {
		r := c.ReceiptDay(s.From)
		if !c.IsWorkingDay(r) || r.Before(calendar.Date(s.From.Date())) {
			return false
		}
		got := c.AddWorkingDays(s.From, s.N)
		n := 0
		for d := r.AddDate(0, 0, 1); !d.After(got); d = d.AddDate(0, 0, 1) {
			if c.IsWorkingDay(d) {
				n++
			}
		}
		return n == s.N
	}
	if err := quick.Check(prop, quickConfig); err != nil {
		t.Error(err)
	}
}

func TestPropertyMonotoneInN(t *testing.T) {
	c := calendar.Default()
	prop := func(s submission) bool {
		return c.AddWorkingDays(s.From, s.N+1).After(c.AddWorkingDays(s.From, s.N))
	}
	if err := quick.Check(prop, quickConfig); err != nil {
		t.Error(err)
	}
}

func TestPropertyMonotoneInFrom(t *testing.T) {
	c := calendar.Default()
	prop := func(s submission) bool {
		later := s.From.Add(s.Delay)
		return !c.AddWorkingDays(later, s.N).Before(c.AddWorkingDays(s.From, s.N))
	}
	if err := quick.Check(prop, quickConfig); err != nil {
		t.Error(err)
	}
}

// TestPropertyAddUnits checks every unit: the result is a working day, not
// before the receipt day, and monotone in n and in from.
func TestPropertyAddUnits(t *testing.T) {
	c := calendar.Default()
	for _, u := range []string{"WORKING_DAY", "CALENDAR_DAY", "HOUR"} {
		t.Run(u, func(t *testing.T) {
			prop := func(s submission) bool {
				got, err1 := c.Add(s.From, s.N, unit(u))
				more, err2 := c.Add(s.From, s.N+1, unit(u))
				later, err3 := c.Add(s.From.Add(s.Delay), s.N, unit(u))
				return err1 == nil && err2 == nil && err3 == nil &&
					c.IsWorkingDay(got) && !got.Before(c.ReceiptDay(s.From)) &&
					!more.Before(got) && !later.Before(got)
			}
			if err := quick.Check(prop, quickConfig); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestPropertyWorkingHoursInsideOfficeHours checks that n > 0 office hours
// always end inside office hours on a working day, and one more hour ends
// exactly one office hour later.
func TestPropertyWorkingHoursInsideOfficeHours(t *testing.T) {
	c := calendar.Default()
	// inside reports whether t is on a working day and in (open, lunch] or
	// (lunch end, cut-off]: where the last counted hour can end.
	inside := func(t time.Time) bool {
		tod := t.Sub(calendar.Date(t.Date()))
		h := func(hour int) time.Duration { return time.Duration(hour) * time.Hour }
		return c.IsWorkingDay(t) &&
			(tod > h(calendar.OpenHour) && tod <= h(calendar.LunchStartHour) ||
				tod > h(calendar.LunchEndHour) && tod <= h(calendar.CutOffHour))
	}
	prop := func(s submission) bool {
		n := s.N + 1
		end := c.AddWorkingHours(s.From, n)
		return end.After(s.From) && inside(end) &&
			!c.AddWorkingHours(s.From, n+1).Before(end.Add(time.Hour))
	}
	if err := quick.Check(prop, quickConfig); err != nil {
		t.Error(err)
	}
}
