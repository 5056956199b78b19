package identity

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// The tests of this file hold an account's row lock in a transaction of
// their own, so that a login's statement (openChallenge) starts, takes its
// snapshot and waits for the lock; what the test changes and commits
// meanwhile is then newer than that snapshot.

// holdAccount locks person i's account row in a transaction of its own and
// returns it with the account's ID.
func (h *harness) holdAccount(t *testing.T, i int) (*sqlx.Tx, int64) {
	t.Helper()
	tx, err := h.db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback() })
	var id int64
	if err := tx.Get(&id, `SELECT id FROM identity_accounts WHERE id_number = $1 FOR UPDATE`, h.persons[i].IDNumber); err != nil {
		t.Fatal(err)
	}
	return tx, id
}

// waitForLockWaiters waits until n statements on the test's database wait
// for a lock.
func (h *harness) waitForLockWaiters(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := h.count(t, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d statements wait for a lock after 20 s, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// startLoginAsync starts a login of person i with the right password and
// returns a channel that receives its outcome.
func (h *harness) startLoginAsync(i int) <-chan loginOutcome {
	in := h.login(i, goodPassword)
	done := make(chan loginOutcome, 1)
	go func() {
		ch, err := h.svc.StartLogin(context.Background(), in)
		done <- loginOutcome{ch, err}
	}()
	return done
}

type loginOutcome struct {
	ch  Challenge
	err error
}

// An account locked out while its login waits for the account's lock (after
// the password check passed on the row read before it) is ACCOUNT_LOCKED, and
// the login writes nothing: no challenge, no audit row, no SMS, no SMS
// counted against the phone.
func TestLoginLockedWhileWaitingWritesNothing(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 10, Window: time.Hour}})
	h.register(t, 0)
	phone, _ := vnid.NormalizeMobile(h.persons[0].Phone)
	smsCounted := `SELECT coalesce(sum(count), 0) FROM rate_limits WHERE key = $1`
	smsKey := ratelimit.Key("identity:sms:phone", phone)
	challenges, audits, sent := h.count(t, `SELECT count(*) FROM identity_otp_challenges`),
		h.count(t, `SELECT count(*) FROM identity_audit_events`), h.sms.count()
	counted := h.count(t, smsCounted, smsKey)

	tx, id := h.holdAccount(t, 0)
	done := h.startLoginAsync(0)
	h.waitForLockWaiters(t, 1)
	if _, err := tx.Exec(`UPDATE identity_accounts SET locked_until = $2 WHERE id = $1`,
		id, h.clock.Now().Add(LockDuration)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	out := <-done
	if out.err == nil {
		t.Fatalf("login of an account locked while it waited: challenge %s, want ACCOUNT_LOCKED", out.ch.ID)
	}
	if got := userErrorCode(t, out.err); got != apperr.CodeAccountLocked {
		t.Fatalf("login of an account locked while it waited: %s, want ACCOUNT_LOCKED", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges`); got != challenges {
		t.Errorf("challenges: got %d, want %d (none new)", got, challenges)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events`); got != audits {
		t.Errorf("audit rows: got %d, want %d (none new)", got, audits)
	}
	if got := h.sms.count(); got != sent {
		t.Errorf("SMS queued: %d, want 0", got-sent)
	}
	if got := h.count(t, smsCounted, smsKey); got != counted {
		t.Errorf("SMS counted for the phone: got %d, want %d", got, counted)
	}
}

// A login refused by the SMS limit per phone writes nothing: no challenge
// (the open one stays open), no audit row, no SMS.
func TestLoginRefusedSMSWritesNothing(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 2, Window: time.Hour}})
	ctx := context.Background()
	h.register(t, 0) // 1 of 2
	ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
	if err != nil {
		t.Fatalf("login, SMS 2 of 2: %v", err)
	}
	challenges, audits, sent := h.count(t, `SELECT count(*) FROM identity_otp_challenges`),
		h.count(t, `SELECT count(*) FROM identity_audit_events`), h.sms.count()
	_, err = h.svc.StartLogin(ctx, h.login(0, goodPassword))
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited {
		t.Fatalf("login, SMS 3 of 2: %v, want RATE_LIMITED", err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges`); got != challenges {
		t.Errorf("challenges: got %d, want %d (none new)", got, challenges)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges WHERE id = $1 AND closed_at IS NULL`, ch.ID); got != 1 {
		t.Errorf("the open challenge is no longer open after the refused login")
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events`); got != audits {
		t.Errorf("audit rows: got %d, want %d (none new)", got, audits)
	}
	if got := h.sms.count(); got != sent {
		t.Errorf("SMS queued: %d, want 0", got-sent)
	}
}

// Two logins of one account that both wait for the account's lock (so both
// statements' snapshots predate the first one's challenge): both succeed,
// the second supersedes the first's challenge, and one challenge is open.
func TestTwoWaitingLoginsLeaveOneOpenChallenge(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 10, Window: time.Hour}})
	h.register(t, 0)
	sent := h.sms.count()
	tx, _ := h.holdAccount(t, 0)
	first := h.startLoginAsync(0)
	h.waitForLockWaiters(t, 1)
	second := h.startLoginAsync(0)
	h.waitForLockWaiters(t, 2)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	outs := []loginOutcome{<-first, <-second}
	for i, out := range outs {
		if out.err != nil {
			t.Fatalf("login %d: %v", i+1, out.err)
		}
	}
	var open string
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges WHERE closed_at IS NULL`); got != 1 {
		t.Fatalf("%d open challenges, want 1", got)
	}
	if err := h.db.Get(&open, `SELECT id FROM identity_otp_challenges WHERE closed_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	if open != outs[0].ch.ID && open != outs[1].ch.ID {
		t.Fatalf("open challenge %s is neither login's (%s, %s)", open, outs[0].ch.ID, outs[1].ch.ID)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges
		WHERE id = ANY($1::uuid[]) AND id <> $2 AND closed_reason = 'SUPERSEDED'`,
		"{"+outs[0].ch.ID+","+outs[1].ch.ID+"}", open); got != 1 {
		t.Errorf("the other login's challenge superseded: %d, want 1", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = $1`, string(EventLoginStarted)); got != 2 {
		t.Errorf("LOGIN_STARTED audit rows: %d, want 2", got)
	}
	if got := h.sms.count() - sent; got != 2 {
		t.Errorf("SMS queued: %d, want 2", got)
	}
	// Each SMS counted once, the registration's included.
	phone, _ := vnid.NormalizeMobile(h.persons[0].Phone)
	if got := h.count(t, `SELECT count FROM rate_limits WHERE key = $1`, ratelimit.Key("identity:sms:phone", phone)); got != 3 {
		t.Errorf("SMS counted for the phone: %d, want 3", got)
	}
	code := h.sms.lastCode(t, h.persons[0].Phone) // the last SMS is the open challenge's
	if _, err := h.svc.VerifyOTP(context.Background(), VerifyInput{ChallengeID: open, Code: code}); err != nil {
		t.Fatalf("verify the open challenge: %v", err)
	}
}

// A login's challenge and SMS go to the phone, and in the language, of the
// account row as it is when the login locks it, not as it was read before
// the password check.
func TestLoginSendsToTheLockedRowsPhone(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.register(t, 0) // in Vietnamese, the request's default
	newPhone, err := vnid.NormalizeMobile(h.persons[1].Phone)
	if err != nil {
		t.Fatal(err)
	}
	tx, id := h.holdAccount(t, 0)
	done := h.startLoginAsync(0)
	h.waitForLockWaiters(t, 1)
	if _, err := tx.Exec(`UPDATE identity_accounts SET phone = $2, language = $3 WHERE id = $1`, id, newPhone, string(i18n.EN)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	out := <-done
	if out.err != nil {
		t.Fatal(out.err)
	}
	if got, want := out.ch.MaskedPhone, vnid.MaskPhone(newPhone); got != want {
		t.Errorf("challenge's phone: got %s, want %s", got, want)
	}
	h.sms.mu.Lock()
	last := h.sms.msgs[len(h.sms.msgs)-1]
	h.sms.mu.Unlock()
	if last.To != newPhone || !strings.Contains(last.Text, "Your verification code") {
		t.Errorf("SMS to %s: %q; want to %s in English", vnid.MaskPhone(last.To), last.Text, vnid.MaskPhone(newPhone))
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges WHERE id = $1 AND phone = $2`, out.ch.ID, newPhone); got != 1 {
		t.Errorf("challenge row with the new phone: %d, want 1", got)
	}
}

// Registering again while pending, racing a login of the same account
// (both waiting for the account's lock, the registration first, so the
// login's statement meets the registration's new challenge it cannot see):
// both succeed, with one open challenge, the login's.
func TestRegisterAgainRacingLogin(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ctx := context.Background()
	if _, err := h.svc.Register(ctx, h.registration(0)); err != nil {
		t.Fatal(err)
	}
	tx, _ := h.holdAccount(t, 0)
	in := h.registration(0)
	var wg sync.WaitGroup
	var regErr error
	wg.Go(func() { _, regErr = h.svc.Register(ctx, in) })
	h.waitForLockWaiters(t, 1)
	login := h.startLoginAsync(0)
	h.waitForLockWaiters(t, 2)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	out := <-login
	if regErr != nil || out.err != nil {
		t.Fatalf("registration: %v; login: %v", regErr, out.err)
	}
	var open string
	if err := h.db.Get(&open, `SELECT id FROM identity_otp_challenges WHERE closed_at IS NULL`); err != nil {
		t.Fatalf("the one open challenge: %v", err)
	}
	if open != out.ch.ID {
		t.Errorf("open challenge %s, want the login's %s", open, out.ch.ID)
	}
}
