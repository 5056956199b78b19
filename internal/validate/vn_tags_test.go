package validate

import (
	"strings"
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

// TestObligationIdentifierTags: the tags of an obligation lookup's
// identifiers, each failure INVALID with its own message (an alias reports
// its own name, so taxpayercode has its message, not the generic one).
func TestObligationIdentifierTags(t *testing.T) {
	t.Parallel()
	v := New()
	tests := []struct {
		tag, value string
		ok         bool
	}{
		{"taxcode", "0100233488", true},
		{"taxcode", "0100233487", false},     // wrong check digit
		{"taxcode", "0100000010", true},      // remainder 10: check digit 0
		{"taxcode", "0100000050", false},     // remainder 0: no digit is valid
		{"taxcode", "0100233488-001", true},  // dependent unit
		{"taxcode", "0100233488-999", true},  // the last branch number
		{"taxcode", "0100233488-000", false}, // 000 is the head office
		{"taxcode", "0100233488-01", false},
		{"taxcode", "0100233488001", false},  // branch without the dash
		{"taxcode", "0100233487-001", false}, // branch of a bad code
		{"taxcode", "001090012345", false},   // an ID number is not an MST
		{"taxcode", "０１００２３３４８８", false},     // full-width digits
		{"taxcode", " 0100233488", false},    // callers trim
		{"plausibleidnumber", "001090012345", true},
		{"plausibleidnumber", "079185769739", true},
		{"plausibleidnumber", "999090012345", false}, // no such birth province
		{"plausibleidnumber", "00109001234", false},
		{"plausibleidnumber", "0010900123456", false},
		{"plausibleidnumber", "00109001234a", false},
		{"taxpayercode", "0100233488", true},
		{"taxpayercode", "0100233488-001", true},
		{"taxpayercode", "001090012345", true},
		{"taxpayercode", "999090012345", false},
		{"taxpayercode", "01002334881", false}, // 11 digits
		{"taxpayercode", "0100233487", false},
		{"evncustomer", "PD01000123456", true},
		{"evncustomer", " pd01 000 123456 ", true}, // upper-cased, spaces removed
		{"evncustomer", "PN22QN0012345", true},     // letters after the prefix
		{"evncustomer", "PX01000123456", false},    // no corporation X
		{"evncustomer", "QD01000123456", false},
		{"evncustomer", "P101000123456", false},
		{"evncustomer", "PD0100012345", false},   // 12 characters
		{"evncustomer", "PD010001234567", false}, // 14
		{"evncustomer", "PD01-00123456", false},  // punctuation is not removed
		{"evncustomer", "PĐ01000123456", false},  // not ASCII
		{"evncustomer", "PD01000\x0012345", false},
		{"vnplate", "30A12345", true},
		{"vnplate", "30a-123.45", true}, // separators removed, upper-cased
		{"vnplate", "29 MĐ 1", false},   // Đ is not ASCII
		{"vnplate", "30A123", true},     // 6: the shortest
		{"vnplate", "30A12", false},
		{"vnplate", "30AB1234567", false}, // 11
		{"vnplate", "A1234567", false},    // no province digits
		{"vnplate", "3A123456", false},
		{"vnplate", "30A_12345", false},
		{"decisionnumber", "123/QĐ-XPHC", true},
		{"decisionnumber", " 123 / qđ-xphc ", true},
		{"decisionnumber", strings.Repeat("9", 50), true},
		{"decisionnumber", strings.Repeat("9", 51), false},
		{"decisionnumber", strings.Repeat("Đ", 25), true},  // 50 bytes
		{"decisionnumber", strings.Repeat("Đ", 26), false}, // 52 bytes
		{"decisionnumber", "123/QĐ\x00", false},
		{"decisionnumber", "123/QĐ\x1b", false},
		{"decisionnumber", "123\xff", false},
		{"decisionnumber", "   ", false}, // nothing once normalised
	}
	generic := messageFor("", "")
	for _, tt := range tests {
		ue := v.Field(tt.value, tt.tag, "x")
		switch {
		case tt.ok && ue != nil:
			t.Errorf("%s %q: got %+v, want valid", tt.tag, tt.value, ue)
		case !tt.ok && (ue == nil || ue.Code != apperr.CodeInvalid):
			t.Errorf("%s %q: got %+v, want INVALID", tt.tag, tt.value, ue)
		case !tt.ok && (ue.Message == generic || ue.Message != messages[tt.tag]):
			t.Errorf("%s %q: message %q, want the tag's own", tt.tag, tt.value, ue.Message.En)
		}
	}
}
