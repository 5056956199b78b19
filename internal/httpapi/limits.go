package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// Query shape limits (DESIGN.md §7). Complexity is counted by
// complexitySchema, which multiplies a list field's cost by its `first`.
const (
	MaxDepth          = 12
	MaxSameField      = 15 // selections of one field (aliases) in one selection set
	MaxRootFields     = 30
	MaxComplexity     = 5000
	ParserTokenLimit  = 15000
	MaxRequestBytes   = 1 << 20
	introspectionRoot = "__"
)

// shapeLimit refuses, before anything executes, an operation that is too deep
// or repeats a field (by aliases) too often. Introspection operations are
// exempt from the depth limit (their type references nest deeply) when
// introspection is enabled at all.
type shapeLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                   { return "ShapeLimit" }
func (shapeLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (shapeLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil {
		return nil
	}
	sel := newSelections(oc.Doc)
	if root, _ := sel.fields(op.SelectionSet); len(root) > MaxRootFields {
		return tooComplex(fmt.Sprintf("an operation may select at most %d root fields", MaxRootFields))
	}
	w := shapeWalker{sel: sel, shapes: map[*ast.Field]*shape{}}
	s := w.set(op.SelectionSet)
	if s.sameField > MaxSameField {
		return tooComplex(fmt.Sprintf("a field may be selected at most %d times in one selection set (aliases)", MaxSameField))
	}
	if s.depth > MaxDepth && !isIntrospection(op) {
		return tooComplex(fmt.Sprintf("the query is nested %d levels deep; the limit is %d", s.depth, MaxDepth))
	}
	return nil
}

func tooComplex(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": string(apperr.QueryTooComplex)}
	return err
}

func isIntrospection(op *ast.OperationDefinition) bool {
	for _, sel := range op.SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok || !strings.HasPrefix(f.Name, introspectionRoot) {
			return false
		}
	}
	return len(op.SelectionSet) > 0
}

// shape is what the limits need of a selection set: how deep it nests (1 for
// a set of leaves) and the most selections of one field in any set within.
type shape struct {
	depth     int
	sameField int
}

// shapeWalker measures selection sets. The shape below a field is measured
// once per field of the document (a field inside a fragment is one field
// however often the fragment is spread), so the walk is linear in the
// document; a field met again while it is being measured (a fragment cycle,
// refused by validation anyway) adds nothing.
type shapeWalker struct {
	sel    *selections
	shapes map[*ast.Field]*shape
}

func (w *shapeWalker) set(set ast.SelectionSet) shape {
	fields, _ := w.sel.fields(set)
	out := shape{depth: 1}
	counts := map[string]int{}
	for _, f := range fields {
		counts[f.Name]++
		if len(f.SelectionSet) == 0 {
			continue
		}
		below := w.below(f)
		out.depth = max(out.depth, 1+below.depth)
		out.sameField = max(out.sameField, below.sameField)
	}
	for _, n := range counts {
		out.sameField = max(out.sameField, n)
	}
	return out
}

func (w *shapeWalker) below(f *ast.Field) shape {
	if s, ok := w.shapes[f]; ok {
		return *s // measured, or being measured (a cycle): zero
	}
	s := &shape{}
	w.shapes[f] = s
	*s = w.set(f.SelectionSet)
	return *s
}

// complexitySchema makes complexity count lists: a field with a `first` (or
// `ids`) argument costs its child cost times the page size.
type complexitySchema struct{ graphql.ExecutableSchema }

func (c complexitySchema) Complexity(ctx context.Context, typeName, field string, childComplexity int, args map[string]any) (int, bool) {
	if n, ok := c.ExecutableSchema.Complexity(ctx, typeName, field, childComplexity, args); ok {
		return n, true
	}
	per := childComplexity
	if per < 1 {
		per = 1
	}
	if first := intArg(args["first"]); first > 1 {
		return 1 + per*first, true
	}
	if ids, ok := args["ids"].([]any); ok && len(ids) > 1 {
		return 1 + per*len(ids), true
	}
	return 1 + childComplexity, true
}

// intArg reads an Int argument as the parser or the variables hand it over
// (int64 from a literal, json.Number or float64 from variables).
func intArg(v any) int {
	const ceiling = 1 << 20 // bigger values are refused by validation anyway
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case float64:
		n = int64(x)
	case json.Number:
		n, _ = x.Int64()
	default:
		return 0
	}
	return int(min(max(n, 0), ceiling))
}
