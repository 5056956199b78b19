package identity

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

func TestRateLimitsPerIPAndPerAccount(t *testing.T) {
	h := newHarnessWith(t, &Limits{
		LoginPerIP:      Limit{Max: 3, Window: time.Minute},
		LoginPerAccount: Limit{Max: 2, Window: 15 * time.Minute},
	})
	ipA := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("203.0.113.7")})
	ipB := reqmeta.With(context.Background(), reqmeta.Meta{IP: netip.MustParseAddr("198.51.100.9")})
	// Per account: the third try for one ID number is refused even from another IP.
	for range 2 {
		if _, err := h.svc.StartLogin(ipA, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatal(err)
		}
	}
	_, err := h.svc.StartLogin(ipB, h.login(0, "wrong password"))
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited || ae.RetryAfter <= 0 {
		t.Fatalf("third try for one account: %v", err)
	}
	// Per IP: ipA has used 2 of 3; one more, then refused for any ID number.
	if _, err := h.svc.StartLogin(ipA, h.login(1, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
		t.Fatal(err)
	}
	if _, err := h.svc.StartLogin(ipA, h.login(2, "wrong password")); !errors.As(err, &ae) || ae.Code != apperr.RateLimited {
		t.Fatalf("fourth try from one IP: %v", err)
	}
}
