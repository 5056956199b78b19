package population

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Sandbox is the registry kept in PostgreSQL (table registry_persons),
// loaded from a personas file. Safe for concurrent use.
type Sandbox struct {
	db *sqlx.DB
}

var _ Registry = (*Sandbox)(nil)

// NewSandbox returns the sandbox registry on db.
func NewSandbox(db *sqlx.DB) *Sandbox { return &Sandbox{db: db} }

// personRow is a registry_persons row.
type personRow struct {
	IDNumber            string         `db:"id_number"`
	FullName            string         `db:"full_name"`
	DateOfBirth         time.Time      `db:"date_of_birth"`
	Gender              string         `db:"gender"`
	Phone               string         `db:"phone"`
	SocialInsuranceCode string         `db:"social_insurance_code"`
	ProvinceCode        string         `db:"province_code"`
	WardCode            string         `db:"ward_code"`
	Street              string         `db:"street"`
	CardNumber          sql.NullString `db:"card_number"`
	CardValidFrom       sql.NullTime   `db:"card_valid_from"`
	CardValidTo         sql.NullTime   `db:"card_valid_to"`
	CardClinic          sql.NullString `db:"card_registered_clinic"`
}

var errPersonNotFound = fmt.Errorf("population registry person: %w", apperr.ErrNotFound)

// LookupPerson returns the person with the ID number, or an error wrapping
// apperr.ErrNotFound (also for a value that is not 12 digits). The error
// never holds the ID number.
func (s *Sandbox) LookupPerson(ctx context.Context, idNumber string) (Person, error) {
	if !vnid.ValidIDNumberFormat(idNumber) {
		return Person{}, errPersonNotFound
	}
	var r personRow
	err := s.db.GetContext(ctx, &r, `
		SELECT id_number, full_name, date_of_birth, gender, phone, social_insurance_code,
		       province_code, ward_code, street,
		       card_number, card_valid_from, card_valid_to, card_registered_clinic
		FROM registry_persons WHERE id_number = $1`, idNumber)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, errPersonNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("look up registry person: %w", err)
	}
	return r.person(), nil
}

func (r personRow) person() Person {
	p := Person{
		IDNumber:            r.IDNumber,
		FullName:            r.FullName,
		DateOfBirth:         asDate(r.DateOfBirth),
		Gender:              r.Gender,
		Phone:               r.Phone,
		SocialInsuranceCode: r.SocialInsuranceCode,
		Address:             Address{ProvinceCode: r.ProvinceCode, WardCode: r.WardCode, Street: r.Street},
	}
	if r.CardNumber.Valid {
		p.Card = &HealthCard{
			Number:           r.CardNumber.String,
			ValidFrom:        asDate(r.CardValidFrom.Time),
			ValidTo:          asDate(r.CardValidTo.Time),
			RegisteredClinic: r.CardClinic.String,
		}
	}
	return p
}

// asDate returns the calendar date of t as midnight UTC (lib/pq returns a
// date column as midnight in UTC already; this pins it whatever the driver).
func asDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Load inserts or updates persons (matched by ID number) in one statement,
// so loading the same file again, from any number of processes at once,
// leaves the same rows. Rows are rewritten only when something changed.
// Persons absent from the list are kept. The persons should come from
// ParsePersonasFile, which validates them; the table's constraints refuse
// malformed values as well.
func (s *Sandbox) Load(ctx context.Context, persons []Person) error {
	if len(persons) == 0 {
		return nil
	}
	n := len(persons)
	var (
		ids, names, dobs, genders, phones, sis  = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		provs, wards, streets                   = make([]string, n), make([]string, n), make([]string, n)
		cardNums, cardFrom, cardTo, cardClinics = make([]sql.NullString, n), make([]sql.NullString, n), make([]sql.NullString, n), make([]sql.NullString, n)
	)
	for i, p := range persons {
		ids[i], names[i], dobs[i], genders[i] = p.IDNumber, p.FullName, p.DateOfBirth.Format(time.DateOnly), p.Gender
		phones[i], sis[i] = p.Phone, p.SocialInsuranceCode
		provs[i], wards[i], streets[i] = p.Address.ProvinceCode, p.Address.WardCode, p.Address.Street
		if c := p.Card; c != nil {
			cardNums[i] = sql.NullString{String: c.Number, Valid: true}
			cardFrom[i] = sql.NullString{String: c.ValidFrom.Format(time.DateOnly), Valid: true}
			cardTo[i] = sql.NullString{String: c.ValidTo.Format(time.DateOnly), Valid: true}
			cardClinics[i] = sql.NullString{String: c.RegisteredClinic, Valid: true}
		}
	}
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO registry_persons AS r (id_number, full_name, date_of_birth, gender, phone,
		       social_insurance_code, province_code, ward_code, street,
		       card_number, card_valid_from, card_valid_to, card_registered_clinic)
		SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[],
		       $6::text[], $7::text[], $8::text[], $9::text[],
		       $10::text[], $11::date[], $12::date[], $13::text[])
		ON CONFLICT (id_number) DO UPDATE SET
		       full_name = excluded.full_name, date_of_birth = excluded.date_of_birth,
		       gender = excluded.gender, phone = excluded.phone,
		       social_insurance_code = excluded.social_insurance_code,
		       province_code = excluded.province_code, ward_code = excluded.ward_code,
		       street = excluded.street, card_number = excluded.card_number,
		       card_valid_from = excluded.card_valid_from, card_valid_to = excluded.card_valid_to,
		       card_registered_clinic = excluded.card_registered_clinic, updated_at = now()
		WHERE (r.full_name, r.date_of_birth, r.gender, r.phone, r.social_insurance_code,
		       r.province_code, r.ward_code, r.street, r.card_number, r.card_valid_from,
		       r.card_valid_to, r.card_registered_clinic)
		      IS DISTINCT FROM
		      (excluded.full_name, excluded.date_of_birth, excluded.gender, excluded.phone,
		       excluded.social_insurance_code, excluded.province_code, excluded.ward_code,
		       excluded.street, excluded.card_number, excluded.card_valid_from,
		       excluded.card_valid_to, excluded.card_registered_clinic)`,
		pq.Array(ids), pq.Array(names), pq.Array(dobs), pq.Array(genders), pq.Array(phones),
		pq.Array(sis), pq.Array(provs), pq.Array(wards), pq.Array(streets),
		pq.Array(cardNums), pq.Array(cardFrom), pq.Array(cardTo), pq.Array(cardClinics))
	if err != nil {
		return fmt.Errorf("load %d registry persons: %w", n, err)
	}
	return nil
}
