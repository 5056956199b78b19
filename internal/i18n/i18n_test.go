package i18n

import "testing"

func TestParseAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   Lang
	}{
		{"", VI},
		{"en", EN},
		{"en-US,en;q=0.9", EN},
		{"vi", VI},
		{"vi-VN, en;q=0.5", VI},
		{"fr, en;q=0.8", EN},
		{"en;q=0.2, vi;q=0.8", VI},
		{"en;q=0", VI},
		{"de", VI},
		{"en;q=garbage", VI},
		{";;;,,,", VI},
	}
	for _, tt := range tests {
		if got := ParseAcceptLanguage(tt.header); got != tt.want {
			t.Errorf("ParseAcceptLanguage(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestTextIn(t *testing.T) {
	tx := T("Xin chào", "Hello")
	if tx.In(EN) != "Hello" || tx.In(VI) != "Xin chào" {
		t.Fatalf("In: got %q / %q", tx.In(EN), tx.In(VI))
	}
	if T("Chỉ tiếng Việt", "").In(EN) != "Chỉ tiếng Việt" {
		t.Fatal("missing English must fall back to Vietnamese")
	}
}
