package seed

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/obligation"
)

// The enumerations the seed may use (the values of the catalogue model).
var (
	Levels          = []string{"CENTRAL", "PROVINCIAL", "COMMUNE"}
	OnlineLevels    = []string{"FULL", "PARTIAL"}
	ChannelKinds    = []string{"ONLINE", "COUNTER", "POSTAL"}
	TimeUnits       = []string{"WORKING_DAY", "CALENDAR_DAY", "HOUR"}
	DeliveryMethods = []string{"COUNTER", "POSTAL", "ELECTRONIC"}
	HandlerKinds    = []string{"BUILTIN", "WEBHOOK"}
	FieldTypes      = []string{"TEXT", "NUMBER", "DATE", "SELECT", "PHONE", "ID_NUMBER", "ADDRESS"}
)

var (
	codePattern      = regexp.MustCompile(`^[A-Z0-9]+(-[A-Z0-9]+)*$`)
	fieldNamePattern = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	keywordPattern   = regexp.MustCompile(`^[a-z0-9]+( [a-z0-9]+)*$`)
)

// Validate checks the integrity of the seed: well-formed and unique codes,
// references to existing agencies and categories, every enumerated value in
// its enumeration, both languages present, dates and patterns parseable. It
// reports every problem found, not just the first.
func (c Catalogue) Validate() error {
	v := &validator{}
	agencies := map[string]bool{}
	offices := map[string]bool{}
	for _, a := range c.Agencies {
		v.code("agency", a.Code, agencies)
		v.text("agency "+a.Code+" name", a.Name)
		v.enum("agency "+a.Code+" level", a.Level, Levels)
		for _, o := range a.Offices {
			where := "office " + o.Code
			v.code("office", o.Code, offices)
			if !strings.HasPrefix(o.Code, a.Code+"-") {
				v.fail("%s: code does not start with its agency code %s", where, a.Code)
			}
			v.text(where+" name", o.Name)
			if len(o.ProvinceCode) != 2 {
				v.fail("%s: province code %q is not two digits", where, o.ProvinceCode)
			}
			if strings.TrimSpace(o.Address) == "" {
				v.fail("%s: no address", where)
			}
		}
	}
	for _, a := range c.Agencies {
		if a.ParentCode != nil && !agencies[*a.ParentCode] {
			v.fail("agency %s: unknown parent %q", a.Code, *a.ParentCode)
		}
		if a.ParentCode != nil && *a.ParentCode == a.Code {
			v.fail("agency %s: is its own parent", a.Code)
		}
	}
	categories := map[string]bool{}
	for _, cat := range c.Categories {
		v.code("category", cat.Code, categories)
		v.text("category "+cat.Code+" name", cat.Name)
	}
	services := map[string]bool{}
	for _, s := range c.Services {
		v.code("service", s.Code, services)
		v.service(s, agencies, categories)
	}
	return v.err()
}

type validator struct{ errs []error }

func (v *validator) fail(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) err() error { return errors.Join(v.errs...) }

func (v *validator) code(kind, code string, seen map[string]bool) {
	if !codePattern.MatchString(code) {
		v.fail("%s code %q is not upper-case words joined by hyphens", kind, code)
	}
	if seen[code] {
		v.fail("%s code %q is used twice", kind, code)
	}
	seen[code] = true
}

func (v *validator) text(where string, t Text) {
	if strings.TrimSpace(t.Vi) == "" || strings.TrimSpace(t.En) == "" {
		v.fail("%s: needs both vi and en", where)
	}
}

func (v *validator) enum(where, value string, allowed []string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.fail("%s: %q is not one of %v", where, value, allowed)
}

func (v *validator) date(where, value string) {
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		v.fail("%s: %q is not a YYYY-MM-DD date", where, value)
	}
}

func (v *validator) service(s Service, agencies, categories map[string]bool) {
	where := "service " + s.Code
	if !agencies[s.AgencyCode] {
		v.fail("%s: unknown agency %q", where, s.AgencyCode)
	}
	if !categories[s.CategoryCode] {
		v.fail("%s: unknown category %q", where, s.CategoryCode)
	}
	if len(s.Keywords) == 0 {
		v.fail("%s: no keywords", where)
	}
	for _, k := range s.Keywords {
		if !keywordPattern.MatchString(k) {
			v.fail("%s: keyword %q is not lower-case unaccented words", where, k)
		}
	}
	v.enum(where+" handler kind", s.Handler.Kind, HandlerKinds)
	switch s.Handler.Kind {
	case "BUILTIN":
		if s.Handler.Name == "" || s.Handler.URL != "" {
			v.fail("%s: a BUILTIN handler has a name and no url", where)
		}
	case "WEBHOOK":
		if !strings.HasPrefix(s.Handler.URL, "https://") || s.Handler.Name != "" {
			v.fail("%s: a WEBHOOK handler has an https url and no name", where)
		}
	}
	v.version(where, s.Version)
}

func (v *validator) version(where string, ver Version) {
	v.text(where+" name", ver.Name)
	v.text(where+" summary", ver.Summary)
	v.text(where+" description", ver.Description)
	v.enum(where+" online level", ver.OnlineLevel, OnlineLevels)
	if k := ver.ObligationKind; k != "" && !obligation.Kind(k).Findable() {
		v.fail("%s: obligationKind %q is not an obligation a service pays (TAX, ELECTRICITY_BILL, TRAFFIC_FINE)", where, k)
	}
	v.date(where+" effectiveFrom", ver.EffectiveFrom)
	if ver.EffectiveTo != "" {
		v.date(where+" effectiveTo", ver.EffectiveTo)
		if ver.EffectiveTo < ver.EffectiveFrom {
			v.fail("%s: effectiveTo before effectiveFrom", where)
		}
	}
	if len(ver.Channels) == 0 {
		v.fail("%s: no channel", where)
	}
	channels := map[string]bool{}
	for _, ch := range ver.Channels {
		cw := where + " channel " + ch.Channel
		v.enum(cw, ch.Channel, ChannelKinds)
		if channels[ch.Channel] {
			v.fail("%s: listed twice", cw)
		}
		channels[ch.Channel] = true
		v.enum(cw+" unit", ch.ProcessingTime.Unit, TimeUnits)
		if ch.ProcessingTime.Value <= 0 {
			v.fail("%s: processing time %d is not positive", cw, ch.ProcessingTime.Value)
		}
		if len(ch.Fees) == 0 {
			v.fail("%s: no fee (a free channel lists a fee of 0)", cw)
		}
		for _, f := range ch.Fees {
			if f.Amount < 0 || f.Currency != "VND" {
				v.fail("%s: fee %d %s is not a non-negative VND amount", cw, f.Amount, f.Currency)
			}
		}
	}
	if ver.OnlineLevel == "FULL" && !channels["ONLINE"] {
		v.fail("%s: FULL online level without an ONLINE channel", where)
	}
	if len(ver.Cases) == 0 {
		v.fail("%s: no case", where)
	}
	cases := map[string]bool{}
	for _, c := range ver.Cases {
		v.code(where+" case", c.Code, cases)
		v.text(where+" case "+c.Code+" name", c.Name)
		if len(c.Documents) == 0 {
			v.fail("%s case %s: no document", where, c.Code)
		}
		docCodes := map[string]bool{}
		for i, d := range c.Documents {
			if d.Code != "" {
				if docCodes[d.Code] {
					v.fail("%s case %s document %d: duplicate code %s", where, c.Code, i, d.Code)
				}
				docCodes[d.Code] = true
			}
			v.text(fmt.Sprintf("%s case %s document %d", where, c.Code, i), d.Name)
			if d.Originals < 0 || d.Copies < 0 || d.Originals+d.Copies == 0 {
				v.fail("%s case %s document %d: needs at least one original or copy", where, c.Code, i)
			}
		}
	}
	if len(ver.DeliveryMethods) == 0 {
		v.fail("%s: no delivery method", where)
	}
	for _, d := range ver.DeliveryMethods {
		v.enum(where+" delivery method", d, DeliveryMethods)
	}
	if len(ver.LegalBasis) == 0 {
		v.fail("%s: no legal basis", where)
	}
	v.form(where, ver.Form)
}

func (v *validator) form(where string, f Form) {
	if len(f.Fields) == 0 {
		v.fail("%s: empty form", where)
	}
	names := map[string]bool{}
	for _, fl := range f.Fields {
		fw := where + " field " + fl.Name
		if !fieldNamePattern.MatchString(fl.Name) {
			v.fail("%s: name is not lowerCamelCase", fw)
		}
		if names[fl.Name] {
			v.fail("%s: listed twice", fw)
		}
		names[fl.Name] = true
		v.text(fw+" label", fl.Label)
		v.enum(fw+" type", fl.Type, FieldTypes)
		if fl.Pattern != "" {
			if fl.Type != "TEXT" {
				v.fail("%s: pattern on a %s field", fw, fl.Type)
			}
			if _, err := regexp.Compile(fl.Pattern); err != nil {
				v.fail("%s: pattern: %v", fw, err)
			}
		}
		if (fl.Min != nil || fl.Max != nil) && fl.Type != "NUMBER" && fl.Type != "TEXT" {
			v.fail("%s: min/max on a %s field", fw, fl.Type)
		}
		if fl.Min != nil && fl.Max != nil && *fl.Min > *fl.Max {
			v.fail("%s: min above max", fw)
		}
		if (fl.Type == "SELECT") != (len(fl.Options) > 0) {
			v.fail("%s: options belong to SELECT fields, and every SELECT needs them", fw)
		}
		values := map[string]bool{}
		for _, o := range fl.Options {
			if o.Value == "" || values[o.Value] {
				v.fail("%s: option %q empty or listed twice", fw, o.Value)
			}
			values[o.Value] = true
			v.text(fw+" option "+o.Value, o.Label)
		}
	}
}
