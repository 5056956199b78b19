package e2e_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

func TestProvincesQuery(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	var data struct {
		Provinces []struct {
			Code  string
			Name  string
			Wards []struct{ Code string }
		}
	}
	srv.Do(t, apitest.Request{Query: `{ provinces { code name wards { code } } }`}).MustOK(t).Decode(t, &data)
	if len(data.Provinces) != 34 {
		t.Fatalf("provinces = %d, want 34", len(data.Provinces))
	}
	wards := 0
	for _, p := range data.Provinces {
		wards += len(p.Wards)
	}
	if wards != 3321 {
		t.Fatalf("wards = %d, want 3321", wards)
	}
	if data.Provinces[0].Name != "Thành phố Hà Nội" {
		t.Fatalf("vi name = %q", data.Provinces[0].Name)
	}
	srv.Do(t, apitest.Request{Query: `{ provinces { name } }`, Headers: map[string]string{"Accept-Language": "en"}}).MustOK(t).Decode(t, &data)
	if data.Provinces[0].Name != "Hanoi City" {
		t.Fatalf("en name = %q", data.Provinces[0].Name)
	}
}

func post(t *testing.T, srv *apitest.Server, contentType string, body []byte, headers ...string) *apitest.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return srv.Send(t, req)
}

func TestTransportErrors(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		code        string
	}{
		{"malformed json", "application/json", `{"query": "{ provinces { code } }"`, 400, "BAD_USER_INPUT"},
		{"wrong content type", "text/plain", `{"query":"{ provinces { code } }"}`, 415, "BAD_USER_INPUT"},
		{"no content type", "", `{"query":"{ provinces { code } }"}`, 415, "BAD_USER_INPUT"},
		{"array batching", "application/json", `[{"query":"{ provinces { code } }"},{"query":"{ provinces { code } }"}]`, 400, "BAD_USER_INPUT"},
		{"empty body", "application/json", ``, 400, "BAD_USER_INPUT"},
		{"query is not a string", "application/json", `{"query": 5}`, 400, "BAD_USER_INPUT"},
		{"syntax error", "application/json", `{"query":"{ provinces { code "}`, 200, "BAD_USER_INPUT"},
		{"unknown field", "application/json", `{"query":"{ nope }"}`, 200, "BAD_USER_INPUT"},
		{"unknown operation name", "application/json", `{"query":"query A { provinces { code } }","operationName":"B"}`, 200, "BAD_USER_INPUT"},
		{"no query", "application/json", `{}`, 200, "BAD_USER_INPUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := post(t, srv, tt.contentType, []byte(tt.body))
			if resp.Status != tt.status {
				t.Fatalf("status = %d, want %d: %s", resp.Status, tt.status, resp.Body)
			}
			if len(resp.Errors) == 0 || resp.Errors[0].Code() != tt.code {
				t.Fatalf("errors = %v, want code %s", resp.Errors, tt.code)
			}
			if strings.Contains(resp.Errors[0].Message, "provinces") && tt.name == "query is not a string" {
				t.Fatalf("the error echoes the request body: %s", resp.Errors[0].Message)
			}
		})
	}
}

func TestGraphQLResponseJSONStatus(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	resp := post(t, srv, "application/json", []byte(`{"query":"{ nope }"}`), "Accept", "application/graphql-response+json")
	if resp.Status != 400 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/graphql-response+json") {
		t.Fatalf("validation failure with graphql-response+json: %d %s", resp.Status, resp.Header.Get("Content-Type"))
	}
}

func TestGETQueryAndMutationRefused(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	q := url.Values{"query": {"{ provinces { code } }"}}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+q.Encode(), nil)
	if resp := srv.Send(t, req); resp.Status != 200 || len(resp.Errors) > 0 {
		t.Fatalf("GET query: %s", resp)
	}
	q = url.Values{"query": {"mutation { ping }"}}
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/graphql?"+q.Encode(), nil)
	if resp := srv.Send(t, req); resp.Status == 200 && len(resp.Errors) == 0 {
		t.Fatalf("GET must not run a mutation: %s", resp)
	}
	req, _ = http.NewRequest(http.MethodPut, srv.URL+"/graphql", nil)
	if resp := srv.Send(t, req); resp.Status != 405 {
		t.Fatalf("PUT: %s", resp)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := 0; i < 16; i++ {
		aliases.WriteString("a" + string(rune('a'+i)) + ": provinces { code } ")
	}
	aliases.WriteString("}")
	tests := []struct {
		name  string
		query string
	}{
		{"16 aliases of one field", aliases.String()},
		{"31 root fields", "{ " + rootFields(31) + "}"},
		{"complexity: 10 pages of 100 services", "{ " + strings.Repeat(`s: services(first: 100) { edges { node { code name agency { code name } category { code name } channels { channel } } } } `, 1) + pages(10) + "}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := srv.Do(t, apitest.Request{Query: tt.query})
			if len(resp.Errors) == 0 || resp.Errors[0].Code() != "QUERY_TOO_COMPLEX" {
				t.Fatalf("want QUERY_TOO_COMPLEX, got %s", resp)
			}
			if len(resp.Data) > 0 && string(resp.Data) != "null" {
				t.Fatalf("a refused query returned data: %s", resp.Data)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	big := append([]byte(`{"query":"{ provinces { code } }","variables":{"x":"`), bytes.Repeat([]byte("a"), 10<<20)...)
	big = append(big, []byte(`"}}`)...)
	resp := post(t, srv, "application/json", big)
	if resp.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("10 MiB body: status %d", resp.Status)
	}
	tokens := `{"query":"{ ` + strings.Repeat("provinces { code } ", 5000) + `}"}`
	resp = post(t, srv, "application/json", []byte(tokens))
	if len(resp.Errors) == 0 {
		t.Fatalf("5,000 repeated fields accepted: %d", resp.Status)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := srv.Client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s = %d", path, resp.StatusCode)
		}
	}
	srv.Do(t, apitest.Request{Query: `query Provinces { provinces { code } }`, OperationName: "Provinces"}).MustOK(t)
	resp, err := srv.Client.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	for _, want := range []string{`dvcportal_graphql_operations_total{operation="Provinces",outcome="ok",type="query"}`, "go_sql_max_open_connections", "dvcportal_http_requests_total"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestNodeWithGarbageIDIsNull(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	for _, id := range []string{"garbage", "", "VW5rbm93bjox", strings.Repeat("A", 5000)} {
		var data struct{ Node any }
		srv.Do(t, apitest.Request{Query: `query($id: ID!) { node(id: $id) { id } }`, Variables: map[string]any{"id": id}}).MustOK(t).Decode(t, &data)
		if data.Node != nil {
			t.Fatalf("node(%q) = %v, want null", id, data.Node)
		}
	}
}

func rootFields(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		field := []string{`province(code: "01") { code }`, "provinces { code }", "nodes(ids: []) { id }"}[i%3]
		b.WriteString("f" + strconv.Itoa(i) + ": " + field + " ")
	}
	return b.String()
}

func pages(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("p" + strconv.Itoa(i) + `: services(first: 100, after: null) { edges { node { code name agency { code name } category { code name } } } } `)
	}
	return b.String()
}
