package enterprise_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/enterprise"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

const good = `{ "enterprises": [{ "taxCode": "0100233488", "name": "Công ty TNHH An Phát", "status": "ACTIVE",
  "address": { "provinceCode": "01", "wardCode": "00004", "street": "12 Đội Cấn" },
  "legalRepresentativeIdNumber": "001090012345" }] }`

func TestParseRefusesABadRecordWithItsIndexAndField(t *testing.T) {
	t.Parallel()
	second := func(field, value string) string {
		rec := map[string]string{"taxCode": `"0109123458"`, "name": `"B"`, "status": `"ACTIVE"`,
			"provinceCode": `"79"`, "wardCode": `"25912"`, "street": `"1 Lê Lợi"`, "rep": `"079185769739"`}
		rec[field] = value
		return strings.TrimSuffix(good, "] }") + `, { "taxCode": ` + rec["taxCode"] + `, "name": ` + rec["name"] +
			`, "status": ` + rec["status"] + `, "address": { "provinceCode": ` + rec["provinceCode"] + `, "wardCode": ` +
			rec["wardCode"] + `, "street": ` + rec["street"] + ` }, "legalRepresentativeIdNumber": ` + rec["rep"] + ` }] }`
	}
	tests := []struct {
		name, file, wantField string
	}{
		{"wrong check digit", second("taxCode", `"0109123457"`), "taxCode"},
		{"branch 000", second("taxCode", `"0109123458-000"`), "taxCode"},
		{"duplicate", second("taxCode", `"0100233488"`), "taxCode"},
		{"status", second("status", `"ACTIVE "`), "status"},
		{"empty name", second("name", `"  "`), "name"},
		{"province", second("provinceCode", `"02"`), "address.provinceCode"},
		{"ward", second("wardCode", `"2591"`), "address.wardCode"},
		{"representative", second("rep", `"07918576973"`), "legalRepresentativeIdNumber"},
	}
	for _, tt := range tests {
		_, err := enterprise.Parse(strings.NewReader(tt.file))
		var re *enterprise.RecordError
		if !errors.As(err, &re) {
			t.Errorf("%s: err = %v, want a RecordError", tt.name, err)
			continue
		}
		if re.Index != 1 || re.Field != tt.wantField {
			t.Errorf("%s: refused enterprises[%d].%s, want enterprises[1].%s", tt.name, re.Index, re.Field, tt.wantField)
		}
		if strings.Contains(err.Error(), "079185769739") {
			t.Errorf("%s: error %q shows an ID number", tt.name, err)
		}
	}
	if _, err := enterprise.Parse(strings.NewReader(strings.Replace(good, `"status"`, `"state"`, 1))); err == nil {
		t.Error("an unknown field was accepted")
	}
	if _, err := enterprise.Parse(strings.NewReader(second("taxCode", `"0109123458-001"`))); err != nil {
		t.Errorf("a branch code was refused: %v", err)
	}
}

func TestBuiltinFileIsValid(t *testing.T) {
	t.Parallel()
	es, err := enterprise.ReadFile("")
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[enterprise.Status]bool{}
	for _, e := range es {
		statuses[e.Status] = true
	}
	if len(statuses) != 3 {
		t.Errorf("built-in file has statuses %v, want all three", statuses)
	}
}

func citizen(id string) context.Context {
	return auth.WithActor(context.Background(), auth.Actor{Kind: auth.Citizen, AccountID: 1, IDNumber: id})
}

func TestLoadIsIdempotentAndActChecksRepresentativeAndStatus(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	reg := enterprise.New(db)
	es, err := enterprise.ReadFile("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 {
		if err := reg.Load(ctx, es); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM enterprises`); err != nil || n != len(es) {
		t.Fatalf("%d rows after loading twice (%v), want %d", n, err, len(es))
	}

	an := citizen("001090012345")
	mine, err := reg.Mine(an)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range mine {
		got = append(got, r.TaxCode+":"+string(r.Status))
	}
	if want := "0100233488:ACTIVE 0100233488-001:ACTIVE 0105688129:DISSOLVED"; strings.Join(got, " ") != want {
		t.Errorf("An's enterprises = %v, want %s", got, want)
	}

	code := func(err error) string {
		ues, ok := apperr.AsUserErrors(err)
		if !ok || len(ues) != 1 {
			return "not a user error: " + errString(err)
		}
		return ues[0].Code
	}
	for _, tt := range []struct {
		who     context.Context
		taxCode string
		want    string
	}{
		{an, "0100233488", ""},
		{an, "0100233488-001", ""},
		{an, "0105688129", apperr.CodeEnterpriseNotActive},
		{an, "0310794264", apperr.CodeNotARepresentative}, // Ngọc's
		{an, "0000000000", apperr.CodeNotARepresentative}, // unknown: the same answer
		{citizen("079185769739"), "0301642554", apperr.CodeEnterpriseNotActive},
	} {
		_, err := reg.Act(tt.who, enterprise.GlobalID(tt.taxCode), "enterpriseId")
		if got := code(err); (tt.want == "" && err != nil) || (tt.want != "" && got != tt.want) {
			t.Errorf("Act(%s) = %v, want %q", tt.taxCode, err, tt.want)
		}
	}
	if _, ok, _ := reg.Get(citizen("079185769739"), "0100233488"); ok {
		t.Error("another citizen read An's enterprise")
	}
	if _, ok, _ := reg.Get(an, "0100233488"); !ok {
		t.Error("An cannot read An's enterprise")
	}
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}
