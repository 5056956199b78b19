package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// The whole-response cache of public queries (DESIGN.md §9): the catalogue
// is read on every portal page and app start, so a query whose root fields
// are all @publicCache (public reference data, declared in the schema) is
// answered from memory, whoever asks: the answer is the same for every
// caller, so it is computed anonymously (no session lookup, no actor in the
// context) and a bearer token, valid or not, neither bypasses the cache nor
// changes the answer. A query with any other root field goes through the
// authentication step and is never cached; so does, when it carries a
// token, a public query selecting a @viewerDependent field (a value that
// depends on who asks, e.g. an agency's own pending draft). node(id:) and
// nodes(ids:) count as @publicCache root fields for a request whose IDs
// (literals or variables) are all of public Node types (@publicCache on the
// type: the catalogue's Service, Agency, Category); one ID of any other type
// sends the whole request the private way.
//
// The key is canonical: the parsed document printed by gqlparser's
// formatter (whitespace and comments do not matter), the variables
// re-encoded (key order and spacing do not matter; extensions are ignored),
// the operation name, the language and the response type. A hit on a
// request already seen costs one map lookup of the request exactly as sent
// (an alias to its canonical key, no parse and no cryptographic hash); only
// a request never seen is parsed.
//
// Bounded by bytes (cacheBytes of answers, plus the aliases and the parsed
// documents), each a segmented LRU (slru.go): a request seen once stays on
// probation, so one client's stream of unique requests cannot push out the
// pages everyone reads.
//
// An entry is valid while the catalogue revision it was built at is current
// (a publish in any process bumps it, and every process's snapshot refresher
// sees that within a second) and for at most cacheTTL (ward lists change
// only by operator import). Responses carry an ETag; GET responses are also
// cacheable by browsers and CDNs for cacheMaxAge.
const (
	cacheBytes    = 64 << 20 // answers
	aliasBytes    = 4 << 20  // request as sent (its bytes) → canonical key
	documentBytes = 8 << 20  // document → public?, canonical text
	cacheTTL      = time.Minute
	cacheMaxAge   = 30 * time.Second
	cacheMaxBody  = 4 << 20
	// entryOverhead is what an entry costs besides its key and bytes.
	entryOverhead = 128
)

type cachedResponse struct {
	revision    int64
	at          time.Time
	contentType string
	body        []byte
	length      string // len(body), the Content-Length
	// etag is computed by the first hit (tag): most stored misses are
	// never hit, and hashing the answer was a twentieth of a miss.
	etagOnce sync.Once
	etag     string
}

// etagLen is the length of an ETag: a quoted hex SHA-256 prefix.
const etagLen = 2 + 24

// tag returns the entry's ETag, a hash of its answer.
func (e *cachedResponse) tag() string {
	e.etagOnce.Do(func() {
		sum := sha256.Sum256(e.body)
		e.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	})
	return e.etag
}

// document is what the cache remembers of one document and operation name.
type document struct {
	public bool
	// viewerDependent: it selects a @viewerDependent field, so a request
	// with a token is answered with its actor and not cached.
	viewerDependent bool
	canonical       string
	// variables are the operation's declared variables: the key keeps only
	// these (gqlgen ignores the others, so they must not make a miss).
	variables map[string]bool
	// nodeIDs are the ID arguments of node/nodes that use variables: the
	// request is public only if they all name public objects (publicIDs).
	nodeIDs []*ast.Value
	op      *ast.OperationDefinition
}

// publicFor reports whether the request with these (decoded) variables is
// public: d is, and the IDs its node/nodes fields get are all public.
func (d document) publicFor(rules schemaRules, vars map[string]any) bool {
	if !d.public {
		return false
	}
	if vars == nil {
		vars = map[string]any{}
	}
	for _, v := range d.nodeIDs {
		if public, _ := rules.publicIDs(v, vars, d.op); !public {
			return false
		}
	}
	return true
}

// alias is what a request as sent maps to: its canonical key, and whether
// its document selects a @viewerDependent field.
type alias struct {
	key             string
	viewerDependent bool
}

type responseCache struct {
	entries  *slru[*cachedResponse]
	aliases  *slru[alias]
	docs     *slru[document]
	revision func() int64
	rules    schemaRules
}

func newResponseCache(revision func() int64, rules schemaRules) *responseCache {
	return &responseCache{
		entries:  newSLRU[*cachedResponse](cacheBytes),
		aliases:  newSLRU[alias](aliasBytes),
		docs:     newSLRU[document](documentBytes),
		revision: revision, rules: rules,
	}
}

// graphqlRequest is the part of a GraphQL-over-HTTP request the cache reads.
type graphqlRequest struct {
	Query         string          `json:"query"`
	OperationName string          `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
}

func readGraphQLRequest(r *http.Request) (graphqlRequest, bool) {
	var req graphqlRequest
	switch r.Method {
	case http.MethodGet:
		q := r.URL.Query()
		req.Query, req.OperationName = q.Get("query"), q.Get("operationName")
		if v := q.Get("variables"); v != "" {
			req.Variables = json.RawMessage(v)
		}
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

// document returns whether the operation named in req is a query whose root
// fields are all @publicCache, and the document printed canonically. The
// answer is remembered per document and operation name.
func (c *responseCache) document(req graphqlRequest) document {
	sum := sha256.Sum256([]byte(req.Query))
	key := string(sum[:]) + "\x00" + req.OperationName
	if d, found := c.docs.get(key); found {
		return d
	}
	var d document
	if doc, err := parser.ParseQuery(&ast.Source{Input: req.Query}); err == nil {
		op := doc.Operations.ForName(req.OperationName)
		if req.OperationName == "" && len(doc.Operations) != 1 {
			op = nil
		}
		if d.public, d.nodeIDs = c.rules.publicQuery(doc, op); d.public {
			d.op = op
			d.viewerDependent = c.rules.selectsViewerDependent(doc, op)
			d.variables = make(map[string]bool, len(op.VariableDefinitions))
			for _, v := range op.VariableDefinitions {
				d.variables[v.Variable] = true
			}
			var buf strings.Builder
			formatter.NewFormatter(&buf, formatter.WithIndent(" ")).FormatQueryDocument(doc)
			d.canonical = buf.String()
		}
	}
	size := len(key) + len(d.canonical) + 32*len(d.variables) + entryOverhead
	if len(d.nodeIDs) > 0 {
		size += len(req.Query) // d keeps parts of the parsed document
	}
	c.docs.add(key, d, int64(size))
	return d
}

// canonicalVariables re-encodes the declared variables of a JSON object with
// sorted keys and no spaces; "null", absent and {} are all no variables. ok
// is false for malformed JSON.
// It also returns the decoded declared variables.
func canonicalVariables(raw json.RawMessage, declared map[string]bool) ([]byte, map[string]any, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil, true
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, false
	}
	for name := range v {
		if !declared[name] {
			delete(v, name)
		}
	}
	if len(v) == 0 {
		return nil, nil, true
	}
	out, err := json.Marshal(v)
	return out, v, err == nil
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
		if w.buf.Cap() == 0 {
			// Sized once when the answer says its length (postJSON does).
			if n, err := strconv.Atoi(w.Header().Get("Content-Length")); err == nil && n > 0 && n <= cacheMaxBody {
				w.buf.Grow(n)
			}
		}
		w.buf.Write(b)
	}
	return w.ResponseWriter.Write(b)
}

// Flush passes a flush through (http.ResponseController finds it).
func (w *cacheRecorder) Flush() { flush(w.ResponseWriter) }

// Unwrap gives http.ResponseController the wrapped writer.
func (w *cacheRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// middleware serves public queries from the cache and fills it: public
// runs gqlgen anonymously (a miss of a public query), private authenticates
// first (every other request).
func (c *responseCache) middleware(public, private http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, ok := rawRequest(r)
		if !ok {
			private.ServeHTTP(w, r)
			return
		}
		// The language withRequest read from Accept-Language, the one
		// the answer is written in.
		lang := i18n.FromContext(r.Context())
		flavor := ""
		if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
			flavor = "graphql-response"
		}
		// The alias key is the request exactly as sent: a map lookup hashes
		// it several times faster than SHA-256 did (that was the most of a
		// hit's own CPU), and two requests share it only when equal.
		var stack [2048]byte
		rawKey := append(append(stack[:0], r.Method...), 0)
		rawKey = append(append(rawKey, raw...), 0)
		rawKey = append(append(rawKey, lang...), 0)
		rawKey = append(rawKey, flavor...)
		rev := c.revision()
		token := r.Header.Get("Authorization") != ""
		if a, found := c.aliases.getBytes(rawKey); found && !(a.viewerDependent && token) {
			if e, ok := c.lookup(a.key, rev); ok {
				w.Header().Add("Vary", "Accept-Language, Accept")
				c.serve(w, r, e)
				return
			}
		}
		req, ok := readGraphQLRequest(r)
		if !ok {
			w.Header().Add("Vary", "Accept-Language, Accept, Authorization")
			private.ServeHTTP(w, r)
			return
		}
		d := c.document(req)
		vars, values, ok := canonicalVariables(req.Variables, d.variables)
		if !ok || !d.publicFor(c.rules, values) || (d.viewerDependent && token) {
			w.Header().Add("Vary", "Accept-Language, Accept, Authorization")
			private.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Accept-Language, Accept")
		h := sha256.New()
		for _, part := range [][]byte{[]byte(d.canonical), []byte(req.OperationName), vars, []byte(lang), []byte(flavor)} {
			h.Write(part)
			h.Write([]byte{0})
		}
		key := string(h.Sum(nil))
		c.aliases.add(string(rawKey), alias{key: key, viewerDependent: d.viewerDependent}, int64(len(rawKey)+len(key)+entryOverhead))
		if e, ok := c.lookup(key, rev); ok {
			c.serve(w, r, e)
			return
		}
		rec := &cacheRecorder{ResponseWriter: w}
		if r.Method == http.MethodGet {
			w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(int(cacheMaxAge/time.Second)))
		}
		public.ServeHTTP(rec, r)
		body := rec.buf.Bytes()
		if rec.status != http.StatusOK || len(body) == 0 || len(body) >= cacheMaxBody || bytes.Contains(body, []byte(`"errors"`)) {
			return
		}
		e := &cachedResponse{
			revision: rev, at: time.Now(), contentType: w.Header().Get("Content-Type"),
			// body is the recorder's own buffer, used by nothing else.
			body: body, length: strconv.Itoa(len(body)),
		}
		c.entries.add(key, e, int64(len(key)+len(e.body)+etagLen+len(e.contentType)+len(e.length)+entryOverhead))
	})
}

// lookup returns the entry under key while it is current; a stale one is
// dropped.
func (c *responseCache) lookup(key string, rev int64) (*cachedResponse, bool) {
	e, found := c.entries.get(key)
	if !found {
		return nil, false
	}
	if e.revision != rev || time.Since(e.at) >= cacheTTL {
		c.entries.remove(key)
		return nil, false
	}
	return e, true
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
	etag := e.tag()
	h.Set("Etag", etag) // ETag in net/http's spelling: no canonicalising copy per hit
	h.Set("X-Cache", "hit")
	if r.Method == http.MethodGet {
		h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(cacheMaxAge/time.Second)))
		if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	// Its length, as a static file's: without it net/http sends the
	// answer chunked, one more write and one more segment per hit.
	h.Set("Content-Length", e.length)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}
