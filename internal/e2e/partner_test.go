package e2e_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/partner"
)

// The contract's partner publishing operations (contract/agency.graphql), verbatim.
const (
	upsertServiceDraftMutation = `mutation UpsertServiceDraft($input: UpsertServiceDraftInput!) {
  upsertServiceDraft(input: $input) {
    service { code status draftVersion }
    userErrors { field message code }
  }
}`
	publishServiceMutation = `mutation PublishService($input: PublishServiceInput!) {
  publishService(input: $input) {
    service { code status version }
    userErrors { field message code }
  }
}`
	catalogueChangesQuery = `query CatalogueChanges($since: DateTime!) {
  catalogueChanges(since: $since) { serviceCode version change at }
}`
)

type userErrorData struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	Code    string   `json:"code"`
}

type draftData struct {
	UpsertServiceDraft struct {
		Service *struct {
			Code         string `json:"code"`
			Status       string `json:"status"`
			DraftVersion *int   `json:"draftVersion"`
		} `json:"service"`
		UserErrors []userErrorData `json:"userErrors"`
	} `json:"upsertServiceDraft"`
}

type publishData struct {
	PublishService struct {
		Service *struct {
			Code    string `json:"code"`
			Status  string `json:"status"`
			Version *int   `json:"version"`
		} `json:"service"`
		UserErrors []userErrorData `json:"userErrors"`
	} `json:"publishService"`
}

// partnerService is a new partner service processed by the agency's webhook.
func partnerService(code string) map[string]any {
	return map[string]any{
		"code":         code,
		"categoryCode": "DIEN",
		"name":         map[string]any{"vi": "Đăng ký lắp đặt công tơ điện thông minh", "en": "Smart electricity meter installation"},
		"summary":      map[string]any{"vi": "Đăng ký lắp công tơ điện tử đo xa", "en": "Apply for a remotely read meter"},
		"onlineLevel":  "FULL",
		"channels": []any{
			map[string]any{"channel": "ONLINE", "processingTime": map[string]any{"value": 3, "unit": "WORKING_DAY"}, "fees": []any{map[string]any{"amount": 0, "currency": "VND"}}},
		},
		"cases":           []any{map[string]any{"code": "HOUSEHOLD", "name": map[string]any{"vi": "Hộ gia đình"}, "documents": []any{map[string]any{"name": map[string]any{"vi": "Hợp đồng mua bán điện"}, "originals": 0, "copies": 1}}}},
		"deliveryMethods": []any{"ELECTRONIC"},
		"legalBasis":      []any{"Thông tư 16/2025/TT-BCT"},
		"form": map[string]any{"fields": []any{
			map[string]any{"name": "customerCode", "label": map[string]any{"vi": "Mã khách hàng", "en": "Customer code"}, "type": "TEXT", "required": true, "pattern": "P[A-Z0-9]{12}"},
		}},
		"keywords": []any{"cong to thong minh", "do xa"},
		"handler":  map[string]any{"kind": "WEBHOOK", "url": "https://partner.evn.example/dvc/webhook"},
	}
}

func TestPartnerPublishing(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	second := apitest.NewOnDB(t, srv.DB) // another process of the same deployment
	evnKey, evn := srv.AgencyClient(t, "EVN")
	evnID := evnKey.ID
	bhxh := srv.AgencyKey(t, "BHXH")
	since := time.Now().UTC().Format(time.RFC3339Nano)
	const code = "EVN-SMART-METER-INSTALL"
	input := partnerService(code)

	// Anonymous callers and bad keys get nothing.
	for _, token := range []string{"", "dvca_not-a-key", "dvcs_" + strings.Repeat("A", 43)} {
		resp := srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": input}, Token: token})
		if resp.Status != http.StatusOK || strings.Join(resp.ErrorCodes(), ",") != "UNAUTHENTICATED" {
			t.Fatalf("token %q: %s", token, resp)
		}
	}

	// An invalid form definition: each problem with its path.
	invalid := partnerService(code)
	invalid["form"] = map[string]any{"fields": []any{
		map[string]any{"name": "a", "label": map[string]any{"vi": "A"}, "type": "TEXT"},
		map[string]any{"name": "a", "label": map[string]any{"vi": "B"}, "type": "SELECT"},
		map[string]any{"name": "plate", "label": map[string]any{"vi": "C"}, "type": "TEXT", "pattern": "([A-Z"},
		map[string]any{"name": "amount", "label": map[string]any{"vi": "D"}, "type": "NUMBER", "min": 10, "max": 1},
	}}
	invalid["channels"] = []any{map[string]any{"channel": "ONLINE", "processingTime": map[string]any{"value": 0, "unit": "HOUR"}, "fees": []any{map[string]any{"amount": -1, "currency": "VND"}}}}
	var refused draftData
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": invalid}, Token: evn}).MustOK(t).Decode(t, &refused)
	var got []string
	for _, ue := range refused.UpsertServiceDraft.UserErrors {
		got = append(got, strings.Join(ue.Field, ".")+"="+ue.Code)
		if ue.Message == "" {
			t.Errorf("user error without a message: %+v", ue)
		}
	}
	want := "channels.0.processingTime.value=INVALID channels.0.fees.0.amount=INVALID form.fields.1.name=DUPLICATE form.fields.1.options=REQUIRED form.fields.2.pattern=INVALID form.fields.3.min=INVALID"
	if strings.Join(got, " ") != want || refused.UpsertServiceDraft.Service != nil {
		t.Fatalf("invalid draft:\n got %s\nwant %s", strings.Join(got, " "), want)
	}

	// A draft: not public yet.
	var draft struct {
		UpsertServiceDraft struct {
			Service *struct {
				Code         string `json:"code"`
				Status       string `json:"status"`
				DraftVersion *int   `json:"draftVersion"`
			} `json:"service"`
			SigningSecret *string         `json:"signingSecret"`
			UserErrors    []userErrorData `json:"userErrors"`
		} `json:"upsertServiceDraft"`
	}
	srv.Do(t, apitest.Request{
		Query:     `mutation($input: UpsertServiceDraftInput!) { upsertServiceDraft(input: $input) { service { code status draftVersion } signingSecret userErrors { field message code } } }`,
		Variables: map[string]any{"input": input}, Token: evn,
	}).MustOK(t).Decode(t, &draft)
	d := draft.UpsertServiceDraft
	if len(d.UserErrors) != 0 || d.Service == nil || d.Service.Status != "DRAFT" || d.Service.DraftVersion == nil || *d.Service.DraftVersion != 1 ||
		d.SigningSecret == nil || !strings.HasPrefix(*d.SigningSecret, "whsec_") {
		t.Fatalf("draft: %+v", d)
	}
	if found := searchCodesOf(t, second, "cong to thong minh"); contains(found, code) {
		t.Fatal("a draft is visible in the catalogue")
	}

	// Another agency's key may not touch it. Service codes are global: a
	// code another agency holds is refused with one UserError, the same
	// whether that agency only drafts it or has published it (the seed's
	// HC-REISSUE, BHXH's), so drafting is not observable.
	resp := srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": input}, Token: bhxh})
	published := srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService("HC-REISSUE")}, Token: evn})
	if len(resp.Errors) != 0 || string(resp.Data) != string(published.Data) || !strings.Contains(string(published.Data), `"INVALID"`) {
		t.Fatalf("draft over another agency's drafted code:\n got %s\nwant %s (as over its published code: an INVALID userError)", resp, published)
	}
	// Publishing another agency's draft answers exactly as an unknown code
	// (issue 14 #22: FORBIDDEN told BHXH that EVN drafts this code).
	resp = srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: bhxh})
	unknown := srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": "EVN-NEVER-DRAFTED"}}, Token: bhxh})
	if len(resp.Errors) != 0 || string(resp.Data) != string(unknown.Data) || !strings.Contains(string(unknown.Data), `"INVALID"`) {
		t.Fatalf("another agency's publish:\n got %s\nwant %s (as for an unknown code)", resp, unknown)
	}
	// Nor a seed service of another agency: refused at ["code"].
	var hc draftData
	published.MustOK(t).Decode(t, &hc)
	if ues := hc.UpsertServiceDraft.UserErrors; hc.UpsertServiceDraft.Service != nil || len(ues) != 1 || ues[0].Code != "INVALID" || strings.Join(ues[0].Field, ".") != "code" {
		t.Fatalf("draft of HC-REISSUE by EVN: got %+v, want one INVALID userError at code", hc.UpsertServiceDraft)
	}

	// Publish: version 1, visible in the other process within a few seconds.
	var pub publishData
	srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn}).MustOK(t).Decode(t, &pub)
	if p := pub.PublishService; len(p.UserErrors) != 0 || p.Service == nil || p.Service.Status != "PUBLISHED" || p.Service.Version == nil || *p.Service.Version != 1 {
		t.Fatalf("publish: %+v", p)
	}
	// The second process polls every second; 20 s leaves room for a slow,
	// busy CI rebuilding its snapshot under the race detector.
	deadline := time.Now().Add(20 * time.Second)
	for !contains(searchCodesOf(t, second, "cong to dien thong minh"), code) {
		if time.Now().After(deadline) {
			t.Fatal("the published service did not reach the second process within 20 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if found := searchCodesOf(t, srv, "Công tơ điện thông minh"); len(found) == 0 || found[0] != code {
		t.Fatalf("search in the publishing process: %v", found)
	}

	// Publishing again with nothing changed.
	srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn}).MustOK(t).Decode(t, &pub)
	if ues := pub.PublishService.UserErrors; len(ues) != 1 || ues[0].Code != "NOTHING_TO_PUBLISH" || strings.Join(ues[0].Field, ".") != "code" {
		t.Fatalf("publish without a draft: %+v", pub.PublishService)
	}
	var same draftData
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": input}, Token: evn}).MustOK(t).Decode(t, &same)
	if same.UpsertServiceDraft.Service == nil || *same.UpsertServiceDraft.Service.DraftVersion != 2 {
		t.Fatalf("second draft: %+v", same)
	}
	srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn}).MustOK(t).Decode(t, &pub)
	if ues := pub.PublishService.UserErrors; len(ues) != 1 || ues[0].Code != "NOTHING_TO_PUBLISH" {
		t.Fatalf("publish with nothing changed: %+v", pub.PublishService)
	}

	// The change log, for agency keys only.
	var changes struct {
		CatalogueChanges []struct {
			ServiceCode string `json:"serviceCode"`
			Version     int    `json:"version"`
			Change      string `json:"change"`
			At          string `json:"at"`
		} `json:"catalogueChanges"`
	}
	second.Do(t, apitest.Request{Query: catalogueChangesQuery, Variables: map[string]any{"since": since}, Token: evn}).MustOK(t).Decode(t, &changes)
	if c := changes.CatalogueChanges; len(c) != 1 || c[0].ServiceCode != code || c[0].Change != "CREATED" || c[0].Version != 1 {
		t.Fatalf("changes: %+v", c)
	}
	resp = srv.Do(t, apitest.Request{Query: catalogueChangesQuery, Variables: map[string]any{"since": since}})
	if strings.Join(resp.ErrorCodes(), ",") != "UNAUTHENTICATED" {
		t.Fatalf("anonymous changes: %s", resp)
	}

	// A revoked key stops working at once, in every process.
	if err := partner.NewKeys(srv.DB).Revoke(context.Background(), evnID); err != nil {
		t.Fatal(err)
	}
	resp = second.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn})
	if strings.Join(resp.ErrorCodes(), ",") != "UNAUTHENTICATED" {
		t.Fatalf("revoked key: %s", resp)
	}
}

// A partner agency adds a service that pays traffic fines without the code
// changing: the obligation kind is part of what it publishes, readers see it
// on Service.obligationKind (where portals route "Pay"), and
// submitApplication refuses the service. An obligation no lookup finds
// (APPLICATION_FEE) is refused at obligationKind.
func TestPartnerPublishesAServiceThatPaysFines(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	csgt := srv.AgencyKey(t, "CSGT")
	const code = "CSGT-FINE-PAYMENT-HN"
	input := partnerService(code)
	input["categoryCode"] = "XU-LY-VI-PHAM-HANH-CHINH"
	input["name"] = map[string]any{"vi": "Nộp phạt vi phạm giao thông (Hà Nội)", "en": "Traffic fine payment (Hanoi)"}
	input["keywords"] = []any{"nop phat giao thong ha noi"}

	input["obligationKind"] = "APPLICATION_FEE"
	var refused draftData
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": input}, Token: csgt}).MustOK(t).Decode(t, &refused)
	if ues := refused.UpsertServiceDraft.UserErrors; refused.UpsertServiceDraft.Service != nil || len(ues) != 1 ||
		ues[0].Code != "INVALID" || strings.Join(ues[0].Field, ".") != "obligationKind" || ues[0].Message == "" {
		t.Fatalf("a service paying APPLICATION_FEE: got %+v, want one INVALID userError at obligationKind", refused.UpsertServiceDraft)
	}

	input["obligationKind"] = "TRAFFIC_FINE"
	var draft draftData
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": input}, Token: csgt}).MustOK(t).Decode(t, &draft)
	if d := draft.UpsertServiceDraft; len(d.UserErrors) != 0 || d.Service == nil {
		t.Fatalf("draft: %+v", d)
	}
	var pub publishData
	srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: csgt}).MustOK(t).Decode(t, &pub)
	if p := pub.PublishService; len(p.UserErrors) != 0 || p.Service == nil || p.Service.Status != "PUBLISHED" {
		t.Fatalf("publish: %+v", p)
	}
	var got struct {
		Service *struct{ ObligationKind *string }
	}
	srv.Do(t, apitest.Request{Query: `query($c: String!) { service(code: $c) { obligationKind } }`,
		Variables: map[string]any{"c": code}}).MustOK(t).Decode(t, &got)
	if got.Service == nil || got.Service.ObligationKind == nil || *got.Service.ObligationKind != "TRAFFIC_FINE" {
		t.Fatalf("service(%s).obligationKind = %+v, want TRAFFIC_FINE", code, got.Service)
	}

	an := srv.Register(t, appAn)
	resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
		submitApplication(input: $in) { application { id } userErrors { field message code } } }`,
		Variables: map[string]any{"in": map[string]any{"serviceCode": code, "caseCode": "HOUSEHOLD", "formData": map[string]any{"customerCode": "PD01000123456"},
			"delivery": map[string]any{"method": "ELECTRONIC"}, "captcha": srv.Captcha(t).Input(), "idempotencyKey": "k"}}})
	var sub struct{ SubmitApplication appPayload }
	resp.MustOK(t).Decode(t, &sub)
	appWantError(t, sub.SubmitApplication, "SERVICE_NOT_AVAILABLE", "serviceCode")
}

// searchCodesOf searches the catalogue of srv and returns the codes found.
func searchCodesOf(t *testing.T, srv *apitest.Server, search string) []string {
	t.Helper()
	p := cataloguePageOf(t, srv, map[string]any{"first": 10, "filter": map[string]any{"search": search}}, nil)
	var codes []string
	for _, e := range p.Services.Edges {
		codes = append(codes, e.Node.Code)
	}
	return codes
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPendingDraftIsTheAgencysOwn: the draftVersion of a published service's
// pending draft is shown to the owning agency only (issue 14 #22: anonymous
// readers saw it).
func TestPendingDraftIsTheAgencysOwn(t *testing.T) {
	srv := apitest.New(t)
	evn := srv.AgencyKey(t, "EVN")
	bhxh := srv.AgencyKey(t, "BHXH")
	const code = "EVN-PENDING-DRAFT"
	publish := func(code string) {
		t.Helper()
		srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService(code)}, Token: evn}).MustOK(t)
		var pub publishData
		srv.Do(t, apitest.Request{Query: publishServiceMutation, Variables: map[string]any{"input": map[string]any{"code": code}}, Token: evn}).MustOK(t).Decode(t, &pub)
		if len(pub.PublishService.UserErrors) != 0 {
			t.Fatalf("publish %s: %+v", code, pub.PublishService.UserErrors)
		}
	}
	publish(code)
	srv.Do(t, apitest.Request{Query: upsertServiceDraftMutation, Variables: map[string]any{"input": partnerService(code)}, Token: evn}).MustOK(t)
	// Another publication moves the catalogue revision, so every reader's
	// snapshot holds the pending draft of code.
	publish(code + "-2")
	draftQuery := `query($c: String!) { service(code: $c) { draftVersion } }`
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp := srv.Do(t, apitest.Request{Query: draftQuery, Variables: map[string]any{"c": code}, Token: evn}).MustOK(t)
		if string(resp.Data) == `{"service":{"draftVersion":2}}` {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the owning agency does not see its draft within 20 s: %s", resp.Data)
		}
	}
	for _, tt := range []struct {
		who   string
		token string
		want  string
	}{{"anonymous", "", "null"}, {"another agency", bhxh, "null"}, {"the owning agency", evn, "2"}} {
		resp := srv.Do(t, apitest.Request{Query: draftQuery, Variables: map[string]any{"c": code}, Token: tt.token}).MustOK(t)
		if got, want := string(resp.Data), `{"service":{"draftVersion":`+tt.want+`}}`; got != want {
			t.Errorf("%s reads draftVersion: got %s, want %s", tt.who, got, want)
		}
	}
}
