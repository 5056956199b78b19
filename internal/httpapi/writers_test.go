package httpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestWrappersKeepResponseController: every response-writer wrapper of the
// transport passes Flush on and unwraps, so http.ResponseController reaches
// the server's writer through it (flushing, write deadlines).
func TestWrappersKeepResponseController(t *testing.T) {
	t.Parallel()
	wrappers := []struct {
		name string
		wrap func(http.ResponseWriter) http.ResponseWriter
	}{
		{"statusRecorder", func(w http.ResponseWriter) http.ResponseWriter { return &statusRecorder{ResponseWriter: w} }},
		{"jsonStatus", func(w http.ResponseWriter) http.ResponseWriter { return &jsonStatus{ResponseWriter: w} }},
		{"cacheRecorder", func(w http.ResponseWriter) http.ResponseWriter { return &cacheRecorder{ResponseWriter: w} }},
		{"all three", func(w http.ResponseWriter) http.ResponseWriter {
			return &cacheRecorder{ResponseWriter: &jsonStatus{ResponseWriter: &statusRecorder{ResponseWriter: w}}}
		}},
	}
	for _, tc := range wrappers {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			errs := make(chan [2]error, 1)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				rc := http.NewResponseController(tc.wrap(w))
				_, _ = io.WriteString(w, "first\n")
				errs <- [2]error{rc.Flush(), rc.SetWriteDeadline(time.Now().Add(time.Minute))}
			}))
			defer srv.Close()
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			got := <-errs
			if got[0] != nil {
				t.Errorf("Flush through %s = %v, want nil", tc.name, got[0])
			}
			if got[1] != nil {
				t.Errorf("SetWriteDeadline through %s = %v, want nil", tc.name, got[1])
			}
		})
	}
}

// TestFlushReachesTheClient: a flush through the wrappers sends what was
// written before the handler returns.
func TestFlushReachesTheClient(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		ww := &cacheRecorder{ResponseWriter: &jsonStatus{ResponseWriter: &statusRecorder{ResponseWriter: w}}}
		_, _ = io.WriteString(ww, "first\n")
		_ = http.NewResponseController(ww).Flush()
		<-release
	}))
	defer srv.Close()
	defer close(release)
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, len("first\n"))
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != "first\n" {
		t.Fatalf("read before the handler returned = %q, %v; want %q, nil", buf, err, "first\n")
	}
}
