// Package calendar owns the working-day calendar of the portal: Vietnamese
// public holidays, official day-off swaps and make-up working days, kept as
// data (days.json, embedded; the table calendar_days mirrors it), and the
// arithmetic every handler uses to turn a processing time into an
// appointment date (AddWorkingDays, Add).
//
// A working day is Monday to Friday unless it is a HOLIDAY or a DAY_OFF_SWAP,
// plus any MAKEUP_WORKDAY (a Saturday or Sunday worked in exchange for a swap).
// The swaps are the ones announced for state agencies (cán bộ, công chức,
// viên chức), who process the portal's applications. Outside the years the
// data covers (Range), only weekends are days off.
//
// Dates are calendar days in Asia/Ho_Chi_Minh (UTC+7, no daylight saving):
// every time.Time argument is read as its date there, and every date returned
// is midnight there.
package calendar
