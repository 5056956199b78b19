// Package apitest runs the real HTTP handler of internal/app over a fresh
// PostgreSQL database with all reference data, for end-to-end API tests: real
// HTTP on loopback, real workers, the SMS file sink read back by the test.
//
// A test package using it declares `func TestMain(m *testing.M) { pgtest.Main(m) }`.
package apitest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/peterldowns/pgtestdb"

	"github.com/dvcportal/dvcportal/internal/app"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/migrations"
)

// Secret is the server key of every test server (so two processes on one
// database agree on OTP HMACs).
const Secret = "apitest-secret-0123456789abcdef0123456789"

// Server is one running API process.
type Server struct {
	URL    string
	DB     *sqlx.DB
	App    *app.App
	Config config.Config
	HTTP   *httptest.Server
	// Client sends requests; it keeps connections alive.
	Client *http.Client
}

// Option adjusts a test server's configuration before it starts.
type Option func(*config.Config)

// WithConfig lets a test change any setting (e.g. SMS_PROVIDER=http).
func WithConfig(fn func(*config.Config)) Option { return Option(fn) }

// TestConfig is the configuration of a test server: sandbox mode, the test
// captcha, SMS to a file in dataDir, workers on.
func TestConfig(dataDir string) config.Config {
	cfg, err := config.Parse(func(string) string { return "" })
	if err != nil {
		panic(err)
	}
	cfg.DataDir = dataDir
	cfg.Secret = []byte(Secret)
	cfg.CaptchaProvider = "test"
	cfg.SMSProvider = "file"
	cfg.ShutdownTimeout = 5 * time.Second
	cfg.UnitsFile = UnitsFile()
	return cfg
}

// UnitsFile is the ward list: DVC_UNITS_FILE, or the shared reference data
// beside the repository; empty when neither exists.
func UnitsFile() string {
	if f := os.Getenv("DVC_UNITS_FILE"); f != "" {
		return f
	}
	_, here, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "data", "vn-admin-units", "units-2026-07-25.json")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// referenceData is the pgtestdb template with migrations and all reference
// data: provinces, wards, catalogue, calendar, sandbox personas.
type referenceData struct{}

func (referenceData) Hash() (string, error) {
	h, err := migrations.Hash()
	return "ref-v1-" + h, err
}

func (referenceData) Migrate(ctx context.Context, db *sql.DB, _ pgtestdb.Config) error {
	if err := migrations.Up(ctx, db); err != nil {
		return err
	}
	// The app makes its documents folder in its data dir: a scratch one,
	// removed afterwards, so building the template leaves nothing in /tmp.
	dir, err := os.MkdirTemp("", "dvc-template-")
	if err != nil {
		return fmt.Errorf("template data dir: %w", err)
	}
	defer os.RemoveAll(dir)
	x := sqlx.NewDb(db, "postgres")
	a, err := app.New(ctx, TestConfig(dir), x, discardLogger())
	if err != nil {
		return err
	}
	return a.LoadReferenceData(ctx)
}

// NewDB returns a fresh database with migrations and all reference data.
func NewDB(t testing.TB) *sqlx.DB {
	t.Helper()
	return pgtest.NewDBWith(t, referenceData{})
}

var (
	dataDirsMu sync.Mutex
	dataDirs   = map[*sqlx.DB]string{}
)

// New starts a server on a fresh database with all reference data.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	return NewOnDB(t, NewDB(t), opts...)
}

// NewOnDB starts a server on db. A second server on the same db is a second
// process of the same deployment: same secret, same data dir (so the SMS sink
// is shared).
func NewOnDB(t testing.TB, db *sqlx.DB, opts ...Option) *Server {
	t.Helper()
	dataDirsMu.Lock()
	dir, ok := dataDirs[db]
	if !ok {
		dir = t.TempDir()
		dataDirs[db] = dir
	}
	dataDirsMu.Unlock()
	cfg := TestConfig(dir)
	for _, o := range opts {
		o(&cfg)
	}
	ctx := context.Background()
	a, err := app.New(ctx, cfg, db, testLogger(t))
	if err != nil {
		t.Fatalf("apitest: wire app: %v", err)
	}
	if err := a.Start(ctx); err != nil {
		t.Fatalf("apitest: start app: %v", err)
	}
	hs := httptest.NewServer(a.Handler)
	s := &Server{URL: hs.URL, DB: db, App: a, Config: cfg, HTTP: hs, Client: hs.Client()}
	t.Cleanup(func() {
		hs.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Stop(sctx); err != nil {
			t.Errorf("apitest: stop app: %v", err)
		}
	})
	return s
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testLogger writes the server's logs to the test log when -v, and keeps
// them available to a failing test.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

// Request is one GraphQL request.
type Request struct {
	Query         string
	Variables     map[string]any
	OperationName string
	// Token is sent as Authorization: Bearer.
	Token   string
	Headers map[string]string
}

// GQLError is one error of a GraphQL response.
type GQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is extensions.code.
func (e GQLError) Code() string { s, _ := e.Extensions["code"].(string); return s }

// Response is what the server answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	Data   json.RawMessage `json:"data"`
	Errors []GQLError      `json:"errors"`
}

// Decode decodes data into v, failing the test when it cannot.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if len(r.Data) == 0 || string(r.Data) == "null" {
		t.Fatalf("response has no data: %s", r.Body)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode data: %v in %s", err, r.Body)
	}
}

// ErrorCodes lists extensions.code of every error.
func (r *Response) ErrorCodes() []string {
	out := make([]string, len(r.Errors))
	for i, e := range r.Errors {
		out[i] = e.Code()
	}
	return out
}

// Do POSTs req to /graphql and decodes the answer.
func (s *Server) Do(t testing.TB, req Request) *Response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": req.Query, "variables": req.Variables, "operationName": req.OperationName})
	if err != nil {
		t.Fatalf("encode request: %v", err)
	}
	hr, err := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", "application/json")
	if req.Token != "" {
		hr.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Headers {
		hr.Header.Set(k, v)
	}
	return s.Send(t, hr)
}

// Send sends a raw HTTP request and decodes a GraphQL answer when there is one.
func (s *Server) Send(t testing.TB, hr *http.Request) *Response {
	t.Helper()
	resp, err := s.Client.Do(hr)
	if err != nil {
		t.Fatalf("send request: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
	if json.Valid(b) {
		_ = json.Unmarshal(b, out)
	}
	return out
}

// MustOK fails the test unless the response is 200 without errors.
func (r *Response) MustOK(t testing.TB) *Response {
	t.Helper()
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("want 200 without errors, got %d: %s", r.Status, r.Body)
	}
	return r
}

// String shows the body (for failure messages).
func (r *Response) String() string { return fmt.Sprintf("%d %s", r.Status, r.Body) }
