package obligation

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// PushInput is one obligation an agency publishes.
type PushInput struct {
	Kind           Kind
	SourceRef      string
	DebtorIDNumber string
	DebtorName     string
	Description    string
	Period         string
	DueDate        *time.Time
	Lines          []Line
	Payee          Payee
}

// maxPush bounds one upsert.
const maxPush = 100

var (
	msgText     = i18n.T("Nội dung không hợp lệ (tối đa 500 ký tự).", "Invalid text (at most 500 characters).")
	msgAmount   = i18n.T("Số tiền phải là số nguyên VND lớn hơn 0.", "The amount must be a whole number of VND above 0.")
	msgTooMany  = i18n.T("Tối đa 100 nghĩa vụ mỗi lần.", "At most 100 obligations at a time.")
	msgPaid     = i18n.T("Nghĩa vụ đã được thanh toán, không thể sửa.", "The obligation is paid and cannot be changed.")
	msgNotFound = i18n.T("Không có nghĩa vụ với mã tham chiếu này.", "No obligation with this reference.")
)

// Upsert publishes the calling agency's obligations (by its own reference).
// A paid one cannot change (INVALID at its sourceRef).
//
// A push owns what it sends: an obligation already stored under the same
// reference (pushed before, or found through the agency's registered
// source) takes the pushed debtor, name, description, period and due date
// (absent: none), lines, amount and payee, and is open again. What a push
// does not carry is kept: the details (the tax reference, the decision
// number the SMS names, …) and the keys citizens looked it up by, so the
// portal's own records still find it when the agency's source is down.
func (s *Store) Upsert(ctx context.Context, in []PushInput) ([]Obligation, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return nil, err
	}
	var errs []apperr.UserError
	if len(in) == 0 || len(in) > maxPush {
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgTooMany, "obligations"))
	}
	obs := make([]Obligation, 0, len(in))
	for i, p := range in {
		o, es := p.obligation(actor.AgencyCode, "obligations", strconv.Itoa(i))
		errs = append(errs, es...)
		obs = append(obs, o)
	}
	if len(errs) > 0 {
		return nil, apperr.Invalid(errs...)
	}
	var out []Obligation
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		for i, o := range obs {
			var status string
			err := tx.GetContext(ctx, &status, `SELECT status FROM obligations WHERE agency_code = $1 AND kind = $2
				AND source_ref = $3 FOR UPDATE`, o.AgencyCode, string(o.Kind), o.SourceRef)
			if err == nil && status == string(StatusPaid) {
				return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgPaid, "obligations", strconv.Itoa(i), "sourceRef"))
			}
			if err := insert(ctx, tx, o, true); err != nil {
				return err
			}
		}
		out, err = s.byRefs(ctx, tx, actor.AgencyCode, refsOf(obs))
		return err
	})
	return out, err
}

// Cancel cancels the calling agency's open obligations by reference; an
// unknown reference is INVALID at its index, a paid one stays paid.
func (s *Store) Cancel(ctx context.Context, refs []string) ([]Obligation, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 || len(refs) > maxPush {
		return nil, apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgTooMany, "sourceRefs"))
	}
	var out []Obligation
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		found, err := s.byRefs(ctx, tx, actor.AgencyCode, refs)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, o := range found {
			have[o.SourceRef] = true
		}
		var errs []apperr.UserError
		for i, r := range refs {
			if !have[r] {
				errs = append(errs, apperr.Field(apperr.CodeInvalid, msgNotFound, "sourceRefs", strconv.Itoa(i)))
			}
		}
		if len(errs) > 0 {
			return apperr.Invalid(errs...)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE obligations SET status = 'CANCELLED', updated_at = now()
			WHERE agency_code = $1 AND source_ref = ANY($2) AND status = 'OPEN'`, actor.AgencyCode, pq.Array(refs)); err != nil {
			return fmt.Errorf("cancel obligations: %w", err)
		}
		out, err = s.byRefs(ctx, tx, actor.AgencyCode, refs)
		return err
	})
	return out, err
}

func refsOf(obs []Obligation) []string {
	out := make([]string, len(obs))
	for i, o := range obs {
		out[i] = o.SourceRef
	}
	return out
}

func (s *Store) byRefs(ctx context.Context, tx *sqlx.Tx, agency string, refs []string) ([]Obligation, error) {
	var rows []row
	if err := tx.SelectContext(ctx, &rows, `SELECT `+columns+` FROM obligations WHERE agency_code = $1
		AND source_ref = ANY($2) ORDER BY array_position($2, source_ref)`, agency, pq.Array(refs)); err != nil {
		return nil, fmt.Errorf("obligations by reference: %w", err)
	}
	return scan(rows)
}

// obligation checks p; its userErrors are under path.
func (p PushInput) obligation(agency string, path ...string) (Obligation, []apperr.UserError) {
	var errs []apperr.UserError
	at := func(f ...string) []string { return append(append([]string{}, path...), f...) }
	bad := func(code string, msg i18n.Text, f ...string) {
		errs = append(errs, apperr.Field(code, msg, at(f...)...))
	}
	text := func(v, field string, required bool) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "" && required:
			bad(apperr.CodeRequired, msgRequired, field)
		case !validate.SafeText(v, false) || utf8.RuneCountInString(v) > 500:
			bad(apperr.CodeInvalid, msgText, field)
		}
		return v
	}
	o := Obligation{AgencyCode: agency, Kind: p.Kind, Origin: OriginPush, NameVisibility: NameSelf, Status: StatusOpen,
		SourceRef: text(p.SourceRef, "sourceRef", true), DebtorName: text(p.DebtorName, "debtorName", true),
		Description: text(p.Description, "description", true), Period: text(p.Period, "period", false), DueDate: p.DueDate,
		Payee: Payee{BankCode: text(p.Payee.BankCode, "payee", true), AccountNumber: text(p.Payee.AccountNumber, "payee", true),
			AccountName: text(p.Payee.AccountName, "payee", true)}}
	if !p.Kind.Valid() {
		bad(apperr.CodeInvalid, msgKind, "kind")
	}
	if len(o.SourceRef) > 100 {
		bad(apperr.CodeInvalid, msgText, "sourceRef")
	}
	if !vnid.ValidIDNumberFormat(p.DebtorIDNumber) {
		bad(apperr.CodeInvalid, msgIDNumber, "debtorIdNumber")
	}
	o.DebtorIDNumber = p.DebtorIDNumber
	o.LookupKeys = []string{"DEBTOR:" + p.DebtorIDNumber}
	if len(p.Lines) == 0 {
		bad(apperr.CodeRequired, msgRequired, "lines")
	}
	for j, l := range p.Lines {
		if !l.Kind.Valid() {
			bad(apperr.CodeInvalid, msgKind, "lines", strconv.Itoa(j), "kind")
		}
		if l.Amount <= 0 || l.Amount > maxAmount {
			bad(apperr.CodeInvalid, msgAmount, "lines", strconv.Itoa(j), "amount")
		} else {
			o.Principal += l.Amount
		}
		o.Lines = append(o.Lines, Line{Kind: l.Kind, Name: text(l.Name, "lines."+strconv.Itoa(j)+".name", true), Amount: l.Amount})
	}
	if o.Principal > maxAmount {
		bad(apperr.CodeInvalid, msgAmount, "lines")
	}
	return o, errs
}
