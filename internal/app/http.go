package app

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/graphiql"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// routes builds the HTTP mux: GraphQL, GraphiQL, health, readiness, metrics.
func (a *App) routes() http.Handler {
	mux := http.NewServeMux()
	revision := a.CatalogueRevision
	if revision == nil {
		revision = func() int64 { return 0 }
	}
	mux.Handle("/graphql", a.graphqlGate(newResponseCache(revision).middleware(a.gql)))
	mux.Handle("GET /healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writePlain(w, http.StatusOK, "ok")
	}))
	mux.Handle("GET /readyz", http.HandlerFunc(a.serveReady))
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.metrics.registry, promhttp.HandlerOpts{}))
	for _, rt := range a.extraRoutes {
		mux.Handle(rt.pattern, rt.handler)
	}
	mux.Handle("/", graphiql.Handler("dvcportal", "/graphql"))
	return a.withRequest(mux)
}

func writePlain(w http.ResponseWriter, status int, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, s+"\n")
}

func (a *App) serveReady(w http.ResponseWriter, r *http.Request) {
	if !a.ready.Load() {
		writePlain(w, http.StatusServiceUnavailable, "starting")
		return
	}
	if err := a.DB.PingContext(r.Context()); err != nil {
		writePlain(w, http.StatusServiceUnavailable, "database unavailable")
		return
	}
	writePlain(w, http.StatusOK, "ready")
}

// slowRequest is the duration from which a successful request is logged at Info.
const slowRequest = 500 * time.Millisecond

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// Request IDs are a random per-process prefix and a counter: unique across
// processes, cheap, and not secret.
var (
	requestIDPrefix = func() string {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		return hex.EncodeToString(b)
	}()
	requestCounter atomic.Uint64
)

func newRequestID() string {
	return requestIDPrefix + "-" + strconv.FormatUint(requestCounter.Add(1), 36)
}

// statusRecorder remembers what was written, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// withRequest gives every request an ID, its client IP, language and actor,
// recovers panics outside GraphQL, and logs one line (never a body, token or
// query variables).
func (a *App) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if !requestIDPattern.MatchString(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		meta := reqmeta.Meta{RequestID: id, IP: reqmeta.ClientIP(r, a.Config.TrustedProxies), UserAgent: clip(r.UserAgent(), 256)}
		ctx := reqmeta.With(r.Context(), meta)
		ctx = i18n.WithLang(ctx, i18n.ParseAcceptLanguage(r.Header.Get("Accept-Language")))
		if tok, ok := bearer(r); ok {
			actor, err := a.Auth.Authenticate(ctx, tok)
			switch {
			case err == nil:
				ctx = auth.WithActor(ctx, actor)
			case !errors.Is(err, auth.ErrInvalidToken):
				a.Logger.ErrorContext(ctx, "authenticate", "request_id", id, "error", err.Error())
			}
		}
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				a.Logger.ErrorContext(ctx, "panic in http handler", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				a.metrics.panics.Inc()
				if rec.status == 0 {
					writeGraphQLError(rec, r, http.StatusInternalServerError, apperr.Internal, "internal error")
				}
			}
			route := routeLabel(r.URL.Path)
			a.metrics.httpTotal.WithLabelValues(route, fmt.Sprintf("%dxx", rec.status/100)).Inc()
			a.metrics.httpDur.WithLabelValues(route).Observe(time.Since(start).Seconds())
			// Every request is counted in the metrics; the log gets the ones
			// worth reading (refused, failed or slow) at Info, the rest at Debug,
			// so a busy process does not spend a write per request on its log.
			level := slog.LevelDebug
			if rec.status >= 400 || time.Since(start) >= slowRequest {
				level = slog.LevelInfo
			}
			if route != "/healthz" && route != "/metrics" && a.Logger.Enabled(ctx, level) {
				a.Logger.Log(ctx, level, "request", "request_id", id, "method", r.Method, "route", route,
					"status", rec.status, "bytes", rec.bytes, "duration_ms", float64(time.Since(start).Microseconds())/1000)
			}
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

func routeLabel(path string) string {
	switch {
	case path == "/graphql", path == "/healthz", path == "/readyz", path == "/metrics", path == "/":
		return path
	case strings.HasPrefix(path, "/graphiql/"):
		return "/graphiql/"
	default:
		return "other"
	}
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != "" && len(tok) <= 512
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// graphqlGate enforces the transport rules before gqlgen sees a request:
// GET or POST only, JSON bodies only (415 otherwise), at most 1 MiB (413), a
// single JSON object (no array batching, 400 for malformed JSON). A refused
// request reaches no resolver and no database.
func (a *App) graphqlGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			next.ServeHTTP(&jsonStatus{ResponseWriter: w}, r)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, POST")
			writeGraphQLError(w, r, http.StatusMethodNotAllowed, apperr.BadUserInput, "use GET or POST")
			return
		}
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeGraphQLError(w, r, http.StatusUnsupportedMediaType, apperr.BadUserInput, "Content-Type must be application/json")
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBytes+1))
		if err != nil {
			writeGraphQLError(w, r, http.StatusBadRequest, apperr.BadUserInput, "could not read the request body")
			return
		}
		if len(body) > MaxRequestBytes {
			writeGraphQLError(w, r, http.StatusRequestEntityTooLarge, apperr.BadUserInput, fmt.Sprintf("request body larger than %d bytes", MaxRequestBytes))
			return
		}
		// Only the shape is checked here; malformed JSON inside the object is
		// refused by the decoder with the same 400.
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) == 0 || trimmed[0] != '{' {
			writeGraphQLError(w, r, http.StatusBadRequest, apperr.BadUserInput, "the body must be one JSON object {\"query\": ..., \"variables\": ...} (no batching)")
			return
		}
		r.Body = &bufferedBody{Reader: bytes.NewReader(body), bytes: body}
		r.ContentLength = int64(len(body))
		next.ServeHTTP(&jsonStatus{ResponseWriter: w}, r)
	})
}

// bufferedBody is a request body already read (and bounded) by graphqlGate;
// later handlers get its bytes without reading it again.
type bufferedBody struct {
	*bytes.Reader
	bytes []byte
}

func (*bufferedBody) Close() error { return nil }

// jsonStatus applies the GraphQL-over-HTTP rules gqlgen does not: for an
// application/json response, a well-formed request that fails validation is
// answered 200 with errors (gqlgen says 422); for
// application/graphql-response+json, a request refused before execution
// (400) carries no "data" entry at all.
type jsonStatus struct {
	http.ResponseWriter
	refused bool
}

func (j *jsonStatus) WriteHeader(code int) {
	ct := j.Header().Get("Content-Type")
	if code == http.StatusUnprocessableEntity && strings.HasPrefix(ct, "application/json") {
		code = http.StatusOK
	}
	j.refused = code == http.StatusBadRequest && strings.HasPrefix(ct, "application/graphql-response+json")
	j.ResponseWriter.WriteHeader(code)
}

func (j *jsonStatus) Write(b []byte) (int, error) {
	if j.refused {
		if trimmed, ok := bytes.CutSuffix(bytes.TrimRight(b, "\n"), []byte(`,"data":null}`)); ok {
			if _, err := j.ResponseWriter.Write(append(trimmed, '}')); err != nil {
				return 0, err
			}
			return len(b), nil
		}
	}
	return j.ResponseWriter.Write(b)
}

func writeGraphQLError(w http.ResponseWriter, r *http.Request, status int, code apperr.Code, msg string) {
	ct := "application/json"
	if strings.Contains(r.Header.Get("Accept"), "application/graphql-response+json") {
		ct = "application/graphql-response+json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": string(code)}}},
	})
}
