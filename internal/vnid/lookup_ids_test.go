package vnid

import "testing"

func TestNormalisedLookupIdentifiers(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		norm      func(string) string
		in, want  string
		validWant bool
		valid     func(string) bool
	}{
		{"customer code", NormEVNCustomerCode, " pd01 000\t123456 ", "PD01000123456", true, ValidEVNCustomerCode},
		{"customer code keeps hyphens", NormEVNCustomerCode, "pd01-00123456", "PD01-00123456", false, ValidEVNCustomerCode},
		{"plate", NormPlate, "30a-123.45", "30A12345", true, ValidPlate},
		{"plate with spaces", NormPlate, " 51 g 888 88 ", "51G88888", true, ValidPlate},
		{"plate keeps other punctuation", NormPlate, "30A/12345", "30A/12345", false, ValidPlate},
		{"decision", NormDecisionNumber, " 123 /qđ-xphc\n", "123/QĐ-XPHC", true, ValidDecisionNumber},
		{"empty decision", NormDecisionNumber, " \t ", "", false, ValidDecisionNumber},
	} {
		got := c.norm(c.in)
		if got != c.want {
			t.Errorf("%s: Norm(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
		if ok := c.valid(got); ok != c.validWant {
			t.Errorf("%s: valid(%q) = %v, want %v", c.name, got, ok, c.validWant)
		}
	}
}
