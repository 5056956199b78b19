package application

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/notify"
)

// The SMS templates of status changes (files in internal/notify/templates;
// application_reschedule is the apology of Circular 01/2018/TT-VPCP, phiếu
// xin lỗi và hẹn lại ngày trả kết quả, in SMS form).
const (
	TemplateSupplement = "application_supplement"
	TemplateRejected   = "application_rejected"
	TemplateReschedule = "application_reschedule"
)

// maxSMSNote bounds the part of a note that goes into an SMS, so the message
// stays within three segments.
const maxSMSNote = 160

// statusSMS queues the SMS that tells the citizen of a move.
func (s *Service) statusSMS(ctx context.Context, tx *sqlx.Tx, app Application, action Action, note string) error {
	to, err := s.contacts.Contact(ctx, tx, app.AccountID, app.ApplicantIDNumber)
	if err != nil {
		return fmt.Errorf("contact of applicant of %s: %w", app.Code, err)
	}
	vars := map[string]string{"code": app.Code}
	var template string
	switch action {
	case ActionRequestSupplement:
		template, vars["note"] = TemplateSupplement, clip(note, maxSMSNote)
	case ActionReject:
		template, vars["note"] = TemplateRejected, clip(note, maxSMSNote)
	case ActionReschedule:
		template, vars["note"], vars["date"] = TemplateReschedule, clip(note, maxSMSNote), FormatDate(app.AppointmentDate)
	default:
		template, vars["status"] = notify.TemplateApplicationStatus, app.Status.Text().In(to.Lang)
	}
	text, err := s.templates.Render(template, to.Lang, vars)
	if err != nil {
		return fmt.Errorf("status SMS of %s: %w", app.Code, err)
	}
	if err := s.sms.EnqueueTx(ctx, tx, notify.SMS{To: to.Phone, Text: text, Purpose: notify.PurposeApplication}); err != nil {
		return fmt.Errorf("queue status SMS of %s: %w", app.Code, err)
	}
	return nil
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-3]) + "..."
}
