package obligation

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
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
		{"evn bad prefix", Query{Kind: KindElectricity, CustomerCode: "PX01000123456"}, "", "customerCode", apperr.CodeInvalid},
		{"fine by plate", Query{Kind: KindTrafficFine, DecisionNumber: "123/qđ-xphc", PlateNumber: "30A-123.45"}, "FINE:123/QĐ-XPHC|30A12345", "", ""},
		{"fine by id", Query{Kind: KindTrafficFine, DecisionNumber: "123/QĐ-XPHC", ViolatorIDNumber: "001090012345"}, "FINEID:123/QĐ-XPHC|001090012345", "", ""},
		{"fine without plate or id", Query{Kind: KindTrafficFine, DecisionNumber: "123/QĐ-XPHC"}, "", "plateNumber", apperr.CodeRequired},
		{"fine without decision", Query{Kind: KindTrafficFine, PlateNumber: "30A12345"}, "", "decisionNumber", apperr.CodeRequired},
		{"fine bad id", Query{Kind: KindTrafficFine, DecisionNumber: "1", ViolatorIDNumber: "12"}, "", "violatorIdNumber", apperr.CodeInvalid},
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
