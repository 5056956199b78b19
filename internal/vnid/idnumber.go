package vnid

import (
	"errors"
	"fmt"
	"time"
)

// Genders as the registry and the ID number know them.
const (
	Male   = "MALE"
	Female = "FEMALE"
)

// Reasons an ID number is refused. ValidateIDNumber wraps exactly one of them;
// test with errors.Is. None of the messages contains the number itself.
var (
	ErrIDNumberFormat   = errors.New("ID number must be 12 digits")
	ErrIDNumberProvince = errors.New("ID number does not start with a birth-province code")
	ErrIDNumberCentury  = errors.New("ID number century digit does not match the date of birth")
	ErrIDNumberSex      = errors.New("ID number sex digit does not match the gender")
	ErrIDNumberYear     = errors.New("ID number year digits do not match the date of birth")
	ErrBirthYear        = errors.New("year of birth outside 1900–2399")
	ErrGender           = errors.New("gender must be MALE or FEMALE")
)

// ValidIDNumberFormat reports whether id has the shape of an ID number:
// 12 ASCII digits. It is the check for login, where the date of birth is not
// given; registration uses ValidateIDNumber.
func ValidIDNumberFormat(id string) bool { return digitsN(id, 12) }

// ValidateIDNumber checks a 12-digit citizen ID number against the date of
// birth and gender it was issued for (Circular 07/2016/TT-BCA, Art. 7):
//
//	digits 1–3  birth-province code (one of the 63 pre-2025 codes)
//	digit  4    century and sex: 1900–1999 0 male / 1 female, 2000–2099 2/3,
//	            2100–2199 4/5, 2200–2299 6/7, 2300–2399 8/9
//	digits 5–6  last two digits of the year of birth
//	digits 7–12 a serial number
//
// gender is MALE or FEMALE; an empty gender checks the century but not the
// sex (registration input carries no gender; the registry does).
func ValidateIDNumber(id string, dob time.Time, gender string) error {
	if !ValidIDNumberFormat(id) {
		return ErrIDNumberFormat
	}
	if _, ok := birthProvinces[id[:3]]; !ok {
		return ErrIDNumberProvince
	}
	year := dob.Year()
	if year < 1900 || year > 2399 {
		return ErrBirthYear
	}
	d := int(id[3] - '0')
	if d/2 != (year-1900)/100 {
		return ErrIDNumberCentury
	}
	switch gender {
	case "":
	case Male, Female:
		if (d%2 == 1) != (gender == Female) {
			return ErrIDNumberSex
		}
	default:
		return ErrGender
	}
	if int(id[4]-'0')*10+int(id[5]-'0') != year%100 {
		return ErrIDNumberYear
	}
	return nil
}

// IDNumberPrefix returns the first six digits of the ID number of a person
// born in birthProvince (a three-digit code) on dob with gender MALE or
// FEMALE. Test data generators append a six-digit serial to it.
func IDNumberPrefix(birthProvince string, dob time.Time, gender string) (string, error) {
	if _, ok := birthProvinces[birthProvince]; !ok {
		return "", ErrIDNumberProvince
	}
	year := dob.Year()
	if year < 1900 || year > 2399 {
		return "", ErrBirthYear
	}
	d := (year - 1900) / 100 * 2
	switch gender {
	case Male:
	case Female:
		d++
	default:
		return "", ErrGender
	}
	return fmt.Sprintf("%s%d%02d", birthProvince, d, year%100), nil
}

// PlausibleIDNumber reports whether id can be a citizen ID number when the
// date of birth is not known (a lookup by a tax code or a violator's ID):
// 12 ASCII digits starting with a birth-province code.
func PlausibleIDNumber(id string) bool {
	if !ValidIDNumberFormat(id) {
		return false
	}
	_, ok := birthProvinces[id[:3]]
	return ok
}
