package e2e_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
)

// A partner's WEBHOOK service with a document checklist: the delivery
// carries the document list, and the partner downloads each document
// through the API with its key.
func TestWebhookCarriesDocumentsAndThePartnerDownloadsThem(t *testing.T) {
	t.Parallel()
	p := &partnerAgency{seen: map[string]bool{}}
	hook := httptest.NewServer(p)
	defer hook.Close()
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.WebhookBackoff = 100 * time.Millisecond }))
	key := appAgencyKey(t, srv, "EVN")
	resp := srv.Do(t, apitest.Request{Token: key, Query: `mutation($in: UpsertServiceDraftInput!) {
		upsertServiceDraft(input: $in) { userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{
			"code": "EVN-DOCS-TEST", "categoryCode": "BAO-HIEM-Y-TE",
			"name":        map[string]any{"vi": "Thử nghiệm hồ sơ", "en": "Dossier test"},
			"summary":     map[string]any{"vi": "Thử nghiệm", "en": "Test"},
			"description": map[string]any{"vi": "Kiểm thử tài liệu.", "en": "Document test."},
			"onlineLevel": "FULL",
			"channels": []any{map[string]any{"channel": "ONLINE", "processingTime": map[string]any{"value": 2, "unit": "WORKING_DAY"},
				"fees": []any{map[string]any{"amount": 0, "currency": "VND"}}}},
			"cases": []any{map[string]any{"code": "DEFAULT", "name": map[string]any{"vi": "Mặc định", "en": "Default"},
				"documents": []any{map[string]any{"name": map[string]any{"vi": "Giấy đề nghị", "en": "Request"}, "originals": 1, "copies": 0}}}},
			"deliveryMethods": []any{"ELECTRONIC"}, "legalBasis": []any{"Thông tư thử nghiệm"},
			"form":    map[string]any{"fields": []any{}},
			"handler": map[string]any{"kind": "WEBHOOK", "url": hook.URL},
		}}}).MustOK(t)
	if bytes.Contains(resp.Data, []byte(`"code"`)) {
		t.Fatalf("draft refused: %s", resp.Data)
	}
	resp = srv.Do(t, apitest.Request{Token: key, Query: `mutation { publishService(input: {code: "EVN-DOCS-TEST"}) { userErrors { code } } }`}).MustOK(t)
	if bytes.Contains(resp.Data, []byte(`"code"`)) {
		t.Fatalf("publish refused: %s", resp.Data)
	}
	p.mu.Lock()
	p.secret = []byte(appWebhookSecret(t, srv, "EVN-DOCS-TEST"))
	p.mu.Unlock()

	// The checklist's entry has the default code D1.
	// (The catalogue snapshot is refreshed within seconds of a publish.)
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		resp = srv.Do(t, apitest.Request{Query: `{ service(code: "EVN-DOCS-TEST") { cases { code documents { code required } } } }`}).MustOK(t)
		if bytes.Contains(resp.Data, []byte(`"documents":[{"code":"D1","required":false}]`)) {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("checklist = %s, want D1", resp.Data)
		}
	}
	an := appRegister(t, srv, appAn)
	file := bizJPEG(3000)
	upload := bizUploadID(t, srv, an, "giay.jpg", file)
	resp = srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
		submitApplication(input: $in) { application { id } userErrors { field code } } }`,
		Variables: map[string]any{"in": map[string]any{"serviceCode": "EVN-DOCS-TEST", "caseCode": "DEFAULT",
			"formData": map[string]any{}, "delivery": map[string]any{"method": "ELECTRONIC"},
			"documents": []any{map[string]any{"documentCode": "D1", "uploadId": upload}},
			"captcha":   appCaptcha(t, srv), "idempotencyKey": "docs-1"}}}).MustOK(t)
	var d struct {
		SubmitApplication struct {
			Application *struct{ ID string }
			UserErrors  []appUserError
		}
	}
	resp.Decode(t, &d)
	if d.SubmitApplication.Application == nil {
		t.Fatalf("submit: %+v", d.SubmitApplication.UserErrors)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(p.received()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no delivery within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	var data struct {
		ID        string
		Documents []struct{ DocumentCode, Role, FileName, ContentType, SHA256 string }
	}
	if err := json.Unmarshal(p.received()[0].Data, &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Documents) != 1 || data.Documents[0].DocumentCode != "D1" || data.Documents[0].SHA256 != bizSHA(file) ||
		data.Documents[0].ContentType != "image/jpeg" || data.Documents[0].Role != "APPLICANT" {
		t.Fatalf("delivered documents %+v, want D1 with its checksum", data.Documents)
	}
	got := bizNode(t, srv, key, data.ID)
	if got == nil || len(got.Documents) != 1 {
		t.Fatalf("the partner reads %+v", got)
	}
	if status, body := bizDownload(t, srv, got.Documents[0].DownloadURL); status != http.StatusOK || !bytes.Equal(body, file) {
		t.Errorf("partner download: %d, %d bytes", status, len(body))
	}
}

// The promotion services are reachable through submitApplication too.
func TestPromotionThroughSubmitApplication(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	ngoc := appRegister(t, srv, appNgoc)
	ents := bizEnterprises(t, srv, ngoc)
	docs, _ := registrationDocs(t, srv, ngoc)
	in := bizRegistration(t, srv, ents[bizSaoViet], []string{"79"}, bizDate(t, srv, 5), bizDate(t, srv, 9), docs, "generic")
	form := map[string]any{}
	for _, f := range []string{"programName", "form", "provinceCodes", "startDate", "endDate", "promotedGoods", "prizeGoods",
		"customers", "prizeStructure", "totalPrizeValue", "rules", "cooperatingTraders"} {
		form[f] = in[f]
	}
	submit := func(service string) (*struct{ ID, Code string }, []appUserError) {
		resp := srv.Do(t, apitest.Request{Token: ngoc, Query: `mutation($in: SubmitApplicationInput!) {
			submitApplication(input: $in) { application { id code } userErrors { field code message } } }`,
			Variables: map[string]any{"in": map[string]any{"serviceCode": service, "caseCode": "NEW", "formData": form,
				"delivery": map[string]any{"method": "ELECTRONIC"}, "enterpriseId": ents[bizSaoViet], "documents": in["documents"],
				"captcha": appCaptcha(t, srv), "idempotencyKey": "generic-" + service}}}).MustOK(t)
		var d struct {
			SubmitApplication struct {
				Application *struct{ ID, Code string }
				UserErrors  []appUserError
			}
		}
		resp.Decode(t, &d)
		return d.SubmitApplication.Application, d.SubmitApplication.UserErrors
	}
	// The Ministry does not take a one-province promotion.
	if app, ues := submit("SALES-PROMOTION-REGISTRATION"); app != nil || len(ues) != 1 || ues[0].Code != "INVALID" || ues[0].Field[1] != "provinceCodes" {
		t.Errorf("one province to the Ministry: %+v %+v, want INVALID at formData.provinceCodes", app, ues)
	}
	if app, ues := submit("SALES-PROMOTION-REGISTRATION-79"); app == nil {
		t.Errorf("to the department: %+v", ues)
	}
}
