package catalogue

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// BenchmarkSnapshotPage is the domain part of a catalogue page: 20 services
// from the snapshot, without and with a search.
func BenchmarkSnapshotPage(b *testing.B) {
	s := NewSnapshot(fixture())
	for _, search := range []string{"", "cap lai the bhyt"} {
		b.Run("search="+search, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Services(ServiceQuery{Filter: ServiceFilter{Search: search}, First: 20, Lang: i18n.VI}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchUncached scores every entry for a new query each time.
func BenchmarkSearchUncached(b *testing.B) {
	s := NewSnapshot(fixture())
	se := newSearch("the bao hiem y te")
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range s.entries {
			se.score(e)
		}
	}
}
