package population

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MatchName reports whether two spellings of a full name are the same name.
// It ignores:
//   - letter case ("NGUYỄN VĂN AN" = "Nguyễn Văn An");
//   - the Unicode form: precomposed (NFC) and decomposed (NFD) letters;
//   - where the tone mark sits in a syllable, which Vietnamese keyboards
//     place differently ("Hoà" = "Hòa", "Thuý" = "Thúy");
//   - leading, trailing and repeated spaces.
//
// It does not ignore diacritics: "Nguyen Van An" and "Nguyễn Văn An" are
// different names, as are "Đào" and "Dao".
func MatchName(a, b string) bool {
	ka, kb := nameKey(a), nameKey(b)
	return ka != "" && ka == kb
}

// Vietnamese tone marks as combining characters (NFD): grave (huyền),
// acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng). The vowel
// marks (circumflex, breve, horn) are part of the letter and stay.
const tones = "\u0300\u0301\u0309\u0303\u0323"

// nameKey returns a canonical form of a name: lower case, NFD, words
// separated by one space, each word's tone mark (if any) moved to its end.
func nameKey(s string) string {
	words := strings.Fields(norm.NFD.String(s))
	for i, w := range words {
		var base strings.Builder
		var tone rune
		for _, r := range w {
			if strings.ContainsRune(tones, r) {
				tone = r
				continue
			}
			base.WriteRune(unicode.ToLower(r))
		}
		if tone != 0 {
			base.WriteRune(tone)
		}
		words[i] = base.String()
	}
	return strings.Join(words, " ")
}
