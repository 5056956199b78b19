package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// The whole-response cache for anonymous public queries (DESIGN.md §9): the
// catalogue is read on every portal page and app start, so an anonymous query
// whose root fields are all @publicCache (public reference data, declared in
// the schema) is answered from memory, keyed by the request as sent
// (document, variables, operation name), the language and the response type.
// An entry is valid while the catalogue revision it was built at is current
// (a publish in any process bumps it, and every process's snapshot refresher
// sees that within a second) and for at most cacheTTL (ward lists change
// only by operator import). Responses carry an ETag; GET responses
// are also cacheable by browsers and CDNs for cacheMaxAge.
const (
	cacheEntries   = 4096
	cacheTTL       = time.Minute
	cacheMaxAge    = 30 * time.Second
	cacheMaxBody   = 4 << 20
	cacheDocuments = 2048
)

type cachedResponse struct {
	revision    int64
	at          time.Time
	contentType string
	etag        string
	body        []byte
}

type responseCache struct {
	entries  *lru.Cache[string, *cachedResponse]
	docs     *lru.Cache[string, bool] // query hash + operation → cacheable
	revision func() int64
	rules    schemaRules
}

func newResponseCache(revision func() int64, rules schemaRules) *responseCache {
	entries, _ := lru.New[string, *cachedResponse](cacheEntries)
	docs, _ := lru.New[string, bool](cacheDocuments)
	return &responseCache{entries: entries, docs: docs, revision: revision, rules: rules}
}

// graphqlRequest is the part of a GraphQL-over-HTTP request the cache reads.
type graphqlRequest struct {
	Query         string `json:"query"`
	OperationName string `json:"operationName"`
}

func readGraphQLRequest(r *http.Request) (graphqlRequest, bool) {
	var req graphqlRequest
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
	case http.MethodPost:
		body, ok := rawRequest(r)
		if !ok || json.Unmarshal(body, &req) != nil {
			return req, false
		}
	default:
		return req, false
	}
	return req, req.Query != ""
}

// cacheable reports whether the operation named in req is a query whose root
// fields are all @publicCache. The answer is remembered per document.
func (c *responseCache) cacheable(docHash string, req graphqlRequest) bool {
	key := docHash + "\x00" + req.OperationName
	if ok, found := c.docs.Get(key); found {
		return ok
	}
	ok := false
	if doc, err := parser.ParseQuery(&ast.Source{Input: req.Query}); err == nil {
		op := doc.Operations.ForName(req.OperationName)
		if req.OperationName == "" && len(doc.Operations) != 1 {
			op = nil
		}
		ok = c.rules.publicQuery(doc, op)
	}
	c.docs.Add(key, ok)
	return ok
}

// cacheRecorder captures gqlgen's answer while passing it through.
type cacheRecorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *cacheRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *cacheRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.buf.Len()+len(b) <= cacheMaxBody {
		w.buf.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Flush passes a flush through (http.ResponseController finds it).
func (w *cacheRecorder) Flush() { flush(w.ResponseWriter) }

// Unwrap gives http.ResponseController the wrapped writer.
func (w *cacheRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware serves cacheable anonymous queries from the cache and fills it.
// The key is taken from the request as sent (body or URL query), so a hit
// costs one hash and no parsing; only a miss parses the document to decide
// whether the answer may be cached at all.
func (c *responseCache) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			next.ServeHTTP(w, r)
			return
		}
		raw, ok := rawRequest(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		h := sha256.New()
		h.Write([]byte(r.Method))
		h.Write([]byte{0})
		h.Write(raw)
		h.Write([]byte{0})
		h.Write([]byte(i18n.ParseAcceptLanguage(r.Header.Get("Accept-Language"))))
		if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
			h.Write([]byte("\x00graphql-response"))
		}
		key := string(h.Sum(nil))
		rev := c.revision()
		w.Header().Add("Vary", "Accept-Language, Accept, Authorization")
		if e, found := c.entries.Get(key); found && e.revision == rev && time.Since(e.at) < cacheTTL {
			c.serve(w, r, e)
			return
		}
		req, ok := readGraphQLRequest(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		docSum := sha256.Sum256([]byte(req.Query))
		if !c.cacheable(hex.EncodeToString(docSum[:]), req) {
			next.ServeHTTP(w, r)
			return
		}
		rec := &cacheRecorder{ResponseWriter: w}
		if r.Method == http.MethodGet {
			w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(cacheMaxAge/time.Second)))
		}
		next.ServeHTTP(rec, r)
		body := rec.buf.Bytes()
		if rec.status != http.StatusOK || len(body) == 0 || len(body) >= cacheMaxBody || bytes.Contains(body, []byte(`"errors"`)) {
			return
		}
		sum := sha256.Sum256(body)
		c.entries.Add(key, &cachedResponse{
			revision: rev, at: time.Now(), contentType: w.Header().Get("Content-Type"),
			etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: append([]byte(nil), body...),
		})
	})
}

// rawRequest returns the request as sent: the POST body (already read and
// bounded by graphqlGate) or the GET query string.
func rawRequest(r *http.Request) ([]byte, bool) {
	switch r.Method {
	case http.MethodGet:
		return []byte(r.URL.RawQuery), r.URL.RawQuery != ""
	case http.MethodPost:
		// A JSON body the gate has read; anything else (a multipart
		// upload) is never cached.
		if b, ok := r.Body.(*bufferedBody); ok {
			return b.bytes, true
		}
		return nil, false
	default:
		return nil, false
	}
}

func (c *responseCache) serve(w http.ResponseWriter, r *http.Request, e *cachedResponse) {
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("ETag", e.etag)
	h.Set("X-Cache", "hit")
	if r.Method == http.MethodGet {
		h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(cacheMaxAge/time.Second)))
		if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, e.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}
