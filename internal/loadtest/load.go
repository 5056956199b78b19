package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// result is one measurement of one URL.
type result struct {
	Target          string        `json:"target"`
	Method          string        `json:"method"`
	Concurrency     int           `json:"concurrency"`
	Elapsed         time.Duration `json:"elapsedNs"`
	Requests        int           `json:"requests"`
	PerSecond       float64       `json:"requestsPerSecond"`
	Non200          int           `json:"non200"`
	GraphQLErrors   int           `json:"graphqlErrors"`
	TransportErrors int           `json:"transportErrors"`
	// FirstTransportError is one of the transport errors, to say what went wrong.
	FirstTransportError string        `json:"firstTransportError,omitempty"`
	ResponseBytes       int           `json:"responseBytes"`
	P50                 time.Duration `json:"p50Ns"`
	P90                 time.Duration `json:"p90Ns"`
	P99                 time.Duration `json:"p99Ns"`
	Max                 time.Duration `json:"maxNs"`

	sample sample
}

// workerStats is what one worker counted; merged after the run.
type workerStats struct {
	latencies       []time.Duration
	non200          int
	graphqlErrors   int
	transportErrors int
	lastError       error // the first transport error, reported once
}

// newClient returns a client keeping one idle connection per worker and
// leaving compression alone, as wrk does.
func newClient(concurrency int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns:        concurrency,
			MaxIdleConnsPerHost: concurrency,
			DisableCompression:  true,
			ForceAttemptHTTP2:   false,
		},
		Timeout: 30 * time.Second,
	}
}

// measure captures one answer (which must be 200), warms up, then runs the
// workers for the configured duration.
func measure(ctx context.Context, opts options, spec requestSpec) (*result, error) {
	p, err := spec.prepare()
	if err != nil {
		return nil, err
	}
	client := newClient(opts.concurrency)
	defer client.CloseIdleConnections()
	s, err := capture(client, p)
	if err != nil {
		return nil, err
	}
	if s.status != http.StatusOK {
		return nil, fmt.Errorf("%s answered %d, want 200: %.300s", spec.url, s.status, s.body)
	}
	newS := func() (sender, error) { return newSender(opts.engine, client, p) }
	if opts.warmup > 0 {
		if _, err := runWorkers(ctx, newS, opts.concurrency, opts.warmup); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("interrupted: %w", err)
	}
	if opts.beforeMeasure != nil {
		if err := opts.beforeMeasure(); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	stats, err := runWorkers(ctx, newS, opts.concurrency, opts.duration)
	if err != nil {
		return nil, err
	}
	elapsed := time.Since(start)

	r := summarise(stats, elapsed, opts.concurrency)
	r.Target, r.Method, r.ResponseBytes, r.sample = spec.url, p.method, len(s.body), s
	return r, nil
}

// summarise merges the workers' counts and latencies.
func summarise(stats []*workerStats, elapsed time.Duration, concurrency int) *result {
	r := &result{Concurrency: concurrency, Elapsed: elapsed}
	var all []time.Duration
	for _, w := range stats {
		all = append(all, w.latencies...)
		r.Non200 += w.non200
		r.GraphQLErrors += w.graphqlErrors
		r.TransportErrors += w.transportErrors
		if w.lastError != nil && r.FirstTransportError == "" {
			r.FirstTransportError = w.lastError.Error()
		}
	}
	r.Requests = len(all)
	r.PerSecond = float64(len(all)) / elapsed.Seconds()
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r.P50, r.P90, r.P99 = percentile(all, 0.50), percentile(all, 0.90), percentile(all, 0.99)
	if len(all) > 0 {
		r.Max = all[len(all)-1]
	}
	return r
}

// sender sends the prepared request once and reads the answer into body.
type sender interface {
	do(body *bytes.Buffer) (status int, err error)
	close()
}

// httpSender sends through net/http's client (used for https:// targets or
// with -engine nethttp).
type httpSender struct {
	client *http.Client
	p      prepared
}

func (s *httpSender) do(body *bytes.Buffer) (int, error) {
	req, err := s.p.newRequest()
	if err != nil {
		return 0, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("send: %w", err)
	}
	defer resp.Body.Close()
	body.Reset()
	if _, err := body.ReadFrom(resp.Body); err != nil {
		return 0, fmt.Errorf("read response body: %w", err)
	}
	return resp.StatusCode, nil
}

func (s *httpSender) close() {}

// newSender picks the engine: raw for http:// unless told otherwise.
func newSender(engine string, client *http.Client, p prepared) (sender, error) {
	if engine == "" {
		engine = "auto"
	}
	switch {
	case engine == "nethttp" || engine == "auto" && !strings.HasPrefix(p.url, "http://"):
		return &httpSender{client: client, p: p}, nil
	case engine == "raw" || engine == "auto":
		return newRawClient(p)
	default:
		return nil, fmt.Errorf("unknown -engine %q (auto, raw, nethttp)", engine)
	}
}

// runWorkers sends p from n workers until d has passed (requests in flight
// then finish) or ctx is done.
func runWorkers(ctx context.Context, newS func() (sender, error), n int, d time.Duration) ([]*workerStats, error) {
	deadline := time.Now().Add(d)
	stats := make([]*workerStats, n)
	senders := make([]sender, n)
	for i := range senders {
		s, err := newS()
		if err != nil {
			return nil, err
		}
		senders[i] = s
	}
	var wg sync.WaitGroup
	for i := range stats {
		w := &workerStats{latencies: make([]time.Duration, 0, 4096)}
		stats[i] = w
		wg.Add(1)
		go func(s sender) {
			defer wg.Done()
			defer s.close()
			w.loop(ctx, s, deadline)
		}(senders[i])
	}
	wg.Wait()
	return stats, nil
}

var errorsKey = []byte(`"errors"`)

func (w *workerStats) loop(ctx context.Context, s sender, deadline time.Time) {
	var buf bytes.Buffer
	for ctx.Err() == nil && time.Now().Before(deadline) {
		start := time.Now()
		status, err := s.do(&buf)
		if err != nil {
			w.transportErrors++
			if w.lastError == nil {
				w.lastError = err
			}
			continue
		}
		w.latencies = append(w.latencies, time.Since(start))
		switch {
		case status != http.StatusOK:
			w.non200++
		case bytes.Contains(buf.Bytes(), errorsKey):
			w.graphqlErrors++
		}
	}
}

// percentile returns the q-quantile (nearest rank) of sorted latencies.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(q*float64(len(sorted)) + 0.999999999)
	if rank < 1 {
		rank = 1
	}
	if rank > len(sorted) {
		rank = len(sorted)
	}
	return sorted[rank-1]
}
