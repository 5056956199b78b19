package application_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/dvcportal/dvcportal/graph/generated"
	"github.com/dvcportal/dvcportal/internal/application"
)

// TestStatusesAgree compares the application statuses in Go, in the GraphQL
// ApplicationStatus enum and in the applications table's CHECK constraint:
// a status added in one place only fails here.
func TestStatusesAgree(t *testing.T) {
	t.Parallel()
	var inGo []string
	for _, s := range application.Statuses {
		inGo = append(inGo, string(s))
	}
	slices.Sort(inGo)

	enum := generated.NewExecutableSchema(generated.Config{}).Schema().Types["ApplicationStatus"]
	if enum == nil {
		t.Fatal("got no ApplicationStatus enum in the schema, want one")
	}
	var inGraphQL []string
	for _, v := range enum.EnumValues {
		inGraphQL = append(inGraphQL, v.Name)
	}
	slices.Sort(inGraphQL)

	db := newTestDB(t)
	var def string
	if err := db.Get(&def, `SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
		WHERE c.conrelid = 'applications'::regclass AND c.contype = 'c'
		  AND pg_get_constraintdef(c.oid) LIKE '%status%'`); err != nil {
		t.Fatalf("status CHECK of applications: %v", err)
	}
	var inSQL []string
	for _, m := range regexp.MustCompile(`'([A-Z_]+)'`).FindAllStringSubmatch(def, -1) {
		inSQL = append(inSQL, m[1])
	}
	slices.Sort(inSQL)

	if !slices.Equal(inGraphQL, inGo) {
		t.Errorf("GraphQL ApplicationStatus = %v, want the Go statuses %v", inGraphQL, inGo)
	}
	if !slices.Equal(inSQL, inGo) {
		t.Errorf("SQL CHECK of applications.status = %v (%s), want the Go statuses %v", inSQL, def, inGo)
	}
	for _, s := range application.Statuses {
		if !s.Valid() || s.Text().Vi == "" || s.Text().En == "" {
			t.Errorf("status %s: got Valid %v, text %+v; want valid with vi and en text", s, s.Valid(), s.Text())
		}
	}
}
