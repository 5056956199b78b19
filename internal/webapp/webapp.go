package webapp

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/graphiql"
)

//go:embed all:dist
var embedded embed.FS

// CSP is the Content-Security-Policy of every page: everything from the
// server itself; captcha images and audio arrive as data: URLs.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; " +
	"img-src 'self' data:; media-src 'self' data:; connect-src 'self'; manifest-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const (
	immutable = "public, max-age=31536000, immutable"
	// placeholder is served when the front end has not been built.
	placeholder = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dvcportal</title></head>` +
		`<body><h1>dvcportal</h1><p>The web front end is not built into this binary. ` +
		`Run <code>make run</code> (it builds web/ when its sources change), or use the API at ` +
		`<a href="/graphql">/graphql</a> and GraphiQL at <a href="/graphiql">/graphiql</a>.</p></body></html>`
)

// file is one embedded file, ready to serve.
type file struct {
	body, gz    []byte
	etag        string
	contentType string
}

// Handler serves the built app. Mount it at "/" (after the API routes).
// It panics if the embedded files cannot be read: only a broken build causes that.
func Handler() http.Handler {
	h, err := newHandler(embedded)
	if err != nil {
		panic(fmt.Sprintf("webapp: %v", err))
	}
	return h
}

type handler struct {
	files map[string]*file // path without the leading "/" → file
	index *file
	built bool
}

// Built reports whether the binary carries a front-end build (not the placeholder).
func Built() bool {
	_, err := fs.Stat(embedded, "dist/index.html")
	return err == nil
}

func newHandler(fsys fs.FS) (*handler, error) {
	h := &handler{files: map[string]*file{}}
	err := fs.WalkDir(fsys, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		h.files[strings.TrimPrefix(p, "dist/")] = newFile(p, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if idx, ok := h.files["index.html"]; ok {
		h.index, h.built = idx, true
	} else {
		h.index = newFile("index.html", []byte(placeholder))
	}
	return h, nil
}

func newFile(name string, b []byte) *file {
	sum := sha256.Sum256(b)
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	f := &file{body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, contentType: ct}
	if len(b) > 1024 && compressible(ct) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(b)
		_ = zw.Close()
		if buf.Len() < len(b) {
			f.gz = buf.Bytes()
		}
	}
	return f
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") ||
		strings.Contains(ct, "json") || strings.Contains(ct, "svg")
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	if f, ok := h.files[name]; ok && name != "index.html" {
		if strings.HasPrefix(name, "assets/") {
			hdr.Set("Cache-Control", immutable)
		} else {
			hdr.Set("Cache-Control", "public, max-age=3600")
		}
		h.serve(w, r, f)
		return
	}
	// A missing file (anything with an extension, or under assets/) is 404;
	// every other path is a client-side route: the app's page.
	if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" && name != "index.html" {
		http.NotFound(w, r)
		return
	}
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("Content-Security-Policy", CSP)
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.serve(w, r, h.index)
}

func (h *handler) serve(w http.ResponseWriter, r *http.Request, f *file) {
	hdr := w.Header()
	hdr.Set("Content-Type", f.contentType)
	hdr.Set("ETag", f.etag)
	body := f.body
	if f.gz != nil {
		hdr.Add("Vary", "Accept-Encoding")
		if graphiql.AcceptsGzip(r.Header.Get("Accept-Encoding")) {
			hdr.Set("Content-Encoding", "gzip")
			hdr.Set("ETag", strings.TrimSuffix(f.etag, `"`)+`-gz"`)
			body = f.gz
		}
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
