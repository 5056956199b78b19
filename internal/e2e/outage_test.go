package e2e_test

import (
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// cutDatabase makes the server's database refuse connections and ends the
// open ones (a PostgreSQL outage for this database only); the returned
// function brings it back.
func cutDatabase(t *testing.T, srv *apitest.Server) (restore func()) {
	t.Helper()
	u, err := url.Parse(pgtest.URLFor(t, srv.DB))
	if err != nil {
		t.Fatal(err)
	}
	name := u.Path[1:]
	u.Path = "/postgres"
	admin, err := sqlx.Open("postgres", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	ident := `"` + name + `"`
	if _, err := admin.Exec(`ALTER DATABASE ` + ident + ` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	restored := false
	restore = func() {
		if restored {
			return
		}
		restored = true
		if _, err := admin.Exec(`ALTER DATABASE ` + ident + ` ALLOW_CONNECTIONS true`); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(restore)
	return restore
}

// TestDatabaseOutageDoesNotLogCitizensOut: while the session lookup itself
// fails, a request with a valid session is answered 503 INTERNAL with a
// retry hint, never UNAUTHENTICATED (clients drop the token on that); once
// the database is back the same token works. An invalid token is still
// UNAUTHENTICATED.
func TestDatabaseOutageDoesNotLogCitizensOut(t *testing.T) {
	t.Parallel()
	srv := apitest.New(t)
	token := srv.Register(t, apitest.Personas()[0])

	restore := cutDatabase(t, srv)
	resp := srv.Do(t, apitest.Request{Query: meDoc, Token: token})
	for _, code := range resp.ErrorCodes() {
		if code == "UNAUTHENTICATED" {
			t.Fatalf("valid session during an outage answered UNAUTHENTICATED: %s", resp)
		}
	}
	if resp.Status != 503 || resp.Header.Get("Retry-After") == "" || errorCode(t, resp) != "INTERNAL" {
		t.Fatalf("during the outage: %s (Retry-After %q), want 503 INTERNAL with Retry-After", resp, resp.Header.Get("Retry-After"))
	}
	restore()

	resp = srv.Do(t, apitest.Request{Query: meDoc, Token: token})
	resp.MustOK(t)
	var data struct {
		Viewer struct {
			Citizen *struct{ ID string } `json:"citizen"`
		} `json:"viewer"`
	}
	resp.Decode(t, &data)
	if data.Viewer.Citizen == nil {
		t.Fatalf("after the outage the session is gone: %s", resp)
	}
	resp = srv.Do(t, apitest.Request{Query: `{ viewer { citizen { id } } }`, Token: "dvcs_" + "x"})
	if resp.Status == 503 {
		t.Fatalf("an invalid token is not an outage: %s", resp)
	}
}

// gatewayTo returns the messages gw accepted for phone.
func gatewayTo(t *testing.T, gw *smsGateway, phone string) []apitest.SMS {
	t.Helper()
	to, err := vnid.NormalizeMobile(phone)
	if err != nil {
		t.Fatal(err)
	}
	var out []apitest.SMS
	for _, m := range gw.sent() {
		if m.To == to {
			out = append(out, m)
		}
	}
	return out
}

// waitGateway waits until gw accepted n messages for phone and returns them.
func waitGateway(t *testing.T, gw *smsGateway, phone string, n int, within time.Duration) []apitest.SMS {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if ms := gatewayTo(t, gw, phone); len(ms) >= n {
			return ms
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%d messages to the phone after %v, want %d", len(gatewayTo(t, gw, phone)), within, n)
	return nil
}

// TestSupersededOTPIsNotDelivered: the gateway is down while a citizen
// starts a login twice (the second supersedes the first); when it comes
// back only the live code is delivered, and it opens the session.
func TestSupersededOTPIsNotDelivered(t *testing.T) {
	t.Parallel()
	gw := &smsGateway{}
	gsrv := httptest.NewServer(gw)
	defer gsrv.Close()
	srv := apitest.New(t, apitest.WithConfig(func(c *config.Config) {
		c.SMSProvider, c.SMSHTTPURL, c.SMSHTTPToken = "http", gsrv.URL, "test-token"
	}))
	p := apitest.Personas()[1]
	reg := srv.RegisterCitizen(t, srv.RegistrationInput(t, p))
	if len(reg.UserErrors) > 0 || reg.Challenge == nil {
		t.Fatalf("register: %+v", reg.UserErrors)
	}
	code := apitest.OTPCode(waitGateway(t, gw, p.Phone, 1, 20*time.Second)[0].Text)
	if v := srv.VerifyOTP(t, reg.Challenge.ID, code); v.Session == nil {
		t.Fatalf("verify registration: %+v", v.UserErrors)
	}

	gw.set(true)
	first := srv.StartLogin(t, p.IDNumber, apitest.Password)
	time.Sleep(1500 * time.Millisecond) // the first code's attempts fail
	second := srv.StartLogin(t, p.IDNumber, apitest.Password)
	if first.Challenge == nil || second.Challenge == nil {
		t.Fatalf("startLogin: %+v / %+v", first.UserErrors, second.UserErrors)
	}
	time.Sleep(1500 * time.Millisecond)
	gw.set(false)
	up := time.Now()

	waitGateway(t, gw, p.Phone, 2, 30*time.Second)
	recovered := time.Since(up)
	time.Sleep(5 * time.Second) // a stale retry would arrive in this time
	ms := gatewayTo(t, gw, p.Phone)
	if len(ms) != 2 {
		t.Fatalf("messages after the outage = %d, want 1 (only the live code)", len(ms)-1)
	}
	t.Logf("live code delivered within %v after the gateway came back", recovered.Round(10*time.Millisecond))
	live := apitest.OTPCode(ms[1].Text)
	if v := srv.VerifyOTP(t, second.Challenge.ID, live); v.Session == nil {
		t.Fatalf("the delivered code does not open the live challenge: %+v", v.UserErrors)
	}
}
