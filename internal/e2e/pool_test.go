package e2e_test

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/payment/vnpaysandbox"
)

// onPoolOfOne runs fn with the server's PostgreSQL pool bounded to one
// connection. A request that waits for a second connection while its
// transaction holds the first would wait there forever, and with a pool of
// N, N such requests at once would stall the process (postgres.Open): after
// 20 s the bound is lifted, so that fn can finish, and the test fails.
func onPoolOfOne(t *testing.T, srv *apitest.Server, what string, fn func()) {
	t.Helper()
	srv.DB.SetMaxOpenConns(1)
	var stuck atomic.Bool
	watchdog := time.AfterFunc(20*time.Second, func() { stuck.Store(true); srv.DB.SetMaxOpenConns(0) })
	fn()
	watchdog.Stop()
	srv.DB.SetMaxOpenConns(0)
	if stuck.Load() {
		t.Fatalf("%s on a pool of one connection: still waiting after 20 s (a second connection taken inside a transaction)", what)
	}
}

// TestStatusSMSOnAPoolOfOne: an agency's move queues the applicant's SMS in
// its transaction, reading the applicant's contact on that transaction's
// connection, not on a second one.
func TestStatusSMSOnAPoolOfOne(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	token := srv.Register(t, appAn)
	out := appReissue(t, srv, token, appReissueInput(t, srv, appAn.SocialInsuranceCode, "LOST", appPostal(), "pool-1"))
	if out.Application == nil {
		t.Fatalf("reissue: got userErrors %+v, want an application", out.UserErrors)
	}
	receipt := waitApplicationSMS(t, srv, out.Application.Code)
	agency := srv.AgencyKey(t, "BHXH")
	onPoolOfOne(t, srv, "an agency's move", func() {
		if got := appTransition(t, srv, agency, out.Application.ID, "RECEIVE", "", nil); got.Application == nil {
			t.Errorf("receive: got userErrors %+v, want the application", got.UserErrors)
		}
	})
	srv.WaitSMS(t, func(m apitest.SMS) bool {
		return m.To == appAn.Phone && m.Purpose != "OTP" && strings.Contains(m.Text, out.Application.Code) && m.Text != receipt.Text
	})
}

// TestPaymentSMSOnAPoolOfOne: the provider's notice of a successful payment
// queues the payer's SMS in its transaction, reading the payer's contact on
// that transaction's connection.
func TestPaymentSMSOnAPoolOfOne(t *testing.T) {
	t.Parallel()
	e := newPayEnv(t)
	p := e.mustCreate(t, "pool-1", e.findTaxes(t)[0].ID)
	onPoolOfOne(t, e.srv, "a provider's notice", func() {
		e.pay(t, p, vnpaysandbox.OutcomeSuccess)
		e.waitStatus(t, p.ID, "SUCCEEDED")
	})
	e.srv.WaitSMS(t, func(m apitest.SMS) bool { return m.To == appAn.Phone && strings.Contains(m.Text, p.Code) })
}
