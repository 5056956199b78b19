package app

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
	maxNodesIDs       = 100
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
	if n := countRoot(op.SelectionSet, oc.Doc, map[string]bool{}); n > MaxRootFields {
		return tooComplex(fmt.Sprintf("an operation may select at most %d root fields", MaxRootFields))
	}
	w := shapeWalker{doc: oc.Doc}
	w.walk(op.SelectionSet, 1, map[string]bool{})
	if w.sameField > MaxSameField {
		return tooComplex(fmt.Sprintf("a field may be selected at most %d times in one selection set (aliases)", MaxSameField))
	}
	if w.maxDepth > MaxDepth && !isIntrospection(op) {
		return tooComplex(fmt.Sprintf("the query is nested %d levels deep; the limit is %d", w.maxDepth, MaxDepth))
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

type shapeWalker struct {
	doc       *ast.QueryDocument
	maxDepth  int
	sameField int
}

// walk visits a selection set at depth; fragments on the current path are
// not followed again (a cycle is a validation error anyway).
func (w *shapeWalker) walk(set ast.SelectionSet, depth int, onPath map[string]bool) {
	if depth > w.maxDepth {
		w.maxDepth = depth
	}
	if depth > MaxDepth*4 {
		return
	}
	counts := map[string]int{}
	w.fields(set, depth, onPath, counts)
	for _, n := range counts {
		if n > w.sameField {
			w.sameField = n
		}
	}
}

func (w *shapeWalker) fields(set ast.SelectionSet, depth int, onPath map[string]bool, counts map[string]int) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			counts[s.Name]++
			if len(s.SelectionSet) > 0 {
				w.walk(s.SelectionSet, depth+1, onPath)
			}
		case *ast.InlineFragment:
			w.fields(s.SelectionSet, depth, onPath, counts)
		case *ast.FragmentSpread:
			if onPath[s.Name] || w.doc == nil {
				continue
			}
			if def := w.doc.Fragments.ForName(s.Name); def != nil {
				onPath[s.Name] = true
				w.fields(def.SelectionSet, depth, onPath, counts)
				delete(onPath, s.Name)
			}
		}
	}
}

func countRoot(set ast.SelectionSet, doc *ast.QueryDocument, seen map[string]bool) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n++
		case *ast.InlineFragment:
			n += countRoot(s.SelectionSet, doc, seen)
		case *ast.FragmentSpread:
			if seen[s.Name] || doc == nil {
				continue
			}
			seen[s.Name] = true
			if def := doc.Fragments.ForName(s.Name); def != nil {
				n += countRoot(def.SelectionSet, doc, seen)
			}
		}
	}
	return n
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
