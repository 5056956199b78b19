package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivertype"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

var testSecret = []byte("test secret of at least 32 bytes!")

// syncBuffer is a log sink safe for the workers' goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type env struct {
	db       *sqlx.DB
	notifier *Notifier
	logs     *syncBuffer
}

// newEnv starts a real River client on a fresh database with the SMS
// workers delivering through provider, retrying after backoff.
func newEnv(t *testing.T, provider Provider, backoff time.Duration, checks ...*Checks) *env {
	t.Helper()
	var c *Checks
	if len(checks) > 0 {
		c = checks[0]
	}
	db := pgtest.NewDB(t)
	logs := &syncBuffer{}
	workers := river.NewWorkers()
	err := RegisterWorkers(workers, provider, db, WorkerConfig{
		Secret:  testSecret,
		Logger:  slog.New(slog.NewTextHandler(logs, nil)),
		Backoff: func(int) time.Duration { return backoff },
		Checks:  c,
	})
	if err != nil {
		t.Fatal(err)
	}
	client, err := river.NewClient(riverdatabasesql.New(db.DB), &river.Config{
		Queues:            jobs.QueueConfig(),
		Workers:           workers,
		FetchPollInterval: 100 * time.Millisecond,
		FetchCooldown:     50 * time.Millisecond,
		Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		TestOnly:          true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := client.Stop(ctx); err != nil {
			t.Errorf("stop River: %v", err)
		}
	})
	inserter := &jobs.Inserter{}
	inserter.Bind(client)
	n, err := NewNotifier(inserter, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	return &env{db: db, notifier: n, logs: logs}
}

// enqueue queues sms in its own committed transaction and returns the
// notification ID.
func (e *env) enqueue(t *testing.T, sms SMS) int64 {
	t.Helper()
	tx, err := e.db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.notifier.EnqueueTx(context.Background(), tx, sms); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := tx.Get(&id, `SELECT max(id) FROM notifications`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return id
}

// waitFinal waits until the notification reaches a final status and its
// job is no longer pending, and returns it.
func (e *env) waitFinal(t *testing.T, id int64) Notification {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := GetNotification(context.Background(), e.db, id)
		if err != nil {
			t.Fatal(err)
		}
		var pending int
		if err := e.db.Get(&pending, `SELECT count(*) FROM river_job
			WHERE (args->>'notification_id')::bigint = $1
			  AND state NOT IN ('completed', 'cancelled', 'discarded')`, id); err != nil {
			t.Fatal(err)
		}
		if pending == 0 && (n.Status == StatusSent || n.Status == StatusFailed || n.Status == StatusExpired) {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("notification %d still %s after 20 s (pending jobs %d)", id, n.Status, pending)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func otpSMS(code string, expires time.Time) SMS {
	return SMS{
		To:        "0912345678",
		Text:      "DVC: Ma xac thuc cua ban la " + code + ", hieu luc 5 phut.",
		Purpose:   PurposeOTP,
		ExpiresAt: &expires,
	}
}

func TestFileSinkEndToEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	e := newEnv(t, NewFileProvider(path), 10*time.Millisecond)
	id := e.enqueue(t, otpSMS("482913", time.Now().Add(5*time.Minute)))
	bulk := e.enqueue(t, SMS{To: "+84981234567", Text: "DVC: Ho so A1 da duoc tiep nhan.", Purpose: PurposeApplication})

	if n := e.waitFinal(t, id); n.Status != StatusSent || n.Attempts != 1 {
		t.Errorf("OTP notification = %+v, want SENT after 1 attempt", n)
	}
	if n := e.waitFinal(t, bulk); n.Status != StatusSent {
		t.Errorf("bulk notification = %+v, want SENT", n)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []FileLine
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var fl FileLine
		if err := json.Unmarshal([]byte(l), &fl); err != nil {
			t.Fatalf("sink line %q: %v", l, err)
		}
		lines = append(lines, fl)
	}
	if len(lines) != 2 {
		t.Fatalf("sink has %d lines, want 2", len(lines))
	}
	var otp FileLine
	for _, l := range lines {
		if l.Purpose == PurposeOTP {
			otp = l
		}
	}
	if otp.To != "+84912345678" || !strings.Contains(otp.Text, "482913") {
		t.Errorf("OTP line = %+v", otp)
	}
}

func TestOTPIsNeverStoredOrLoggedInClear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	e := newEnv(t, NewFileProvider(path), 10*time.Millisecond)
	id := e.enqueue(t, otpSMS("482913", time.Now().Add(5*time.Minute)))
	n := e.waitFinal(t, id)
	if n.Text != "DVC: Ma xac thuc cua ban la ******, hieu luc 5 phut." {
		t.Errorf("stored text = %q, want the code redacted", n.Text)
	}
	var args string
	if err := e.db.Get(&args, `SELECT args::text FROM river_job WHERE (args->>'notification_id')::bigint = $1`, id); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(args, "482913") || strings.Contains(args, "Ma xac thuc") {
		t.Errorf("job args hold the text in clear: %s", args)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "SMS sent") {
		t.Errorf("no log line for the send: %q", logs)
	}
	for _, secret := range []string{"482913", "912345678", "Ma xac thuc"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q: %s", secret, logs)
		}
	}
}

func TestEnqueueRolledBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	e := newEnv(t, NewFileProvider(path), 10*time.Millisecond)
	tx, err := e.db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.notifier.EnqueueTx(context.Background(), tx, otpSMS("111111", time.Now().Add(time.Minute))); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// A committed message after it: once it is delivered, the rolled-back
	// one would have been too.
	id := e.enqueue(t, SMS{To: "0912345678", Text: "after", Purpose: PurposeNotice})
	e.waitFinal(t, id)
	var rows, jobs int
	if err := e.db.Get(&rows, `SELECT count(*) FROM notifications`); err != nil {
		t.Fatal(err)
	}
	if err := e.db.Get(&jobs, `SELECT count(*) FROM river_job`); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if rows != 1 || jobs != 1 || strings.Contains(string(b), "111111") {
		t.Errorf("after rollback: %d notifications, %d jobs, sink %q", rows, jobs, b)
	}
}

func TestEnqueueQueuesAndPriorities(t *testing.T) {
	e := newEnv(t, NewFileProvider(filepath.Join(t.TempDir(), "sms.jsonl")), 10*time.Millisecond)
	otp := e.enqueue(t, otpSMS("123456", time.Now().Add(time.Minute)))
	bulk := e.enqueue(t, SMS{To: "0912345678", Text: "hello", Purpose: PurposeApplication})
	for _, tc := range []struct {
		id       int64
		queue    string
		priority int
	}{{otp, jobs.QueueSMSOTP, 1}, {bulk, jobs.QueueSMSBulk, 2}} {
		var got struct {
			Queue    string `db:"queue"`
			Priority int    `db:"priority"`
		}
		if err := e.db.Get(&got, `SELECT queue, priority FROM river_job WHERE (args->>'notification_id')::bigint = $1`, tc.id); err != nil {
			t.Fatal(err)
		}
		if got.Queue != tc.queue || got.Priority != tc.priority {
			t.Errorf("notification %d: queue %s priority %d, want %s %d", tc.id, got.Queue, got.Priority, tc.queue, tc.priority)
		}
	}
}

func TestEnqueueRefusesInvalid(t *testing.T) {
	e := newEnv(t, NewFileProvider(filepath.Join(t.TempDir(), "sms.jsonl")), 10*time.Millisecond)
	tx, err := e.db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := e.notifier.EnqueueTx(context.Background(), tx, SMS{To: "0241234567", Text: "x", Purpose: PurposeNotice}); err == nil {
		t.Error("landline accepted")
	}
}

// gateway is a fake SMS gateway speaking the http provider's protocol. It
// de-duplicates by Idempotency-Key as a real one does; behaviours script its
// first answers ("500", "hang": accept the message but answer after the
// client's timeout, "400"), then it answers 200.
type gateway struct {
	mu         sync.Mutex
	behaviours []string
	requests   []gatewayRequest
	delivered  map[string]int // reference → deliveries to the phone
}

type gatewayRequest struct {
	key  string
	body httpRequest
	at   time.Time
}

func newGateway(t *testing.T, behaviours ...string) (*gateway, *httptest.Server) {
	g := &gateway{behaviours: behaviours, delivered: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body httpRequest
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || r.Header.Get("Authorization") != "Bearer gw-token" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		key := r.Header.Get("Idempotency-Key")
		g.mu.Lock()
		n := len(g.requests)
		g.requests = append(g.requests, gatewayRequest{key: key, body: body, at: time.Now()})
		behaviour := "200"
		if n < len(g.behaviours) {
			behaviour = g.behaviours[n]
		}
		deliver := func() {
			if g.delivered[key] == 0 {
				g.delivered[key]++
			}
		}
		switch behaviour {
		case "500":
			g.mu.Unlock()
			w.WriteHeader(http.StatusInternalServerError)
		case "400":
			g.mu.Unlock()
			w.WriteHeader(http.StatusBadRequest)
		case "hang":
			// Answer only once the client gave up (its timeout closed the
			// connection), whatever the machine's speed.
			deliver()
			g.mu.Unlock()
			select {
			case <-r.Context().Done():
			case <-time.After(30 * time.Second):
			}
			w.WriteHeader(http.StatusOK)
		default:
			deliver()
			g.mu.Unlock()
			w.WriteHeader(http.StatusOK)
		}
	}))
	t.Cleanup(srv.Close)
	return g, srv
}

func (g *gateway) snapshot() ([]gatewayRequest, map[string]int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	d := make(map[string]int, len(g.delivered))
	for k, v := range g.delivered {
		d[k] = v
	}
	return append([]gatewayRequest(nil), g.requests...), d
}

func newHTTPEnv(t *testing.T, backoff time.Duration, behaviours ...string) (*env, *gateway) {
	g, srv := newGateway(t, behaviours...)
	// The client's timeout only ends a "hang" (which waits for it): it is
	// long enough that an answered request never times out on a slow, busy
	// machine under the race detector (a fourth attempt would fail the tests).
	p, err := NewHTTPProvider(srv.URL, "gw-token", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return newEnv(t, p, backoff), g
}

func TestHTTPGatewayFailsTimesOutRecovers(t *testing.T) {
	e, g := newHTTPEnv(t, 10*time.Millisecond, "500", "hang")
	id := e.enqueue(t, otpSMS("654321", time.Now().Add(5*time.Minute)))
	n := e.waitFinal(t, id)
	if n.Status != StatusSent || n.Attempts != 3 {
		t.Errorf("notification = %+v, want SENT after 3 attempts", n)
	}
	reqs, delivered := g.snapshot()
	if len(reqs) != 3 {
		t.Fatalf("gateway got %d requests, want 3", len(reqs))
	}
	for _, r := range reqs {
		if r.key != reqs[0].key || r.body.Reference != r.key || r.body.To != "+84912345678" || !strings.Contains(r.body.Text, "654321") {
			t.Errorf("request = %+v", r)
		}
	}
	if len(delivered) != 1 || delivered[reqs[0].key] != 1 {
		t.Errorf("deliveries = %v, want the message exactly once", delivered)
	}
}

func TestHTTPGateway4xxIsNotRetried(t *testing.T) {
	e, g := newHTTPEnv(t, 10*time.Millisecond, "400")
	id := e.enqueue(t, SMS{To: "0912345678", Text: "hello", Purpose: PurposeApplication})
	n := e.waitFinal(t, id)
	if n.Status != StatusFailed || n.Attempts != 1 || n.LastError == nil || !strings.Contains(*n.LastError, "400") {
		t.Errorf("notification = %+v, want FAILED after 1 attempt with the status", n)
	}
	var state string
	if err := e.db.Get(&state, `SELECT state FROM river_job WHERE (args->>'notification_id')::bigint = $1`, id); err != nil {
		t.Fatal(err)
	}
	if reqs, _ := g.snapshot(); len(reqs) != 1 || state != "cancelled" {
		t.Errorf("gateway got %d requests, job %s; want 1 request, job cancelled", len(reqs), state)
	}
}

func TestExpiredOTPIsNeverSent(t *testing.T) {
	e, g := newHTTPEnv(t, 10*time.Millisecond)
	id := e.enqueue(t, otpSMS("777777", time.Now().Add(-time.Second)))
	n := e.waitFinal(t, id)
	if n.Status != StatusExpired || n.Attempts != 0 {
		t.Errorf("notification = %+v, want EXPIRED without an attempt", n)
	}
	if reqs, _ := g.snapshot(); len(reqs) != 0 {
		t.Errorf("gateway got %d requests for an expired OTP", len(reqs))
	}
}

func TestOTPRetriesStopAtExpiry(t *testing.T) {
	// The gateway fails every time; retries 400 ms apart; the code expires
	// 3 s after queueing (time for a first attempt on a slow, busy machine;
	// fewer than 20 attempts fit in it): the message is dropped, never sent
	// late.
	fails := make([]string, 20)
	for i := range fails {
		fails[i] = "500"
	}
	e, g := newHTTPEnv(t, 400*time.Millisecond, fails...)
	expires := time.Now().Add(3 * time.Second)
	id := e.enqueue(t, otpSMS("888888", expires))
	n := e.waitFinal(t, id)
	if n.Status != StatusExpired {
		t.Errorf("notification = %+v, want EXPIRED", n)
	}
	reqs, delivered := g.snapshot()
	if len(reqs) == 0 || len(delivered) != 0 {
		t.Errorf("gateway got %d requests and %d deliveries; want ≥1 and 0", len(reqs), len(delivered))
	}
	for _, r := range reqs {
		if !r.at.Before(expires) {
			t.Errorf("request at %s, after the expiry %s", r.at, expires)
		}
	}
}

// TestMessageNoLongerCurrentIsDropped: a message whose subject's check says
// it is no longer current (a superseded OTP) is dropped before any attempt;
// a current one is sent; a failing check is retried, not a drop.
func TestMessageNoLongerCurrentIsDropped(t *testing.T) {
	g, srv := newGateway(t)
	p, err := NewHTTPProvider(srv.URL, "gw-token", 10*time.Second) // answered at once: never its timeout
	if err != nil {
		t.Fatal(err)
	}
	checks := NewChecks()
	var checkFails atomic.Int32
	checkFails.Store(2)
	checks.Register("t", func(_ context.Context, subject string) (bool, error) {
		if subject == "t:flaky" && checkFails.Add(-1) >= 0 {
			return false, errors.New("database down")
		}
		return subject != "t:stale", nil
	})
	e := newEnv(t, p, 10*time.Millisecond, checks)
	expires := time.Now().Add(time.Minute)
	stale := otpSMS("111111", expires)
	stale.Subject = "t:stale"
	live := otpSMS("222222", expires)
	live.Subject = "t:live"
	flaky := otpSMS("333333", expires)
	flaky.Subject = "t:flaky"
	staleID, liveID, flakyID := e.enqueue(t, stale), e.enqueue(t, live), e.enqueue(t, flaky)
	if n := e.waitFinal(t, staleID); n.Status != StatusExpired || n.Attempts != 0 {
		t.Errorf("stale message = %+v, want EXPIRED without an attempt", n)
	}
	if n := e.waitFinal(t, liveID); n.Status != StatusSent {
		t.Errorf("live message = %+v, want SENT", n)
	}
	if n := e.waitFinal(t, flakyID); n.Status != StatusSent {
		t.Errorf("message whose check failed twice = %+v, want SENT after retries", n)
	}
	reqs, _ := g.snapshot()
	for _, r := range reqs {
		if strings.Contains(r.body.Text, "111111") {
			t.Errorf("the stale code reached the gateway")
		}
	}
	if len(reqs) != 2 {
		t.Errorf("gateway requests = %d, want 2 (live and flaky, once each)", len(reqs))
	}
}

// TestRetryDelayIsCappedAndOTPRetriesUntilExpiry: 1 s doubling, capped at
// 60 s for bulk messages (River's default was attempt⁴ seconds: ~10 minutes
// late after a 5-minute outage) and 30 s for OTPs, whose attempt budget
// outlasts the code's validity (they are dropped at expiry, not earlier).
func TestRetryDelayIsCappedAndOTPRetriesUntilExpiry(t *testing.T) {
	w := &smsWorker{now: time.Now}
	tests := []struct {
		attempt int
		expires bool
		want    time.Duration
	}{
		{1, false, time.Second}, {2, false, 2 * time.Second}, {6, false, 32 * time.Second},
		{7, false, 60 * time.Second}, {10, false, 60 * time.Second}, {50, false, 60 * time.Second},
		{1, true, time.Second}, {5, true, 16 * time.Second}, {6, true, 30 * time.Second}, {40, true, 30 * time.Second},
	}
	for _, tt := range tests {
		job := &river.Job[SMSArgs]{JobRow: &rivertype.JobRow{Attempt: tt.attempt}}
		if tt.expires {
			exp := time.Now().Add(time.Hour)
			job.Args.ExpiresAt = &exp
		}
		got := time.Until(w.NextRetry(job)).Round(time.Second)
		if got != tt.want {
			t.Errorf("retry after attempt %d (expires %v) in %v, want %v", tt.attempt, tt.expires, got, tt.want)
		}
	}
	var total time.Duration
	for a := 1; a < maxAttemptsOTP; a++ {
		total += RetryDelay(a, true)
	}
	if total < 5*time.Minute {
		t.Errorf("OTP attempts span %v, less than the code's 5 minutes", total)
	}
}
