package enterprise

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// EnterpriseType is the GraphQL type (and global ID prefix) of an enterprise.
const EnterpriseType = "Enterprise"

// GlobalID returns the opaque global ID of the enterprise with a tax code.
func GlobalID(taxCode string) string { return relay.EncodeID(EnterpriseType, taxCode) }

// ParseGlobalID returns the tax code inside an enterprise's global ID.
func ParseGlobalID(gid string) (string, bool) {
	typ, key, err := relay.DecodeID(gid)
	if err != nil || typ != EnterpriseType || key == "" {
		return "", false
	}
	return key, true
}

// Record is an enterprise as stored: the registry record and its row ID
// (what applications refer to).
type Record struct {
	ID int64
	Enterprise
}

// Registry is the business registry in PostgreSQL. Safe for concurrent use.
type Registry struct{ db *sqlx.DB }

// New returns the registry on db.
func New(db *sqlx.DB) *Registry { return &Registry{db: db} }

type row struct {
	ID       int64  `db:"id"`
	TaxCode  string `db:"tax_code"`
	Name     string `db:"name"`
	Status   string `db:"status"`
	Province string `db:"province_code"`
	Ward     string `db:"ward_code"`
	Street   string `db:"street"`
	Rep      string `db:"legal_rep_id_number"`
}

const columns = `id, tax_code, name, status, province_code, ward_code, street, legal_rep_id_number`

func (r row) record() Record {
	return Record{ID: r.ID, Enterprise: Enterprise{TaxCode: r.TaxCode, Name: r.Name, Status: Status(r.Status),
		Address: Address{ProvinceCode: r.Province, WardCode: r.Ward, Street: r.Street}, LegalRepresentativeIDNumber: r.Rep}}
}

// Load inserts or updates enterprises (matched by tax code) in one
// statement: loading the same file again, from any number of processes,
// leaves the same rows. Enterprises absent from the list are kept.
func (g *Registry) Load(ctx context.Context, es []Enterprise) error {
	if len(es) == 0 {
		return nil
	}
	n := len(es)
	codes, names, statuses, provs, wards, streets, reps := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, e := range es {
		codes[i], names[i], statuses[i] = e.TaxCode, e.Name, string(e.Status)
		provs[i], wards[i], streets[i], reps[i] = e.Address.ProvinceCode, e.Address.WardCode, e.Address.Street, e.LegalRepresentativeIDNumber
	}
	_, err := g.db.ExecContext(ctx, `
		INSERT INTO enterprises AS e (tax_code, name, status, province_code, ward_code, street, legal_rep_id_number)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
		ON CONFLICT (tax_code) DO UPDATE SET name = excluded.name, status = excluded.status,
		       province_code = excluded.province_code, ward_code = excluded.ward_code, street = excluded.street,
		       legal_rep_id_number = excluded.legal_rep_id_number, updated_at = now()
		WHERE (e.name, e.status, e.province_code, e.ward_code, e.street, e.legal_rep_id_number)
		      IS DISTINCT FROM (excluded.name, excluded.status, excluded.province_code, excluded.ward_code,
		       excluded.street, excluded.legal_rep_id_number)`,
		pq.Array(codes), pq.Array(names), pq.Array(statuses), pq.Array(provs), pq.Array(wards), pq.Array(streets), pq.Array(reps))
	if err != nil {
		return fmt.Errorf("load %d enterprises: %w", n, err)
	}
	return nil
}

// Mine lists the enterprises the calling citizen is the legal
// representative of, whatever their status, by tax code.
func (g *Registry) Mine(ctx context.Context) ([]Record, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return nil, err
	}
	var rows []row
	if err := g.db.SelectContext(ctx, &rows, `SELECT `+columns+` FROM enterprises
		WHERE legal_rep_id_number = $1 ORDER BY tax_code`, actor.IDNumber); err != nil {
		return nil, fmt.Errorf("enterprises of a citizen: %w", err)
	}
	out := make([]Record, len(rows))
	for i, r := range rows {
		out[i] = r.record()
	}
	return out, nil
}

// Get returns the enterprise with a tax code if the caller is its legal
// representative; ok is false otherwise, exactly as for an unknown code.
func (g *Registry) Get(ctx context.Context, taxCode string) (Record, bool, error) {
	actor := auth.FromContext(ctx)
	if actor.Kind != auth.Citizen {
		return Record{}, false, nil
	}
	r, ok, err := g.byTaxCode(ctx, taxCode)
	if err != nil || !ok || r.LegalRepresentativeIDNumber != actor.IDNumber {
		return Record{}, false, err
	}
	return r, true, nil
}

func (g *Registry) byTaxCode(ctx context.Context, taxCode string) (Record, bool, error) {
	var r row
	err := g.db.GetContext(ctx, &r, `SELECT `+columns+` FROM enterprises WHERE tax_code = $1`, taxCode)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("look up enterprise: %w", err)
	}
	return r.record(), true, nil
}

var (
	msgNotRepresentative = i18n.T("Bạn không phải người đại diện theo pháp luật của doanh nghiệp này.",
		"You are not the legal representative of this enterprise.")
	msgNotActive = i18n.T("Doanh nghiệp đang tạm ngừng kinh doanh hoặc đã giải thể, không thể nộp hồ sơ.",
		"The enterprise is suspended or dissolved and cannot apply.")
)

// Act returns the enterprise (global ID gid) the calling citizen acts for:
// NOT_A_REPRESENTATIVE at field when they are not its legal representative
// (or it does not exist: the same answer), ENTERPRISE_NOT_ACTIVE when it is
// suspended or dissolved.
func (g *Registry) Act(ctx context.Context, gid string, field ...string) (Record, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Record{}, err
	}
	notRep := apperr.Invalid(apperr.Field(apperr.CodeNotARepresentative, msgNotRepresentative, field...))
	taxCode, ok := ParseGlobalID(gid)
	if !ok {
		return Record{}, notRep
	}
	r, ok, err := g.byTaxCode(ctx, taxCode)
	if err != nil {
		return Record{}, err
	}
	if !ok || r.LegalRepresentativeIDNumber != actor.IDNumber {
		return Record{}, notRep
	}
	if r.Status != Active {
		return Record{}, apperr.Invalid(apperr.Field(apperr.CodeEnterpriseNotActive, msgNotActive, field...))
	}
	return r, nil
}

// RepresentedBy lists the row IDs of the enterprises whose legal
// representative has this ID number (what their applications are read by).
func (g *Registry) RepresentedBy(ctx context.Context, idNumber string) ([]int64, error) {
	var ids []int64
	if err := g.db.SelectContext(ctx, &ids, `SELECT id FROM enterprises WHERE legal_rep_id_number = $1`, idNumber); err != nil {
		return nil, fmt.Errorf("enterprises represented: %w", err)
	}
	return ids, nil
}

// ByID returns an enterprise's tax code and name by row ID (for a view the
// caller has already been authorised to see).
func (g *Registry) ByID(ctx context.Context, id int64) (Record, bool, error) {
	var r row
	err := g.db.GetContext(ctx, &r, `SELECT `+columns+` FROM enterprises WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("enterprise %d: %w", id, err)
	}
	return r.record(), true, nil
}
