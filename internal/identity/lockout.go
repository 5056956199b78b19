package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The lockout rule: this many failed logins or failed challenges within the
// window lock the account for LockDuration.
const (
	LockAfterFailures = 10
	FailureWindow     = time.Hour
	LockDuration      = 15 * time.Minute
)

// failureKind is what failed.
type failureKind string

const (
	failedPassword  failureKind = "PASSWORD"
	failedChallenge failureKind = "CHALLENGE"
)

// recordFailure records a failure for the account inside tx and locks the
// account when it is the LockAfterFailures-th within FailureWindow. The
// account row is locked first, so concurrent failures count one by one.
func (s *Service) recordFailure(ctx context.Context, tx *sqlx.Tx, acc account, kind failureKind, now time.Time) (locked bool, err error) {
	if _, err := lockAccount(ctx, tx, acc.ID); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM identity_auth_failures WHERE account_id = $1 AND at <= $2`,
		acc.ID, now.Add(-FailureWindow)); err != nil {
		return false, fmt.Errorf("prune failures: %w", err)
	}
	var n int
	if err := tx.GetContext(ctx, &n, `WITH ins AS (
			INSERT INTO identity_auth_failures (account_id, kind, at) VALUES ($1, $2, $3) RETURNING 1)
		SELECT (SELECT count(*) FROM identity_auth_failures WHERE account_id = $1) + (SELECT count(*) FROM ins)`,
		acc.ID, string(kind), now); err != nil {
		return false, fmt.Errorf("record failure: %w", err)
	}
	if n < LockAfterFailures {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE identity_accounts SET locked_until = $2, updated_at = $3 WHERE id = $1`,
		acc.ID, now.Add(LockDuration), now); err != nil {
		return false, fmt.Errorf("lock account: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM identity_auth_failures WHERE account_id = $1`, acc.ID); err != nil {
		return false, fmt.Errorf("clear failures: %w", err)
	}
	if err := audit(ctx, tx, now, auditEntry{Event: EventLocked, AccountID: acc.ID, IDNumber: acc.IDNumber,
		Detail: map[string]any{"until": now.Add(LockDuration).UTC().Format(time.RFC3339)}}); err != nil {
		return false, err
	}
	s.logger.InfoContext(ctx, "account locked after repeated failures", "account_id", acc.ID, "failures", n)
	return true, nil
}
