package vnid

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestValidateIDNumber(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		dob    time.Time
		gender string
		want   error
	}{
		{"running.md persona", "001090012345", date(1990, 5, 12), Male, nil},
		{"female 20th century", "079190000001", date(1990, 1, 1), Female, nil},
		{"male 21st century", "096205123456", date(2005, 12, 31), Male, nil},
		{"female 21st century", "048300000000", date(2000, 1, 1), Female, nil},
		{"1900 is 20th century (circular)", "001000000001", date(1900, 6, 1), Male, nil},
		{"1999", "001099000001", date(1999, 6, 1), Male, nil},
		{"22nd century", "001400000001", date(2100, 1, 1), Male, nil},
		{"23rd century female", "001701000001", date(2201, 1, 1), Female, nil},
		{"24th century", "001899000001", date(2399, 1, 1), Male, nil},
		{"no gender given checks century only", "001190012345", date(1990, 5, 12), "", nil},

		{"11 digits", "00109001234", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"13 digits", "0010900123456", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"letter", "00109001234A", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"sign", "-01090012345", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"decimal point", "00109001234.", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"space", " 01090012345", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"arabic-indic digits", "٠٠١٠٩٠٠١٢٣٤٥", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"fullwidth digits", "００１０９００１２３４５", date(1990, 5, 12), Male, ErrIDNumberFormat},
		{"empty", "", date(1990, 5, 12), Male, ErrIDNumberFormat},

		{"province 000", "000090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},
		{"province gap 003", "003090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},
		{"province gap 050", "050090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},
		{"province gap 078", "078090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},
		{"province 097 beyond Ca Mau", "097090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},
		{"post-2025 two-digit code padded", "101090012345", date(1990, 5, 12), Male, ErrIDNumberProvince},

		{"21st-century digit for 1990", "001290012345", date(1990, 5, 12), Male, ErrIDNumberCentury},
		{"20th-century digit for 2005", "001005012345", date(2005, 5, 12), Male, ErrIDNumberCentury},
		{"female digit, male gender", "001190012345", date(1990, 5, 12), Male, ErrIDNumberSex},
		{"male digit, female gender", "001090012345", date(1990, 5, 12), Female, ErrIDNumberSex},
		{"year digits differ", "001091012345", date(1990, 5, 12), Male, ErrIDNumberYear},
		{"year digits swapped", "001009012345", date(1990, 5, 12), Male, ErrIDNumberYear},
		{"born before 1900", "001899012345", date(1899, 5, 12), Male, ErrBirthYear},
		{"zero date", "001090012345", time.Time{}, Male, ErrBirthYear},
		{"unknown gender", "001090012345", date(1990, 5, 12), "male", ErrGender},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateIDNumber(tt.id, tt.dob, tt.gender)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ValidateIDNumber(%q, %s, %q) = %v, want %v", tt.id, tt.dob.Format(time.DateOnly), tt.gender, err, tt.want)
			}
		})
	}
}

func TestValidIDNumberFormat(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"001090012345", true},
		{"999999999999", true}, // shape only: no province check
		{"00109001234", false},
		{"0010900123456", false},
		{"-01090012345", false},
		{"1.1090012345", false},
		{"00109001234\x00", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidIDNumberFormat(tt.id); got != tt.want {
			t.Errorf("ValidIDNumberFormat(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestIDNumberPrefix(t *testing.T) {
	tests := []struct {
		province string
		dob      time.Time
		gender   string
		want     string
		err      error
	}{
		{"001", date(1990, 5, 12), Male, "001090", nil},
		{"079", date(1985, 1, 2), Female, "079185", nil},
		{"096", date(2004, 1, 2), Male, "096204", nil},
		{"048", date(2010, 1, 2), Female, "048310", nil},
		{"003", date(1990, 1, 1), Male, "", ErrIDNumberProvince},
		{"001", date(1850, 1, 1), Male, "", ErrBirthYear},
		{"001", date(1990, 1, 1), "", "", ErrGender},
	}
	for _, tt := range tests {
		got, err := IDNumberPrefix(tt.province, tt.dob, tt.gender)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("IDNumberPrefix(%q, %d, %q) = %q, %v; want %q, %v", tt.province, tt.dob.Year(), tt.gender, got, err, tt.want, tt.err)
		}
		if err == nil {
			if verr := ValidateIDNumber(got+"000123", tt.dob, tt.gender); verr != nil {
				t.Errorf("prefix %q does not validate: %v", got, verr)
			}
		}
	}
}

func TestBirthProvinceCodes(t *testing.T) {
	codes := BirthProvinceCodes()
	if len(codes) != 63 {
		t.Fatalf("got %d birth-province codes, want 63", len(codes))
	}
	if codes[0] != "001" || codes[62] != "096" {
		t.Errorf("first/last = %s/%s, want 001/096", codes[0], codes[62])
	}
	absent := []string{"000", "003", "005", "007", "009", "013", "016", "018", "021", "023", "028", "029",
		"032", "039", "041", "043", "047", "050", "053", "055", "057", "059", "061", "063", "065",
		"069", "071", "073", "076", "078", "081", "085", "088", "090", "097", "099"}
	for _, c := range absent {
		if _, ok := BirthProvince(c); ok {
			t.Errorf("BirthProvince(%q) accepted, want refused", c)
		}
	}
	for code, want := range map[string]string{"001": "Hà Nội", "079": "Hồ Chí Minh", "096": "Cà Mau", "046": "Thừa Thiên Huế", "067": "Đắk Nông"} {
		if got, ok := BirthProvince(code); !ok || got != want {
			t.Errorf("BirthProvince(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
}

func TestErrorsDoNotContainNumber(t *testing.T) {
	id := "001290012345"
	err := ValidateIDNumber(id, date(1990, 5, 12), Male)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, part := range []string{id, "012345"} {
		if strings.Contains(err.Error(), part) {
			t.Errorf("error %q leaks %q", err, part)
		}
	}
}
