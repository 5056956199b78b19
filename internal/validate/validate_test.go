package validate

import (
	"reflect"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
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
			err := Struct(tt.in)
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
