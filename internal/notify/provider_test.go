package notify

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFileProviderConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "sms.jsonl")
	// Two providers on one file stand for two processes.
	ps := []*FileProvider{NewFileProvider(path), NewFileProvider(path)}
	var wg sync.WaitGroup
	const n = 100
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := Message{To: "+84912345678", Text: fmt.Sprintf("message %03d %s", i, strings.Repeat("x", 300)), Purpose: PurposeNotice}
			if err := ps[i%2].Send(context.Background(), m); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l FileLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if l.To != "+84912345678" || l.Purpose != PurposeNotice || l.At.IsZero() {
			t.Errorf("line = %+v", l)
		}
		seen[l.Text[:11]] = true
	}
	if len(seen) != n {
		t.Errorf("got %d distinct lines, want %d", len(seen), n)
	}
}

func TestHTTPProviderStatuses(t *testing.T) {
	var got struct {
		sync.Mutex
		auth, key, ctype string
		body             httpRequest
		status           int
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Lock()
		defer got.Unlock()
		got.auth, got.key, got.ctype = r.Header.Get("Authorization"), r.Header.Get("Idempotency-Key"), r.Header.Get("Content-Type")
		if err := json.NewDecoder(r.Body).Decode(&got.body); err != nil {
			t.Error(err)
		}
		w.WriteHeader(got.status)
	}))
	defer srv.Close()
	p, err := NewHTTPProvider(srv.URL, "tok3n", 10*time.Second) // answered at once: never its timeout
	if err != nil {
		t.Fatal(err)
	}
	m := Message{To: "+84912345678", Text: "secret 123456", Purpose: PurposeOTP, Reference: "dvc-sms-7"}

	tests := []struct {
		status    int
		ok        bool
		permanent bool
	}{
		{200, true, false},
		{202, true, false},
		{400, false, true},
		{401, false, true},
		{422, false, true},
		{408, false, false},
		{429, false, false},
		{500, false, false},
		{503, false, false},
	}
	for _, tt := range tests {
		got.Lock()
		got.status = tt.status
		got.Unlock()
		err := p.Send(context.Background(), m)
		if (err == nil) != tt.ok || errors.Is(err, ErrRejected) != tt.permanent {
			t.Errorf("status %d: err = %v, want ok=%v permanent=%v", tt.status, err, tt.ok, tt.permanent)
		}
		if err != nil && (strings.Contains(err.Error(), "123456") || strings.Contains(err.Error(), "912345678")) {
			t.Errorf("error leaks text or phone: %v", err)
		}
	}
	got.Lock()
	defer got.Unlock()
	if got.auth != "Bearer tok3n" || got.key != "dvc-sms-7" || got.ctype != "application/json" {
		t.Errorf("headers: auth=%q key=%q type=%q", got.auth, got.key, got.ctype)
	}
	if got.body != httpRequest(m) {
		t.Errorf("body = %+v", got.body)
	}
}

func TestHTTPProviderTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	p, err := NewHTTPProvider(srv.URL, "t", 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Send(context.Background(), Message{To: "+84912345678", Text: "x", Purpose: PurposeNotice, Reference: "r"})
	if err == nil || errors.Is(err, ErrRejected) {
		t.Fatalf("err = %v, want a retryable timeout", err)
	}
}

func TestNewProvider(t *testing.T) {
	tests := []struct {
		cfg ProviderConfig
		ok  bool
	}{
		{ProviderConfig{Kind: ProviderFile, FilePath: "/tmp/x.jsonl"}, true},
		{ProviderConfig{Kind: ProviderFile}, false},
		{ProviderConfig{Kind: ProviderHTTP, HTTPURL: "https://sms.example/send", HTTPToken: "t"}, true},
		{ProviderConfig{Kind: ProviderHTTP, HTTPURL: "https://sms.example/send"}, false},
		{ProviderConfig{Kind: ProviderHTTP, HTTPURL: "ftp://x", HTTPToken: "t"}, false},
		{ProviderConfig{Kind: ProviderHTTP, HTTPURL: "", HTTPToken: "t"}, false},
		{ProviderConfig{Kind: "smpp"}, false},
	}
	for _, tt := range tests {
		_, err := NewProvider(tt.cfg)
		if (err == nil) != tt.ok {
			t.Errorf("NewProvider(%+v) err = %v, want ok=%v", tt.cfg, err, tt.ok)
		}
	}
}
