// Package identitytest moves identity's clocks for end-to-end tests: it
// ages OTP challenges and sessions in the database, as if minutes had
// passed, for tests that run the real server (whose clock is the wall
// clock). Only tests import it.
package identitytest

import (
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
)

// AgeChallenge moves the challenge's times d into the past, so that its code
// expires (d ≥ 5 minutes) or a resend becomes due (d ≥ 60 s).
func AgeChallenge(t testing.TB, db *sqlx.DB, challengeID string, d time.Duration) {
	t.Helper()
	res, err := db.Exec(`UPDATE identity_otp_challenges
		SET created_at = created_at - $2::interval, last_sent_at = last_sent_at - $2::interval,
			expires_at = expires_at - $2::interval
		WHERE id = $1`, challengeID, interval(d))
	mustOne(t, res, err, "challenge")
}

// AgeSessions moves the last use of every session of the citizen with
// idNumber d into the past (d ≥ 30 minutes: idle timeout).
func AgeSessions(t testing.TB, db *sqlx.DB, idNumber string, d time.Duration) {
	t.Helper()
	res, err := db.Exec(`UPDATE identity_sessions SET last_seen_at = last_seen_at - $2::interval
		WHERE account_id = (SELECT id FROM identity_accounts WHERE id_number = $1)`, idNumber, interval(d))
	if err != nil {
		t.Fatalf("age sessions: %v", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		t.Fatal("age sessions: no session")
	}
}

// Attempts returns how many codes were tried on the challenge.
func Attempts(t testing.TB, db *sqlx.DB, challengeID string) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT attempts FROM identity_otp_challenges WHERE id = $1`, challengeID); err != nil {
		t.Fatalf("challenge attempts: %v", err)
	}
	return n
}

// Accounts returns how many accounts exist.
func Accounts(t testing.TB, db *sqlx.DB) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM identity_accounts`); err != nil {
		t.Fatalf("count accounts: %v", err)
	}
	return n
}

func interval(d time.Duration) string { return fmt.Sprintf("%.6f seconds", d.Seconds()) }

func mustOne(t testing.TB, res interface{ RowsAffected() (int64, error) }, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("age %s: %v", what, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("age %s: %d rows, %v", what, n, err)
	}
}
