package httpapi

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// authAttemptLimit is a gqlgen extension that refuses, before anything
// executes, an operation selecting more than one @authAttempt mutation
// (counting aliases and fragments). DESIGN.md §7: one HTTP request cannot
// carry 50 OTP guesses.
type authAttemptLimit struct{ rules schemaRules }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = authAttemptLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (authAttemptLimit) ExtensionName() string { return "AuthAttemptLimit" }

// Validate implements graphql.HandlerExtension.
func (authAttemptLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l authAttemptLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if n := l.rules.countAuthAttempts(newSelections(oc.Doc), oc.Operation); n > 1 {
		err := gqlerror.Errorf("at most one authentication mutation (%s) per request; this one has %d",
			strings.Join(l.rules.authAttempts, ", "), n)
		err.Extensions = map[string]any{"code": string(apperr.QueryTooComplex)}
		return err
	}
	return nil
}
