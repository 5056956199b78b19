package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// RegisterInput is a citizen's registration.
type RegisterInput struct {
	IDNumber            string
	FullName            string
	DateOfBirth         time.Time // a date (midnight UTC); zero when missing
	SocialInsuranceCode string
	Phone               string
	Password            string
	Captcha             captcha.Answer
	// Language is the account's language for SMS; empty: the request's.
	Language i18n.Lang
	// ConsentVersion is the consent text version the citizen was shown;
	// empty: the current one (ConsentVersion).
	ConsentVersion string
}

func (in RegisterInput) check(now time.Time) checks {
	var cs checks
	cs.Add(valid.Field(in.IDNumber, tagIDNumber, "idNumber"))
	cs.Add(valid.Field(in.FullName, tagFullName, "fullName"))
	switch {
	case in.DateOfBirth.IsZero():
		cs.Add(userErr(apperr.CodeRequired, msgRequired, "dateOfBirth"))
	case in.DateOfBirth.After(now) || in.DateOfBirth.Year() < 1900:
		cs.Add(userErr(apperr.CodeInvalid, msgDateOfBirth, "dateOfBirth"))
	case vnid.ValidIDNumberFormat(in.IDNumber):
		cs.Add(checkIDNumberAgainstDOB(in.IDNumber, in.DateOfBirth))
	}
	cs.Add(valid.Field(in.SocialInsuranceCode, "required,sicode", "socialInsuranceCode"))
	cs.Add(valid.Field(in.Phone, "required,vnmobile", "phone"))
	cs.Add(checkPassword(in.Password, "password"))
	if in.ConsentVersion != "" && in.ConsentVersion != ConsentVersion {
		cs.Add(userErr(apperr.CodeInvalid, msgConsentVersion, "consentVersion"))
	}
	if in.Language != "" && in.Language != i18n.VI && in.Language != i18n.EN {
		cs.Add(userErr(apperr.CodeInvalid, msgControlChars, "language"))
	}
	cs.Append(checkCaptcha(in.Captcha)...)
	return cs
}

// Register checks a registration against the identity registry, creates the
// account pending verification and sends an OTP to the phone on record. The
// order of the checks is the rule: formats, the IP rate limit, captcha
// (consumed even when wrong), the per-account limit, then the registry, where any difference is one
// REGISTRY_MISMATCH, and only then ALREADY_REGISTERED. Registering again an
// account that was never verified replaces its password and challenge.
func (s *Service) Register(ctx context.Context, in RegisterInput) (Challenge, error) {
	if err := in.check(s.now()).Err(); err != nil {
		return Challenge{}, err
	}
	// The IP is counted in the statement that consumes the captcha (see
	// StartLogin): past the limit, RATE_LIMITED and the captcha is left
	// unconsumed.
	if err := s.verifyCaptchaCounting(ctx, in.Captcha, "identity:register:ip", s.limits.RegisterPerIP, ratelimit.ClientIP(ctx)); err != nil {
		return Challenge{}, err
	}
	// Counted only after a solved captcha (see StartLogin).
	if err := s.limiter.Enforce(ctx, "identity:register:account", s.limits.RegisterPerAccount, in.IDNumber); err != nil {
		return Challenge{}, err
	}
	person, err := s.population.LookupPerson(ctx, in.IDNumber)
	if errors.Is(err, apperr.ErrNotFound) {
		return Challenge{}, errRegistryMismatch
	}
	if err != nil {
		return Challenge{}, fmt.Errorf("registration lookup: %w", err)
	}
	if !matchesRecord(person, in) {
		return Challenge{}, errRegistryMismatch
	}
	// matchesRecord normalised it without error.
	person.Phone, _ = vnid.NormalizeMobile(person.Phone)
	existing, found, err := findAccount(ctx, s.db, in.IDNumber)
	if err != nil {
		return Challenge{}, err
	}
	if found && existing.Status == StatusActive {
		return Challenge{}, errAlreadyRegistered
	}
	if err := s.limiter.Enforce(ctx, "identity:sms:phone", s.limits.SMSPerPhone, person.Phone); err != nil {
		return Challenge{}, err
	}
	hash, err := s.hasher.Hash(ctx, in.Password)
	if err != nil {
		return Challenge{}, fmt.Errorf("registration: %w", err)
	}
	lang := in.Language
	if lang == "" {
		lang = i18n.FromContext(ctx)
	}
	var ch Challenge
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		acc, err := s.upsertPendingAccount(ctx, tx, person, hash, lang)
		if err != nil {
			return err
		}
		// The challenge goes to the row's phone and language, which the
		// upsert has just set to person.Phone and lang.
		ch, err = s.openChallenge(ctx, tx, opening{accountID: acc.ID, purpose: PurposeRegistration,
			audit: auditEntry{Event: EventRegistered, AccountID: acc.ID, IDNumber: acc.IDNumber,
				Detail: map[string]any{"consentVersion": ConsentVersion}}})
		return err
	})
	return ch, err
}

var (
	errRegistryMismatch  = apperr.Invalid(apperr.UserError{Code: apperr.CodeRegistryMismatch, Message: msgRegistryMismatch})
	errAlreadyRegistered = apperr.Invalid(apperr.UserError{Field: []string{"idNumber"}, Code: apperr.CodeAlreadyRegistered, Message: msgAlreadyRegistered})
	errInvalidCaptcha    = apperr.Invalid(apperr.UserError{Field: []string{"captcha"}, Code: apperr.CodeInvalidCaptcha, Message: msgInvalidCaptcha})
)

// matchesRecord compares every registration detail with the record. It
// answers one bit, so the caller cannot tell which field differs.
func matchesRecord(p population.Person, in RegisterInput) bool {
	phone, err := vnid.NormalizeMobile(in.Phone)
	recordPhone, recErr := vnid.NormalizeMobile(p.Phone)
	return err == nil && recErr == nil &&
		population.MatchName(in.FullName, p.FullName) &&
		sameDate(in.DateOfBirth, p.DateOfBirth) &&
		in.SocialInsuranceCode == p.SocialInsuranceCode &&
		phone == recordPhone
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// upsertPendingAccount creates the account, or refreshes a pending one, and
// returns it with its row locked. An account that became active meanwhile
// is ALREADY_REGISTERED.
func (s *Service) upsertPendingAccount(ctx context.Context, tx *sqlx.Tx, p population.Person, hash string, lang i18n.Lang) (account, error) {
	now := s.now()
	var acc account
	err := tx.GetContext(ctx, &acc, `INSERT INTO identity_accounts
		(id_number, phone, password_hash, status, language, consent_version, consented_at, created_at, updated_at)
		VALUES ($1, $2, $3, 'PENDING_VERIFICATION', $4, $5, $6, $6, $6)
		ON CONFLICT (id_number) DO UPDATE SET phone = EXCLUDED.phone, password_hash = EXCLUDED.password_hash,
			language = EXCLUDED.language, consent_version = EXCLUDED.consent_version,
			consented_at = EXCLUDED.consented_at, updated_at = EXCLUDED.updated_at
		WHERE identity_accounts.status = 'PENDING_VERIFICATION'
		RETURNING `+accountColumns,
		p.IDNumber, p.Phone, hash, string(lang), ConsentVersion, now)
	if errors.Is(err, sql.ErrNoRows) {
		return account{}, errAlreadyRegistered
	}
	if err != nil {
		return account{}, fmt.Errorf("create account: %w", err)
	}
	return acc, nil
}
