package e2e_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
)

// The business registry's built-in enterprises the tests use
// (internal/enterprise/businesses.json).
const (
	bizAnPhat    = "0100233488" // ACTIVE, An is its legal representative
	bizBinhMinh  = "0105688129" // DISSOLVED, An
	bizSaoViet   = "0310794264" // ACTIVE, Ngọc
	bizHoaSenVng = "0301642554" // SUSPENDED, Ngọc
)

// registrationDocs uploads the three required documents of a registration
// (one of each accepted type) as token and returns them by checklist code.
func registrationDocs(t testing.TB, srv *apitest.Server, token string) (map[string]string, map[string][]byte) {
	t.Helper()
	files := map[string][]byte{
		"APPLICATION_FORM":      bizPDF(40_000),
		"RULES":                 bizPNG(30_000),
		"PRIZE_EVIDENCE_SAMPLE": bizJPEG(20_000),
	}
	names := map[string]string{"APPLICATION_FORM": "don-de-nghi.pdf", "RULES": "the-le.png", "PRIZE_EVIDENCE_SAMPLE": "ve-mau.jpg"}
	ids := map[string]string{}
	for code, b := range files {
		ids[code] = bizUploadID(t, srv, token, names[code], b)
	}
	return ids, files
}

// A representative registers a one-province lucky draw (routed to that
// province's department) and a three-province one (routed to the Ministry);
// the department downloads the documents and completes with a result
// document, which the representative downloads.
func TestPromotionRegistrationRoutedByAreaWithDocuments(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := appRegister(t, srv, appAn)
	ents := bizEnterprises(t, srv, an)
	if len(ents) != 3 || ents[bizAnPhat] == "" || ents[bizBinhMinh] == "" {
		t.Fatalf("An's enterprises = %v, want An Phát, its branch and Bình Minh", ents)
	}
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)

	docs, files := registrationDocs(t, srv, an)
	one := bizRegister(t, srv, an, bizRegistration(t, srv, ents[bizAnPhat], []string{"79"}, start, end, docs, "promo-hcm"))
	if one.Application == nil {
		t.Fatalf("one-province registration refused: %+v", one.UserErrors)
	}
	if got := one.Application.Service.Agency.Code; got != "SCT-79" || one.Application.Service.Code != "SALES-PROMOTION-REGISTRATION-79" {
		t.Errorf("one province routed to %s / %s, want SCT-79 / SALES-PROMOTION-REGISTRATION-79", got, one.Application.Service.Code)
	}
	if e := one.Application.Enterprise; e == nil || e.TaxCode != bizAnPhat {
		t.Errorf("applicant enterprise = %+v, want %s", e, bizAnPhat)
	}
	if len(one.Application.Documents) != 3 {
		t.Fatalf("documents = %+v, want the three uploads", one.Application.Documents)
	}

	docs3, _ := registrationDocs(t, srv, an)
	three := bizRegister(t, srv, an, bizRegistration(t, srv, ents[bizAnPhat], []string{"01", "79", "48"}, start, end, docs3, "promo-3"))
	if three.Application == nil {
		t.Fatalf("three-province registration refused: %+v", three.UserErrors)
	}
	if got := three.Application.Service.Code; got != "SALES-PROMOTION-REGISTRATION" || three.Application.Service.Agency.Code != "XTTM" {
		t.Errorf("three provinces routed to %s / %s, want the Ministry's SALES-PROMOTION-REGISTRATION (XTTM)", got, three.Application.Service.Agency.Code)
	}
	// The same key and input again: the same application.
	again := bizRegister(t, srv, an, bizRegistration(t, srv, ents[bizAnPhat], []string{"01", "79", "48"}, start, end, docs3, "promo-3"))
	if again.Application == nil || again.Application.ID != three.Application.ID {
		t.Errorf("retry with the key = %+v, want application %s", again, three.Application.ID)
	}

	// Both appear in the representative's list.
	resp := srv.Do(t, apitest.Request{Token: an, Query: `{ viewer { applications { edges { node { id } } } } }`}).MustOK(t)
	var list struct {
		Viewer struct {
			Applications struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
	}
	resp.Decode(t, &list)
	var listed []string
	for _, e := range list.Viewer.Applications.Edges {
		listed = append(listed, e.Node.ID)
	}
	if !slices.Contains(listed, one.Application.ID) || !slices.Contains(listed, three.Application.ID) {
		t.Errorf("viewer.applications = %v, want both registrations", listed)
	}

	// The department sees the documents in its inbox and downloads them.
	dept := appAgencyKey(t, srv, "SCT-79")
	resp = srv.Do(t, apitest.Request{Token: dept, Query: `{ agencyApplications { edges { node { id documents { documentCode sha256 downloadUrl } } } } }`}).MustOK(t)
	var inbox struct {
		AgencyApplications struct {
			Edges []struct {
				Node struct {
					ID        string
					Documents []bizDocument
				}
			}
		}
	}
	resp.Decode(t, &inbox)
	if len(inbox.AgencyApplications.Edges) != 1 || inbox.AgencyApplications.Edges[0].Node.ID != one.Application.ID {
		t.Fatalf("SCT-79 inbox = %+v, want the one-province registration only", inbox.AgencyApplications.Edges)
	}
	for _, d := range inbox.AgencyApplications.Edges[0].Node.Documents {
		status, body := bizDownload(t, srv, d.DownloadURL)
		if status != http.StatusOK || !bytes.Equal(body, files[d.DocumentCode]) || bizSHA(body) != d.Sha256 {
			t.Errorf("agency download of %s: %d, %d bytes (sha %s), want the uploaded %d bytes", d.DocumentCode, status, len(body), d.Sha256, len(files[d.DocumentCode]))
		}
	}

	// The department completes with a confirmation letter.
	letter := bizPDF(5_000)
	resultID := bizUploadID(t, srv, dept, "xac-nhan.pdf", letter)
	for _, action := range []string{"RECEIVE", "START_PROCESSING", "MARK_RESULT_READY"} {
		if p := appTransition(t, srv, dept, one.Application.ID, action, "", nil); p.Application == nil {
			t.Fatalf("%s: %+v", action, p.UserErrors)
		}
	}
	if p := appTransition(t, srv, dept, one.Application.ID, "COMPLETE", "Xác nhận đăng ký", map[string]any{"resultUploadId": resultID}); p.Application == nil {
		t.Fatalf("COMPLETE with a result: %+v", p.UserErrors)
	}
	got := bizNode(t, srv, an, one.Application.ID)
	if got == nil || got.Status != "COMPLETED" {
		t.Fatalf("the representative reads %+v, want COMPLETED", got)
	}
	var result *bizDocument
	for i, d := range got.Documents {
		if d.Role == "RESULT" {
			result = &got.Documents[i]
		}
	}
	if result == nil || result.FileName != "xac-nhan.pdf" || result.ContentType != "application/pdf" {
		t.Fatalf("documents = %+v, want the result letter", got.Documents)
	}
	if status, body := bizDownload(t, srv, result.DownloadURL); status != http.StatusOK || !bytes.Equal(body, letter) {
		t.Errorf("citizen download of the result: %d, %d bytes, want the letter", status, len(body))
	}
}

// A notification goes to the department of each province of the area, each
// COMPLETED at once with the documents, in its department's inbox.
func TestPromotionNotificationFannedOutToEachDepartment(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := appRegister(t, srv, appAn)
	ents := bizEnterprises(t, srv, an)
	notice := bizUploadID(t, srv, an, "thong-bao.pdf", bizPDF(10_000))
	provinces := []string{"01", "79", "48"}
	p := bizNotify(t, srv, an, bizNotification(t, srv, ents[bizAnPhat], provinces, bizDate(t, srv, 3), bizDate(t, srv, 30),
		map[string]string{"NOTICE_FORM": notice}, "notice-1"))
	if len(p.UserErrors) > 0 || len(p.Applications) != 3 {
		t.Fatalf("notification: %+v", p)
	}
	for i, app := range p.Applications {
		want := "SCT-" + provinces[i]
		if app.Service.Agency.Code != want || app.Status != "COMPLETED" || len(app.Documents) != 1 {
			t.Errorf("notification %d: %s %s with %d documents, want %s COMPLETED with the notice", i, app.Service.Agency.Code, app.Status, len(app.Documents), want)
		}
		resp := srv.Do(t, apitest.Request{Token: appAgencyKey(t, srv, want), Query: `{ agencyApplications(status: COMPLETED) { edges { node { id documents { documentCode } } } } }`}).MustOK(t)
		var inbox struct {
			AgencyApplications struct {
				Edges []struct {
					Node struct {
						ID        string
						Documents []bizDocument
					}
				}
			}
		}
		resp.Decode(t, &inbox)
		if e := inbox.AgencyApplications.Edges; len(e) != 1 || e[0].Node.ID != app.ID || len(e[0].Node.Documents) != 1 {
			t.Errorf("%s inbox = %+v, want the notification with its document", want, e)
		}
	}
}

// Each refusal has its code and writes nothing.
func TestPromotionRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := appRegister(t, srv, appAn)
	ngoc := appRegister(t, srv, appNgoc)
	anEnts, ngocEnts := bizEnterprises(t, srv, an), bizEnterprises(t, srv, ngoc)
	start, end := bizDate(t, srv, 10), bizDate(t, srv, 40)

	tests := []struct {
		name  string
		run   func(docs map[string]string) bizPayload
		code  string
		field string
	}{
		{"not a representative", func(docs map[string]string) bizPayload {
			return bizRegister(t, srv, an, bizRegistration(t, srv, ngocEnts[bizSaoViet], []string{"79"}, start, end, docs, "r1"))
		}, "NOT_A_REPRESENTATIVE", "enterpriseId"},
		{"dissolved enterprise", func(docs map[string]string) bizPayload {
			return bizRegister(t, srv, an, bizRegistration(t, srv, anEnts[bizBinhMinh], []string{"79"}, start, end, docs, "r2"))
		}, "ENTERPRISE_NOT_ACTIVE", "enterpriseId"},
		{"missing document", func(docs map[string]string) bizPayload {
			delete(docs, "PRIZE_EVIDENCE_SAMPLE")
			return bizRegister(t, srv, an, bizRegistration(t, srv, anEnts[bizAnPhat], []string{"79"}, start, end, docs, "r3"))
		}, "MISSING_DOCUMENT", "documents"},
		{"notification 2 working days before the start", func(map[string]string) bizPayload {
			notice := bizUploadID(t, srv, an, "thong-bao.pdf", bizPDF(1_000))
			return bizNotify(t, srv, an, bizNotification(t, srv, anEnts[bizAnPhat], []string{"01", "79"}, bizDate(t, srv, 2), end,
				map[string]string{"NOTICE_FORM": notice}, "r4"))
		}, "TOO_LATE", "startDate"},
		{"end before start", func(docs map[string]string) bizPayload {
			return bizRegister(t, srv, an, bizRegistration(t, srv, anEnts[bizAnPhat], []string{"79"}, end, start, docs, "r5"))
		}, "INVALID", "endDate"},
		{"province not one of the 34", func(docs map[string]string) bizPayload {
			return bizRegister(t, srv, an, bizRegistration(t, srv, anEnts[bizAnPhat], []string{"01", "02"}, start, end, docs, "r6"))
		}, "INVALID", "provinceCodes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, _ := registrationDocs(t, srv, an)
			before := bizCounts(t, srv)
			p := tt.run(docs)
			if p.Application != nil || len(p.Applications) > 0 {
				t.Fatalf("accepted: %+v", p)
			}
			found := false
			for _, ue := range p.UserErrors {
				found = found || (ue.Code == tt.code && strings.Join(ue.Field, ".") == tt.field && ue.Message != "")
			}
			if !found {
				t.Errorf("userErrors = %+v, want %s at %s", p.UserErrors, tt.code, tt.field)
			}
			if after := bizCounts(t, srv); after != before {
				t.Errorf("rows %s after the refusal, want %s", after, before)
			}
		})
	}

	t.Run("suspended enterprise", func(t *testing.T) {
		before := bizCounts(t, srv)
		p := bizRegister(t, srv, ngoc, bizRegistration(t, srv, ngocEnts[bizHoaSenVng], []string{"79"}, start, end, nil, "r7"))
		if p.Application != nil || len(p.UserErrors) == 0 || p.UserErrors[0].Code != "ENTERPRISE_NOT_ACTIVE" {
			t.Errorf("suspended: %+v, want ENTERPRISE_NOT_ACTIVE", p)
		}
		if after := bizCounts(t, srv); after != before {
			t.Errorf("rows %s, want %s", after, before)
		}
	})

	t.Run("someone else's upload", func(t *testing.T) {
		docs, _ := registrationDocs(t, srv, an)
		before := bizCounts(t, srv)
		p := bizRegister(t, srv, ngoc, bizRegistration(t, srv, ngocEnts[bizSaoViet], []string{"79"}, start, end, docs, "r8"))
		if p.Application != nil || len(p.UserErrors) != 1 || p.UserErrors[0].Code != "INVALID" || p.UserErrors[0].Field[0] != "documents" {
			t.Errorf("Ngọc attaching An's uploads: %+v, want INVALID at documents.*.uploadId", p)
		}
		if after := bizCounts(t, srv); after != before {
			t.Errorf("rows %s, want %s", after, before)
		}
	})
}

// Uploads are typed by content, bounded, and refused with a code.
func TestUploadRefusals(t *testing.T) {
	t.Parallel()
	const max = 64 << 10
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) { c.UploadMaxFile = max }))
	an := appRegister(t, srv, appAn)
	uploads := func() int { return appCount(t, srv, "uploads") }

	ok := bizUpload(t, srv, an, "C:\\scans\\giay-to.PDF", bizPDF(max))
	if ok.Upload == nil || ok.Upload.ContentType != "application/pdf" || ok.Upload.Size != max || ok.Upload.FileName != "giay-to.PDF" {
		t.Fatalf("a PDF of exactly the limit: %+v", ok)
	}
	if want := bizSHA(bizPDF(max)); ok.Upload.Sha256 != want {
		t.Errorf("sha256 = %s, want %s", ok.Upload.Sha256, want)
	}
	if p := bizUpload(t, srv, an, "anh.pdf", bizPNG(1000)); p.Upload == nil || p.Upload.ContentType != "image/png" {
		t.Errorf("a PNG named .pdf: %+v, want stored as image/png (the name is ignored)", p)
	}

	for _, tt := range []struct {
		name, file string
		content    []byte
		code       string
	}{
		{"an HTML page named .pdf", "the-le.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "FILE_TYPE_NOT_ALLOWED"},
		{"a ZIP named .jpg", "anh.jpg", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 100)...), "FILE_TYPE_NOT_ALLOWED"},
		{"plain text named .png", "anh.png", []byte("xin chào"), "FILE_TYPE_NOT_ALLOWED"},
		{"one byte over the limit", "lon.pdf", bizPDF(max + 1), "FILE_TOO_LARGE"},
		{"empty", "rong.pdf", nil, "INVALID"},
	} {
		before := uploads()
		p := bizUpload(t, srv, an, tt.file, tt.content)
		if p.Upload != nil || len(p.UserErrors) != 1 || p.UserErrors[0].Code != tt.code || strings.Join(p.UserErrors[0].Field, ".") != "file" {
			t.Errorf("%s: %+v, want %s at file", tt.name, p, tt.code)
		}
		if after := uploads(); after != before {
			t.Errorf("%s: %d uploads after, want %d", tt.name, after, before)
		}
	}

	// A body beyond the file limit and the multipart overhead is refused
	// before it is read.
	before := uploads()
	resp := srv.Upload(t, an, bizUploadQuery, nil, "file", "rat-lon.pdf", bizPDF(max+(1<<20)+1))
	if resp.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("an oversized body: %s, want 413", resp)
	}
	// Without the preflight header a (cross-site) form post is refused.
	hr := srv.UploadRequest(t, an, bizUploadQuery, nil, "file", "a.pdf", bizPDF(100))
	hr.Header.Del("GraphQL-Preflight")
	if resp := srv.Send(t, hr); resp.Status != http.StatusBadRequest {
		t.Errorf("multipart without a preflight header: %s, want 400", resp)
	}
	// Anonymous callers cannot upload.
	if resp := srv.Upload(t, "", bizUploadQuery, nil, "file", "a.pdf", bizPDF(100)); errorCode(t, resp) != "UNAUTHENTICATED" {
		t.Errorf("anonymous upload: %s", resp)
	}
	if after := uploads(); after != before {
		t.Errorf("%d uploads after the refused requests, want %d", after, before)
	}
}

// Another citizen and another agency cannot reach an enterprise's
// application or its documents by any path; download URLs are bound to
// their document and expire.
func TestEnterpriseDocumentsReachableOnlyByTheirParties(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := appRegister(t, srv, appAn)
	hoa := appRegister(t, srv, appHoa)
	ents := bizEnterprises(t, srv, an)
	docs, _ := registrationDocs(t, srv, an)
	p := bizRegister(t, srv, an, bizRegistration(t, srv, ents[bizAnPhat], []string{"79"}, bizDate(t, srv, 10), bizDate(t, srv, 20), docs, "authz"))
	if p.Application == nil {
		t.Fatalf("registration: %+v", p.UserErrors)
	}
	id := p.Application.ID
	otherAgency := appAgencyKey(t, srv, "SCT-01")

	for who, token := range map[string]string{"another citizen": hoa, "another agency": otherAgency, "anonymous": ""} {
		if got := bizNode(t, srv, token, id); got != nil {
			t.Errorf("%s: node = %+v, want null", who, got)
		}
		resp := srv.Do(t, apitest.Request{Token: token, Query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Application { documents { downloadUrl } } } }`,
			Variables: map[string]any{"ids": []string{id}}}).MustOK(t)
		if !strings.Contains(string(resp.Data), `"nodes":[null]`) {
			t.Errorf("%s: nodes = %s, want [null]", who, resp.Data)
		}
		resp = srv.Do(t, apitest.Request{Token: token, Query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { documents { downloadUrl } } } }`,
			Variables: map[string]any{"r": []map[string]any{{"__typename": "Application", "id": id}}}})
		if strings.Contains(string(resp.Body), "downloadUrl") || strings.Contains(string(resp.Body), "/documents/") {
			t.Errorf("%s: _entities = %s, want no document", who, resp.Body)
		}
		resp = srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) { node(id: $id) { id } }`,
			Variables: map[string]any{"id": ents[bizAnPhat]}}).MustOK(t)
		if !strings.Contains(string(resp.Data), `"node":null`) {
			t.Errorf("%s: the enterprise by node = %s, want null", who, resp.Data)
		}
	}
	resp := srv.Do(t, apitest.Request{Token: hoa, Query: `{ viewer { applications { totalCount } enterprises { id } } }`}).MustOK(t)
	if !strings.Contains(string(resp.Data), `"totalCount":0`) || !strings.Contains(string(resp.Data), `"enterprises":[{`) {
		// Hoa represents one enterprise of her own, none of An's.
		t.Errorf("Hoa's viewer = %s", resp.Data)
	}
	resp = srv.Do(t, apitest.Request{Token: otherAgency, Query: `{ agencyApplications { totalCount } }`}).MustOK(t)
	if !strings.Contains(string(resp.Data), `"totalCount":0`) {
		t.Errorf("SCT-01 inbox = %s, want empty", resp.Data)
	}

	// The download URL works for its document only, unaltered.
	good := p.Application.Documents[0].DownloadURL
	if status, _ := bizDownload(t, srv, good); status != http.StatusOK {
		t.Fatalf("the applicant's URL: %d", status)
	}
	u, _ := url.Parse(good)
	q := u.Query()
	tampered := map[string]string{}
	q2 := url.Values{"e": {q.Get("e") + "0"}, "s": {q.Get("s")}}
	tampered["a later expiry"] = u.Path + "?" + q2.Encode()
	ou, _ := url.Parse(p.Application.Documents[1].DownloadURL)
	tampered["another document's path"] = ou.Path + "?" + u.RawQuery
	tampered["a signature of another document"] = u.Path + "?" + ou.RawQuery
	tampered["no signature"] = u.Path
	for name, path := range tampered {
		if status, _ := bizDownload(t, srv, "http://x"+path); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", name, status)
		}
	}
}
