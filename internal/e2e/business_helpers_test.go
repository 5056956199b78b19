package e2e_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Files whose bytes are what they claim (the server sniffs content).
func bizPDF(n int) []byte {
	b := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0"), max(n-15, 0))...)
	return append(b, "\n%%EOF"...)
}

func bizJPEG(n int) []byte {
	return append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0}, bytes.Repeat([]byte{0x42}, max(n-11, 0))...)
}

func bizPNG(n int) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0x17}, max(n-8, 0))...)
}

const bizUploadQuery = `mutation($file: Upload!) { uploadDocument(file: $file) {
	upload { id fileName contentType size sha256 } userErrors { field message code } } }`

type bizUploadPayload struct {
	Upload *struct {
		ID, FileName, ContentType, Sha256 string
		Size                              int
	}
	UserErrors []appUserError
}

// bizUpload uploads content as fileName and returns the payload.
func bizUpload(t testing.TB, srv *apitest.Server, token, fileName string, content []byte) bizUploadPayload {
	t.Helper()
	resp := srv.Upload(t, token, bizUploadQuery, nil, "file", fileName, content)
	if resp.Status != http.StatusOK || len(resp.Errors) > 0 {
		t.Fatalf("uploadDocument: %s", resp)
	}
	var d struct{ UploadDocument bizUploadPayload }
	resp.Decode(t, &d)
	return d.UploadDocument
}

// bizUploadID uploads and returns the upload's ID, failing on userErrors.
func bizUploadID(t testing.TB, srv *apitest.Server, token, fileName string, content []byte) string {
	t.Helper()
	p := bizUpload(t, srv, token, fileName, content)
	if p.Upload == nil {
		t.Fatalf("upload %s: %+v", fileName, p.UserErrors)
	}
	return p.Upload.ID
}

const bizAppFields = `id code status appointmentDate
	service { code agency { code name } }
	enterprise { taxCode name }
	documents { documentCode role fileName contentType size sha256 downloadUrl }`

type bizDocument struct {
	DocumentCode, Role, FileName, ContentType, Sha256, DownloadURL string
	Size                                                           int
}

type bizApp struct {
	ID, Code, Status, AppointmentDate string
	Service                           struct {
		Code   string
		Agency struct{ Code, Name string }
	}
	Enterprise *struct{ TaxCode, Name string }
	Documents  []bizDocument
}

type bizPayload struct {
	Application  *bizApp
	Applications []bizApp
	UserErrors   []appUserError
}

// bizEnterprises returns the caller's enterprises' IDs by tax code.
func bizEnterprises(t testing.TB, srv *apitest.Server, token string) map[string]string {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `{ viewer { enterprises { id taxCode name status } } }`}).MustOK(t)
	var d struct {
		Viewer struct {
			Enterprises []struct{ ID, TaxCode, Name, Status string }
		}
	}
	resp.Decode(t, &d)
	out := map[string]string{}
	for _, e := range d.Viewer.Enterprises {
		out[e.TaxCode] = e.ID
	}
	return out
}

// bizDocs is the documents input: code → upload ID.
func bizDocs(byCode map[string]string) []map[string]any {
	out := []map[string]any{}
	for code, id := range byCode {
		out = append(out, map[string]any{"documentCode": code, "uploadId": id})
	}
	return out
}

func bizRegistration(t testing.TB, srv *apitest.Server, enterpriseID string, provinces []string, start, end string, docs map[string]string, key string) map[string]any {
	return map[string]any{
		"enterpriseId": enterpriseID, "programName": "Quay số trúng thưởng mừng xuân", "form": "LUCKY_DRAW",
		"provinceCodes": provinces, "startDate": start, "endDate": end,
		"promotedGoods": "Nước giải khát đóng chai", "prizeGoods": "Xe máy, tủ lạnh", "customers": "Người tiêu dùng mua sản phẩm",
		"prizeStructure": "1 giải nhất: xe máy; 10 giải nhì: tủ lạnh", "totalPrizeValue": 350_000_000,
		"rules":              "Mỗi nắp chai có một mã dự thưởng; quay số công khai vào ngày kết thúc.",
		"cooperatingTraders": []string{"Công ty TNHH Phân phối Bình An"},
		"documents":          bizDocs(docs), "captcha": srv.Captcha(t).Input(), "idempotencyKey": key,
	}
}

func bizNotification(t testing.TB, srv *apitest.Server, enterpriseID string, provinces []string, start, end string, docs map[string]string, key string) map[string]any {
	return map[string]any{
		"enterpriseId": enterpriseID, "programName": "Tích điểm khách hàng thân thiết", "form": "FREQUENT_CUSTOMER",
		"provinceCodes": provinces, "startDate": start, "endDate": end,
		"promotedGoods": "Cà phê rang xay", "customers": "Khách hàng có thẻ thành viên",
		"rules":     "Mỗi 100.000 đồng được 1 điểm; 50 điểm đổi 1 gói cà phê.",
		"documents": bizDocs(docs), "captcha": srv.Captcha(t).Input(), "idempotencyKey": key,
	}
}

func bizRegister(t testing.TB, srv *apitest.Server, token string, in map[string]any) bizPayload {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `mutation($in: RegisterSalesPromotionInput!) {
		registerSalesPromotion(input: $in) { application { ` + bizAppFields + ` } userErrors { field message code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) > 0 {
		t.Fatalf("registerSalesPromotion: %s", resp)
	}
	var d struct{ RegisterSalesPromotion bizPayload }
	resp.Decode(t, &d)
	return d.RegisterSalesPromotion
}

func bizNotify(t testing.TB, srv *apitest.Server, token string, in map[string]any) bizPayload {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `mutation($in: NotifySalesPromotionInput!) {
		notifySalesPromotion(input: $in) { applications { ` + bizAppFields + ` } userErrors { field message code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) > 0 {
		t.Fatalf("notifySalesPromotion: %s", resp)
	}
	var d struct{ NotifySalesPromotion bizPayload }
	resp.Decode(t, &d)
	return d.NotifySalesPromotion
}

// bizNode reads an application by node(id:) as token sees it (nil: null).
func bizNode(t testing.TB, srv *apitest.Server, token, id string) *bizApp {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) { node(id: $id) { ... on Application { ` + bizAppFields + ` } } }`,
		Variables: map[string]any{"id": id}}).MustOK(t)
	var d struct{ Node *bizApp }
	resp.Decode(t, &d)
	if d.Node != nil && d.Node.ID == "" {
		return nil
	}
	return d.Node
}

// bizDownload fetches a downloadUrl from the test server (the URL's base is
// DVC_PUBLIC_URL; its path and query are what matter).
func bizDownload(t testing.TB, srv *apitest.Server, raw string) (int, []byte) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("downloadUrl %q: %v", raw, err)
	}
	resp, err := srv.Client.Get(srv.URL + u.RequestURI())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func bizSHA(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

// bizDate is the date n working days after now by the server's calendar.
func bizDate(t testing.TB, srv *apitest.Server, n int) string {
	t.Helper()
	d, err := srv.App.Resolver.CatalogueDeps.Calendar.Add(time.Now(), n, catalogue.WorkingDay)
	if err != nil {
		t.Fatal(err)
	}
	return vntime.DateOf(d).Format(time.DateOnly)
}

// bizCounts is what a refused submission must leave unchanged.
func bizCounts(t testing.TB, srv *apitest.Server) string {
	t.Helper()
	var apps, docs, attached, events int
	if err := srv.DB.QueryRow(`SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM application_documents),
		(SELECT count(*) FROM uploads WHERE attached_at IS NOT NULL), (SELECT count(*) FROM application_events)`).Scan(&apps, &docs, &attached, &events); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("applications=%d documents=%d attached=%d events=%d", apps, docs, attached, events)
}
