// Package auth owns who is calling: the Actor that the HTTP layer resolves
// from a bearer token before any resolver runs, and the Authenticator
// interface that the identity (citizen sessions) and partner (agency API keys)
// packages implement. It holds no tokens and no tables of its own. The
// portal operator is an Actor too, made only by the operator commands of the
// dvcportal binary (OperatorActor): no token and no request ever becomes one.
package auth

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Kind says what kind of caller an Actor is.
type Kind int

// The kinds of caller.
const (
	Anonymous Kind = iota
	Citizen
	Agency
	// Operator is the portal operator at the dvcportal CLI (never an HTTP
	// caller: no Authenticator returns it).
	Operator
)

// Actor is the authenticated caller of one request.
type Actor struct {
	Kind Kind
	// Citizen callers.
	AccountID int64
	IDNumber  string
	SessionID int64
	// Phone and Lang are the citizen's contact (identity.Contact): the
	// account's phone and language as the session lookup read them for this
	// request (it runs on every request, so a change is seen by the next
	// one). Empty when the Actor was not made by a session lookup.
	Phone string
	Lang  i18n.Lang
	// Agency callers.
	AgencyCode  string
	APIClientID int64
	Scopes      []string // what the agency's API key may do (ScopeCatalogue, ScopeApplications)
	// Operator callers: who ran the command (the OS user), for the ledgers.
	OperatorName string
}

// LogValue is what a log line shows of an Actor: its kind and the numeric
// IDs and agency that name it, never the citizen's ID number or phone
// (package slog calls it for any Actor logged as an attribute).
func (a Actor) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", a.Kind.String())}
	switch a.Kind {
	case Citizen:
		attrs = append(attrs, slog.Int64("account", a.AccountID), slog.Int64("session", a.SessionID))
	case Agency:
		attrs = append(attrs, slog.String("agency", a.AgencyCode), slog.Int64("apiClient", a.APIClientID))
	case Operator:
		attrs = append(attrs, slog.String("operator", a.OperatorName))
	}
	return slog.GroupValue(attrs...)
}

// String is the Kind's name in log lines.
func (k Kind) String() string {
	switch k {
	case Anonymous:
		return "anonymous"
	case Citizen:
		return "citizen"
	case Agency:
		return "agency"
	case Operator:
		return "operator"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// OperatorActor is the operator running a dvcportal command as name (the OS
// user; "operator" when unknown). Only the CLI calls it.
func OperatorActor(name string) Actor {
	if name = strings.TrimSpace(name); name == "" {
		name = "operator"
	}
	return Actor{Kind: Operator, OperatorName: name}
}

// RequireOperator returns the operator Actor, UNAUTHENTICATED for an
// anonymous caller and FORBIDDEN for a citizen or an agency.
func RequireOperator(ctx context.Context) (Actor, error) {
	a := FromContext(ctx)
	switch a.Kind {
	case Operator:
		return a, nil
	case Anonymous:
		return Actor{}, apperr.ErrUnauthenticated
	default:
		return Actor{}, apperr.ErrForbidden
	}
}

// The scopes of an agency API key: each domain method an agency calls
// demands one (RequireAgencyScope).
const (
	// ScopeCatalogue: draft and publish the agency's services, read the
	// catalogue change log.
	ScopeCatalogue = "catalogue"
	// ScopeApplications: read and move the applications of the agency's
	// services.
	ScopeApplications = "applications"
)

// Scopes are every scope, in the order the CLI lists them.
var Scopes = []string{ScopeCatalogue, ScopeApplications}

// HasScope reports whether the actor is an agency whose key holds scope.
func (a Actor) HasScope(scope string) bool {
	if a.Kind != Agency {
		return false
	}
	for _, s := range a.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// ErrInvalidToken is returned by an Authenticator for an unknown, expired or
// revoked token.
var ErrInvalidToken = errors.New("invalid token")

// Authenticator turns a bearer token into an Actor.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (Actor, error)
}

type ctxKey struct{}

// WithActor returns a context carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, ctxKey{}, a)
}

// FromContext returns the request's Actor (Anonymous when none).
func FromContext(ctx context.Context) Actor {
	a, _ := ctx.Value(ctxKey{}).(Actor)
	return a
}

// RequireCitizen returns the citizen Actor or an UNAUTHENTICATED error.
func RequireCitizen(ctx context.Context) (Actor, error) {
	a := FromContext(ctx)
	if a.Kind != Citizen {
		return Actor{}, apperr.ErrUnauthenticated
	}
	return a, nil
}

// RequireAgencyScope is RequireAgency for a key that holds scope: an agency
// key without it is FORBIDDEN.
func RequireAgencyScope(ctx context.Context, scope string) (Actor, error) {
	a, err := RequireAgency(ctx)
	if err != nil {
		return Actor{}, err
	}
	if !a.HasScope(scope) {
		return Actor{}, apperr.ErrForbidden
	}
	return a, nil
}

// RequireAgency returns the agency Actor, UNAUTHENTICATED for an anonymous
// caller and FORBIDDEN for a citizen.
func RequireAgency(ctx context.Context) (Actor, error) {
	a := FromContext(ctx)
	switch a.Kind {
	case Agency:
		return a, nil
	case Citizen:
		return Actor{}, apperr.ErrForbidden
	default:
		return Actor{}, apperr.ErrUnauthenticated
	}
}

// Authenticators dispatches a token to the Authenticator registered for its prefix.
type Authenticators struct {
	mu     sync.RWMutex
	byPref map[string]Authenticator
}

// NewAuthenticators returns an empty Authenticators.
func NewAuthenticators() *Authenticators { return &Authenticators{byPref: map[string]Authenticator{}} }

// Register makes a handle tokens that start with prefix.
func (r *Authenticators) Register(prefix string, a Authenticator) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byPref[prefix] = a
}

// Authenticate finds the Authenticator for token's prefix. A token with no
// known prefix is ErrInvalidToken.
func (r *Authenticators) Authenticate(ctx context.Context, token string) (Actor, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for prefix, a := range r.byPref {
		if strings.HasPrefix(token, prefix) {
			return a.Authenticate(ctx, token)
		}
	}
	return Actor{}, ErrInvalidToken
}
