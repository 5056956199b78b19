package obligation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/obligation"
)

func TestBuiltinSandboxFile(t *testing.T) {
	t.Parallel()
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[obligation.Kind]int{}
	for _, o := range obs {
		kinds[o.Kind]++
		if o.Principal <= 0 || len(o.LookupKeys) == 0 || o.Payee.AccountNumber == "" {
			t.Errorf("%s/%s: principal %d, keys %v, payee %+v", o.AgencyCode, o.SourceRef, o.Principal, o.LookupKeys, o.Payee)
		}
	}
	if kinds[obligation.KindTax] == 0 || kinds[obligation.KindElectricity] == 0 || kinds[obligation.KindTrafficFine] == 0 {
		t.Errorf("kinds = %v, want taxes, bills and fines", kinds)
	}
}

func TestSandboxFileRefusesBadRecordsWithPathAndField(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, file, wantPath string
	}{
		{"bad tax code", `{"tax":[{"taxCode":"0100233487","name":"X","payables":[]}]}`, "tax[0].taxCode"},
		{"negative amount", `{"tax":[{"taxCode":"0100233488","name":"X","payables":[{"id":"1","authority":"a","chapter":"1","subItem":"2",
			"period":"2026","dueDate":"2026-01-01","amount":-5,"reference":"r","payee":{"bankCode":"K","accountNumber":"1","accountName":"N"}}]}]}`,
			"tax[0].payables[0].amount"},
		{"bad date", `{"electricity":[{"customerCode":"PD01000123456","name":"X","bills":[{"id":"B","period":"p","kwh":1,"amount":10,"dueDate":"15/11/2026"}]}]}`,
			"electricity[0].bills[0].dueDate"},
		{"bad customer code", `{"electricity":[{"customerCode":"XX","name":"X","bills":[]}]}`, "electricity[0].customerCode"},
		{"fine without payee", `{"trafficFines":[{"decisionNumber":"1/QĐ","plateNumber":"30A12345","violatorIdNumber":"001090012345",
			"violatorName":"A","decidedOn":"2026-11-01","receivedOn":"2026-11-01","unit":"u","violation":"v","article":"a","fine":100}]}`,
			"trafficFines[0].payee"},
		{"unknown field", `{"tax":[{"taxCode":"0100233488","nmae":"X"}]}`, "unknown field"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := obligation.ParseSandboxFile(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.wantPath) {
				t.Fatalf("error = %v, want one naming %s", err, c.wantPath)
			}
			var re *obligation.RecordError
			if c.wantPath != "unknown field" && !errors.As(err, &re) {
				t.Errorf("error %v is not a RecordError", err)
			}
		})
	}
}
