package vnid

import "strings"

// EVN customer codes (mã khách hàng điện): 13 characters ^P[A-Z][A-Z0-9]{11}$
// once upper-cased and stripped of spaces, whose second letter names the
// power corporation that bills the customer: PD Hà Nội; PE Hồ Chí Minh City;
// PA/PH/PM/PN the North; PB/PK the South; PC/PP/PQ the Centre. No other
// prefix is issued.

// PowerCorporation is one of the five EVN power corporations: its agency
// code and its name.
type PowerCorporation struct {
	Code string
	Name string
}

var (
	evnHanoi = PowerCorporation{"EVNHANOI", "Tổng công ty Điện lực TP Hà Nội"}
	evnHCMC  = PowerCorporation{"EVNHCMC", "Tổng công ty Điện lực TP Hồ Chí Minh"}
	evnNPC   = PowerCorporation{"EVNNPC", "Tổng công ty Điện lực miền Bắc"}
	evnSPC   = PowerCorporation{"EVNSPC", "Tổng công ty Điện lực miền Nam"}
	evnCPC   = PowerCorporation{"EVNCPC", "Tổng công ty Điện lực miền Trung"}
)

// powerCorporations by the second letter of a customer code.
var powerCorporations = map[byte]PowerCorporation{
	'D': evnHanoi, 'E': evnHCMC,
	'A': evnNPC, 'H': evnNPC, 'M': evnNPC, 'N': evnNPC,
	'B': evnSPC, 'K': evnSPC,
	'C': evnCPC, 'P': evnCPC, 'Q': evnCPC,
}

// NormEVNCustomerCode is a customer code as typed, upper case and without
// spaces: " pd01 000 123456" → "PD01000123456".
func NormEVNCustomerCode(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// ValidEVNCustomerCode reports whether s, normalised by NormEVNCustomerCode,
// is ^P[A-Z][A-Z0-9]{11}$ with a power corporation's prefix.
func ValidEVNCustomerCode(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := 2; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	_, ok := EVNCorporation(s)
	return ok
}

// EVNCorporation returns the power corporation of a customer code's prefix
// (its first two characters); ok is false for any other prefix.
func EVNCorporation(code string) (PowerCorporation, bool) {
	if len(code) < 2 || code[0] != 'P' {
		return PowerCorporation{}, false
	}
	c, ok := powerCorporations[code[1]]
	return c, ok
}
