package vnid

// allDigits reports whether s is non-empty and made of ASCII digits only.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitsN reports whether s is exactly n ASCII digits.
func digitsN(s string, n int) bool { return len(s) == n && allDigits(s) }

// upperLetters reports whether s is non-empty and made of ASCII A–Z only.
func upperLetters(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
