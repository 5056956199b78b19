package obligation_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/vntime"
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

const fineJSON = `{"decisionNumber":"1/QĐ","plateNumber":"30A12345","violatorIdNumber":"001090012345",
	"violatorName":"A","decidedOn":"2026-11-01","receivedOn":"2026-11-01","unit":"u","violation":"v","article":"a","fine":100,
	"payee":{"bankCode":"K","accountNumber":"1","accountName":"N"}}`

// TestBuiltinSandboxFileHoldsEveryCase: the built-in file has data for
// every rule a tester tries (contract/running.md).
func TestBuiltinSandboxFileHoldsEveryCase(t *testing.T) {
	t.Parallel()
	obs, err := obligation.ReadSandboxFile("")
	if err != nil {
		t.Fatal(err)
	}
	corps := map[string]bool{}
	payeesOf := map[string]map[string]int{} // tax code → payee account → open payables
	openBills := map[string]int{}
	has := map[string]bool{}
	for _, o := range obs {
		open := o.Status == obligation.StatusOpen
		has[string(o.Kind)+":"+string(o.Status)] = true
		switch o.Kind {
		case obligation.KindTax:
			tc := o.Details.Identifier
			if payeesOf[tc] == nil {
				payeesOf[tc] = map[string]int{}
			}
			if open {
				payeesOf[tc][o.Payee.AccountNumber]++
			}
			has["tax branch"] = has["tax branch"] || len(tc) == 14
			has["tax person"] = has["tax person"] || len(tc) == 12
		case obligation.KindElectricity:
			corps[o.Details.Corporation] = true
			if open {
				openBills[o.Details.Identifier]++
			}
		case obligation.KindTrafficFine:
			late := obligation.FineLateDays(*o.ReceivedOn, vntime.DateOf(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))) > 0
			has[fmt.Sprintf("fine late=%v held=%v open=%v", late, o.HeldPapers, open)] = true
		}
	}
	for _, c := range []string{"EVNHANOI", "EVNHCMC", "EVNNPC", "EVNSPC", "EVNCPC"} {
		if !corps[c] {
			t.Errorf("no bill of %s", c)
		}
	}
	severalAuthorities, twoOfOne := false, false
	for _, byPayee := range payeesOf {
		severalAuthorities = severalAuthorities || len(byPayee) > 1
		for _, n := range byPayee {
			twoOfOne = twoOfOne || n >= 2
		}
	}
	threeBills := false
	for _, n := range openBills {
		threeBills = threeBills || n >= 3
	}
	for name, ok := range map[string]bool{
		"a taxpayer owing several authorities": severalAuthorities, "two open payables of one authority": twoOfOne,
		"a customer with 3 unpaid bills": threeBills, "a branch tax code": has["tax branch"], "a 12-digit-ID taxpayer": has["tax person"],
		"a paid tax": has["TAX:PAID"], "a paid bill": has["ELECTRICITY_BILL:PAID"], "a paid fine": has["TRAFFIC_FINE:PAID"],
		"an overdue fine with held papers (on 2026-11-30)": has["fine late=true held=true open=true"],
		"an overdue fine without held papers":              has["fine late=true held=false open=true"],
		"a fine on time with held papers":                  has["fine late=false held=true open=true"],
		"a fine on time without held papers":               has["fine late=false held=false open=true"],
	} {
		if !ok {
			t.Errorf("the built-in file has no %s", name)
		}
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
		{"tax code of a remainder-0 prefix", `{"tax":[{"taxCode":"0100000055","name":"X","payables":[]}]}`, "tax[0].taxCode"},
		{"12 digits without a birth province", `{"tax":[{"taxCode":"999090012345","name":"X","payables":[]}]}`, "tax[0].taxCode"},
		{"unrouted EVN prefix", `{"electricity":[{"customerCode":"PX01000123456","name":"X","provinceCode":"01","wardCode":"00004","bills":[]}]}`, "electricity[0].customerCode"},
		{"a bill period that does not sort", `{"electricity":[{"customerCode":"PD01000123456","name":"X","provinceCode":"01","wardCode":"00004",
			"bills":[{"id":"B","period":"10/2026","kwh":1,"amount":10,"dueDate":"2026-11-15"}]}]}`, "electricity[0].bills[0].period"},
		{"EVN ward missing", `{"electricity":[{"customerCode":"PD01000123456","name":"X","provinceCode":"01","bills":[]}]}`, "electricity[0].wardCode"},
		{"fine with negative points", `{"trafficFines":[{"decisionNumber":"1/QĐ","plateNumber":"30A12345","violatorIdNumber":"001090012345",
			"violatorName":"A","decidedOn":"2026-11-01","receivedOn":"2026-11-01","unit":"u","violation":"v","article":"a","fine":100,"points":-1,
			"payee":{"bankCode":"K","accountNumber":"1","accountName":"N"}}]}`, "trafficFines[0].points"},
		{"the same decision twice", `{"trafficFines":[` + fineJSON + `,` + fineJSON + `]}`, "trafficFines[1].decisionNumber"},
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
