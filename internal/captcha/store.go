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
	"strconv"
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
	guard, args := guarded(g, id, answerHash(id, answer), TTL.Milliseconds(), pruneBatch)
	own := ownPlaceholders(guard)
	var (
		expires sql.NullTime
		allowed sql.NullBool
		retry   sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `
		WITH `+GuardAfter+` AS (
			SELECT `+own(0)+`::text AS id, `+own(1)+`::bytea AS answer_hash,
				now() + `+own(2)+`::bigint * interval '1 millisecond' AS expires_at),
		`+guard.CTE+`,
		pruned AS (
			DELETE FROM captcha_challenges WHERE id IN (
				SELECT id FROM captcha_challenges WHERE expires_at < now() LIMIT `+own(3)+`)),
		stored AS (
			INSERT INTO captcha_challenges (id, answer_hash, expires_at)
			SELECT id, answer_hash, expires_at FROM `+GuardAfter+`
			WHERE (SELECT `+guard.Allowed+` FROM `+guard.Name+`)
			RETURNING expires_at)
		SELECT (SELECT expires_at FROM stored), (SELECT `+guard.Allowed+` FROM `+guard.Name+`),
			(SELECT `+guard.Retry+` FROM `+guard.Name+`)`, args...).
		Scan(&expires, &allowed, &retry)
	if err != nil {
		return time.Time{}, fmt.Errorf("store captcha: %w", err)
	}
	if err := guard.refusal(allowed, retry); err != nil {
		return time.Time{}, err
	}
	if !expires.Valid {
		return time.Time{}, errors.New("store captcha: allowed but not stored")
	}
	return expires.Time, nil
}

// pruneBatch is how many expired challenges one create deletes at most.
const pruneBatch = 100

// unguarded is the Guard of New and Verify: it always allows.
var unguarded = Guard{Name: "unguarded", CTE: `unguarded AS (SELECT true AS allowed, 0::bigint AS retry)`,
	Allowed: "allowed", Retry: "retry"}

// guarded returns g (unguarded when nil) and the arguments of a statement
// under it: g's first ($GuardFirst, …), then the statement's own.
func guarded(g *Guard, own ...any) (Guard, []any) {
	guard := unguarded
	if g != nil {
		guard = *g
	}
	return guard, append(append(make([]any, 0, len(guard.Args)+len(own)), guard.Args...), own...)
}

// ownPlaceholders numbers a statement's own placeholders after g's: own(0)
// is the first.
func ownPlaceholders(g Guard) func(i int) string {
	return func(i int) string { return "$" + strconv.Itoa(GuardFirst+len(g.Args)+i) }
}

// refusal is nil when the statement's guard allowed, and g.Refused's error
// otherwise (false, NULL or no row).
func (g Guard) refusal(allowed sql.NullBool, retry sql.NullInt64) error {
	if allowed.Bool {
		return nil
	}
	if g.Refused == nil {
		return errors.New("captcha: refused by a guard without Refused")
	}
	return g.Refused(retry.Int64)
}

// verify consumes the challenge when g (if any) allows, in one statement
// (one DELETE: of two concurrent verifies, exactly one sees the row), and
// compares the answer in constant time. A challenge g refuses is not
// consumed, and the error is g.Refused's.
func (s *store) verify(ctx context.Context, id, answer string, g *Guard) (bool, error) {
	if !ValidID(id) {
		if g == nil {
			return false, nil // no challenge has this ID; nothing to check
		}
		id = "" // matches no challenge; g is still checked
	}
	guard, args := guarded(g, id)
	own := ownPlaceholders(guard)
	var (
		hash    []byte
		live    sql.NullBool
		allowed sql.NullBool
		retry   sql.NullInt64
	)
	err := s.db.QueryRowContext(ctx, `
		WITH `+GuardAfter+` AS (SELECT `+own(0)+`::text AS id),
		`+guard.CTE+`,
		consumed AS (
			DELETE FROM captcha_challenges WHERE id = (SELECT id FROM `+GuardAfter+`)
				AND (SELECT `+guard.Allowed+` FROM `+guard.Name+`)
			RETURNING answer_hash, expires_at > now() AS live)
		SELECT (SELECT answer_hash FROM consumed), (SELECT live FROM consumed),
			(SELECT `+guard.Allowed+` FROM `+guard.Name+`), (SELECT `+guard.Retry+` FROM `+guard.Name+`)`, args...).
		Scan(&hash, &live, &allowed, &retry)
	if err != nil {
		return false, fmt.Errorf("consume captcha: %w", err)
	}
	if err := guard.refusal(allowed, retry); err != nil {
		return false, err
	}
	if hash == nil || !validAnswer(answer) {
		// Unknown or used; or consumed with a wrong-shaped answer, which is a
		// wrong answer.
		return false, nil
	}
	ok := subtle.ConstantTimeCompare(hash, answerHash(id, answer)) == 1
	return ok && live.Bool, nil
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
