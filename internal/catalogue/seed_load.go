package catalogue

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// seedLockKey is the advisory lock that serializes seed loads of processes
// starting together.
const seedLockKey = 0x63617461 // "cata"

// featured are the services of the seed flow (DESIGN.md §2): they lead the
// catalogue and win ties in search until usage data ranks services.
var featured = map[string]int{
	"HC-REISSUE":                   100,
	"TAX-PAYMENT":                  90,
	"EVN-BILL-PAYMENT":             80,
	"TRAFFIC-FINE-PAYMENT":         70,
	"SALES-PROMOTION-REGISTRATION": 60,
}

// LoadSeed loads the seed catalogue idempotently: agencies, offices and
// categories are inserted or updated; a seed service is created as published
// version 1, and when the seed changes a service whose current version came
// from the seed, a new version is published. Services a partner agency has
// versioned (or is drafting) are left alone. The catalogue revision moves only
// when something changed.
func LoadSeed(ctx context.Context, db *sqlx.DB, c seed.Catalogue) error {
	s := NewStore(db)
	if err := s.LoadSeed(ctx, c); err != nil {
		return err
	}
	return nil
}

// LoadSeed is LoadSeed through this store (its change hook fires).
func (s *Store) LoadSeed(ctx context.Context, c seed.Catalogue) error {
	d := FromSeed(c)
	changed := false
	err := postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		n, err := upsertReference(ctx, tx, d)
		if err != nil {
			return err
		}
		m, err := upsertSeedServices(ctx, tx, d.Services, s.now())
		if err != nil {
			return err
		}
		changed = n > 0 || m > 0
		if n > 0 && m == 0 {
			return bumpRevision(ctx, tx)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("load seed catalogue: %w", err)
	}
	if changed {
		s.changed(ctx)
	}
	return nil
}

// upsertReference writes agencies, offices and categories; it returns how
// many rows changed.
func upsertReference(ctx context.Context, tx *sqlx.Tx, d SnapshotData) (int64, error) {
	var n int64
	exec := func(what, q string, args ...any) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("upsert %s: %w", what, err)
		}
		k, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("upsert %s: %w", what, err)
		}
		n += k
		return nil
	}
	for _, a := range d.Agencies {
		if err := exec("agency "+a.Code, `
INSERT INTO catalogue_agencies (code, name_vi, name_en, level) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET name_vi = $2, name_en = $3, level = $4
WHERE (catalogue_agencies.name_vi, catalogue_agencies.name_en, catalogue_agencies.level) IS DISTINCT FROM ($2, $3, $4)`,
			a.Code, a.Name.Vi, a.Name.En, string(a.Level)); err != nil {
			return 0, err
		}
	}
	for _, a := range d.Agencies {
		if err := exec("agency parent "+a.Code, `
UPDATE catalogue_agencies SET parent_code = $2 WHERE code = $1 AND parent_code IS DISTINCT FROM $2`,
			a.Code, nullString(a.ParentCode)); err != nil {
			return 0, err
		}
	}
	for _, o := range d.Offices {
		if err := exec("office "+o.Code, `
INSERT INTO catalogue_offices (code, agency_code, province_code, name_vi, name_en, address) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (code) DO UPDATE SET agency_code = $2, province_code = $3, name_vi = $4, name_en = $5, address = $6
WHERE (catalogue_offices.agency_code, catalogue_offices.province_code, catalogue_offices.name_vi,
       catalogue_offices.name_en, catalogue_offices.address) IS DISTINCT FROM ($2, $3, $4, $5, $6)`,
			o.Code, o.AgencyCode, o.ProvinceCode, o.Name.Vi, o.Name.En, o.Address); err != nil {
			return 0, err
		}
	}
	for _, c := range d.Categories {
		if err := exec("category "+c.Code, `
INSERT INTO catalogue_categories (code, name_vi, name_en) VALUES ($1, $2, $3)
ON CONFLICT (code) DO UPDATE SET name_vi = $2, name_en = $3
WHERE (catalogue_categories.name_vi, catalogue_categories.name_en) IS DISTINCT FROM ($2, $3)`,
			c.Code, c.Name.Vi, c.Name.En); err != nil {
			return 0, err
		}
	}
	return n, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// seedState is what the database holds of a seed service.
type seedState struct {
	Code           string         `db:"code"`
	DraftVersion   *int           `db:"draft_version"`
	CurrentVersion *int           `db:"current_version"`
	MaxVersion     int            `db:"max_version"`
	Origin         *string        `db:"origin"`
	Hash           []byte         `db:"content_hash"`
	Keywords       pq.StringArray `db:"keywords"`
	Popularity     int            `db:"popularity"`
	CategoryCode   string         `db:"category_code"`
}

// upsertSeedServices creates or versions the seed's services; it returns the
// number of services changed.
func upsertSeedServices(ctx context.Context, tx *sqlx.Tx, services []Published, now time.Time) (int, error) {
	var states []seedState
	if err := tx.SelectContext(ctx, &states, `
SELECT s.code, s.draft_version, s.current_version, s.keywords, s.popularity, s.category_code,
       (SELECT max(number) FROM catalogue_service_versions m WHERE m.service_code = s.code) AS max_version,
       v.origin, v.content_hash
FROM catalogue_services s
LEFT JOIN catalogue_service_versions v ON v.service_code = s.code AND v.number = s.current_version`); err != nil {
		return 0, fmt.Errorf("load seed services state: %w", err)
	}
	byCode := map[string]seedState{}
	for _, st := range states {
		byCode[st.Code] = st
	}
	changed := 0
	for _, p := range services {
		hash, err := contentHash(p.Version)
		if err != nil {
			return 0, fmt.Errorf("service %s: %w", p.Service.Code, err)
		}
		st, exists := byCode[p.Service.Code]
		switch {
		case !exists:
			if _, err := tx.ExecContext(ctx, `
INSERT INTO catalogue_services (code, agency_code, category_code, status, current_version, keywords, popularity, created_at, updated_at)
VALUES ($1, $2, $3, 'PUBLISHED', 1, $4, $5, $6, $6)`,
				p.Service.Code, p.Service.AgencyCode, p.Service.CategoryCode, pq.StringArray(nonNil(p.Service.Keywords)), p.Service.Popularity, now); err != nil {
				return 0, fmt.Errorf("insert service %s: %w", p.Service.Code, err)
			}
			p.Version.Number = 1
			if err := insertVersion(ctx, tx, p.Version, hash, originSeed, now, true); err != nil {
				return 0, err
			}
			if err := logChange(ctx, tx, p.Service.Code, 1, ChangeCreated, now, 0); err != nil {
				return 0, err
			}
			changed++
		case st.DraftVersion != nil || st.Origin == nil || *st.Origin != originSeed:
			// A partner agency owns this service's versions now.
		default:
			if !bytes.Equal(st.Hash, hash) {
				p.Version.Number = st.MaxVersion + 1
				if err := insertVersion(ctx, tx, p.Version, hash, originSeed, now, true); err != nil {
					return 0, err
				}
				if err := logChange(ctx, tx, p.Service.Code, p.Version.Number, ChangePublished, now, 0); err != nil {
					return 0, err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE catalogue_services SET current_version = $2, status = 'PUBLISHED', updated_at = $3 WHERE code = $1`,
					p.Service.Code, p.Version.Number, now); err != nil {
					return 0, fmt.Errorf("update service %s: %w", p.Service.Code, err)
				}
				changed++
			}
			if !equalStrings(st.Keywords, p.Service.Keywords) || st.Popularity != p.Service.Popularity || st.CategoryCode != p.Service.CategoryCode {
				if _, err := tx.ExecContext(ctx, `UPDATE catalogue_services SET keywords = $2, popularity = $3, category_code = $4, updated_at = $5 WHERE code = $1`,
					p.Service.Code, pq.StringArray(nonNil(p.Service.Keywords)), p.Service.Popularity, p.Service.CategoryCode, now); err != nil {
					return 0, fmt.Errorf("update service %s: %w", p.Service.Code, err)
				}
				if err := bumpRevision(ctx, tx); err != nil {
					return 0, err
				}
				changed++
			}
		}
	}
	return changed, nil
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
