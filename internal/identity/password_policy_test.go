package identity

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

func TestCommonPasswordListSize(t *testing.T) {
	if n := CommonPasswordCount(); n < 3000 {
		t.Fatalf("%d common passwords, want at least 3000", n)
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		name, password, code string
	}{
		{"empty", "", apperr.CodeRequired},
		{"seven characters", "abcdefg", apperr.CodeInvalid},
		{"eight characters, uncommon", "tàu-hỏa7", ""},
		{"counts characters, not bytes", "đường sắt", ""},
		{"128 characters", strings.Repeat("a", 127) + "b", ""},
		{"129 characters", strings.Repeat("a", 128) + "b", apperr.CodeInvalid},
		{"common digits", "12345678", apperr.CodeInvalid},
		{"common word and digit", "password1", apperr.CodeInvalid},
		{"common, other case", "PassWord1", apperr.CodeInvalid},
		{"common Vietnamese", "matkhau123", apperr.CodeInvalid},
		{"common Vietnamese 2", "anhyeuem", apperr.CodeInvalid},
		{"control character", "abc\x00defgh", apperr.CodeInvalid},
		{"invalid UTF-8", "abc\xffdefgh", apperr.CodeInvalid},
		{"no composition rules", "longlowercasepassphrase", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := checkPassword(tc.password, "password")
			switch {
			case tc.code == "" && e != nil:
				t.Fatalf("refused with %s", e.Code)
			case tc.code != "" && e == nil:
				t.Fatalf("accepted, want %s", tc.code)
			case e != nil && e.Code != tc.code:
				t.Fatalf("code %s, want %s", e.Code, tc.code)
			case e != nil && (len(e.Field) != 1 || e.Field[0] != "password"):
				t.Fatalf("field %v", e.Field)
			case e != nil && tc.password != "" && strings.Contains(e.Message.Vi+e.Message.En, tc.password):
				t.Fatal("the message repeats the password")
			}
		})
	}
}
