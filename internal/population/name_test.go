package population

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMatchName(t *testing.T) {
	const an = "Nguyễn Văn An"
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"identical", an, an, true},
		{"NFC vs NFD", norm.NFC.String(an), norm.NFD.String(an), true},
		{"upper case", an, "NGUYỄN VĂN AN", true},
		{"lower case NFD", an, norm.NFD.String("nguyễn văn an"), true},
		{"extra spaces", an, "  Nguyễn  Văn   An ", true},
		{"old-style tone placement", "Lê Thị Hoà", "Lê Thị Hòa", true},
		{"old-style tone placement 2", "Trần Thuý Quỳnh", "TRẦN THÚY QUỲNH", true},
		{"Đ upper/lower", "Đặng Đức Đạt", "đặng đức đạt", true},

		{"diacritics dropped", an, "Nguyen Van An", false},
		{"different tone", "Lê Văn Bình", "Lê Văn Bính", false},
		{"different vowel mark", "Phạm Thị Hương", "Phạm Thị Hướng", false},
		{"Đ vs D", "Đào Minh Tú", "Dao Minh Tú", false},
		{"different given name", an, "Nguyễn Văn Anh", false},
		{"missing middle name", an, "Nguyễn An", false},
		{"words joined", an, "Nguyễn VănAn", false},
		{"word order", an, "An Văn Nguyễn", false},
		{"empty vs empty", "", "", false},
		{"blank vs blank", " ", "  ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MatchName(tt.a, tt.b); got != tt.want {
				t.Errorf("MatchName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := MatchName(tt.b, tt.a); got != tt.want {
				t.Errorf("MatchName(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}
