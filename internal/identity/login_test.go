package identity

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

const goodPassword = "đúng mật khẩu dài"

func TestStartLoginUnknownAndWrongAreTheSame(t *testing.T) {
	h := newHarness(t)
	h.register(t, 0)
	ctx := context.Background()
	_, errWrong := h.svc.StartLogin(ctx, h.login(0, "wrong password"))
	_, errUnknown := h.svc.StartLogin(ctx, h.login(1, "wrong password")) // person 1 has no account
	uw, _ := apperr.AsUserErrors(errWrong)
	uu, _ := apperr.AsUserErrors(errUnknown)
	if len(uw) != 1 || len(uu) != 1 || uw[0].Code != apperr.CodeInvalidCredentials || uw[0].Code != uu[0].Code ||
		uw[0].Message != uu[0].Message || len(uw[0].Field) != 0 || len(uu[0].Field) != 0 {
		t.Fatalf("wrong password %v, unknown ID %v", errWrong, errUnknown)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = 'LOGIN_FAILED'`); got != 2 {
		t.Fatalf("%d LOGIN_FAILED events", got)
	}
}

func TestStartLoginSendsCodeToRegisteredPhone(t *testing.T) {
	h := newHarness(t)
	h.register(t, 0)
	ctx := context.Background()
	ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
	if err != nil {
		t.Fatal(err)
	}
	if ch.Purpose != PurposeLogin {
		t.Fatal(ch.Purpose)
	}
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Session.ExpiresAt != h.clock.Now().Add(SessionMaxAge) {
		t.Fatal(res.Session.ExpiresAt)
	}
}

func TestStartLoginPendingAccountCanLogIn(t *testing.T) {
	// A registration whose SMS was lost: logging in with the password proves
	// the same phone and activates the account.
	h := newHarness(t)
	ctx := context.Background()
	if _, err := h.svc.Register(ctx, h.registration(0)); err != nil {
		t.Fatal(err)
	}
	ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)}); err != nil {
		t.Fatal(err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_accounts WHERE status = 'ACTIVE'`); got != 1 {
		t.Fatal("not activated")
	}
}

func TestLockoutAfterTenFailuresAndOnlyToTheRightPassword(t *testing.T) {
	h := newHarness(t)
	h.register(t, 0)
	ctx := context.Background()
	for i := range LockAfterFailures {
		if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	// Locked: a wrong password still says INVALID_CREDENTIALS, the right one ACCOUNT_LOCKED.
	if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
		t.Fatal(err)
	}
	if _, err := h.svc.StartLogin(ctx, h.login(0, goodPassword)); userErrorCode(t, err) != apperr.CodeAccountLocked {
		t.Fatal(err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = 'ACCOUNT_LOCKED'`); got != 1 {
		t.Fatalf("%d lock events", got)
	}
	h.clock.Advance(LockDuration + time.Second)
	if _, err := h.svc.StartLogin(ctx, h.login(0, goodPassword)); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

func TestFailuresOlderThanAnHourDoNotLock(t *testing.T) {
	h := newHarness(t)
	h.register(t, 0)
	ctx := context.Background()
	for range LockAfterFailures - 1 {
		if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatal(err)
		}
	}
	h.clock.Advance(FailureWindow + time.Second)
	if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong password")); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
		t.Fatal(err)
	}
	if _, err := h.svc.StartLogin(ctx, h.login(0, goodPassword)); err != nil {
		t.Fatalf("locked by old failures: %v", err)
	}
}

func TestTwoLoginsAtOnceLeaveOneOpenChallenge(t *testing.T) {
	h := newHarness(t)
	h.register(t, 0)
	ctx := context.Background()
	var wg sync.WaitGroup
	chs := make([]Challenge, 2)
	errs := make([]error, 2)
	ins := []LoginInput{h.login(0, goodPassword), h.login(0, goodPassword)}
	for i := range 2 {
		wg.Go(func() { chs[i], errs[i] = h.svc.StartLogin(ctx, ins[i]) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := h.count(t, `SELECT count(*) FROM identity_otp_challenges WHERE closed_at IS NULL`); got != 1 {
		t.Fatalf("%d open challenges", got)
	}
	var open string
	if err := h.db.Get(&open, `SELECT id FROM identity_otp_challenges WHERE closed_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	code := h.sms.lastCode(t, h.persons[0].Phone) // the last SMS is the open challenge's
	for _, ch := range chs {
		_, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code})
		if ch.ID == open && err != nil {
			t.Fatalf("open challenge: %v", err)
		}
		if ch.ID != open && userErrorCode(t, err) != apperr.CodeChallengeClosed {
			t.Fatalf("superseded challenge: %v", err)
		}
	}
}
