package population

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dvcportal/dvcportal/internal/sandboxfile"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

//go:embed personas.json
var builtinPersonas []byte

// BuiltinPersonas returns the personas of the built-in personas file.
func BuiltinPersonas() ([]Person, error) { return ReadPersonas("") }

// ReadPersonas returns the personas of the file at path (SANDBOX_PERSONAS),
// or the built-in ones when path is empty.
func ReadPersonas(path string) ([]Person, error) {
	return sandboxfile.Read(path, builtinPersonas, "personas file", ParsePersonasFile)
}

// RecordError is a refused record of a personas file: which record (its
// index in "persons") and which field. The message never contains the
// field's value (personal data).
type RecordError struct {
	Index int
	Field string // JSON path inside the record, e.g. "healthInsuranceCard.validTo"
	Msg   string
}

func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("persons[%d]: %s", e.Index, e.Msg)
	}
	return fmt.Sprintf("persons[%d].%s: %s", e.Index, e.Field, e.Msg)
}

// personasFile is the JSON shape of a personas file (contract/running.md).
type personasFile struct {
	Persons []json.RawMessage `json:"persons"`
}

type personJSON struct {
	IDNumber            string       `json:"idNumber"`
	FullName            string       `json:"fullName"`
	DateOfBirth         string       `json:"dateOfBirth"`
	Gender              string       `json:"gender"`
	Phone               string       `json:"phone"`
	SocialInsuranceCode string       `json:"socialInsuranceCode"`
	Address             *addressJSON `json:"address"`
	HealthInsuranceCard *cardJSON    `json:"healthInsuranceCard,omitempty"`
}

type addressJSON struct {
	ProvinceCode string `json:"provinceCode"`
	WardCode     string `json:"wardCode"`
	Street       string `json:"street"`
}

type cardJSON struct {
	Number           string `json:"number"`
	ValidFrom        string `json:"validFrom"`
	ValidTo          string `json:"validTo"`
	RegisteredClinic string `json:"registeredClinic"`
}

// ParsePersonasFile reads a personas file ({"persons": [...]}, the format of
// contract/running.md) and returns its persons with phones normalised to
// +84 and names to NFC. The whole file is refused at the first bad record,
// with a *RecordError naming the record's index and field, e.g.
// "persons[17].socialInsuranceCode: must be 10 digits". Unknown fields,
// duplicate ID numbers and duplicate social insurance codes are refused too.
func ParsePersonasFile(r io.Reader) ([]Person, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f personasFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode personas file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("decode personas file: data after the top-level object")
	}
	if f.Persons == nil {
		return nil, errors.New("personas file: no \"persons\" array")
	}
	persons := make([]Person, 0, len(f.Persons))
	byID := make(map[string]int, len(f.Persons))
	bySI := make(map[string]int, len(f.Persons))
	for i, raw := range f.Persons {
		p, err := parsePerson(i, raw)
		if err != nil {
			return nil, err
		}
		if j, dup := byID[p.IDNumber]; dup {
			return nil, &RecordError{i, "idNumber", fmt.Sprintf("same as persons[%d]", j)}
		}
		if j, dup := bySI[p.SocialInsuranceCode]; dup {
			return nil, &RecordError{i, "socialInsuranceCode", fmt.Sprintf("same as persons[%d]", j)}
		}
		byID[p.IDNumber], bySI[p.SocialInsuranceCode] = i, i
		persons = append(persons, p)
	}
	return persons, nil
}

func parsePerson(i int, raw json.RawMessage) (Person, error) {
	bad := func(field, msg string) (Person, error) { return Person{}, &RecordError{i, field, msg} }

	var in personJSON
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return bad(te.Field, "must be a "+te.Type.String())
		}
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return bad(strings.Trim(name, `"`), "unknown field")
		}
		return bad("", "must be a JSON object")
	}

	p := Person{
		IDNumber:            in.IDNumber,
		FullName:            norm.NFC.String(strings.TrimSpace(in.FullName)),
		Gender:              in.Gender,
		SocialInsuranceCode: in.SocialInsuranceCode,
	}
	if msg := textProblem(p.FullName, 100); msg != "" {
		return bad("fullName", msg)
	}
	dob, err := parseDate(in.DateOfBirth)
	if err != nil {
		return bad("dateOfBirth", "must be a date YYYY-MM-DD")
	}
	if dob.Year() < 1900 {
		return bad("dateOfBirth", "must be 1900 or later")
	}
	if dob.After(time.Now()) {
		return bad("dateOfBirth", "must not be in the future")
	}
	p.DateOfBirth = dob
	if p.Gender != vnid.Male && p.Gender != vnid.Female {
		return bad("gender", "must be MALE or FEMALE")
	}
	if err := vnid.ValidateIDNumber(p.IDNumber, dob, p.Gender); err != nil {
		return bad("idNumber", idNumberProblem(err))
	}
	if p.Phone, err = vnid.NormalizeMobile(in.Phone); err != nil {
		return bad("phone", "must be a Vietnamese mobile number (0 or +84 followed by 9 digits)")
	}
	if !vnid.ValidSocialInsuranceCode(p.SocialInsuranceCode) {
		return bad("socialInsuranceCode", "must be 10 digits")
	}

	if in.Address == nil {
		return bad("address", "is required")
	}
	p.Address = Address{
		ProvinceCode: in.Address.ProvinceCode,
		WardCode:     in.Address.WardCode,
		Street:       norm.NFC.String(strings.TrimSpace(in.Address.Street)),
	}
	if !digits(p.Address.ProvinceCode, 2) {
		return bad("address.provinceCode", "must be 2 digits")
	}
	if !digits(p.Address.WardCode, 5) {
		return bad("address.wardCode", "must be 5 digits")
	}
	if msg := textProblem(p.Address.Street, 200); msg != "" {
		return bad("address.street", msg)
	}

	if c := in.HealthInsuranceCard; c != nil {
		card := HealthCard{Number: c.Number, RegisteredClinic: norm.NFC.String(strings.TrimSpace(c.RegisteredClinic))}
		code, ok := vnid.HealthCardCode(card.Number)
		if !ok {
			return bad("healthInsuranceCard.number", "must be a 10-digit code or the 15-character legacy form")
		}
		if code != p.SocialInsuranceCode {
			return bad("healthInsuranceCard.number", "must end in the social insurance code")
		}
		if card.ValidFrom, err = parseDate(c.ValidFrom); err != nil {
			return bad("healthInsuranceCard.validFrom", "must be a date YYYY-MM-DD")
		}
		if card.ValidTo, err = parseDate(c.ValidTo); err != nil {
			return bad("healthInsuranceCard.validTo", "must be a date YYYY-MM-DD")
		}
		if card.ValidTo.Before(card.ValidFrom) {
			return bad("healthInsuranceCard.validTo", "must not be before validFrom")
		}
		if msg := textProblem(card.RegisteredClinic, 200); msg != "" {
			return bad("healthInsuranceCard.registeredClinic", msg)
		}
		p.Card = &card
	}
	return p, nil
}

func idNumberProblem(err error) string {
	switch {
	case errors.Is(err, vnid.ErrIDNumberFormat):
		return "must be 12 digits"
	case errors.Is(err, vnid.ErrIDNumberProvince):
		return "must start with a birth-province code"
	case errors.Is(err, vnid.ErrIDNumberCentury):
		return "century digit does not match dateOfBirth"
	case errors.Is(err, vnid.ErrIDNumberSex):
		return "sex digit does not match gender"
	case errors.Is(err, vnid.ErrIDNumberYear):
		return "year digits do not match dateOfBirth"
	default:
		return err.Error()
	}
}

func parseDate(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, s)
}

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// textProblem says what is wrong with a required free-text value, or "".
func textProblem(s string, maxRunes int) string {
	switch {
	case s == "":
		return "is required"
	case !utf8.ValidString(s):
		return "must be valid UTF-8"
	case utf8.RuneCountInString(s) > maxRunes:
		return fmt.Sprintf("must be at most %d characters", maxRunes)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "must not contain control characters"
		}
	}
	return ""
}
