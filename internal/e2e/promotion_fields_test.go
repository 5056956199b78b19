package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// Every malformed field of the lucky-draw registration gets its own clear
// error at its path, and nothing is written; values GraphQL's types cannot
// carry (a fraction of a dong, an unknown form) are sent through
// submitApplication, where the path is formData.<field>. The threshold is
// the catalogue's registrationThresholdVND (100 000 000): one dong under
// is refused, the threshold itself accepted.
func TestPromotionFormFieldErrors(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ents := bizEnterprises(t, srv, an)
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)
	// The uploads are attached only by a submission that goes through: the
	// same ones serve every row.
	docs, _ := registrationDocs(t, srv, an)
	yesterday := time.Now().AddDate(0, 0, -2).Format(time.DateOnly)
	traders51 := make([]string, 51)
	for i := range traders51 {
		traders51[i] = "Công ty phối hợp"
	}

	tests := []struct {
		name    string
		generic bool // through submitApplication
		field   string
		value   any
		code    string
		path    string // "": the field's own path
	}{
		{"program name empty", false, "programName", "", "REQUIRED", ""},
		{"program name too short", false, "programName", "Quay", "INVALID", ""},
		{"program name too long", false, "programName", strings.Repeat("Khuyến mại ", 31), "INVALID", ""},
		{"program name with a control character", false, "programName", "Quay số\x00 mừng xuân", "INVALID", ""},
		{"form not one of the forms", true, "form", "DISCOUNT", "INVALID", ""},
		{"form missing", true, "form", nil, "REQUIRED", ""},
		{"area empty", false, "provinceCodes", []string{}, "REQUIRED", ""},
		{"area with an unknown province", false, "provinceCodes", []string{"99"}, "INVALID", ""},
		{"area with a duplicate", false, "provinceCodes", []string{"79", "79"}, "DUPLICATE", "provinceCodes.1"},
		{"area with a duplicate, generic", true, "provinceCodes", []string{"79", "79"}, "DUPLICATE", "formData.provinceCodes.1"},
		{"area not a list", true, "provinceCodes", "79", "INVALID", ""},
		{"start before today", false, "startDate", yesterday, "INVALID", ""},
		{"start not a date", true, "startDate", "30/11/2026", "INVALID", ""},
		{"end before start", false, "endDate", bizDate(t, srv, 5), "INVALID", ""},
		{"promoted goods empty", false, "promotedGoods", "", "REQUIRED", ""},
		{"promoted goods too short", false, "promotedGoods", "x", "INVALID", ""},
		{"prize goods empty", false, "prizeGoods", "", "REQUIRED", ""},
		{"customers empty", false, "customers", "", "REQUIRED", ""},
		{"customers too long", false, "customers", strings.Repeat("k", 1001), "INVALID", ""},
		{"prize structure empty", false, "prizeStructure", "", "REQUIRED", ""},
		{"total prize value zero", false, "totalPrizeValue", 0, "INVALID", ""},
		{"total prize value negative", false, "totalPrizeValue", -5, "INVALID", ""},
		{"total prize value a fraction", true, "totalPrizeValue", 150_000_000.5, "INVALID", ""},
		{"total prize value a string", true, "totalPrizeValue", "150000000", "INVALID", ""},
		{"total prize value under the registration threshold", false, "totalPrizeValue", 99_999_999, "BELOW_THRESHOLD", ""},
		{"rules empty", false, "rules", "", "REQUIRED", ""},
		{"rules too short", false, "rules", "Quay số", "INVALID", ""},
		{"co-operating trader blank", false, "cooperatingTraders", []string{"  "}, "INVALID", ""},
		{"co-operating traders too many", false, "cooperatingTraders", traders51, "INVALID", ""},
		{"changes on a new registration", true, "changes", "Tăng giá trị giải thưởng", "INVALID", ""},
		{"a field the form does not have", true, "discountPercent", 30, "INVALID", ""},
	}
	fields := []string{"programName", "form", "provinceCodes", "startDate", "endDate", "promotedGoods", "prizeGoods",
		"customers", "prizeStructure", "totalPrizeValue", "rules", "cooperatingTraders"}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bizRegistration(t, srv, ents[bizAnPhat], []string{"79"}, start, end, docs, "field-"+tt.name)
			var ues []appUserError
			want := tt.field
			before := bizCounts(t, srv)
			if tt.generic {
				form := map[string]any{}
				for _, f := range fields {
					form[f] = in[f]
				}
				if tt.value == nil {
					delete(form, tt.field)
				} else {
					form[tt.field] = tt.value
				}
				resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
					submitApplication(input: $in) { application { id } userErrors { field code message } } }`,
					Variables: map[string]any{"in": map[string]any{"serviceCode": "SALES-PROMOTION-REGISTRATION-79", "caseCode": "NEW",
						"formData": form, "delivery": map[string]any{"method": "ELECTRONIC"}, "enterpriseId": ents[bizAnPhat],
						"documents": in["documents"], "captcha": in["captcha"], "idempotencyKey": in["idempotencyKey"]}}}).MustOK(t)
				var d struct {
					SubmitApplication struct {
						Application *struct{ ID string }
						UserErrors  []appUserError
					}
				}
				resp.Decode(t, &d)
				if d.SubmitApplication.Application != nil {
					t.Fatalf("row %d accepted", i)
				}
				ues, want = d.SubmitApplication.UserErrors, "formData."+tt.field
			} else {
				in[tt.field] = tt.value
				p := bizRegister(t, srv, an, in)
				if p.Application != nil {
					t.Fatalf("row %d accepted", i)
				}
				ues = p.UserErrors
			}
			if tt.path != "" {
				want = tt.path
			}
			if len(ues) != 1 {
				t.Errorf("userErrors = %+v, want exactly one: %s at %s", ues, tt.code, want)
			}
			wantUserError(t, ues, tt.code, want)
			if after := bizCounts(t, srv); after != before {
				t.Errorf("rows %s after the refusal, want %s", after, before)
			}
		})
	}

	// The threshold itself is registered.
	in := bizRegistration(t, srv, ents[bizAnPhat], []string{"79"}, start, end, docs, "at-threshold")
	in["totalPrizeValue"] = 100_000_000
	if p := bizRegister(t, srv, an, in); p.Application == nil {
		t.Errorf("a prize fund of exactly the threshold refused: %+v", p.UserErrors)
	}
	// A fund past 2^31 dong (a national lucky draw): the schema's Int is
	// read as an int64 here.
	docs2, _ := registrationDocs(t, srv, an)
	in = bizRegistration(t, srv, ents[bizAnPhat], []string{"01", "79"}, start, end, docs2, "five-billion")
	in["totalPrizeValue"] = 5_000_000_000
	if p := bizRegister(t, srv, an, in); p.Application == nil {
		t.Errorf("a prize fund of 5 000 000 000 dong refused: %+v", p.UserErrors)
	}
}

// The notice terms the portal shows are the ones notifySalesPromotion
// checks: a start on the earliest date is taken, the day before is TOO_LATE.
func TestPromotionNoticeTermsMatchTheCheck(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ents := bizEnterprises(t, srv, an)
	resp := srv.Do(t, apitest.Request{Query: `{ salesPromotionNoticeTerms(provinceCodes: ["01", "79"]) { leadWorkingDays earliestStartDate }
		none: salesPromotionNoticeTerms(provinceCodes: ["99"]) { leadWorkingDays } }`}).MustOK(t)
	var d struct {
		SalesPromotionNoticeTerms *struct {
			LeadWorkingDays   int
			EarliestStartDate string
		}
		None *struct{ LeadWorkingDays int }
	}
	resp.Decode(t, &d)
	terms := d.SalesPromotionNoticeTerms
	if terms == nil || terms.LeadWorkingDays != 3 || terms.EarliestStartDate != bizDate(t, srv, 3) || d.None != nil {
		t.Fatalf("terms = %+v, none = %+v, want 3 working days from now (%s) and null", terms, d.None, bizDate(t, srv, 3))
	}
	earliest, err := time.Parse(time.DateOnly, terms.EarliestStartDate)
	if err != nil {
		t.Fatal(err)
	}
	end := earliest.AddDate(0, 1, 0).Format(time.DateOnly)
	notice := func(start, key string) bizPayload {
		id := bizUploadID(t, srv, an, "thong-bao.pdf", bizPDF(1_000))
		return bizNotify(t, srv, an, bizNotification(t, srv, ents[bizAnPhat], []string{"01", "79"}, start, end, map[string]string{"NOTICE_FORM": id}, key))
	}
	if p := notice(earliest.AddDate(0, 0, -1).Format(time.DateOnly), "early"); len(p.Applications) != 0 || len(p.UserErrors) != 1 || p.UserErrors[0].Code != "TOO_LATE" {
		t.Errorf("the day before the earliest start: %+v, want TOO_LATE", p)
	}
	if p := notice(terms.EarliestStartDate, "on-time"); len(p.Applications) != 2 {
		t.Errorf("on the earliest start: %+v, want two notifications", p.UserErrors)
	}
}
