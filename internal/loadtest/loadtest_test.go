package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

// TestMain lets the test binary play the ceiling child when -ceiling
// re-executes it (os.Executable is the test binary here); the tests of the
// submission row's cycles run against a real server (pgtest).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "-serve-file" {
		main()
		return
	}
	pgtest.Main(m)
}

func TestPrepare(t *testing.T) {
	tests := []struct {
		name      string
		spec      requestSpec
		wantMeth  string
		wantURL   string
		wantBody  string
		wantError bool
	}{
		{
			name:     "post",
			spec:     requestSpec{url: "http://h/graphql", query: "{ a }", variables: `{"x":1}`, operationName: "Q", headers: [][2]string{{"Accept-Language", "en"}}},
			wantMeth: "POST", wantURL: "http://h/graphql",
			wantBody: `{"query":"{ a }","variables":{"x":1},"operationName":"Q"}`,
		},
		{
			name:     "get",
			spec:     requestSpec{url: "http://h/graphql?x=y", query: "{ a }", variables: `{"x":1}`, get: true},
			wantMeth: "GET", wantURL: "http://h/graphql?query=%7B+a+%7D&variables=%7B%22x%22%3A1%7D&x=y",
		},
		{name: "bad variables", spec: requestSpec{url: "http://h/", query: "{ a }", variables: "{"}, wantError: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.spec.prepare()
			if (err != nil) != tc.wantError {
				t.Fatalf("err %v, want error %v", err, tc.wantError)
			}
			if err != nil {
				return
			}
			if p.method != tc.wantMeth || p.url != tc.wantURL || string(p.body) != tc.wantBody {
				t.Errorf("got %s %s %s", p.method, p.url, p.body)
			}
			if tc.wantMeth == "POST" && p.header.Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type %q", p.header.Get("Content-Type"))
			}
			for _, h := range tc.spec.headers {
				if p.header.Get(h[0]) != h[1] {
					t.Errorf("header %s = %q", h[0], p.header.Get(h[0]))
				}
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		q    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.9, 90 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0, time.Millisecond}}
	for _, tc := range tests {
		if got := percentile(lat, tc.q); got != tc.want {
			t.Errorf("percentile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("percentile(nil) = %v", got)
	}
}

// TestMeasureCountsAnswers runs the workers against a server whose answers
// cycle through 200, 200 with GraphQL errors, and 500.
func TestMeasureCountsAnswers(t *testing.T) {
	for _, engine := range []string{"raw", "nethttp"} {
		t.Run(engine, func(t *testing.T) { testMeasureCountsAnswers(t, engine) })
	}
}

func testMeasureCountsAnswers(t *testing.T, engine string) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !bytes.Contains(body, []byte(`"query":"{ a }"`)) {
			http.Error(w, "bad request body", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch n.Add(1) % 3 {
		case 1:
			_, _ = w.Write([]byte(`{"data":{"a":1}}`))
		case 2:
			_, _ = w.Write([]byte(`{"data":null,"errors":[{"message":"x"}]}`))
		default:
			w.WriteHeader(http.StatusInternalServerError)
		}
	}))
	defer srv.Close()

	// 1 s, not 200 ms: 30 answers must fit even on a slow, busy CI under the
	// race detector (the check is that the workers loop, not a speed).
	opts := options{engine: engine, concurrency: 3, duration: time.Second, request: requestSpec{url: srv.URL, query: "{ a }"}}
	r, err := measure(context.Background(), opts, opts.request)
	if err != nil {
		t.Fatal(err)
	}
	if r.Requests < 30 {
		t.Fatalf("only %d requests in %s, want at least 30", r.Requests, opts.duration)
	}
	// One request (the capture) happened before the measured ones.
	for name, got := range map[string]int{"non-200": r.Non200, "GraphQL errors": r.GraphQLErrors} {
		if third := r.Requests / 3; got < third-3 || got > third+3 {
			t.Errorf("%s = %d of %d requests, want about a third", name, got, r.Requests)
		}
	}
	if r.TransportErrors != 0 {
		t.Errorf("transport errors %d", r.TransportErrors)
	}
	if !(r.P50 > 0 && r.P50 <= r.P90 && r.P90 <= r.P99 && r.P99 <= r.Max) {
		t.Errorf("latencies out of order: %v %v %v %v", r.P50, r.P90, r.P99, r.Max)
	}
}

// TestRawClientReadsChunkedAndClosedAnswers covers the answers the raw
// engine must parse: a chunked body, and Connection: close (redial).
func TestRawClientReadsChunkedAndClosedAnswers(t *testing.T) {
	big := strings.Repeat(`{"x":"0123456789"},`, 2000)
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("close") != "" {
			w.Header().Set("Connection", "close")
		}
		_, _ = io.WriteString(w, big[:len(big)/2])
		w.(http.Flusher).Flush() // forces chunked encoding
		_, _ = io.WriteString(w, big[len(big)/2:])
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	for _, tc := range []struct {
		query     string
		wantConns int64
	}{{"", 1}, {"?close=1", 3}} {
		conns.Store(0)
		p, err := requestSpec{url: srv.URL + tc.query, query: "{ a }"}.prepare()
		if err != nil {
			t.Fatal(err)
		}
		c, err := newRawClient(p)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		for range 3 {
			status, err := c.do(&body)
			if err != nil || status != http.StatusOK || body.String() != big {
				t.Fatalf("%s: status %d, %d bytes, err %v", tc.query, status, body.Len(), err)
			}
		}
		c.close()
		if got := conns.Load(); got != tc.wantConns {
			t.Errorf("%q: %d connections for 3 requests, want %d", tc.query, got, tc.wantConns)
		}
	}
}

func TestRawClientReportsARefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p, err := requestSpec{url: "http://" + addr + "/graphql", query: "{ a }"}.prepare()
	if err != nil {
		t.Fatal(err)
	}
	c, err := newRawClient(p)
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	if _, err := c.do(&body); err == nil || !strings.Contains(err.Error(), "dial") {
		t.Errorf("err %v, want a dial error", err)
	}
}

func TestMeasureRefusesANon200Capture(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "nope", http.StatusTeapot)
	}))
	defer srv.Close()
	opts := options{concurrency: 1, duration: time.Millisecond, request: requestSpec{url: srv.URL, query: "{ a }"}}
	if _, err := measure(context.Background(), opts, opts.request); err == nil || !strings.Contains(err.Error(), "418") {
		t.Fatalf("err %v, want the 418 reported", err)
	}
}

// TestRunWithCeiling runs the whole tool: target, then the ceiling child
// (this test binary re-executed) serving the captured bytes.
func TestRunWithCeiling(t *testing.T) {
	const answer = `{"data":{"provinces":[{"code":"01"}]}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/graphql-response+json")
		_, _ = io.WriteString(w, answer)
	}))
	defer srv.Close()

	saved := t.TempDir() + "/body.json"
	var out bytes.Buffer
	err := run([]string{"-url", srv.URL, "-query", "{ provinces { code } }", "-c", "2", "-d", "200ms", "-warmup", "0", "-ceiling", "-json", "-save", saved}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	var rep struct {
		Target, Ceiling struct {
			Target        string
			Requests      int
			Non200        int
			ResponseBytes int
		}
		Ratio float64
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("decode %s: %v", out.String(), err)
	}
	if rep.Target.Requests == 0 || rep.Ceiling.Requests == 0 || rep.Ratio <= 0 {
		t.Errorf("report %+v", rep)
	}
	if rep.Ceiling.Target == srv.URL || !strings.HasPrefix(rep.Ceiling.Target, "http://127.0.0.1:") {
		t.Errorf("ceiling measured %q", rep.Ceiling.Target)
	}
	if rep.Ceiling.ResponseBytes != len(answer) || rep.Ceiling.Non200 != 0 {
		t.Errorf("ceiling answered %d bytes, %d non-200", rep.Ceiling.ResponseBytes, rep.Ceiling.Non200)
	}
	if b, err := os.ReadFile(saved); err != nil || string(b) != answer {
		t.Errorf("saved body %q, %v", b, err)
	}
}

func TestParseFlagsRefusesBadInput(t *testing.T) {
	tests := [][]string{
		{},
		{"-url", "http://h/"},
		{"-url", "http://h/", "-query", "{a}", "-c", "0"},
		{"-url", "http://h/", "-query", "{a}", "-H", "no colon"},
		{"-url", "http://h/", "-query-file", "/does/not/exist"},
		{"-url", "http://h/", "-query", "{a}", "-engine", "curl"},
	}
	for _, args := range tests {
		if _, err := parseFlags(args); err == nil {
			t.Errorf("parseFlags(%q) accepted", args)
		}
	}
}
