package identity

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// TestContactOfIsCurrent: after an account's phone and language change, the
// next request of its session and every other asker get the new contact.
func TestContactOfIsCurrent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	s0, s1 := h.register(t, 0), h.register(t, 1)
	const phone = "+84399000333"
	if _, err := h.db.Exec(`UPDATE identity_accounts SET phone = $2, language = 'en' WHERE id = $1`, s0.AccountID, phone); err != nil {
		t.Fatal(err)
	}
	want := Contact{Phone: phone, Lang: i18n.EN}
	citizen, err := h.svc.Authenticate(ctx, s0.Token) // the session's next request
	if err != nil {
		t.Fatal(err)
	}
	if got := (Contact{Phone: citizen.Phone, Lang: citizen.Lang}); got != want {
		t.Fatalf("the citizen's actor carries %+v, want %+v", got, want)
	}
	other, err := h.svc.Authenticate(ctx, s1.Token)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		actor auth.Actor
	}{
		{"the citizen themself", citizen},
		{"another citizen", other},
		{"an agency", auth.Actor{Kind: auth.Agency, AgencyCode: "BHXH"}},
		{"no actor (a job)", auth.Actor{}},
	} {
		got, err := h.svc.ContactOf(auth.WithActor(ctx, tc.actor), h.db, s0.AccountID)
		if err != nil || got != want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, want)
		}
	}
	// Inside the caller's transaction the account is read on the
	// transaction's connection: with a pool of one, a read on the pool
	// would wait for the transaction forever.
	h.db.SetMaxOpenConns(1)
	defer h.db.SetMaxOpenConns(0)
	tctx, tcancel := context.WithTimeout(auth.WithActor(ctx, auth.Actor{Kind: auth.Agency, AgencyCode: "BHXH"}), 5*time.Second)
	defer tcancel()
	err = postgres.InTx(tctx, h.db, func(tx *sqlx.Tx) error {
		got, err := h.svc.ContactOf(tctx, tx, s0.AccountID)
		if err == nil && got != want {
			t.Errorf("inside a transaction: got %+v; want %+v", got, want)
		}
		return err
	})
	if err != nil {
		t.Errorf("inside a transaction on a pool of one connection: %v", err)
	}
	// The citizen's own contact is the one their request's session lookup
	// read: no query (it is answered on a context too late for one).
	done, cancel := context.WithCancel(auth.WithActor(ctx, citizen))
	cancel()
	if got, err := h.svc.ContactOf(done, h.db, s0.AccountID); err != nil || got != want {
		t.Errorf("the citizen's own contact on a cancelled request: got %+v, %v; want %+v with no query", got, err, want)
	}
}
