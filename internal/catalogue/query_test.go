package catalogue

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// walk pages through a query and returns the codes in order.
func walk(t *testing.T, s *Snapshot, f ServiceFilter, first int) (codes []string, total int) {
	t.Helper()
	after := ""
	for range 1000 {
		page, err := s.Services(ServiceQuery{Filter: f, First: first, After: after, Lang: i18n.VI})
		if err != nil {
			t.Fatalf("page after %q: %v", after, err)
		}
		total = page.TotalCount
		for _, sv := range page.Services {
			codes = append(codes, sv.Code)
		}
		if !page.HasNextPage {
			return codes, total
		}
		after = *page.EndCursor()
	}
	t.Fatal("paging does not end")
	return nil, 0
}

func TestPagingYieldsEachServiceOnce(t *testing.T) {
	s := NewSnapshot(fixture())
	filters := []ServiceFilter{
		{},
		{Search: "thue"},
		{Search: "bhyt"},
		{AgencyCode: "BHXH"},
		{CategoryCode: "THUE", Search: "khai"},
		{Channel: Counter},
	}
	for _, f := range filters {
		all, total := walk(t, s, f, 100)
		if len(all) != total {
			t.Fatalf("%+v: one page of 100 has %d, total %d", f, len(all), total)
		}
		for _, size := range []int{1, 3, 7, 20} {
			got, _ := walk(t, s, f, size)
			if len(got) != len(all) {
				t.Fatalf("%+v size %d: %d services, want %d", f, size, len(got), len(all))
			}
			for i := range got {
				if got[i] != all[i] {
					t.Fatalf("%+v size %d: order differs at %d: %s vs %s", f, size, i, got[i], all[i])
				}
			}
		}
	}
	if all, _ := walk(t, s, ServiceFilter{}, 100); len(all) != 45 || all[0] != "HC-REISSUE" {
		t.Fatalf("whole catalogue: %d services, first %v", len(all), all[:1])
	}
	if got, _ := walk(t, s, ServiceFilter{Channel: Counter}, 10); len(got) != 1 || got[0] != "HC-REISSUE" {
		t.Fatalf("channel filter = %v", got)
	}
	if got, total := walk(t, s, ServiceFilter{AgencyCode: "NOPE"}, 10); len(got) != 0 || total != 0 {
		t.Fatalf("unknown agency = %v", got)
	}
}

func TestPagingAcrossSnapshots(t *testing.T) {
	// A cursor from one snapshot keeps working on the next: a service
	// published between two pages never makes another appear twice.
	d := fixture()
	s1 := NewSnapshot(d)
	p1, err := s1.Services(ServiceQuery{First: 10, Lang: i18n.VI})
	if err != nil {
		t.Fatal(err)
	}
	d.Services = d.Services[1:] // the first service is withdrawn
	s2 := NewSnapshot(d)
	p2, err := s2.Services(ServiceQuery{First: 100, After: *p1.EndCursor(), Lang: i18n.VI})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, sv := range append(p1.Services, p2.Services...) {
		if seen[sv.Code] {
			t.Fatalf("%s seen twice", sv.Code)
		}
		seen[sv.Code] = true
	}
	if len(seen) != 45 {
		t.Fatalf("saw %d services, want 45", len(seen))
	}
}

func TestBadPageRequests(t *testing.T) {
	s := NewSnapshot(fixture())
	other, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: "thue"}, First: 2})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    ServiceQuery
		want error
	}{
		{"first -1", ServiceQuery{First: -1}, ErrPageSize},
		{"first 101", ServiceQuery{First: 101}, ErrPageSize},
		{"garbage cursor", ServiceQuery{First: 5, After: "garbage!"}, ErrCursor},
		{"base64 garbage", ServiceQuery{First: 5, After: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, ErrCursor},
		{"another query's cursor", ServiceQuery{First: 5, Filter: ServiceFilter{Search: "bhyt"}, After: *other.EndCursor()}, ErrCursor},
		{"huge cursor", ServiceQuery{First: 5, After: string(make([]byte, 5000))}, ErrCursor},
	}
	for _, tt := range tests {
		if _, err := s.Services(tt.q); err != tt.want {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	page, err := s.Services(ServiceQuery{First: 0})
	if err != nil || len(page.Services) != 0 || page.TotalCount != 45 || !page.HasNextPage || page.EndCursor() != nil {
		t.Fatalf("first 0: %+v %v", page, err)
	}
	// The same search with other diacritics or case shares its cursors.
	p1, _ := s.Services(ServiceQuery{Filter: ServiceFilter{Search: "Thuế"}, First: 2})
	if _, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: "THUE"}, First: 2, After: *p1.EndCursor()}); err != nil {
		t.Fatalf("equivalent search: %v", err)
	}
}
