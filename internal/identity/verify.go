package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

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

// VerifyOTP checks a code in one statement (one commit, one WAL flush, no
// transaction round trips), which in this order:
//   - locks the account row, then counts the verification per account
//     (ratelimit.CountIn; refused: RATE_LIMITED, no attempt);
//   - counts the attempt on the challenge by a conditional UPDATE
//     (attempts < OTPMaxAttempts, open, not expired) that compares the code
//     in the same row update: the statement holds the account's and the
//     challenge's row locks from the count to its commit, so parallel
//     guesses on any number of processes are counted one by one and get at
//     most OTPMaxAttempts comparisons. The account is locked first, the
//     order StartLogin, Register and ResendOTP take (account, then its
//     challenges), so a login racing this verification waits instead of
//     deadlocking;
//   - a right code (on an account not locked) closes the challenge
//     (CONSUMED) in that update, activates a pending account, opens the
//     session, forgets the account's failed logins and audits; a wrong one
//     is audited with the attempts left, and the last allowed wrong code
//     closes the challenge (EXHAUSTED). All commit together, before the
//     answer: a wrong code's attempt is never lost once INVALID_OTP is said.
//
// The code is compared as its MAC (otpMAC): Go computes the MAC of the
// given code for each key version and purpose, and the UPDATE matches the
// challenge's (key_version, purpose, code_mac) against them. That match is
// PostgreSQL's byte equality, not a constant-time compare, and need not be:
// the bytes are MACs under the server's OTP key, which no client can
// compute for any guess, so how long a mismatch takes says nothing about
// the code (and each guess spends one of OTPMaxAttempts). The last
// allowed wrong code then counts towards the account's lockout in a
// transaction of its own (recordFailure), as it did after the attempt's
// own commit before.
//
// The per-IP count (identity:verify:ip, which also reads the challenge's
// account and ID number) stays a statement of its own, committed before
// this one. Folded into it, its counter row, which every verification from
// one address shares (carrier-grade NAT puts many citizens behind one),
// would stay locked until this statement's commit: through its WAL flush,
// and, were it counted before the account's lock (so that a refused address
// counts nothing else, the order of the answers now), through the wait for
// that lock too, so one account's lock would hold up every verification
// from the address. No deadlock follows in either order (no statement
// takes a verify:ip counter after an account or a challenge, and none
// locks a second counter of that scope), but the address's verifications
// would be serialised. The fold would also need the per-account counter's
// key (ratelimit.Key, hashed in Go from the account ID this statement is
// given) and the audit rows' masked ID number (vnid.MaskIDNumber) computed
// in SQL: second implementations of both.
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
	// The challenge's account (and its ID number, for the audit entry) is
	// read in the statement that counts the event per IP.
	var (
		accountID sql.NullInt64
		idNumber  sql.NullString
	)
	if err := s.limiter.EnforceThen(ctx, "identity:verify:ip", s.limits.VerifyPerIP, ratelimit.ClientIP(ctx),
		`SELECT c.account_id, a.id_number FROM identity_otp_challenges c JOIN identity_accounts a ON a.id = c.account_id
		WHERE c.id = $3`, []any{id}, &accountID, &idNumber); err != nil {
		return VerifyResult{}, err
	}
	if !accountID.Valid {
		return VerifyResult{}, errChallengeClosed
	}
	now := s.now()
	limited, limitArgs := ratelimit.CountIn("limited", "acc", 5, "identity:verify:account", s.limits.VerifyPerAccount,
		strconv.FormatInt(accountID.Int64, 10))
	var versions []int64
	var purposes []string
	var macs [][]byte
	for v := range s.otpKeys {
		for _, p := range allPurposes {
			mac, err := s.otpMAC(v, id, p, in.Code)
			if err != nil {
				return VerifyResult{}, err
			}
			versions, purposes, macs = append(versions, int64(v)), append(purposes, string(p)), append(macs, mac)
		}
	}
	token, tokenHash, err := newSessionToken()
	if err != nil {
		return VerifyResult{}, err
	}
	// The audit rows' columns that do not change with the event.
	base, err := auditArgs(ctx, now, auditEntry{AccountID: accountID.Int64, IDNumber: idNumber.String})
	if err != nil {
		return VerifyResult{}, err
	}
	var row struct {
		account
		Allowed   sql.NullBool  `db:"l_allowed"`
		RetryUs   sql.NullInt64 `db:"l_retry_us"`
		Attempts  sql.NullInt64 `db:"c_attempts"` // NULL: no attempt counted
		Right     sql.NullBool  `db:"c_right"`
		SessionID sql.NullInt64 `db:"session_id"`
	}
	expires := now.Add(SessionMaxAge)
	err = s.db.GetContext(ctx, &row, `WITH acc AS (
			SELECT `+accountColumns+` FROM identity_accounts WHERE id = $4 FOR UPDATE),
		`+limited+`,
		counted AS (
			UPDATE identity_otp_challenges SET attempts = attempts + 1,
				closed_at = CASE WHEN `+rightCode+` THEN CASE WHEN NOT `+accountLocked+` THEN $3 END
					WHEN attempts + 1 >= $2 THEN $3 END,
				closed_reason = CASE WHEN `+rightCode+` THEN CASE WHEN NOT `+accountLocked+` THEN 'CONSUMED' END
					WHEN attempts + 1 >= $2 THEN 'EXHAUSTED' END
			WHERE id = $1 AND account_id = (SELECT id FROM acc) AND (SELECT allowed FROM limited)
				AND attempts < $2 AND closed_at IS NULL AND expires_at > $3
			RETURNING purpose, attempts, `+rightCode+` AS right, closed_reason = 'CONSUMED' AS consumed),
		opened AS (
			INSERT INTO identity_sessions (account_id, token_hash, created_at, last_seen_at, expires_at, ip, user_agent)
			SELECT $4, $11, $3, $3, $12, $14, $15 FROM counted WHERE consumed
			RETURNING id),
		cleared AS (
			DELETE FROM identity_auth_failures WHERE account_id = $4 AND EXISTS (SELECT 1 FROM opened)),
		activated AS (
			UPDATE identity_accounts SET status = '`+string(StatusActive)+`', activated_at = $3, updated_at = $3
			WHERE id = $4 AND status = '`+string(StatusPending)+`' AND EXISTS (SELECT 1 FROM opened)
			RETURNING id),
		audited AS (
			INSERT INTO identity_audit_events (`+auditColumns+`)
			SELECT $3, '`+string(EventActivated)+`', $4, $13, $14, $15, $16, '{}'::jsonb FROM activated
			UNION ALL
			SELECT $3, '`+string(EventLoginSucceeded)+`', $4, $13, $14, $15, $16,
				jsonb_build_object('purpose', c.purpose, 'sessionId', o.id) FROM counted c, opened o
			UNION ALL
			SELECT $3, '`+string(EventOTPFailed)+`', $4, $13, $14, $15, $16,
				jsonb_build_object('purpose', c.purpose, 'attemptsLeft', $2 - c.attempts) FROM counted c WHERE NOT c.right)
		SELECT acc.*, l.allowed AS l_allowed, l.retry_us AS l_retry_us, c.attempts AS c_attempts, c.right AS c_right,
			(SELECT id FROM opened) AS session_id
		FROM acc LEFT JOIN limited l ON true LEFT JOIN counted c ON true`,
		append([]any{id, OTPMaxAttempts, now, accountID.Int64}, append(limitArgs,
			pq.Array(versions), pq.Array(purposes), pq.ByteaArray(macs), tokenHash, expires,
			base[3], base[4], base[5], base[6])...)...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return VerifyResult{}, errChallengeClosed // no account: nothing to verify
	case err != nil:
		return VerifyResult{}, fmt.Errorf("verify OTP: %w", err)
	case !row.Allowed.Bool:
		return VerifyResult{}, ratelimit.Refused(row.RetryUs.Int64)
	case !row.Attempts.Valid:
		return VerifyResult{}, s.whyNotOpen(ctx, id)
	case !row.Right.Bool:
		left := OTPMaxAttempts - int(row.Attempts.Int64)
		if left == 0 {
			if err := s.challengeExhausted(ctx, row.account, now); err != nil {
				return VerifyResult{}, err
			}
		}
		return VerifyResult{AttemptsLeft: &left}, invalidOTP(left)
	case !row.SessionID.Valid:
		return VerifyResult{}, errAccountLocked // the attempt stays counted
	}
	return VerifyResult{Session: Session{ID: row.SessionID.Int64, AccountID: row.ID, Token: token, ExpiresAt: expires,
		idNumber: row.IDNumber, phone: row.Phone}}, nil
}

// rightCode, in VerifyOTP's UPDATE of the challenge, says whether the
// given code is the challenge's: its MAC for the challenge's key version
// and purpose is among those computed from the code ($8, $9, $10).
const rightCode = `((key_version, purpose, code_mac) IN (
	SELECT * FROM unnest($8::int[], $9::text[], $10::bytea[])))`

// accountLocked, in VerifyOTP's statement, says whether the locked account
// row is locked out.
const accountLocked = `coalesce((SELECT locked_until > $3 FROM acc), false)`

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

// challengeExhausted counts the challenge the last allowed wrong code has
// closed as a failed challenge towards the account's lockout.
func (s *Service) challengeExhausted(ctx context.Context, acc account, now time.Time) error {
	return postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		_, err := s.recordFailure(ctx, tx, acc, failedChallenge, now)
		return err
	})
}
