package catalogue

import (
	"sort"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

// Published is a published service with its current version.
type Published struct {
	Service Service
	Version ServiceVersion
}

// SnapshotData is what a Snapshot is built from: the whole public catalogue
// at one revision.
type SnapshotData struct {
	Revision   int64
	Agencies   []Agency
	Offices    []Office
	Categories []Category
	Services   []Published // PUBLISHED services only
}

// Snapshot is an immutable, in-memory copy of the public catalogue at one
// revision, with localized views and a folded search index. All its methods
// are safe for concurrent use and run no SQL.
type Snapshot struct {
	revision int64
	entries  []*entry // in catalogue order (see entry.less)
	byCode   map[string]*entry
	views    map[i18n.Lang]*localized
	cache    results
}

// localized holds the views of one language, index-aligned with entries.
type localized struct {
	services       []*ServiceView
	serviceByCode  map[string]*ServiceView
	agencies       []*AgencyView
	agencyByCode   map[string]*AgencyView
	categories     []*CategoryView
	categoryByCode map[string]*CategoryView
	offices        map[string]*OfficeView
}

// languages are the languages a snapshot prepares views for.
var languages = []i18n.Lang{i18n.VI, i18n.EN}

// NewSnapshot builds a Snapshot from d. Services whose agency or category is
// not in d are left out (the foreign keys make that impossible for data read
// from the database).
func NewSnapshot(d SnapshotData) *Snapshot {
	agencies := map[string]bool{}
	for _, a := range d.Agencies {
		agencies[a.Code] = true
	}
	categories := map[string]Category{}
	for _, c := range d.Categories {
		categories[c.Code] = c
	}
	agencyNames := map[string]i18n.Text{}
	for _, a := range d.Agencies {
		agencyNames[a.Code] = a.Name
	}

	s := &Snapshot{revision: d.Revision, byCode: map[string]*entry{}, views: map[i18n.Lang]*localized{}}
	for _, p := range d.Services {
		if !agencies[p.Service.AgencyCode] {
			continue
		}
		if _, ok := categories[p.Service.CategoryCode]; !ok {
			continue
		}
		e := newEntry(p, agencyNames[p.Service.AgencyCode], categories[p.Service.CategoryCode].Name)
		s.entries = append(s.entries, e)
	}
	sort.Slice(s.entries, func(i, j int) bool { return s.entries[i].less(s.entries[j]) })
	for i, e := range s.entries {
		e.pos = i
		s.byCode[e.code] = e
	}
	for _, lang := range languages {
		s.views[lang] = s.localize(d, lang)
	}
	return s
}

func (s *Snapshot) localize(d SnapshotData, lang i18n.Lang) *localized {
	l := &localized{
		serviceByCode:  map[string]*ServiceView{},
		agencyByCode:   map[string]*AgencyView{},
		categoryByCode: map[string]*CategoryView{},
		offices:        map[string]*OfficeView{},
	}
	for _, a := range d.Agencies {
		av := &AgencyView{ID: AgencyID(a.Code), Code: a.Code, Name: a.Name.In(lang), Level: a.Level}
		l.agencies = append(l.agencies, av)
		l.agencyByCode[a.Code] = av
	}
	for i, a := range d.Agencies {
		if a.ParentCode != "" {
			l.agencies[i].Parent = l.agencyByCode[a.ParentCode]
		}
	}
	sort.SliceStable(l.agencies, func(i, j int) bool { return l.agencies[i].Code < l.agencies[j].Code })
	for _, o := range d.Offices {
		ov := &OfficeView{Code: o.Code, AgencyCode: o.AgencyCode, ProvinceCode: o.ProvinceCode, Name: o.Name.In(lang), Address: o.Address}
		l.offices[o.Code] = ov
		if av := l.agencyByCode[o.AgencyCode]; av != nil {
			av.Offices = append(av.Offices, ov)
		}
	}
	for _, av := range l.agencies {
		sort.Slice(av.Offices, func(i, j int) bool { return av.Offices[i].Code < av.Offices[j].Code })
	}
	for _, c := range d.Categories {
		cv := &CategoryView{ID: CategoryID(c.Code), Code: c.Code, Name: c.Name.In(lang)}
		l.categories = append(l.categories, cv)
		l.categoryByCode[c.Code] = cv
	}
	sort.SliceStable(l.categories, func(i, j int) bool { return l.categories[i].Code < l.categories[j].Code })
	l.services = make([]*ServiceView, len(s.entries))
	for i, e := range s.entries {
		cv := l.categoryByCode[e.svc.CategoryCode]
		cv.ServiceCount++
		sv := localizeService(e.svc, e.ver, l.agencyByCode[e.svc.AgencyCode], cv, lang)
		l.services[i] = sv
		l.serviceByCode[e.code] = sv
	}
	return l
}

// Revision is the catalogue revision the snapshot was built at.
func (s *Snapshot) Revision() int64 { return s.revision }

func (s *Snapshot) view(lang i18n.Lang) *localized {
	if l, ok := s.views[lang]; ok {
		return l
	}
	return s.views[i18n.VI]
}

// Service returns the published service with code in lang, nil when there
// is none.
func (s *Snapshot) Service(code string, lang i18n.Lang) *ServiceView {
	return s.view(lang).serviceByCode[code]
}

// Agencies returns all agencies in lang, by code.
func (s *Snapshot) Agencies(lang i18n.Lang) []*AgencyView { return s.view(lang).agencies }

// Agency returns the agency with code in lang, nil when there is none.
func (s *Snapshot) Agency(code string, lang i18n.Lang) *AgencyView {
	return s.view(lang).agencyByCode[code]
}

// Categories returns all categories in lang, by code, with their counts of
// published services.
func (s *Snapshot) Categories(lang i18n.Lang) []*CategoryView { return s.view(lang).categories }

// Category returns the category with code in lang, nil when there is none.
func (s *Snapshot) Category(code string, lang i18n.Lang) *CategoryView {
	return s.view(lang).categoryByCode[code]
}

// Office returns the office with code in lang, nil when there is none.
func (s *Snapshot) Office(code string, lang i18n.Lang) *OfficeView {
	return s.view(lang).offices[code]
}

// Version returns the current version of the published service with code.
// The version's handler carries no secret (see Store.CurrentVersion).
func (s *Snapshot) Version(code string) (ServiceVersion, bool) {
	e, ok := s.byCode[code]
	if !ok {
		return ServiceVersion{}, false
	}
	return e.ver, true
}

// ViewOf builds the view of a service at version v (a draft, or a service
// not in the snapshot), linked to the snapshot's agency and category views.
func (s *Snapshot) ViewOf(svc Service, v ServiceVersion, lang i18n.Lang) *ServiceView {
	l := s.view(lang)
	agency := l.agencyByCode[svc.AgencyCode]
	if agency == nil {
		agency = &AgencyView{ID: AgencyID(svc.AgencyCode), Code: svc.AgencyCode, Name: svc.AgencyCode}
	}
	category := l.categoryByCode[v.CategoryCode]
	if category == nil {
		category = &CategoryView{ID: CategoryID(v.CategoryCode), Code: v.CategoryCode, Name: v.CategoryCode}
	}
	return localizeService(svc, v, agency, category, lang)
}
