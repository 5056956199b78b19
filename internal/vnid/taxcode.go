package vnid

// Tax codes (mã số thuế, MST; for an enterprise also its enterprise code):
// ten digits N1…N10 whose last is a check digit, optionally followed by a
// branch suffix "-001"…"-999" (a dependent unit: 13 digits in all).
//
// The check digit (Circular 105/2020/TT-BTC and the tax authority's issuing
// rule): N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 +
// 5·N8 + 3·N9) mod 11. When the remainder is 0 the result would be 10, which
// is not a digit: the authority never issues such a nine-digit prefix, so no
// check digit is valid for it.

var taxCodeWeights = [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}

// TaxCodeCheckDigit returns the check digit of a nine-digit prefix, and
// false when prefix is not nine ASCII digits or its remainder is 0 (a prefix
// that is never issued).
func TaxCodeCheckDigit(prefix string) (byte, bool) {
	if !digitsN(prefix, 9) {
		return 0, false
	}
	sum := 0
	for i, w := range taxCodeWeights {
		sum += w * int(prefix[i]-'0')
	}
	r := sum % 11
	if r == 0 {
		return 0, false
	}
	return byte('0' + 10 - r), true
}

// ValidTaxCode reports whether s is a tax code: ten digits with a correct
// check digit ("0100233488"), or those ten followed by "-" and a three-digit
// branch number other than 000 ("0100233488-001").
func ValidTaxCode(s string) bool {
	switch len(s) {
	case 10:
	case 14:
		if s[10] != '-' || !digitsN(s[11:], 3) || s[11:] == "000" {
			return false
		}
	default:
		return false
	}
	if !digitsN(s[:10], 10) {
		return false
	}
	d, ok := TaxCodeCheckDigit(s[:9])
	return ok && s[9] == d
}
