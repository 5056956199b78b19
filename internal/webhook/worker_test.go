package webhook

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/outbound"
)

type staticSecrets map[string][]byte

func (s staticSecrets) Secret(_ context.Context, ref string) ([]byte, error) { return s[ref], nil }

// riverInserter adapts a River client to JobInserter.
type riverInserter struct{ c *river.Client[*sql.Tx] }

func (r riverInserter) InsertTx(ctx context.Context, tx *sqlx.Tx, args river.JobArgs, opts *river.InsertOpts) error {
	_, err := r.c.InsertTx(ctx, tx.Tx, args, opts)
	return err
}

// startRiver runs a River client with the delivery worker over db.
func startRiver(t *testing.T, db *sqlx.DB, cfg WorkerConfig) *Outbox {
	t.Helper()
	workers := river.NewWorkers()
	river.AddWorker(workers, NewWorker(db, staticSecrets{"svc:1": []byte("s3cret")}, cfg, nil))
	client, err := river.NewClient(riverdatabasesql.New(db.DB), &river.Config{
		Queues:            map[string]river.QueueConfig{jobs.QueueWebhook: {MaxWorkers: 4}},
		Workers:           workers,
		FetchCooldown:     20 * time.Millisecond,
		FetchPollInterval: 100 * time.Millisecond,
		TestOnly:          true,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stopCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = client.Stop(stopCtx)
		cancel()
	})
	return NewOutbox(riverInserter{client})
}

func enqueue(t *testing.T, db *sqlx.DB, o *Outbox, d Delivery) string {
	t.Helper()
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	key, err := o.EnqueueTx(context.Background(), tx, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return key
}

// partner is a fake agency endpoint that answers each request with the next
// scripted behaviour and records what it accepted.
type partner struct {
	mu     sync.Mutex
	script []string // "500", "hang", "200", "400"
	// failEvent: the first failTimes requests of this event get 500.
	failEvent string
	failTimes int
	calls     int
	keys      []string // Idempotency-Key of every request
	accepted  []Envelope
	badSig    int
}

func (p *partner) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	step := "200"
	if p.calls < len(p.script) {
		step = p.script[p.calls]
	}
	if ev := r.Header.Get(HeaderEvent); ev != "" && ev == p.failEvent && p.failTimes > 0 {
		p.failTimes--
		step = "500"
	}
	p.calls++
	key := r.Header.Get(HeaderIdempotency)
	p.keys = append(p.keys, key)
	if err := Verify([]byte("s3cret"), r.Header.Get(HeaderSignature), body, 5*time.Minute); err != nil || r.Header.Get(HeaderDelivery) != key {
		p.badSig++
	}
	p.mu.Unlock()
	switch step {
	case "hang":
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
		return
	case "500":
		w.WriteHeader(http.StatusInternalServerError)
		return
	case "400":
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var env Envelope
	if err := json.Unmarshal(body, &env); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	// A partner dedupes by key: a repeat is acknowledged, not processed twice.
	dup := false
	for _, a := range p.accepted {
		dup = dup || a.ID == env.ID
	}
	if !dup {
		p.accepted = append(p.accepted, env)
	}
	p.mu.Unlock()
	w.WriteHeader(http.StatusOK)
}

func (p *partner) snapshot() (calls int, keys []string, accepted []Envelope, badSig int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls, append([]string(nil), p.keys...), append([]Envelope(nil), p.accepted...), p.badSig
}

func waitStatus(t *testing.T, db *sqlx.DB, subject string, n int, want string) []Record {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		recs, err := List(context.Background(), db, subject)
		if err != nil {
			t.Fatal(err)
		}
		done := len(recs) == n
		for _, r := range recs {
			done = done && r.Status == want
		}
		if done {
			return recs
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries of %s not all %s: %+v", subject, want, recs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// fastRetries retries quickly. Its Timeout only ends a "hang" (which waits
// for the client to give up): it is long enough that an answered request
// never times out on a slow, busy machine under the race detector (an extra
// attempt would fail the attempt counts).
var fastRetries = WorkerConfig{Timeout: 2 * time.Second, BackoffBase: 50 * time.Millisecond, BackoffMax: 200 * time.Millisecond, OrderWait: 50 * time.Millisecond, Outbound: outbound.Config{AllowPrivate: true}}

func TestDeliveryRetriesUntilDeliveredOnce(t *testing.T) {
	db := newTestDB(t)
	p := &partner{script: []string{"500", "hang", "200"}}
	srv := httptest.NewServer(p)
	defer srv.Close()
	o := startRiver(t, db, fastRetries)

	key := enqueue(t, db, o, Delivery{Subject: "application:1", Event: "application.submitted", URL: srv.URL,
		SecretRef: "svc:1", Data: map[string]any{"code": "BHXH-20260101-000001"}})
	recs := waitStatus(t, db, "application:1", 1, "DELIVERED")

	calls, keys, accepted, badSig := p.snapshot()
	if calls != 3 || recs[0].Attempts != 3 {
		t.Fatalf("calls = %d, attempts = %d, want 3 (500, timeout, 200)", calls, recs[0].Attempts)
	}
	for _, k := range keys {
		if k != key {
			t.Fatalf("Idempotency-Key changed across retries: %v, want %s", keys, key)
		}
	}
	if badSig != 0 {
		t.Fatalf("%d requests with a bad signature", badSig)
	}
	if len(accepted) != 1 || accepted[0].ID != key || accepted[0].Event != "application.submitted" {
		t.Fatalf("accepted %+v", accepted)
	}
	var data map[string]string
	if err := json.Unmarshal(accepted[0].Data, &data); err != nil || data["code"] != "BHXH-20260101-000001" {
		t.Fatalf("data %s (%v)", accepted[0].Data, err)
	}
}

func TestDeliveriesOfOneSubjectArriveInOrder(t *testing.T) {
	db := newTestDB(t)
	// The first delivery fails twice; the second must wait for it.
	p := &partner{failEvent: "application.submitted", failTimes: 2}
	srv := httptest.NewServer(p)
	defer srv.Close()
	o := startRiver(t, db, fastRetries)
	for _, ev := range []string{"application.submitted", "application.cancelled", "application.noted"} {
		enqueue(t, db, o, Delivery{Subject: "application:7", Event: ev, URL: srv.URL, SecretRef: "svc:1", Data: ev})
	}
	waitStatus(t, db, "application:7", 3, "DELIVERED")
	_, _, accepted, _ := p.snapshot()
	var got []string
	for _, a := range accepted {
		got = append(got, a.Event)
	}
	want := []string{"application.submitted", "application.cancelled", "application.noted"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestDeliveryRefusedByPartnerFailsAndUnblocksTheNext(t *testing.T) {
	db := newTestDB(t)
	p := &partner{script: []string{"400"}}
	srv := httptest.NewServer(p)
	defer srv.Close()
	o := startRiver(t, db, fastRetries)
	enqueue(t, db, o, Delivery{Subject: "application:9", Event: "a", URL: srv.URL, SecretRef: "svc:1", Data: 1})
	enqueue(t, db, o, Delivery{Subject: "application:9", Event: "b", URL: srv.URL, SecretRef: "svc:1", Data: 2})
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, err := List(context.Background(), db, "application:9")
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 2 && recs[0].Status == "FAILED" && recs[1].Status == "DELIVERED" {
			if recs[0].Attempts != 1 || recs[0].LastStatus == nil || *recs[0].LastStatus != 400 {
				t.Fatalf("refused delivery %+v", recs[0])
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries %+v", recs)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestEnqueueRolledBackLeavesNothing(t *testing.T) {
	db := newTestDB(t)
	o := startRiver(t, db, fastRetries)
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.EnqueueTx(context.Background(), tx, Delivery{Subject: "s", Event: "e", URL: "http://127.0.0.1:1", SecretRef: "svc:1", Data: 1}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT (SELECT count(*) FROM webhook_deliveries) + (SELECT count(*) FROM river_job)`); err != nil || n != 0 {
		t.Fatalf("rows after rollback: %d (%v)", n, err)
	}
	if _, err := o.EnqueueTx(context.Background(), nil, Delivery{}); err == nil {
		t.Fatal("an empty delivery was accepted")
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{{1, 10 * time.Second}, {2, 20 * time.Second}, {3, 40 * time.Second}, {9, 2560 * time.Second}, {10, time.Hour}, {30, time.Hour}}
	for _, tt := range tests {
		if got := backoff(10*time.Second, time.Hour, tt.attempt); got != tt.want {
			t.Errorf("backoff(attempt %d) = %s, want %s", tt.attempt, got, tt.want)
		}
	}
}

// TestProductionDeliveryNeverReachesThisMachine: in production (no
// AllowPrivate) a partner URL whose name resolves to this machine is
// refused when dialled; the partner server never gets a request and the
// delivery records why.
func TestProductionDeliveryNeverReachesThisMachine(t *testing.T) {
	db := newTestDB(t)
	p := &partner{}
	srv := httptest.NewServer(p)
	defer srv.Close()
	cfg := fastRetries
	cfg.Outbound = outbound.Config{}
	o := startRiver(t, db, cfg)
	url := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	enqueue(t, db, o, Delivery{Subject: "application:9", Event: "application.submitted", URL: url, SecretRef: "svc:1", Data: "x"})
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, err := List(context.Background(), db, "application:9")
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 1 && recs[0].Attempts >= 2 {
			if recs[0].Status == "DELIVERED" || !strings.Contains(recs[0].LastError, "address refused") {
				t.Fatalf("delivery %+v, want refused attempts", recs[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no refused attempts recorded: %+v", recs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if calls, _, _, _ := p.snapshot(); calls != 0 {
		t.Fatalf("the local partner server got %d requests", calls)
	}
}
