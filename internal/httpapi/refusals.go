package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// introspectionOff refuses, before anything resolves, an operation that
// asks for the schema (__schema, __type, federation's _service) on a server
// with introspection off (production): FORBIDDEN, logged at Info. Without it
// gqlgen answers each such field with an error the presenter can only take
// for a fault of the server. __typename stays allowed.
type introspectionOff struct{ log *slog.Logger }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = introspectionOff{}

// ExtensionName implements graphql.HandlerExtension.
func (introspectionOff) ExtensionName() string { return "IntrospectionOff" }

// Validate implements graphql.HandlerExtension.
func (introspectionOff) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (x introspectionOff) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return nil
	}
	roots, _ := newSelections(oc.Doc).fields(oc.Operation.SelectionSet)
	for _, f := range roots {
		switch f.Name {
		case "__schema", "__type", "_service":
			return clientMistake(ctx, x.log, apperr.Forbidden, "introspection is disabled on this server")
		}
	}
	return nil
}

// strictVariables applies the spec's input coercion where gqlparser is
// lenient: an Int or Float variable (or one inside a list or an input
// object) sent as a JSON string is refused, not parsed ("5" is not 5).
type strictVariables struct{ schema *ast.Schema }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &strictVariables{}

// ExtensionName implements graphql.HandlerExtension.
func (*strictVariables) ExtensionName() string { return "StrictVariables" }

// Validate implements graphql.HandlerExtension.
func (s *strictVariables) Validate(es graphql.ExecutableSchema) error {
	s.schema = es.Schema()
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (s *strictVariables) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	for _, def := range oc.Operation.VariableDefinitions {
		v, ok := oc.Variables[def.Variable]
		if !ok {
			continue
		}
		if path, typ := s.stringForNumber(def.Type, v, "$"+def.Variable, 0); path != "" {
			err := gqlerror.Errorf("variable %s: %s cannot represent a string; send a JSON number", path, typ)
			errcode.Set(err, errcode.ValidationFailed)
			err.Extensions["code"] = string(apperr.BadUserInput)
			return err
		}
	}
	return nil
}

// stringForNumber returns the path and type of the first string given for
// an Int or Float within v, of type typ.
func (s *strictVariables) stringForNumber(typ *ast.Type, v any, path string, depth int) (string, string) {
	if v == nil || depth > 32 {
		return "", ""
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return s.stringForNumber(typ.Elem, v, path, depth+1) // a single value for a list
		}
		for i, e := range list {
			if p, t := s.stringForNumber(typ.Elem, e, fmt.Sprintf("%s[%d]", path, i), depth+1); p != "" {
				return p, t
			}
		}
		return "", ""
	}
	def := s.schema.Types[typ.NamedType]
	if def == nil {
		return "", ""
	}
	switch def.Kind {
	case ast.Scalar:
		if _, isString := v.(string); isString && (def.Name == "Int" || def.Name == "Float") {
			return path, def.Name
		}
	case ast.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return "", ""
		}
		for _, f := range def.Fields {
			if p, t := s.stringForNumber(f.Type, m[f.Name], path+"."+f.Name, depth+1); p != "" {
				return p, t
			}
		}
	}
	return "", ""
}

// number reports whether v is a JSON number as the transports decode it.
func number(v any) bool {
	switch v.(type) {
	case json.Number, float64, int, int64:
		return true
	}
	return false
}
