package e2e_test

import (
	"net/url"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apitest"
	"github.com/dvcportal/dvcportal/internal/pgtest"
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
	token := registered(t, srv, newInbox(), personas(t)[0])

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
	noErrors(t, resp)
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
