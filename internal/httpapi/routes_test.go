package httpapi

import (
	"log/slog"
	"net/http/httptest"
	"testing"
)

// The metrics and the log label a request by the route table's entry that
// serves it: a fixed set of labels whatever path a client sends.
func TestRouteLabels(t *testing.T) {
	t.Parallel()
	a := &API{metrics: newMetrics(nil, nil)}
	a.mount()
	for _, tt := range []struct{ method, path, want string }{
		{"POST", "/graphql", "/graphql"},
		{"GET", "/graphql", "/graphql"},
		{"GET", "/healthz", "/healthz"},
		{"HEAD", "/healthz", "/healthz"},
		{"GET", "/readyz", "/readyz"},
		{"GET", "/metrics", "/metrics"},
		{"GET", "/graphiql", "/graphiql/"},
		{"GET", "/graphiql/app.js", "/graphiql/"},
		{"GET", "/", "/"},
		{"GET", "/assets/index-abc.js", "/assets/"},
		{"GET", "/dich-vu/BHXH-REISSUE", "other"},
		{"GET", "/graphql/extra", "other"},
		{"GET", "/no/such/" + string(make([]byte, 10)), "other"},
	} {
		r := httptest.NewRequest(tt.method, "http://portal.test/", nil)
		r.URL.Path = tt.path
		if got := a.routeLabel(r); got != tt.want {
			t.Errorf("%s %q: got label %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

// withRequest counts every request under the label routeLabel gives it,
// whether the route's handler told it (labelRoute) or the mux answered
// itself (404, 405, a redirect).
func TestRequestsCountedByRoute(t *testing.T) {
	t.Parallel()
	a := &API{metrics: newMetrics(nil, nil), log: slog.New(slog.DiscardHandler),
		cfg: Config{Started: func() bool { return false }}}
	a.mount()
	h := a.withRequest(a.mux)
	for _, tt := range []struct{ method, path string }{
		{"GET", "/healthz"},
		{"HEAD", "/healthz"},
		{"POST", "/healthz"}, // 405 from the mux
		{"GET", "/readyz"},
		{"GET", "/metrics"},
		{"GET", "/graphiql"},
		{"GET", "/graphiql/app.js"},
		{"GET", "/"},
		{"GET", "/assets/index-abc.js"},
		{"GET", "/dich-vu/BHXH-REISSUE"},
		{"GET", "/graphql/extra"},
		{"GET", "/a/../healthz"}, // redirected by the mux
	} {
		r := httptest.NewRequest(tt.method, "http://portal.test/", nil)
		r.URL.Path = tt.path
		want := a.routeLabel(r)
		before := requestsCounted(t, a, want)
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got := requestsCounted(t, a, want) - before; got != 1 {
			t.Errorf("%s %q: counted %v times under %q, want once", tt.method, tt.path, got, want)
		}
	}
}

// requestsCounted is dvcportal_http_requests_total of route, all statuses.
func requestsCounted(t *testing.T, a *API, route string) float64 {
	t.Helper()
	families, err := a.metrics.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var n float64
	for _, f := range families {
		if f.GetName() != "dvcportal_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "route" && l.GetValue() == route {
					n += m.GetCounter().GetValue()
				}
			}
		}
	}
	return n
}
