package identity

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// Citizen is what a logged-in citizen is shown of their account and their
// population registry record. It is built here, field by field, with every
// identifier masked (DESIGN.md §7): the ID number, the phone, the social
// insurance and card numbers. A field the registry gains later is not shown
// until it is added here, masked when it is personal data.
type Citizen struct {
	AccountID                 int64
	FullName                  string
	DateOfBirth               time.Time
	Gender                    string
	MaskedIDNumber            string
	MaskedPhone               string
	MaskedSocialInsuranceCode string
	Address                   population.Address
	Card                      *CitizenCard // nil when no card is on record
}

// CitizenCard is the health insurance card on record, its number masked.
type CitizenCard struct {
	MaskedNumber     string
	ValidFrom        time.Time
	ValidTo          time.Time
	RegisteredClinic string
	ValidToday       bool
}

// citizenView builds the Citizen of an account from its record.
func citizenView(accountID int64, idNumber, phone string, p population.Person, now time.Time) Citizen {
	c := Citizen{
		AccountID: accountID, FullName: p.FullName, DateOfBirth: p.DateOfBirth, Gender: p.Gender,
		MaskedIDNumber: vnid.MaskIDNumber(idNumber), MaskedPhone: vnid.MaskPhone(phone),
		MaskedSocialInsuranceCode: vnid.MaskCode(p.SocialInsuranceCode), Address: p.Address,
	}
	if card := p.Card; card != nil {
		c.Card = &CitizenCard{MaskedNumber: vnid.MaskCode(card.Number), ValidFrom: card.ValidFrom, ValidTo: card.ValidTo,
			RegisteredClinic: card.RegisteredClinic, ValidToday: card.ValidOn(now)}
	}
	return c
}

// Citizen returns the citizen of accountID. Only that citizen may see it:
// for anyone else it is NOT_FOUND, like an account that does not exist.
func (s *Service) Citizen(ctx context.Context, accountID int64) (Citizen, error) {
	actor := auth.FromContext(ctx)
	if actor.Kind != auth.Citizen || actor.AccountID != accountID {
		return Citizen{}, apperr.ErrNotFound
	}
	return s.citizen(ctx, accountID)
}

// CitizenOfSession returns the citizen that a session just opened by
// VerifyOTP belongs to (the request carries no token yet), from the
// account as VerifyOTP read it.
func (s *Service) CitizenOfSession(ctx context.Context, sess Session) (Citizen, error) {
	if sess.idNumber == "" {
		return s.citizen(ctx, sess.AccountID)
	}
	return s.citizenOf(ctx, sess.AccountID, sess.idNumber, sess.phone)
}

func (s *Service) citizen(ctx context.Context, accountID int64) (Citizen, error) {
	var acc struct {
		IDNumber string `db:"id_number"`
		Phone    string `db:"phone"`
	}
	if err := s.db.GetContext(ctx, &acc, `SELECT id_number, phone FROM identity_accounts WHERE id = $1`, accountID); err != nil {
		return Citizen{}, fmt.Errorf("load citizen %d: %w", accountID, err)
	}
	return s.citizenOf(ctx, accountID, acc.IDNumber, acc.Phone)
}

// citizenOf builds the citizen of the account from its registry record.
func (s *Service) citizenOf(ctx context.Context, accountID int64, idNumber, phone string) (Citizen, error) {
	p, err := s.population.LookupPerson(ctx, idNumber)
	if errors.Is(err, apperr.ErrNotFound) {
		return Citizen{}, apperr.ErrNotFound
	}
	if err != nil {
		return Citizen{}, fmt.Errorf("registry record of citizen %d: %w", accountID, err)
	}
	return citizenView(accountID, idNumber, phone, p, s.now()), nil
}

// Contact is where and how the portal reaches a citizen: the phone registered
// with the account (the registry's phone on record at registration) and the
// account's language.
type Contact struct {
	Phone string
	Lang  i18n.Lang
}

// ContactOf returns the contact of accountID, for the notices other areas
// send (application receipts, status changes, payments). When the request's
// actor is that account's citizen, it is the contact the session lookup read
// for this request (auth.Actor.Phone and Lang): no query, and as current as
// one, since the lookup runs per request. For anyone else (an agency moving
// an application, a payment provider's notice, a job) it is read from the
// account.
//
// The account is read through q: the caller's transaction when it has one
// (every caller queues its SMS in one), so the read takes no second
// connection from the pool while the transaction holds one (see
// postgres.Open).
func (s *Service) ContactOf(ctx context.Context, q sqlx.QueryerContext, accountID int64) (Contact, error) {
	if a := auth.FromContext(ctx); a.Kind == auth.Citizen && a.AccountID == accountID && a.Phone != "" {
		return Contact{Phone: a.Phone, Lang: a.Lang}, nil
	}
	var c struct {
		Phone    string    `db:"phone"`
		Language i18n.Lang `db:"language"`
	}
	if err := sqlx.GetContext(ctx, q, &c, `SELECT phone, language FROM identity_accounts WHERE id = $1`, accountID); err != nil {
		return Contact{}, fmt.Errorf("load contact of account %d: %w", accountID, err)
	}
	return Contact{Phone: c.Phone, Lang: contactLang(c.Language)}, nil
}

// contactLang is the language an account's SMS are written in: its own when
// the portal speaks it in SMS (EN), Vietnamese otherwise.
func contactLang(l i18n.Lang) i18n.Lang {
	if l != i18n.EN {
		return i18n.VI
	}
	return l
}
