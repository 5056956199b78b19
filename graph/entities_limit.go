package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// MaxEntityRepresentations bounds the representations of one operation's
// _entities (all aliases together), as maxNodeIDs bounds nodes(ids:).
const MaxEntityRepresentations = maxNodeIDs

// EntitiesLimit is a gqlgen extension that refuses, before anything
// resolves, an operation asking _entities for more than
// MaxEntityRepresentations representations: a federation gateway batches
// far fewer, and thousands would hold the database pool for everyone.
type EntitiesLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = EntitiesLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (EntitiesLimit) ExtensionName() string { return "EntitiesLimit" }

// Validate implements graphql.HandlerExtension.
func (EntitiesLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (EntitiesLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil || op.Operation != ast.Query {
		return nil
	}
	if n := countRepresentations(op.SelectionSet, oc, map[string]bool{}); n > MaxEntityRepresentations {
		err := gqlerror.Errorf("_entities takes at most %d representations per request; this one has %d", MaxEntityRepresentations, n)
		err.Extensions = map[string]any{"code": string(apperr.BadUserInput)}
		return err
	}
	return nil
}

// countRepresentations adds up the representations of the root _entities
// fields of set, through inline fragments and fragment spreads (each named
// fragment once).
func countRepresentations(set ast.SelectionSet, oc *graphql.OperationContext, seen map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "_entities" {
				reps, _ := s.ArgumentMap(oc.Variables)["representations"].([]any)
				n += len(reps)
			}
		case *ast.InlineFragment:
			n += countRepresentations(s.SelectionSet, oc, seen)
		case *ast.FragmentSpread:
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if f := oc.Doc.Fragments.ForName(s.Name); f != nil {
				n += countRepresentations(f.SelectionSet, oc, seen)
			}
		}
	}
	return n
}
