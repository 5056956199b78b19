package enterprise

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/sandboxfile"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

//go:embed businesses.json
var builtin []byte

// Status is an enterprise's legal status in the registry.
type Status string

// The statuses. Only an ACTIVE enterprise may apply.
const (
	Active    Status = "ACTIVE"
	Suspended Status = "SUSPENDED"
	Dissolved Status = "DISSOLVED"
)

// Address is an enterprise's head office.
type Address struct {
	ProvinceCode string `json:"provinceCode"`
	WardCode     string `json:"wardCode"`
	Street       string `json:"street"`
}

// Enterprise is one registry record.
type Enterprise struct {
	// TaxCode is the tax code / enterprise code: 10 digits with the check
	// digit, or 13 as 0123456789-001 for a branch.
	TaxCode string  `json:"taxCode"`
	Name    string  `json:"name"`
	Status  Status  `json:"status"`
	Address Address `json:"address"`
	// LegalRepresentativeIDNumber is the 12-digit personal ID number of the
	// legal representative.
	LegalRepresentativeIDNumber string `json:"legalRepresentativeIdNumber"`
}

// RecordError is a refused record of a businesses file: its index in
// "enterprises" and the field. The message never holds the value (an ID
// number is personal data).
type RecordError struct {
	Index int
	Field string
	Msg   string
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("enterprises[%d].%s: %s", e.Index, e.Field, e.Msg)
}

// ReadFile reads a businesses file; an empty path is the built-in file.
func ReadFile(path string) ([]Enterprise, error) {
	return sandboxfile.Read(path, builtin, "businesses file", Parse)
}

// maxName bounds a name and a street, in characters.
const maxName = 300

// Parse decodes and validates a businesses file: unknown fields, a bad
// record or a tax code listed twice refuse the whole file (a RecordError).
func Parse(r io.Reader) ([]Enterprise, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var file struct {
		Enterprises []Enterprise `json:"enterprises"`
	}
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("decode businesses file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("decode businesses file: trailing data after the object")
	}
	provinces, err := provinceCodes()
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i, e := range file.Enterprises {
		if err := check(e, provinces); err != nil {
			err.Index = i
			return nil, err
		}
		if j, dup := seen[e.TaxCode]; dup {
			return nil, &RecordError{Index: i, Field: "taxCode", Msg: fmt.Sprintf("listed twice (also enterprises[%d])", j)}
		}
		seen[e.TaxCode] = i
	}
	return file.Enterprises, nil
}

func provinceCodes() (map[string]bool, error) {
	units, err := geo.BuiltinProvinces()
	if err != nil {
		return nil, fmt.Errorf("provinces: %w", err)
	}
	out := make(map[string]bool, len(units))
	for _, u := range units {
		out[u.Code] = true
	}
	return out, nil
}

func check(e Enterprise, provinces map[string]bool) *RecordError {
	bad := func(field, msg string) *RecordError { return &RecordError{Field: field, Msg: msg} }
	switch {
	case !vnid.ValidTaxCode(e.TaxCode):
		return bad("taxCode", "must be 10 digits with a valid check digit, or 13 as 0123456789-001")
	case !text(e.Name):
		return bad("name", "must be 1 to 300 characters")
	case e.Status != Active && e.Status != Suspended && e.Status != Dissolved:
		return bad("status", "must be ACTIVE, SUSPENDED or DISSOLVED")
	case !provinces[e.Address.ProvinceCode]:
		return bad("address.provinceCode", "must be one of the 34 province codes")
	case len(e.Address.WardCode) != 5 || strings.Trim(e.Address.WardCode, "0123456789") != "":
		return bad("address.wardCode", "must be 5 digits")
	case !text(e.Address.Street):
		return bad("address.street", "must be 1 to 300 characters")
	case !vnid.ValidIDNumberFormat(e.LegalRepresentativeIDNumber):
		return bad("legalRepresentativeIdNumber", "must be a 12-digit ID number")
	}
	return nil
}

func text(s string) bool {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	return utf8.ValidString(s) && n > 0 && n <= maxName
}
