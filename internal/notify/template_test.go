package notify

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			got, err := DefaultTemplates().Render(tt.template, tt.lang, tt.vars)
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
	if _, err := DefaultTemplates().Render("nope", i18n.VI, nil); !errors.Is(err, ErrUnknownTemplate) {
		t.Errorf("err = %v, want ErrUnknownTemplate", err)
	}
}

func TestTemplatesAreASCII(t *testing.T) {
	for name, text := range DefaultTemplates().texts {
		for _, s := range []string{text.Vi, text.En} {
			if ASCII(s) != s {
				t.Errorf("template %s is not ASCII: %q", name, s)
			}
		}
	}
}

// TestTemplateFiles: every template has a file per language, and an
// operator's directory overrides a text; a file that would send a broken
// message is refused at load.
func TestTemplateFiles(t *testing.T) {
	def := DefaultTemplates()
	want := []string{"application_received", "application_rejected", "application_reschedule", "application_status",
		"application_supplement", "healthcard_received", "otp", "payment_refunded", "payment_succeeded", "payment_succeeded_electricity", "payment_succeeded_fine", "payment_succeeded_tax"}
	if got := def.Names(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Names = %v, want %v", got, want)
	}
	for _, name := range want {
		if text := def.texts[name]; text.Vi == "" || text.En == "" {
			t.Errorf("template %s: vi %q, en %q; want both", name, text.Vi, text.En)
		}
	}

	dir := t.TempDir()
	write := func(file, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("otp.en.txt", "PORTAL: code {code} ({minutes} min).\n")
	over, err := LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"code": "123456", "minutes": "5"}
	if got, err := over.Render(TemplateOTP, i18n.EN, vars); err != nil || got != "PORTAL: code 123456 (5 min)." {
		t.Errorf("overridden otp en = %q, %v; want %q", got, err, "PORTAL: code 123456 (5 min).")
	}
	if got, _ := over.Render(TemplateOTP, i18n.VI, vars); got != "DVC: Ma xac thuc cua ban la 123456, hieu luc 5 phut. Khong chia se ma nay cho bat ky ai." {
		t.Errorf("otp vi changed by an en override: %q", got)
	}
	if got, _ := def.Render(TemplateOTP, i18n.EN, vars); !strings.HasPrefix(got, "DVC: Your verification code") {
		t.Errorf("an override changed another Templates value: %q", got)
	}
	for _, tc := range []struct {
		file, text, wantErr string
	}{
		{"otp.vi.txt", "DVC: Mã {code} {minutes}", "not ASCII"},
		{"otp.vi.txt", "DVC: Ma {code}", "placeholders"},
		{"otpp.vi.txt", "DVC: Ma {code} {minutes}", "no built-in template"},
		{"otp.fr.txt", "DVC: {code} {minutes}", "vi.txt or"},
	} {
		dir = t.TempDir()
		write(tc.file, tc.text)
		if _, err := LoadTemplates(dir); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("override %s %q: err = %v, want …%s…", tc.file, tc.text, err, tc.wantErr)
		}
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
