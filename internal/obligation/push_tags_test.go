package obligation

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// TestPushTagsAreTheirConstants: a struct tag cannot name a constant, so
// the push's tags spell out the kinds and bounds the rest of the package
// uses; they must say the same.
func TestPushTagsAreTheirConstants(t *testing.T) {
	tag := func(v any, field string) string {
		f, ok := reflect.TypeOf(v).FieldByName(field)
		if !ok {
			t.Fatalf("%T has no field %s", v, field)
		}
		return f.Tag.Get("validate")
	}
	for _, c := range []struct{ name, got, want string }{
		{"PushInput.Kind", tag(PushInput{}, "Kind"), tagKind},
		{"Line.Kind", tag(Line{}, "Kind"), tagLineKind},
		{"Line.Amount", tag(Line{}, "Amount"), "gt=0,max=" + strconv.FormatInt(maxAmount, 10)},
		{"PushInput.Lines", tag(PushInput{}, "Lines"), "required,min=1,max=" + strconv.Itoa(maxLines) + ",dive"},
		{"pushBatch.Obligations", tag(pushBatch{}, "Obligations"), "required,min=1,max=" + strconv.Itoa(maxPush) + ",dive"},
		{"cancelInput.SourceRefs", tag(cancelInput{}, "SourceRefs"), "required,min=1,max=" + strconv.Itoa(maxPush) + ",dive," + tag(PushInput{}, "SourceRef")},
	} {
		if c.got != c.want {
			t.Errorf("%s: validate:%q, want %q", c.name, c.got, c.want)
		}
	}
	for _, k := range []Kind{KindTax, KindElectricity, KindTrafficFine, KindApplicationFee} {
		if !k.Valid() {
			t.Errorf("%s is not a valid kind", k)
		}
	}
	for _, k := range []LineKind{LinePrincipal, LineLateCharge, LineFee, LinePostage, LineTax} {
		if !k.Valid() {
			t.Errorf("%s is not a valid line kind", k)
		}
	}
	if Kind("").Valid() || Kind("tax").Valid() || LineKind("BONUS").Valid() {
		t.Error("an unknown kind is valid")
	}
}

// TestPushRulesGraphQLCannotSend: what a Go caller (or a partner's lookup
// answer) can send but the GraphQL enums refuse before Upsert: an unknown
// kind or line kind, an empty non-nil list of lines. Each is one userError
// at its path.
func TestPushRulesGraphQLCannotSend(t *testing.T) {
	ok := PushInput{Kind: KindTax, SourceRef: "LPTB-1", DebtorIDNumber: "079185769739", DebtorName: "Trần Thị Bích Ngọc",
		Description: "Lệ phí trước bạ", Lines: []Line{{Kind: LineFee, Name: "Lệ phí", Amount: 500_000}},
		Payee: Payee{BankCode: "KBNN", AccountNumber: "7211", AccountName: "KBNN TP Hồ Chí Minh"}}
	tests := []struct {
		name   string
		change func(*PushInput)
		field  []string
		code   string
	}{
		{"an unknown kind", func(p *PushInput) { p.Kind = "BONUS" }, []string{"obligations", "0", "kind"}, apperr.CodeInvalid},
		{"no kind", func(p *PushInput) { p.Kind = "" }, []string{"obligations", "0", "kind"}, apperr.CodeInvalid},
		{"an unknown line kind", func(p *PushInput) { p.Lines = []Line{{Kind: "BONUS", Name: "x", Amount: 1}} },
			[]string{"obligations", "0", "lines", "0", "kind"}, apperr.CodeInvalid},
		{"an empty list of lines", func(p *PushInput) { p.Lines = []Line{} }, []string{"obligations", "0", "lines"}, apperr.CodeRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			tt.change(&p)
			ues, _ := apperr.AsUserErrors(valid.Struct(pushBatch{Obligations: []PushInput{p.trimmed()}}))
			if len(ues) != 1 || !reflect.DeepEqual(ues[0].Field, tt.field) || ues[0].Code != tt.code {
				t.Errorf("userErrors = %+v, want exactly one %s at %q", ues, tt.code, tt.field)
			}
			if _, ok := p.checked("THUE"); ok {
				t.Error("checked accepts it")
			}
		})
	}
	if o, valid := ok.checked("THUE"); !valid || o.Principal != 500_000 || o.LookupKeys[0] != "DEBTOR:079185769739" {
		t.Errorf("a valid push: %+v %v", o, valid)
	}
}

// TestAtMostMaxLines: an obligation of maxLines lines is valid, one more is
// INVALID at its lines, in a push and in a partner's lookup answer
// (checked, which skips it).
func TestAtMostMaxLines(t *testing.T) {
	p := PushInput{Kind: KindTax, SourceRef: "LPTB-1", DebtorIDNumber: "079185769739", DebtorName: "Trần Thị Bích Ngọc",
		Description: "Lệ phí trước bạ", Payee: Payee{BankCode: "KBNN", AccountNumber: "7211", AccountName: "KBNN TP Hồ Chí Minh"}}
	for range maxLines {
		p.Lines = append(p.Lines, Line{Kind: LineFee, Name: "Phí", Amount: 1_000})
	}
	if o, ok := p.checked("THUE"); !ok || len(o.Lines) != maxLines || o.Principal != maxLines*1_000 {
		t.Errorf("%d lines: checked %v, %d lines of %d VND; want valid", maxLines, ok, len(o.Lines), o.Principal)
	}
	p.Lines = append(p.Lines, Line{Kind: LinePostage, Name: "Bưu chính", Amount: 1})
	ues, _ := apperr.AsUserErrors(valid.Struct(pushBatch{Obligations: []PushInput{p.trimmed()}}))
	if want := []string{"obligations", "0", "lines"}; len(ues) != 1 || !reflect.DeepEqual(ues[0].Field, want) || ues[0].Code != apperr.CodeInvalid {
		t.Errorf("%d lines: userErrors %+v, want exactly one INVALID at %q", maxLines+1, ues, want)
	}
	if _, ok := p.checked("THUE"); ok {
		t.Errorf("%d lines: checked accepts them", maxLines+1)
	}
}
