package calendar

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// seedLockKey serializes seeds of processes starting together.
const seedLockKey = 0x63616c64 // "cald"

// Seed makes the table calendar_days equal to the embedded data. It is
// idempotent: rows already equal are not written.
func Seed(ctx context.Context, db *sqlx.DB) error {
	days, err := EmbeddedDays()
	if err != nil {
		return err
	}
	return SaveDays(ctx, db, days)
}

// SaveDays makes the table calendar_days hold exactly days, in one
// transaction: new days are inserted, changed ones updated, others deleted.
// The days are checked as New checks them first.
func SaveDays(ctx context.Context, db *sqlx.DB, days []Day) error {
	if _, err := New(days); err != nil {
		return err
	}
	var dates, kinds, vi, en, basis []string
	for _, d := range days {
		dates = append(dates, dateOf(d.Date).String())
		kinds = append(kinds, string(d.Kind))
		vi = append(vi, d.Name.Vi)
		en = append(en, d.Name.En)
		basis = append(basis, d.Basis)
	}
	err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, seedLockKey); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_days WHERE date <> ALL ($1::date[])`, pq.Array(dates)); err != nil {
			return fmt.Errorf("delete days no longer listed: %w", err)
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO calendar_days (date, kind, name_vi, name_en, basis)
			SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[])
			ON CONFLICT (date) DO UPDATE SET
				kind = EXCLUDED.kind, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en, basis = EXCLUDED.basis
			WHERE (calendar_days.kind, calendar_days.name_vi, calendar_days.name_en, calendar_days.basis)
				IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name_vi, EXCLUDED.name_en, EXCLUDED.basis)`,
			pq.Array(dates), pq.Array(kinds), pq.Array(vi), pq.Array(en), pq.Array(basis))
		if err != nil {
			return fmt.Errorf("upsert days: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save calendar days: %w", err)
	}
	return nil
}

// LoadDays reads the listed days from calendar_days, in date order; pass
// them to New for a Calendar.
func LoadDays(ctx context.Context, db *sqlx.DB) ([]Day, error) {
	var rows []struct {
		Date   string `db:"date"`
		Kind   Kind   `db:"kind"`
		NameVi string `db:"name_vi"`
		NameEn string `db:"name_en"`
		Basis  string `db:"basis"`
	}
	err := db.SelectContext(ctx, &rows, `
		SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name_vi, name_en, basis
		FROM calendar_days ORDER BY date`)
	if err != nil {
		return nil, fmt.Errorf("load calendar days: %w", err)
	}
	days := make([]Day, 0, len(rows))
	for _, r := range rows {
		t, err := time.ParseInLocation(time.DateOnly, r.Date, vntime.Location)
		if err != nil {
			return nil, fmt.Errorf("load calendar day %s: %w", r.Date, err)
		}
		days = append(days, Day{Date: t, Kind: r.Kind, Name: i18n.T(r.NameVi, r.NameEn), Basis: r.Basis})
	}
	return days, nil
}
