package catalogue

import (
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

func searchCodes(t *testing.T, s *Snapshot, q string) []string {
	t.Helper()
	page, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: q}, First: 100, Lang: i18n.VI})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	codes := make([]string, len(page.Services))
	for i, sv := range page.Services {
		codes[i] = sv.Code
	}
	return codes
}

func TestSearchRanking(t *testing.T) {
	s := NewSnapshot(fixture())
	tests := []struct {
		query string
		first string // the expected best match
		also  []string
		none  []string
	}{
		{query: "cap lai the bhyt", first: "HC-REISSUE"},
		{query: "Cấp lại thẻ BHYT", first: "HC-REISSUE"},
		{query: "CẤP LẠI THẺ BHYT DO MẤT, HỎNG", first: "HC-REISSUE"},
		{query: "bhyt", first: "HC-REISSUE", also: []string{"HC-FIRST", "HC-RENEW"}},
		{query: "the bao hiem y te", first: "HC-REISSUE", also: []string{"HC-FIRST", "HC-RENEW"}},
		{query: "thẻ bảo hiểm y tế", first: "HC-REISSUE"},
		{query: "health insurance card", first: "HC-REISSUE"},
		{query: "hc-reissue", first: "HC-REISSUE"},
		{query: "HCREISSUE", first: "HC-REISSUE"},
		{query: "cap lai", first: "HC-REISSUE", also: []string{"SI-BOOK"}},
		{query: "gia han", first: "HC-RENEW"},
		{query: "cap lai so bhxh", first: "SI-BOOK", none: []string{"HC-REISSUE"}},
		{query: "nop thue", first: "TAX-PAY"},
		{query: "thu", first: "TAX-PAY"}, // a prefix of "thuế"
		{query: "mau 07", first: "TAX-F07"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			codes := searchCodes(t, s, tt.query)
			if len(codes) == 0 || codes[0] != tt.first {
				t.Fatalf("search %q = %v, want %s first", tt.query, codes, tt.first)
			}
			for _, c := range tt.also {
				if !contains(codes, c) {
					t.Errorf("search %q = %v, want %s among them", tt.query, codes, c)
				}
			}
			for _, c := range tt.none {
				if contains(codes, c) {
					t.Errorf("search %q = %v, must not contain %s", tt.query, codes, c)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSearchHostileInput(t *testing.T) {
	s := NewSnapshot(fixture())
	for _, q := range []string{
		"%", "_", "%%%", "'", "\"", "' OR 1=1 --", "'; DROP TABLE catalogue_services; --",
		"\\", "*", "(", "[", "x.*", "🙂", "zzzzzz", "%thue%",
	} {
		codes := searchCodes(t, s, q)
		if q == "%thue%" {
			if len(codes) == 0 {
				t.Errorf("search %q found nothing; punctuation is ignored", q)
			}
			continue
		}
		if len(codes) != 0 {
			t.Errorf("search %q = %v, want nothing", q, codes)
		}
	}
	long := strings.Repeat("a", 10*1024)
	if _, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: long}, First: 10}); err != ErrSearchLength {
		t.Errorf("10 KB search: err = %v, want ErrSearchLength", err)
	}
	for _, bad := range []string{"a\x00b", "\xff", "line\nbreak"} {
		if _, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: bad}, First: 10}); err != ErrSearchText {
			t.Errorf("search %q: err = %v, want ErrSearchText", bad, err)
		}
	}
	// Exactly the limit is fine.
	if _, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: strings.Repeat("ả", MaxSearchRunes)}, First: 10}); err != nil {
		t.Errorf("search at the limit: %v", err)
	}
}

func TestSnapshotLookups(t *testing.T) {
	s := NewSnapshot(fixture())
	if s.Revision() != 7 {
		t.Fatalf("revision = %d", s.Revision())
	}
	if s.Service("ORPHAN", i18n.VI) != nil {
		t.Fatal("a service of an unknown agency must be left out")
	}
	sv := s.Service("HC-REISSUE", i18n.EN)
	if sv == nil || sv.Name != "Reissue of a health insurance card (lost or damaged)" || sv.Agency.Name != "Vietnam Social Security" {
		t.Fatalf("service in en = %+v", sv)
	}
	if vi := s.Service("HC-REISSUE", i18n.VI); vi.Name != "Cấp lại thẻ BHYT do mất, hỏng" || vi.Cases[0].Name != "Mất thẻ" {
		t.Fatalf("service in vi = %+v", vi)
	}
	if s.Service("NOPE", i18n.VI) != nil || s.Agency("NOPE", i18n.VI) != nil || s.Category("NOPE", i18n.VI) != nil {
		t.Fatal("unknown codes must give nil")
	}
	hn := s.Agency("BHXH-HN", i18n.VI)
	if hn.Parent == nil || hn.Parent.Code != "BHXH" || len(hn.Offices) != 1 || hn.Offices[0].ProvinceCode != "01" {
		t.Fatalf("agency = %+v", hn)
	}
	counts := map[string]int{}
	for _, c := range s.Categories(i18n.VI) {
		counts[c.Code] = c.ServiceCount
	}
	if counts["BHYT"] != 4 || counts["THUE"] != 41 {
		t.Fatalf("category counts = %v", counts)
	}
	if v, ok := s.Version("HC-REISSUE"); !ok || v.Number != 1 {
		t.Fatalf("version = %+v %v", v, ok)
	}
	if s.Office("BHXH-79-01", i18n.EN).Name != "HCMC Social Security" {
		t.Fatal("office lookup")
	}
}
