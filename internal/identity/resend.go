package identity

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

var errResendLimit = apperr.Invalid(apperr.UserError{Field: []string{"challengeId"}, Code: apperr.CodeResendTooSoon, Message: msgResendLimit})

func errResendTooSoon() error {
	return apperr.Invalid(apperr.UserError{Field: []string{"challengeId"}, Code: apperr.CodeResendTooSoon, Message: msgResendTooSoon})
}

// ResendOTP replaces the code of an open challenge with a new one and sends
// it: not before OTPResendAfter since the last SMS, at most OTPMaxSMS SMS per
// challenge and SMSPerPhone per phone. It does not reset the attempts, and
// the new code is valid for OTPValidity from now.
func (s *Service) ResendOTP(ctx context.Context, challengeID string) (Challenge, error) {
	id, ok := parseChallengeID(challengeID)
	if challengeID == "" {
		return Challenge{}, apperr.Invalid(*userErr(apperr.CodeRequired, msgRequired, "challengeId"))
	}
	if !ok {
		return Challenge{}, apperr.Invalid(*userErr(apperr.CodeInvalid, msgChallengeID, "challengeId"))
	}
	if err := s.limiter.Enforce(ctx, "identity:resend:ip", s.limits.ResendPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return Challenge{}, err
	}
	c, found, err := getChallenge(ctx, s.db, id, false)
	if err != nil {
		return Challenge{}, err
	}
	if !found || !c.open() {
		return Challenge{}, errChallengeClosed
	}
	if err := s.limiter.Enforce(ctx, "identity:resend:account", s.limits.ResendPerAccount, strconv.FormatInt(c.AccountID, 10)); err != nil {
		return Challenge{}, err
	}
	if err := checkResend(c, s.now()); err != nil {
		return Challenge{}, err
	}
	var ch Challenge
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		acc, err := lockAccount(ctx, tx, c.AccountID)
		if err != nil {
			return err
		}
		// Re-read under the account lock: another process may have resent,
		// verified or superseded it meanwhile.
		c, found, err := getChallenge(ctx, tx, id, true)
		if err != nil {
			return err
		}
		now := s.now()
		if !found || !c.open() {
			return errChallengeClosed
		}
		if err := checkResend(c, now); err != nil {
			return err
		}
		// The SMS is counted for the phone only now, under the account's
		// lock and after the checks, as a login's is: a resend that loses a
		// race to another (RESEND_TOO_SOON, CHALLENGE_CLOSED above) sent
		// nothing and counts nothing, and a failure after this point rolls
		// the count back with the transaction.
		if err := countSMS(ctx, tx, s.limits.SMSPerPhone, c.Phone); err != nil {
			return err
		}
		code, err := newOTPCode()
		if err != nil {
			return err
		}
		mac, err := s.otpMAC(s.otpKeyVersion, c.ID, c.Purpose, code)
		if err != nil {
			return err
		}
		var row challengeRow
		if err := tx.GetContext(ctx, &row, `UPDATE identity_otp_challenges
			SET code_mac = $2, key_version = $3, sms_count = sms_count + 1, last_sent_at = $4, expires_at = $5
			WHERE id = $1 RETURNING `+challengeColumns,
			c.ID, mac, s.otpKeyVersion, now, now.Add(OTPValidity)); err != nil {
			return fmt.Errorf("replace code: %w", err)
		}
		if err := s.sendCode(ctx, tx, row, acc.Language, code); err != nil {
			return err
		}
		ch = row.public()
		return audit(ctx, tx, now, auditEntry{Event: EventOTPResent, AccountID: acc.ID, IDNumber: acc.IDNumber,
			Detail: map[string]any{"purpose": string(row.Purpose), "smsCount": row.SMSCount}})
	})
	return ch, err
}

// checkResend applies the per-challenge resend rules.
func checkResend(c challengeRow, now time.Time) error {
	if c.SMSCount >= OTPMaxSMS {
		return errResendLimit
	}
	if now.Before(c.LastSentAt.Add(OTPResendAfter)) {
		return errResendTooSoon()
	}
	return nil
}

// countSMS counts one SMS to phone against lim in tx (ratelimit.CountIn):
// past the limit it is RATE_LIMITED, and the caller's rollback undoes the
// count. The counter's row stays locked until tx ends; callers lock the
// account first, as openStatement does, so the two locks are always taken
// in the same order.
func countSMS(ctx context.Context, tx *sqlx.Tx, lim ratelimit.Limit, phone string) error {
	limited, args := ratelimit.CountIn("limited", "one", 1, "identity:sms:phone", lim, phone)
	var allowed bool
	var retryUs int64
	if err := tx.QueryRowContext(ctx, `WITH one AS (SELECT 1), `+limited+`
		SELECT allowed, retry_us FROM limited`, args...).Scan(&allowed, &retryUs); err != nil {
		return fmt.Errorf("count SMS: %w", err)
	}
	if !allowed {
		return ratelimit.Refused(retryUs)
	}
	return nil
}
