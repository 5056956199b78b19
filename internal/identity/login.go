package identity

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// LoginInput is step one of a login.
type LoginInput struct {
	IDNumber string
	Password string
	Captcha  captcha.Answer
}

func (in LoginInput) check() checks {
	var cs checks
	cs.Add(valid.Field(in.IDNumber, tagIDNumber, "idNumber"))
	switch {
	case in.Password == "":
		cs.Add(userErr(apperr.CodeRequired, msgRequired, "password"))
	case len(in.Password) > 4*MaxPasswordLen:
		// No account has a password this long; refuse it before hashing it.
		cs.Add(userErr(apperr.CodeInvalid, msgPasswordLong, "password"))
	case !validate.SafeText(in.Password, false):
		// Nor one with control characters (the policy refuses them).
		cs.Add(userErr(apperr.CodeInvalid, msgControlChars, "password"))
	}
	cs.Append(checkCaptcha(in.Captcha)...)
	return cs
}

var (
	errInvalidCredentials = apperr.Invalid(apperr.UserError{Code: apperr.CodeInvalidCredentials, Message: msgInvalidCredentials})
	errAccountLocked      = apperr.Invalid(apperr.UserError{Code: apperr.CodeAccountLocked, Message: msgAccountLocked})
)

// StartLogin checks the password and sends an OTP to the registered phone.
// An unknown ID number and a wrong password are the same
// INVALID_CREDENTIALS after the same work (one argon2 verification); a locked
// account says ACCOUNT_LOCKED only to the right password.
func (s *Service) StartLogin(ctx context.Context, in LoginInput) (Challenge, error) {
	if err := in.check().Err(); err != nil {
		return Challenge{}, err
	}
	// The IP is counted in the statement that consumes the captcha: past the
	// limit, RATE_LIMITED and the captcha is left unconsumed.
	if err := s.verifyCaptchaCounting(ctx, in.Captcha, "identity:login:ip", s.limits.LoginPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return Challenge{}, err
	}
	// Counted only after a solved captcha, so a stranger who knows an ID
	// number cannot spend its limit and lock the citizen out (issue 14 #14);
	// the account is read in the same statement.
	acc, found, err := s.findAccountCounting(ctx, "identity:login:account", s.limits.LoginPerAccount, in.IDNumber)
	if err != nil {
		return Challenge{}, err
	}
	ok, err := s.hasher.Verify(ctx, acc.PasswordHash, in.Password) // "" when not found: the dummy hash
	if err != nil {
		return Challenge{}, fmt.Errorf("login: %w", err)
	}
	if !ok {
		if err := s.loginFailed(ctx, acc, found, in.IDNumber); err != nil {
			return Challenge{}, err
		}
		return Challenge{}, errInvalidCredentials
	}
	if acc.lockedAt(s.now()) {
		if err := audit(ctx, s.db, s.now(), auditEntry{Event: EventLoginWhenLocked, AccountID: acc.ID, IDNumber: acc.IDNumber}); err != nil {
			return Challenge{}, err
		}
		return Challenge{}, errAccountLocked
	}
	var ch Challenge
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		// The SMS to the phone is counted (only now: after the right
		// password) in the statement that locks the account and opens the
		// challenge; the account is checked again under its lock.
		ch, err = s.openChallenge(ctx, tx, opening{accountID: acc.ID, purpose: PurposeLogin,
			smsLimit: s.limits.SMSPerPhone, smsPhone: acc.Phone, refuseLocked: true,
			audit: auditEntry{Event: EventLoginStarted, AccountID: acc.ID, IDNumber: acc.IDNumber}})
		return err
	})
	return ch, err
}

// loginFailed records a wrong password: for a known account it counts
// towards the lockout; either way it is audited.
func (s *Service) loginFailed(ctx context.Context, acc account, found bool, idNumber string) error {
	now := s.now()
	if !found {
		return audit(ctx, s.db, now, auditEntry{Event: EventLoginFailed, IDNumber: idNumber,
			Detail: map[string]any{"reason": "credentials"}})
	}
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := s.recordFailure(ctx, tx, acc, failedPassword, now); err != nil {
			return err
		}
		return audit(ctx, tx, now, auditEntry{Event: EventLoginFailed, AccountID: acc.ID, IDNumber: acc.IDNumber,
			Detail: map[string]any{"reason": "credentials"}})
	})
}
