package identity

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/notify"
)

// OTPSubjectPrefix prefixes the notify.SMS Subject of OTP messages:
// "otp:<challenge id>:<sms count>" names one code of one challenge.
const OTPSubjectPrefix = "otp"

// sendCode queues the OTP SMS of challenge c's current code (notify's "otp"
// template, in the account's language) inside tx. It expires with the code,
// and its Subject lets the outbox drop it once the code is no longer the
// challenge's live one (see OTPMessageCurrent).
func (s *Service) sendCode(ctx context.Context, tx *sqlx.Tx, c challengeRow, lang i18n.Lang, code string) error {
	text, err := s.templates.Render(notify.TemplateOTP, lang, map[string]string{
		"code":    code,
		"minutes": strconv.Itoa(int(OTPValidity / time.Minute)),
	})
	if err != nil {
		return fmt.Errorf("OTP SMS text: %w", err)
	}
	expiresAt := c.ExpiresAt
	msg := notify.SMS{To: c.Phone, Text: text, Purpose: notify.PurposeOTP, ExpiresAt: &expiresAt,
		Subject: OTPSubjectPrefix + ":" + c.ID + ":" + strconv.Itoa(c.SMSCount)}
	if err := s.sms.EnqueueTx(ctx, tx, msg); err != nil {
		return fmt.Errorf("queue OTP SMS: %w", err)
	}
	return nil
}

// OTPMessageCurrent implements notify.CheckFunc for OTP subjects: the
// message is current while its challenge is open, unexpired, still has
// attempts left and the code it carries is the latest one sent (a resend
// replaces the code; a new login or registration supersedes the challenge).
func (s *Service) OTPMessageCurrent(ctx context.Context, subject string) (bool, error) {
	parts := strings.Split(subject, ":")
	if len(parts) != 3 || parts[0] != OTPSubjectPrefix {
		return false, nil
	}
	id, err := uuid.Parse(parts[1])
	if err != nil {
		return false, nil
	}
	n, err := strconv.Atoi(parts[2])
	if err != nil {
		return false, nil
	}
	var current bool
	err = s.db.GetContext(ctx, &current, `SELECT EXISTS (SELECT 1 FROM identity_otp_challenges
		WHERE id = $1 AND sms_count = $2 AND closed_at IS NULL AND expires_at > $3 AND attempts < $4)`,
		id.String(), n, s.now(), OTPMaxAttempts)
	if err != nil {
		return false, fmt.Errorf("OTP challenge state: %w", err)
	}
	return current, nil
}
