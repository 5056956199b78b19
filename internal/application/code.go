package application

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// codes hands out readable application codes, AGENCY-YYYYMMDD-NNNNNN: the
// agency, the submission date in Vietnam, and a number from the agency's own
// PostgreSQL sequence (never MAX()+1: numbers are unique without locking
// anything, and a rolled-back submission only leaves a gap).
type codes struct {
	db      *sqlx.DB
	mu      sync.Mutex
	ensured map[string]bool // sequences known to exist
}

func newCodes(db *sqlx.DB) *codes { return &codes{db: db, ensured: map[string]bool{}} }

// sequenceName returns the sequence of an agency: application_code_ and the
// agency code in lower case when it is plain letters and digits, else a hash.
func sequenceName(agency string) string {
	plain := agency != "" && len(agency) <= 30
	for _, r := range agency {
		plain = plain && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	}
	if plain {
		return "application_code_" + strings.ToLower(agency)
	}
	h := sha256.Sum256([]byte(agency))
	return "application_code_x" + hex.EncodeToString(h[:10])
}

// ensure creates the agency's sequence if it does not exist yet. It runs
// outside any submission transaction (DDL there would hold locks).
func (c *codes) ensure(ctx context.Context, agency string) (string, error) {
	name := sequenceName(agency)
	c.mu.Lock()
	known := c.ensured[name]
	c.mu.Unlock()
	if known {
		return name, nil
	}
	// Two processes creating the same sequence at once can collide in the
	// catalog even with IF NOT EXISTS; the loser simply tries again.
	var err error
	for range 3 {
		_, err = c.db.ExecContext(ctx, "CREATE SEQUENCE IF NOT EXISTS "+pq.QuoteIdentifier(name)+" AS bigint")
		var pqErr *pq.Error
		if err == nil || !errors.As(err, &pqErr) || (pqErr.Code != "23505" && pqErr.Code != "42P07") {
			break
		}
	}
	if err != nil {
		return "", fmt.Errorf("application code sequence of %s: %w", agency, err)
	}
	c.mu.Lock()
	c.ensured[name] = true
	c.mu.Unlock()
	return name, nil
}

// nextCodeSQL draws an agency's next application number (submit.pgbench
// copies it).
const nextCodeSQL = `SELECT nextval($1::regclass)`

// nextCodeCountedSQL is nextCodeSQL as a submission transaction's first
// statement (submit.pgbench copies it): it first counts the submission in
// limited, a ratelimit.CountIn CTE after "one" whose placeholders start at
// $2, and draws a number only when the count allows it.
func nextCodeCountedSQL(limited string) string {
	return `WITH one AS (SELECT 1), ` + limited + `
		SELECT CASE WHEN allowed THEN nextval($1::regclass) END, allowed, retry_us FROM limited`
}

// nextCounted is next in the transaction's first statement, counting the
// event of limited (see nextCodeCountedSQL) first: RATE_LIMITED, with no
// number drawn, when the count refuses it.
func (c *codes) nextCounted(ctx context.Context, tx *sqlx.Tx, agency, sequence string, at time.Time, limited string, limitArgs []any) (string, error) {
	var n sql.NullInt64
	var allowed bool
	var retryUs int64
	err := tx.QueryRowContext(ctx, nextCodeCountedSQL(limited), append([]any{sequence}, limitArgs...)...).Scan(&n, &allowed, &retryUs)
	if err != nil {
		return "", fmt.Errorf("next application code of %s, counted: %w", agency, err)
	}
	if !allowed {
		return "", ratelimit.Refused(retryUs)
	}
	return formatCode(agency, at, n.Int64), nil
}

// next takes the next code of agency for an application submitted at.
func (c *codes) next(ctx context.Context, tx *sqlx.Tx, agency, sequence string, at time.Time) (string, error) {
	var n int64
	if err := tx.GetContext(ctx, &n, nextCodeSQL, sequence); err != nil {
		return "", fmt.Errorf("next application code of %s: %w", agency, err)
	}
	return formatCode(agency, at, n), nil
}

func formatCode(agency string, at time.Time, n int64) string {
	num := strconv.FormatInt(n, 10)
	if len(num) < 6 {
		num = strings.Repeat("0", 6-len(num)) + num
	}
	return agency + "-" + at.In(vntime.Location).Format("20060102") + "-" + num
}
