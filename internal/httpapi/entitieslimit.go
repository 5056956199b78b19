package httpapi

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// maxEntityRepresentations bounds the representations of one operation's
// _entities (all aliases together), as nodes(ids:) is bounded to 100 IDs.
const maxEntityRepresentations = 100

// entitiesLimit is a gqlgen extension that refuses, before anything
// resolves, an operation asking _entities for more than
// maxEntityRepresentations representations: a federation gateway batches
// far fewer, and thousands would hold the database pool for everyone.
type entitiesLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = entitiesLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (entitiesLimit) ExtensionName() string { return "EntitiesLimit" }

// Validate implements graphql.HandlerExtension.
func (entitiesLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (entitiesLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil || op.Operation != ast.Query {
		return nil
	}
	roots, _ := newSelections(oc.Doc).fields(op.SelectionSet)
	n := 0
	for _, f := range roots {
		if f.Name == "_entities" {
			reps, _ := f.ArgumentMap(oc.Variables)["representations"].([]any)
			n += len(reps)
		}
	}
	if n > maxEntityRepresentations {
		err := gqlerror.Errorf("_entities takes at most %d representations per request; this one has %d", maxEntityRepresentations, n)
		err.Extensions = map[string]any{"code": string(apperr.BadUserInput)}
		return err
	}
	return nil
}
