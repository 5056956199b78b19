package payment_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// harness is one payments service on its own database with real River
// workers, its IPN and return routes on a real HTTP server, and the fake
// provider. SMS are recorded in a table inside the sender's transaction, so
// a rolled-back transition sends nothing.
type harness struct {
	t      *testing.T
	db     *sqlx.DB
	svc    *payment.Service
	prov   *fakeProvider
	srv    *httptest.Server
	obs    *obligation.Store
	offset atomic.Int64 // clock offset in nanoseconds
}

const returnOrigin = "https://portal.example"

func newHarness(t *testing.T) *harness {
	t.Helper()
	db := pgtest.NewDB(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE test_sms (id bigserial PRIMARY KEY, phone text, text text)`); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, prov: newFakeProvider(), obs: obligation.NewStore(db)}
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.obs.LoadSandbox(ctx, obs); err != nil {
		t.Fatal(err)
	}
	ins := &jobs.Inserter{}
	srvMux := http.NewServeMux()
	h.srv = httptest.NewServer(srvMux)
	t.Cleanup(h.srv.Close)
	h.svc, err = payment.New(payment.Deps{DB: db, Obligations: h.obs, Providers: []provider.Provider{h.prov},
		Contacts: contacts{}, SMS: smsTable{}, Jobs: ins, Limiter: ratelimit.New(db),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		payment.Config{PublicURL: h.srv.URL, ReturnOrigins: []string{returnOrigin}, ReturnQueryDelay: time.Second,
			Merchants: map[string]string{"fake": h.prov.merchant}, Now: h.now})
	if err != nil {
		t.Fatal(err)
	}
	srvMux.Handle(payment.RoutePrefix, h.svc.Handler())
	workers := river.NewWorkers()
	if _, err := h.svc.RegisterWorkers(workers, time.Hour); err != nil {
		t.Fatal(err)
	}
	rc, err := river.NewClient(riverdatabasesql.New(db.DB), &river.Config{Workers: workers,
		Queues: jobs.QueueConfig(), FetchPollInterval: 100 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ins.Bind(rc)
	if err := rc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = rc.Stop(sctx)
	})
	return h
}

func (h *harness) now() time.Time { return time.Now().Add(time.Duration(h.offset.Load())) }

// advance moves the service's clock forward.
func (h *harness) advance(d time.Duration) { h.offset.Add(int64(d)) }

type contacts struct{}

func (contacts) Contact(context.Context, sqlx.QueryerContext, int64) (string, i18n.Lang, error) {
	return "+84912345678", i18n.VI, nil
}

type smsTable struct{}

func (smsTable) EnqueueTx(ctx context.Context, tx *sqlx.Tx, m notify.SMS) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO test_sms (phone, text) VALUES ($1, $2)`, m.To, m.Text)
	return err
}

// The actors of the tests: An (account 1) pays; Ngoc (account 2) is someone
// else; the agencies of the sandbox file.
func citizen(accountID int64, idNumber string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Citizen, AccountID: accountID, IDNumber: idNumber})
}

var (
	an   = citizen(1, "001090012345")
	ngoc = citizen(2, "079185769739")
)

func agency(code string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Agency, AgencyCode: code, APIClientID: 1})
}

// obligationID finds a sandbox obligation by its agency reference.
func (h *harness) obligationID(ref string) int64 {
	h.t.Helper()
	var id int64
	if err := h.db.Get(&id, `SELECT id FROM obligations WHERE source_ref = $1`, ref); err != nil {
		h.t.Fatalf("obligation %s: %v", ref, err)
	}
	return id
}

// Sandbox references used by the tests (internal/obligation/sandbox_obligations.json).
const (
	taxAn      = "04057866369400101" // 2,400,000 VND, An's personal income tax
	taxAn2     = "04057866369400102" // 650,000 VND, same payee
	taxPaid    = "04057866369400002" // already paid
	taxNgoc    = "04057866369400201" // another payee (KBNN TP HCM)
	fineNoHeld = "456/QĐ-XPHC"       // 800,000 VND fine without held papers
	fineHeld   = "123/QĐ-XPHC"       // fine with a held driving licence
)

func (h *harness) create(ctx context.Context, key string, refs ...string) (payment.Payment, error) {
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = h.obligationID(r)
	}
	return h.svc.Create(ctx, payment.CreateInput{ObligationIDs: ids, Provider: "fake", ReturnURL: returnOrigin + "/payments/done",
		IdempotencyKey: key, ClientIP: "203.0.113.7"})
}

func (h *harness) mustCreate(ctx context.Context, key string, refs ...string) payment.Payment {
	h.t.Helper()
	p, err := h.create(ctx, key, refs...)
	if err != nil {
		h.t.Fatalf("create payment: %v", err)
	}
	return p
}

// ipn sends a notification as the provider does (GET with the signed
// query) and returns the RspCode of our answer.
func (h *harness) ipn(v url.Values) string {
	h.t.Helper()
	code, err := h.tryIPN(v)
	if err != nil {
		h.t.Fatalf("send IPN: %v", err)
	}
	return code
}

func (h *harness) tryIPN(v url.Values) (string, error) {
	resp, err := http.Get(h.srv.URL + payment.NotificationPath("fake") + "?" + v.Encode())
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var a struct{ RspCode string }
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", err
	}
	return a.RspCode, nil
}

func (h *harness) get(id int64) payment.Payment {
	h.t.Helper()
	p, ok, err := h.svc.Get(an, id)
	if err != nil || !ok {
		h.t.Fatalf("get payment %d: ok=%v err=%v", id, ok, err)
	}
	return p
}

func (h *harness) count(query string, args ...any) int {
	h.t.Helper()
	var n int
	if err := h.db.Get(&n, query, args...); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (h *harness) sms() int { return h.count(`SELECT count(*) FROM test_sms`) }

// events counts a payment's ledger entries of the provider and the payer
// (not the agency's acknowledgement, which arrives asynchronously).
func (h *harness) events(id int64) int {
	return h.count(`SELECT count(*) FROM payment_events WHERE payment_id = $1 AND source <> 'AGENCY'`, id)
}

// eventually waits up to 20 s for cond (River's scheduler moves a scheduled
// job every 5 s; CI is a slow, busy machine).
func (h *harness) eventually(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pushed is one obligation an agency pushes to An.
func pushed(ref string, amount int64) []obligation.PushInput {
	return []obligation.PushInput{{Kind: obligation.KindTax, SourceRef: ref, DebtorIDNumber: "001090012345",
		DebtorName: "Nguyễn Văn An", Description: "Lệ phí", Lines: []obligation.Line{{Kind: obligation.LineFee, Name: "Lệ phí", Amount: amount}},
		Payee: obligation.Payee{BankCode: "KBNN", AccountNumber: "7111", AccountName: "KBNN Hà Nội"}}}
}
