package validate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/captcha"
)

type address struct {
	Street string `json:"street" validate:"required,max=10,safetext"`
}

type input struct {
	Name    string    `json:"name" validate:"required,safetext"`
	Note    string    `json:"note" validate:"multiline"`
	Address address   `json:"address"`
	Items   []address `json:"items" validate:"dive"`
}

func TestStruct(t *testing.T) {
	tests := []struct {
		name  string
		in    input
		want  [][]string
		codes []string
	}{
		{"ok", input{Name: "Nguyễn Văn An", Note: "a\nb", Address: address{"12 Đội Cấn"}}, nil, nil},
		{"missing", input{Address: address{"x"}}, [][]string{{"name"}}, []string{apperr.CodeRequired}},
		{"nul byte", input{Name: "a\x00b", Address: address{"x"}}, [][]string{{"name"}}, []string{apperr.CodeInvalid}},
		{"control char", input{Name: "a\x1bb", Address: address{"x"}}, [][]string{{"name"}}, []string{apperr.CodeInvalid}},
		{"bad utf8", input{Name: "a\xffb", Address: address{"x"}}, [][]string{{"name"}}, []string{apperr.CodeInvalid}},
		{"nested and indexed", input{Name: "a", Address: address{"way too long street"}, Items: []address{{"ok"}, {""}}},
			[][]string{{"address", "street"}, {"items", "1", "street"}}, []string{apperr.CodeInvalid, apperr.CodeRequired}},
		{"newline only in multiline", input{Name: "a\nb", Note: "x", Address: address{"x"}}, [][]string{{"name"}}, []string{apperr.CodeInvalid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New().Struct(tt.in)
			ues, _ := apperr.AsUserErrors(err)
			if len(ues) != len(tt.want) {
				t.Fatalf("got %v, want fields %v", err, tt.want)
			}
			for i, ue := range ues {
				if !reflect.DeepEqual(ue.Field, tt.want[i]) || ue.Code != tt.codes[i] {
					t.Errorf("error %d = %v %s, want %v %s", i, ue.Field, ue.Code, tt.want[i], tt.codes[i])
				}
				if ue.Message.Vi == "" || ue.Message.En == "" {
					t.Errorf("error %d has no message", i)
				}
			}
		})
	}
}

func TestField(t *testing.T) {
	v := New()
	tests := []struct {
		name, value, tag string
		code             string // "" = valid
	}{
		{"max counts runes", strings.Repeat("ệ", 10), "nonblank,safetext,max=10", ""},
		{"one rune too many", strings.Repeat("ệ", 11), "nonblank,safetext,max=10", apperr.CodeInvalid},
		{"blank is missing", "  \t", "nonblank,safetext,max=10", apperr.CodeRequired},
		{"NUL", "AB\x00", "nonblank,safetext,max=64", apperr.CodeInvalid},
		{"CR allowed in multiline", "a\r\nb", "multiline", ""},
		{"CR refused in one line", "a\rb", "safetext", apperr.CodeInvalid},
		{"bad pattern", "([a-z]", "regexp", apperr.CodeInvalid},
		{"control char in pattern", "[a-z]\x01", "regexp", apperr.CodeInvalid},
		{"good pattern", "[0-9]{3}", "regexp", ""},
		{"ward code", "00123", "wardcode", ""},
		{"ward code with NUL", "0012\x00", "wardcode", apperr.CodeInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ue := v.Field(tt.value, tt.tag, "delivery", "x")
			switch {
			case tt.code == "" && ue != nil:
				t.Fatalf("got %+v, want valid", ue)
			case tt.code != "" && (ue == nil || ue.Code != tt.code || !reflect.DeepEqual(ue.Field, []string{"delivery", "x"})):
				t.Fatalf("got %+v, want %s at [delivery x]", ue, tt.code)
			}
		})
	}
}

func TestCaptchaAnswerRule(t *testing.T) {
	v := New()
	ok := captcha.Answer{ID: strings.Repeat("a", 32), Answer: captcha.TestAnswer}
	if err := v.Struct(ok); err != nil {
		t.Fatalf("got %v, want a valid answer", err)
	}
	long := ok
	long.Answer = strings.Repeat("9", captcha.MaxAnswerRunes+1)
	ues, _ := apperr.AsUserErrors(v.Struct(long))
	if len(ues) != 1 || !reflect.DeepEqual(ues[0].Field, []string{"answer"}) {
		t.Fatalf("got %+v, want one error at [answer]", ues)
	}
}

func TestCap(t *testing.T) {
	var e Errors
	for i := 0; i < 5000; i++ {
		e.Add(&apperr.UserError{Code: apperr.CodeInvalid, Field: []string{"formData", "k"}})
	}
	ues, _ := apperr.AsUserErrors(e.Err())
	if got, want := len(ues), MaxUserErrors+1; got != want {
		t.Fatalf("got %d UserErrors, want %d", got, want)
	}
	if last := ues[len(ues)-1]; last.Field != nil || !strings.Contains(last.Message.En, "4980") {
		t.Errorf("got summary %+v, want one without a field counting 4980 more", last)
	}
}

// TestBoundsOfNumbersAndLists: min/max/gt on a number bound its value and
// on a list its length; the message says which (not "characters"), and
// dive reaches the elements at their index.
func TestBoundsOfNumbersAndLists(t *testing.T) {
	type item struct {
		Amount int64 `json:"amount" validate:"gt=0,max=10"`
	}
	type order struct {
		Items []item `json:"items" validate:"required,min=1,max=2,dive"`
	}
	tests := []struct {
		name  string
		in    order
		field []string
		en    string
	}{
		{"no items", order{Items: []item{}}, []string{"items"}, "At least one item is needed."},
		{"too many items", order{Items: []item{{1}, {2}, {3}}}, []string{"items"}, "At most 2 items."},
		{"an amount of 0", order{Items: []item{{1}, {0}}}, []string{"items", "1", "amount"}, "Must be greater than 0."},
		{"an amount above the bound", order{Items: []item{{11}}}, []string{"items", "0", "amount"}, "At most 10."},
	}
	for _, tt := range tests {
		ues, _ := apperr.AsUserErrors(New().Struct(tt.in))
		if len(ues) != 1 || !reflect.DeepEqual(ues[0].Field, tt.field) || ues[0].Code != apperr.CodeInvalid || ues[0].Message.En != tt.en {
			t.Errorf("%s: %+v, want one INVALID at %v: %q", tt.name, ues, tt.field, tt.en)
		}
	}
	if ue := New().Field("ab", "max=1", "x"); ue == nil || ue.Message.En != "Too long (at most 1 characters)." {
		t.Errorf("a string's max: %+v, want the characters message", ue)
	}
}

// TestUniqueIsDuplicateAtEachRepeat: a failed unique is DUPLICATE at each
// element that repeats an earlier one (the first stands), at the compared
// field's input path; the list's bound before it is checked first.
func TestUniqueIsDuplicateAtEachRepeat(t *testing.T) {
	type ref struct {
		Code *string `json:"code"`
		Note string  `json:"note"`
	}
	type batch struct {
		Refs  []ref    `json:"refs" validate:"max=5,unique=Code"`
		Names []string `json:"names" validate:"unique"`
	}
	s := func(v string) *string { return &v }
	tests := []struct {
		name string
		in   batch
		want []string // field:code
	}{
		{"all different", batch{Refs: []ref{{Code: s("A")}, {Code: s("B")}, {}}, Names: []string{"a", "A"}}, nil},
		{"the third repeats the first", batch{Refs: []ref{{Code: s("A"), Note: "x"}, {Code: s("B")}, {Code: s("A"), Note: "y"}}},
			[]string{"refs.2.code:DUPLICATE"}},
		{"every later repeat, nil pointers too", batch{Refs: []ref{{Code: s("A")}, {}, {Code: s("A")}, {}, {Code: s("A")}}},
			[]string{"refs.2.code:DUPLICATE", "refs.3.code:DUPLICATE", "refs.4.code:DUPLICATE"}},
		{"a list of strings", batch{Names: []string{"a", "b", "b"}}, []string{"names.2:DUPLICATE"}},
		{"too many, repeated: the bound first", batch{Refs: make([]ref, 6)}, []string{"refs:INVALID"}},
	}
	for _, tt := range tests {
		ues, _ := apperr.AsUserErrors(New().Struct(tt.in))
		var got []string
		for _, ue := range ues {
			got = append(got, strings.Join(ue.Field, ".")+":"+ue.Code)
			if ue.Code == apperr.CodeDuplicate && ue.Message.En != "This value repeats an earlier item of the list." {
				t.Errorf("%s: message %q", tt.name, ue.Message.En)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: userErrors %q, want %q", tt.name, got, tt.want)
		}
	}
	if ue := New().Field([]int{1, 2, 1}, "unique", "ids"); ue == nil || ue.Code != apperr.CodeDuplicate || !reflect.DeepEqual(ue.Field, []string{"ids", "2"}) {
		t.Errorf("Field of a repeated list: %+v, want DUPLICATE at [ids 2]", ue)
	}
}
