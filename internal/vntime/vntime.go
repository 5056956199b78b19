// Package vntime owns Vietnam's civil time: the zone every day, date and
// printed time of the portal is in, and the one way to turn an instant into
// the calendar day it falls on there. It is a leaf package, so any domain
// package can use it.
package vntime

import "time"

// Location is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight
// saving since 1975, so a fixed zone is exact for every date the portal
// handles and needs no time zone database on the host.
var Location = time.FixedZone("ICT", 7*3600)

// DateOf returns the calendar day of t in Vietnam as midnight UTC, the form
// dates are kept in (PostgreSQL date columns, scanned as midnight UTC).
func DateOf(t time.Time) time.Time {
	y, m, d := t.In(Location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Midnight returns the start, in Vietnam, of the calendar day that date
// names: its year, month and day as written (in date's own location), such
// as a DateOf result or a date column carries. It is DateOf's inverse:
// Midnight(DateOf(t)) is the start of t's day in Vietnam.
func Midnight(date time.Time) time.Time {
	return time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, Location)
}
