package identity

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// The services identity consumes, declared here (consumer side) so the
// package depends on behaviour, not on their implementations.

// PersonLookup finds a person in the identity registry.
type PersonLookup interface {
	// LookupPerson returns the person, or an error wrapping apperr.ErrNotFound.
	LookupPerson(ctx context.Context, idNumber string) (population.Person, error)
}

// Captchas issues and checks captchas under the caller's condition
// (captcha.Guard, here a rate limit): NewGuarded issues one when it allows;
// VerifyGuarded, when it allows, consumes the captcha whether the answer
// was right or not.
type Captchas interface {
	NewGuarded(ctx context.Context, g captcha.Guard) (captcha.Challenge, error)
	VerifyGuarded(ctx context.Context, id, answer string, g captcha.Guard) (bool, error)
}

// Limiter counts events per scope and subject in a window shared by all
// processes and refuses past the limit (ratelimit.Limiter).
type Limiter interface {
	Enforce(ctx context.Context, scope string, lim ratelimit.Limit, subject string) error
	// EnforceThen is Enforce that runs the next read in the same statement.
	EnforceThen(ctx context.Context, scope string, lim ratelimit.Limit, subject, then string, args []any, dest ...any) error
}

// SMSOutbox queues an SMS inside the caller's transaction, so the message
// exists if and only if the change that causes it commits.
type SMSOutbox interface {
	EnqueueTx(ctx context.Context, tx *sqlx.Tx, msg notify.SMS) error
}
