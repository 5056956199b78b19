package graph_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/dvcportal/dvcportal/graph/generated"
)

// TestContractOperationsValidate: every operation the clients send
// (../shared/contract/*.graphql, the contracts of work that has landed from
// ../shared/contract/next/, and the portal's own web/src/graphql/*.graphql)
// validates against the served schema, so a rename or a dropped field breaks
// the build, not a client.
func TestContractOperationsValidate(t *testing.T) {
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "shared", "contract")
	files, err := filepath.Glob(filepath.Join(dir, "*.graphql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no contract files in %s (%v): the shared folder must sit beside the repository", dir, err)
	}
	// Landed from next/ (the files stay in the read-only shared folder).
	files = append(files, filepath.Join(dir, "next", "business.graphql"), filepath.Join(dir, "next", "payments.graphql"))
	web, err := filepath.Glob(filepath.Join(filepath.Dir(here), "..", "web", "src", "graphql", "*.graphql"))
	if err != nil || len(web) == 0 {
		t.Fatalf("no operations in web/src/graphql (%v)", err)
	}
	files = append(files, web...)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, perr := parser.ParseQuery(&ast.Source{Name: f, Input: string(src)})
			if perr != nil {
				t.Fatalf("parse: %v", perr)
			}
			if len(doc.Operations) == 0 {
				t.Fatal("no operations")
			}
			for _, e := range validator.ValidateWithRules(schema, doc, nil) {
				t.Errorf("%s", e.Error())
			}
		})
	}
}
