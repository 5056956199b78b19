package identity

import (
	"context"
	"testing"
	"time"
)

func TestPruneKeepsRecentAndDeletesOld(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.register(t, 0) // one consumed challenge, one session
	if n, err := h.svc.Prune(ctx); err != nil || n != 0 {
		t.Fatalf("fresh rows pruned: %d %v", n, err)
	}
	h.clock.Advance(PruneAfter + SessionMaxAge + time.Hour)
	n, err := h.svc.Prune(ctx)
	if err != nil || n != 2 {
		t.Fatalf("pruned %d, want the challenge and the session: %v", n, err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events`); got == 0 {
		t.Fatal("the audit log was pruned")
	}
}
