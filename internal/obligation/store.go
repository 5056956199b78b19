package obligation

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// Store keeps obligations in PostgreSQL (table obligations).
type Store struct {
	db  *sqlx.DB
	now func() time.Time
	// Partners, when set, are the agencies' registered sources: pushed
	// obligations are verified and notified through them.
	Partners *Partners
	// Limits bound FindLimited (zero: not enforced).
	Limits FindLimits
}

// NewStore returns a Store on db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db, now: time.Now} }

const columns = `id, agency_code, kind, origin, source_ref, lookup_keys, debtor_id_number, debtor_name,
	name_visibility, description, period, due_date, received_on, held_papers, lines, principal,
	payee_bank_code, payee_account, payee_name, status, paid_on, updated_at, details`

type row struct {
	ID             int64          `db:"id"`
	AgencyCode     string         `db:"agency_code"`
	Kind           string         `db:"kind"`
	Origin         string         `db:"origin"`
	SourceRef      string         `db:"source_ref"`
	LookupKeys     pq.StringArray `db:"lookup_keys"`
	DebtorIDNumber string         `db:"debtor_id_number"`
	DebtorName     string         `db:"debtor_name"`
	NameVisibility string         `db:"name_visibility"`
	Description    string         `db:"description"`
	Period         string         `db:"period"`
	DueDate        sql.NullTime   `db:"due_date"`
	ReceivedOn     sql.NullTime   `db:"received_on"`
	HeldPapers     bool           `db:"held_papers"`
	Lines          []byte         `db:"lines"`
	Principal      int64          `db:"principal"`
	PayeeBank      string         `db:"payee_bank_code"`
	PayeeAccount   string         `db:"payee_account"`
	PayeeName      string         `db:"payee_name"`
	Status         string         `db:"status"`
	PaidOn         sql.NullTime   `db:"paid_on"`
	UpdatedAt      time.Time      `db:"updated_at"`
	Details        []byte         `db:"details"`
}

func optDate(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	d := time.Date(t.Time.Year(), t.Time.Month(), t.Time.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

func (r row) obligation() (Obligation, error) {
	o := Obligation{ID: r.ID, AgencyCode: r.AgencyCode, Kind: Kind(r.Kind), Origin: Origin(r.Origin), SourceRef: r.SourceRef,
		LookupKeys: r.LookupKeys, DebtorIDNumber: r.DebtorIDNumber, DebtorName: r.DebtorName,
		NameVisibility: NameVisibility(r.NameVisibility), Description: r.Description, Period: r.Period,
		DueDate: optDate(r.DueDate), ReceivedOn: optDate(r.ReceivedOn), HeldPapers: r.HeldPapers, Principal: r.Principal,
		Payee:  Payee{BankCode: r.PayeeBank, AccountNumber: r.PayeeAccount, AccountName: r.PayeeName},
		Status: Status(r.Status), PaidOn: optDate(r.PaidOn), UpdatedAt: r.UpdatedAt}
	if err := json.Unmarshal(r.Lines, &o.Lines); err != nil {
		return Obligation{}, fmt.Errorf("lines of obligation %d: %w", r.ID, err)
	}
	if len(r.Details) > 0 {
		if err := json.Unmarshal(r.Details, &o.Details); err != nil {
			return Obligation{}, fmt.Errorf("details of obligation %d: %w", r.ID, err)
		}
	}
	return o, nil
}

func scan(rows []row) ([]Obligation, error) {
	out := make([]Obligation, 0, len(rows))
	for _, r := range rows {
		o, err := r.obligation()
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// LoadSandbox stores the sandbox file's obligations, idempotently: one
// already stored is left as it is (payments may have moved it since).
func (s *Store) LoadSandbox(ctx context.Context, obs []Obligation) error {
	for _, o := range obs {
		if err := insert(ctx, s.db, o, false); err != nil {
			return err
		}
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insert stores o. Without update, an existing row of the same reference
// only takes o's details when it has none (a database loaded before they
// were kept). With update (an agency's push, a refresh from its source), an
// existing row that is not PAID takes o's own fields (debtor, name and its
// visibility, description, period, due date, lines and principal, payee,
// status) and keeps what o does not carry: its lookup keys become the union
// of both (a citizen found it by them; only a DEBTOR: key o no longer has
// goes), and its details are merged, o's over the stored ones (details are
// JSON without empty fields, so a push, which has none, changes none).
func insert(ctx context.Context, db execer, o Obligation, update bool) error {
	lines, err := json.Marshal(o.Lines)
	if err != nil {
		return fmt.Errorf("encode lines of %s: %w", o.SourceRef, err)
	}
	details, err := json.Marshal(o.Details)
	if err != nil {
		return fmt.Errorf("encode details of %s: %w", o.SourceRef, err)
	}
	q := `INSERT INTO obligations (agency_code, kind, origin, source_ref, lookup_keys, debtor_id_number, debtor_name,
		name_visibility, description, period, due_date, received_on, held_papers, lines, principal,
		payee_bank_code, payee_account, payee_name, status, paid_on, details)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
		ON CONFLICT (agency_code, kind, source_ref) DO UPDATE SET details = EXCLUDED.details
		WHERE obligations.details = '{}'::jsonb`
	if update {
		q = q[:strings.Index(q, "DO UPDATE")] + `DO UPDATE SET lookup_keys = ARRAY(
				SELECT DISTINCT k FROM unnest(obligations.lookup_keys || EXCLUDED.lookup_keys) AS k
				WHERE k NOT LIKE 'DEBTOR:%' OR k = ANY(EXCLUDED.lookup_keys) ORDER BY k),
			debtor_id_number = EXCLUDED.debtor_id_number, debtor_name = EXCLUDED.debtor_name,
			name_visibility = EXCLUDED.name_visibility, description = EXCLUDED.description, period = EXCLUDED.period,
			due_date = EXCLUDED.due_date, lines = EXCLUDED.lines, principal = EXCLUDED.principal,
			payee_bank_code = EXCLUDED.payee_bank_code, payee_account = EXCLUDED.payee_account,
			payee_name = EXCLUDED.payee_name, status = EXCLUDED.status, details = obligations.details || EXCLUDED.details,
			updated_at = now()
			WHERE obligations.status <> 'PAID'`
	}
	_, err = db.ExecContext(ctx, q, o.AgencyCode, string(o.Kind), string(o.Origin), o.SourceRef, pq.Array(o.LookupKeys),
		o.DebtorIDNumber, o.DebtorName, string(o.NameVisibility), o.Description, o.Period, o.DueDate, o.ReceivedOn,
		o.HeldPapers, lines, o.Principal, o.Payee.BankCode, o.Payee.AccountNumber, o.Payee.AccountName, string(o.Status), o.PaidOn, details)
	if err != nil {
		return fmt.Errorf("store obligation %s/%s: %w", o.AgencyCode, vnid.MaskCode(o.SourceRef), err)
	}
	return nil
}

// Find returns the obligations a lookup matches, open ones first: the
// portal's records, refreshed first from the agency's registered source
// when it has one.
func (s *Store) Find(ctx context.Context, q Query) ([]Obligation, error) {
	keys, err := q.LookupKeys()
	if err != nil {
		return nil, err
	}
	if s.Partners != nil {
		remote, err := s.Partners.lookupRemote(ctx, q, keys)
		if err != nil {
			return nil, err
		}
		for _, o := range remote {
			if err := insert(ctx, s.db, o, true); err != nil {
				return nil, err
			}
		}
	}
	var rows []row
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+columns+` FROM obligations
		WHERE lookup_keys && $1 AND kind = $2 AND status IN ('OPEN', 'PAID')
		ORDER BY status = 'OPEN' DESC, CASE WHEN kind = 'ELECTRICITY_BILL' THEN period END, due_date NULLS LAST, id
		LIMIT 100`, pq.Array(keys), string(q.Kind)); err != nil {
		return nil, fmt.Errorf("find obligations: %w", err)
	}
	return scan(rows)
}

// Mine returns the calling citizen's obligations (those whose debtor is
// their ID number: pushed by agencies or in the sandbox file), open ones
// first, limit of them after the first offset, and how many there are.
func (s *Store) Mine(ctx context.Context, limit, offset int) ([]Obligation, int, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return nil, 0, err
	}
	return s.OfDebtor(ctx, actor.IDNumber, limit, offset)
}

// OfDebtor returns the obligations of a person (their ID number), open ones
// first, limit of them after the first offset, and how many there are.
func (s *Store) OfDebtor(ctx context.Context, idNumber string, limit, offset int) ([]Obligation, int, error) {
	if idNumber == "" {
		return nil, 0, nil
	}
	var rows []row
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+columns+` FROM obligations
		WHERE debtor_id_number = $1 AND status IN ('OPEN', 'PAID')
		ORDER BY status = 'OPEN' DESC, due_date NULLS LAST, id LIMIT $2 OFFSET $3`, idNumber, limit, offset); err != nil {
		return nil, 0, fmt.Errorf("obligations of debtor: %w", err)
	}
	var total int
	if err := s.db.GetContext(ctx, &total, `SELECT count(*) FROM obligations
		WHERE debtor_id_number = $1 AND status IN ('OPEN', 'PAID')`, idNumber); err != nil {
		return nil, 0, fmt.Errorf("count obligations of debtor: %w", err)
	}
	obs, err := scan(rows)
	return obs, total, err
}

// Get returns the obligations with ids (missing ones are absent), read
// through q: the caller's transaction when it holds one, so that the read
// takes no second connection from the pool (see postgres.Open); s's pool
// otherwise (nil).
func (s *Store) Get(ctx context.Context, q sqlx.QueryerContext, ids []int64) (map[int64]Obligation, error) {
	if q == nil {
		q = s.db
	}
	var rows []row
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT `+columns+` FROM obligations WHERE id = ANY($1)`, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("get obligations: %w", err)
	}
	obs, err := scan(rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Obligation, len(obs))
	for _, o := range obs {
		out[o.ID] = o
	}
	return out, nil
}

// ErrNotFound is an obligation that does not exist.
var ErrNotFound = errors.New("obligation not found")

// Verify reads the obligations again inside the payer's transaction, just
// before paying: their current status and principal (never cached), locked
// against a concurrent change by their agency until tx ends.
func (s *Store) Verify(ctx context.Context, tx *sqlx.Tx, ids []int64) ([]Obligation, error) {
	var rows []row
	if err := tx.SelectContext(ctx, &rows, `SELECT `+columns+` FROM obligations WHERE id = ANY($1) ORDER BY id FOR SHARE`,
		pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("verify obligations: %w", err)
	}
	if len(rows) != len(ids) {
		return nil, ErrNotFound
	}
	return scan(rows)
}

// MarkPaidTx marks obligations paid on day, in the payment's transaction.
func (s *Store) MarkPaidTx(ctx context.Context, tx *sqlx.Tx, ids []int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE obligations SET status = 'PAID', paid_on = $2, updated_at = $3
		WHERE id = ANY($1)`, pq.Array(ids), vntime.DateOf(at), at); err != nil {
		return fmt.Errorf("mark obligations paid: %w", err)
	}
	return nil
}

// Limiter counts events per key in a window shared by all processes.
type Limiter interface {
	Allow(ctx context.Context, key string, l ratelimit.Limit) (ratelimit.Decision, error)
}

// FindLimits bound lookups (DVC_RATE_LIMIT_FIND_OBLIGATIONS_PER_IP and
// _PER_ACCOUNT): the lookup must not become an oracle for other people's
// debts. Every lookup passes both; an anonymous one only the per-IP limit.
type FindLimits struct {
	PerIP      ratelimit.Limit
	PerAccount ratelimit.Limit
}

// FindLimited is Find, rate limited per client IP and per account or agency
// (RATE_LIMITED beyond either). A query refused for its format is not
// counted.
func (s *Store) FindLimited(ctx context.Context, l Limiter, clientIP string, q Query) ([]Obligation, error) {
	lim := s.Limits
	if _, err := q.LookupKeys(); err != nil {
		return nil, err
	}
	check := func(scope, subject string, li ratelimit.Limit) error {
		if li.Max <= 0 {
			return nil
		}
		d, err := l.Allow(ctx, ratelimit.Key(scope, subject), li)
		if err != nil {
			return fmt.Errorf("rate limit %s: %w", scope, err)
		}
		if !d.Allowed {
			return apperr.RateLimit(d.RetryAfter)
		}
		return nil
	}
	if err := check("obligation:find:ip", clientIP, lim.PerIP); err != nil {
		return nil, err
	}
	switch a := auth.FromContext(ctx); a.Kind {
	case auth.Citizen:
		if err := check("obligation:find:account", strconv.FormatInt(a.AccountID, 10), lim.PerAccount); err != nil {
			return nil, err
		}
	case auth.Agency:
		if err := check("obligation:find:agency", a.AgencyCode, lim.PerAccount); err != nil {
			return nil, err
		}
	}
	return s.Find(ctx, q)
}
