package graph

import (
	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/catalogue"
)

// CatalogueDeps holds what the catalogue and catalogue-publishing resolvers
// need (built by internal/app, handed over in NewResolver): the live
// snapshot for every public read, the store for publishing writes, and the
// working-day calendar.
type CatalogueDeps struct {
	Catalogue      *catalogue.Live
	CatalogueStore *catalogue.Store
	Calendar       *calendar.Calendar
}
