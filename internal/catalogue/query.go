package catalogue

import (
	"encoding/base64"
	"encoding/binary"
	"hash/fnv"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// MaxPageSize is the largest page a catalogue query returns.
const MaxPageSize = 100

// DefaultPageSize is the page of the services query when first is not
// given (the schema's default of first; a test keeps them equal).
const DefaultPageSize = 20

// ServiceFilter selects published services. Empty fields select everything.
type ServiceFilter struct {
	Search       string
	AgencyCode   string
	CategoryCode string
	Channel      ChannelKind
}

// ServiceQuery is one page request.
type ServiceQuery struct {
	Filter ServiceFilter
	First  int    // 0..MaxPageSize
	After  string // a cursor of a previous page of the same filter
	Lang   i18n.Lang
}

// ServicePage is one page of matching services, best match first (without a
// search: most popular first, then by name).
type ServicePage struct {
	Services    []*ServiceView
	Cursors     []string // Cursors[i] is the cursor of Services[i]
	TotalCount  int
	HasNextPage bool
	HasPrevious bool
}

// EndCursor returns the cursor of the page's last service, nil for an empty page.
func (p ServicePage) EndCursor() *string {
	if len(p.Cursors) == 0 {
		return nil
	}
	return &p.Cursors[len(p.Cursors)-1]
}

// StartCursor returns the cursor of the page's first service, nil for an empty page.
func (p ServicePage) StartCursor() *string {
	if len(p.Cursors) == 0 {
		return nil
	}
	return &p.Cursors[0]
}

// Errors for bad catalogue queries; all BAD_USER_INPUT.
var (
	ErrPageSize     = apperr.New(apperr.BadUserInput, "first must be between 0 and 100")
	ErrCursor       = apperr.New(apperr.BadUserInput, "after is not a cursor of this query")
	ErrSearchLength = apperr.New(apperr.BadUserInput, "search must be at most 200 characters")
	ErrSearchText   = apperr.New(apperr.BadUserInput, "search must be valid text without control characters")
)

// hit is one matching entry with its score.
type hit struct {
	pos   int
	score int
}

// results caches the ordered hits per filter. It is bounded: once full, new
// filters are computed on every request (a few microseconds each).
type results struct {
	m sync.Map // filter key → []hit
	n atomic.Int32
}

const maxCachedFilters = 1024

// Services answers a catalogue page from the snapshot.
func (s *Snapshot) Services(q ServiceQuery) (ServicePage, error) {
	if q.First < 0 || q.First > MaxPageSize {
		return ServicePage{}, ErrPageSize
	}
	if !valid.OK(q.Filter.Search, "safetext") {
		return ServicePage{}, ErrSearchText
	}
	if utf8.RuneCountInString(q.Filter.Search) > MaxSearchRunes {
		return ServicePage{}, ErrSearchLength
	}
	se := newSearch(q.Filter.Search)
	key := filterKey(se, q.Filter)
	hash := fnvHash(key)
	hits := s.hits(key, se, q.Filter)

	start := 0
	if q.After != "" {
		c, ok := decodeCursor(q.After, hash)
		if !ok {
			return ServicePage{}, ErrCursor
		}
		start = sort.Search(len(hits), func(i int) bool { return s.after(hits[i], c) })
	}
	end := min(start+q.First, len(hits))
	view := s.view(q.Lang)
	page := ServicePage{
		Services:    make([]*ServiceView, 0, end-start),
		Cursors:     make([]string, 0, end-start),
		TotalCount:  len(hits),
		HasNextPage: end < len(hits),
		HasPrevious: start > 0,
	}
	for _, h := range hits[start:end] {
		page.Services = append(page.Services, view.services[h.pos])
		page.Cursors = append(page.Cursors, encodeCursor(hash, h.score, s.entries[h.pos]))
	}
	return page, nil
}

// filterKey is the canonical form of a filter: equal for filters that select
// the same services in the same order.
func filterKey(se search, f ServiceFilter) string {
	return strings.Join([]string{se.phrase, f.AgencyCode, f.CategoryCode, string(f.Channel), boolKey(strings.TrimSpace(f.Search) != "")}, "\x1f")
}

func boolKey(b bool) string {
	if b {
		return "s"
	}
	return ""
}

func fnvHash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

// hits returns the entries matching the filter, in result order.
func (s *Snapshot) hits(key string, se search, f ServiceFilter) []hit {
	if v, ok := s.cache.m.Load(key); ok {
		return v.([]hit)
	}
	hits := make([]hit, 0, len(s.entries))
	searching := strings.TrimSpace(f.Search) != ""
	for _, e := range s.entries {
		if f.AgencyCode != "" && e.svc.AgencyCode != f.AgencyCode {
			continue
		}
		if f.CategoryCode != "" && e.svc.CategoryCode != f.CategoryCode {
			continue
		}
		if f.Channel != "" {
			if _, ok := e.ver.ChannelOf(f.Channel); !ok {
				continue
			}
		}
		score := 0
		if searching {
			sc, ok := se.score(e)
			if !ok || len(se.words) == 0 {
				continue
			}
			score = sc
		}
		hits = append(hits, hit{pos: e.pos, score: score})
	}
	// Entries are in catalogue order already; a stable sort by score keeps it
	// among equal scores.
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	if s.cache.n.Load() < maxCachedFilters {
		if _, loaded := s.cache.m.LoadOrStore(key, hits); !loaded {
			s.cache.n.Add(1)
		}
	}
	return hits
}

// cursor is the position after which a page starts: the sort key of the
// last service of the previous page (score, then catalogue order). It stays
// valid when the catalogue changes between pages: walking all pages never
// yields a service twice.
type cursor struct {
	score      int
	popularity int
	sortKey    string
}

// after reports whether h comes after c in result order.
func (s *Snapshot) after(h hit, c cursor) bool {
	if h.score != c.score {
		return h.score < c.score
	}
	e := s.entries[h.pos]
	if e.svc.Popularity != c.popularity {
		return e.svc.Popularity < c.popularity
	}
	return e.sortKey > c.sortKey
}

const (
	cursorMagic   = "S1"
	maxCursorSize = 1024
)

func encodeCursor(hash uint64, score int, e *entry) string {
	b := make([]byte, 0, 2+8+8+8+len(e.sortKey))
	b = append(b, cursorMagic...)
	b = binary.BigEndian.AppendUint64(b, hash)
	b = binary.BigEndian.AppendUint64(b, uint64(int64(score)))
	b = binary.BigEndian.AppendUint64(b, uint64(int64(e.svc.Popularity)))
	b = append(b, e.sortKey...)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, hash uint64) (cursor, bool) {
	if len(s) > maxCursorSize {
		return cursor{}, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 26 || string(b[:2]) != cursorMagic {
		return cursor{}, false
	}
	if binary.BigEndian.Uint64(b[2:10]) != hash {
		return cursor{}, false
	}
	return cursor{
		score:      int(int64(binary.BigEndian.Uint64(b[10:18]))),
		popularity: int(int64(binary.BigEndian.Uint64(b[18:26]))),
		sortKey:    string(b[26:]),
	}, true
}
