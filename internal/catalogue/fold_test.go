package catalogue

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cấp lại thẻ BHYT do mất, hỏng", "cap lai the bhyt do mat  hong"},
		{"ĐĂNG KÝ khuyến mại", "dang ky khuyen mai"},
		{"Điện lực", "dien luc"},
		{"Thuế thu nhập cá nhân", "thue thu nhap ca nhan"},
		{"ỨNG DỤNG Ưu Đãi", "ung dung uu dai"},
		{"50%_off 'x' \"y\"", "50  off  x   y "},
		{"HC-REISSUE", "hc reissue"},
		{"a\x00b", "a b"},
		{"\xff\xfe", "  "},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokensAndAcronyms(t *testing.T) {
	if got := Tokens("  Cấp lại thẻ  bảo hiểm y tế "); !reflect.DeepEqual(got, []string{"cap", "lai", "the", "bao", "hiem", "y", "te"}) {
		t.Fatalf("Tokens = %q", got)
	}
	got := acronyms([]string{"bao", "hiem", "y", "te"})
	want := []string{"bhy", "bhyt", "hyt"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("acronyms = %q, want %q", got, want)
	}
}
