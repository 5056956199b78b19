package obligation

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/validate"
)

// PushInput is one obligation an agency publishes (upsertObligations). Its
// validate tags, with Line's and Payee's, are the rules of a push, checked
// once its text is trimmed; a failure is a userError at the GraphQL input's
// path (["obligations", "0", "lines", "1", "name"], ["obligations", "0",
// "payee", "accountNumber"]): 1 to maxLines lines. Then the lines' total
// must not pass maxAmount (INVALID at ["obligations", i, "lines"]).
type PushInput struct {
	Kind           Kind       `json:"kind" validate:"oneof=TAX ELECTRICITY_BILL TRAFFIC_FINE APPLICATION_FEE"`
	SourceRef      string     `json:"sourceRef" validate:"nonblank,safetext,max=100"`
	DebtorIDNumber string     `json:"debtorIdNumber" validate:"required,idnumber"`
	DebtorName     string     `json:"debtorName" validate:"nonblank,safetext,max=500"`
	Description    string     `json:"description" validate:"nonblank,safetext,max=500"`
	Period         string     `json:"period" validate:"omitempty,safetext,max=500"`
	DueDate        *time.Time `json:"dueDate"`
	Lines          []Line     `json:"lines" validate:"required,min=1,max=50,dive"`
	Payee          Payee      `json:"payee"`
}

// maxPush bounds one upsert (and a partner's lookup answer).
const maxPush = 100

// maxLines bounds the lines of one obligation (INVALID at ["obligations",
// i, "lines"]). A real obligation has a handful: a tax payable's sub-item
// and its late-payment interest, an electricity bill's tariff tiers and VAT,
// a fine with its late charge and postage. 50 is several times what any
// agency's obligation carries, and keeps what one push writes (100 × 50
// lines) and what a payment, its receipt and the portal show bounded:
// without it the 1 MiB request limit let one obligation carry tens of
// thousands.
const maxLines = 50

// pushBatch is what Upsert validates first: the input's obligations, 1 to
// maxPush (none, sent as [], is REQUIRED, as no lines is), each by its tags.
type pushBatch struct {
	Obligations []PushInput `json:"obligations" validate:"required,min=1,max=100,dive"`
}

// pushRefs is what Upsert validates once pushBatch passes (a failed rule on
// a list stops its dive, so the elements' errors come first): each
// reference once, DUPLICATE at every later one (["obligations", "3",
// "sourceRef"]), whatever its kind: a reference names one obligation of
// the agency to cancelObligations and in the answer, which do not take a
// kind, and a repeat would otherwise be written twice, the later silently
// winning.
type pushRefs struct {
	Obligations []PushInput `json:"obligations" validate:"unique=SourceRef"`
}

var (
	msgAmount   = i18n.T("Tổng số tiền vượt quá giới hạn của một nghĩa vụ.", "The total is above what one obligation may be.")
	msgPaid     = i18n.T("Nghĩa vụ đã được thanh toán, không thể sửa.", "The obligation is paid and cannot be changed.")
	msgNotFound = i18n.T("Không có nghĩa vụ với mã tham chiếu này.", "No obligation with this reference.")
)

// Upsert publishes the calling agency's obligations (by its own reference),
// all or nothing: any userError (the tags, a repeated reference, a total
// above maxAmount, a paid obligation: INVALID at its sourceRef) and nothing
// is written.
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
	var batch pushBatch // none stays nil: REQUIRED
	for _, p := range in {
		batch.Obligations = append(batch.Obligations, p.trimmed())
	}
	if err := valid.Struct(batch); err != nil {
		return nil, err
	}
	var errs validate.Errors
	errs.Append(valid.StructErrors(pushRefs(batch))...)
	obs := make([]Obligation, 0, len(in))
	for i, p := range batch.Obligations {
		o, ue := p.obligation(actor.AgencyCode)
		if ue != nil {
			ue.Field = append([]string{"obligations", strconv.Itoa(i)}, ue.Field...)
			errs.Append(*ue)
		}
		obs = append(obs, o)
	}
	if len(errs) > 0 {
		return nil, errs.Err()
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

// cancelInput is what Cancel validates: 1 to maxPush references (none is
// REQUIRED, as for a push), each trimmed and one a push could have sent
// (PushInput.SourceRef's tags), at ["sourceRefs", i].
type cancelInput struct {
	SourceRefs []string `json:"sourceRefs" validate:"required,min=1,max=100,dive,nonblank,safetext,max=100"`
}

// Cancel cancels the calling agency's open obligations by reference; an
// unknown reference is INVALID at its index, a paid one stays paid.
func (s *Store) Cancel(ctx context.Context, refs []string) ([]Obligation, error) {
	actor, err := auth.RequireAgency(ctx)
	if err != nil {
		return nil, err
	}
	var in cancelInput // none stays nil: REQUIRED
	for _, r := range refs {
		in.SourceRefs = append(in.SourceRefs, strings.TrimSpace(r))
	}
	if err := valid.Struct(in); err != nil {
		return nil, err
	}
	refs = in.SourceRefs
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

// trimmed is p with its text trimmed, as it is checked and stored (the
// debtor's ID number is checked as sent).
func (p PushInput) trimmed() PushInput {
	t := strings.TrimSpace
	p.SourceRef, p.DebtorName, p.Description, p.Period = t(p.SourceRef), t(p.DebtorName), t(p.Description), t(p.Period)
	p.Payee = Payee{BankCode: t(p.Payee.BankCode), AccountNumber: t(p.Payee.AccountNumber), AccountName: t(p.Payee.AccountName)}
	if len(p.Lines) == 0 {
		p.Lines = nil // none, sent as null or [], is REQUIRED
		return p
	}
	lines := make([]Line, len(p.Lines))
	for i, l := range p.Lines {
		lines[i] = Line{Kind: l.Kind, Name: t(l.Name), Amount: l.Amount}
	}
	p.Lines = lines
	return p
}

// checked is p, trimmed and checked (its tags, then obligation), as an
// obligation of agency; false when it fails.
func (p PushInput) checked(agency string) (Obligation, bool) {
	p = p.trimmed()
	if valid.Struct(p) != nil {
		return Obligation{}, false
	}
	o, ue := p.obligation(agency)
	return o, ue == nil
}

// obligation is p, trimmed and valid by its tags, as an obligation of
// agency, or the userError of its lines' total (at ["lines"]) when it is
// above maxAmount.
func (p PushInput) obligation(agency string) (Obligation, *apperr.UserError) {
	o := Obligation{AgencyCode: agency, Kind: p.Kind, Origin: OriginPush, NameVisibility: NameSelf, Status: StatusOpen,
		SourceRef: p.SourceRef, DebtorIDNumber: p.DebtorIDNumber, DebtorName: p.DebtorName, Description: p.Description,
		Period: p.Period, DueDate: p.DueDate, Lines: p.Lines, Payee: p.Payee, LookupKeys: []string{"DEBTOR:" + p.DebtorIDNumber}}
	for _, l := range p.Lines {
		if o.Principal > maxAmount-l.Amount {
			ue := apperr.Field(apperr.CodeInvalid, msgAmount, "lines")
			return o, &ue
		}
		o.Principal += l.Amount
	}
	return o, nil
}
