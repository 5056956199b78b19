package graph

import (
	"strconv"
	"testing"

	"github.com/dvcportal/dvcportal/graph/generated"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// TestPageDefaultsLiveOnce: the schema's default of each connection's
// `first` is the domain's constant, which the resolver also uses when a
// client sends first: null; no default may exceed the page cap.
func TestPageDefaultsLiveOnce(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, tt := range []struct {
		typ, field string
		want       int
	}{
		{"Query", "services", catalogue.DefaultPageSize},
		{"Viewer", "applications", application.DefaultPageSize},
		{"Query", "agencyApplications", application.DefaultInboxPageSize},
		{"Viewer", "payments", payment.DefaultPageSize},
		{"Query", "agencyPayments", payment.DefaultAgencyPageSize},
		{"Viewer", "obligations", obligation.DefaultPageSize},
	} {
		f := schema.Types[tt.typ].Fields.ForName(tt.field)
		if f == nil {
			t.Fatalf("%s.%s not in the schema", tt.typ, tt.field)
		}
		arg := f.Arguments.ForName("first")
		if arg == nil || arg.DefaultValue == nil {
			t.Fatalf("%s.%s(first) has no default", tt.typ, tt.field)
		}
		got, err := strconv.Atoi(arg.DefaultValue.Raw)
		if err != nil || got != tt.want {
			t.Errorf("%s.%s(first) default = %s, want %d (the domain constant)", tt.typ, tt.field, arg.DefaultValue.Raw, tt.want)
		}
		if tt.want > relay.MaxPageSize || tt.want > catalogue.MaxPageSize {
			t.Errorf("%s.%s default %d exceeds the page cap", tt.typ, tt.field, tt.want)
		}
	}
}
