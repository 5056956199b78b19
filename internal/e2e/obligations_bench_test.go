package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// The issue-11 figures: lookups per second and payments per second, end to
// end through the real handler (GraphQL over HTTP, PostgreSQL, the VNPAY
// sandbox on its own port), with the lookup rate limits off.
//
//	go test ./internal/e2e -run '^$' -bench 'FindObligations|PayFines' -benchtime 3s

func noFindLimits(c *config.Config) {
	c.RateLimits.FindObligationsPerIP = ratelimit.Limit{}
	c.RateLimits.FindObligationsPerAccount = ratelimit.Limit{}
}

// BenchmarkFindObligations: findObligations of each kind against the
// built-in sandbox file, from 2 × GOMAXPROCS clients.
func BenchmarkFindObligations(b *testing.B) {
	e := newPayEnv(b, noFindLimits)
	for _, c := range []struct {
		name string
		in   map[string]any
	}{
		{"tax", map[string]any{"kind": "TAX", "taxCode": "0100233488"}},
		{"electricity", map[string]any{"kind": "ELECTRICITY_BILL", "customerCode": "PD02000765432"}},
		{"fine", map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": "123/QĐ-XPHC", "plateNumber": "30A12345"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetParallelism(2)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if obs, ues := e.find(b, e.an, c.in); len(obs) == 0 || len(ues) > 0 {
						b.Errorf("lookup: %d obligations, %+v", len(obs), ues)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
		})
	}
}

// BenchmarkPayFines: per iteration, a citizen looks a fine up (decision and
// plate), pays it with its held papers at the counter, and the sandbox's
// success IPN confirms it: one lookup and one payment end to end. The fines
// are a generated SANDBOX_OBLIGATIONS file (any valid file works).
func BenchmarkPayFines(b *testing.B) {
	type fine struct {
		DecisionNumber   string            `json:"decisionNumber"`
		PlateNumber      string            `json:"plateNumber"`
		ViolatorIDNumber string            `json:"violatorIdNumber"`
		ViolatorName     string            `json:"violatorName"`
		DecidedOn        string            `json:"decidedOn"`
		ReceivedOn       string            `json:"receivedOn"`
		Unit             string            `json:"unit"`
		Violation        string            `json:"violation"`
		Article          string            `json:"article"`
		Fine             int64             `json:"fine"`
		HeldPapers       []string          `json:"heldPapers"`
		Points           int               `json:"points"`
		Payee            map[string]string `json:"payee"`
	}
	fines := make([]fine, b.N)
	for i := range fines {
		fines[i] = fine{DecisionNumber: fmt.Sprintf("B%d/QĐ-XPHC", i), PlateNumber: "30A12345", ViolatorIDNumber: appAn.IDNumber,
			ViolatorName: appAn.FullName, DecidedOn: "2026-11-01", ReceivedOn: "2026-11-01", Unit: "PC08-HN", Violation: "Vượt đèn đỏ",
			Article: "Điều 6 khoản 9 điểm c Nghị định 168/2024/NĐ-CP", Fine: 400_000, HeldPapers: []string{"DRIVING_LICENCE"},
			Payee: map[string]string{"bankCode": "KBNN", "accountNumber": "7111", "accountName": "KBNN Hà Nội"}}
	}
	file := filepath.Join(b.TempDir(), "obligations.json")
	raw, err := json.Marshal(map[string]any{"trafficFines": fines})
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		b.Fatal(err)
	}
	e := newPayEnv(b, noFindLimits, func(c *config.Config) { c.SandboxObligations = file })
	// The test template holds the built-in file; load this one as a start
	// with SANDBOX_OBLIGATIONS does.
	obs, err := obligation.ReadSandboxFile(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := obligation.NewStore(e.srv.DB).LoadSandbox(context.Background(), obs); err != nil {
		b.Fatal(err)
	}
	var next atomic.Int64
	counter := map[string]any{"delivery": map[string]any{"method": "COUNTER"}}
	b.SetParallelism(2)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			obs, _ := e.find(b, e.an, map[string]any{"kind": "TRAFFIC_FINE", "decisionNumber": fines[i].DecisionNumber, "plateNumber": "30A-123.45"})
			if len(obs) != 1 {
				b.Errorf("fine %d: %d found", i, len(obs))
				return
			}
			p, ues := e.createWith(b, e.an, fmt.Sprint("bench-", i), counter, obs[0].ID)
			if p == nil {
				b.Errorf("fine %d: %q", i, ueString(ues))
				return
			}
			e.pay(b, p, vnpaysandbox.OutcomeSuccess)
		}
	})
	b.StopTimer()
	if n := appCount(b, e.srv, "payments WHERE status = 'SUCCEEDED'"); n != b.N {
		b.Fatalf("%d payments succeeded, want %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "payments/s")
}
