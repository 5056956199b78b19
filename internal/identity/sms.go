package identity

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/notify"
)

// sendCode queues the OTP SMS (notify's "otp" template, in the account's
// language) inside tx. It expires with the code, so the outbox drops it
// rather than deliver it late.
func (s *Service) sendCode(ctx context.Context, tx *sqlx.Tx, phone string, lang i18n.Lang, code string, expiresAt time.Time) error {
	text, err := s.templates.Render(notify.TemplateOTP, lang, map[string]string{
		"code":    code,
		"minutes": strconv.Itoa(int(OTPValidity / time.Minute)),
	})
	if err != nil {
		return fmt.Errorf("OTP SMS text: %w", err)
	}
	msg := notify.SMS{To: phone, Text: text, Purpose: notify.PurposeOTP, ExpiresAt: &expiresAt}
	if err := s.sms.EnqueueTx(ctx, tx, msg); err != nil {
		return fmt.Errorf("queue OTP SMS: %w", err)
	}
	return nil
}
