package catalogue

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// LoadSnapshotData reads the whole public catalogue at one revision, in a
// read-only repeatable-read transaction (six statements whatever the size).
func (s *Store) LoadSnapshotData(ctx context.Context) (SnapshotData, error) {
	var d SnapshotData
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return d, fmt.Errorf("load catalogue snapshot: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }() // read-only: nothing to commit
	if err := loadSnapshotData(ctx, tx, &d); err != nil {
		return SnapshotData{}, fmt.Errorf("load catalogue snapshot: %w", err)
	}
	return d, nil
}

func loadSnapshotData(ctx context.Context, tx *sqlx.Tx, d *SnapshotData) error {
	if err := tx.GetContext(ctx, &d.Revision, `SELECT revision FROM catalogue_revision`); err != nil {
		return fmt.Errorf("revision: %w", err)
	}
	var agencies []agencyRow
	if err := tx.SelectContext(ctx, &agencies, `SELECT code, name_vi, name_en, level, parent_code FROM catalogue_agencies ORDER BY code`); err != nil {
		return fmt.Errorf("agencies: %w", err)
	}
	for _, r := range agencies {
		d.Agencies = append(d.Agencies, r.agency())
	}
	var offices []officeRow
	if err := tx.SelectContext(ctx, &offices, `SELECT code, agency_code, province_code, name_vi, name_en, address FROM catalogue_offices ORDER BY code`); err != nil {
		return fmt.Errorf("offices: %w", err)
	}
	for _, r := range offices {
		d.Offices = append(d.Offices, r.office())
	}
	var categories []categoryRow
	if err := tx.SelectContext(ctx, &categories, `SELECT code, name_vi, name_en FROM catalogue_categories ORDER BY code`); err != nil {
		return fmt.Errorf("categories: %w", err)
	}
	for _, r := range categories {
		d.Categories = append(d.Categories, categoryFromRow(r))
	}
	var services []serviceRow
	if err := tx.SelectContext(ctx, &services, `SELECT `+serviceColumns+` FROM catalogue_services WHERE status = 'PUBLISHED' ORDER BY code`); err != nil {
		return fmt.Errorf("services: %w", err)
	}
	var versions []versionRow
	if err := tx.SelectContext(ctx, &versions, `
SELECT `+versionColumns+`, s.agency_code, '' AS webhook_secret
FROM catalogue_services s JOIN catalogue_service_versions v ON v.service_code = s.code AND v.number = s.current_version
WHERE s.status = 'PUBLISHED' ORDER BY s.code`); err != nil {
		return fmt.Errorf("versions: %w", err)
	}
	byCode := make(map[string]versionRow, len(versions))
	for _, v := range versions {
		byCode[v.ServiceCode] = v
	}
	for _, r := range services {
		vr, ok := byCode[r.Code]
		if !ok {
			return fmt.Errorf("service %s: current version %d missing", r.Code, r.CurrentVersion.Int64)
		}
		v, err := vr.version()
		if err != nil {
			return fmt.Errorf("service %s: %w", r.Code, err)
		}
		d.Services = append(d.Services, Published{Service: r.service(), Version: v})
	}
	return nil
}
