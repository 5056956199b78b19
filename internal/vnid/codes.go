package vnid

// ValidSocialInsuranceCode reports whether s is a social insurance code
// (mã số BHXH): exactly 10 ASCII digits.
func ValidSocialInsuranceCode(s string) bool { return digitsN(s, 10) }

// ValidHealthCardNumber reports whether s is a health insurance card number:
// either the 10-digit code printed since 2021 (the holder's social insurance
// code), or the legacy 15-character form: two capital letters (beneficiary
// group), one digit 1–5 (benefit level), two digits (province of issue),
// then the 10-digit code, e.g. GD4010123456789.
func ValidHealthCardNumber(s string) bool {
	switch len(s) {
	case 10:
		return allDigits(s)
	case 15:
		return upperLetters(s[:2]) && s[2] >= '1' && s[2] <= '5' && allDigits(s[3:])
	}
	return false
}

// HealthCardCode returns the 10-digit code inside a valid card number (the
// number itself, or the last ten characters of the legacy form), and false
// when s is not a valid card number.
func HealthCardCode(s string) (string, bool) {
	if !ValidHealthCardNumber(s) {
		return "", false
	}
	return s[len(s)-10:], true
}
