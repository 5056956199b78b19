package main

import (
	_ "embed"
	"errors"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/codegen"
	"github.com/vektah/gqlparser/v2/ast"
)

// direct are the GraphQL object types of the catalogue page whose plain
// fields are read and marshalled directly, without gqlgen's per-field
// machinery: the sequential reference types plus the page's own
// connection, edge, page info, processing time and service.
//
// What gqlgen does for every field of every object (graphql.ResolveField):
// allocate a FieldContext, put it in a new context, build a closure chain
// through the field middleware, box the value in an interface twice, then
// marshal; and for every object a DeferredGroup (which computes the
// object's whole path) and a FieldSet whose MarshalGQL allocates a map and
// one CollectedField copy per field. For a field that is a plain struct
// field (no resolver, no context, no arguments, no runtime directive) all
// of that is observable only through a field middleware, and the portal
// installs none (internal/httpapi TestNoFieldMiddleware keeps it so). So:
//   - a leaf field (built-in scalar or enum, not a non-null pointer) is
//     marshalled straight from the struct field: no FieldContext;
//   - an object or list field keeps a FieldContext (its children's paths
//     and errors need it) but skips the middleware chain and the boxing,
//     and its FieldContext has no Child function (a closure per field that
//     only a resolver inspecting its children's arguments would call: the
//     fields below a direct type have none) and no Result (the value boxed
//     in an interface, an allocation, for field middleware to read);
//   - an object type without concurrent fields (none of them can be
//     deferred) gets no DeferredGroup and a plainFieldSet (same output,
//     written without the per-object map; gqlgen's CollectFields already
//     merges fields of the same response name), whose collected fields are
//     remembered per operation by the selection set's identity
//     (collectedFields: gqlgen's own cache builds a hashed key, an
//     allocation, at every object).
//
// Every other field and type keeps gqlgen's generated code.
var direct = map[string]bool{
	"PageInfo": true, "ProcessingTime": true, "Service": true, "ServiceConnection": true,
}

func init() {
	for name := range sequential {
		direct[name] = true
	}
}

// inline are direct types whose only concurrent fields are Go methods of
// the view taking a context to read the actor, without I/O
// (Service.draftVersion is ServiceView.DraftVersion(ctx)): gqlgen would
// give each object a DeferredGroup and a concurrent FieldSet for them; here
// they run in line, as a mutation's fields do (the schema has no @defer).
// A resolver field on one of them makes generation fail.
var inline = map[string]bool{"Service": true}

// builtinScalars are the leaf types whose marshallers cannot fail.
var builtinScalars = map[string]bool{"String": true, "Int": true, "Float": true, "Boolean": true, "ID": true}

// directFields is the gqlgen plugin that finds the direct fields and types.
type directFields struct {
	leaves  []string          // _Type_field functions marshalled without a FieldContext
	refs    map[string]string // of the leaves, those written from a pointer to the field: the plain type
	objects []string          // _Type_field functions that skip the middleware chain
	sets    []string          // _Type functions that get a plainFieldSet
}

func (*directFields) Name() string { return "directfields" }

// GenerateCode runs before gqlgen writes the code: it only reads data.
func (d *directFields) GenerateCode(data *codegen.Data) error {
	found := map[string]bool{}
	for _, o := range data.Objects {
		if !direct[o.Name] || o.Kind != ast.Object {
			continue
		}
		found[o.Name] = true
		if inline[o.Name] {
			for _, f := range o.Fields {
				if f.IsResolver || f.Stream {
					return fmt.Errorf("%s.%s has a resolver: %s cannot resolve its fields in line", o.Name, f.Name, o.Name)
				}
			}
			o.DisableConcurrency = true
		}
		concurrent := false
		for _, f := range o.Fields {
			if f.IsConcurrent() || f.Stream {
				concurrent = true
			}
			if !plainField(f) {
				continue
			}
			fn := "_" + o.Name + "_" + f.Name
			def := f.TypeReference.Definition
			switch {
			case def.Kind == ast.Enum || def.Kind == ast.Scalar && builtinScalars[def.Name]:
				if f.TypeReference.GQL.NonNull && f.TypeReference.IsPtr() {
					continue // a nil value is an error with the field's path
				}
				d.leaves = append(d.leaves, fn)
				if ref := plainRef(f); ref != "" {
					if d.refs == nil {
						d.refs = map[string]string{}
					}
					d.refs[fn] = ref
				}
			case def.Kind == ast.Object:
				d.objects = append(d.objects, fn)
			}
		}
		if !concurrent {
			d.sets = append(d.sets, "_"+o.Name)
		}
	}
	var missing []string
	for name := range direct {
		if def := data.Schema.Types[name]; def != nil && def.Kind == ast.Enum {
			continue // a sequential enum: no fields
		}
		if !found[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("direct types not objects of the schema: %s", strings.Join(missing, ", "))
	}
	sort.Strings(d.leaves)
	sort.Strings(d.objects)
	sort.Strings(d.sets)
	return nil
}

// plainField reports whether f is a Go struct field read as it is: no
// resolver, no method, no arguments, no directive run at execution.
func plainField(f *codegen.Field) bool {
	return !f.IsResolver && f.IsVariable() && !f.MethodHasContext && !f.Stream &&
		len(f.Args) == 0 && !f.HasDirectives() && !f.IsBatch() && f.TypeReference != nil &&
		f.TypeReference.Definition != nil
}

// plainRef is the type of plainfieldset.go that writes f's value from a
// pointer to the struct field (no allocation), or "" when f's marshaller
// is called instead: built-in scalars held in the matching Go type.
func plainRef(f *codegen.Field) string {
	if f.TypeReference.IsPtr() || !f.TypeReference.GQL.NonNull {
		return ""
	}
	b, ok := f.TypeReference.GO.(*types.Basic)
	if !ok {
		return ""
	}
	switch def := f.TypeReference.Definition.Name; {
	case (def == "String" || def == "ID") && b.Kind() == types.String:
		return "plainString"
	case def == "Int" && b.Kind() == types.Int:
		return "plainInt"
	case def == "Int" && b.Kind() == types.Int64:
		return "plainInt64"
	case def == "Boolean" && b.Kind() == types.Bool:
		return "plainBoolean"
	}
	return ""
}

var (
	valueRe     = regexp.MustCompile(`\n\t\tfunc\(ctx context\.Context\) \(any, error\) \{\n\t\t\treturn (obj\.[A-Za-z0-9_]+), nil\n\t\t\},\n\t\tnil,\n`)
	marshalRe   = regexp.MustCompile(`\n\t\t\treturn (ec\.marshal[^(]+)\(ctx, selections, v\)\n`)
	fieldCtxRe  = regexp.MustCompile(`\n\t\t\treturn (ec\.fieldContext_[A-Za-z0-9_]+)\(ctx, field\)\n`)
	signatureRe = regexp.MustCompile(`^func \(ec \*executionContext\) [A-Za-z0-9_]+\(ctx context\.Context, field graphql\.CollectedField, obj [^)]+\) \(ret graphql\.Marshaler\) \{\n`)
)

var collectRe = regexp.MustCompile(`\tfields := graphql\.CollectFields\(ec\.OperationContext, sel, `)

const (
	execContext          = "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}\n"
	execContextCollected = "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tcollected collectedFields // of the plain field sets: see plainfieldset.go\n}\n"
)

// rewrite replaces the found functions' bodies in the generated code and
// writes plainFieldSet next to it.
func (d *directFields) rewrite(execFile string) error {
	src, err := os.ReadFile(execFile)
	if err != nil {
		return err
	}
	code := string(src)
	changed := 0
	edit := func(name string, f func(body string) (string, error)) error {
		head := "func (ec *executionContext) " + name + "("
		start := strings.Index(code, "\n"+head)
		if start < 0 {
			return nil // a field gqlgen did not generate (not selected anywhere)
		}
		start++
		end := start + strings.Index(code[start:], "\n}\n") + 3
		out, err := f(code[start:end])
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		code = code[:start] + out + code[end:]
		changed++
		return nil
	}
	parts := func(body string) (sig, value, marshal, fieldCtx string, err error) {
		s, v, m, c := signatureRe.FindString(body), valueRe.FindStringSubmatch(body), marshalRe.FindStringSubmatch(body), fieldCtxRe.FindStringSubmatch(body)
		if s == "" || v == nil || m == nil || c == nil || !strings.Contains(body, "graphql.ResolveField(") {
			return "", "", "", "", errors.New("not the shape gqlgen generated before: has gqlgen changed?")
		}
		return s, v[1], m[1], c[1], nil
	}
	for _, name := range d.leaves {
		if err := edit(name, func(body string) (string, error) {
			sig, value, marshal, _, err := parts(body)
			if err != nil {
				return "", err
			}
			if ref := d.refs[name]; ref != "" {
				return sig + "\t// A plain leaf field: see internal/tools/gqlgenerate/direct.go.\n" +
					"\treturn (*" + ref + ")(&" + value + ")\n}\n", nil
			}
			return sig + "\t// A plain leaf field: see internal/tools/gqlgenerate/direct.go.\n" +
				"\treturn " + marshal + "(ctx, field.Selections, " + value + ")\n}\n", nil
		}); err != nil {
			return err
		}
	}
	for _, name := range d.objects {
		if err := edit(name, func(body string) (string, error) {
			sig, value, marshal, _, err := parts(body)
			if err != nil {
				return "", err
			}
			object := strings.SplitN(name, "_", 3)[1]
			return sig + "\t// A plain object field: see internal/tools/gqlgenerate/direct.go.\n" +
				"\tfc := &graphql.FieldContext{Object: " + strconv.Quote(object) + ", Field: field}\n" +
				"\tctx = graphql.WithFieldContext(ctx, fc)\n" +
				"\tdefer func() {\n\t\tif r := recover(); r != nil {\n" +
				"\t\t\tec.Error(ctx, ec.Recover(ctx, r))\n\t\t\tret = graphql.Null\n\t\t}\n\t}()\n" +
				"\treturn " + marshal + "(ctx, field.Selections, " + value + ")\n}\n", nil
		}); err != nil {
			return err
		}
	}
	const (
		newSet      = "\tout := graphql.NewFieldSet(fields)\n"
		newDeferred = "\tdeferred := graphql.NewDeferredGroup(ctx)\n"
		deferBlock  = "\tif n := len(deferred.Defers); n > 0 {\n\t\tatomic.AddInt32(&ec.Deferred, int32(min(n, math.MaxInt32)))\n\t\tec.ProcessDeferredGroup(deferred)\n\t}\n\n"
	)
	for _, name := range d.sets {
		if err := edit(name, func(body string) (string, error) {
			if strings.Count(body, newSet) != 1 || strings.Count(body, newDeferred) != 1 || strings.Count(body, deferBlock) != 1 {
				return "", errors.New("not the shape gqlgen generated before: has gqlgen changed?")
			}
			collect := collectRe.FindString(body)
			if collect == "" {
				return "", errors.New("no graphql.CollectFields call: has gqlgen changed?")
			}
			body = strings.Replace(body, collect, "\tfields := ec.collected.get(ec.OperationContext, sel, ", 1)
			body = strings.Replace(body, newSet, "\tout := newPlainFieldSet(fields)\n", 1)
			body = strings.Replace(body, newDeferred, "", 1)
			body = strings.Replace(body, deferBlock, "", 1)
			if strings.Contains(body, "deferred") {
				return "", errors.New("uses its DeferredGroup: it cannot be a plain field set")
			}
			return body, nil
		}); err != nil {
			return err
		}
	}
	if changed == 0 {
		return errors.New("no direct field was rewritten: has gqlgen's generated code changed?")
	}
	// The plain field sets' collected fields, remembered per operation.
	if strings.Count(code, execContext) != 1 {
		return errors.New("executionContext is not the struct gqlgen generated before: has gqlgen changed?")
	}
	code = strings.Replace(code, execContext, execContextCollected, 1)
	if err := os.WriteFile(execFile, []byte(code), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(filepath.Dir(execFile), "plainfieldset.go"), []byte(plainFieldSetSource), 0o644)
}

// plainFieldSetSource is graph/generated/plainfieldset.go.
//
//go:embed plainfieldset.go.txt
var plainFieldSetSource string
