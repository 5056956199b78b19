package httpapi

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// countingSchema is an executable schema that only knows its types and
// counts the complexity questions asked.
type countingSchema struct {
	graphql.ExecutableSchema
	schema *ast.Schema
	calls  int
}

func (s *countingSchema) Schema() *ast.Schema { return s.schema }

func (s *countingSchema) Complexity(context.Context, string, string, int, map[string]any) (int, bool) {
	s.calls++
	return 0, false
}

const complexitySDL = `
type Query { a: A, list(first: Int): [A!]!, i: I, n: Int }
interface I { x: Int }
type A implements I { x: Int, b: A, list(first: Int): [A!]! }
type B implements I { x: Int }
`

func operationContext(t *testing.T, s *ast.Schema, q string, vars map[string]any) *graphql.OperationContext {
	t.Helper()
	doc, errs := gqlparser.LoadQueryWithRules(s, q, nil)
	if errs != nil {
		t.Fatalf("load %q: %v", q, errs)
	}
	return &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: vars}
}

// TestComplexityAsGqlgen: on ordinary operations the memoised walk gives
// gqlgen's own number.
func TestComplexityAsGqlgen(t *testing.T) {
	s := mustSchema(t, complexitySDL)
	es := complexitySchema{&countingSchema{schema: s}}
	for _, q := range []string{
		`{ a { x b { x } } n }`,
		`{ list(first: 10) { x b { list(first: 5) { x } } } }`,
		`query($n: Int) { list(first: $n) { x } }`,
		`{ ...F ...F a { ...G } } fragment F on Query { a { x } } fragment G on A { b { ...G2 } x } fragment G2 on A { x }`,
		`{ i { x ... on A { b { x } } } }`,
		`{ __schema { types { name } } __typename }`,
	} {
		t.Run(q, func(t *testing.T) {
			oc := operationContext(t, s, q, map[string]any{"n": int64(7)})
			c := &complexityLimit{limit: MaxComplexity}
			_ = c.Validate(es)
			if err := c.MutateOperationContext(context.Background(), oc); err != nil {
				t.Fatalf("refused: %v", err)
			}
			want := complexity.Calculate(context.Background(), es, oc.Operation, oc.Variables)
			stats, _ := oc.Stats.GetExtension("ComplexityLimit").(*extension.ComplexityStats)
			if stats == nil || stats.Complexity != want {
				t.Fatalf("complexity = %+v, want %d (gqlgen's)", stats, want)
			}
		})
	}
}

// fragmentChain is n fragments each spreading the next twice.
func fragmentChain(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { n ", i)
		if i+1 < n {
			fmt.Fprintf(&b, "...F%d ...F%d ", i+1, i+1)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// TestComplexityFragmentExplosion (issue 14, finding 12): 40 fragments each
// spreading the next twice (2^40 paths) are refused after asking the schema
// a handful of questions (gqlgen's own walk asks 2^40).
func TestComplexityFragmentExplosion(t *testing.T) {
	s := mustSchema(t, complexitySDL)
	counting := &countingSchema{schema: s}
	c := &complexityLimit{limit: MaxComplexity}
	_ = c.Validate(complexitySchema{counting})
	oc := operationContext(t, s, fragmentChain(40), nil)
	err := c.MutateOperationContext(context.Background(), oc)
	if err == nil || err.Extensions["code"] != "QUERY_TOO_COMPLEX" {
		t.Fatalf("err = %v, want QUERY_TOO_COMPLEX", err)
	}
	if counting.calls > 100 {
		t.Fatalf("%d complexity questions for 40 fragments, want at most 100", counting.calls)
	}
}

// TestComplexityHonoursTheContext: a request that has ended is not measured.
func TestComplexityHonoursTheContext(t *testing.T) {
	s := mustSchema(t, complexitySDL)
	c := &complexityLimit{limit: MaxComplexity}
	_ = c.Validate(complexitySchema{&countingSchema{schema: s}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.MutateOperationContext(ctx, operationContext(t, s, `{ n }`, nil)); err == nil {
		t.Fatal("an ended request was measured and let through")
	}
}
