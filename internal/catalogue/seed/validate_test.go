package seed

import (
	"strings"
	"testing"
)

// TestValidateRejects breaks a valid catalogue one way at a time and checks
// that Validate names the problem.
func TestValidateRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(c *Catalogue)
		want   string
	}{
		{"duplicate service", func(c *Catalogue) { c.Services[1].Code = c.Services[0].Code }, "used twice"},
		{"unknown agency", func(c *Catalogue) { c.Services[0].AgencyCode = "NOPE" }, "unknown agency"},
		{"unknown category", func(c *Catalogue) { c.Services[0].CategoryCode = "NOPE" }, "unknown category"},
		{"unknown parent", func(c *Catalogue) { p := "NOPE"; c.Agencies[0].ParentCode = &p }, "unknown parent"},
		{"bad level", func(c *Catalogue) { c.Agencies[0].Level = "FEDERAL" }, "FEDERAL"},
		{"bad unit", func(c *Catalogue) { c.Services[0].Version.Channels[0].ProcessingTime.Unit = "WEEK" }, "WEEK"},
		{"bad channel", func(c *Catalogue) { c.Services[0].Version.Channels[0].Channel = "FAX" }, "FAX"},
		{"bad field type", func(c *Catalogue) { c.Services[0].Version.Form.Fields[0].Type = "EMAIL" }, "EMAIL"},
		{"bad pattern", func(c *Catalogue) { c.Services[0].Version.Form.Fields[0].Pattern = "([" }, "pattern"},
		{"select without options", func(c *Catalogue) { c.Services[0].Version.Form.Fields[1].Options = nil }, "options"},
		{"missing english", func(c *Catalogue) { c.Categories[0].Name.En = "" }, "vi and en"},
		{"accented keyword", func(c *Catalogue) { c.Services[0].Keywords = []string{"bảo hiểm"} }, "keyword"},
		{"bad date", func(c *Catalogue) { c.Services[0].Version.EffectiveFrom = "01/07/2025" }, "YYYY-MM-DD"},
		{"negative fee", func(c *Catalogue) { c.Services[0].Version.Channels[0].Fees[0].Amount = -1 }, "fee"},
		{"webhook over http", func(c *Catalogue) { c.Services[0].Handler = Handler{Kind: "WEBHOOK", URL: "http://x"} }, "https"},
		{"pays an unknown obligation", func(c *Catalogue) { c.Services[0].Version.ObligationKind = "RENT" }, "obligationKind"},
		{"pays an application fee", func(c *Catalogue) { c.Services[0].Version.ObligationKind = "APPLICATION_FEE" }, "obligationKind"},
		{"office of another agency", func(c *Catalogue) { c.Agencies[0].Offices[0].Code = "ZZZ-01" }, "agency code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load() // a fresh copy for every case
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			tc.mutate(&c)
			err = c.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate = %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}
