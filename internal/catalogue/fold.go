package catalogue

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and strips Vietnamese diacritics (đ becomes d), so that
// "Cấp lại thẻ BHYT" and "cap lai the bhyt" compare equal. Everything that is
// not a letter or a digit becomes a space.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case unicode.Is(unicode.Mn, r):
			// a combining mark: the diacritic, dropped
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
				b.WriteRune(r)
			case 'A' <= r && r <= 'Z':
				b.WriteRune(r + ('a' - 'A'))
			default:
				b.WriteByte(' ')
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Tokens folds s and splits it into words.
func Tokens(s string) []string {
	return strings.Fields(Fold(s))
}

// acronyms returns the initials of every run of 3 to 6 consecutive words
// ("bao hiem y te" gives "bhyt"), so that an abbreviation in a query matches
// the words in a name and the other way round.
func acronyms(words []string) []string {
	var out []string
	for i := range words {
		var b []byte
		for j := i; j < len(words) && j-i < 6; j++ {
			b = append(b, words[j][0])
			if len(b) >= 3 {
				out = append(out, string(b))
			}
		}
	}
	return out
}
