// Package httpapi is the portal's HTTP transport: the route table (GraphQL,
// GraphiQL, health, readiness, metrics), the GraphQL transport gate, the
// per-request middleware (request ID, client IP, language, actor, panic
// recovery, one log line, metrics), the whole-response cache of public
// queries, the bounded persisted-query cache, the query-shape, complexity,
// _entities and authentication-attempt limits, the refusals of client
// mistakes before anything resolves (refusals.go), and the error presenter
// that gives every error an extensions.code.
//
// Which root fields are publicly cacheable (@publicCache) and which mutations
// are authentication attempts (@authAttempt) is read from the executable
// schema's directives at start (rules.go); one walker (selection.go) reads the
// root selections of an operation through its fragments, each fragment once.
//
// It knows no domain: internal/app hands it the executable schema, the
// authenticator and the readiness and catalogue-revision probes.
package httpapi

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/graphiql"
	"github.com/dvcportal/dvcportal/internal/webapp"
)

// Authenticator turns a bearer token into an actor; a token it does not know
// is auth.ErrInvalidToken (the request goes on anonymous).
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Actor, error)
}

// Config is what the transport needs from the wiring.
type Config struct {
	// Schema is the executable GraphQL schema (its directives carry the
	// cache and authentication-attempt rules).
	Schema        graphql.ExecutableSchema
	Authenticator Authenticator
	Logger        *slog.Logger
	// DB is pinged by /readyz and its pool is reported in /metrics.
	DB *sql.DB
	// Started reports whether the process has finished starting (/readyz).
	Started func() bool
	// CatalogueRevision is the catalogue revision this process serves: the
	// response cache drops answers built at another revision. Nil = 0.
	CatalogueRevision func() int64
	TrustedProxies    []netip.Prefix
	// Production turns "did you mean" suggestions off.
	Production    bool
	Introspection bool
	// MaxUploadBytes bounds one uploaded file of a GraphQL multipart request
	// (DVC_UPLOAD_MAX_FILE); 0 refuses multipart requests.
	MaxUploadBytes int64
	// Routes are the domain's own routes (e.g. signed document downloads).
	Routes []Route
	// Operations are the known operations (the client contract's) by name:
	// the GraphQL metrics label an operation by its name only when it is one
	// of these, and every other as "other".
	Operations map[string]Operation
	// Collectors are the areas' own metrics, served by /metrics.
	Collectors []prometheus.Collector
}

// Route is one entry of the route table: a net/http ServeMux pattern, the
// label of the requests it serves in the metrics and the log (a fixed set,
// never the raw path; empty means the pattern's path), and its handler.
type Route struct {
	Pattern string
	Label   string
	Handler http.Handler
}

// API is the HTTP transport of one process.
type API struct {
	cfg     Config
	log     *slog.Logger
	rules   schemaRules
	metrics *metrics
	gql     *handler.Server
	mux     *http.ServeMux
	labels  map[string]string // route pattern → label
	handler http.Handler
}

// New builds the transport. It fails when the schema's transport directives
// are misplaced.
func New(cfg Config) (*API, error) {
	if cfg.Schema == nil || cfg.Authenticator == nil {
		return nil, errors.New("httpapi: a schema and an authenticator are required")
	}
	rules, err := readSchemaRules(cfg.Schema.Schema())
	if err != nil {
		return nil, fmt.Errorf("read transport rules from the schema: %w", err)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Started == nil {
		cfg.Started = func() bool { return true }
	}
	if cfg.CatalogueRevision == nil {
		cfg.CatalogueRevision = func() int64 { return 0 }
	}
	a := &API{cfg: cfg, log: cfg.Logger, rules: rules, metrics: newMetrics(cfg.DB, cfg.Operations)}
	for _, c := range cfg.Collectors {
		if c == nil {
			continue
		}
		if err := a.metrics.registry.Register(c); err != nil {
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	a.gql = a.newGraphQLServer()
	a.mount()
	a.handler = a.withRequest(a.mux)
	return a, nil
}

// Handler serves every route.
func (a *API) Handler() http.Handler { return a.handler }

// routes is the route table, the one place that knows the routes: a new
// route is one line here, its metrics label included.
func (a *API) routes() []Route {
	gi := graphiql.Handler("dvcportal", "/graphql")
	// The domain's routes get the caller's actor like any non-public GraphQL
	// request (authenticate).
	domain := make([]Route, len(a.cfg.Routes))
	for i, r := range a.cfg.Routes {
		r.Handler = a.authenticate(r.Handler)
		domain[i] = r
	}
	web := webapp.Handler() // the portal front end
	return append([]Route{
		{"/graphql", "/graphql", graphqlGate(newResponseCache(a.cfg.CatalogueRevision, a.rules).middleware(a.gql, a.authenticate(a.gql)), a.cfg.MaxUploadBytes)},
		{"GET /healthz", "/healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { writePlain(w, http.StatusOK, "ok") })},
		{"GET /readyz", "/readyz", http.HandlerFunc(a.serveReady)},
		{"GET /metrics", "/metrics", promhttp.HandlerFor(a.metrics.registry, promhttp.HandlerOpts{})},
		{graphiql.PagePath, "/graphiql/", gi},
		{graphiql.PagePath + "/", "/graphiql/", gi},
		{"/{$}", "/", web},
		{"/assets/", "/assets/", web},
		{"/", "other", web}, // any other path is one of the front end's routes
	}, domain...)
}

// mount puts the route table on the mux and keeps each pattern's label.
func (a *API) mount() {
	a.mux, a.labels = http.NewServeMux(), map[string]string{}
	for _, r := range a.routes() {
		label := r.Label
		if label == "" { // a route without a label is labelled by its path pattern
			_, label, _ = strings.Cut(r.Pattern, " ")
			if label == "" {
				label = r.Pattern
			}
		}
		a.mux.Handle(r.Pattern, labelRoute(label, r.Handler))
		a.labels[r.Pattern] = label
	}
}

// routeLabel is the label of the route that serves r (see Route.Label):
// what labelRoute tells withRequest, found again for the requests the mux
// answers itself (redirects, 404, 405) and for a panic before the mux.
func (a *API) routeLabel(r *http.Request) string {
	if _, pattern := a.mux.Handler(r); pattern != "" {
		if l, ok := a.labels[pattern]; ok {
			return l
		}
	}
	return "other"
}

func writePlain(w http.ResponseWriter, status int, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, s+"\n")
}

func (a *API) serveReady(w http.ResponseWriter, r *http.Request) {
	if !a.cfg.Started() {
		writePlain(w, http.StatusServiceUnavailable, "starting")
		return
	}
	if a.cfg.DB != nil {
		if err := a.cfg.DB.PingContext(r.Context()); err != nil {
			writePlain(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
	}
	writePlain(w, http.StatusOK, "ready")
}
