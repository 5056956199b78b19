package catalogue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/sealed"
)

// Store reads and writes the catalogue tables.
type Store struct {
	db *sqlx.DB
	// AllowInsecureWebhooks accepts http:// webhook URLs (development only).
	AllowInsecureWebhooks bool
	// PartnerBuiltins are the built-in handlers a partner may bind a service
	// to (the generic form handler); other built-ins are the portal's own.
	PartnerBuiltins []string
	// Secrets seals partner webhook signing secrets at rest (the app wires
	// it from DVC_SECRET); a store without it cannot create or read them.
	Secrets *sealed.Box
	// now is the clock; tests may replace it.
	now func() time.Time
	// changed is called after a transaction that changed the public
	// catalogue has committed.
	changed func(context.Context)
}

// NewStore returns a Store over db.
func NewStore(db *sqlx.DB) *Store {
	return &Store{db: db, PartnerBuiltins: []string{"form"}, now: time.Now, changed: func(context.Context) {}}
}

// OnChange sets fn to be called, before the change's method returns, after
// every committed change of the public catalogue in this process (Live uses
// it so that a publisher reads its own change at once).
func (s *Store) OnChange(fn func(context.Context)) { s.changed = fn }

// queryer is what the read helpers need: a *sqlx.DB or a *sqlx.Tx.
type queryer interface {
	sqlx.QueryerContext
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
}

type agencyRow struct {
	Code       string         `db:"code"`
	NameVi     string         `db:"name_vi"`
	NameEn     string         `db:"name_en"`
	Level      string         `db:"level"`
	ParentCode sql.NullString `db:"parent_code"`
}

func (r agencyRow) agency() Agency {
	return Agency{Code: r.Code, Name: i18n.T(r.NameVi, r.NameEn), Level: AgencyLevel(r.Level), ParentCode: r.ParentCode.String}
}

type officeRow struct {
	Code         string `db:"code"`
	AgencyCode   string `db:"agency_code"`
	ProvinceCode string `db:"province_code"`
	NameVi       string `db:"name_vi"`
	NameEn       string `db:"name_en"`
	Address      string `db:"address"`
}

func (r officeRow) office() Office {
	return Office{Code: r.Code, AgencyCode: r.AgencyCode, ProvinceCode: r.ProvinceCode, Name: i18n.T(r.NameVi, r.NameEn), Address: r.Address}
}

type categoryRow struct {
	Code   string `db:"code"`
	NameVi string `db:"name_vi"`
	NameEn string `db:"name_en"`
}

// Agency returns the agency with code.
func (s *Store) Agency(ctx context.Context, code string) (Agency, error) {
	var r agencyRow
	err := s.db.GetContext(ctx, &r, `SELECT code, name_vi, name_en, level, parent_code FROM catalogue_agencies WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return Agency{}, fmt.Errorf("agency %s: %w", code, apperr.ErrNotFound)
	}
	if err != nil {
		return Agency{}, fmt.Errorf("load agency %s: %w", code, err)
	}
	return r.agency(), nil
}

// Office returns the office with code.
func (s *Store) Office(ctx context.Context, code string) (Office, error) {
	var r officeRow
	err := s.db.GetContext(ctx, &r, `SELECT code, agency_code, province_code, name_vi, name_en, address FROM catalogue_offices WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return Office{}, fmt.Errorf("office %s: %w", code, apperr.ErrNotFound)
	}
	if err != nil {
		return Office{}, fmt.Errorf("load office %s: %w", code, err)
	}
	return r.office(), nil
}

// Service returns the service with code (any status).
func (s *Store) Service(ctx context.Context, code string) (Service, error) {
	return getService(ctx, s.db, code, false)
}

const serviceColumns = `code, agency_code, category_code, status, current_version, draft_version, keywords, popularity`

type serviceRow struct {
	Code           string         `db:"code"`
	AgencyCode     string         `db:"agency_code"`
	CategoryCode   string         `db:"category_code"`
	Status         string         `db:"status"`
	CurrentVersion sql.NullInt64  `db:"current_version"`
	DraftVersion   sql.NullInt64  `db:"draft_version"`
	Keywords       pq.StringArray `db:"keywords"`
	Popularity     int            `db:"popularity"`
}

func (r serviceRow) service() Service {
	return Service{
		Code: r.Code, AgencyCode: r.AgencyCode, CategoryCode: r.CategoryCode, Status: ServiceStatus(r.Status),
		CurrentVersion: int(r.CurrentVersion.Int64), DraftVersion: int(r.DraftVersion.Int64),
		Keywords: []string(r.Keywords), Popularity: r.Popularity,
	}
}

func getService(ctx context.Context, q queryer, code string, forUpdate bool) (Service, error) {
	query := `SELECT ` + serviceColumns + ` FROM catalogue_services WHERE code = $1`
	if forUpdate {
		query += ` FOR UPDATE`
	}
	var r serviceRow
	err := q.GetContext(ctx, &r, query, code)
	if errors.Is(err, sql.ErrNoRows) {
		return Service{}, fmt.Errorf("service %s: %w", code, apperr.ErrNotFound)
	}
	if err != nil {
		return Service{}, fmt.Errorf("load service %s: %w", code, err)
	}
	return r.service(), nil
}

// CurrentVersion returns the current published version of the service with
// code, with its handler binding (and webhook secret). apperr.ErrNotFound when the
// service does not exist or is not published.
func (s *Store) CurrentVersion(ctx context.Context, code string) (ServiceVersion, error) {
	return s.version(ctx, code, 0)
}

// Version returns published version number of the service with code (the
// version an application is pinned to). apperr.ErrNotFound when there is none.
func (s *Store) Version(ctx context.Context, code string, number int) (ServiceVersion, error) {
	if number <= 0 {
		return ServiceVersion{}, fmt.Errorf("service %s version %d: %w", code, number, apperr.ErrNotFound)
	}
	return s.version(ctx, code, number)
}

// version loads a published version; number 0 is the current one.
func (s *Store) version(ctx context.Context, code string, number int) (ServiceVersion, error) {
	var r versionRow
	err := s.db.GetContext(ctx, &r, `
SELECT `+versionColumns+`, s.agency_code, coalesce(s.webhook_secret, '') AS webhook_secret
FROM catalogue_service_versions v JOIN catalogue_services s ON s.code = v.service_code
WHERE v.service_code = $1 AND v.published_at IS NOT NULL
  AND v.number = CASE WHEN $2 = 0 THEN s.current_version ELSE $2 END
  AND s.status = CASE WHEN $2 = 0 THEN 'PUBLISHED' ELSE s.status END`, code, number)
	if errors.Is(err, sql.ErrNoRows) {
		return ServiceVersion{}, fmt.Errorf("service %s version %d: %w", code, number, apperr.ErrNotFound)
	}
	if err != nil {
		return ServiceVersion{}, fmt.Errorf("load service %s version %d: %w", code, number, err)
	}
	v, err := r.version()
	if err != nil {
		return ServiceVersion{}, fmt.Errorf("load service %s version %d: %w", code, number, err)
	}
	if v.Handler.Secret != "" {
		if v.Handler.Secret, err = s.openSecret(code, v.Handler.Secret); err != nil {
			return ServiceVersion{}, err
		}
	}
	return v, nil
}

// draftVersion loads the service's draft (in tx, for publishing or showing).
func draftVersion(ctx context.Context, q queryer, code string, number int) (ServiceVersion, []byte, error) {
	var r versionRow
	err := q.GetContext(ctx, &r, `
SELECT `+versionColumns+`, s.agency_code, '' AS webhook_secret
FROM catalogue_service_versions v JOIN catalogue_services s ON s.code = v.service_code
WHERE v.service_code = $1 AND v.number = $2`, code, number)
	if err != nil {
		return ServiceVersion{}, nil, fmt.Errorf("load service %s version %d: %w", code, number, err)
	}
	v, err := r.version()
	if err != nil {
		return ServiceVersion{}, nil, fmt.Errorf("load service %s version %d: %w", code, number, err)
	}
	return v, r.ContentHash, nil
}

// Revision returns the current catalogue revision.
func (s *Store) Revision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.db.GetContext(ctx, &rev, `SELECT revision FROM catalogue_revision`); err != nil {
		return 0, fmt.Errorf("load catalogue revision: %w", err)
	}
	return rev, nil
}

// MaxChanges caps one answer of Changes; a client pages on with the last
// entry's time.
const MaxChanges = 1000

// Changes returns the change log since (exclusive), oldest first, at most
// MaxChanges entries, to an agency key of scope catalogue.
func (s *Store) Changes(ctx context.Context, since time.Time) ([]Change, error) {
	if _, err := editorOf(ctx); err != nil {
		return nil, err
	}
	var out []Change
	err := s.db.SelectContext(ctx, &out, `
SELECT service_code, version, change, at FROM catalogue_changes
WHERE at > $1 ORDER BY at, id LIMIT $2`, since, MaxChanges)
	if err != nil {
		return nil, fmt.Errorf("load catalogue changes since %s: %w", since.Format(time.RFC3339), err)
	}
	return out, nil
}

func categoryFromRow(r categoryRow) Category {
	return Category{Code: r.Code, Name: i18n.T(r.NameVi, r.NameEn)}
}

// webhookSecretPurpose keys the sealing of webhook signing secrets.
const webhookSecretPurpose = "dvcportal/catalogue/webhook-secret/v1"

// NewSecretsBox returns the box for Store.Secrets from the server secret.
func NewSecretsBox(serverSecret []byte) (*sealed.Box, error) {
	return sealed.New(serverSecret, webhookSecretPurpose)
}

func (s *Store) sealSecret(code, secret string) (string, error) {
	if s.Secrets == nil {
		return "", fmt.Errorf("seal webhook secret of %s: the catalogue store has no sealing key", code)
	}
	return s.Secrets.Seal(secret, code)
}

func (s *Store) openSecret(code, stored string) (string, error) {
	if s.Secrets == nil {
		return "", fmt.Errorf("open webhook secret of %s: the catalogue store has no sealing key", code)
	}
	plain, err := s.Secrets.Open(stored, code)
	if err != nil {
		return "", fmt.Errorf("open webhook secret of %s: %w", code, err)
	}
	return plain, nil
}
