package e2e_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
)

// pushObligations publishes n tax obligations of 10,000 VND to An through
// the agency API (untimed set-up) and returns their IDs.
func pushObligations(b *testing.B, e *payEnv, n int) []string {
	b.Helper()
	key := e.srv.AgencyKey(b, "THUE")
	var ids []string
	for start := 0; start < n; start += 100 {
		var obs []map[string]any
		for i := start; i < min(n, start+100); i++ {
			obs = append(obs, map[string]any{"kind": "TAX", "sourceRef": fmt.Sprintf("BENCH-%d", i), "debtorIdNumber": appAn.IDNumber,
				"debtorName": appAn.FullName, "description": "Lệ phí trước bạ", "lines": []map[string]any{{"kind": "FEE", "name": "Lệ phí", "amount": 10000}},
				"payee": map[string]any{"bankCode": "KBNN", "accountNumber": "7111", "accountName": "KBNN Hà Nội"}})
		}
		var d struct {
			UpsertObligations struct {
				Obligations []struct{ ID string }
				UserErrors  []payUE
			}
		}
		e.payOp(b, key, "UpsertObligations", map[string]any{"input": map[string]any{"obligations": obs}}).MustOK(b).Decode(b, &d)
		if len(d.UpsertObligations.UserErrors) > 0 {
			b.Fatalf("push: %+v", d.UpsertObligations.UserErrors)
		}
		for _, o := range d.UpsertObligations.Obligations {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

// BenchmarkPaymentCreateAndConfirm: createPayment over GraphQL, the sandbox's
// pay page, the pressed button and its IPN (answered before the sandbox
// redirects), i.e. one payment created and confirmed end to end per
// iteration, from 4 clients at once.
func BenchmarkPaymentCreateAndConfirm(b *testing.B) {
	e := newPayEnv(b)
	ids := pushObligations(b, e, b.N)
	var next atomic.Int64
	b.SetParallelism(2) // × GOMAXPROCS clients
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			p := e.mustCreate(b, fmt.Sprint("bench-", i), ids[i])
			e.pay(b, p, vnpaysandbox.OutcomeSuccess)
		}
	})
	b.StopTimer()
	if n := appCount(b, e.srv, "payments WHERE status = 'SUCCEEDED'"); n != b.N {
		b.Fatalf("%d payments succeeded, want %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "payments/s")
}

// BenchmarkPaymentNotification: the IPN alone (signature, lock, checks, one
// transaction with the event, obligations, confirmation, SMS and agency
// jobs, the answer). The payments are created and paid with the IPN
// dropped, untimed; the timed part is the sandbox sending each genuine IPN.
func BenchmarkPaymentNotification(b *testing.B) {
	e := newPayEnv(b)
	ids := pushObligations(b, e, b.N)
	refs := make([]string, b.N)
	for i := range b.N {
		p := e.mustCreate(b, fmt.Sprint("bench-", i), ids[i])
		if err := e.sb.SetFault(vnpaysandbox.FaultDrop, 1); err != nil {
			b.Fatal(err)
		}
		e.pay(b, p, vnpaysandbox.OutcomeSuccess)
		refs[i] = p.Code
	}
	var next atomic.Int64
	b.SetParallelism(2)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			ref := refs[next.Add(1)-1]
			if code, err := e.sb.ResendIPN(context.Background(), ref); err != nil || code != "00" {
				b.Errorf("IPN %s: %s %v", ref, code, err)
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
}
