package vnid

import "testing"

func TestTaxCodeCheckDigit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		prefix string
		want   byte
		ok     bool
	}{
		{"010023348", '8', true}, // 0100233488: sum 167, 167 mod 11 = 2 → 8
		{"010010910", '6', true}, // 0100109106: sum 114, mod 11 = 4 → 6
		{"000000001", '7', true}, // sum 3 → 7
		{"000000003", '1', true}, // sum 9 → 1
		{"000000004", '9', true}, // sum 12, mod 11 = 1 → 9 (the largest remainder gives 0..9)
		{"000000000", 0, false},  // sum 0: remainder 0 → 10, never issued
		{"010000001", '0', true}, // 29 + 3 = 32, mod 11 = 10 → 0
		{"00000001", 0, false},   // eight digits
		{"0000000012", 0, false}, // ten digits
		{"00000000a", 0, false},
	}
	for _, tt := range tests {
		got, ok := TaxCodeCheckDigit(tt.prefix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("TaxCodeCheckDigit(%q) = %q, %v; want %q, %v", tt.prefix, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValidTaxCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"0100233488", true},
		{"0100109106", true},
		{"0100000010", true},      // remainder 10 → check digit 0
		{"0100233488-001", true},  // branch
		{"0100233488-999", true},  // last branch number
		{"0100233487", false},     // wrong check digit
		{"0000000000", false},     // remainder 0: no valid check digit
		{"0000000009", false},     // remainder 0 whatever the last digit
		{"0100233488-000", false}, // branch 000 is the head office itself
		{"0100233488001", false},  // 13 digits without the dash
		{"0100233488-01", false},
		{"0100233487-001", false}, // branch of an invalid code
		{"0100233488 ", false},
		{"01002334８8", false}, // a full-width digit
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidTaxCode(tt.in); got != tt.want {
			t.Errorf("ValidTaxCode(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
