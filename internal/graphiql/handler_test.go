package graphiql_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/graphiql"
)

// get fetches target with the given extra headers, without the client's
// transparent gzip handling so encodings are seen as sent.
func get(t *testing.T, target string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatalf("new request %s: %v", target, err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", target, err)
	}
	return resp, body
}

var refPattern = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

func TestPageAndAssetsAreServedOffline(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("dvcportal <API>", "/graphql"))
	defer srv.Close()

	resp, html := get(t, srv.URL+"/graphiql", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /graphiql: status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET /graphiql: Content-Type %q", ct)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("GET /graphiql: Content-Security-Policy %q", csp)
	}
	if resp.Header.Get("ETag") == "" {
		t.Error("GET /graphiql: no ETag")
	}
	for _, scheme := range []string{"http://", "https://", "//"} {
		if bytes.Contains(html, []byte(`"`+scheme)) || bytes.Contains(html, []byte(scheme)) {
			t.Errorf("page references an external URL (%s):\n%s", scheme, html)
		}
	}
	if !bytes.Contains(html, []byte(`<title>dvcportal &lt;API&gt;</title>`)) {
		t.Errorf("page title not escaped as expected:\n%s", html)
	}
	if !bytes.Contains(html, []byte(`data-endpoint="/graphql"`)) {
		t.Errorf("page does not name the endpoint:\n%s", html)
	}

	base, err := url.Parse(srv.URL + "/graphiql")
	if err != nil {
		t.Fatal(err)
	}
	refs := refPattern.FindAllSubmatch(html, -1)
	wantTypes := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	seen := 0
	for _, m := range refs {
		ref := string(m[1])
		if strings.HasPrefix(ref, "data:") {
			continue
		}
		seen++
		u, err := base.Parse(ref)
		if err != nil {
			t.Fatalf("asset reference %q: %v", ref, err)
		}
		if !strings.HasPrefix(u.Path, "/graphiql/") {
			t.Errorf("asset %q is not under /graphiql/", ref)
		}
		resp, body := get(t, u.String(), map[string]string{"Accept-Encoding": "identity"})
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", ref, resp.StatusCode)
			continue
		}
		if got, want := resp.Header.Get("Content-Type"), wantTypes[path.Ext(u.Path)]; got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", ref, got, want)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("GET %s: Cache-Control %q", ref, cc)
		}
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("GET %s: Content-Encoding %q without gzip accepted", ref, resp.Header.Get("Content-Encoding"))
		}
		want, err := os.ReadFile("assets/" + path.Base(u.Path))
		if err != nil {
			t.Fatalf("read %s: %v", u.Path, err)
		}
		if !bytes.Equal(body, want) {
			t.Errorf("GET %s: body differs from assets/%s", ref, path.Base(u.Path))
		}
		if path.Ext(u.Path) == ".css" && regexp.MustCompile(`url\(\s*['"]?(https?:)?//`).Match(body) {
			t.Errorf("stylesheet %s loads something from another host", ref)
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s: no ETag", ref)
			continue
		}
		again, _ := get(t, u.String(), map[string]string{"Accept-Encoding": "identity", "If-None-Match": etag})
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match: status %d, want 304", ref, again.StatusCode)
		}
	}
	if seen != 8 {
		t.Errorf("page references %d assets, want 8 (3 stylesheets, 5 scripts)", seen)
	}
}

func TestAssetsAreGzippedWhenAccepted(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("t", "/graphql"))
	defer srv.Close()

	resp, body := get(t, srv.URL+"/graphiql/graphiql.min.js", map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("gzip reader: %v", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	want, err := os.ReadFile("assets/graphiql.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, want) {
		t.Error("gunzipped body differs from the asset")
	}
	if len(body) >= len(want)/2 {
		t.Errorf("gzip body %d bytes for %d plain", len(body), len(want))
	}
	identity, _ := get(t, srv.URL+"/graphiql/graphiql.min.js", map[string]string{"Accept-Encoding": "identity"})
	if resp.Header.Get("ETag") == identity.Header.Get("ETag") {
		t.Error("gzip and identity encodings share an ETag")
	}
}

func TestInitScriptPostsJSONToTheEndpoint(t *testing.T) {
	src, err := os.ReadFile("assets/init.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"getAttribute('data-endpoint')",
		"method: 'POST'",
		"'Content-Type': 'application/json'",
		"JSON.stringify(params)",
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("init.js lacks %q", want)
		}
	}
	if bytes.Contains(src, []byte("Accept-Language")) && !bytes.Contains(src, []byte("e.g. Authorization, Accept-Language")) {
		t.Error("init.js sets Accept-Language itself; the browser or the header editor should")
	}
}

func TestRoutesAndMethods(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("t", "/graphql"))
	defer srv.Close()

	tests := []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/graphiql", http.StatusOK},
		{http.MethodHead, "/graphiql", http.StatusOK},
		{http.MethodHead, "/graphiql/init.js", http.StatusOK},
		{http.MethodPost, "/graphiql", http.StatusMethodNotAllowed},
		{http.MethodDelete, "/graphiql/init.js", http.StatusMethodNotAllowed},
		{http.MethodGet, "/", http.StatusNotFound},
		{http.MethodGet, "/index.html", http.StatusNotFound},
		{http.MethodGet, "/graphiql/", http.StatusNotFound},
		{http.MethodGet, "/graphiql/nope.js", http.StatusNotFound},
		{http.MethodGet, "/graphiql/../doc.go", http.StatusNotFound},
		{http.MethodGet, "/graphiql/README.md", http.StatusNotFound},
		{http.MethodGet, "/graphiql/licenses/react.LICENSE", http.StatusNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.Opaque = tc.path // keep ".." as sent
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
}

func TestEndpointShapesTheConnectPolicy(t *testing.T) {
	tests := []struct {
		endpoint    string
		wantConnect string
		wantPanic   bool
	}{
		{endpoint: "/graphql", wantConnect: "connect-src 'self';"},
		{endpoint: "https://api.example.test/graphql", wantConnect: "connect-src 'self' https://api.example.test;"},
		{endpoint: "ftp://example.test/graphql", wantPanic: true},
		{endpoint: "javascript:alert(1)", wantPanic: true},
	}
	for _, tc := range tests {
		t.Run(tc.endpoint, func(t *testing.T) {
			defer func() {
				if r := recover(); (r != nil) != tc.wantPanic {
					t.Fatalf("panic %v, want panic %v", r, tc.wantPanic)
				}
			}()
			h := graphiql.Handler("t", tc.endpoint)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graphiql", nil))
			if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, tc.wantConnect) {
				t.Errorf("Content-Security-Policy %q lacks %q", csp, tc.wantConnect)
			}
		})
	}
}
