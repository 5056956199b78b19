package application

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// The services this package consumes, declared here (consumer side) so it
// depends on behaviour, not on their implementations.

// Catalogue finds services, their versions and offices (catalogue.Store).
// What does not exist is an error wrapping apperr.ErrNotFound.
type Catalogue interface {
	// CurrentVersion returns the current published version of a service;
	// not found for an unknown or unpublished service.
	CurrentVersion(ctx context.Context, serviceCode string) (catalogue.ServiceVersion, error)
	// Version returns one version of a service (applications are pinned to
	// the version they were submitted under).
	Version(ctx context.Context, serviceCode string, number int) (catalogue.ServiceVersion, error)
	// Office returns an office by code.
	Office(ctx context.Context, code string) (catalogue.Office, error)
}

// Calendar counts processing time: working days skip weekends and holidays
// and count make-up working days, starting the next working day when from
// is after the 17:00 cut-off or not a working day.
type Calendar interface {
	Add(from time.Time, n int, unit catalogue.TimeUnit) (time.Time, error)
}

// Geo checks administrative units and formats addresses.
type Geo interface {
	ProvinceExists(ctx context.Context, provinceCode string) (bool, error)
	WardInProvince(ctx context.Context, wardCode, provinceCode string) (bool, error)
	FormatAddress(ctx context.Context, provinceCode, wardCode, street string, lang i18n.Lang) (string, error)
}

// Contacts tells how to reach an applicant: the mobile number on record and
// the language of their account, as of this request (the applicant's own
// request answers it from its session, with no query). It reads through
// q: the caller's transaction when the caller holds one, so that it takes
// no second connection from the pool (see postgres.Open).
type Contacts interface {
	Contact(ctx context.Context, q sqlx.QueryerContext, accountID int64, idNumber string) (Contact, error)
}

// Contact is where an applicant's SMS go.
type Contact struct {
	Phone string
	Lang  i18n.Lang
}

// Captchas checks a captcha answer under the caller's condition
// (captcha.Guard): when it allows, the captcha is consumed, right or wrong;
// when it refuses, the captcha is left as it was.
type Captchas interface {
	VerifyGuarded(ctx context.Context, id, answer string, g captcha.Guard) (bool, error)
}

// Limiter counts events per scope and subject in a window shared by all
// processes and refuses past the limit (ratelimit.Limiter).
type Limiter interface {
	Enforce(ctx context.Context, scope string, lim ratelimit.Limit, subject string) error
}

// SMSOutbox queues an SMS in the caller's transaction.
type SMSOutbox interface {
	EnqueueTx(ctx context.Context, tx *sqlx.Tx, msg notify.SMS) error
}

// Enterprises is the business registry: who acts for which enterprise.
type Enterprises interface {
	// Act returns the enterprise (by global ID) the calling citizen acts
	// for, or the user error (NOT_A_REPRESENTATIVE, ENTERPRISE_NOT_ACTIVE)
	// at field.
	Act(ctx context.Context, gid string, field ...string) (Enterprise, error)
	// RepresentedBy lists the enterprises whose legal representative has
	// this ID number.
	RepresentedBy(ctx context.Context, idNumber string) ([]int64, error)
	// ByID returns an enterprise by its row ID.
	ByID(ctx context.Context, id int64) (Enterprise, bool, error)
}

// Enterprise is the applicant an application is submitted for.
type Enterprise struct {
	ID      int64
	TaxCode string
	Name    string
}

// Documents attaches uploads to applications in the caller's transaction.
type Documents interface {
	AttachTx(ctx context.Context, tx *sqlx.Tx, appIDs []int64, refs []document.Ref, role document.Role, pathOf func(int) []string) error
	// ListForTx lists the documents of applications in the caller's
	// transaction.
	ListForTx(ctx context.Context, tx *sqlx.Tx, appIDs []int64) (map[int64][]document.Document, error)
}

// WebhookOutbox queues a signed delivery to a partner in the caller's
// transaction.
type WebhookOutbox interface {
	EnqueueTx(ctx context.Context, tx *sqlx.Tx, d webhook.Delivery) (string, error)
}
