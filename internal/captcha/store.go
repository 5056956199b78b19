package captcha

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// store keeps challenges in captcha_challenges: ID, a hash of the answer,
// the expiry. The database clock decides expiry, so all processes agree.
type store struct {
	db *sqlx.DB
}

// idBytes is the size of a challenge ID: 128 random bits, hex-encoded.
const idBytes = 16

func newID() (string, error) {
	b := make([]byte, idBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("captcha ID: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// answerHash binds the answer to the challenge, so equal answers of two
// challenges do not hash alike.
func answerHash(id, answer string) []byte {
	h := sha256.Sum256([]byte("dvcportal/captcha/v1\x00" + id + "\x00" + answer))
	return h[:]
}

// create stores a challenge with the answer and returns its expiry. The
// same statement deletes a batch of expired challenges, so the table does
// not grow, and checks g when it is not nil (see Guard): one round trip and
// one commit for all three. A challenge g refuses is not stored, and the
// error is g.Refused's.
func (s *store) create(ctx context.Context, id, answer string, g *Guard) (time.Time, error) {
	guard := Guard{Name: "unguarded", CTE: `unguarded AS (SELECT true AS allowed, 0::bigint AS retry)`,
		Allowed: "allowed", Retry: "retry"}
	if g != nil {
		guard = *g
	}
	var (
		expires sql.NullTime
		allowed sql.NullBool
		retry   sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `
		WITH `+GuardAfter+` AS (
			SELECT $1::text AS id, $2::bytea AS answer_hash, now() + $3::bigint * interval '1 millisecond' AS expires_at),
		`+guard.CTE+`,
		pruned AS (
			DELETE FROM captcha_challenges WHERE id IN (
				SELECT id FROM captcha_challenges WHERE expires_at < now() LIMIT $4)),
		stored AS (
			INSERT INTO captcha_challenges (id, answer_hash, expires_at)
			SELECT id, answer_hash, expires_at FROM `+GuardAfter+`
			WHERE (SELECT `+guard.Allowed+` FROM `+guard.Name+`)
			RETURNING expires_at)
		SELECT (SELECT expires_at FROM stored), (SELECT `+guard.Allowed+` FROM `+guard.Name+`),
			(SELECT `+guard.Retry+` FROM `+guard.Name+`)`,
		append([]any{id, answerHash(id, answer), TTL.Milliseconds(), pruneBatch}, guard.Args...)...).
		Scan(&expires, &allowed, &retry)
	if err != nil {
		return time.Time{}, fmt.Errorf("store captcha: %w", err)
	}
	if !allowed.Bool {
		if guard.Refused == nil {
			return time.Time{}, errors.New("store captcha: refused by a guard without Refused")
		}
		return time.Time{}, guard.Refused(retry.Int64)
	}
	if !expires.Valid {
		return time.Time{}, errors.New("store captcha: allowed but not stored")
	}
	return expires.Time, nil
}

// pruneBatch is how many expired challenges one create deletes at most.
const pruneBatch = 100

// verify consumes the challenge (one DELETE: of two concurrent verifies,
// exactly one sees the row) and compares the answer in constant time.
func (s *store) verify(ctx context.Context, id, answer string) (bool, error) {
	if !ValidID(id) || !validAnswer(answer) {
		// Still consume a well-formed ID: a wrong-shaped answer is a wrong answer.
		if ValidID(id) {
			if _, err := s.db.ExecContext(ctx, `DELETE FROM captcha_challenges WHERE id = $1`, id); err != nil {
				return false, fmt.Errorf("consume captcha: %w", err)
			}
		}
		return false, nil
	}
	var row struct {
		Hash []byte `db:"answer_hash"`
		Live bool   `db:"live"`
	}
	err := s.db.GetContext(ctx, &row, `
		DELETE FROM captcha_challenges WHERE id = $1
		RETURNING answer_hash, expires_at > now() AS live`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("consume captcha: %w", err)
	}
	ok := subtle.ConstantTimeCompare(row.Hash, answerHash(id, answer)) == 1
	return ok && row.Live, nil
}

// ValidID reports whether id has the shape of a challenge ID (32 lower-case
// hex digits), so callers can refuse a malformed ID as a field error before
// asking Verify.
func ValidID(id string) bool {
	if len(id) != 2*idBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		if (id[i] < '0' || id[i] > '9') && (id[i] < 'a' || id[i] > 'f') {
			return false
		}
	}
	return true
}

func validAnswer(a string) bool {
	if len(a) != Length {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}
