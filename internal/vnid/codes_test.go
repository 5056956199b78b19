package vnid

import "testing"

func TestValidSocialInsuranceCode(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"0123456789", true},
		{"7912345678", true},
		{"012345678", false},
		{"01234567890", false},
		{"-123456789", false},
		{"1.23456789", false},
		{"012345678a", false},
		{"０１２３４５６７８９", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidSocialInsuranceCode(tt.s); got != tt.want {
			t.Errorf("ValidSocialInsuranceCode(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestValidHealthCardNumber(t *testing.T) {
	tests := []struct {
		s    string
		code string
		want bool
	}{
		{"0123456789", "0123456789", true},
		{"GD4010123456789", "0123456789", true},
		{"HT3790123456789", "0123456789", true},
		{"DN1010123456789", "0123456789", true},
		{"gd4010123456789", "", false}, // lower-case group
		{"GD6010123456789", "", false}, // benefit level 1–5
		{"GD0010123456789", "", false},
		{"G44010123456789", "", false},
		{"GD40A0123456789", "", false},
		{"GD401012345678", "", false},
		{"GD40101234567890", "", false},
		{"ĐD4010123456789", "", false},
		{"012345678", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := ValidHealthCardNumber(tt.s); got != tt.want {
			t.Errorf("ValidHealthCardNumber(%q) = %v, want %v", tt.s, got, tt.want)
		}
		code, ok := HealthCardCode(tt.s)
		if ok != tt.want || code != tt.code {
			t.Errorf("HealthCardCode(%q) = %q, %v; want %q, %v", tt.s, code, ok, tt.code, tt.want)
		}
	}
}
