package obligation

import "strings"

// MaskName keeps the first letter of each word of a person's name:
// "Nguyễn Văn An" → "N***** V** A*".
func MaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		r := []rune(w)
		words[i] = string(r[:1]) + strings.Repeat("*", len(r)-1)
	}
	return strings.Join(words, " ")
}
