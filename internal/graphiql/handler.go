package graphiql

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// assetCacheControl lets browsers and proxies keep an asset for a year: the
// page names every asset with a version derived from its content.
// PagePath is where the page is served (the portal front end owns "/").
const PagePath = "/graphiql"

const assetCacheControl = "public, max-age=31536000, immutable"

// handler serves the page at "/graphiql" and the assets under "/graphiql/".
type handler struct {
	page   *page
	assets map[string]*asset
}

// Handler returns the GraphiQL page titled title, sending queries to
// endpoint (a path such as "/graphql", or an absolute http(s) URL), at
// PagePath and its assets under "/graphiql/"; any other path is 404. Mount it
// at PagePath and at PagePath+"/".
//
// It panics if endpoint is not a path or an http(s) URL, or if the embedded
// assets cannot be read (only a broken build causes that): both are
// programming errors found at start-up, never caused by a request.
func Handler(title, endpoint string) http.Handler {
	assets, err := sharedAssets()
	if err != nil {
		panic(fmt.Sprintf("graphiql: %v", err))
	}
	p, err := renderPage(title, endpoint, assets)
	if err != nil {
		panic(fmt.Sprintf("graphiql: %v", err))
	}
	return &handler{page: p, assets: assets}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch {
	case r.URL.Path == PagePath:
		h.servePage(w, r)
	case strings.HasPrefix(r.URL.Path, "/"+assetPrefix):
		h.serveAsset(w, r, strings.TrimPrefix(r.URL.Path, "/"+assetPrefix))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", h.page.etag)
	hdr.Set("Content-Security-Policy", h.page.csp)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.page.body))
}

func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, ok := h.assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", a.contentType)
	hdr.Set("Cache-Control", assetCacheControl)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if AcceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, etag = a.gzipped(), strings.TrimSuffix(a.etag, `"`)+`-gz"`
		hdr.Set("Content-Encoding", "gzip")
	}
	hdr.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// AcceptsGzip reports whether an Accept-Encoding header value admits gzip
// (internal/webapp uses it too).
func AcceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					q = 0
				} else {
					q = f
				}
			}
		}
		if q > 0 {
			return true
		}
	}
	return false
}
