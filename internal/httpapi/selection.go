package httpapi

import "github.com/vektah/gqlparser/v2/ast"

// selections flattens the selection sets of one document: the fields a set
// selects at its own level, looking through inline fragments and fragment
// spreads. It is the one walker behind every rule about what an operation
// selects (the response cache, the auth-attempt limit, the shape limits).
//
// Each named fragment is read once per document (memoised) and contributes
// its fields once to a set however often it is spread, directly or through
// other fragments: GraphQL merges a repeated spread into one selection, and a
// document spreading fragments many times over costs its size, not the
// product of its spreads. Cycles (refused by validation anyway) end.
type selections struct {
	doc   *ast.QueryDocument
	frags map[string]*fragment
}

// fragment is one named fragment read once: the fields it selects at its own
// level (through inline fragments) and the fragments it spreads there.
type fragment struct {
	fields  []*ast.Field
	spreads []string
	defined bool
}

func newSelections(doc *ast.QueryDocument) *selections {
	return &selections{doc: doc, frags: map[string]*fragment{}}
}

// fields returns the fields set selects at its own level. complete is false
// when a spread names a fragment the document does not define.
func (s *selections) fields(set ast.SelectionSet) (fields []*ast.Field, complete bool) {
	fields, queue := collect(set, nil, nil)
	complete = true
	seen := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		f := s.fragment(name)
		if !f.defined {
			complete = false
			continue
		}
		fields = append(fields, f.fields...)
		queue = append(queue, f.spreads...)
	}
	return fields, complete
}

// anyField reports whether match holds for a field set selects at any depth
// (each field node visited once, however often its fragment is spread).
func (s *selections) anyField(set ast.SelectionSet, match func(*ast.Field) bool) bool {
	seen := map[*ast.Field]bool{}
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		fields, _ := s.fields(set)
		for _, f := range fields {
			if seen[f] {
				continue
			}
			seen[f] = true
			if match(f) || walk(f.SelectionSet) {
				return true
			}
		}
		return false
	}
	return walk(set)
}

func (s *selections) fragment(name string) *fragment {
	if f, ok := s.frags[name]; ok {
		return f
	}
	f := &fragment{}
	if s.doc != nil {
		if def := s.doc.Fragments.ForName(name); def != nil {
			f.defined = true
			f.fields, f.spreads = collect(def.SelectionSet, nil, nil)
		}
	}
	s.frags[name] = f
	return f
}

// collect appends the fields of set (through inline fragments) and the names
// of the fragments it spreads.
func collect(set ast.SelectionSet, fields []*ast.Field, spreads []string) ([]*ast.Field, []string) {
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			fields = append(fields, x)
		case *ast.InlineFragment:
			fields, spreads = collect(x.SelectionSet, fields, spreads)
		case *ast.FragmentSpread:
			spreads = append(spreads, x.Name)
		}
	}
	return fields, spreads
}
