package contractops

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/parser"
)

// TestOperationsAreTheContracts: each document here is its contract
// operation (with the fragments it spreads), compared as printed by
// gqlparser's formatter, so whitespace and comments do not count and
// anything else does.
func TestOperationsAreTheContracts(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "contract")
	for _, c := range []struct{ file, name, doc string }{
		{"identity.graphql", "CreateCaptcha", CreateCaptcha},
		{"identity.graphql", "RegisterCitizen", RegisterCitizen},
		{"identity.graphql", "StartLogin", StartLogin},
		{"identity.graphql", "VerifyOtp", VerifyOtp},
		{"identity.graphql", "ResendOtp", ResendOtp},
		{"identity.graphql", "Logout", Logout},
		{"catalogue.graphql", "Catalogue", Catalogue},
		{"applications.graphql", "ReissueHealthCard", ReissueHealthCard},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatalf("the shared folder must sit beside the repository: %v", err)
			}
			want := printed(t, string(src), c.name)
			got := printed(t, c.doc, c.name)
			if got != want {
				t.Errorf("%s differs from contract/%s:\ngot:\n%s\nwant:\n%s", c.name, c.file, got, want)
			}
		})
	}
}

// printed parses src and prints its operation name with the fragments the
// operation spreads, directly or through other fragments.
func printed(t *testing.T, src, name string) string {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: src})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	op := doc.Operations.ForName(name)
	if op == nil {
		t.Fatalf("no operation %s", name)
	}
	out := &ast.QueryDocument{Operations: ast.OperationList{op}}
	seen := map[string]bool{}
	var spreads func(ast.SelectionSet)
	spreads = func(set ast.SelectionSet) {
		for _, s := range set {
			switch s := s.(type) {
			case *ast.Field:
				spreads(s.SelectionSet)
			case *ast.InlineFragment:
				spreads(s.SelectionSet)
			case *ast.FragmentSpread:
				if f := doc.Fragments.ForName(s.Name); f != nil && !seen[s.Name] {
					seen[s.Name] = true
					out.Fragments = append(out.Fragments, f)
					spreads(f.SelectionSet)
				}
			}
		}
	}
	spreads(op.SelectionSet)
	var b bytes.Buffer
	formatter.NewFormatter(&b).FormatQueryDocument(out)
	return b.String()
}
