package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// maxEntityRepresentations bounds the representations of one operation's
// _entities (all aliases together), as nodes(ids:) is bounded to 100 IDs.
const maxEntityRepresentations = 100

// entitiesLimit is a gqlgen extension that refuses, before anything
// resolves, an operation asking _entities for more than
// maxEntityRepresentations representations (a federation gateway batches
// far fewer, and thousands would hold the database pool for everyone) or
// for a malformed one: not an object, no __typename naming an entity type
// of the schema (a type with @key), or without the fields of one of its
// keys. Those are the client's mistakes (BAD_USER_INPUT, logged at Info),
// not faults of the server's entity resolvers.
type entitiesLimit struct {
	log *slog.Logger
	// keys maps each entity type to its keys, each a list of field → the
	// name of the field's type (only keys of top-level fields are checked).
	keys map[string][]map[string]string
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &entitiesLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (*entitiesLimit) ExtensionName() string { return "EntitiesLimit" }

// Validate implements graphql.HandlerExtension: it reads the entity types
// and their @key fields from the schema.
func (e *entitiesLimit) Validate(es graphql.ExecutableSchema) error {
	e.keys = map[string][]map[string]string{}
	for _, def := range es.Schema().Types {
		for _, d := range def.Directives.ForNames("key") {
			arg := d.Arguments.ForName("fields")
			if arg == nil || arg.Value == nil {
				continue
			}
			key := map[string]string{}
			if !strings.ContainsAny(arg.Value.Raw, "{}") {
				for _, name := range strings.Fields(arg.Value.Raw) {
					if f := def.Fields.ForName(name); f != nil {
						key[name] = f.Type.Name()
					}
				}
			}
			e.keys[def.Name] = append(e.keys[def.Name], key)
		}
	}
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (e *entitiesLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Operation
	if op == nil || op.Operation != ast.Query {
		return nil
	}
	roots, _ := newSelections(oc.Doc).fields(op.SelectionSet)
	var reps []any
	for _, f := range roots {
		if f.Name == "_entities" {
			r, _ := f.ArgumentMap(oc.Variables)["representations"].([]any)
			reps = append(reps, r...)
		}
	}
	if n := len(reps); n > maxEntityRepresentations {
		return clientMistake(ctx, e.log, apperr.BadUserInput,
			fmt.Sprintf("_entities takes at most %d representations per request; this one has %d", maxEntityRepresentations, n))
	}
	for i, rep := range reps {
		if msg := e.malformed(rep); msg != "" {
			return clientMistake(ctx, e.log, apperr.BadUserInput, fmt.Sprintf("_entities representation %d: %s", i, msg))
		}
	}
	return nil
}

// malformed says what is wrong with one representation ("" when nothing).
func (e *entitiesLimit) malformed(rep any) string {
	m, ok := rep.(map[string]any)
	if !ok {
		return "must be an object"
	}
	typeName, ok := m["__typename"].(string)
	if !ok {
		return "__typename must be a string"
	}
	keys, ok := e.keys[typeName]
	if !ok {
		return "__typename must name an entity type"
	}
	for _, key := range keys {
		if hasKey(m, key) {
			return ""
		}
	}
	return "the fields of a @key of " + typeName + " are missing or of the wrong type"
}

func hasKey(m map[string]any, key map[string]string) bool {
	for field, typ := range key {
		v := m[field]
		_, isString := v.(string)
		switch {
		case isString && (typ == "String" || typ == "ID"):
		case number(v) && (typ == "Int" || typ == "Float" || typ == "ID"):
		default:
			return false
		}
	}
	return true
}

// clientMistake is the refusal of a request for a client's mistake: logged
// at Info (it is no fault of the server), answered with code.
func clientMistake(ctx context.Context, log *slog.Logger, code apperr.Code, msg string) *gqlerror.Error {
	if log != nil {
		log.InfoContext(ctx, "request refused", "request_id", reqmeta.FromContext(ctx).RequestID,
			"code", string(code), "reason", msg)
	}
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": string(code)}
	return err
}
