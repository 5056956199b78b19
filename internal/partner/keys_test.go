package partner

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestKeys(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	c, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := catalogue.LoadSeed(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	k := NewKeys(db)

	client, key, err := k.Create(ctx, "EVN", "billing system")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(key, Prefix) || len(key) != keyLen || client.ID == 0 || client.KeyHint != key[:9] {
		t.Fatalf("key %q, client %+v", key, client)
	}
	_, key2, err := k.Create(ctx, "EVN", "")
	if err != nil || key2 == key {
		t.Fatalf("second key: %v (same: %v)", err, key2 == key)
	}
	var stored int
	if err := db.Get(&stored, `SELECT count(*) FROM partner_api_clients WHERE key_hint = $1 OR encode(key_hash, 'escape') LIKE '%' || $2 || '%'`, key, key[5:]); err != nil || stored != 0 {
		t.Fatalf("the key is stored in clear (%d rows, %v)", stored, err)
	}
	if _, _, err := k.Create(ctx, "NOPE", ""); !errors.Is(err, ErrUnknownAgency) {
		t.Fatalf("unknown agency: %v", err)
	}

	a, err := k.Authenticate(ctx, key)
	if err != nil || a.Kind != auth.Agency || a.AgencyCode != "EVN" || a.APIClientID != client.ID {
		t.Fatalf("actor = %+v, %v", a, err)
	}
	for _, bad := range []string{"", Prefix, key[:len(key)-1], key + "A", Prefix + strings.Repeat("A", 43), "dvcs_" + key[5:], Prefix + strings.Repeat("!", 43)} {
		if _, err := k.Authenticate(ctx, bad); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("token %q: err = %v", bad, err)
		}
	}

	if err := k.Revoke(ctx, client.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Authenticate(ctx, key); !errors.Is(err, auth.ErrInvalidToken) {
		t.Fatalf("revoked key: %v", err)
	}
	if err := k.Revoke(ctx, client.ID); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("second revoke: %v", err)
	}
	if _, err := k.Authenticate(ctx, key2); err != nil {
		t.Fatalf("the other key must still work: %v", err)
	}
	list, err := k.List(ctx, "EVN")
	if err != nil || len(list) != 2 || list[1].RevokedAt == nil || list[0].RevokedAt != nil || len(list[0].Scopes) != 2 {
		t.Fatalf("list = %+v, %v", list, err)
	}
}

func TestKeyScopes(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	c, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := catalogue.LoadSeed(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	k := NewKeys(db)
	for _, tt := range []struct {
		flag string
		want string
	}{{"", "catalogue,applications"}, {"catalogue", "catalogue"}, {" applications , applications", "applications"}} {
		scopes, err := ParseScopes(tt.flag)
		if err != nil {
			t.Fatalf("ParseScopes(%q): %v", tt.flag, err)
		}
		_, key, err := k.Create(ctx, "EVN", "", scopes...)
		if err != nil {
			t.Fatal(err)
		}
		a, err := k.Authenticate(ctx, key)
		if got := strings.Join(a.Scopes, ","); err != nil || got != tt.want {
			t.Errorf("--scope %q: actor scopes = %q, %v; want %q", tt.flag, got, err, tt.want)
		}
	}
	if _, err := ParseScopes("catalogue,admin"); !errors.Is(err, ErrUnknownScope) {
		t.Errorf("ParseScopes(admin) = %v, want ErrUnknownScope", err)
	}
	if _, _, err := k.Create(ctx, "EVN", "", "admin"); !errors.Is(err, ErrUnknownScope) {
		t.Errorf("Create with scope admin = %v, want ErrUnknownScope", err)
	}
}
