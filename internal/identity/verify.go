package identity

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"

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

// VerifyOTP checks a code. The attempt is counted in the database before the
// comparison, by a conditional UPDATE, so parallel guesses on any number of
// processes get at most OTPMaxAttempts comparisons. A right code closes the
// challenge (once: consumed atomically), activates a pending account and
// opens a session, in one transaction.
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
	if err := s.limiter.Enforce(ctx, "identity:verify:account", s.limits.VerifyPerAccount, fmt.Sprint(accountID.Int64)); err != nil {
		return VerifyResult{}, err
	}
	now := s.now()
	var c challengeRow
	err := s.db.GetContext(ctx, &c, `UPDATE identity_otp_challenges SET attempts = attempts + 1
		WHERE id = $1 AND attempts < $2 AND closed_at IS NULL AND expires_at > $3
		RETURNING `+challengeColumns, id, OTPMaxAttempts, now)
	if errors.Is(err, sql.ErrNoRows) {
		return VerifyResult{}, s.whyNotOpen(ctx, id)
	}
	if err != nil {
		return VerifyResult{}, fmt.Errorf("count OTP attempt: %w", err)
	}
	mac, err := s.otpMAC(c.KeyVersion, c.ID, c.Purpose, in.Code)
	if err != nil {
		return VerifyResult{}, err
	}
	if !hmac.Equal(mac, c.CodeMAC) {
		left := OTPMaxAttempts - c.Attempts
		if err := s.otpFailed(ctx, c, left); err != nil {
			return VerifyResult{}, err
		}
		return VerifyResult{AttemptsLeft: &left}, invalidOTP(left)
	}
	var res VerifyResult
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// One statement locks the account, then consumes the challenge only
		// if it is still open and still this code (a resend may have
		// replaced it since the attempt was counted). The UPDATE's WHERE
		// reads the locked row, so the account is locked first: the order
		// StartLogin and Register take (account, then its challenges), so a
		// login racing this verification waits instead of deadlocking.
		var row struct {
			account
			Consumed bool `db:"consumed"`
		}
		err := tx.GetContext(ctx, &row, `WITH acc AS (
				SELECT `+accountColumns+` FROM identity_accounts WHERE id = $4 FOR UPDATE),
			consumed AS (
				UPDATE identity_otp_challenges SET closed_at = $2, closed_reason = 'CONSUMED'
				WHERE id = $1 AND closed_at IS NULL AND code_mac = $3 AND account_id = (SELECT id FROM acc)
				RETURNING 1)
			SELECT acc.*, EXISTS (SELECT 1 FROM consumed) AS consumed FROM acc`, c.ID, now, c.CodeMAC, c.AccountID)
		if err != nil {
			return fmt.Errorf("consume challenge: %w", err)
		}
		if !row.Consumed {
			return errChallengeClosed
		}
		acc := row.account
		if acc.lockedAt(now) {
			return errAccountLocked
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
		// The audit entry's detail gets "sessionId" from newSession.
		res.Session, err = s.newSession(ctx, tx, acc.ID, now, auditEntry{Event: EventLoginSucceeded,
			AccountID: acc.ID, IDNumber: acc.IDNumber, Detail: map[string]any{"purpose": string(c.Purpose)}})
		res.Session.idNumber, res.Session.phone = acc.IDNumber, acc.Phone
		return err
	})
	if err != nil {
		return VerifyResult{}, err
	}
	return res, nil
}

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

// otpFailed audits a wrong code; the last allowed wrong code closes the
// challenge and counts as a failed challenge towards the account's lockout.
func (s *Service) otpFailed(ctx context.Context, c challengeRow, left int) error {
	now := s.now()
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		acc, err := lockAccount(ctx, tx, c.AccountID)
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, now, auditEntry{Event: EventOTPFailed, AccountID: acc.ID, IDNumber: acc.IDNumber,
			Detail: map[string]any{"purpose": string(c.Purpose), "attemptsLeft": left}}); err != nil {
			return err
		}
		if left > 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE identity_otp_challenges SET closed_at = $2, closed_reason = 'EXHAUSTED'
			WHERE id = $1 AND closed_at IS NULL`, c.ID, now); err != nil {
			return fmt.Errorf("close exhausted challenge: %w", err)
		}
		_, err = s.recordFailure(ctx, tx, acc, failedChallenge, now)
		return err
	})
}
