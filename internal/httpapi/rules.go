package httpapi

import (
	"fmt"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/dvcportal/dvcportal/internal/relay"
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
	// publicTypes are the Node types whose objects are public (@publicCache
	// on the type): node/nodes of only these IDs are public root fields.
	publicTypes map[string]bool
	// nodeFetchers are the Relay root fields of the schema that fetch by
	// global ID (node, nodes), with the name of their ID argument.
	nodeFetchers map[string]string
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
	r := schemaRules{publicCache: map[string]bool{"__typename": true}, authAttempt: map[string]bool{}, viewerDependent: map[string]bool{},
		publicTypes: map[string]bool{}, nodeFetchers: map[string]string{}}
	if s == nil {
		return r, fmt.Errorf("no schema to read the transport rules from")
	}
	for _, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		if def.Directives.ForName(directivePublicCache) != nil {
			if !slices.Contains(def.Interfaces, nodeInterface) {
				return r, fmt.Errorf("@%s on type %s: only Node types may be public by type", directivePublicCache, def.Name)
			}
			r.publicTypes[def.Name] = true
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
	if s.Query != nil {
		for name, arg := range relayFetchers {
			if f := s.Query.Fields.ForName(name); f != nil && f.Arguments.ForName(arg) != nil {
				r.nodeFetchers[name] = arg
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

// nodeInterface is the Relay interface of objects fetchable by global ID.
const nodeInterface = "Node"

// relayFetchers are the Relay root fields that fetch objects by global ID
// and their ID argument (schema/base.graphqls).
var relayFetchers = map[string]string{"node": "id", "nodes": "ids"}

// publicQuery reports whether op is a query whose root fields are all
// @publicCache (the same answer for every anonymous caller) or node/nodes.
// ids are the ID arguments of those node/nodes fields that are not known to
// be public from the document alone: the query is public for a request only
// if publicIDs holds for them with its variables. A literal ID of another
// type makes the query private outright.
func (r schemaRules) publicQuery(doc *ast.QueryDocument, op *ast.OperationDefinition) (public bool, ids []*ast.Value) {
	if op == nil || op.Operation != ast.Query {
		return false, nil
	}
	fields, complete := newSelections(doc).fields(op.SelectionSet)
	if !complete || len(fields) == 0 {
		return false, nil
	}
	for _, f := range fields {
		if r.publicCache[f.Name] {
			continue
		}
		argName, ok := r.nodeFetchers[f.Name]
		if !ok {
			return false, nil
		}
		arg := f.Arguments.ForName(argName)
		if arg == nil || arg.Value == nil {
			return false, nil
		}
		switch public, constant := r.publicIDs(arg.Value, nil, op); {
		case !constant:
			ids = append(ids, arg.Value)
		case !public:
			return false, nil
		}
	}
	return true, ids
}

// publicIDs reports whether every global ID v names (a literal, a variable,
// a list of them; a variable's value from vars, else its default) is of a
// public type. constant is false when v uses a variable and vars is nil
// (the answer depends on the request). Anything else than IDs of public
// types (another type, a malformed ID, a value of the wrong shape) is not
// public: the request takes the private path, where gqlgen answers it.
func (r schemaRules) publicIDs(v *ast.Value, vars map[string]any, op *ast.OperationDefinition) (public, constant bool) {
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		return r.publicID(v.Raw), true
	case ast.ListValue:
		constant = true
		for _, c := range v.Children {
			p, k := r.publicIDs(c.Value, vars, op)
			if k && !p {
				return false, true
			}
			constant = constant && k
		}
		return true, constant
	case ast.Variable:
		if vars == nil {
			return false, false
		}
		if val, ok := vars[v.Raw]; ok {
			return r.publicJSONIDs(val), true
		}
		if def := op.VariableDefinitions.ForName(v.Raw); def != nil && def.DefaultValue != nil {
			return r.publicIDs(def.DefaultValue, vars, op)
		}
		return false, true
	default:
		return false, true
	}
}

// publicJSONIDs is publicIDs for a variable's JSON value: an ID or a list
// of IDs.
func (r schemaRules) publicJSONIDs(v any) bool {
	switch v := v.(type) {
	case string:
		return r.publicID(v)
	case []any:
		for _, e := range v {
			if !r.publicJSONIDs(e) {
				return false
			}
		}
		return true
	default:
		return false
	}
}

// publicID reports whether the global ID id is of a public type (the type
// name inside a global ID is its GraphQL type's name: internal/relay).
func (r schemaRules) publicID(id string) bool {
	typeName, _, err := relay.DecodeID(id)
	return err == nil && r.publicTypes[typeName]
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
