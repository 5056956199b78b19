package application

import (
	"errors"
	"fmt"
	"time"

	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// morningOf returns 08:00 in Vietnam on date d, a time the calendar counts
// from that day (before the cut-off).
func morningOf(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, vntime.Location)
}

// FormatDate writes a date as citizens read it: dd/mm/yyyy.
func FormatDate(d time.Time) string { return d.Format("02/01/2006") }

// ErrNotOnline is returned by OnlineTerms for a version without an ONLINE
// channel (the router refuses those before any handler runs).
var ErrNotOnline = errors.New("the service version has no ONLINE channel")

// OnlineTerms returns the fee and the appointment date of an application
// submitted online at now under version v: the fees of the ONLINE channel
// summed, and its processing time counted by the calendar.
func OnlineTerms(cal Calendar, v catalogue.ServiceVersion, now time.Time) (money.Money, time.Time, error) {
	ch, ok := v.ChannelOf(catalogue.Online)
	if !ok {
		return money.Money{}, time.Time{}, ErrNotOnline
	}
	fee, err := money.Sum(ch.Fees...)
	if err != nil {
		return money.Money{}, time.Time{}, fmt.Errorf("service %s v%d: ONLINE fees: %w", v.ServiceCode, v.Number, err)
	}
	due, err := cal.Add(now, ch.ProcessingTime.Value, ch.ProcessingTime.Unit)
	if err != nil {
		return money.Money{}, time.Time{}, fmt.Errorf("appointment for %s v%d: %w", v.ServiceCode, v.Number, err)
	}
	return fee, vntime.DateOf(due), nil
}

// workingDaysBetween counts the working days from from to to (how long the
// clock was paused), stepping through the calendar; at most a year.
func workingDaysBetween(cal Calendar, from, to time.Time) (int, error) {
	n := 0
	for n < 366 {
		next, err := cal.Add(from, n+1, catalogue.WorkingDay)
		if err != nil {
			return 0, fmt.Errorf("count paused working days: %w", err)
		}
		if vntime.DateOf(next).After(vntime.DateOf(to)) {
			return n, nil
		}
		n++
	}
	return n, nil
}
