package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func nest(depth int) string {
	return strings.Repeat("a { ", depth-1) + "b" + strings.Repeat(" }", depth-1)
}

func TestShapeLimit(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		refuse bool
	}{
		{"depth 12", "{ " + nest(12) + " }", false},
		{"depth 13", "{ " + nest(13) + " }", true},
		{"depth 13 through a fragment", "{ a { ...F } } fragment F on T { " + nest(12) + " }", true},
		{"introspection may nest", "{ __schema { " + nest(14) + " } }", false},
		{"15 aliases", "{ " + strings.Repeat("x: f ", 15) + "}", false},
		{"16 aliases", "{ " + strings.Repeat("x: f ", 16) + "}", true},
		{"16 aliases spread over fragments", "{ ...A ...B } fragment A on Q { " + strings.Repeat("x: f ", 8) + "} fragment B on Q { " + strings.Repeat("y: f ", 8) + "}", true},
		{"16 aliases nested", "{ a { " + strings.Repeat("x: f ", 16) + "} }", true},
		{"30 root fields", "{ " + strings.Repeat("a b c ", 10) + "}", false},
		{"31 root fields", "{ " + strings.Repeat("a b c ", 10) + "d }", true},
		{"fragment cycle does not loop", "{ ...A } fragment A on Q { a { ...A } }", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]}
			gerr := shapeLimit{}.MutateOperationContext(context.Background(), oc)
			if (gerr != nil) != tt.refuse {
				t.Fatalf("refused = %v (%v), want %v", gerr != nil, gerr, tt.refuse)
			}
			if gerr != nil && gerr.Extensions["code"] != "QUERY_TOO_COMPLEX" {
				t.Fatalf("code = %v", gerr.Extensions["code"])
			}
		})
	}
}

func TestIntArg(t *testing.T) {
	tests := []struct {
		in   any
		want int
	}{
		{int64(100), 100}, {100, 100}, {float64(20), 20}, {json.Number("50"), 50},
		{int64(-5), 0}, {nil, 0}, {"100", 0}, {int64(1 << 40), 1 << 20},
	}
	for _, tt := range tests {
		if got := intArg(tt.in); got != tt.want {
			t.Errorf("intArg(%#v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestShapeLimitFragmentExplosion: fragments that each spread the next one
// twice (2^25 paths) are measured once per field, not once per path.
func TestShapeLimitFragmentExplosion(t *testing.T) {
	const levels = 25
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Q { f%d { x } ", i, i)
		if i+1 < levels {
			fmt.Fprintf(&b, "...F%d ...F%d ", i+1, i+1)
		}
		b.WriteString("}\n")
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	gerr := shapeLimit{}.MutateOperationContext(context.Background(), &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0]})
	if gerr != nil {
		t.Fatalf("refused: %v; want accepted (25 root fields, depth 2)", gerr)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("measuring took %v, want well under a second", d)
	}
}
