package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/application"
)

const bizBranch = "0100233488-001" // ACTIVE, An: a branch of An Phát, another enterprise

const amendAppFields = `id code status caseCode service { code agency { code } } enterprise { taxCode }
	amends { id code } amendedBy { id code }`

type amendApp struct {
	ID, Code, Status, CaseCode string
	Service                    struct {
		Code   string
		Agency struct{ Code string }
	}
	Enterprise *struct{ TaxCode string }
	Amends     *struct{ ID, Code string }
	AmendedBy  []struct{ ID, Code string }
}

type amendPayload struct {
	Application *amendApp
	UserErrors  []appUserError
}

// amendInput is an amendment of original for enterpriseID: the program of
// bizRegistration with a larger prize fund, in provinces.
func amendInput(t testing.TB, srv *apitest.Server, original, enterpriseID string, provinces []string, start, end, uploadID, key string) map[string]any {
	in := bizRegistration(t, srv, enterpriseID, provinces, start, end, map[string]string{"AMENDMENT_FORM": uploadID}, key)
	in["originalApplicationId"] = original
	in["changes"] = "Tăng tổng giá trị giải thưởng lên 400.000.000 đồng; thêm 5 giải ba."
	in["totalPrizeValue"] = 400_000_000
	return in
}

func bizAmend(t testing.TB, srv *apitest.Server, token string, in map[string]any) amendPayload {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `mutation($in: AmendSalesPromotionInput!) {
		amendSalesPromotion(input: $in) { application { ` + amendAppFields + ` } userErrors { field message code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) > 0 {
		t.Fatalf("amendSalesPromotion: %s", resp)
	}
	var d struct{ AmendSalesPromotion amendPayload }
	resp.Decode(t, &d)
	return d.AmendSalesPromotion
}

func amendNode(t testing.TB, srv *apitest.Server, token, id string) *amendApp {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) { node(id: $id) { ... on Application { ` + amendAppFields + ` } } }`,
		Variables: map[string]any{"id": id}}).MustOK(t)
	var d struct{ Node *amendApp }
	resp.Decode(t, &d)
	if d.Node != nil && d.Node.ID == "" {
		return nil
	}
	return d.Node
}

// confirmedRegistration registers a lucky draw in provinces for enterpriseID
// and has its agency decide it: COMPLETE (confirmed) or REJECT (refused);
// "" leaves it submitted.
func confirmedRegistration(t testing.TB, srv *apitest.Server, token, enterpriseID string, provinces []string, start, end, key, decision string) *bizApp {
	t.Helper()
	docs, _ := registrationDocs(t, srv, token)
	p := bizRegister(t, srv, token, bizRegistration(t, srv, enterpriseID, provinces, start, end, docs, key))
	if p.Application == nil {
		t.Fatalf("registration %s refused: %+v", key, p.UserErrors)
	}
	if decision == "" {
		return p.Application
	}
	agency := srv.AgencyKey(t, p.Application.Service.Agency.Code)
	actions := []string{"RECEIVE", "START_PROCESSING", "MARK_RESULT_READY", "COMPLETE"}
	if decision == "REJECT" {
		actions = []string{"RECEIVE", "START_PROCESSING", "REJECT"}
	}
	for _, action := range actions {
		var extra map[string]any
		if action == "COMPLETE" || action == "REJECT" {
			extra = map[string]any{"resultUploadId": bizUploadID(t, srv, agency, "ket-qua.pdf", bizPDF(2_000))}
		}
		if q := appTransition(t, srv, agency, p.Application.ID, action, "Quyết định", extra); q.Application == nil {
			t.Fatalf("%s %s: %+v", key, action, q.UserErrors)
		}
	}
	return p.Application
}

func wantUserError(t testing.TB, ues []appUserError, code, field string) {
	t.Helper()
	for _, ue := range ues {
		if ue.Code == code && strings.Join(ue.Field, ".") == field && ue.Message != "" {
			return
		}
	}
	t.Errorf("userErrors = %+v, want %s at %s", ues, code, field)
}

// A representative amends a confirmed registration: the amendment goes to
// the registration's department, records the original, and both the
// representative and the department see the link both ways.
func TestPromotionAmendmentRefersToTheOriginal(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ents := bizEnterprises(t, srv, an)
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)
	orig := confirmedRegistration(t, srv, an, ents[bizAnPhat], []string{"79"}, start, end, "orig", "COMPLETE")

	form := bizUploadID(t, srv, an, "don-sua-doi.pdf", bizPDF(3_000))
	in := amendInput(t, srv, orig.ID, ents[bizAnPhat], []string{"79"}, start, end, form, "amend-1")
	p := bizAmend(t, srv, an, in)
	if p.Application == nil {
		t.Fatalf("amendment refused: %+v", p.UserErrors)
	}
	a := p.Application
	if a.Service.Code != "SALES-PROMOTION-REGISTRATION-79" || a.Service.Agency.Code != "SCT-79" || a.CaseCode != "AMEND" {
		t.Errorf("amendment at %s / %s case %s, want SALES-PROMOTION-REGISTRATION-79 / SCT-79 case AMEND", a.Service.Code, a.Service.Agency.Code, a.CaseCode)
	}
	if a.Amends == nil || a.Amends.ID != orig.ID || a.Amends.Code != orig.Code {
		t.Errorf("amends = %+v, want %s (%s)", a.Amends, orig.ID, orig.Code)
	}
	if a.Enterprise == nil || a.Enterprise.TaxCode != bizAnPhat {
		t.Errorf("amendment's enterprise = %+v, want %s", a.Enterprise, bizAnPhat)
	}
	// The same key and input: the same amendment.
	in["captcha"] = srv.Captcha(t).Input()
	if again := bizAmend(t, srv, an, in); again.Application == nil || again.Application.ID != a.ID {
		t.Errorf("retry = %+v, want %s", again, a.ID)
	}

	// The representative sees the link from the original.
	got := amendNode(t, srv, an, orig.ID)
	if got == nil || len(got.AmendedBy) != 1 || got.AmendedBy[0].ID != a.ID || got.Amends != nil {
		t.Errorf("original as the representative reads it = %+v, want amendedBy [%s]", got, a.ID)
	}
	// The department sees it in its inbox, with the link.
	dept := srv.AgencyKey(t, "SCT-79")
	resp := srv.Do(t, apitest.Request{Token: dept, Query: `{ agencyApplications(status: SUBMITTED) { edges { node { id caseCode amends { id code } } } } }`}).MustOK(t)
	var inbox struct {
		AgencyApplications struct {
			Edges []struct {
				Node struct {
					ID, CaseCode string
					Amends       *struct{ ID, Code string }
				}
			}
		}
	}
	resp.Decode(t, &inbox)
	if e := inbox.AgencyApplications.Edges; len(e) != 1 || e[0].Node.ID != a.ID || e[0].Node.Amends == nil || e[0].Node.Amends.Code != orig.Code {
		t.Errorf("SCT-79's submitted inbox = %+v, want the amendment referring to %s", e, orig.Code)
	}
	if got := amendNode(t, srv, dept, orig.ID); got == nil || len(got.AmendedBy) != 1 || got.AmendedBy[0].ID != a.ID {
		t.Errorf("original as the department reads it = %+v, want amendedBy [%s]", got, a.ID)
	}
	// Another department reads neither.
	other := srv.AgencyKey(t, "SCT-01")
	if got := amendNode(t, srv, other, a.ID); got != nil {
		t.Errorf("SCT-01 reads the amendment: %+v", got)
	}

	// A second amendment while the first is under consideration.
	form2 := bizUploadID(t, srv, an, "don-sua-doi-2.pdf", bizPDF(3_000))
	before := bizCounts(t, srv)
	p2 := bizAmend(t, srv, an, amendInput(t, srv, orig.ID, ents[bizAnPhat], []string{"79"}, start, end, form2, "amend-2"))
	if p2.Application != nil {
		t.Fatalf("second open amendment accepted: %+v", p2.Application)
	}
	wantUserError(t, p2.UserErrors, "DUPLICATE_APPLICATION", "originalApplicationId")
	if after := bizCounts(t, srv); after != before {
		t.Errorf("rows %s, want %s", after, before)
	}
}

// An amendment through submitApplication: case AMEND with amends.
func TestPromotionAmendmentThroughSubmitApplication(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ngoc := srv.Register(t, appNgoc)
	ents := bizEnterprises(t, srv, ngoc)
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)
	orig := confirmedRegistration(t, srv, ngoc, ents[bizSaoViet], []string{"01", "79"}, start, end, "orig", "COMPLETE")
	if orig.Service.Agency.Code != "XTTM" {
		t.Fatalf("two provinces at %s, want XTTM", orig.Service.Agency.Code)
	}
	form := bizUploadID(t, srv, ngoc, "don.pdf", bizPDF(1_000))
	in := amendInput(t, srv, orig.ID, ents[bizSaoViet], []string{"01", "79", "48"}, start, end, form, "x")
	formData := map[string]any{}
	for _, f := range []string{"programName", "form", "provinceCodes", "startDate", "endDate", "promotedGoods", "prizeGoods",
		"customers", "prizeStructure", "totalPrizeValue", "rules", "cooperatingTraders", "changes"} {
		formData[f] = in[f]
	}
	newDocs, _ := registrationDocs(t, srv, ngoc)
	submit := func(service, caseCode string, amends any, key string) appPayload {
		docs := in["documents"]
		if caseCode == "NEW" {
			docs = bizDocs(newDocs)
		}
		v := map[string]any{"serviceCode": service, "caseCode": caseCode, "formData": formData,
			"delivery": map[string]any{"method": "ELECTRONIC"}, "enterpriseId": ents[bizSaoViet], "documents": docs,
			"amends": amends, "captcha": srv.Captcha(t).Input(), "idempotencyKey": key}
		resp := srv.Do(t, apitest.Request{Token: ngoc, Query: `mutation($in: SubmitApplicationInput!) {
			submitApplication(input: $in) { application { id code status appointmentDate } userErrors { field code message } } }`,
			Variables: map[string]any{"in": v}}).MustOK(t)
		var d struct{ SubmitApplication appPayload }
		resp.Decode(t, &d)
		return d.SubmitApplication
	}
	for _, tt := range []struct {
		name, service, caseCode string
		amends                  any
		code, field             string
	}{
		{"AMEND without the original", "SALES-PROMOTION-REGISTRATION", "AMEND", nil, "REQUIRED", "amends"},
		{"amends on a new registration", "SALES-PROMOTION-REGISTRATION", "NEW", orig.ID, "INVALID", "caseCode"},
		{"another agency's service", "SALES-PROMOTION-REGISTRATION-79", "AMEND", orig.ID, "INVALID", "serviceCode"},
		{"not an application's ID", "SALES-PROMOTION-REGISTRATION", "AMEND", "RW50ZXJwcmlzZTox" /* Enterprise:1 */, "NOT_FOUND", "amends"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := bizCounts(t, srv)
			p := submit(tt.service, tt.caseCode, tt.amends, "g-"+tt.name)
			if p.Application != nil {
				t.Fatalf("accepted: %+v", p.Application)
			}
			wantUserError(t, p.UserErrors, tt.code, tt.field)
			if after := bizCounts(t, srv); after != before {
				t.Errorf("rows %s, want %s", after, before)
			}
		})
	}
	p := submit("SALES-PROMOTION-REGISTRATION", "AMEND", orig.ID, "g-ok")
	if p.Application == nil {
		t.Fatalf("amendment through submitApplication refused: %+v", p.UserErrors)
	}
	if got := amendNode(t, srv, ngoc, p.Application.ID); got == nil || got.Amends == nil || got.Amends.ID != orig.ID || got.Service.Agency.Code != "XTTM" {
		t.Errorf("amendment = %+v, want at XTTM amending %s", got, orig.ID)
	}
}

// Refused amendments: someone else's original looks like none at all, an
// original that is not a confirmed, running registration cannot be amended;
// each refusal writes nothing.
func TestPromotionAmendmentRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ngoc := srv.Register(t, appNgoc)
	anEnts, ngocEnts := bizEnterprises(t, srv, an), bizEnterprises(t, srv, ngoc)
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)
	confirmed := confirmedRegistration(t, srv, an, anEnts[bizAnPhat], []string{"79"}, start, end, "confirmed", "COMPLETE")
	pending := confirmedRegistration(t, srv, an, anEnts[bizAnPhat], []string{"79"}, start, end, "pending", "")
	refused := confirmedRegistration(t, srv, an, anEnts[bizAnPhat], []string{"79"}, start, end, "refused", "REJECT")
	ended := confirmedRegistration(t, srv, an, anEnts[bizAnPhat], []string{"79"}, start, end, "ended", "COMPLETE")
	// The program ended: as if time had passed (its dates are the form's).
	id, _ := application.ParseGlobalID(ended.ID)
	if _, err := srv.DB.Exec(`UPDATE applications SET form_data = form_data || '{"startDate":"2025-01-02","endDate":"2025-02-01"}' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	notice := bizUploadID(t, srv, an, "thong-bao.pdf", bizPDF(1_000))
	notif := bizNotify(t, srv, an, bizNotification(t, srv, anEnts[bizAnPhat], []string{"79"}, start, end, map[string]string{"NOTICE_FORM": notice}, "notice"))
	if len(notif.Applications) != 1 {
		t.Fatalf("notification: %+v", notif.UserErrors)
	}
	ngocOwn := confirmedRegistration(t, srv, ngoc, ngocEnts[bizSaoViet], []string{"79"}, start, end, "ngoc", "COMPLETE")

	tests := []struct {
		name, token, original, enterprise string
		provinces                         []string
		mutate                            func(map[string]any)
		code, field                       string
	}{
		{"another citizen's original, for her own enterprise", ngoc, confirmed.ID, ngocEnts[bizSaoViet], []string{"79"}, nil, "NOT_FOUND", "originalApplicationId"},
		// She cannot read the original: that is the answer, before whom she acts for.
		{"another citizen acting for the original's enterprise", ngoc, confirmed.ID, anEnts[bizAnPhat], []string{"79"}, nil, "NOT_FOUND", "originalApplicationId"},
		{"another enterprise's original (same representative)", an, confirmed.ID, anEnts[bizBranch], []string{"79"}, nil, "NOT_FOUND", "originalApplicationId"},
		{"an original another citizen cannot read", an, ngocOwn.ID, anEnts[bizAnPhat], []string{"79"}, nil, "NOT_FOUND", "originalApplicationId"},
		{"no such application", an, application.GlobalID(999_999), anEnts[bizAnPhat], []string{"79"}, nil, "NOT_FOUND", "originalApplicationId"},
		{"not yet confirmed", an, pending.ID, anEnts[bizAnPhat], []string{"79"}, nil, "ORIGINAL_NOT_AMENDABLE", "originalApplicationId"},
		{"refused", an, refused.ID, anEnts[bizAnPhat], []string{"79"}, nil, "ORIGINAL_NOT_AMENDABLE", "originalApplicationId"},
		{"ended", an, ended.ID, anEnts[bizAnPhat], []string{"79"}, nil, "ORIGINAL_NOT_AMENDABLE", "originalApplicationId"},
		{"a notification", an, notif.Applications[0].ID, anEnts[bizAnPhat], []string{"79"}, nil, "ORIGINAL_NOT_AMENDABLE", "originalApplicationId"},
		{"an area the department does not take", an, confirmed.ID, anEnts[bizAnPhat], []string{"79", "01"}, nil, "INVALID", "provinceCodes"},
		{"no changes said", an, confirmed.ID, anEnts[bizAnPhat], []string{"79"}, func(in map[string]any) { in["changes"] = "" }, "REQUIRED", "changes"},
		{"a new start in the past", an, confirmed.ID, anEnts[bizAnPhat], []string{"79"}, func(in map[string]any) { in["startDate"] = time.Now().AddDate(0, 0, -3).Format(time.DateOnly) }, "INVALID", "startDate"},
		{"a prize fund under the threshold", an, confirmed.ID, anEnts[bizAnPhat], []string{"79"}, func(in map[string]any) { in["totalPrizeValue"] = 50_000_000 }, "BELOW_THRESHOLD", "totalPrizeValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := bizUploadID(t, srv, tt.token, "don.pdf", bizPDF(1_000))
			in := amendInput(t, srv, tt.original, tt.enterprise, tt.provinces, start, end, form, "k-"+tt.name)
			if tt.mutate != nil {
				tt.mutate(in)
			}
			before := bizCounts(t, srv)
			p := bizAmend(t, srv, tt.token, in)
			if p.Application != nil {
				t.Fatalf("accepted: %+v", p.Application)
			}
			wantUserError(t, p.UserErrors, tt.code, tt.field)
			if after := bizCounts(t, srv); after != before {
				t.Errorf("rows %s after the refusal, want %s", after, before)
			}
		})
	}
	// Nothing was linked to any of them.
	var links int
	if err := srv.DB.QueryRow(`SELECT count(*) FROM applications WHERE amends_id IS NOT NULL`).Scan(&links); err != nil || links != 0 {
		t.Errorf("amendments stored = %d (%v), want 0", links, err)
	}
}
