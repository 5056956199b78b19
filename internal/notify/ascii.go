package notify

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ASCII returns s as unaccented ASCII, the way Vietnamese SMS are written
// (GSM-7 safe, one 160-character segment holds more): "Cấp lại thẻ BHYT"
// → "Cap lai the BHYT", "Đà Nẵng" → "Da Nang". Control characters become
// spaces; other characters outside ASCII are dropped.
func ASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case r == 'Đ':
			b.WriteByte('D')
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r < 0x80:
			b.WriteRune(r)
		}
	}
	return b.String()
}
