// Package geo owns Vietnam's administrative units after the 2025
// reorganisation: the 34 provinces (built in) and their 3,321 wards/communes
// (imported from the reference data file), the checks that a ward belongs to
// a province, and address formatting.
package geo

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// Unit is a province or a ward/commune.
type Unit struct {
	Code       string `json:"code" db:"code"`
	Name       string `json:"name" db:"name"`
	NameEn     string `json:"nameEn" db:"name_en"`
	FullName   string `json:"fullName" db:"full_name"`
	FullNameEn string `json:"fullNameEn" db:"full_name_en"`
}

// LocalName returns the unit's full name in lang.
func (u Unit) LocalName(lang i18n.Lang) string {
	return i18n.T(u.FullName, u.FullNameEn).In(lang)
}

// Province is a province with its wards (when loaded).
type Province struct {
	Unit
	Wards []Unit `json:"wards"`
}

//go:embed provinces.json
var provincesJSON []byte

// BuiltinProvinces returns the 34 provinces the repository carries.
func BuiltinProvinces() ([]Unit, error) {
	var ps []Unit
	if err := json.Unmarshal(provincesJSON, &ps); err != nil {
		return nil, fmt.Errorf("parse built-in provinces: %w", err)
	}
	return ps, nil
}

var (
	provinceCode = regexp.MustCompile(`^[0-9]{2}$`)
	wardCode     = regexp.MustCompile(`^[0-9]{5}$`)
)

// ValidProvinceCode reports whether s has the shape of a province code.
func ValidProvinceCode(s string) bool { return provinceCode.MatchString(s) }

// ValidWardCode reports whether s has the shape of a ward code.
func ValidWardCode(s string) bool { return wardCode.MatchString(s) }

// Store reads and writes administrative units.
type Store struct {
	db   *sqlx.DB
	snap snapshots
}

// NewStore returns a Store on db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db} }

// LoadProvinces upserts the built-in provinces (idempotent).
func (s *Store) LoadProvinces(ctx context.Context) error {
	ps, err := BuiltinProvinces()
	if err != nil {
		return err
	}
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		for _, p := range ps {
			if err := upsertProvince(ctx, tx, p); err != nil {
				return err
			}
		}
		return nil
	})
	s.dropSnapshot()
	return err
}

func upsertProvince(ctx context.Context, tx *sqlx.Tx, p Unit) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO geo_provinces (code, name, name_en, full_name, full_name_en) VALUES ($1,$2,$3,$4,$5)
		ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en,
			full_name = EXCLUDED.full_name, full_name_en = EXCLUDED.full_name_en`,
		p.Code, p.Name, p.NameEn, p.FullName, p.FullNameEn)
	if err != nil {
		return fmt.Errorf("upsert province %s: %w", p.Code, err)
	}
	return nil
}

// ImportUnits reads the reference data format (a JSON array of provinces, each
// with wards) and upserts every province and ward in one transaction. It
// refuses the whole file on the first malformed record. It returns the number
// of provinces and wards.
func (s *Store) ImportUnits(ctx context.Context, r io.Reader) (provinces, wards int, err error) {
	var ps []Province
	dec := json.NewDecoder(r)
	if err := dec.Decode(&ps); err != nil {
		return 0, 0, fmt.Errorf("parse units file: %w", err)
	}
	for i, p := range ps {
		if !ValidProvinceCode(p.Code) || p.Name == "" {
			return 0, 0, fmt.Errorf("units file: province[%d]: bad code or name", i)
		}
		for j, w := range p.Wards {
			if !ValidWardCode(w.Code) || w.Name == "" {
				return 0, 0, fmt.Errorf("units file: province[%d].wards[%d]: bad code or name", i, j)
			}
		}
	}
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		for _, p := range ps {
			if err := upsertProvince(ctx, tx, p.Unit); err != nil {
				return err
			}
			for _, w := range p.Wards {
				_, err := tx.ExecContext(ctx, `
					INSERT INTO geo_wards (code, province_code, name, name_en, full_name, full_name_en) VALUES ($1,$2,$3,$4,$5,$6)
					ON CONFLICT (code) DO UPDATE SET province_code = EXCLUDED.province_code, name = EXCLUDED.name,
						name_en = EXCLUDED.name_en, full_name = EXCLUDED.full_name, full_name_en = EXCLUDED.full_name_en`,
					w.Code, p.Code, w.Name, w.NameEn, w.FullName, w.FullNameEn)
				if err != nil {
					return fmt.Errorf("upsert ward %s: %w", w.Code, err)
				}
				wards++
			}
			provinces++
		}
		return nil
	})
	s.dropSnapshot()
	if err != nil {
		return 0, 0, fmt.Errorf("import units: %w", err)
	}
	return provinces, wards, nil
}

// Provinces returns every province, by code.
func (s *Store) Provinces(ctx context.Context) ([]Unit, error) {
	var ps []Unit
	if err := s.db.SelectContext(ctx, &ps, `SELECT code, name, name_en, full_name, full_name_en FROM geo_provinces ORDER BY code`); err != nil {
		return nil, fmt.Errorf("list provinces: %w", err)
	}
	return ps, nil
}

// Province returns one province (apperr.ErrNotFound when there is none).
func (s *Store) Province(ctx context.Context, code string) (Unit, error) {
	var ps []Unit
	if err := s.db.SelectContext(ctx, &ps, `SELECT code, name, name_en, full_name, full_name_en FROM geo_provinces WHERE code = $1`, code); err != nil {
		return Unit{}, fmt.Errorf("load province %s: %w", code, err)
	}
	if len(ps) == 0 {
		return Unit{}, fmt.Errorf("province %s: %w", code, apperr.ErrNotFound)
	}
	return ps[0], nil
}

// WardsByProvince returns the wards of the given provinces in one query,
// keyed by province code (for the Provinces query without N+1).
func (s *Store) WardsByProvince(ctx context.Context) (map[string][]Unit, error) {
	rows, err := s.db.QueryxContext(ctx, `SELECT province_code, code, name, name_en, full_name, full_name_en FROM geo_wards ORDER BY province_code, code`)
	if err != nil {
		return nil, fmt.Errorf("list wards: %w", err)
	}
	defer rows.Close()
	out := map[string][]Unit{}
	for rows.Next() {
		var pc string
		var w Unit
		if err := rows.Scan(&pc, &w.Code, &w.Name, &w.NameEn, &w.FullName, &w.FullNameEn); err != nil {
			return nil, fmt.Errorf("scan ward: %w", err)
		}
		out[pc] = append(out[pc], w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list wards: %w", err)
	}
	return out, nil
}

// Wards returns the wards of one province, by code.
func (s *Store) Wards(ctx context.Context, provinceCode string) ([]Unit, error) {
	var ws []Unit
	if err := s.db.SelectContext(ctx, &ws, `SELECT code, name, name_en, full_name, full_name_en FROM geo_wards WHERE province_code = $1 ORDER BY code`, provinceCode); err != nil {
		return nil, fmt.Errorf("list wards of %s: %w", provinceCode, err)
	}
	return ws, nil
}

// ProvinceExists reports whether a province with code exists (from the
// in-memory snapshot, as the checks below).
func (s *Store) ProvinceExists(ctx context.Context, code string) (bool, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return false, fmt.Errorf("check province %s: %w", code, err)
	}
	_, ok := snap.provinces[code]
	return ok, nil
}

// WardInProvince reports whether ward exists and belongs to province.
func (s *Store) WardInProvince(ctx context.Context, ward, province string) (bool, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return false, fmt.Errorf("check ward %s in province %s: %w", ward, province, err)
	}
	w, ok := snap.wards[ward]
	return ok && w.province == province, nil
}

// FormatAddress renders "street, ward, province" in lang, leaving out the
// parts it does not know.
func (s *Store) FormatAddress(ctx context.Context, provinceCode, wardCode, street string, lang i18n.Lang) (string, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return "", fmt.Errorf("format address: %w", err)
	}
	parts := make([]string, 0, 3)
	if s := strings.TrimSpace(street); s != "" {
		parts = append(parts, s)
	}
	if w, ok := snap.wards[wardCode]; ok {
		parts = append(parts, w.LocalName(lang))
	}
	if p, ok := snap.provinces[provinceCode]; ok {
		parts = append(parts, p.LocalName(lang))
	}
	return strings.Join(parts, ", "), nil
}
