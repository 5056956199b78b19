package identity

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// VerifyInput is a code for a challenge.
type VerifyInput struct {
	ChallengeID string
	Code        string
}

// VerifyResult is a verified challenge's session. On INVALID_OTP only
// AttemptsLeft is set (and the error carries the UserError).
type VerifyResult struct {
	Session      Session
	AttemptsLeft *int
}

var (
	errChallengeClosed = apperr.Invalid(apperr.UserError{Field: []string{"challengeId"}, Code: apperr.CodeChallengeClosed, Message: msgChallengeClosed})
	errOTPExpired      = apperr.Invalid(apperr.UserError{Field: []string{"challengeId"}, Code: apperr.CodeOTPExpired, Message: msgOTPExpired})
)

func invalidOTP(left int) error {
	msg := i18n.T(fmt.Sprintf("%s Còn %d lần thử.", msgInvalidOTP.Vi, left),
		fmt.Sprintf("%s %d attempts left.", msgInvalidOTP.En, left))
	return apperr.Invalid(apperr.UserError{Field: []string{"code"}, Code: apperr.CodeInvalidOTP, Message: msg})
}

// VerifyOTP checks a code, in one transaction that commits the attempt
// together with its outcome:
//   - one statement locks the account, counts the verification per account
//     (ratelimit.CountIn; refused: RATE_LIMITED, nothing else done) and
//     counts the attempt on the challenge by a conditional UPDATE (attempts
//     < OTPMaxAttempts, open, not expired), account first: the order
//     StartLogin, Register and ResendOTP take (account, then its
//     challenges), so a login racing this verification waits instead of
//     deadlocking;
//   - the code is compared only after that; both row locks are held to the
//     commit, so parallel guesses on any number of processes are counted
//     one by one and get at most OTPMaxAttempts comparisons, and nothing
//     (a resend, a new login) changes the challenge in between;
//   - a wrong code commits its attempt with its audit entry (and, the last
//     allowed one, the challenge's closing and the failure towards the
//     lockout) before INVALID_OTP is answered; a right code closes the
//     challenge (CONSUMED), activates a pending account and opens a session
//     in the same commit, one WAL flush for the whole verification.
//
// A transaction that fails (the client gone, the database down) counts no
// attempt and answers nothing about the code.
func (s *Service) VerifyOTP(ctx context.Context, in VerifyInput) (VerifyResult, error) {
	id, ok := parseChallengeID(in.ChallengeID)
	var cs checks
	if in.ChallengeID == "" {
		cs.Add(userErr(apperr.CodeRequired, msgRequired, "challengeId"))
	} else if !ok {
		cs.Add(userErr(apperr.CodeInvalid, msgChallengeID, "challengeId"))
	}
	cs.Add(valid.Field(in.Code, "required,otp", "code"))
	if err := cs.Err(); err != nil {
		return VerifyResult{}, err
	}
	// The challenge's account is read in the statement that counts the
	// event per IP.
	var accountID sql.NullInt64
	if err := s.limiter.EnforceThen(ctx, "identity:verify:ip", s.limits.VerifyPerIP, ratelimit.ClientIP(ctx),
		`SELECT account_id FROM identity_otp_challenges WHERE id = $3`, []any{id}, &accountID); err != nil {
		return VerifyResult{}, err
	}
	if !accountID.Valid {
		return VerifyResult{}, errChallengeClosed
	}
	now := s.now()
	// The event per account is counted in the transaction's first
	// statement, after the account's lock; a refused one counts no attempt.
	limited, limitArgs := ratelimit.CountIn("limited", "acc", 5, "identity:verify:account", s.limits.VerifyPerAccount,
		strconv.FormatInt(accountID.Int64, 10))
	var (
		res     VerifyResult
		outcome error // the answer once the transaction has committed
	)
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var row struct {
			account
			Allowed sql.NullBool  `db:"l_allowed"`
			RetryUs sql.NullInt64 `db:"l_retry_us"`
			// The counted challenge's; NULL when no attempt was counted.
			Purpose    sql.NullString `db:"c_purpose"`
			CodeMAC    []byte         `db:"c_code_mac"`
			KeyVersion sql.NullInt64  `db:"c_key_version"`
			Attempts   sql.NullInt64  `db:"c_attempts"`
		}
		// The rate limit's count and the UPDATE's WHERE read the locked
		// account row, so the account is locked before the counter's row
		// and the challenge's.
		err := tx.GetContext(ctx, &row, `WITH acc AS (
				SELECT `+accountColumns+` FROM identity_accounts WHERE id = $4 FOR UPDATE),
			`+limited+`,
			counted AS (
				UPDATE identity_otp_challenges SET attempts = attempts + 1
				WHERE id = $1 AND account_id = (SELECT id FROM acc) AND (SELECT allowed FROM limited)
					AND attempts < $2 AND closed_at IS NULL AND expires_at > $3
				RETURNING purpose, code_mac, key_version, attempts)
			SELECT acc.*, l.allowed AS l_allowed, l.retry_us AS l_retry_us,
				c.purpose AS c_purpose, c.code_mac AS c_code_mac, c.key_version AS c_key_version, c.attempts AS c_attempts
			FROM acc LEFT JOIN limited l ON true LEFT JOIN counted c ON true`,
			append([]any{id, OTPMaxAttempts, now, accountID.Int64}, limitArgs...)...)
		if errors.Is(err, sql.ErrNoRows) {
			return errChallengeClosed // no account: nothing to verify
		}
		if err != nil {
			return fmt.Errorf("count OTP attempt: %w", err)
		}
		if !row.Allowed.Bool {
			return ratelimit.Refused(row.RetryUs.Int64) // rolled back: nothing else was written
		}
		if !row.Attempts.Valid {
			outcome = errNoAttempt // the event per account stays counted
			return nil
		}
		acc, purpose := row.account, Purpose(row.Purpose.String)
		mac, err := s.otpMAC(int(row.KeyVersion.Int64), id, purpose, in.Code)
		if err != nil {
			return err
		}
		if !hmac.Equal(mac, row.CodeMAC) {
			left := OTPMaxAttempts - int(row.Attempts.Int64)
			res.AttemptsLeft, outcome = &left, invalidOTP(left)
			return s.otpFailed(ctx, tx, acc, id, purpose, left, now)
		}
		if acc.lockedAt(now) {
			outcome = errAccountLocked // the attempt stays counted
			return nil
		}
		if acc.Status == StatusPending {
			if _, err := tx.ExecContext(ctx, `UPDATE identity_accounts SET status = 'ACTIVE', activated_at = $2, updated_at = $2
				WHERE id = $1`, acc.ID, now); err != nil {
				return fmt.Errorf("activate account: %w", err)
			}
			if err := audit(ctx, tx, now, auditEntry{Event: EventActivated, AccountID: acc.ID, IDNumber: acc.IDNumber}); err != nil {
				return err
			}
		}
		// newSession closes the challenge (CONSUMED) in its statement; the
		// audit entry's detail gets "sessionId" from it.
		res.Session, err = s.newSession(ctx, tx, acc.ID, id, now, auditEntry{Event: EventLoginSucceeded,
			AccountID: acc.ID, IDNumber: acc.IDNumber, Detail: map[string]any{"purpose": string(purpose)}})
		res.Session.idNumber, res.Session.phone = acc.IDNumber, acc.Phone
		return err
	})
	switch {
	case err != nil:
		return VerifyResult{}, err
	case errors.Is(outcome, errNoAttempt):
		return VerifyResult{}, s.whyNotOpen(ctx, id)
	case outcome != nil:
		return VerifyResult{AttemptsLeft: res.AttemptsLeft}, outcome
	}
	return res, nil
}

// errNoAttempt: the challenge took no attempt (closed, used up, expired).
var errNoAttempt = errors.New("no OTP attempt counted")

// whyNotOpen explains a challenge that took no attempt: expired, or closed.
func (s *Service) whyNotOpen(ctx context.Context, id string) error {
	c, found, err := getChallenge(ctx, s.db, id, false)
	if err != nil {
		return err
	}
	if found && c.open() && !c.ExpiresAt.After(s.now()) {
		return errOTPExpired
	}
	return errChallengeClosed
}

// otpFailed audits a wrong code inside the verification's transaction,
// which holds the account's lock; the last allowed wrong code closes the
// challenge and counts as a failed challenge towards the account's lockout.
func (s *Service) otpFailed(ctx context.Context, tx *sqlx.Tx, acc account, challengeID string, purpose Purpose, left int, now time.Time) error {
	if err := audit(ctx, tx, now, auditEntry{Event: EventOTPFailed, AccountID: acc.ID, IDNumber: acc.IDNumber,
		Detail: map[string]any{"purpose": string(purpose), "attemptsLeft": left}}); err != nil {
		return err
	}
	if left > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE identity_otp_challenges SET closed_at = $2, closed_reason = 'EXHAUSTED'
		WHERE id = $1 AND closed_at IS NULL`, challengeID, now); err != nil {
		return fmt.Errorf("close exhausted challenge: %w", err)
	}
	_, err := s.recordFailure(ctx, tx, acc, failedChallenge, now)
	return err
}
