package app

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// TestContractOperationsListed: every operation of the client contract
// (../shared/contract, next/ included) is in contractOperations with its
// type and root fields, and the list names nothing else, so the metrics
// label every contract operation by its name.
func TestContractOperationsListed(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "contract")
	files, _ := filepath.Glob(filepath.Join(dir, "*.graphql"))
	next, _ := filepath.Glob(filepath.Join(dir, "next", "*.graphql"))
	files = append(files, next...)
	if len(files) == 0 {
		t.Fatalf("no contract files in %s: the shared folder must sit beside the repository", dir)
	}
	seen := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, perr := parser.ParseQuery(&ast.Source{Name: f, Input: string(src)})
		if perr != nil {
			t.Fatalf("parse %s: %v", f, perr)
		}
		for _, op := range doc.Operations {
			seen[op.Name] = true
			want, ok := contractOperations[op.Name]
			if !ok {
				t.Errorf("%s: operation %s is not in contractOperations", filepath.Base(f), op.Name)
				continue
			}
			var fields []string
			for _, sel := range op.SelectionSet {
				if fl, ok := sel.(*ast.Field); ok {
					fields = append(fields, fl.Name)
				}
			}
			if string(op.Operation) != want.Type || len(fields) != len(want.Fields) {
				t.Errorf("%s: listed %s %v, contract %s %v", op.Name, want.Type, want.Fields, op.Operation, fields)
				continue
			}
			for i := range fields {
				if fields[i] != want.Fields[i] {
					t.Errorf("%s: root fields listed %v, contract %v", op.Name, want.Fields, fields)
				}
			}
		}
	}
	for name := range contractOperations {
		if !seen[name] {
			t.Errorf("contractOperations lists %s, which no contract file has", name)
		}
	}
}
