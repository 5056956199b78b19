package identity

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Challenge is an open OTP challenge as its holder sees it.
type Challenge struct {
	ID                string // a UUID; the holder's capability to verify
	Purpose           Purpose
	MaskedPhone       string
	ExpiresAt         time.Time
	ResendAvailableAt time.Time
	ResendsLeft       int
}

// challengeRow is a row of identity_otp_challenges.
type challengeRow struct {
	ID           string         `db:"id"`
	AccountID    int64          `db:"account_id"`
	Purpose      Purpose        `db:"purpose"`
	Phone        string         `db:"phone"`
	CodeMAC      []byte         `db:"code_mac"`
	KeyVersion   int            `db:"key_version"`
	Attempts     int            `db:"attempts"`
	SMSCount     int            `db:"sms_count"`
	LastSentAt   time.Time      `db:"last_sent_at"`
	ExpiresAt    time.Time      `db:"expires_at"`
	ClosedAt     sql.NullTime   `db:"closed_at"`
	ClosedReason sql.NullString `db:"closed_reason"`
}

const challengeColumns = `id, account_id, purpose, phone, code_mac, key_version, attempts, sms_count,
	last_sent_at, expires_at, closed_at, closed_reason`

func (c challengeRow) public() Challenge {
	return Challenge{
		ID: c.ID, Purpose: c.Purpose, MaskedPhone: vnid.MaskPhone(c.Phone), ExpiresAt: c.ExpiresAt,
		ResendAvailableAt: c.LastSentAt.Add(OTPResendAfter), ResendsLeft: OTPMaxSMS - c.SMSCount,
	}
}

// open reports whether the challenge can still take a code at now.
func (c challengeRow) open() bool {
	return !c.ClosedAt.Valid && c.Attempts < OTPMaxAttempts
}

// newChallengeID returns a random (version 4) UUID from crypto/rand.
func newChallengeID() (string, error) {
	id, err := uuid.NewRandomFromReader(rand.Reader)
	if err != nil {
		return "", fmt.Errorf("challenge id: %w", err)
	}
	return id.String(), nil
}

// parseChallengeID returns the canonical form of a client-sent challenge ID.
func parseChallengeID(s string) (string, bool) {
	if len(s) != 36 {
		return "", false
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return "", false
	}
	return id.String(), true
}

// opening is a challenge for openChallenge to open.
type opening struct {
	accountID int64
	purpose   Purpose
	// smsLimit, when on, counts the SMS per phone (identity:sms:phone, for
	// smsPhone) in the statement, after the account's lock: a refused count
	// is RATE_LIMITED with nothing written.
	smsLimit ratelimit.Limit
	smsPhone string
	// refuseLocked: an account locked out at the statement's lock is
	// ACCOUNT_LOCKED with nothing written.
	refuseLocked bool
	audit        auditEntry
}

// errOpenRaced says openStatement opened nothing because an open challenge
// of the account committed after the statement's snapshot (see
// openChallenge).
var errOpenRaced = errors.New("an open challenge committed after the statement's snapshot")

// openChallenge locks the account row (until tx ends), counts the SMS when
// o says so, closes the account's open challenge (if any), creates a new
// one for o.purpose to the locked row's phone, appends the audit entry
// o.audit, and queues the SMS in the locked row's language, all inside tx.
// The first four are one statement (openStatement); a refused count or a
// locked-out account write nothing in it, and the error rolls tx back.
//
// Locks are taken in the order every statement of the package takes them:
// the account row, then the rate-limit counter, then the account's
// challenges; so a verification (VerifyOTP) or another login racing this
// one waits instead of deadlocking.
//
// One statement has one snapshot, taken before it waits for the account's
// lock. If the lock's holder was another login or registration of the
// account, its new challenge committed after that snapshot: the statement's
// UPDATE cannot see it to supersede it, and its INSERT meets it in the
// one-open-challenge index (ON CONFLICT DO NOTHING: nothing inserted, no
// error, no audit row). openChallenge then runs the statement once more in
// tx, without the count (already made): a new statement has a new
// snapshot, taken while tx holds the account's lock, which every writer of
// challenges takes first, so it sees every challenge of the account and
// supersedes the open one. A login costs that second statement only when it
// waited for another one of the same account.
func (s *Service) openChallenge(ctx context.Context, tx *sqlx.Tx, o opening) (Challenge, error) {
	now := s.now()
	auditRow, err := auditArgs(ctx, now, o.audit)
	if err != nil {
		return Challenge{}, err
	}
	id, err := newChallengeID()
	if err != nil {
		return Challenge{}, err
	}
	code, err := newOTPCode()
	if err != nil {
		return Challenge{}, err
	}
	mac, err := s.otpMAC(s.otpKeyVersion, id, o.purpose, code)
	if err != nil {
		return Challenge{}, err
	}
	c := challengeRow{ID: id, AccountID: o.accountID, Purpose: o.purpose, CodeMAC: mac, KeyVersion: s.otpKeyVersion}
	acc, err := s.openStatement(ctx, tx, o, &c, now, auditRow)
	if errors.Is(err, errOpenRaced) {
		o.smsLimit = ratelimit.Limit{}
		acc, err = s.openStatement(ctx, tx, o, &c, now, auditRow)
	}
	if err != nil {
		return Challenge{}, err
	}
	if err := s.sendCode(ctx, tx, c, acc.Language, code); err != nil {
		return Challenge{}, err
	}
	return c.public(), nil
}

// openStatement is openChallenge's statement: it locks the account, counts
// (o.smsLimit), and only when the count allows and o.refuseLocked does not
// refuse, supersedes the open challenge, inserts c (its ID, MAC and key
// version set; the rest filled in from the row) and appends the audit row
// auditRow. It returns the locked account; errOpenRaced when it inserted
// nothing because of an open challenge it could not see.
//
// The INSERT reads the UPDATE's complete result (count(*) over it) before
// it produces its row, so the old challenge is closed before the new one
// meets the one-open-challenge-per-account index.
func (s *Service) openStatement(ctx context.Context, tx *sqlx.Tx, o opening, c *challengeRow, now time.Time, auditRow []any) (account, error) {
	limited, limitArgs := ratelimit.CountIn("limited", "acc", 9, "identity:sms:phone", o.smsLimit, o.smsPhone)
	var row struct {
		account
		LockedOut  bool          `db:"locked_out"` // at now, as the statement decided
		Allowed    sql.NullBool  `db:"l_allowed"`
		RetryUs    sql.NullInt64 `db:"l_retry_us"`
		SMSCount   sql.NullInt64 `db:"c_sms_count"` // NULL: nothing inserted
		LastSentAt sql.NullTime  `db:"c_last_sent_at"`
		ExpiresAt  sql.NullTime  `db:"c_expires_at"`
	}
	err := tx.GetContext(ctx, &row, `WITH acc AS (
			SELECT `+accountColumns+`, coalesce(locked_until > $5, false) AS locked_out
			FROM identity_accounts WHERE id = $2 FOR UPDATE),
		`+limited+`,
		ok AS (
			SELECT acc.id, acc.phone FROM acc, limited WHERE limited.allowed AND NOT ($7 AND acc.locked_out)),
		superseded AS (
			UPDATE identity_otp_challenges SET closed_at = $5, closed_reason = 'SUPERSEDED'
			WHERE account_id = (SELECT id FROM ok) AND closed_at IS NULL RETURNING 1),
		opened AS (
			INSERT INTO identity_otp_challenges
			(id, account_id, purpose, phone, code_mac, key_version, created_at, last_sent_at, expires_at)
			SELECT $1, ok.id, $3, ok.phone, $4, $6, $5, $5, $8
			FROM ok, (SELECT count(*) FROM superseded) AS s
			ON CONFLICT (account_id) WHERE closed_at IS NULL DO NOTHING
			RETURNING sms_count, last_sent_at, expires_at),
		audited AS (
			INSERT INTO identity_audit_events (`+auditColumns+`)
			SELECT $12, $13, $14, $15, $16, $17, $18, $19 FROM opened)
		SELECT acc.*, l.allowed AS l_allowed, l.retry_us AS l_retry_us,
			o.sms_count AS c_sms_count, o.last_sent_at AS c_last_sent_at, o.expires_at AS c_expires_at
		FROM acc LEFT JOIN limited l ON true LEFT JOIN opened o ON true`,
		append(append([]any{c.ID, o.accountID, string(o.purpose), c.CodeMAC, now, c.KeyVersion, o.refuseLocked,
			now.Add(OTPValidity)}, limitArgs...), auditRow...)...)
	switch {
	case err != nil:
		return account{}, fmt.Errorf("open challenge (%s): %w", o.audit.Event, err)
	case !row.Allowed.Bool:
		return account{}, ratelimit.Refused(row.RetryUs.Int64)
	case o.refuseLocked && row.LockedOut:
		return account{}, errAccountLocked
	case !row.SMSCount.Valid:
		return account{}, errOpenRaced
	}
	c.Phone, c.SMSCount = row.Phone, int(row.SMSCount.Int64)
	c.LastSentAt, c.ExpiresAt = row.LastSentAt.Time, row.ExpiresAt.Time
	return row.account, nil
}

// getChallenge loads a challenge; found is false when there is none.
func getChallenge(ctx context.Context, q sqlx.QueryerContext, id string, forUpdate bool) (c challengeRow, found bool, err error) {
	query := `SELECT ` + challengeColumns + ` FROM identity_otp_challenges WHERE id = $1`
	if forUpdate {
		query += ` FOR UPDATE`
	}
	err = sqlx.GetContext(ctx, q, &c, query, id)
	if errors.Is(err, sql.ErrNoRows) {
		return challengeRow{}, false, nil
	}
	if err != nil {
		return challengeRow{}, false, fmt.Errorf("load challenge: %w", err)
	}
	return c, true, nil
}

// Challenge returns an open challenge by ID, for the node(id:) lookup of its
// holder; ok is false for an unknown or closed challenge.
func (s *Service) Challenge(ctx context.Context, id string) (c Challenge, ok bool, err error) {
	id, valid := parseChallengeID(id)
	if !valid {
		return Challenge{}, false, nil
	}
	row, found, err := getChallenge(ctx, s.db, id, false)
	if err != nil || !found || !row.open() {
		return Challenge{}, false, err
	}
	return row.public(), true, nil
}
