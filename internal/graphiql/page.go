package graphiql

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

//go:embed page.html.tmpl
var pageSource string

var pageTemplate = template.Must(template.New("page").Parse(pageSource))

// pageData is what page.html.tmpl renders.
type pageData struct {
	Title    string
	Endpoint string
	Assets   map[string]string // file name → URL relative to the page, with a cache-busting version
}

// page is the rendered HTML page with its validators and headers.
type page struct {
	body []byte
	etag string
	csp  string
}

// renderPage renders the HTML page once for a handler.
func renderPage(title, endpoint string, assets map[string]*asset) (*page, error) {
	urls := make(map[string]string, len(assets))
	for name, a := range assets {
		urls[name] = assetPrefix + name + "?v=" + a.version
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, pageData{Title: title, Endpoint: endpoint, Assets: urls}); err != nil {
		return nil, fmt.Errorf("render graphiql page: %w", err)
	}
	csp, err := contentSecurityPolicy(endpoint)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	return &page{body: buf.Bytes(), etag: `"` + hex.EncodeToString(sum[:16]) + `"`, csp: csp}, nil
}

// contentSecurityPolicy allows scripts, styles and fonts from the server
// only (fonts and icons also as data: URIs, as GraphiQL inlines them) and
// requests to the server or, when the endpoint is absolute, to its origin.
// GraphiQL's editors set inline styles, hence 'unsafe-inline' for styles.
func contentSecurityPolicy(endpoint string) (string, error) {
	connect := "'self'"
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", fmt.Errorf("graphiql endpoint %q: %w", endpoint, err)
	}
	if u.Scheme != "" || u.Host != "" {
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			return "", fmt.Errorf("graphiql endpoint %q: want a path or an http(s) URL", endpoint)
		}
		connect += " " + u.Scheme + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"font-src 'self' data:",
		"img-src 'self' data:",
		"connect-src " + connect,
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; "), nil
}
