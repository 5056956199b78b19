package identity

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// startLogin registers person i and starts a login; it returns the
// challenge and its code.
func (h *harness) startLogin(t *testing.T, i int) (Challenge, string) {
	t.Helper()
	h.register(t, i)
	ch, err := h.svc.StartLogin(context.Background(), h.login(i, goodPassword))
	if err != nil {
		t.Fatal(err)
	}
	return ch, h.sms.lastCode(t, h.persons[i].Phone)
}

func wrongCode(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

func TestVerifyWrongCodesKillTheChallenge(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	for i := range OTPMaxAttempts {
		res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)})
		if userErrorCode(t, err) != apperr.CodeInvalidOTP {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
		if res.AttemptsLeft == nil || *res.AttemptsLeft != OTPMaxAttempts-i-1 {
			t.Fatalf("attempt %d: attemptsLeft %v", i+1, res.AttemptsLeft)
		}
	}
	// The 6th wrong code, and then the right one: the challenge is dead.
	for _, c := range []string{wrongCode(code), code} {
		if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: c}); userErrorCode(t, err) != apperr.CodeChallengeClosed {
			t.Fatal(err)
		}
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1`, ch.ID); got != OTPMaxAttempts {
		t.Fatalf("attempts %d", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_auth_failures WHERE kind = 'CHALLENGE'`); got != 1 {
		t.Fatalf("%d failed challenges recorded", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_sessions`); got != 1 { // the registration's
		t.Fatalf("%d sessions", got)
	}
}

func TestVerifyParallelGuessesGetFiveComparisons(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[string]int{}
	for range 30 {
		wg.Go(func() {
			_, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)})
			ues, _ := apperr.AsUserErrors(err)
			mu.Lock()
			defer mu.Unlock()
			if len(ues) == 1 {
				codes[ues[0].Code]++
			} else {
				codes["other"]++
			}
		})
	}
	wg.Wait()
	if codes[apperr.CodeInvalidOTP] != OTPMaxAttempts || codes[apperr.CodeChallengeClosed] != 30-OTPMaxAttempts {
		t.Fatalf("answers %v", codes)
	}
}

func TestVerifyAfterFiveMinutesIsExpired(t *testing.T) {
	h := newHarness(t)
	ch, code := h.startLogin(t, 0)
	h.clock.Advance(OTPValidity)
	_, err := h.svc.VerifyOTP(context.Background(), VerifyInput{ChallengeID: ch.ID, Code: code})
	if userErrorCode(t, err) != apperr.CodeOTPExpired {
		t.Fatal(err)
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1`, ch.ID); got != 0 {
		t.Fatal("an expired challenge counted an attempt")
	}
}

func TestVerifyIsSingleUse(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	var wg sync.WaitGroup
	results := make([]error, 5)
	for i := range results {
		wg.Go(func() { _, results[i] = h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code}) })
	}
	wg.Wait()
	ok := 0
	for _, err := range results {
		if err == nil {
			ok++
		} else if userErrorCode(t, err) != apperr.CodeChallengeClosed {
			t.Fatal(err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d sessions from one code", ok)
	}
}

func TestVerifyCodeOfAnotherChallenge(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	chA, codeA := h.startLogin(t, 0)
	chB, codeB := h.startLogin(t, 1)
	if codeA == codeB {
		t.Skip("the two random codes are equal")
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: chA.ID, Code: codeB}); userErrorCode(t, err) != apperr.CodeInvalidOTP {
		t.Fatal(err)
	}
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: chB.ID, Code: codeB})
	if err != nil {
		t.Fatal(err)
	}
	if actor, _ := h.svc.Authenticate(ctx, res.Session.Token); actor.IDNumber != h.persons[1].IDNumber {
		t.Fatal("session of the wrong account")
	}
}

func TestVerifyInputShapes(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		in    VerifyInput
		field string
		code  string
	}{
		{VerifyInput{ChallengeID: "", Code: "123456"}, "challengeId", apperr.CodeRequired},
		{VerifyInput{ChallengeID: "x' OR 1=1 --", Code: "123456"}, "challengeId", apperr.CodeInvalid},
		{VerifyInput{ChallengeID: "00000000-0000-4000-8000-000000000000", Code: "12345"}, "code", apperr.CodeInvalid},
		{VerifyInput{ChallengeID: "00000000-0000-4000-8000-000000000000", Code: "12\x0056"}, "code", apperr.CodeInvalid},
		{VerifyInput{ChallengeID: "00000000-0000-4000-8000-000000000000", Code: "123456"}, "challengeId", apperr.CodeChallengeClosed},
	} {
		_, err := h.svc.VerifyOTP(context.Background(), tc.in)
		ues, ok := apperr.AsUserErrors(err)
		if !ok || len(ues) != 1 || ues[0].Code != tc.code || len(ues[0].Field) != 1 || ues[0].Field[0] != tc.field {
			t.Errorf("%q: got %v", tc.in.ChallengeID+"/"+tc.in.Code, err)
		}
	}
}

func TestResendRules(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, first := h.startLogin(t, 0)
	if _, err := h.svc.ResendOTP(ctx, ch.ID); userErrorCode(t, err) != apperr.CodeResendTooSoon {
		t.Fatalf("resend at once: %v", err)
	}
	// A wrong guess, then a resend: the attempt is not forgotten.
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(first)}); userErrorCode(t, err) != apperr.CodeInvalidOTP {
		t.Fatal(err)
	}
	h.clock.Advance(OTPResendAfter)
	again, err := h.svc.ResendOTP(ctx, ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != ch.ID || !again.ExpiresAt.Equal(h.clock.Now().Add(OTPValidity)) || again.ResendsLeft != OTPMaxSMS-2 {
		t.Fatalf("resent challenge %+v", again)
	}
	second := h.sms.lastCode(t, h.persons[0].Phone)
	if first != second {
		res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: first})
		if userErrorCode(t, err) != apperr.CodeInvalidOTP || *res.AttemptsLeft != OTPMaxAttempts-2 {
			t.Fatalf("the replaced code: %v %v", err, res.AttemptsLeft)
		}
	}
	// At most OTPMaxSMS per challenge.
	for range OTPMaxSMS - 2 {
		h.clock.Advance(OTPResendAfter)
		if _, err := h.svc.ResendOTP(ctx, ch.ID); err != nil {
			t.Fatal(err)
		}
	}
	h.clock.Advance(OTPResendAfter)
	if _, err := h.svc.ResendOTP(ctx, ch.ID); userErrorCode(t, err) != apperr.CodeResendTooSoon {
		t.Fatalf("sixth SMS: %v", err)
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.ResendOTP(ctx, ch.ID); userErrorCode(t, err) != apperr.CodeChallengeClosed {
		t.Fatalf("resend after use: %v", err)
	}
}

// Resends of one challenge that race (each past the checks before the
// others commit) send one SMS, and only that SMS counts towards the phone's
// limit: the losers answer RESEND_TOO_SOON and count nothing.
func TestRacingResendsCountOneSMS(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 10, Window: time.Hour}})
	ch, _ := h.startLogin(t, 0) // the registration's and the login's SMS: 2
	h.clock.Advance(OTPResendAfter)
	sent := h.sms.count()
	tx, _ := h.holdAccount(t, 0)
	const racers = 5
	errs := make(chan error, racers)
	for range racers {
		go func() {
			_, err := h.svc.ResendOTP(context.Background(), ch.ID)
			errs <- err
		}()
	}
	h.waitForLockWaiters(t, racers) // every resend is past its checks, at the account's lock
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var ok, tooSoon int
	for range racers {
		switch err := <-errs; {
		case err == nil:
			ok++
		case userErrorCode(t, err) == apperr.CodeResendTooSoon:
			tooSoon++
		}
	}
	if ok != 1 || tooSoon != racers-1 {
		t.Fatalf("resends: %d sent and %d RESEND_TOO_SOON, want 1 and %d", ok, tooSoon, racers-1)
	}
	if got := h.sms.count() - sent; got != 1 {
		t.Errorf("SMS queued: %d, want 1", got)
	}
	phone, _ := vnid.NormalizeMobile(h.persons[0].Phone)
	if got := h.count(t, `SELECT count FROM rate_limits WHERE key = $1`, ratelimit.Key("identity:sms:phone", phone)); got != 3 {
		t.Errorf("SMS counted for the phone: %d, want 3 (registration, login, one resend)", got)
	}
}

// A resend refused by the SMS limit per phone changes nothing: the code,
// the count of SMS of the challenge and the outbox stay as they were.
func TestResendRefusedBySMSLimitChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarnessWith(t, &ratelimit.Limits{SMSPerPhone: ratelimit.Limit{Max: 2, Window: time.Hour}})
	ctx := context.Background()
	ch, code := h.startLogin(t, 0) // SMS 2 of 2
	h.clock.Advance(OTPResendAfter)
	sent := h.sms.count()
	_, err := h.svc.ResendOTP(ctx, ch.ID)
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.RateLimited {
		t.Fatalf("third SMS to one phone: %v, want RATE_LIMITED", err)
	}
	if got := h.sms.count(); got != sent {
		t.Errorf("SMS queued by the refused resend: %d, want 0", got-sent)
	}
	if got := h.count(t, `SELECT sms_count FROM identity_otp_challenges WHERE id = $1`, ch.ID); got != 1 {
		t.Errorf("the challenge's SMS count: %d, want 1", got)
	}
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code}); err != nil {
		t.Errorf("the first code after the refused resend: %v, want it still valid", err)
	}
}

func TestLockedAfterTenFailedChallenges(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.register(t, 0)
	for range LockAfterFailures {
		ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
		if err != nil {
			t.Fatal(err)
		}
		code := h.sms.lastCode(t, h.persons[0].Phone)
		for range OTPMaxAttempts {
			_, _ = h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)})
		}
		h.clock.Advance(time.Minute)
	}
	if _, err := h.svc.StartLogin(ctx, h.login(0, goodPassword)); userErrorCode(t, err) != apperr.CodeAccountLocked {
		t.Fatal(err)
	}
}

func TestSuccessfulLoginForgetsFailures(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.register(t, 0)
	for range 3 {
		if _, err := h.svc.StartLogin(ctx, h.login(0, "wrong-"+goodPassword)); userErrorCode(t, err) != apperr.CodeInvalidCredentials {
			t.Fatalf("wrong password: %v", err)
		}
	}
	if got, want := h.count(t, `SELECT count(*) FROM identity_auth_failures`), 3; got != want {
		t.Fatalf("failures before the login: got %d, want %d", got, want)
	}
	ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
	if err != nil {
		t.Fatal(err)
	}
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: h.sms.lastCode(t, h.persons[0].Phone)})
	if err != nil || res.Session.Token == "" {
		t.Fatalf("verify: %+v, %v", res, err)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_auth_failures`); got != 0 {
		t.Fatalf("failures after a successful login: got %d, want 0", got)
	}
	if got, want := h.count(t, `SELECT count(*) FROM identity_sessions WHERE account_id = $1`, res.Session.AccountID), 2; got != want {
		t.Fatalf("sessions: got %d, want %d (registration's and this login's)", got, want)
	}
	// The login is audited with its purpose and its session.
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = $1 AND account_id = $2
		AND detail = jsonb_build_object('purpose', $3::text, 'sessionId', $4::bigint)`,
		string(EventLoginSucceeded), res.Session.AccountID, string(PurposeLogin), res.Session.ID); got != 1 {
		t.Fatalf("LOGIN_SUCCEEDED audit entries with this session: got %d, want 1", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = $1 AND account_id = $2`,
		string(EventLoginStarted), res.Session.AccountID); got != 1 {
		t.Fatalf("LOGIN_STARTED audit entries: got %d, want 1", got)
	}
}

// A right code verified while new logins of the same account supersede its
// challenge: each verification either opens the one session or finds the
// challenge closed, never an internal error (a deadlock between the
// verification's and the login's row locks would be one), and a
// superseded code opens nothing.
func TestVerifyRacesNewLogins(t *testing.T) { raceVerifyAndLogins(t, newHarness(t)) }

// The same race with the per-account and per-phone limits counted (high
// enough never to refuse): their counters are locked in the transactions
// too, after the account, so still no deadlock.
func TestVerifyRacesNewLoginsCounted(t *testing.T) {
	raceVerifyAndLogins(t, newHarnessWith(t, &ratelimit.Limits{
		VerifyPerAccount: ratelimit.Limit{Max: 1000, Window: time.Hour},
		SMSPerPhone:      ratelimit.Limit{Max: 1000, Window: time.Hour},
		LoginPerAccount:  ratelimit.Limit{Max: 1000, Window: time.Hour},
	}))
}

func raceVerifyAndLogins(t *testing.T, h *harness) {
	ctx := context.Background()
	h.register(t, 0)
	for round := range 15 {
		ch, err := h.svc.StartLogin(ctx, h.login(0, goodPassword))
		if err != nil {
			t.Fatal(err)
		}
		code := h.sms.lastCode(t, h.persons[0].Phone)
		var wg sync.WaitGroup
		verified := make([]error, 3)
		logins := make([]error, 3)
		for i := range 3 {
			wg.Go(func() { _, verified[i] = h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code}) })
			wg.Go(func() { _, logins[i] = h.svc.StartLogin(ctx, h.login(0, goodPassword)) })
		}
		wg.Wait()
		sessions := 0
		for _, err := range verified {
			if err == nil {
				sessions++
			} else if _, ok := apperr.AsUserErrors(err); !ok {
				t.Fatalf("round %d: verify failed with a non-user error: %v", round, err)
			} else if c := userErrorCode(t, err); c != apperr.CodeChallengeClosed {
				t.Fatalf("round %d: verify: %s, want CHALLENGE_CLOSED or a session", round, c)
			}
		}
		for _, err := range logins {
			if err != nil {
				t.Fatalf("round %d: a login racing the verification failed: %v", round, err)
			}
		}
		if sessions > 1 {
			t.Fatalf("round %d: %d sessions from one code", round, sessions)
		}
	}
}

// The citizen shown with a new session (from the account VerifyOTP read) is
// the one read from the database for the same account.
func TestCitizenOfNewSession(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	sess := h.register(t, 1)
	got, err := h.svc.CitizenOfSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	want, err := h.svc.CitizenOfSession(ctx, Session{AccountID: sess.AccountID})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || got.FullName != h.persons[1].FullName || got.MaskedPhone == "" || got.MaskedIDNumber == "" {
		t.Errorf("citizen of the new session:\n got %+v\nwant %+v (name %q)", got, want, h.persons[1].FullName)
	}
}

// Guesses sent in parallel to two processes, right and wrong codes mixed,
// get at most OTPMaxAttempts comparisons in all and at most one session;
// each INVALID_OTP answered has its attempt and its audit entry committed.
func TestVerifyParallelGuessesOnTwoProcesses(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	services := []*Service{h.svc, h.newService()}
	var wg sync.WaitGroup
	var mu sync.Mutex
	answers := map[string]int{}
	for i := range 30 {
		guess := wrongCode(code)
		if i%10 == 9 {
			guess = code
		}
		wg.Go(func() {
			_, err := services[i%2].VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: guess})
			answer := "session"
			if err != nil {
				ues, ok := apperr.AsUserErrors(err)
				if !ok || len(ues) != 1 {
					t.Errorf("a guess failed with %v, want one user error", err)
					return
				}
				answer = ues[0].Code
			}
			mu.Lock()
			defer mu.Unlock()
			answers[answer]++
		})
	}
	wg.Wait()
	if compared := answers[apperr.CodeInvalidOTP] + answers["session"]; compared > OTPMaxAttempts || answers["session"] > 1 ||
		compared+answers[apperr.CodeChallengeClosed] != 30 {
		t.Fatalf("answers %v: want at most %d comparisons (INVALID_OTP + session), at most 1 session, the rest CHALLENGE_CLOSED",
			answers, OTPMaxAttempts)
	}
	if got, want := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1`, ch.ID),
		answers[apperr.CodeInvalidOTP]+answers["session"]; got != want {
		t.Errorf("attempts counted %d, want %d (one per comparison)", got, want)
	}
	if got, want := h.count(t, `SELECT count(*) FROM identity_audit_events WHERE event = $1`, string(EventOTPFailed)),
		answers[apperr.CodeInvalidOTP]; got != want {
		t.Errorf("OTP_FAILED audit entries %d, want %d (one per INVALID_OTP answered)", got, want)
	}
}

// A wrong code's attempt is committed with its answer: it stays counted,
// and the right code then opens the session and closes the challenge.
func TestVerifyWrongThenRightCode(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: wrongCode(code)})
	if userErrorCode(t, err) != apperr.CodeInvalidOTP || res.AttemptsLeft == nil || *res.AttemptsLeft != OTPMaxAttempts-1 {
		t.Fatalf("wrong code: %+v, %v; want INVALID_OTP with %d left", res, err, OTPMaxAttempts-1)
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1 AND closed_at IS NULL`, ch.ID); got != 1 {
		t.Fatalf("after a wrong code: %d attempts on the open challenge, want 1", got)
	}
	res, err = h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code})
	if err != nil || res.Session.Token == "" {
		t.Fatalf("right code: %+v, %v", res, err)
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1 AND closed_reason = 'CONSUMED'`, ch.ID); got != 2 {
		t.Errorf("after the right code: %d attempts on the consumed challenge, want 2", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_sessions WHERE id = $1`, res.Session.ID); got != 1 {
		t.Errorf("the new session: %d rows, want 1", got)
	}
}

// The right code for a locked account is ACCOUNT_LOCKED: the attempt is
// counted, the challenge stays open and no session opens; once the lock
// has passed the same code works.
func TestVerifyRightCodeWhileLocked(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ch, code := h.startLogin(t, 0)
	if _, err := h.db.Exec(`UPDATE identity_accounts SET locked_until = $1 WHERE id_number = $2`,
		h.clock.Now().Add(time.Minute), h.persons[0].IDNumber); err != nil {
		t.Fatal(err)
	}
	sessions := h.count(t, `SELECT count(*) FROM identity_sessions`)
	if _, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code}); userErrorCode(t, err) != apperr.CodeAccountLocked {
		t.Fatalf("right code, locked account: %v", err)
	}
	if got := h.count(t, `SELECT attempts FROM identity_otp_challenges WHERE id = $1 AND closed_at IS NULL`, ch.ID); got != 1 {
		t.Fatalf("%d attempts on the open challenge, want 1", got)
	}
	if got := h.count(t, `SELECT count(*) FROM identity_sessions`); got != sessions {
		t.Fatalf("%d sessions, want still %d", got, sessions)
	}
	h.clock.Advance(2 * time.Minute)
	if res, err := h.svc.VerifyOTP(ctx, VerifyInput{ChallengeID: ch.ID, Code: code}); err != nil || res.Session.Token == "" {
		t.Fatalf("after the lock: %+v, %v", res, err)
	}
}
