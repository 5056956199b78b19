package catalogue

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

func f64(v float64) *float64 { return &v }

func testForm() FormDefinition {
	return FormDefinition{Fields: []FormField{
		{Name: "fullName", Label: i18n.T("Họ tên", "Full name"), Type: FieldText, Required: true, Min: f64(2), Max: f64(50)},
		{Name: "plate", Label: i18n.T("Biển số", "Plate"), Type: FieldText, Pattern: `[0-9]{2}[A-Z]-[0-9]{3}\.[0-9]{2}`},
		{Name: "amount", Label: i18n.T("Số tiền", "Amount"), Type: FieldNumber, Required: true, Min: f64(0), Max: f64(1e9)},
		{Name: "date", Label: i18n.T("Ngày", "Date"), Type: FieldDate},
		{Name: "reason", Label: i18n.T("Lý do", "Reason"), Type: FieldSelect, Required: true, Options: []Option{{Value: "LOST"}, {Value: "DAMAGED"}}},
		{Name: "phone", Label: i18n.T("Điện thoại", "Phone"), Type: FieldPhone},
		{Name: "idNumber", Label: i18n.T("Số định danh", "ID number"), Type: FieldIDNumber},
		{Name: "address", Label: i18n.T("Địa chỉ", "Address"), Type: FieldAddress},
	}}
}

func paths(errs []apperr.UserError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, strings.Join(e.Field, ".")+"="+e.Code)
	}
	return out
}

func TestFormValidate(t *testing.T) {
	form := testForm()
	valid := func() map[string]any {
		return map[string]any{
			"fullName": "Nguyễn Văn An", "plate": "30A-123.45", "amount": float64(150000),
			"date": "2026-07-25", "reason": "LOST", "phone": "0912345678", "idNumber": "001090012345",
			"address": map[string]any{"provinceCode": "01", "wardCode": "00004", "street": "12 Đội Cấn"},
		}
	}
	tests := []struct {
		name   string
		change func(m map[string]any)
		want   []string
	}{
		{"valid", func(map[string]any) {}, nil},
		{"optional fields absent", func(m map[string]any) {
			for _, k := range []string{"plate", "date", "phone", "idNumber", "address"} {
				delete(m, k)
			}
		}, nil},
		{"required missing", func(m map[string]any) { delete(m, "fullName"); m["reason"] = ""; m["amount"] = nil },
			[]string{"formData.fullName=REQUIRED", "formData.amount=REQUIRED", "formData.reason=REQUIRED"}},
		{"text not a string", func(m map[string]any) { m["fullName"] = 42.0 }, []string{"formData.fullName=INVALID"}},
		{"text control char", func(m map[string]any) { m["fullName"] = "An\x00" }, []string{"formData.fullName=INVALID"}},
		{"text too short", func(m map[string]any) { m["fullName"] = "A" }, []string{"formData.fullName=INVALID"}},
		{"text too long", func(m map[string]any) { m["fullName"] = strings.Repeat("ă", 51) }, []string{"formData.fullName=INVALID"}},
		{"pattern mismatch", func(m map[string]any) { m["plate"] = "30A-123.456" }, []string{"formData.plate=INVALID"}},
		{"pattern is anchored", func(m map[string]any) { m["plate"] = "x30A-123.45" }, []string{"formData.plate=INVALID"}},
		{"number as string", func(m map[string]any) { m["amount"] = "150000" }, []string{"formData.amount=INVALID"}},
		{"number below min", func(m map[string]any) { m["amount"] = -1.0 }, []string{"formData.amount=INVALID"}},
		{"number above max", func(m map[string]any) { m["amount"] = 2e9 }, []string{"formData.amount=INVALID"}},
		{"json.Number", func(m map[string]any) { m["amount"] = json.Number("12.5") }, nil},
		{"bad date", func(m map[string]any) { m["date"] = "25/07/2026" }, []string{"formData.date=INVALID"}},
		{"impossible date", func(m map[string]any) { m["date"] = "2026-02-30" }, []string{"formData.date=INVALID"}},
		{"unknown option", func(m map[string]any) { m["reason"] = "STOLEN" }, []string{"formData.reason=INVALID"}},
		{"landline", func(m map[string]any) { m["phone"] = "0243123456" }, []string{"formData.phone=INVALID"}},
		{"id number short", func(m map[string]any) { m["idNumber"] = "00109001234" }, []string{"formData.idNumber=INVALID"}},
		{"id number bad province", func(m map[string]any) { m["idNumber"] = "000090012345" }, []string{"formData.idNumber=INVALID"}},
		{"address not an object", func(m map[string]any) { m["address"] = "Hà Nội" }, []string{"formData.address=INVALID"}},
		{"address parts", func(m map[string]any) {
			m["address"] = map[string]any{"provinceCode": "1", "street": "x\x01", "extra": 1}
		}, []string{"formData.address.provinceCode=INVALID", "formData.address.wardCode=REQUIRED", "formData.address.street=INVALID", "formData.address.?=INVALID"}},
		{"unknown keys", func(m map[string]any) { m["zzz"] = 1; m["aaa"] = "x" }, []string{"formData.aaa=INVALID", "formData.zzz=INVALID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.change(m)
			got := paths(form.Validate(m))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("errors = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFormValidateMessagesAreLocalized(t *testing.T) {
	errs := testForm().Validate(map[string]any{})
	if len(errs) == 0 {
		t.Fatal("want errors")
	}
	for _, e := range errs {
		if e.Message.Vi == "" || e.Message.En == "" {
			t.Fatalf("message not localized: %+v", e)
		}
	}
}

func TestCompilePatternOnce(t *testing.T) {
	a, err := compilePattern(`[0-9]+`)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := compilePattern(`[0-9]+`)
	if a != b {
		t.Fatal("pattern compiled twice")
	}
	if _, err := compilePattern(`(`); err == nil {
		t.Fatal("bad pattern accepted")
	}
}
