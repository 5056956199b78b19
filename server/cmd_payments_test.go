package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/app"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestParsePayments(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC) // 01:00 on 1 December in Vietnam
	for _, c := range []struct {
		args []string
		want paymentsOp // zero: a usage error
	}{
		{[]string{"reconcile"}, paymentsOp{sub: "reconcile", day: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}},
		{[]string{"reconcile", "--date", "2026-11-02"}, paymentsOp{sub: "reconcile", day: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)}},
		{[]string{"review"}, paymentsOp{sub: "review"}},
		{[]string{"resolve", "TT1", "--refund", "--reason", "asked"}, paymentsOp{sub: "resolve", code: "TT1", action: payment.ResolveRefund, reason: "asked"}},
		{[]string{"resolve", "--accept", "--reason=bank ok", "TT1"}, paymentsOp{sub: "resolve", code: "TT1", action: payment.ResolveAccept, reason: "bank ok"}},
		{nil, paymentsOp{}},
		{[]string{"reconcile", "--date", "30/11/2026"}, paymentsOp{}},
		{[]string{"review", "extra"}, paymentsOp{}},
		{[]string{"resolve", "TT1", "--refund"}, paymentsOp{}},                              // no reason
		{[]string{"resolve", "TT1", "--refund", "--accept", "--reason", "x"}, paymentsOp{}}, // both
		{[]string{"resolve", "TT1", "--reason", "x"}, paymentsOp{}},                         // neither
		{[]string{"resolve", "--refund", "--reason", "x"}, paymentsOp{}},                    // no code
		{[]string{"resolve", "TT1", "TT2", "--refund", "--reason", "x"}, paymentsOp{}},      // two codes
		{[]string{"settle", "TT1"}, paymentsOp{}},
	} {
		got, err := parsePayments(c.args, now)
		if c.want.sub == "" {
			if err == nil || !strings.Contains(err.Error(), "usage: dvcportal payments") {
				t.Errorf("parse %q = %+v, %v; want the usage", c.args, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("parse %q = %+v, %v; want %+v", c.args, got, err, c.want)
		}
	}
}

// TestPaymentsReviewAndResolve runs `payments review` and `payments resolve`
// as the CLI does (the operator actor, the service of an app wired on a real
// database) on two payments in REVIEW: one whose automatic refund covers it
// all, one whose provider cannot be reached.
func TestPaymentsReviewAndResolve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	if err := obligation.NewStore(db).LoadSandbox(ctx, obs); err != nil {
		t.Fatal(err)
	}
	cfg := apitest.TestConfig(t.TempDir())
	cfg.VNPay.APIURL = "http://127.0.0.1:1/unreachable" // the provider cannot be asked
	a, err := app.New(ctx, cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	svc := a.Payments()
	since := time.Date(2026, 11, 29, 3, 4, 0, 0, time.UTC) // 10:04 in Vietnam
	refunded := inReview(t, db, "TT2026112900000007", 800_000, 800_000, since, "DOUBLE_PAYMENT",
		"an obligation of TT2026112900000007 was already paid by another payment")
	stuck := inReview(t, db, "TT2026112900000009", 2_400_000, 0, since.Add(time.Hour), "", "")
	op := auth.WithActor(ctx, auth.OperatorActor("ops-tuan"))

	cli := func(args ...string) (string, error) {
		t.Helper()
		p, err := parsePayments(args, time.Now())
		if err != nil {
			t.Fatalf("parse %q: %v", args, err)
		}
		var out strings.Builder
		err = p.run(op, svc, &out)
		return out.String(), err
	}

	out, err := cli("review")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("dvcportal payments review:\n%s", out)
	for _, want := range []string{"payments in review: 2", refunded, "800.000 VND", "since 2026-11-29 10:04 ICT",
		"refunding 800.000 VND already", "DOUBLE_PAYMENT: an obligation of", stuck, "2.400.000 VND", "vnpay", "RECONCILIATION: pending at the provider"} {
		if !strings.Contains(out, want) {
			t.Errorf("review output lacks %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{"001090012345", "+849", "0912"} {
		if strings.Contains(out, secret) {
			t.Errorf("review output shows %q:\n%s", secret, out)
		}
	}

	// The provider cannot be reached: nothing changes.
	if _, err := cli("resolve", stuck, "--accept", "--reason", "bank says paid"); err == nil || !strings.Contains(err.Error(), "nothing changed") {
		t.Errorf("accept with the provider down: %v, want an error saying nothing changed", err)
	}
	// The automatic refund covers it all: settled without asking anyone.
	out, err = cli("resolve", refunded, "--refund", "--reason", "automatic refund seen at the bank")
	if err != nil {
		t.Fatalf("resolve --refund: %v", err)
	}
	if !strings.Contains(out, refunded+" resolved: FAILED") || !strings.Contains(out, "automatic refund seen at the bank") {
		t.Errorf("resolve output:\n%s", out)
	}
	var source, note, by string
	if err := db.QueryRowx(`SELECT e.source, e.note, e.data->>'operator' FROM payment_events e JOIN payments p ON p.id = e.payment_id
		WHERE p.code = $1 ORDER BY e.id DESC LIMIT 1`, refunded).Scan(&source, &note, &by); err != nil {
		t.Fatal(err)
	}
	if source != "OPERATOR" || by != "ops-tuan" || !strings.Contains(note, "automatic refund seen at the bank") {
		t.Errorf("last ledger event %s by %q: %q, want OPERATOR by ops-tuan with the reason", source, by, note)
	}
	// Resolving it again is a clear error.
	if _, err := cli("resolve", refunded, "--accept", "--reason", "again"); !errors.Is(err, payment.ErrNotInReview) ||
		!strings.Contains(err.Error(), refunded+" is FAILED") {
		t.Errorf("second resolution: %v, want %s is FAILED, not in review", err, refunded)
	}
	out, err = cli("review")
	if err != nil || !strings.Contains(out, "payments in review: 1") || strings.Contains(out, refunded) {
		t.Errorf("review after resolving one: %v\n%s", err, out)
	}
}

// inReview stores a payment in REVIEW of an open sandbox obligation no other
// payment pays, as the payment service leaves one: a discrepancy when kind
// is set (with the automatic refund's reservation), else the event of the
// day-long pending alert.
func inReview(t *testing.T, db *sqlx.DB, code string, amount, refunded int64, since time.Time, kind, note string) string {
	t.Helper()
	var obligationID int64
	var agency string
	if err := db.QueryRowx(`SELECT id, agency_code FROM obligations WHERE status = 'OPEN' AND id NOT IN
		(SELECT obligation_id FROM payment_items) ORDER BY id LIMIT 1`).Scan(&obligationID, &agency); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := db.Get(&id, `INSERT INTO payments (code, account_id, provider, status, amount, payee_bank_code, payee_account,
		return_url, refunded, created_at, expires_at, updated_at, idempotency_key, request_hash)
		VALUES ($1, 1, 'vnpay', 'REVIEW', $2, 'KBNN', '7111', 'https://portal.example/done', $3, $4, $4, $4, $5, '\x00')
		RETURNING id`, code, amount, refunded, since, "key-"+code); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO payment_items (payment_id, obligation_id, agency_code, amount, lines, state)
		VALUES ($1, $2, $3, $4, '[]', 'CLOSED')`, id, obligationID, agency, amount); err != nil {
		t.Fatal(err)
	}
	eventNote, source := "money taken for an obligation already paid by another payment: refunded in full", "NOTIFICATION"
	if kind == "" {
		eventNote, source = "pending at the provider for more than a day", "RECONCILIATION"
	} else if _, err := db.Exec(`INSERT INTO payment_discrepancies (day, payment_id, kind, note, found_at, dedup_key)
		VALUES ($1, $2, $3, $4, $5, $6)`, since.Format(time.DateOnly), id, kind, note, since, kind+":"+code); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO payment_events (payment_id, at, status, source, note) VALUES ($1, $2, 'REVIEW', $3, $4)`,
		id, since, source, eventNote); err != nil {
		t.Fatal(err)
	}
	return code
}
