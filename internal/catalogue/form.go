package catalogue

import (
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// FieldType is the type of a form field.
type FieldType string

// The form field types.
const (
	FieldText     FieldType = "TEXT"
	FieldNumber   FieldType = "NUMBER"
	FieldDate     FieldType = "DATE"
	FieldSelect   FieldType = "SELECT"
	FieldPhone    FieldType = "PHONE"
	FieldIDNumber FieldType = "ID_NUMBER"
	FieldAddress  FieldType = "ADDRESS"
)

// knownFieldTypes lists the field types, for validation.
var knownFieldTypes = map[FieldType]bool{
	FieldText: true, FieldNumber: true, FieldDate: true, FieldSelect: true,
	FieldPhone: true, FieldIDNumber: true, FieldAddress: true,
}

// Option is one choice of a SELECT field.
type Option struct {
	Value string    `json:"value"`
	Label i18n.Text `json:"label"`
}

// FormField is one field of a service's application form. Pattern is an RE2
// expression the whole value must match (TEXT only); Min and Max bound a
// NUMBER's value or a TEXT's length in characters.
type FormField struct {
	Name     string    `json:"name"`
	Label    i18n.Text `json:"label"`
	Type     FieldType `json:"type"`
	Required bool      `json:"required"`
	Pattern  string    `json:"pattern,omitempty"`
	Min      *float64  `json:"min,omitempty"`
	Max      *float64  `json:"max,omitempty"`
	Options  []Option  `json:"options,omitempty"`
}

// FormDefinition is the form a citizen fills in to apply for a service; the
// submitted values arrive as formData and are checked by Validate.
type FormDefinition struct {
	Fields []FormField `json:"fields"`
	// Parameters are values a handler reads from the catalogue rather than
	// from code (thresholds a decree sets), by name.
	Parameters map[string]int64 `json:"parameters,omitempty"`
}

// Parameter returns the named parameter; ok is false when the version does
// not set it.
func (d FormDefinition) Parameter(name string) (int64, bool) {
	v, ok := d.Parameters[name]
	return v, ok
}

// Field returns the field called name.
func (d FormDefinition) Field(name string) (FormField, bool) {
	for _, f := range d.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return FormField{}, false
}
