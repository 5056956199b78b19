package httpapi

import (
	"context"
	"regexp"
	"sync"
	"time"

	"database/sql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the Prometheus series of one process: HTTP requests, GraphQL
// operations by name, panics, and the database pool.
type metrics struct {
	registry  *prometheus.Registry
	httpTotal *prometheus.CounterVec
	httpDur   *prometheus.HistogramVec
	opTotal   *prometheus.CounterVec
	opDur     *prometheus.HistogramVec
	panics    prometheus.Counter
	opNamesMu sync.Mutex
	opNames   map[string]bool
}

// maxOperationNames bounds the label values taken from client-chosen
// operation names; the rest are counted as "other".
const maxOperationNames = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

func newMetrics(db *sql.DB) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		httpTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dvcportal_http_requests_total", Help: "HTTP requests by route and status class.",
		}, []string{"route", "code"}),
		httpDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dvcportal_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12),
		}, []string{"route"}),
		opTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dvcportal_graphql_operations_total", Help: "GraphQL operations by name, type and outcome.",
		}, []string{"operation", "type", "outcome"}),
		opDur: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dvcportal_graphql_operation_duration_seconds", Help: "GraphQL operation latency by name.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12),
		}, []string{"operation", "type"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "dvcportal_panics_recovered_total", Help: "Resolver panics recovered and answered as INTERNAL.",
		}),
		opNames: map[string]bool{},
	}
	m.registry.MustRegister(m.httpTotal, m.httpDur, m.opTotal, m.opDur, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(db, "dvcportal"))
	}
	return m
}

func (m *metrics) label(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	m.opNamesMu.Lock()
	defer m.opNamesMu.Unlock()
	if m.opNames[name] {
		return name
	}
	if len(m.opNames) >= maxOperationNames {
		return "other"
	}
	m.opNames[name] = true
	return name
}

func (m *metrics) aroundOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	name := m.label(oc.OperationName)
	typ := "query"
	if oc.Operation != nil {
		typ = string(oc.Operation.Operation)
	}
	start := time.Now()
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		outcome := "ok"
		if resp == nil || len(resp.Errors) > 0 {
			outcome = "error"
		}
		m.opTotal.WithLabelValues(name, typ, outcome).Inc()
		m.opDur.WithLabelValues(name, typ).Observe(time.Since(start).Seconds())
		return resp
	}
}
