package generated

// Hand-written (not generated): checks the writers internal/tools/gqlgenerate
// puts in plainfieldset.go against gqlgen's own.

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// The plain leaf writers write what graphql's marshallers write, byte for byte.
func TestPlainLeavesWriteWhatGraphqlWrites(t *testing.T) {
	t.Parallel()
	write := func(m graphql.Marshaler) string {
		var b bytes.Buffer
		b.WriteString("x") // after other output, as in a response
		m.MarshalGQL(&b)
		return b.String()
	}
	// Through a writer that is not the executor's *bytes.Buffer.
	writeOther := func(m graphql.Marshaler) string {
		var b strings.Builder
		m.MarshalGQL(&b)
		return "x" + b.String()
	}
	for _, s := range []string{"", "Cấp lại thẻ BHYT", "a\"b\\c\nd\re\tf\x00\x01\x1f\x7f", "<&>", "\u2028", "\xff\xfe invalid utf-8", "🙂", "ĐĂNG KÝ\x1f\"Ý\\"} {
		v := s
		if got, want := write((*plainString)(&v)), write(graphql.MarshalString(s)); got != want {
			t.Errorf("string %q: got %s, want %s", s, got, want)
		}
		if got, want := write(plainEnum(s)), write(graphql.MarshalString(s)); got != want {
			t.Errorf("enum name %q: got %s, want %s", s, got, want)
		}
	}
	for _, n := range []int{0, 1, -1, 42, math.MaxInt, math.MinInt} {
		v := n
		want := write(graphql.MarshalInt(n))
		if got := write((*plainInt)(&v)); got != want {
			t.Errorf("int %d: got %s, want %s", n, got, want)
		}
		if got := writeOther((*plainInt)(&v)); got != want {
			t.Errorf("int %d through another writer: got %s, want %s", n, got, want)
		}
		v64 := int64(n)
		if got, want := write((*plainInt64)(&v64)), write(graphql.MarshalInt64(int64(n))); got != want {
			t.Errorf("int64 %d: got %s, want %s", n, got, want)
		}
	}
	for _, b := range []bool{false, true} {
		v := b
		if got, want := write((*plainBoolean)(&v)), write(graphql.MarshalBoolean(b)); got != want {
			t.Errorf("bool %v: got %s, want %s", b, got, want)
		}
	}
}

// A plain field set writes what graphql.FieldSet writes, for no, few and
// more fields than it holds inline.
func TestPlainFieldSetWritesWhatFieldSetWrites(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3, 8, 9, 20} {
		var fields []graphql.CollectedField
		for i := range n {
			fields = append(fields, graphql.CollectedField{Field: &ast.Field{Alias: "f" + string(rune('a'+i))}})
		}
		plain, general := newPlainFieldSet(fields), graphql.NewFieldSet(fields)
		for i := range n {
			plain.Values[i] = graphql.MarshalInt(i)
			general.Values[i] = graphql.MarshalInt(i)
		}
		var got, want bytes.Buffer
		plain.MarshalGQL(&got)
		general.MarshalGQL(&want)
		if got.String() != want.String() {
			t.Errorf("%d fields: got %s, want %s", n, got.String(), want.String())
		}
	}
}
