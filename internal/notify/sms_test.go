package notify

import (
	"strings"
	"testing"
	"time"
)

func TestRedact(t *testing.T) {
	tests := map[string]string{
		"DVC: Ma xac thuc cua ban la 123456, hieu luc 5 phut.": "DVC: Ma xac thuc cua ban la ******, hieu luc 5 phut.",
		"code 1234 and 987654321":                              "code **** and *********",
		"12 345 6":                                             "12 345 6",
		"":                                                     "",
	}
	for in, want := range tests {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSMSValidate(t *testing.T) {
	exp := time.Now().Add(5 * time.Minute)
	tests := []struct {
		name string
		sms  SMS
		err  string
	}{
		{"ok OTP", SMS{To: "0912345678", Text: "code 123456", Purpose: PurposeOTP, ExpiresAt: &exp}, ""},
		{"ok bulk", SMS{To: "+84912345678", Text: "hello", Purpose: PurposeApplication}, ""},
		{"landline", SMS{To: "0241234567", Text: "x", Purpose: PurposeNotice}, "not a mobile"},
		{"empty text", SMS{To: "0912345678", Purpose: PurposeNotice}, "empty"},
		{"accented", SMS{To: "0912345678", Text: "Mã", Purpose: PurposeNotice}, "not ASCII"},
		{"too long", SMS{To: "0912345678", Text: strings.Repeat("a", 460), Purpose: PurposeNotice}, "longer"},
		{"no purpose", SMS{To: "0912345678", Text: "x"}, "purpose"},
		{"OTP without expiry", SMS{To: "0912345678", Text: "x", Purpose: PurposeOTP}, "ExpiresAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.sms.validate()
			if tt.err == "" {
				if err != nil || got.To != "+84912345678" {
					t.Fatalf("validate = %+v, %v", got, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want …%s…", err, tt.err)
			}
			if strings.Contains(err.Error(), "912345678") {
				t.Errorf("error leaks the phone: %v", err)
			}
		})
	}
}
