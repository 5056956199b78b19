package httpapi

import (
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
