package population

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/dvcportal/dvcportal/internal/vnid"
)

const validRecord = `{
  "idNumber": "001090012345",
  "fullName": "Nguyễn Văn An",
  "dateOfBirth": "1990-05-12",
  "gender": "MALE",
  "phone": "0912345678",
  "socialInsuranceCode": "0123456789",
  "address": { "provinceCode": "01", "wardCode": "00004", "street": "12 Đội Cấn" },
  "healthInsuranceCard": {
    "number": "GD4010123456789",
    "validFrom": "2026-01-01",
    "validTo": "2026-12-31",
    "registeredClinic": "Bệnh viện Bạch Mai"
  }
}`

const secondRecord = `{"idNumber": "079185000001", "fullName": "Trần Thị Mai", "dateOfBirth": "1985-01-02",
  "gender": "FEMALE", "phone": "+84981234567", "socialInsuranceCode": "7900000001",
  "address": {"provinceCode": "79", "wardCode": "26734", "street": "1 Lê Lợi"}}`

func TestParsePersonasFileValid(t *testing.T) {
	persons, err := ParsePersonasFile(strings.NewReader(`{"persons": [` + validRecord + `,` + secondRecord + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(persons) != 2 {
		t.Fatalf("got %d persons, want 2", len(persons))
	}
	want := Person{
		IDNumber:            "001090012345",
		FullName:            "Nguyễn Văn An",
		DateOfBirth:         time.Date(1990, 5, 12, 0, 0, 0, 0, time.UTC),
		Gender:              vnid.Male,
		Phone:               "+84912345678",
		SocialInsuranceCode: "0123456789",
		Address:             Address{ProvinceCode: "01", WardCode: "00004", Street: "12 Đội Cấn"},
		Card: &HealthCard{
			Number:           "GD4010123456789",
			ValidFrom:        time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			ValidTo:          time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
			RegisteredClinic: "Bệnh viện Bạch Mai",
		},
	}
	assertPerson(t, persons[0], want)
	if persons[1].Card != nil {
		t.Errorf("persons[1].Card = %+v, want nil", persons[1].Card)
	}
	if persons[1].Phone != "+84981234567" {
		t.Errorf("persons[1].Phone = %q", persons[1].Phone)
	}
}

func TestParsePersonasFileNormalisesNames(t *testing.T) {
	rec := strings.Replace(secondRecord, "Trần Thị Mai", norm.NFD.String("Trần Thị Mai"), 1)
	persons, err := ParsePersonasFile(strings.NewReader(`{"persons": [` + rec + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	if persons[0].FullName != norm.NFC.String("Trần Thị Mai") {
		t.Errorf("FullName not NFC: %q", persons[0].FullName)
	}
}

func TestParsePersonasFileRefuses(t *testing.T) {
	tests := []struct {
		name    string
		replace [2]string // in validRecord, placed as persons[1] after secondRecord
		field   string
		msg     string
	}{
		{"short SI code", [2]string{`"0123456789"`, `"012345678"`}, "socialInsuranceCode", "must be 10 digits"},
		{"negative SI code", [2]string{`"0123456789"`, `"-123456789"`}, "socialInsuranceCode", "must be 10 digits"},
		{"ID 11 digits", [2]string{`"001090012345"`, `"00109001234"`}, "idNumber", "must be 12 digits"},
		{"ID bad province", [2]string{`"001090012345"`, `"003090012345"`}, "idNumber", "birth-province"},
		{"ID century vs DOB", [2]string{`"001090012345"`, `"001290012345"`}, "idNumber", "century"},
		{"ID sex vs gender", [2]string{`"MALE"`, `"FEMALE"`}, "idNumber", "sex digit"},
		{"ID year vs DOB", [2]string{`"1990-05-12"`, `"1991-05-12"`}, "idNumber", "year digits"},
		{"bad date", [2]string{`"1990-05-12"`, `"12/05/1990"`}, "dateOfBirth", "YYYY-MM-DD"},
		{"impossible date", [2]string{`"1990-05-12"`, `"1990-02-30"`}, "dateOfBirth", "YYYY-MM-DD"},
		{"future date", [2]string{`"1990-05-12"`, `"2090-05-12"`}, "dateOfBirth", "future"},
		{"gender lower case", [2]string{`"MALE"`, `"male"`}, "gender", "MALE or FEMALE"},
		{"landline", [2]string{`"0912345678"`, `"0241234567"`}, "phone", "mobile"},
		{"old 11-digit mobile", [2]string{`"0912345678"`, `"01912345678"`}, "phone", "mobile"},
		{"empty name", [2]string{`"Nguyễn Văn An"`, `"  "`}, "fullName", "required"},
		{"control char in name", [2]string{`"Nguyễn Văn An"`, `"Nguyễn\u0007An"`}, "fullName", "control"},
		{"NUL in street", [2]string{`"12 Đội Cấn"`, `"12\u0000"`}, "address.street", "control"},
		{"province 3 digits", [2]string{`"provinceCode": "01"`, `"provinceCode": "001"`}, "address.provinceCode", "2 digits"},
		{"ward letters", [2]string{`"00004"`, `"0000A"`}, "address.wardCode", "5 digits"},
		{"no address", [2]string{`"address": { "provinceCode": "01", "wardCode": "00004", "street": "12 Đội Cấn" },`, ``}, "address", "required"},
		{"card number", [2]string{`"GD4010123456789"`, `"GD9010123456789"`}, "healthInsuranceCard.number", "10-digit"},
		{"card of someone else", [2]string{`"GD4010123456789"`, `"GD4019999999999"`}, "healthInsuranceCard.number", "social insurance code"},
		{"card dates reversed", [2]string{`"2026-12-31"`, `"2025-12-31"`}, "healthInsuranceCard.validTo", "before validFrom"},
		{"card no clinic", [2]string{`"Bệnh viện Bạch Mai"`, `""`}, "healthInsuranceCard.registeredClinic", "required"},
		{"number instead of string", [2]string{`"0123456789"`, `123456789`}, "socialInsuranceCode", "must be a string"},
		{"unknown field", [2]string{`"gender": "MALE",`, `"gender": "MALE", "nickname": "An",`}, "nickname", "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(validRecord, tt.replace[0], tt.replace[1], 1)
			if bad == validRecord {
				t.Fatalf("replacement %q not found", tt.replace[0])
			}
			_, err := ParsePersonasFile(strings.NewReader(`{"persons": [` + secondRecord + `,` + bad + `]}`))
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a *RecordError", err)
			}
			if re.Index != 1 || re.Field != tt.field || !strings.Contains(re.Msg, tt.msg) {
				t.Errorf("err = %q, want persons[1].%s: …%s…", err, tt.field, tt.msg)
			}
			if strings.Contains(err.Error(), "0123456789") || strings.Contains(err.Error(), "001090012345") {
				t.Errorf("error %q leaks a personal identifier", err)
			}
		})
	}
}

func TestParsePersonasFileRefusesDuplicates(t *testing.T) {
	dupID := strings.Replace(secondRecord, `"7900000001"`, `"7900000002"`, 1)
	dupSI := strings.Replace(secondRecord, `"079185000001"`, `"079185000002"`, 1)
	for _, tc := range []struct{ name, second, want string }{
		{"same ID number", dupID, "persons[1].idNumber: same as persons[0]"},
		{"same SI code", dupSI, "persons[1].socialInsuranceCode: same as persons[0]"},
	} {
		_, err := ParsePersonasFile(strings.NewReader(`{"persons": [` + secondRecord + `,` + tc.second + `]}`))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.want)
		}
	}
}

func TestParsePersonasFileRefusesFile(t *testing.T) {
	for _, in := range []string{``, `[]`, `{}`, `{"persons": {}}`, `{"persons": []} {}`, `{"people": []}`, `{"persons": [1]}`} {
		if _, err := ParsePersonasFile(strings.NewReader(in)); err == nil {
			t.Errorf("ParsePersonasFile(%q) accepted", in)
		}
	}
	if persons, err := ParsePersonasFile(strings.NewReader(`{"persons": []}`)); err != nil || len(persons) != 0 {
		t.Errorf("empty persons array: %v, %v", persons, err)
	}
}

func TestBuiltinPersonas(t *testing.T) {
	persons, err := BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	if len(persons) < 200 {
		t.Fatalf("got %d built-in personas, want at least 200", len(persons))
	}
	example, err := ParsePersonasFile(strings.NewReader(`{"persons": [` + validRecord + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	assertPerson(t, persons[0], example[0])

	// The documented cases of README.md, on a day inside 2027–2029 when the
	// generated valid cards hold and the expired ones have lapsed.
	on := time.Date(2028, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		i        int
		name     string
		card     bool
		validNow bool
		legacy   bool
	}{
		{1, "Trần Thị Bích Ngọc", true, true, false},
		{2, "Lê Hoàng Nam", true, true, true},
		{3, "Phạm Thị Hoa", false, false, false},
		{4, "Hoàng Văn Dũng", true, false, false},
		{5, "Vũ Thị Lan", true, true, false},
	}
	for _, c := range cases {
		p := persons[c.i]
		if p.FullName != c.name || (p.Card != nil) != c.card || p.Card.ValidOn(on) != c.validNow {
			t.Errorf("persons[%d] = %s card=%v, want %s card=%v valid=%v", c.i, p.FullName, p.Card != nil, c.name, c.card, c.validNow)
		}
		if c.card && c.validNow && (len(p.Card.Number) == 15) != c.legacy {
			t.Errorf("persons[%d] card number length %d, legacy=%v", c.i, len(p.Card.Number), c.legacy)
		}
	}

	var noCard, expired, born2000s int
	for _, p := range persons[1:] {
		switch {
		case p.Card == nil:
			noCard++
		case !p.Card.ValidOn(on):
			expired++
		}
		if p.DateOfBirth.Year() >= 2000 {
			born2000s++
		}
	}
	if noCard < 15 || expired < 15 || born2000s < 5 {
		t.Errorf("built-in personas: %d without card, %d expired, %d born 2000 or later; want ≥15, ≥15, ≥5", noCard, expired, born2000s)
	}
}

func TestHealthCardValidOn(t *testing.T) {
	c := &HealthCard{
		ValidFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		ValidTo:   time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2025, 12, 31, 16, 59, 0, 0, time.UTC), false}, // 23:59 in Vietnam
		{time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC), true},   // 00:00 on 1 Jan in Vietnam
		{time.Date(2026, 12, 31, 16, 59, 0, 0, time.UTC), true},  // last day, inclusive
		{time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), false},  // 1 Jan 2027 in Vietnam
	}
	for _, tt := range tests {
		if got := c.ValidOn(tt.at); got != tt.want {
			t.Errorf("ValidOn(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	var none *HealthCard
	if none.ValidOn(time.Now()) {
		t.Error("nil card valid")
	}
}

func assertPerson(t *testing.T, got, want Person) {
	t.Helper()
	gc, wc := got.Card, want.Card
	got.Card, want.Card = nil, nil
	if got != want {
		t.Errorf("person = %+v\nwant %+v", got, want)
	}
	if (gc == nil) != (wc == nil) || (gc != nil && *gc != *wc) {
		t.Errorf("card = %+v, want %+v", gc, wc)
	}
}
