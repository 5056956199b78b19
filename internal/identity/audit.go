package identity

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/reqmeta"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// AuditEvent names a security event.
type AuditEvent string

// The audited security events.
const (
	EventRegistered      AuditEvent = "REGISTERED"
	EventActivated       AuditEvent = "ACCOUNT_ACTIVATED"
	EventLoginStarted    AuditEvent = "LOGIN_STARTED"
	EventLoginSucceeded  AuditEvent = "LOGIN_SUCCEEDED"
	EventLoginFailed     AuditEvent = "LOGIN_FAILED"
	EventLoginWhenLocked AuditEvent = "LOGIN_REFUSED_LOCKED"
	EventOTPFailed       AuditEvent = "OTP_FAILED"
	EventOTPResent       AuditEvent = "OTP_RESENT"
	EventLocked          AuditEvent = "ACCOUNT_LOCKED"
	EventLoggedOut       AuditEvent = "LOGGED_OUT"
)

// auditEntry is one row to append. IDNumber is masked before it is stored.
type auditEntry struct {
	Event     AuditEvent
	AccountID int64 // 0: none (an unknown ID number)
	IDNumber  string
	Detail    map[string]any
}

const maxUserAgent = 512

// auditColumns are the columns of an audit row, in auditArgs' order.
const auditColumns = `at, event, account_id, masked_id_number, ip, user_agent, request_id, detail`

// audit appends e to the audit log with the request's IP, user agent and
// request ID. It only ever inserts.
func audit(ctx context.Context, q sqlx.ExecerContext, now time.Time, e auditEntry) error {
	args, err := auditArgs(ctx, now, e)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO identity_audit_events (`+auditColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, args...); err != nil {
		return fmt.Errorf("audit %s: %w", e.Event, err)
	}
	return nil
}

// auditArgs returns the values of e's audit row (auditColumns), for audit
// and for statements that append the row alongside their own change.
func auditArgs(ctx context.Context, now time.Time, e auditEntry) ([]any, error) {
	meta := reqmeta.FromContext(ctx)
	var ip sql.NullString
	if meta.IP.IsValid() {
		ip = sql.NullString{String: meta.IP.String(), Valid: true}
	}
	var accountID sql.NullInt64
	if e.AccountID != 0 {
		accountID = sql.NullInt64{Int64: e.AccountID, Valid: true}
	}
	detail := []byte("{}")
	if len(e.Detail) > 0 {
		var err error
		if detail, err = json.Marshal(e.Detail); err != nil {
			return nil, fmt.Errorf("audit %s detail: %w", e.Event, err)
		}
	}
	masked := ""
	if e.IDNumber != "" {
		masked = vnid.MaskIDNumber(e.IDNumber)
	}
	return []any{now, string(e.Event), accountID, masked, ip, cleanHeader(meta.UserAgent, maxUserAgent),
		cleanHeader(meta.RequestID, 128), detail}, nil
}

// cleanHeader makes a client-supplied header value safe to store: valid
// UTF-8, no control characters, at most max bytes.
func cleanHeader(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return s
}
