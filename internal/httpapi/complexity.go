package httpapi

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// complexityLimit refuses an operation whose complexity (complexitySchema's
// costs, summed as gqlgen's extension.ComplexityLimit sums them) is over
// limit. Unlike gqlgen's walk, which visits a fragment once per spread (2^N
// visits for N fragments each spreading the next twice), it measures each
// named fragment once and reuses the number, stops as soon as the sum
// passes the limit, and gives up when the request's context ends.
type complexityLimit struct {
	limit int
	es    graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &complexityLimit{}

// ExtensionName implements graphql.HandlerExtension; the stats keep gqlgen's
// name, so extension.GetComplexityStats reads them.
func (*complexityLimit) ExtensionName() string { return "ComplexityLimit" }

// Validate implements graphql.HandlerExtension.
func (c *complexityLimit) Validate(es graphql.ExecutableSchema) error {
	c.es = es
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (c *complexityLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := &complexityWalker{ctx: ctx, es: c.es, schema: c.es.Schema(), doc: oc.Doc, vars: oc.Variables,
		ceiling: c.limit + 1, frags: map[string]int{}}
	n := w.set(oc.Operation.SelectionSet)
	if err := ctx.Err(); err != nil {
		return tooComplex("the request ended before its complexity was measured")
	}
	oc.Stats.SetExtension(c.ExtensionName(), &extension.ComplexityStats{Complexity: n, ComplexityLimit: c.limit})
	if n > c.limit {
		return tooComplex(fmt.Sprintf("the operation's complexity is over the limit of %d", c.limit))
	}
	return nil
}

// complexityWalker sums complexity. Every sum saturates at ceiling (limit +
// 1): costs only grow with their children, so a part over the limit makes
// the whole over it and nothing more needs to be visited.
type complexityWalker struct {
	ctx     context.Context
	es      graphql.ExecutableSchema
	schema  *ast.Schema
	doc     *ast.QueryDocument
	vars    map[string]any
	ceiling int
	frags   map[string]int // fragment name → its complexity (-1 while measured)
	visits  int
}

func (w *complexityWalker) add(a, b int) int { return min(a+max(b, 0), w.ceiling) }

func (w *complexityWalker) set(set ast.SelectionSet) int {
	total := 0
	for _, sel := range set {
		if total >= w.ceiling {
			return w.ceiling
		}
		if w.visits++; w.visits%256 == 0 && w.ctx.Err() != nil {
			return w.ceiling
		}
		switch s := sel.(type) {
		case *ast.Field:
			total = w.add(total, w.field(s))
		case *ast.InlineFragment:
			total = w.add(total, w.set(s.SelectionSet))
		case *ast.FragmentSpread:
			total = w.add(total, w.fragment(s.Name))
		}
	}
	return total
}

// fragment measures a named fragment once: its fields carry the type of its
// type condition wherever it is spread, so the number does not depend on
// the spread. A fragment met again while measured (a cycle, refused by
// validation anyway) adds nothing.
func (w *complexityWalker) fragment(name string) int {
	if n, ok := w.frags[name]; ok {
		return max(n, 0)
	}
	def := w.doc.Fragments.ForName(name)
	if def == nil {
		return 0
	}
	w.frags[name] = -1
	n := w.set(def.SelectionSet)
	w.frags[name] = n
	return n
}

func (w *complexityWalker) field(f *ast.Field) int {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return 1
	}
	typ := w.schema.Types[f.Definition.Type.Name()]
	if typ == nil {
		return 1
	}
	if typ.Name == "__Schema" {
		return 0
	}
	child := 0
	switch typ.Kind {
	case ast.Object, ast.Interface, ast.Union:
		child = w.set(f.SelectionSet)
	}
	args := f.ArgumentMap(w.vars)
	if f.ObjectDefinition.Kind != ast.Interface {
		return w.cost(f.ObjectDefinition, f.Name, child, args)
	}
	// An interface's field costs what its most expensive implementation does.
	most := 0
	for _, t := range w.schema.GetPossibleTypes(f.ObjectDefinition) {
		most = max(most, w.cost(t, f.Name, child, args))
	}
	return most
}

func (w *complexityWalker) cost(def *ast.Definition, field string, child int, args map[string]any) int {
	if n, ok := w.es.Complexity(w.ctx, def.Name, field, child, args); ok && n >= 1 {
		return min(n, w.ceiling)
	}
	return w.add(1, child)
}
