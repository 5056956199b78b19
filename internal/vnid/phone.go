package vnid

import "errors"

// ErrMobile is returned for a string that is not a Vietnamese mobile number.
var ErrMobile = errors.New("not a Vietnamese mobile number (0 or +84 followed by 9 digits, mobile prefix)")

// NormalizeMobile returns a Vietnamese mobile number in the form +84 and
// nine digits. It accepts the national form 0xxxxxxxxx and the international
// form +84xxxxxxxxx, with no spaces or separators, when the number starts
// with a mobile prefix (03, 05, 07, 08, 09 in the national form). It refuses
// landlines (02x), the 11-digit mobile numbers withdrawn in 2018 (01x) and
// everything else.
func NormalizeMobile(s string) (string, error) {
	var sub string
	switch {
	case len(s) == 10 && s[0] == '0':
		sub = s[1:]
	case len(s) == 12 && s[:3] == "+84":
		sub = s[3:]
	default:
		return "", ErrMobile
	}
	if !allDigits(sub) {
		return "", ErrMobile
	}
	switch sub[0] {
	case '3', '5', '7', '8', '9':
	default:
		return "", ErrMobile
	}
	return "+84" + sub, nil
}

// ValidMobile reports whether NormalizeMobile accepts s.
func ValidMobile(s string) bool {
	_, err := NormalizeMobile(s)
	return err == nil
}

// NationalMobile returns the national 0-form (0912345678) of a mobile
// number in any form NormalizeMobile accepts.
func NationalMobile(s string) (string, error) {
	n, err := NormalizeMobile(s)
	if err != nil {
		return "", err
	}
	return "0" + n[3:], nil
}
