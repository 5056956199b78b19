package vnid

import "testing"

func TestMask(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"id", MaskIDNumber, "001090012345", "001******345"},
		{"id malformed", MaskIDNumber, "00109001234", "***********"},
		{"id non-ascii", MaskIDNumber, "Nguyễn", "******"},
		{"id empty", MaskIDNumber, "", ""},
		{"phone international", MaskPhone, "+84912345678", "091****678"},
		{"phone national", MaskPhone, "0912345678", "091****678"},
		{"phone landline", MaskPhone, "0241234567", "**********"},
		{"si code", MaskCode, "0123456789", "012****789"},
		{"legacy card", MaskCode, "GD4010123456789", "GD4*********789"},
		{"short code", MaskCode, "1234567", "*******"},
		{"non-ascii code", MaskCode, "Đ123456789", "**********"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
