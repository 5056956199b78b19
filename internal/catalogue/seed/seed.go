// Package seed owns the reference catalogue that every fresh installation
// starts with: agencies and their offices, categories (lĩnh vực) and services
// with their first version, as JSON files embedded in the binary
// (agencies.json, categories.json, services.json). The catalogue package loads
// them idempotently through its store; this package only describes, embeds and
// checks them (see Validate).
//
// The JSON shape is the contract with the catalogue loader:
//
//	agencies.json   {"agencies":[Agency...]}
//	categories.json {"categories":[Category...]}
//	services.json   {"services":[Service...]}
//
// Every localized string is {"vi": "...", "en": "..."}. Dates are YYYY-MM-DD.
// Most services are written by the generator in gen/ (DVC_UNITS_FILE=path/to/units.json
// go generate ./internal/catalogue/seed); the five
// services of the seed flow (HC-REISSUE, TAX-PAYMENT, EVN-BILL-PAYMENT,
// SALES-PROMOTION-REGISTRATION, TRAFFIC-FINE-PAYMENT) are written by hand in
// gen/handwritten.go so that their definition is reviewed, not generated.
package seed

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

//go:generate go run ./gen -out .

//go:embed agencies.json categories.json services.json
var files embed.FS

// Text is a string in Vietnamese and English ({"vi": ..., "en": ...}).
type Text = i18n.Text

// Catalogue is the whole seed.
type Catalogue struct {
	Agencies   []Agency   `json:"agencies"`
	Categories []Category `json:"categories"`
	Services   []Service  `json:"services"`
}

// Agency is a state agency. Level is CENTRAL, PROVINCIAL or COMMUNE;
// ParentCode names the agency it belongs to (nil for a top-level agency).
type Agency struct {
	Code       string   `json:"code"`
	Name       Text     `json:"name"`
	Level      string   `json:"level"`
	ParentCode *string  `json:"parentCode"`
	Offices    []Office `json:"offices"`
}

// Office is a counter of an agency where applications are received and
// results returned (bộ phận tiếp nhận và trả kết quả). ProvinceCode is one of
// the 34 two-digit province codes in force since 2025-07-01. Address is the
// street address in Vietnamese.
type Office struct {
	Code         string `json:"code"`
	Name         Text   `json:"name"`
	ProvinceCode string `json:"provinceCode"`
	Address      string `json:"address"`
}

// Category is a field of public services (lĩnh vực).
type Category struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

// Service is a public service with its first published version.
// Keywords are lower-case and unaccented ("the bao hiem y te").
type Service struct {
	Code         string   `json:"code"`
	AgencyCode   string   `json:"agencyCode"`
	CategoryCode string   `json:"categoryCode"`
	Keywords     []string `json:"keywords"`
	Handler      Handler  `json:"handler"`
	Version      Version  `json:"version"`
}

// Handler binds a service to the code that processes its applications: Kind
// BUILTIN with the registered handler Name ("healthcard", "form"), or WEBHOOK
// with the partner's URL.
type Handler struct {
	Kind string `json:"kind"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// Version is what a service says and how it is processed. OnlineLevel is
// FULL (toàn trình) or PARTIAL (một phần). DeliveryMethods are COUNTER,
// POSTAL or ELECTRONIC. LegalBasis lists the legal documents, in Vietnamese.
// EffectiveFrom (and EffectiveTo, when set) are dates, YYYY-MM-DD.
type Version struct {
	Name            Text      `json:"name"`
	Summary         Text      `json:"summary"`
	Description     Text      `json:"description"`
	OnlineLevel     string    `json:"onlineLevel"`
	Channels        []Channel `json:"channels"`
	Cases           []Case    `json:"cases"`
	DeliveryMethods []string  `json:"deliveryMethods"`
	LegalBasis      []string  `json:"legalBasis"`
	Form            Form      `json:"form"`
	EffectiveFrom   string    `json:"effectiveFrom"`
	EffectiveTo     string    `json:"effectiveTo,omitempty"`
	// ObligationKind is the obligation the service pays (an obligation.Kind
	// that is Findable: TAX, ELECTRICITY_BILL, TRAFFIC_FINE) instead of
	// taking applications; empty for an application service.
	ObligationKind string `json:"obligationKind,omitempty"`
}

// Channel is one row of the channel matrix: Channel is ONLINE, COUNTER or
// POSTAL. A service without an ONLINE row is counter-only.
type Channel struct {
	Channel        string         `json:"channel"`
	ProcessingTime ProcessingTime `json:"processingTime"`
	Fees           []Money        `json:"fees"`
}

// ProcessingTime is Value units; Unit is WORKING_DAY, CALENDAR_DAY or HOUR.
type ProcessingTime struct {
	Value int    `json:"value"`
	Unit  string `json:"unit"`
}

// Money is an amount in the currency's smallest unit (VND has no minor unit).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Case is a situation the service distinguishes (trường hợp) with its
// document checklist.
type Case struct {
	Code      string     `json:"code"`
	Name      Text       `json:"name"`
	Documents []Document `json:"documents"`
}

// Document is one entry of a checklist: how many originals and copies.
type Document struct {
	// Code names the entry where an application attaches an upload for it
	// (unique in its case; empty = "D" and its position from 1).
	Code      string `json:"code,omitempty"`
	Name      Text   `json:"name"`
	Originals int    `json:"originals"`
	Copies    int    `json:"copies"`
	// Required: an online application must attach an upload for it.
	Required bool `json:"required,omitempty"`
}

// Form is the application form of a version.
type Form struct {
	Fields []FormField `json:"fields"`
	// Parameters are the values a handler reads from the catalogue rather
	// than from code (thresholds a decree sets), by name.
	Parameters map[string]int64 `json:"parameters,omitempty"`
}

// FormField is one field of a form. Type is TEXT, NUMBER, DATE, SELECT,
// PHONE, ID_NUMBER or ADDRESS. Pattern (TEXT only) is an RE2 expression the
// whole value must match; Min and Max bound a NUMBER's value or a TEXT's
// length in characters; Options are the choices of a SELECT.
type FormField struct {
	Name     string   `json:"name"`
	Label    Text     `json:"label"`
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Pattern  string   `json:"pattern,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	Options  []Option `json:"options,omitempty"`
}

// Option is one choice of a SELECT field.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Load decodes the embedded seed files and checks their integrity (Validate).
func Load() (Catalogue, error) {
	var c Catalogue
	for _, f := range []struct {
		name string
		into any
	}{
		{"agencies.json", &struct {
			Agencies *[]Agency `json:"agencies"`
		}{&c.Agencies}},
		{"categories.json", &struct {
			Categories *[]Category `json:"categories"`
		}{&c.Categories}},
		{"services.json", &struct {
			Services *[]Service `json:"services"`
		}{&c.Services}},
	} {
		if err := decode(f.name, f.into); err != nil {
			return Catalogue{}, err
		}
	}
	if err := c.Validate(); err != nil {
		return Catalogue{}, fmt.Errorf("seed catalogue: %w", err)
	}
	return c, nil
}

// decode reads one embedded file strictly: an unknown field is an error, so a
// typo in the data cannot silently drop a value.
func decode(name string, into any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read seed %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("decode seed %s: %w", name, err)
	}
	return nil
}
