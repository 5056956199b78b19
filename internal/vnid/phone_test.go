package vnid

import (
	"errors"
	"testing"
)

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"0912345678", "+84912345678", true},
		{"+84912345678", "+84912345678", true},
		{"0321234567", "+84321234567", true},
		{"0561234567", "+84561234567", true},
		{"0771234567", "+84771234567", true},
		{"0861234567", "+84861234567", true},
		{"+84981234567", "+84981234567", true},

		{"0241234567", "", false},      // Hà Nội landline
		{"02838123456", "", false},     // HCMC landline, 11 digits
		{"+84241234567", "", false},    // landline, international form
		{"01234567890", "", false},     // withdrawn 11-digit mobile
		{"+841234567890", "", false},   // withdrawn 11-digit, international
		{"0412345678", "", false},      // no such prefix
		{"0612345678", "", false},      // no such prefix
		{"0012345678", "", false},      //
		{"84912345678", "", false},     // missing plus
		{"0084912345678", "", false},   // 00 international prefix
		{"+840912345678", "", false},   // trunk 0 after +84
		{"091234567", "", false},       // 9 digits
		{"09123456789", "", false},     // 11 digits
		{"0912 345 678", "", false},    // separators
		{"091234567a", "", false},      //
		{"+8491234567\x00", "", false}, //
		{"０９１２３４５６７８", "", false},      // fullwidth
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizeMobile(tt.in)
		if tt.ok {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, ErrMobile) || got != "" {
			t.Errorf("NormalizeMobile(%q) = %q, %v; want ErrMobile", tt.in, got, err)
		}
		if ValidMobile(tt.in) {
			t.Errorf("ValidMobile(%q) = true", tt.in)
		}
	}
}

func TestNationalMobile(t *testing.T) {
	for in, want := range map[string]string{"+84912345678": "0912345678", "0912345678": "0912345678"} {
		if got, err := NationalMobile(in); err != nil || got != want {
			t.Errorf("NationalMobile(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := NationalMobile("0241234567"); err == nil {
		t.Error("NationalMobile accepted a landline")
	}
}
