package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

func TestSessionIdleTimeoutSlides(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	sess := h.register(t, 0)
	h.clock.Advance(SessionIdleTimeout - time.Minute)
	if _, err := h.svc.Authenticate(ctx, sess.Token); err != nil {
		t.Fatalf("active session refused: %v", err)
	}
	h.clock.Advance(SessionIdleTimeout - time.Minute) // idle since the last use: still under 30 min
	if _, err := h.svc.Authenticate(ctx, sess.Token); err != nil {
		t.Fatalf("used session refused: %v", err)
	}
	h.clock.Advance(SessionIdleTimeout)
	if _, err := h.svc.Authenticate(ctx, sess.Token); !errors.Is(err, auth.ErrInvalidToken) {
		t.Fatalf("idle session: %v", err)
	}
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	sess := h.register(t, 0)
	for h.clock.Now().Before(sess.ExpiresAt.Add(-20 * time.Minute)) {
		h.clock.Advance(20 * time.Minute)
		if _, err := h.svc.Authenticate(ctx, sess.Token); err != nil {
			t.Fatalf("at %v: %v", h.clock.Now(), err)
		}
	}
	h.clock.Advance(20 * time.Minute)
	if _, err := h.svc.Authenticate(ctx, sess.Token); !errors.Is(err, auth.ErrInvalidToken) {
		t.Fatalf("after 12 hours: %v", err)
	}
}

func TestLogoutRevokesAtOnce(t *testing.T) {
	h := newHarness(t)
	sess := h.register(t, 0)
	actor, err := h.svc.Authenticate(context.Background(), sess.Token)
	if err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithActor(context.Background(), actor)
	if ok, err := h.svc.Logout(ctx); err != nil || !ok {
		t.Fatalf("logout: %v %v", ok, err)
	}
	if _, err := h.svc.Authenticate(context.Background(), sess.Token); !errors.Is(err, auth.ErrInvalidToken) {
		t.Fatalf("after logout: %v", err)
	}
	if ok, _ := h.svc.Logout(ctx); ok {
		t.Fatal("revoked twice")
	}
	if _, err := h.svc.Logout(context.Background()); !errors.Is(err, apperr.ErrUnauthenticated) {
		t.Fatalf("anonymous logout: %v", err)
	}
}

func TestAuthenticateRefusesMalformedTokens(t *testing.T) {
	h := newHarness(t)
	sess := h.register(t, 0)
	for _, tok := range []string{"", "dvcs_", "dvca_" + sess.Token[5:], sess.Token + "x", sess.Token[:len(sess.Token)-1] + "A"} {
		if tok == sess.Token {
			continue
		}
		if _, err := h.svc.Authenticate(context.Background(), tok); !errors.Is(err, auth.ErrInvalidToken) {
			t.Errorf("token %d chars: %v", len(tok), err)
		}
	}
}

func TestCitizenOnlyForThatCitizen(t *testing.T) {
	h := newHarness(t)
	a := h.register(t, 0)
	b := h.register(t, 1)
	actorA, err := h.svc.Authenticate(context.Background(), a.Token)
	if err != nil {
		t.Fatal(err)
	}
	ctx := auth.WithActor(context.Background(), actorA)
	c, err := h.svc.Citizen(ctx, a.AccountID)
	if err != nil || c.AccountID != a.AccountID || c.FullName != h.persons[0].FullName ||
		c.MaskedIDNumber != vnid.MaskIDNumber(h.persons[0].IDNumber) || c.MaskedIDNumber == h.persons[0].IDNumber {
		t.Fatalf("own record: %v %+v", err, c.MaskedIDNumber)
	}
	if _, err := h.svc.Citizen(ctx, b.AccountID); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("another citizen: %v", err)
	}
	if _, err := h.svc.Citizen(context.Background(), a.AccountID); !errors.Is(err, apperr.ErrNotFound) {
		t.Fatalf("anonymous: %v", err)
	}
}

// TestCitizenViewIsMasked: the citizen view the API is handed holds no
// identifier in clear, whatever fields it has (masking is the domain's).
func TestCitizenViewIsMasked(t *testing.T) {
	h := newHarness(t)
	for i := range h.persons {
		sess := h.register(t, i)
		actor, err := h.svc.Authenticate(context.Background(), sess.Token)
		if err != nil {
			t.Fatal(err)
		}
		c, err := h.svc.Citizen(auth.WithActor(context.Background(), actor), sess.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		p := h.persons[i]
		national, _ := vnid.NationalMobile(p.Phone)
		secrets := []string{p.IDNumber, p.Phone, national, p.SocialInsuranceCode}
		if p.Card != nil {
			secrets = append(secrets, p.Card.Number)
		}
		shown := fmt.Sprintf("%+v %+v", c, c.Card)
		for _, s := range secrets {
			if s != "" && strings.Contains(shown, s) {
				t.Errorf("person %d: the citizen view shows %q in clear: %s", i, s, shown)
			}
		}
	}
}
