package httpapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func mustSchema(t *testing.T, sdl string) *ast.Schema {
	t.Helper()
	const directives = `directive @publicCache on FIELD_DEFINITION | OBJECT
directive @authAttempt on FIELD_DEFINITION
directive @viewerDependent on FIELD_DEFINITION
`
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "test.graphqls", Input: directives + sdl})
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	return s
}

func mustQuery(t *testing.T, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatalf("parse %q: %v", q, err)
	}
	return doc
}

func TestSelectionsFields(t *testing.T) {
	for _, tc := range []struct {
		name     string
		query    string
		want     string // field names (aliases as written) in order
		complete bool
	}{
		{"plain", `{ a b: a c }`, "a a c", true},
		{"inline fragment", `{ a ... on Q { b ... { c } } }`, "a b c", true},
		{"named fragment", `{ a ...F } fragment F on Q { b }`, "a b", true},
		{"nested named fragments", `{ ...F } fragment F on Q { a ...G } fragment G on Q { b ... on Q { ...H } } fragment H on Q { c }`, "a b c", true},
		{"a fragment spread twice counts once", `{ ...F ...F ... on Q { ...F } } fragment F on Q { a }`, "a", true},
		{"a fragment reached twice counts once", `{ ...F ...G } fragment F on Q { ...G } fragment G on Q { a }`, "a", true},
		{"cycle ends", `{ ...F } fragment F on Q { a ...F }`, "a", true},
		{"unknown fragment", `{ a ...Nope }`, "a", false},
		{"nested fields are not root fields", `{ a { b c } }`, "a", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustQuery(t, tc.query)
			fields, complete := newSelections(doc).fields(doc.Operations[0].SelectionSet)
			names := make([]string, len(fields))
			for i, f := range fields {
				names[i] = f.Name
			}
			if got := strings.Join(names, " "); got != tc.want || complete != tc.complete {
				t.Fatalf("fields = %q complete %v, want %q complete %v", got, complete, tc.want, tc.complete)
			}
		})
	}
}

// TestSelectionsReadEachFragmentOnce: a document whose fragments each spread
// the next one many times (the fragment-spread explosion) is read once per
// fragment, not once per path.
func TestSelectionsReadEachFragmentOnce(t *testing.T) {
	const levels, fanout = 30, 10
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Q { a%d", i, i)
		for j := 0; j < fanout && i+1 < levels; j++ {
			fmt.Fprintf(&b, " ...F%d", i+1)
		}
		b.WriteString(" }\n")
	}
	doc := mustQuery(t, b.String())
	s := newSelections(doc)
	fields, complete := s.fields(doc.Operations[0].SelectionSet)
	if len(fields) != levels || !complete {
		t.Fatalf("fields = %d complete %v, want %d complete true", len(fields), complete, levels)
	}
	if got := len(s.frags); got != levels {
		t.Fatalf("fragments read = %d, want %d (each once)", got, levels)
	}
}

// TestSelectsViewerDependent: a @viewerDependent field is found at any
// depth, through inline fragments and named fragments.
func TestSelectsViewerDependent(t *testing.T) {
	rules, err := readSchemaRules(mustSchema(t, `
type Query { service(code: String!): Service @publicCache services: [Service!]! @publicCache }
type Service { code: String! draftVersion: Int @viewerDependent agency: Agency! }
type Agency { code: String! }
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  bool
	}{
		{`{ service(code: "A") { code agency { code } } }`, false},
		{`{ service(code: "A") { draftVersion } }`, true},
		{`{ services { ... on Service { draftVersion } } }`, true},
		{`query { services { ...S } } fragment S on Service { agency { code } ...D } fragment D on Service { draftVersion }`, true},
		{`query { services { ...S ...S } } fragment S on Service { code }`, false},
	} {
		doc := mustQuery(t, tc.query)
		if got := rules.selectsViewerDependent(doc, doc.Operations[0]); got != tc.want {
			t.Errorf("%s: selectsViewerDependent = %v, want %v", tc.query, got, tc.want)
		}
	}
}
