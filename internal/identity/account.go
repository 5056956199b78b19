package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// AccountStatus is the state of an account.
type AccountStatus string

// Account statuses: registered but the phone not yet verified, and usable.
const (
	StatusPending AccountStatus = "PENDING_VERIFICATION"
	StatusActive  AccountStatus = "ACTIVE"
)

// ConsentVersion is the version of ConsentText; registration records it and
// the time of consent.
const ConsentVersion = "2026-07-01"

// ConsentText is the personal-data consent (Law 91/2025/QH15) that a citizen
// gives by registering.
var ConsentText = i18n.T(
	"Tôi đồng ý để Cổng Dịch vụ công xử lý dữ liệu cá nhân của tôi (số định danh cá nhân, họ tên, ngày sinh, "+
		"số điện thoại, mã số BHXH, thông tin thẻ BHYT và địa chỉ) để xác thực danh tính, giải quyết thủ tục hành chính "+
		"và gửi thông báo về hồ sơ, theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.",
	"I agree that the Public Service Portal processes my personal data (personal ID number, full name, date of "+
		"birth, phone number, social insurance code, health insurance card and address) to verify my identity, "+
		"handle administrative procedures and notify me about my applications, under the Law on Personal Data "+
		"Protection No. 91/2025/QH15.")

// account is a row of identity_accounts.
type account struct {
	ID           int64         `db:"id"`
	IDNumber     string        `db:"id_number"`
	Phone        string        `db:"phone"`
	PasswordHash string        `db:"password_hash"`
	Status       AccountStatus `db:"status"`
	Language     i18n.Lang     `db:"language"`
	LockedUntil  sql.NullTime  `db:"locked_until"`
}

const accountColumns = `id, id_number, phone, password_hash, status, language, locked_until`

func (a account) lockedAt(now time.Time) bool {
	return a.LockedUntil.Valid && a.LockedUntil.Time.After(now)
}

// findAccount returns the account of idNumber; found is false when none.
func findAccount(ctx context.Context, q sqlx.QueryerContext, idNumber string) (acc account, found bool, err error) {
	err = sqlx.GetContext(ctx, q, &acc, `SELECT `+accountColumns+` FROM identity_accounts WHERE id_number = $1`, idNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return account{}, false, nil
	}
	if err != nil {
		return account{}, false, fmt.Errorf("load account: %w", err)
	}
	return acc, true, nil
}

// findAccountCounting is findAccount in the statement that counts the
// event of scope for idNumber against lim (Limiter.EnforceThen): one round
// trip for both. A refused event is RATE_LIMITED whether or not the account
// exists.
func (s *Service) findAccountCounting(ctx context.Context, scope string, lim ratelimit.Limit, idNumber string) (acc account, found bool, err error) {
	var (
		id                                    sql.NullInt64
		number, phone, hash, status, language sql.NullString
		locked                                sql.NullTime
	)
	if err := s.limiter.EnforceThen(ctx, scope, lim, idNumber,
		`SELECT `+accountColumns+` FROM identity_accounts WHERE id_number = $3`, []any{idNumber},
		&id, &number, &phone, &hash, &status, &language, &locked); err != nil {
		return account{}, false, err
	}
	if !id.Valid {
		return account{}, false, nil
	}
	return account{ID: id.Int64, IDNumber: number.String, Phone: phone.String, PasswordHash: hash.String,
		Status: AccountStatus(status.String), Language: i18n.Lang(language.String), LockedUntil: locked}, true, nil
}

// lockAccount loads the account by id and locks its row until the
// transaction ends, serialising the challenge and lockout changes of one
// account across processes.
func lockAccount(ctx context.Context, tx *sqlx.Tx, id int64) (account, error) {
	var acc account
	if err := tx.GetContext(ctx, &acc, `SELECT `+accountColumns+` FROM identity_accounts WHERE id = $1 FOR UPDATE`, id); err != nil {
		return account{}, fmt.Errorf("lock account %d: %w", id, err)
	}
	return acc, nil
}
