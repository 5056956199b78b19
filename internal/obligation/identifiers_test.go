package obligation

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

func TestValidTaxCode(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"0100233488", true},      // check digit 8
		{"0100233487", false},     // wrong check digit
		{"0100233488-001", true},  // dependent unit
		{"0100233488-01", false},  // short suffix
		{"0100233487-001", false}, // bad parent
		{"001090012345", true},    // personal ID number
		{"01002334", false},
		{"01002334a8", false},
		{"0100000010", true},      // remainder 10: check digit 0
		{"0100000050", false},     // remainder 0: no check digit is valid for 010000005
		{"0100000055", false},     // … whatever the tenth digit
		{"0100000059", false},     //
		{"0100233488-000", false}, // branch 000 is the head office
		{"0100233488 001", false},
		{"999090012345", false}, // 12 digits without a birth-province code
		{"079185769739", true},
		{"00109001234", false},
	} {
		if got := ValidTaxCode(c.in); got != c.want {
			t.Errorf("ValidTaxCode(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestQueryLookupKeys(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		q         Query
		wantKey   string
		wantField string
		wantCode  string
	}{
		{"tax", Query{Kind: KindTax, TaxCode: " 0100233488 "}, "TAX:0100233488", "", ""},
		{"tax missing", Query{Kind: KindTax}, "", "taxCode", apperr.CodeRequired},
		{"tax bad", Query{Kind: KindTax, TaxCode: "123"}, "", "taxCode", apperr.CodeInvalid},
		{"evn lower case", Query{Kind: KindElectricity, CustomerCode: "pd01000123456"}, "EVN:PD01000123456", "", ""},
		{"evn spaces removed", Query{Kind: KindElectricity, CustomerCode: " pd01 000 123456 "}, "EVN:PD01000123456", "", ""},
		{"evn letters after the prefix", Query{Kind: KindElectricity, CustomerCode: "PN22QN0012345"}, "EVN:PN22QN0012345", "", ""},
		{"evn bad prefix", Query{Kind: KindElectricity, CustomerCode: "PX01000123456"}, "", "customerCode", apperr.CodeInvalid},
		{"evn missing", Query{Kind: KindElectricity, CustomerCode: "  "}, "", "customerCode", apperr.CodeRequired},
		{"evn 12 characters", Query{Kind: KindElectricity, CustomerCode: "PD0100012345"}, "", "customerCode", apperr.CodeInvalid},
		{"evn 14 characters", Query{Kind: KindElectricity, CustomerCode: "PD010001234567"}, "", "customerCode", apperr.CodeInvalid},
		{"evn not starting with P", Query{Kind: KindElectricity, CustomerCode: "QD01000123456"}, "", "customerCode", apperr.CodeInvalid},
		{"evn digit as the corporation", Query{Kind: KindElectricity, CustomerCode: "P101000123456"}, "", "customerCode", apperr.CodeInvalid},
		{"evn punctuation", Query{Kind: KindElectricity, CustomerCode: "PD01-00123456"}, "", "customerCode", apperr.CodeInvalid},
		{"tax branch", Query{Kind: KindTax, TaxCode: "0100233488-001"}, "TAX:0100233488-001", "", ""},
		{"tax personal ID", Query{Kind: KindTax, TaxCode: "001090012345"}, "TAX:001090012345", "", ""},
		{"tax check digit", Query{Kind: KindTax, TaxCode: "0100233487"}, "", "taxCode", apperr.CodeInvalid},
		{"tax remainder 0", Query{Kind: KindTax, TaxCode: "0100000050"}, "", "taxCode", apperr.CodeInvalid},
		{"fine plate and id both", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "30A12345", ViolatorIDNumber: "001090012345"}, "FINE:1/QĐ|30A12345", "", ""},
		{"fine bad plate", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "A1"}, "", "plateNumber", apperr.CodeInvalid},
		{"fine id without province", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", ViolatorIDNumber: "999090012345"}, "", "violatorIdNumber", apperr.CodeInvalid},
		{"fine id alone", Query{Kind: KindTrafficFine, ViolatorIDNumber: "001090012345"}, "", "decisionNumber", apperr.CodeRequired},
		{"unknown kind", Query{Kind: "WATER_BILL"}, "", "kind", apperr.CodeInvalid},
		{"fine by plate", Query{Kind: KindTrafficFine, DecisionNumber: "123/qđ-xphc", PlateNumber: "30A-123.45"}, "FINE:123/QĐ-XPHC|30A12345", "", ""},
		{"fine by id", Query{Kind: KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", ViolatorIDNumber: "001090012345"}, "FINEID:123/QĐ-XPHC|001090012345", "", ""},
		{"fine without plate or id", Query{Kind: KindTrafficFine, DecisionNumber: "123/QĐ-XPHC"}, "", "plateNumber", apperr.CodeRequired},
		{"fine without decision", Query{Kind: KindTrafficFine, PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeRequired},
		{"fine bad id", Query{Kind: KindTrafficFine, DecisionNumber: "1", ViolatorIDNumber: "12"}, "", "violatorIdNumber", apperr.CodeInvalid},
		// Edge cases of each tag (internal/validate: taxpayercode, evncustomer,
		// decisionnumber, vnplate, plausibleidnumber).
		{"tax 11 digits", Query{Kind: KindTax, TaxCode: "01002334881"}, "", "taxCode", apperr.CodeInvalid},
		{"tax branch without the dash", Query{Kind: KindTax, TaxCode: "0100233488001"}, "", "taxCode", apperr.CodeInvalid},
		{"tax blank", Query{Kind: KindTax, TaxCode: " \t "}, "", "taxCode", apperr.CodeRequired},
		{"tax full-width digits", Query{Kind: KindTax, TaxCode: "０１００２３３４８８"}, "", "taxCode", apperr.CodeInvalid},
		{"evn tab inside", Query{Kind: KindElectricity, CustomerCode: "PD01\t000123456"}, "EVN:PD01000123456", "", ""},
		{"evn not ASCII", Query{Kind: KindElectricity, CustomerCode: "PĐ01000123456"}, "", "customerCode", apperr.CodeInvalid},
		{"fine decision of 50 bytes", Query{Kind: KindTrafficFine, DecisionNumber: strings.Repeat("9", 50), PlateNumber: "30A12345"},
			"FINE:" + strings.Repeat("9", 50) + "|30A12345", "", ""},
		{"fine decision of 51 bytes", Query{Kind: KindTrafficFine, DecisionNumber: strings.Repeat("9", 51), PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeInvalid},
		{"fine decision with NUL", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ\x00", PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeInvalid},
		{"fine decision of invalid UTF-8", Query{Kind: KindTrafficFine, DecisionNumber: "1/Q\xff", PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeInvalid},
		{"fine decision blank", Query{Kind: KindTrafficFine, DecisionNumber: "  ", PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeRequired},
		{"fine plate wins over a bad id", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "30A12345", ViolatorIDNumber: "12"}, "FINE:1/QĐ|30A12345", "", ""},
		{"fine bad plate with a good id", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "30A_12345", ViolatorIDNumber: "001090012345"}, "", "plateNumber", apperr.CodeInvalid},
		{"fine plate of separators only", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: " -. "}, "", "plateNumber", apperr.CodeRequired},
		{"fine plate of 5", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "30A12"}, "", "plateNumber", apperr.CodeInvalid},
		{"fine plate of 11", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", PlateNumber: "30AB1234567"}, "", "plateNumber", apperr.CodeInvalid},
		{"fine id with spaces around", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", ViolatorIDNumber: " 001090012345 "}, "FINEID:1/QĐ|001090012345", "", ""},
		{"fine id of 13 digits", Query{Kind: KindTrafficFine, DecisionNumber: "1/QĐ", ViolatorIDNumber: "0010900123456"}, "", "violatorIdNumber", apperr.CodeInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			keys, err := c.q.LookupKeys()
			if c.wantField == "" {
				if err != nil || len(keys) != 1 || keys[0] != c.wantKey {
					t.Fatalf("LookupKeys() = %v, %v; want [%s]", keys, err, c.wantKey)
				}
				return
			}
			ues, ok := apperr.AsUserErrors(err)
			if !ok || len(ues) != 1 || ues[0].Field[0] != c.wantField || ues[0].Code != c.wantCode {
				t.Fatalf("LookupKeys() error = %v; want %s at %s", err, c.wantCode, c.wantField)
			}
		})
	}
}

func TestEveryEVNPrefixRoutesToItsCorporation(t *testing.T) {
	t.Parallel()
	want := map[string]string{"PD": "EVNHANOI", "PE": "EVNHCMC", "PA": "EVNNPC", "PH": "EVNNPC", "PM": "EVNNPC", "PN": "EVNNPC",
		"PB": "EVNSPC", "PK": "EVNSPC", "PC": "EVNCPC", "PP": "EVNCPC", "PQ": "EVNCPC"}
	for c := 'A'; c <= 'Z'; c++ {
		code := "P" + string(c) + "01000123456"
		pc, ok := vnid.EVNCorporation(code)
		short := pc.Code
		w, known := want[code[:2]]
		if ok != known || short != w {
			t.Errorf("EVNCorporation(%s) = %q, %v; want %q, %v", code, short, ok, w, known)
		}
		_, err := Query{Kind: KindElectricity, CustomerCode: code}.LookupKeys()
		if (err == nil) != known {
			t.Errorf("LookupKeys(%s) error = %v, want valid=%v", code, err, known)
		}
	}
}
