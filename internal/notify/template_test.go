package notify

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name     string
		template string
		lang     i18n.Lang
		vars     map[string]string
		want     string
		wantErr  string
	}{
		{"otp vi", TemplateOTP, i18n.VI, map[string]string{"code": "123456", "minutes": "5"},
			"DVC: Ma xac thuc cua ban la 123456, hieu luc 5 phut. Khong chia se ma nay cho bat ky ai.", ""},
		{"otp en", TemplateOTP, i18n.EN, map[string]string{"code": "123456", "minutes": "5"},
			"DVC: Your verification code is 123456, valid for 5 minutes. Do not share this code with anyone.", ""},
		{"unknown language falls back to vi", TemplateApplicationReceived, i18n.Lang("fr"),
			map[string]string{"code": "G01.123-260101-0001", "date": "02/01/2026"},
			"DVC: Ho so G01.123-260101-0001 da duoc tiep nhan. Ngay hen tra ket qua: 02/01/2026.", ""},
		{"values made ASCII", TemplateApplicationStatus, i18n.VI,
			map[string]string{"code": "A1", "status": "Đang xử lý\n"},
			"DVC: Ho so A1: Dang xu ly .", ""},
		{"missing value", TemplateOTP, i18n.VI, map[string]string{"code": "123456"}, "", "no value for {minutes}"},
		{"extra value", TemplateOTP, i18n.VI, map[string]string{"code": "1", "minutes": "5", "phone": "x"}, "", "no placeholder for phone"},
		{"unknown template", "nope", i18n.VI, nil, "", "unknown SMS template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.template, tt.lang, tt.vars)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want …%s…", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Render = %q, %v\nwant %q", got, err, tt.want)
			}
		})
	}
	if _, err := Render("nope", i18n.VI, nil); !errors.Is(err, ErrUnknownTemplate) {
		t.Errorf("err = %v, want ErrUnknownTemplate", err)
	}
}

func TestTemplatesAreASCII(t *testing.T) {
	for name, text := range templates {
		for _, s := range []string{text.Vi, text.En} {
			if ASCII(s) != s {
				t.Errorf("template %s is not ASCII: %q", name, s)
			}
		}
	}
}

func TestRegisterTemplate(t *testing.T) {
	// A fresh name per run: templates are process-wide (go test -count=N).
	name := fmt.Sprintf("test_register_%d", time.Now().UnixNano())
	RegisterTemplate(name, i18n.T("BHXH: Ho so {code}.", ""))
	got, err := Render(name, i18n.EN, map[string]string{"code": "X"})
	if err != nil || got != "BHXH: Ho so X." {
		t.Fatalf("Render = %q, %v", got, err)
	}
	for _, tc := range []struct {
		name string
		text i18n.Text
	}{
		{name, i18n.T("again", "")},
		{"test_accented", i18n.T("Hồ sơ {code}", "")},
		{"test_no_vi", i18n.T("", "only English")},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RegisterTemplate(%q) did not panic", tc.name)
				}
			}()
			RegisterTemplate(tc.name, tc.text)
		}()
	}
}

func TestASCII(t *testing.T) {
	tests := map[string]string{
		"Cấp lại thẻ BHYT do mất, hỏng": "Cap lai the BHYT do mat, hong",
		"Đà Nẵng":         "Da Nang",
		"Nguyễn Thị Thủy": "Nguyen Thi Thuy",
		"tab\there":       "tab here",
		"emoji 😀 gone":    "emoji  gone",
	}
	for in, want := range tests {
		if got := ASCII(in); got != want {
			t.Errorf("ASCII(%q) = %q, want %q", in, got, want)
		}
	}
}
