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

	"github.com/dvcportal/dvcportal/internal/i18n"
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

// openChallenge closes the account's open challenge (if any), creates a new
// one for purpose, appends the audit entry e, and queues its SMS to phone,
// all inside tx. The caller has locked the account row.
func (s *Service) openChallenge(ctx context.Context, tx *sqlx.Tx, acc account, purpose Purpose, phone string, lang i18n.Lang, e auditEntry) (Challenge, error) {
	now := s.now()
	auditRow, err := auditArgs(ctx, now, e)
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
	mac, err := s.otpMAC(s.otpKeyVersion, id, purpose, code)
	if err != nil {
		return Challenge{}, err
	}
	// One statement supersedes the open challenge, inserts the new one and
	// appends the audit row. The INSERT reads the UPDATE's complete result
	// (count(*) over it) before it produces its row, so the old challenge is
	// closed before the new one meets the one-open-challenge-per-account index.
	var row challengeRow
	if err := tx.GetContext(ctx, &row, `WITH superseded AS (
			UPDATE identity_otp_challenges SET closed_at = $7, closed_reason = 'SUPERSEDED'
			WHERE account_id = $2 AND closed_at IS NULL RETURNING 1),
		audited AS (
			INSERT INTO identity_audit_events (`+auditColumns+`)
			VALUES ($9, $10, $11, $12, $13, $14, $15, $16))
		INSERT INTO identity_otp_challenges
		(id, account_id, purpose, phone, code_mac, key_version, created_at, last_sent_at, expires_at)
		SELECT $1, $2, $3, $4, $5, $6, $7, $7, $8 FROM (SELECT count(*) FROM superseded) AS s
		RETURNING `+challengeColumns,
		append([]any{id, acc.ID, string(purpose), phone, mac, s.otpKeyVersion, now, now.Add(OTPValidity)}, auditRow...)...); err != nil {
		return Challenge{}, fmt.Errorf("open challenge (%s): %w", e.Event, err)
	}
	if err := s.sendCode(ctx, tx, row, lang, code); err != nil {
		return Challenge{}, err
	}
	return row.public(), nil
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
