package vnid

import "strings"

// MaskIDNumber shows the first three and last three digits of an ID number:
// 001090012345 → 001******345. Anything that is not 12 digits is masked
// entirely, so a malformed value never leaks.
func MaskIDNumber(id string) string {
	if !ValidIDNumberFormat(id) {
		return stars(id)
	}
	return id[:3] + "******" + id[9:]
}

// MaskPhone shows a mobile number in its national form with the middle
// hidden: +84912345678 → 091****678. A value that is not a mobile number is
// masked entirely.
func MaskPhone(phone string) string {
	n, err := NationalMobile(phone)
	if err != nil {
		return stars(phone)
	}
	return n[:3] + "****" + n[7:]
}

// MaskCode hides the middle of a social insurance code or health card
// number, keeping three characters at each end: 0123456789 → 012****789,
// GD4010123456789 → GD4*********789. Values shorter than 8 characters are
// masked entirely.
func MaskCode(s string) string {
	if len(s) < 8 || !isASCII(s) {
		return stars(s)
	}
	return s[:3] + strings.Repeat("*", len(s)-6) + s[len(s)-3:]
}

// stars masks every character of s.
func stars(s string) string { return strings.Repeat("*", len([]rune(s))) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
