package webapp

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func serve(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestServesTheBuiltApp(t *testing.T) {
	t.Parallel()
	js := "console.log(1);" + strings.Repeat(" ", 4096)
	h, err := newHandler(fstest.MapFS{
		"dist/index.html":          {Data: []byte(`<!doctype html><script type="module" src="/assets/index-abc.js"></script>`)},
		"dist/assets/index-abc.js": {Data: []byte(js)},
		"dist/favicon.svg":         {Data: []byte(`<svg/>`)},
		"dist/.gitkeep":            {Data: nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path string
		status             int
		contentType, cache string
		csp                bool
	}{
		{"root", "GET", "/", 200, "text/html; charset=utf-8", "no-cache", true},
		{"client route", "GET", "/services/HC-REISSUE/apply", 200, "text/html; charset=utf-8", "no-cache", true},
		{"client route with query", "GET", "/login?next=%2Fapplications", 200, "text/html; charset=utf-8", "no-cache", true},
		{"index by name", "GET", "/index.html", 200, "text/html; charset=utf-8", "no-cache", true},
		{"hashed asset", "GET", "/assets/index-abc.js", 200, "text/javascript; charset=utf-8", immutable, false},
		{"head", "HEAD", "/assets/index-abc.js", 200, "text/javascript; charset=utf-8", immutable, false},
		{"root file", "GET", "/favicon.svg", 200, "image/svg+xml", "public, max-age=3600", false},
		{"missing asset", "GET", "/assets/nope.js", 404, "", "", false},
		{"missing file", "GET", "/nope.png", 404, "", "", false},
		{"dot file", "GET", "/.gitkeep", 404, "", "", false},
		{"traversal", "GET", "/assets/../../webapp.go", 404, "", "", false},
		{"post", "POST", "/", 405, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(t, h, tt.method, tt.path, nil)
			if rec.Code != tt.status {
				t.Fatalf("%s %s: status %d, want %d", tt.method, tt.path, rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type %q, want %q", got, tt.contentType)
			}
			if got := rec.Header().Get("Cache-Control"); got != tt.cache {
				t.Errorf("Cache-Control %q, want %q", got, tt.cache)
			}
			if got := rec.Header().Get("Content-Security-Policy"); (got == CSP) != tt.csp {
				t.Errorf("Content-Security-Policy %q, want it: %v", got, tt.csp)
			}
		})
	}
	// The CSP allows no inline script and nothing from elsewhere.
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(CSP, bad) {
			t.Errorf("CSP contains %q: %s", bad, CSP)
		}
	}
	// Gzip when accepted, identity otherwise.
	if rec := serve(t, h, "GET", "/assets/index-abc.js", map[string]string{"Accept-Encoding": "gzip"}); rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() >= len(js) {
		t.Errorf("gzip: Content-Encoding %q, %d bytes of %d", rec.Header().Get("Content-Encoding"), rec.Body.Len(), len(js))
	}
	if rec := serve(t, h, "GET", "/assets/index-abc.js", nil); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != js {
		t.Errorf("identity: Content-Encoding %q, %d bytes", rec.Header().Get("Content-Encoding"), rec.Body.Len())
	}
}

func TestPlaceholderWhenNotBuilt(t *testing.T) {
	t.Parallel()
	h, err := newHandler(fstest.MapFS{"dist/.gitkeep": {Data: nil}})
	if err != nil {
		t.Fatal(err)
	}
	rec := serve(t, h, "GET", "/", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "make run") || !strings.Contains(rec.Body.String(), "/graphiql") {
		t.Fatalf("placeholder: %d %q", rec.Code, rec.Body.String())
	}
}
