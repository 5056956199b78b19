package vnid

import "strings"

// NormPlate is a vehicle plate number without separators, upper case:
// "30a-123.45" → "30A12345".
func NormPlate(p string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(p) {
		if r != ' ' && r != '-' && r != '.' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ValidPlate reports whether p, normalised by NormPlate, is a plate number:
// 6 to 10 ASCII upper-case letters and digits, starting with the two digits
// of the registering province ("30A12345").
func ValidPlate(p string) bool {
	if len(p) < 6 || len(p) > 10 || !digitsN(p[:2], 2) {
		return false
	}
	for i := 2; i < len(p); i++ {
		if c := p[i]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
