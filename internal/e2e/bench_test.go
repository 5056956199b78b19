package e2e_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/contractops"
)

// Benchmarks of the public catalogue page over real loopback HTTP
// (DESIGN.md §9): BenchmarkCataloguePage measures our server,
// BenchmarkCatalogueCeiling a plain net/http handler returning the bytes our
// server answered for the same request. Both send the request with
// benchPost, so `go test -run '^$' -bench Catalogue ./internal/e2e` shows
// the ratio (req/s column).

// benchParallelism × GOMAXPROCS client goroutines, each with its own
// keep-alive connection, keep the server busy rather than waiting on
// round trips.
const benchParallelism = 16

// catalogueRequestBody is the POST body of the catalogue page (20 services).
func catalogueRequestBody(b *testing.B) []byte {
	b.Helper()
	body, err := json.Marshal(map[string]any{"query": contractops.Catalogue, "variables": map[string]any{"first": 20}})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// benchPost sends body to url from parallel clients for b.N requests,
// failing on any non-200 answer, and reports requests per second.
func benchPost(b *testing.B, url string, body []byte) {
	b.Helper()
	transport := &http.Transport{MaxIdleConnsPerHost: 1024, DisableCompression: true}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport}
	b.SetParallelism(benchParallelism)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/graphql-response+json, application/json")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Errorf("POST %s: status %d, read error %v", url, resp.StatusCode, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// capturePage sends body to url once and returns the answer's bytes and
// Content-Type, refusing anything but a 200 without GraphQL errors.
func capturePage(b *testing.B, url string, body []byte) ([]byte, string) {
	b.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatalf("capture: %v", err)
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatalf("capture: read: %v", err)
	}
	var parsed struct {
		Data   json.RawMessage
		Errors []json.RawMessage
	}
	if err := json.Unmarshal(page, &parsed); err != nil || resp.StatusCode != http.StatusOK || len(parsed.Errors) > 0 || len(parsed.Data) < 100 {
		b.Fatalf("capture: status %d, %d bytes, decode error %v: %.300s", resp.StatusCode, len(page), err, page)
	}
	return page, resp.Header.Get("Content-Type")
}

// BenchmarkCatalogueCeiling is the net/http ceiling of the catalogue page:
// a handler that only reads the request and writes the captured answer.
func BenchmarkCatalogueCeiling(b *testing.B) {
	srv := apitest.New(b)
	body := catalogueRequestBody(b)
	page, contentType := capturePage(b, srv.URL+"/graphql", body)

	ceiling := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, "read body", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(page) // a client gone mid-write is not the handler's error
	}))
	defer ceiling.Close()
	benchPost(b, ceiling.URL+"/graphql", body)
}

// processCPU is the CPU time (user + system) this process has used: on a
// shared machine, CPU per request is steadier than requests per second.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPrivatePage is a logged-in citizen's private page in-process:
// the session lookup (prepared by the connection's statement cache) then gqlgen.
// cpu-µs/op is this process only (PostgreSQL's parse and plan, which the
// prepared statement saves, show in req/s).
func BenchmarkPrivatePage(b *testing.B) {
	srv := apitest.New(b)
	token := srv.Register(b, apitest.Personas()[0])
	body, err := json.Marshal(map[string]any{"query": `{ viewer { citizen { id fullName } } }`})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0 := processCPU(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			hr := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			hr.Header.Set("Content-Type", "application/json")
			hr.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			srv.App.Handler.ServeHTTP(rec, hr)
			if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`"fullName"`)) {
				b.Errorf("status %d: %.300s", rec.Code, rec.Body.Bytes())
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
}
