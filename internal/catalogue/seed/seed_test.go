package seed_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/geo"
)

// provinceCodes returns the codes of the 34 provinces and centrally-run
// cities in force since 2025-07-01 (geo's built-in list).
func provinceCodes(t *testing.T) []string {
	t.Helper()
	ps, err := geo.BuiltinProvinces()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 34 {
		t.Fatalf("%d built-in provinces, want 34", len(ps))
	}
	codes := make([]string, len(ps))
	for i, p := range ps {
		codes[i] = p.Code
	}
	return codes
}

func load(t *testing.T) seed.Catalogue {
	t.Helper()
	c, err := seed.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoadSizes(t *testing.T) {
	c := load(t)
	if n := len(c.Agencies); n < 20 {
		t.Errorf("%d agencies, want at least 20", n)
	}
	if n := len(c.Categories); n < 25 {
		t.Errorf("%d categories, want at least 25", n)
	}
	if n := len(c.Services); n < 200 {
		t.Errorf("%d services, want at least 200", n)
	}
}

func TestOfficesAreInTheProvinces(t *testing.T) {
	c := load(t)
	known := map[string]bool{}
	for _, p := range provinceCodes(t) {
		known[p] = true
	}
	for _, a := range c.Agencies {
		for _, o := range a.Offices {
			if !known[o.ProvinceCode] {
				t.Errorf("office %s: province %q is not one of the 34", o.Code, o.ProvinceCode)
			}
		}
	}
}

func TestSocialSecurityHasAnOfficeInEveryProvince(t *testing.T) {
	c := load(t)
	covered := map[string]bool{}
	for _, a := range c.Agencies {
		if a.Code != "BHXH" {
			continue
		}
		for _, o := range a.Offices {
			covered[o.ProvinceCode] = true
		}
	}
	for _, p := range provinceCodes(t) {
		if !covered[p] {
			t.Errorf("BHXH has no office in province %s", p)
		}
	}
}

func TestEveryAgencyHasAnOfficeAndAService(t *testing.T) {
	c := load(t)
	services := map[string]int{}
	for _, s := range c.Services {
		services[s.AgencyCode]++
	}
	for _, a := range c.Agencies {
		if len(a.Offices) == 0 {
			t.Errorf("agency %s has no office", a.Code)
		}
		if services[a.Code] == 0 {
			t.Errorf("agency %s has no service", a.Code)
		}
	}
}

func TestNamesAreDistinct(t *testing.T) {
	c := load(t)
	seen := map[string]string{}
	for _, s := range c.Services {
		for _, name := range []string{s.Version.Name.Vi, s.Version.Name.En} {
			key := strings.ToLower(name)
			if other, ok := seen[key]; ok {
				t.Errorf("services %s and %s share the name %q", other, s.Code, name)
			}
			seen[key] = s.Code
		}
	}
}

func TestVarietyOfTheCatalogue(t *testing.T) {
	c := load(t)
	units := map[string]int{}
	var counterOnly, partial, paid int
	for _, s := range c.Services {
		online := false
		for _, ch := range s.Version.Channels {
			units[ch.ProcessingTime.Unit]++
			online = online || ch.Channel == "ONLINE"
			for _, f := range ch.Fees {
				if f.Amount > 0 {
					paid++
				}
			}
		}
		if !online {
			counterOnly++
		}
		if s.Version.OnlineLevel == "PARTIAL" {
			partial++
		}
	}
	for _, u := range seed.TimeUnits {
		if units[u] == 0 {
			t.Errorf("no channel uses unit %s", u)
		}
	}
	if counterOnly == 0 || partial == 0 || paid == 0 {
		t.Errorf("counter-only %d, partial %d, paid channels %d: want some of each", counterOnly, partial, paid)
	}
}

func service(t *testing.T, c seed.Catalogue, code string) seed.Service {
	t.Helper()
	for _, s := range c.Services {
		if s.Code == code {
			return s
		}
	}
	t.Fatalf("service %s not in the seed", code)
	return seed.Service{}
}

func TestSeedFlowServices(t *testing.T) {
	c := load(t)
	for _, tc := range []struct{ code, agency string }{
		{"HC-REISSUE", "BHXH"},
		{"TAX-PAYMENT", "THUE"},
		{"EVN-BILL-PAYMENT", "EVN"},
		{"SALES-PROMOTION-REGISTRATION", "XTTM"},
		{"TRAFFIC-FINE-PAYMENT", "CSGT"},
	} {
		s := service(t, c, tc.code)
		if s.AgencyCode != tc.agency {
			t.Errorf("%s: agency %s, want %s", tc.code, s.AgencyCode, tc.agency)
		}
		wantHandler := seed.Handler{Kind: "BUILTIN", Name: "form"}
		switch tc.code {
		case "HC-REISSUE":
			wantHandler.Name = "healthcard"
		case "SALES-PROMOTION-REGISTRATION":
			wantHandler.Name = "salespromotion"
		}
		if s.Handler != wantHandler {
			t.Errorf("%s: handler %+v, want %+v", tc.code, s.Handler, wantHandler)
		}
		// The payment services pay what the agency holds: their form is the
		// lookup (findObligations), never a free amount.
		lookup := map[string]string{"TAX-PAYMENT": "taxCode", "EVN-BILL-PAYMENT": "customerCode", "TRAFFIC-FINE-PAYMENT": "decisionNumber"}
		fields := map[string]bool{}
		for _, f := range s.Version.Form.Fields {
			fields[f.Name] = true
		}
		switch want, pays := lookup[tc.code]; {
		case pays && (!fields[want] || fields["amount"]):
			t.Errorf("%s: form fields %v, want the lookup field %s and no amount", tc.code, fields, want)
		case !pays && len(fields) < 2:
			t.Errorf("%s: form has %d fields", tc.code, len(fields))
		}
	}
}

func TestHealthCardReissue(t *testing.T) {
	s := service(t, load(t), "HC-REISSUE")
	v := s.Version
	if v.Name.Vi != "Cấp lại thẻ BHYT do mất, hỏng" || v.OnlineLevel != "FULL" {
		t.Errorf("name %q, online level %s", v.Name.Vi, v.OnlineLevel)
	}
	online := v.Channels[0]
	want := seed.Channel{Channel: "ONLINE", ProcessingTime: seed.ProcessingTime{Value: 5, Unit: "WORKING_DAY"},
		Fees: []seed.Money{{Amount: 0, Currency: "VND"}}}
	if !reflect.DeepEqual(online, want) {
		t.Errorf("online channel %+v, want %+v", online, want)
	}
	for _, ch := range v.Channels {
		for _, f := range ch.Fees {
			if f.Amount != 0 {
				t.Errorf("channel %s charges %d", ch.Channel, f.Amount)
			}
		}
	}
	var cases []string
	for _, c := range v.Cases {
		cases = append(cases, c.Code)
	}
	if !reflect.DeepEqual(cases, []string{"LOST", "DAMAGED"}) {
		t.Errorf("cases %v", cases)
	}
	if !reflect.DeepEqual(v.DeliveryMethods, []string{"COUNTER", "POSTAL"}) {
		t.Errorf("delivery methods %v", v.DeliveryMethods)
	}
	fields := v.Form.Fields
	if len(fields) != 2 {
		t.Fatalf("form fields %+v", fields)
	}
	if f := fields[0]; f.Name != "socialInsuranceCode" || f.Type != "TEXT" || !f.Required || f.Pattern != `^[0-9]{10}$` {
		t.Errorf("first field %+v", f)
	}
	f := fields[1]
	var options []string
	for _, o := range f.Options {
		options = append(options, o.Value)
	}
	if f.Name != "reason" || f.Type != "SELECT" || !f.Required || !reflect.DeepEqual(options, []string{"LOST", "DAMAGED"}) {
		t.Errorf("second field %+v", f)
	}
	if v.EffectiveFrom != "2025-07-01" {
		t.Errorf("effective from %s", v.EffectiveFrom)
	}
}

// Every province's Department of Industry and Trade registers promotions in
// its province and receives their notifications; their required documents
// have codes.
func TestSeedPromotionServicesPerProvince(t *testing.T) {
	c := load(t)
	provinces := map[string]bool{}
	for _, a := range c.Agencies {
		for _, o := range a.Offices {
			provinces[o.ProvinceCode] = true
		}
	}
	for _, kind := range []string{"SALES-PROMOTION-REGISTRATION-", "SALES-PROMOTION-NOTIFICATION-"} {
		n := 0
		for _, s := range c.Services {
			if !strings.HasPrefix(s.Code, kind) {
				continue
			}
			n++
			if want := "SCT-" + strings.TrimPrefix(s.Code, kind); s.AgencyCode != want {
				t.Errorf("%s: agency %s, want %s", s.Code, s.AgencyCode, want)
			}
			for _, cs := range s.Version.Cases {
				for _, d := range cs.Documents {
					if d.Required && d.Code == "" {
						t.Errorf("%s case %s: a required document without a code", s.Code, cs.Code)
					}
				}
			}
		}
		if n != 34 {
			t.Errorf("%s*: %d services, want 34", kind, n)
		}
	}
}
