package validate

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

func TestVietnameseIdentifierTags(t *testing.T) {
	v := New()
	type input struct {
		IDNumber string `json:"idNumber" validate:"required,idnumber"`
		SI       string `json:"socialInsuranceCode" validate:"required,sicode"`
		Phone    string `json:"phone" validate:"required,vnmobile"`
		Card     string `json:"cardNumber" validate:"omitempty,healthcard"`
	}
	ok := input{IDNumber: "001090012345", SI: "0123456789", Phone: "0912345678", Card: "GD4010123456789"}
	if err := v.Struct(ok); err != nil {
		t.Fatalf("valid input refused: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*input)
		field string
	}{
		{"ID with sign", func(in *input) { in.IDNumber = "-01090012345" }, "idNumber"},
		{"ID 11 digits", func(in *input) { in.IDNumber = "00109001234" }, "idNumber"},
		{"SI with decimal point", func(in *input) { in.SI = "1.23456789" }, "socialInsuranceCode"},
		{"landline", func(in *input) { in.Phone = "0241234567" }, "phone"},
		{"old 11-digit mobile", func(in *input) { in.Phone = "01912345678" }, "phone"},
		{"card", func(in *input) { in.Card = "GD901012345678" }, "cardNumber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			errs, isUser := apperr.AsUserErrors(v.Struct(in))
			if !isUser || len(errs) != 1 || len(errs[0].Field) != 1 || errs[0].Field[0] != tt.field || errs[0].Code != apperr.CodeInvalid {
				t.Fatalf("errors = %+v, want one INVALID on %s", errs, tt.field)
			}
		})
	}
	in := ok
	in.Card = ""
	if err := v.Struct(in); err != nil {
		t.Errorf("empty optional card refused: %v", err)
	}
}
