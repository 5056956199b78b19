package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
)

// The sandbox personas the application tests use (registry/personas.json).
var (
	appAn   = apitest.PersonaNamed("Nguyễn Văn An")      // a valid card
	appNgoc = apitest.PersonaNamed("Trần Thị Bích Ngọc") // a valid card
	appHoa  = apitest.PersonaWith(apitest.NoCard)
	appDung = apitest.PersonaWith(apitest.ExpiredCard)
)

const appFields = `id code status submittedAt appointmentDate caseCode serviceVersion formData
	service { code name agency { code name } }
	delivery { method office { code name address } address { provinceCode wardCode street recipientName recipientPhone formatted } }
	fee { amount currency }`

type appResult struct {
	ID              string
	Code            string
	Status          string
	SubmittedAt     string
	AppointmentDate string
	CaseCode        string
	Service         struct {
		Code   string
		Name   string
		Agency struct{ Code, Name string }
	}
	Delivery struct {
		Method  string
		Office  *struct{ Code, Name, Address string }
		Address *struct{ ProvinceCode, WardCode, Street, RecipientName, RecipientPhone, Formatted string }
	}
	Fee struct {
		Amount   int
		Currency string
	}
}

type appUserError struct {
	Field   []string
	Message string
	Code    string
}

type appPayload struct {
	Application *appResult
	UserErrors  []appUserError
}

func appPostal() map[string]any {
	return map[string]any{"method": "POSTAL", "address": map[string]any{
		"provinceCode": "01", "wardCode": "00004", "street": "12 Đội Cấn", "recipientName": "Nguyễn Văn An", "recipientPhone": "0912345678"}}
}

func appReissueInput(t testing.TB, srv *apitest.Server, si, reason string, delivery map[string]any, key string) map[string]any {
	return map[string]any{"socialInsuranceCode": si, "reason": reason, "delivery": delivery,
		"captcha": srv.Captcha(t).Input(), "idempotencyKey": key}
}

// appReissue sends reissueHealthCard and returns its payload.
func appReissue(t testing.TB, srv *apitest.Server, token string, in map[string]any) appPayload {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: token, Query: `mutation($in: ReissueHealthCardInput!) {
		reissueHealthCard(input: $in) { application { ` + appFields + ` } userErrors { field message code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) > 0 {
		t.Fatalf("reissueHealthCard: %+v", resp.Errors)
	}
	var d struct{ ReissueHealthCard appPayload }
	resp.Decode(t, &d)
	return d.ReissueHealthCard
}

func appTransition(t testing.TB, srv *apitest.Server, key, id, action, note string, extra map[string]any) appPayload {
	t.Helper()
	in := map[string]any{"applicationId": id, "action": action}
	if note != "" {
		in["note"] = note
	}
	for k, v := range extra {
		in[k] = v
	}
	resp := srv.Do(t, apitest.Request{Token: key, Query: `mutation($in: TransitionApplicationInput!) {
		transitionApplication(input: $in) { application { id status appointmentDate } userErrors { field message code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) > 0 {
		t.Fatalf("transitionApplication: %+v", resp.Errors)
	}
	var d struct{ TransitionApplication appPayload }
	resp.Decode(t, &d)
	return d.TransitionApplication
}

func appWantError(t testing.TB, p appPayload, code string, path ...string) {
	t.Helper()
	if p.Application != nil {
		t.Fatalf("want %s at %v, got application %s", code, path, p.Application.Code)
	}
	for _, ue := range p.UserErrors {
		if ue.Code == code && strings.Join(ue.Field, ".") == strings.Join(path, ".") {
			if ue.Message == "" {
				t.Fatalf("%s without a message", code)
			}
			return
		}
	}
	t.Fatalf("want %s at %v, got %+v", code, path, p.UserErrors)
}

// appCount counts rows of one of the applications package's tables.
func appCount(t testing.TB, srv *apitest.Server, table string) int {
	t.Helper()
	var n int
	if err := srv.DB.Get(&n, "SELECT count(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReissueInputFaults(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	hoa := srv.Register(t, appHoa)
	dung := srv.Register(t, appDung)
	addr := func(k, v string) map[string]any {
		d := appPostal()
		d["address"].(map[string]any)[k] = v
		return d
	}
	tests := []struct {
		name     string
		token    string
		si       string
		reason   string
		delivery map[string]any
		key      string
		code     string
		path     []string
	}{
		{"SI code empty", an, "", "LOST", appPostal(), "k", "REQUIRED", []string{"socialInsuranceCode"}},
		{"SI code malformed", an, "01234", "LOST", appPostal(), "k", "INVALID", []string{"socialInsuranceCode"}},
		{"someone else's SI code", an, appNgoc.SocialInsuranceCode, "LOST", appPostal(), "k", "NOT_YOUR_RECORD", []string{"socialInsuranceCode"}},
		{"no card on record", hoa, appHoa.SocialInsuranceCode, "LOST", appPostal(), "k", "NO_CARD_ON_RECORD", []string{"socialInsuranceCode"}},
		{"expired card", dung, appDung.SocialInsuranceCode, "DAMAGED", appPostal(), "k", "NO_CARD_ON_RECORD", []string{"socialInsuranceCode"}},
		{"ELECTRONIC not offered", an, appAn.SocialInsuranceCode, "LOST", map[string]any{"method": "ELECTRONIC"}, "k", "INVALID", []string{"delivery", "method"}},
		{"counter without office", an, appAn.SocialInsuranceCode, "LOST", map[string]any{"method": "COUNTER"}, "k", "REQUIRED", []string{"delivery", "officeCode"}},
		{"unknown office", an, appAn.SocialInsuranceCode, "LOST", map[string]any{"method": "COUNTER", "officeCode": "NOPE"}, "k", "INVALID", []string{"delivery", "officeCode"}},
		{"office of another agency", an, appAn.SocialInsuranceCode, "LOST", map[string]any{"method": "COUNTER", "officeCode": "THUE-01"}, "k", "INVALID", []string{"delivery", "officeCode"}},
		{"post without address", an, appAn.SocialInsuranceCode, "LOST", map[string]any{"method": "POSTAL"}, "k", "REQUIRED", []string{"delivery", "address"}},
		{"province empty", an, appAn.SocialInsuranceCode, "LOST", addr("provinceCode", ""), "k", "REQUIRED", []string{"delivery", "address", "provinceCode"}},
		{"unknown province", an, appAn.SocialInsuranceCode, "LOST", addr("provinceCode", "99"), "k", "INVALID", []string{"delivery", "address", "provinceCode"}},
		{"ward empty", an, appAn.SocialInsuranceCode, "LOST", addr("wardCode", ""), "k", "REQUIRED", []string{"delivery", "address", "wardCode"}},
		{"ward of another province", an, appAn.SocialInsuranceCode, "LOST", addr("wardCode", "25912"), "k", "INVALID", []string{"delivery", "address", "wardCode"}},
		{"street empty", an, appAn.SocialInsuranceCode, "LOST", addr("street", ""), "k", "REQUIRED", []string{"delivery", "address", "street"}},
		{"street with NUL", an, appAn.SocialInsuranceCode, "LOST", addr("street", "12\x00Đội Cấn"), "k", "INVALID", []string{"delivery", "address", "street"}},
		{"street of 10 KB", an, appAn.SocialInsuranceCode, "LOST", addr("street", strings.Repeat("đ", 5000)), "k", "INVALID", []string{"delivery", "address", "street"}},
		{"recipient empty", an, appAn.SocialInsuranceCode, "LOST", addr("recipientName", ""), "k", "REQUIRED", []string{"delivery", "address", "recipientName"}},
		{"recipient phone empty", an, appAn.SocialInsuranceCode, "LOST", addr("recipientPhone", ""), "k", "REQUIRED", []string{"delivery", "address", "recipientPhone"}},
		{"recipient phone a landline", an, appAn.SocialInsuranceCode, "LOST", addr("recipientPhone", "02438234567"), "k", "INVALID", []string{"delivery", "address", "recipientPhone"}},
		{"idempotency key empty", an, appAn.SocialInsuranceCode, "LOST", appPostal(), "", "REQUIRED", []string{"idempotencyKey"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := appCount(t, srv, "applications") + appCount(t, srv, "application_events")
			p := appReissue(t, srv, tt.token, appReissueInput(t, srv, tt.si, tt.reason, tt.delivery, tt.key))
			appWantError(t, p, tt.code, tt.path...)
			if after := appCount(t, srv, "applications") + appCount(t, srv, "application_events"); after != before {
				t.Fatalf("rows written: %d -> %d", before, after)
			}
		})
	}
	// A wrong captcha, and an unknown reason (a GraphQL enum: refused by validation).
	in := appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "k")
	in["captcha"] = map[string]any{"id": strings.Repeat("0", 32), "answer": "000000"} // never issued
	appWantError(t, appReissue(t, srv, an, in), "INVALID_CAPTCHA", "captcha", "answer")
	// Not the shape of a challenge ID: refused at the ID, as every captcha
	// input is (captcha.Answer's one rule).
	in = appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "k")
	in["captcha"] = map[string]any{"id": "nope", "answer": "000000"}
	appWantError(t, appReissue(t, srv, an, in), "INVALID", "captcha", "id")
	in = appReissueInput(t, srv, appAn.SocialInsuranceCode, "STOLEN", appPostal(), "k")
	resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: ReissueHealthCardInput!) { reissueHealthCard(input: $in) { userErrors { code } } }`,
		Variables: map[string]any{"in": in}})
	if len(resp.Errors) == 0 || resp.Status >= 500 {
		t.Fatalf("unknown reason: status %d errors %+v", resp.Status, resp.Errors)
	}
	if n := appCount(t, srv, "applications"); n != 0 {
		t.Fatalf("%d applications after refusals", n)
	}
}

func TestSubmitApplicationRouting(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	submit := func(service, caseCode string, form map[string]any, delivery map[string]any, key string) appPayload {
		t.Helper()
		resp := srv.Do(t, apitest.Request{Token: an, Query: `mutation($in: SubmitApplicationInput!) {
			submitApplication(input: $in) { application { ` + appFields + ` } userErrors { field message code } } }`,
			Variables: map[string]any{"in": map[string]any{"serviceCode": service, "caseCode": caseCode, "formData": form,
				"delivery": delivery, "captcha": srv.Captcha(t).Input(), "idempotencyKey": key}}})
		if len(resp.Errors) > 0 {
			t.Fatalf("submitApplication: %+v", resp.Errors)
		}
		var d struct{ SubmitApplication appPayload }
		resp.Decode(t, &d)
		return d.SubmitApplication
	}
	form := map[string]any{"socialInsuranceCode": appAn.SocialInsuranceCode, "reason": "LOST"}
	appWantError(t, submit("NO-SUCH-SERVICE", "LOST", form, appPostal(), "k"), "INVALID", "serviceCode")
	appWantError(t, submit("HC-REISSUE", "STOLEN", form, appPostal(), "k"), "INVALID", "caseCode")
	appWantError(t, submit("HC-REISSUE", "LOST", map[string]any{"reason": "LOST"}, appPostal(), "k"), "REQUIRED", "formData", "socialInsuranceCode")
	appWantError(t, submit("HC-REISSUE", "LOST", map[string]any{"socialInsuranceCode": appAn.SocialInsuranceCode, "reason": "LOST", "x": 1}, appPostal(), "k"), "INVALID", "formData", "x")

	// A published service whose channels do not include ONLINE.
	bhxh := srv.AgencyKey(t, "BHXH")
	appPublish(t, srv, bhxh, "BHXH-COUNTER-ONLY", []map[string]any{
		{"channel": "COUNTER", "processingTime": map[string]any{"value": 3, "unit": "WORKING_DAY"}, "fees": []any{}}},
		map[string]any{"kind": "BUILTIN", "name": "form"})
	appWantError(t, submit("BHXH-COUNTER-ONLY", "DEFAULT", map[string]any{"note": "x"}, map[string]any{"method": "COUNTER", "officeCode": "BHXH-01"}, "k"),
		"SERVICE_NOT_AVAILABLE", "serviceCode")

	// A service that pays an obligation (the seed's TAX-PAYMENT, catalogue
	// data): no application, even for a valid form; the citizen pays it
	// through findObligations and createPayment.
	appWantError(t, submit("TAX-PAYMENT", "INDIVIDUAL", map[string]any{"taxCode": "0101234567"}, map[string]any{"method": "ELECTRONIC"}, "k"),
		"SERVICE_NOT_AVAILABLE", "serviceCode")
	if n := appCount(t, srv, "applications"); n != 0 {
		t.Fatalf("%d applications after refusals", n)
	}

	// The same request through submitApplication and the typed mutation.
	p := submit("HC-REISSUE", "LOST", form, appPostal(), "same")
	if p.Application == nil {
		t.Fatalf("submit: %+v", p.UserErrors)
	}
	again := appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "same"))
	if again.Application == nil || again.Application.ID != p.Application.ID {
		t.Fatalf("typed replay of the same key: %+v", again)
	}
	appWantError(t, appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "DAMAGED", appPostal(), "same")), "IDEMPOTENCY_KEY_REUSED", "idempotencyKey")
	appWantError(t, appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "DAMAGED", appPostal(), "other")), "DUPLICATE_APPLICATION", "socialInsuranceCode")
}

// appPublish publishes a one-case service of the key's agency through the API.
func appPublish(t testing.TB, srv *apitest.Server, key, code string, channels []map[string]any, handler map[string]any) {
	t.Helper()
	resp := srv.Do(t, apitest.Request{Token: key, Query: `mutation($in: UpsertServiceDraftInput!) {
		upsertServiceDraft(input: $in) { service { code } userErrors { field code message } } }`,
		Variables: map[string]any{"in": map[string]any{
			"code": code, "categoryCode": "BAO-HIEM-Y-TE",
			"name":        map[string]any{"vi": "Dịch vụ thử nghiệm " + code, "en": "Test service " + code},
			"summary":     map[string]any{"vi": "Thử nghiệm", "en": "Test"},
			"description": map[string]any{"vi": "Dịch vụ dùng cho kiểm thử.", "en": "A service for tests."},
			"onlineLevel": "FULL", "channels": channels,
			"cases":           []any{map[string]any{"code": "DEFAULT", "name": map[string]any{"vi": "Mặc định", "en": "Default"}, "documents": []any{}}},
			"deliveryMethods": []any{"COUNTER", "ELECTRONIC"},
			"legalBasis":      []any{"Thông tư thử nghiệm"},
			"form": map[string]any{"fields": []any{map[string]any{"name": "note", "label": map[string]any{"vi": "Ghi chú", "en": "Note"},
				"type": "TEXT", "required": true}}},
			"handler": handler,
		}}})
	if len(resp.Errors) > 0 {
		t.Fatalf("upsertServiceDraft: %+v", resp.Errors)
	}
	var up struct {
		UpsertServiceDraft struct{ UserErrors []appUserError }
	}
	resp.Decode(t, &up)
	if len(up.UpsertServiceDraft.UserErrors) > 0 {
		t.Fatalf("upsertServiceDraft: %+v", up.UpsertServiceDraft.UserErrors)
	}
	resp = srv.Do(t, apitest.Request{Token: key, Query: `mutation($in: PublishServiceInput!) {
		publishService(input: $in) { service { code version } userErrors { field code message } } }`,
		Variables: map[string]any{"in": map[string]any{"code": code}}})
	var pub struct {
		PublishService struct{ UserErrors []appUserError }
	}
	resp.Decode(t, &pub)
	if len(resp.Errors) > 0 || len(pub.PublishService.UserErrors) > 0 {
		t.Fatalf("publishService: %+v %+v", resp.Errors, pub.PublishService.UserErrors)
	}
}

func TestTwentyConcurrentReissuesWithOneKey(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	const n = 20
	inputs := make([]map[string]any, n)
	for i := range inputs {
		inputs[i] = appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "twenty")
	}
	results := make([]appPayload, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i] = appReissue(t, srv, an, inputs[i])
		}()
	}
	close(start)
	wg.Wait()
	for i, r := range results {
		if r.Application == nil || r.Application.ID != results[0].Application.ID {
			t.Fatalf("submission %d: %+v", i, r)
		}
	}
	if a, e := appCount(t, srv, "applications"), appCount(t, srv, "application_events"); a != 1 || e != 1 {
		t.Fatalf("%d applications, %d events; want exactly one", a, e)
	}
}

// TestAuthorisationOnEveryPath: a second citizen and a second agency reach
// nothing of an application, by any path; the owner and the routed agency do.
func TestAuthorisationOnEveryPath(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	ngoc := srv.Register(t, appNgoc)
	bhxh := srv.AgencyKey(t, "BHXH")
	thue := srv.AgencyKey(t, "THUE")
	p := appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "k"))
	if p.Application == nil {
		t.Fatalf("reissue: %+v", p.UserErrors)
	}
	id, code := p.Application.ID, p.Application.Code
	type seen struct{ node, nodes, entities, list bool }
	look := func(token string) seen {
		var s seen
		resp := srv.Do(t, apitest.Request{Token: token, Query: `query($id: ID!) {
			node(id: $id) { ... on Application { code } }
			nodes(ids: [$id]) { ... on Application { code } }
			_entities(representations: [{__typename: "Application", id: $id}]) { ... on Application { code } } }`,
			Variables: map[string]any{"id": id}})
		var d struct {
			Node     *struct{ Code string }
			Nodes    []*struct{ Code string }
			Entities []*struct{ Code string } `json:"_entities"`
		}
		resp.Decode(t, &d)
		s.node = d.Node != nil && d.Node.Code == code
		s.nodes = len(d.Nodes) == 1 && d.Nodes[0] != nil && d.Nodes[0].Code == code
		s.entities = len(d.Entities) == 1 && d.Entities[0] != nil && d.Entities[0].Code == code
		return s
	}
	listed := func(token string, agency bool) bool {
		q := `{ viewer { applications(first: 50) { totalCount edges { node { code } } } } }`
		if agency {
			q = `{ agencyApplications(first: 50) { totalCount edges { node { code } } } }`
		}
		resp := srv.Do(t, apitest.Request{Token: token, Query: q})
		return strings.Contains(string(resp.Data), code)
	}
	for _, tt := range []struct {
		name   string
		token  string
		agency bool
		want   bool
	}{
		{"owner", an, false, true},
		{"routed agency", bhxh, true, true},
		{"another citizen", ngoc, false, false},
		{"another agency", thue, true, false},
		{"anonymous", "", false, false},
	} {
		s := look(tt.token)
		if s != (seen{tt.want, tt.want, tt.want, false}) {
			t.Errorf("%s: node/nodes/_entities = %+v, want %v", tt.name, s, tt.want)
		}
		if tt.token != "" && listed(tt.token, tt.agency) != tt.want {
			t.Errorf("%s: listed = %v, want %v", tt.name, !tt.want, tt.want)
		}
	}
	// Moving it: another agency's key and another citizen are refused like
	// an unknown ID, and nothing changes.
	appWantError(t, appTransition(t, srv, thue, id, "RECEIVE", "", nil), "INVALID", "applicationId")
	resp := srv.Do(t, apitest.Request{Token: ngoc, Query: `mutation($id: ID!) { cancelApplication(input: {applicationId: $id}) { application { id } userErrors { field code } } }`,
		Variables: map[string]any{"id": id}})
	if !strings.Contains(string(resp.Data), `"applicationId"`) {
		t.Fatalf("another citizen cancelling: %s %+v", resp.Data, resp.Errors)
	}
	// A citizen token cannot use the agency side, nor an agency key the citizen side.
	resp = srv.Do(t, apitest.Request{Token: an, Query: `{ agencyApplications { totalCount } }`})
	if len(resp.Errors) == 0 {
		t.Fatal("a citizen read an agency inbox")
	}
	resp = srv.Do(t, apitest.Request{Token: an, Query: `mutation($id: ID!) { transitionApplication(input: {applicationId: $id, action: RECEIVE}) { application { id } } }`,
		Variables: map[string]any{"id": id}})
	if len(resp.Errors) == 0 {
		t.Fatal("a citizen moved an application")
	}
	// Tracking: both the code and the ID number, else null.
	track := func(code, idNumber string) bool {
		resp := srv.Do(t, apitest.Request{Query: `query($c: String!, $i: String!) { trackApplication(code: $c, idNumber: $i) { code status } }`,
			Variables: map[string]any{"c": code, "i": idNumber}})
		return strings.Contains(string(resp.Data), code)
	}
	if !track(code, appAn.IDNumber) || track(code, appNgoc.IDNumber) || track("BHXH-20260101-000001", appAn.IDNumber) {
		t.Fatal("tracking answers for the wrong pair")
	}
	if got := appTransition(t, srv, bhxh, id, "RECEIVE", "", nil); got.Application == nil || got.Application.Status != "RECEIVED" {
		t.Fatalf("the routed agency could not move it: %+v", got)
	}
}

func TestInvalidTransition(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	an := srv.Register(t, appAn)
	bhxh := srv.AgencyKey(t, "BHXH")
	p := appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "k"))
	if p.Application == nil {
		t.Fatalf("reissue: %+v", p.UserErrors)
	}
	before := appCount(t, srv, "application_events")
	appWantError(t, appTransition(t, srv, bhxh, p.Application.ID, "COMPLETE", "", nil), "INVALID_TRANSITION", "action")
	appWantError(t, appTransition(t, srv, bhxh, p.Application.ID, "REJECT", "", nil), "REQUIRED", "note")
	appWantError(t, appTransition(t, srv, bhxh, p.Application.ID, "RESCHEDULE", "quá tải", map[string]any{"newAppointmentDate": "2020-01-01"}), "INVALID", "newAppointmentDate")
	appWantError(t, appTransition(t, srv, bhxh, "garbage", "RECEIVE", "", nil), "INVALID", "applicationId")
	if after := appCount(t, srv, "application_events"); after != before {
		t.Fatalf("events %d -> %d", before, after)
	}
}

// smsGateway is a fake SMS gateway speaking notify's HTTP protocol: while
// down it answers 503, and it records what it accepted.
type smsGateway struct {
	mu       sync.Mutex
	down     bool
	refused  int
	accepted []apitest.SMS
}

func (g *smsGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m apitest.SMS
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.down {
		g.refused++
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	g.accepted = append(g.accepted, m)
	w.WriteHeader(http.StatusOK)
}

func (g *smsGateway) sent() []apitest.SMS {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]apitest.SMS(nil), g.accepted...)
}

func (g *smsGateway) set(down bool) (refused int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.down = down
	return g.refused
}

// TestSMSProviderDownDuringSubmission: the application is accepted while the
// gateway is down; its SMS arrives once the gateway recovers.
func TestSMSProviderDownDuringSubmission(t *testing.T) {
	t.Parallel()
	gw := &smsGateway{}
	gsrv := httptest.NewServer(gw)
	defer gsrv.Close()
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.SMSProvider, c.SMSHTTPURL, c.SMSHTTPToken = "http", gsrv.URL, "test-token"
	}))
	an := srv.RegisterVia(t, apitest.NewInbox(func(testing.TB) []apitest.SMS { return gw.sent() }), appAn)

	gw.set(true)
	p := appReissue(t, srv, an, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "sms-down"))
	if p.Application == nil {
		t.Fatalf("reissue while the SMS gateway is down: %+v", p.UserErrors)
	}
	deadline := time.Now().Add(20 * time.Second)
	for gw.set(true) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the SMS was never attempted")
		}
		time.Sleep(50 * time.Millisecond)
	}
	gw.set(false)
	for {
		for _, m := range gw.sent() {
			if m.To == appAn.Phone && strings.Contains(m.Text, p.Application.Code) {
				return
			}
		}
		if time.Now().After(deadline.Add(20 * time.Second)) {
			t.Fatal("the SMS did not arrive after the gateway recovered")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// BenchmarkSubmitReissue measures reissueHealthCard end to end through HTTP
// (session, captcha check, registry lookup, delivery checks, one
// transaction with the application, its event and its SMS job). Between
// submissions, untimed, the application is cancelled (one open reissue per
// card), the rate-limit counters are reset and a captcha is fetched.
func BenchmarkSubmitReissue(b *testing.B) {
	srv := apitest.New(b)
	an := srv.Register(b, appAn)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := srv.DB.Exec(`DELETE FROM rate_limits`); err != nil {
			b.Fatal(err)
		}
		in := appReissueInput(b, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), fmt.Sprintf("bench-%d", i))
		b.StartTimer()
		p := appReissue(b, srv, an, in)
		b.StopTimer()
		if p.Application == nil {
			b.Fatalf("submission %d: %+v", i, p.UserErrors)
		}
		resp := srv.Do(b, apitest.Request{Token: an, Query: `mutation($id: ID!) { cancelApplication(input: {applicationId: $id}) { userErrors { code } } }`,
			Variables: map[string]any{"id": p.Application.ID}})
		if len(resp.Errors) > 0 || strings.Contains(string(resp.Data), "code") {
			b.Fatalf("cancel: %s %+v", resp.Data, resp.Errors)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
}
