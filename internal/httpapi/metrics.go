package httpapi

import (
	"context"
	"fmt"
	"sync"
	"time"

	"database/sql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the Prometheus series of one process: HTTP requests, GraphQL
// operations by known operation, panics, and the database pool.
type metrics struct {
	registry  *prometheus.Registry
	httpTotal *prometheus.CounterVec
	httpDur   *prometheus.HistogramVec
	opTotal   *prometheus.CounterVec
	opDur     *prometheus.HistogramVec
	panics    prometheus.Counter
	// series are the HTTP series by httpSeriesKey, made by their first
	// request: the label values need not be formatted and hashed again.
	series sync.Map
	// known are the operations that label themselves (Config.Operations).
	known map[string]Operation
}

// Operation is a known operation (one of the client contract's): its type
// ("query", "mutation") and the names of its root fields, in order.
type Operation struct {
	Type   string
	Fields []string
}

// otherOperation labels every operation that is not a known one.
const otherOperation = "other"

func newMetrics(db *sql.DB, known map[string]Operation) *metrics {
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
		known: known,
	}
	m.registry.MustRegister(m.httpTotal, m.httpDur, m.opTotal, m.opDur, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(db, "dvcportal"))
	}
	return m
}

// httpSeriesKey names the HTTP series of a route and status class; the
// routes are the route table's fixed labels and net/http accepts only
// statuses 100–999, so there are few.
type httpSeriesKey struct {
	route string
	class int
}

// httpSeries are the HTTP series a request is counted in.
type httpSeries struct {
	total    prometheus.Counter
	duration prometheus.Observer
}

// http returns the series of a request served by route with status
// ("2xx" for 200; "0xx" when nothing was written).
func (m *metrics) http(route string, status int) httpSeries {
	k := httpSeriesKey{route, status / 100}
	if s, ok := m.series.Load(k); ok {
		return s.(httpSeries)
	}
	s := httpSeries{
		total:    m.httpTotal.WithLabelValues(route, fmt.Sprintf("%dxx", k.class)),
		duration: m.httpDur.WithLabelValues(route),
	}
	m.series.Store(k, s)
	return s
}

// label is the operation label of the operation executed: its name when it
// is a known operation (same name, type and root fields), otherwise "other".
// The label set is bounded by the known operations, whatever names strangers
// send.
func (m *metrics) label(oc *graphql.OperationContext) string {
	op := oc.Operation
	if op == nil || op.Name == "" {
		return otherOperation
	}
	want, ok := m.known[op.Name]
	if !ok || want.Type != string(op.Operation) {
		return otherOperation
	}
	fields, complete := newSelections(oc.Doc).fields(op.SelectionSet)
	if !complete || len(fields) != len(want.Fields) {
		return otherOperation
	}
	for i, f := range fields {
		if f.Name != want.Fields[i] {
			return otherOperation
		}
	}
	return op.Name
}

func (m *metrics) aroundOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	name := m.label(oc)
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
