package identity

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// Session rules (DESIGN.md §7).
const (
	// TokenPrefix marks a citizen session token.
	TokenPrefix        = "dvcs_"
	SessionIdleTimeout = 30 * time.Minute
	SessionMaxAge      = 12 * time.Hour
	// lastSeenGranularity: last_seen_at is written at most this often, so an
	// active session costs one UPDATE a minute, not one per request.
	lastSeenGranularity = time.Minute
	tokenBytes          = 32
)

var tokenLen = len(TokenPrefix) + base64.RawURLEncoding.EncodedLen(tokenBytes)

// Session is a newly opened session; Token is shown to the client once.
type Session struct {
	ID        int64
	AccountID int64
	Token     string
	ExpiresAt time.Time // the absolute expiry; idle sessions end sooner
	// idNumber and phone are the account's, as VerifyOTP read them when it
	// opened the session (CitizenOfSession need not read them again).
	idNumber, phone string
}

func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// newSessionToken returns a new session token, shown to its holder once,
// and the hash that identity_sessions keeps of it.
func newSessionToken() (token string, hash []byte, err error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("session token: %w", err)
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	return token, hashToken(token), nil
}

// The statements of every authenticated request: the session lookup, and
// the idle timer's touch (at most once a lastSeenGranularity per session).
// Each pooled connection keeps them prepared (postgres' statement cache).
const (
	sessionLookupSQL = `SELECT s.id, s.account_id, a.id_number, a.phone, a.language, s.last_seen_at
		FROM identity_sessions s JOIN identity_accounts a ON a.id = s.account_id
		WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
			AND a.status = 'ACTIVE'`
	sessionTouchSQL = `UPDATE identity_sessions SET last_seen_at = $2
		WHERE id = $1 AND last_seen_at < $2`
)

// Authenticate implements auth.Authenticator for "dvcs_" tokens: an unknown,
// revoked, idle or expired token is auth.ErrInvalidToken. The citizen Actor
// carries the account's contact (phone and language) read by the same
// statement, so ContactOf answers the citizen's own contact with no query;
// it is read on every request, so it is as current as a query would be.
func (s *Service) Authenticate(ctx context.Context, token string) (auth.Actor, error) {
	if len(token) != tokenLen || !strings.HasPrefix(token, TokenPrefix) {
		return auth.Actor{}, auth.ErrInvalidToken
	}
	now := s.now()
	var row struct {
		ID         int64     `db:"id"`
		AccountID  int64     `db:"account_id"`
		IDNumber   string    `db:"id_number"`
		Phone      string    `db:"phone"`
		Language   i18n.Lang `db:"language"`
		LastSeenAt time.Time `db:"last_seen_at"`
	}
	err := s.db.GetContext(ctx, &row, sessionLookupSQL, hashToken(token), now, now.Add(-SessionIdleTimeout))
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Actor{}, auth.ErrInvalidToken
	}
	if err != nil {
		return auth.Actor{}, fmt.Errorf("authenticate session: %w", err)
	}
	if now.Sub(row.LastSeenAt) >= lastSeenGranularity {
		if _, err := s.db.ExecContext(ctx, sessionTouchSQL, row.ID, now); err != nil {
			return auth.Actor{}, fmt.Errorf("touch session: %w", err)
		}
	}
	return auth.Actor{Kind: auth.Citizen, AccountID: row.AccountID, IDNumber: row.IDNumber, SessionID: row.ID,
		Phone: row.Phone, Lang: contactLang(row.Language)}, nil
}

// Logout revokes the caller's session at once.
func (s *Service) Logout(ctx context.Context) (bool, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return false, err
	}
	now := s.now()
	var revoked bool
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE identity_sessions SET revoked_at = $3
			WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL`, actor.SessionID, actor.AccountID, now)
		if err != nil {
			return fmt.Errorf("revoke session: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("revoke session: %w", err)
		}
		if revoked = n == 1; !revoked {
			return nil
		}
		return audit(ctx, tx, now, auditEntry{Event: EventLoggedOut, AccountID: actor.AccountID, IDNumber: actor.IDNumber,
			Detail: map[string]any{"sessionId": actor.SessionID}})
	})
	return revoked, err
}
