package population

import (
	"context"
	"time"

	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Registry looks people up by ID number.
type Registry interface {
	// LookupPerson returns the person with the 12-digit ID number, or an
	// error wrapping apperr.ErrNotFound.
	LookupPerson(ctx context.Context, idNumber string) (Person, error)
}

// Person is one citizen as the registry knows them.
type Person struct {
	IDNumber            string
	FullName            string    // NFC
	DateOfBirth         time.Time // a date: midnight UTC
	Gender              string    // vnid.Male or vnid.Female
	Phone               string    // the phone on record, normalised to +84xxxxxxxxx
	SocialInsuranceCode string    // 10 digits
	Address             Address
	Card                *HealthCard // nil when no health insurance card is on record
}

// Address is where a person lives, in the administrative units in force
// (34 provinces, 2-digit codes; 5-digit ward codes).
type Address struct {
	ProvinceCode string
	WardCode     string
	Street       string
}

// HealthCard is a health insurance card (thẻ BHYT) on record.
type HealthCard struct {
	Number           string    // the 10-digit code or the legacy 15-character form
	ValidFrom        time.Time // a date: midnight UTC
	ValidTo          time.Time // a date, inclusive: midnight UTC
	RegisteredClinic string    // the initial place of registration for care
}

// ValidOn reports whether the card is valid on the calendar day of t, in
// Vietnam's time zone (UTC+7, no daylight saving).
func (c *HealthCard) ValidOn(t time.Time) bool {
	if c == nil {
		return false
	}
	day := vntime.DateOf(t)
	return !day.Before(c.ValidFrom) && !day.After(c.ValidTo)
}
