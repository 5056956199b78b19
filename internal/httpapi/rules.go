package httpapi

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
)

// The schema directives that carry transport rules (schema/base.graphqls).
const (
	directivePublicCache = "publicCache"
	directiveAuthAttempt = "authAttempt"
	directiveViewer      = "viewerDependent"
)

// schemaRules are the transport rules the schema declares, read once at
// start from the executable schema: which Query fields are public reference
// data (@publicCache) and which mutations are authentication attempts
// (@authAttempt).
type schemaRules struct {
	publicCache map[string]bool
	// authAttempts are the @authAttempt mutations in schema order.
	authAttempts []string
	authAttempt  map[string]bool
	// viewerDependent are the names of the @viewerDependent fields (of any
	// type: a same-named field elsewhere only costs a cache miss).
	viewerDependent map[string]bool
}

// readSchemaRules reads the directives from s. A directive on a field of the
// wrong root type is an error: it would silently mean nothing.
func readSchemaRules(s *ast.Schema) (schemaRules, error) {
	r := schemaRules{publicCache: map[string]bool{"__typename": true}, authAttempt: map[string]bool{}, viewerDependent: map[string]bool{}}
	if s == nil {
		return r, fmt.Errorf("no schema to read the transport rules from")
	}
	for _, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		for _, f := range def.Fields {
			if f.Directives.ForName(directivePublicCache) != nil {
				if def != s.Query {
					return r, fmt.Errorf("@%s on %s.%s: only Query fields may be publicly cached", directivePublicCache, def.Name, f.Name)
				}
				r.publicCache[f.Name] = true
			}
			if f.Directives.ForName(directiveViewer) != nil {
				r.viewerDependent[f.Name] = true
			}
			if f.Directives.ForName(directiveAuthAttempt) != nil && def != s.Mutation {
				return r, fmt.Errorf("@%s on %s.%s: only mutations are authentication attempts", directiveAuthAttempt, def.Name, f.Name)
			}
		}
	}
	if s.Mutation != nil {
		for _, f := range s.Mutation.Fields {
			if f.Directives.ForName(directiveAuthAttempt) != nil {
				r.authAttempts = append(r.authAttempts, f.Name)
				r.authAttempt[f.Name] = true
			}
		}
	}
	return r, nil
}

// publicQuery reports whether op is a query whose root fields are all
// @publicCache (the same answer for every anonymous caller).
func (r schemaRules) publicQuery(doc *ast.QueryDocument, op *ast.OperationDefinition) bool {
	if op == nil || op.Operation != ast.Query {
		return false
	}
	fields, complete := newSelections(doc).fields(op.SelectionSet)
	if !complete || len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if !r.publicCache[f.Name] {
			return false
		}
	}
	return true
}

// selectsViewerDependent reports whether op selects a @viewerDependent field
// anywhere (through fragments, at any depth).
func (r schemaRules) selectsViewerDependent(doc *ast.QueryDocument, op *ast.OperationDefinition) bool {
	if op == nil || len(r.viewerDependent) == 0 {
		return false
	}
	return newSelections(doc).anyField(op.SelectionSet, func(f *ast.Field) bool { return r.viewerDependent[f.Name] })
}

// countAuthAttempts counts the root fields of op that are @authAttempt
// mutations (aliases and fragments included).
func (r schemaRules) countAuthAttempts(sel *selections, op *ast.OperationDefinition) int {
	if op == nil || op.Operation != ast.Mutation {
		return 0
	}
	fields, _ := sel.fields(op.SelectionSet)
	n := 0
	for _, f := range fields {
		if r.authAttempt[f.Name] {
			n++
		}
	}
	return n
}
