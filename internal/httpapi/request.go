package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// slowRequest is the duration from which a successful request is logged at Info.
const slowRequest = 500 * time.Millisecond

// requestIDHeader is X-Request-ID in net/http's canonical spelling: a name
// spelt otherwise is canonicalised into a new string at every Get and Set.
const requestIDHeader = "X-Request-Id"

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

// statusRecorder remembers what was written, for logs and metrics, and the
// label of the route that served the request (labelRoute).
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
	route  string
}

// labelRoute is the handler of a route of the table: it tells withRequest's
// recorder the route's label, so the log and the metrics need not route
// the request a second time (routeLabel).
func labelRoute(label string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rec, ok := w.(*statusRecorder); ok {
			rec.route = label
		}
		next.ServeHTTP(w, r)
	})
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

// Flush passes a flush through (http.ResponseController finds it).
func (s *statusRecorder) Flush() { flush(s.ResponseWriter) }

// Unwrap gives http.ResponseController the wrapped writer (deadlines,
// hijacking, full-duplex).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// flush flushes w when it can: the wrappers of this package pass Flush on.
func flush(w http.ResponseWriter) {
	_ = http.NewResponseController(w).Flush()
}

// withRequest gives every request an ID, its client IP and language,
// recovers panics outside GraphQL, and logs one line (never a body, token or
// query variables). The actor is resolved later, and only for requests that
// need one (authenticate).
func (a *API) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID(r.Header.Get(requestIDHeader))
		w.Header().Set(requestIDHeader, id)
		meta := reqmeta.Meta{RequestID: id, IP: reqmeta.ClientIP(r, a.cfg.TrustedProxies), UserAgent: clip(r.UserAgent(), 256)}
		ctx := reqmeta.With(r.Context(), meta)
		ctx = i18n.WithLang(ctx, i18n.ParseAcceptLanguage(r.Header.Get("Accept-Language")))
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				a.log.ErrorContext(ctx, "panic in http handler", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				a.metrics.panics.Inc()
				if rec.status == 0 {
					writeGraphQLError(rec, r, http.StatusInternalServerError, apperr.Internal, "internal error")
				}
			}
			route := rec.route // the label of the route the mux chose (labelRoute)
			if route == "" {   // none: a redirect, 404 or 405 of the mux
				route = a.routeLabel(r)
			}
			elapsed := time.Since(start)
			series := a.metrics.http(route, rec.status)
			series.total.Inc()
			series.duration.Observe(elapsed.Seconds())
			// Every request is counted in the metrics; the log gets the ones
			// worth reading (refused, failed or slow) at Info, the rest at Debug,
			// so a busy process does not spend a write per request on its log.
			level := slog.LevelDebug
			if rec.status >= 400 || elapsed >= slowRequest {
				level = slog.LevelInfo
			}
			if route != "/healthz" && route != "/metrics" && a.log.Enabled(ctx, level) {
				a.log.Log(ctx, level, "request", "request_id", id, "method", r.Method, "route", route,
					"status", rec.status, "bytes", rec.bytes, "duration_ms", float64(elapsed.Microseconds())/1000)
			}
		}()
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// requestID is the ID of a request: the server's own, followed by the
// client's X-Request-ID when it sent a well-formed one
// ("<server>.<client>"). A client chooses only the part after the first
// dot, so it can find its request in support cases but never makes two
// requests share an ID or poses as another request in the logs.
func requestID(client string) string {
	id := newRequestID()
	if requestIDPattern.MatchString(client) {
		id += "." + client
	}
	return id
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
