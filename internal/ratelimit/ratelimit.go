package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"
)

// Decision is the answer for one event.
type Decision struct {
	Allowed    bool
	RetryAfter time.Duration // when refused: until the window ends, whole seconds (at least 1 s)
}

// Limiter counts events per key in PostgreSQL. Safe for concurrent use.
type Limiter struct {
	db *sqlx.DB
	// pruneEvery: one Allow in pruneEvery also deletes expired rows.
	pruneEvery int
}

// New returns a limiter over db.
func New(db *sqlx.DB) *Limiter { return &Limiter{db: db, pruneEvery: 100} }

// maxKeyLen bounds a key (Key returns about scope + 33 bytes).
const maxKeyLen = 200

// Key returns the counter key for scope (such as "login:account" or
// "login:ip") and the identifying value (an ID number, a phone, an IP): the
// scope followed by the first 128 bits of SHA-256 over scope and value, so
// the table never holds an ID number or a phone in clear.
func Key(scope, value string) string {
	h := sha256.Sum256([]byte(scope + "\x00" + value))
	return scope + ":" + hex.EncodeToString(h[:16])
}

// Allow counts one event for key and reports whether it is within lim.Max
// events per lim.Window. A refused event is counted too, so hammering a limit
// does not help; the window still ends on time.
func (l *Limiter) Allow(ctx context.Context, key string, lim Limit) (Decision, error) {
	return l.allow(ctx, key, lim, "", nil)
}

// upsertSQL counts one event in a window of window microseconds (a
// placeholder), inserting the row of source (VALUES or SELECT …: key, 1,
// the window's end), and returns the columns of returning, which may use
// count and leftUsSQL.
func upsertSQL(window, source, returning string) string {
	return `INSERT INTO rate_limits AS r (key, count, window_ends_at)
		` + source + `
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.count + 1 END,
			window_ends_at = CASE WHEN r.window_ends_at <= now()
				THEN now() + ` + window + ` * interval '1 microsecond' ELSE r.window_ends_at END
		RETURNING ` + returning
}

// leftUsSQL is the microseconds left in the counted row's window.
const leftUsSQL = `(extract(epoch FROM window_ends_at - now()) * 1000000)::bigint`

// countSQL counts one event for key $1 in a window of $2 microseconds (the
// statement's CTE "counted": count, left_us).
var countSQL = `WITH counted AS (` +
	upsertSQL("$2", `VALUES ($1, 1, now() + $2 * interval '1 microsecond')`, `count, `+leftUsSQL+` AS left_us`) + `)
	`

// allow is Allow that, when then is set, runs the query then in the same
// statement and scans its row (or NULLs when it has none) into dest (see
// EnforceThen).
func (l *Limiter) allow(ctx context.Context, key string, lim Limit, then string, args []any, dest ...any) (Decision, error) {
	limit, window := lim.Max, lim.Window
	switch {
	case key == "" || len(key) > maxKeyLen:
		return Decision{}, errors.New("rate limit: key empty or too long")
	case limit < 1:
		return Decision{}, errBadLimit
	case window < time.Millisecond:
		return Decision{}, errors.New("rate limit: window shorter than 1 ms")
	}
	var count, leftMic int64
	query := countSQL + `SELECT count, left_us FROM counted`
	targets := []any{&count, &leftMic}
	if then != "" {
		query = countSQL + `SELECT counted.count, counted.left_us, t.* FROM counted LEFT JOIN LATERAL (` + then + `) AS t ON true`
		targets = append(targets, dest...)
	}
	err := l.db.QueryRowContext(ctx, query, append([]any{key, window.Microseconds()}, args...)...).Scan(targets...)
	if err != nil {
		return Decision{}, fmt.Errorf("rate limit %s: %w", scopeOf(key), err)
	}
	if l.pruneEvery > 0 && rand.IntN(l.pruneEvery) == 0 {
		if _, err := l.Prune(ctx); err != nil {
			return Decision{}, err
		}
	}
	if count <= int64(limit) {
		return Decision{Allowed: true}, nil
	}
	return Decision{Allowed: false, RetryAfter: retryAfter(leftMic)}, nil
}

// retryAfter is the wait a refused client is told for leftMic microseconds
// left in the window: whole seconds, rounded up, so a client that waits it
// is allowed, and at least 1 s.
func retryAfter(leftMic int64) time.Duration {
	retry := (time.Duration(leftMic)*time.Microsecond + time.Second - 1).Truncate(time.Second)
	return max(retry, time.Second)
}

// Prune deletes the counters whose window has ended (at most 1,000 a call)
// and returns how many it deleted.
func (l *Limiter) Prune(ctx context.Context) (int64, error) {
	res, err := l.db.ExecContext(ctx, `
		DELETE FROM rate_limits WHERE key IN (
			SELECT key FROM rate_limits WHERE window_ends_at <= now() LIMIT 1000)
		AND window_ends_at <= now()`)
	if err != nil {
		return 0, fmt.Errorf("prune rate limits: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune rate limits: %w", err)
	}
	return n, nil
}

// scopeOf returns the part of a Key before the hash, for error messages.
func scopeOf(key string) string {
	for i := len(key) - 1; i >= 0; i-- {
		if key[i] == ':' {
			return key[:i]
		}
	}
	return "(unscoped key)"
}
