package catalogue

import (
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

func validDraft() DraftInput {
	return DraftInput{
		Code:         "EVN-SMART-METER-PILOT",
		CategoryCode: "DIEN",
		Name:         i18n.T("Kiểm định công tơ điện", "Electricity meter inspection"),
		Summary:      i18n.T("Yêu cầu kiểm định công tơ", ""),
		OnlineLevel:  OnlineFull,
		Channels: []Channel{
			{Channel: Online, ProcessingTime: ProcessingTime{Value: 3, Unit: WorkingDay}, Fees: []money.Money{{Amount: 0, Currency: "VND"}}},
			{Channel: Counter, ProcessingTime: ProcessingTime{Value: 24, Unit: Hour}},
		},
		Cases:           []Case{{Code: "HOME", Name: i18n.T("Hộ gia đình", "Household"), Documents: []Document{{Name: i18n.T("Hợp đồng", "Contract"), Originals: 1}}}},
		DeliveryMethods: []DeliveryMethod{DeliverElectronic},
		LegalBasis:      []string{"Thông tư 42/2022/TT-BCT"},
		Form: FormDefinition{Fields: []FormField{
			{Name: "customerCode", Label: i18n.T("Mã khách hàng", "Customer code"), Type: FieldText, Required: true, Pattern: `P[A-Z0-9]{12}`},
			{Name: "reason", Label: i18n.T("Lý do", "Reason"), Type: FieldSelect, Options: []Option{{Value: "SLOW", Label: i18n.T("Chạy chậm", "Slow")}}},
		}},
		Keywords: []string{"cong to", "kiem dinh"},
		Handler:  HandlerInput{Kind: Webhook, URL: "https://partner.evn.example/dvc/hooks"},
	}
}

func TestValidateDraft(t *testing.T) {
	s := NewStore(nil)
	day := func(d string) *time.Time { t, _ := time.Parse(time.DateOnly, d); return &t }
	tests := []struct {
		name   string
		change func(d *DraftInput)
		want   []string
	}{
		{"valid", func(*DraftInput) {}, nil},
		{"bad codes", func(d *DraftInput) { d.Code = "evn meter"; d.CategoryCode = "" }, []string{"code=INVALID", "categoryCode=REQUIRED"}},
		{"code too long", func(d *DraftInput) { d.Code = strings.Repeat("A", 65) }, []string{"code=INVALID"}},
		{"vi name required", func(d *DraftInput) { d.Name = i18n.T(" ", "Meter") }, []string{"name.vi=REQUIRED"}},
		{"control characters", func(d *DraftInput) { d.Summary.En = "a\x00b"; d.Description.Vi = "dòng 1\ndòng 2" }, []string{"summary.en=INVALID"}},
		{"online level", func(d *DraftInput) { d.OnlineLevel = "LEVEL4" }, []string{"onlineLevel=INVALID"}},
		{"no channels", func(d *DraftInput) { d.Channels = nil }, []string{"channels=REQUIRED"}},
		{"channel problems", func(d *DraftInput) {
			d.Channels[1] = Channel{Channel: Online, ProcessingTime: ProcessingTime{Value: 0, Unit: "WEEK"}, Fees: []money.Money{{Amount: -5, Currency: "vnd"}}}
		}, []string{"channels.1.channel=DUPLICATE", "channels.1.processingTime.unit=INVALID", "channels.1.processingTime.value=INVALID", "channels.1.fees.0.amount=INVALID", "channels.1.fees.0.currency=INVALID"}},
		{"cases", func(d *DraftInput) {
			d.Cases = append(d.Cases, Case{Code: "HOME", Name: i18n.T("", "")}, Case{Code: "X", Name: i18n.T("X", ""), Documents: []Document{{Name: i18n.T("D", ""), Copies: -1}}})
		}, []string{"cases.1.code=DUPLICATE", "cases.1.name.vi=REQUIRED", "cases.2.documents.0.copies=INVALID"}},
		{"delivery", func(d *DraftInput) { d.DeliveryMethods = []DeliveryMethod{DeliverPostal, DeliverPostal, "DRONE"} },
			[]string{"deliveryMethods.1=DUPLICATE", "deliveryMethods.2=INVALID"}},
		{"form", func(d *DraftInput) {
			min, max := 10.0, 2.0
			d.Form.Fields = append(d.Form.Fields,
				FormField{Name: "customerCode", Label: i18n.T("Trùng", ""), Type: FieldText},
				FormField{Name: "plate", Label: i18n.T("Biển số", ""), Type: FieldText, Pattern: `([A-Z`},
				FormField{Name: "Bad-Name", Label: i18n.T("x", ""), Type: "COLOR"},
				FormField{Name: "choice", Label: i18n.T("Chọn", ""), Type: FieldSelect},
				FormField{Name: "amount", Label: i18n.T("Số tiền", ""), Type: FieldNumber, Min: &min, Max: &max},
				FormField{Name: "day", Label: i18n.T("Ngày", ""), Type: FieldDate, Pattern: `x`, Options: []Option{{Value: "a", Label: i18n.T("a", "")}}},
			)
		}, []string{
			"form.fields.2.name=DUPLICATE", "form.fields.3.pattern=INVALID", "form.fields.4.name=INVALID", "form.fields.4.type=INVALID",
			"form.fields.5.options=REQUIRED", "form.fields.6.min=INVALID", "form.fields.7.pattern=INVALID", "form.fields.7.options=INVALID",
		}},
		{"duplicate options", func(d *DraftInput) {
			d.Form.Fields[1].Options = append(d.Form.Fields[1].Options, Option{Value: "SLOW", Label: i18n.T("Chậm", "")})
		}, []string{"form.fields.1.options.1.value=DUPLICATE"}},
		{"dates", func(d *DraftInput) { d.EffectiveFrom, d.EffectiveTo = day("2026-07-01"), day("2026-01-01") }, []string{"effectiveTo=INVALID"}},
		{"http webhook in production", func(d *DraftInput) { d.Handler.URL = "http://partner.evn.example/hook" }, []string{"handler.url=INVALID"}},
		{"webhook with credentials", func(d *DraftInput) { d.Handler.URL = "https://u:p@partner.evn.example/hook" }, []string{"handler.url=INVALID"}},
		{"webhook to loopback", func(d *DraftInput) { d.Handler.URL = "https://127.0.0.1/hook" }, []string{"handler.url=INVALID"}},
		{"webhook missing", func(d *DraftInput) { d.Handler.URL = "" }, []string{"handler.url=REQUIRED"}},
		{"built-in not for partners", func(d *DraftInput) { d.Handler = HandlerInput{Kind: Builtin, Name: "healthcard"} }, []string{"handler.name=INVALID"}},
		{"generic form handler", func(d *DraftInput) { d.Handler = HandlerInput{Kind: Builtin, Name: "form"} }, nil},
		{"handler kind", func(d *DraftInput) { d.Handler.Kind = "EMAIL" }, []string{"handler.kind=INVALID"}},
		{"pays a traffic fine", func(d *DraftInput) { d.ObligationKind = obligation.KindTrafficFine }, nil},
		{"pays an application fee", func(d *DraftInput) { d.ObligationKind = obligation.KindApplicationFee }, []string{"obligationKind=INVALID"}},
		{"pays an unknown kind", func(d *DraftInput) { d.ObligationKind = "RENT" }, []string{"obligationKind=INVALID"}},
		{"keywords", func(d *DraftInput) { d.Keywords = []string{"", strings.Repeat("k", 101)} }, []string{"keywords.0=REQUIRED", "keywords.1=INVALID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDraft()
			tt.change(&d)
			got := paths(s.validateDraft(d))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("errors = %v\nwant     %v", got, tt.want)
			}
		})
	}
}

func TestValidateDraftDevelopmentAllowsHTTP(t *testing.T) {
	s := NewStore(nil)
	s.AllowInsecureWebhooks = true
	d := validDraft()
	d.Handler.URL = "http://127.0.0.1:9999/hook"
	if errs := s.validateDraft(d); len(errs) != 0 {
		t.Fatalf("errors = %v", paths(errs))
	}
}
