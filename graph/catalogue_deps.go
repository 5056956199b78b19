package graph

import (
	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/catalogue"
)

// CatalogueDeps holds what the catalogue and partner-publishing resolvers
// need (set by internal/app): the live snapshot for every public read, the
// store for partner writes, and the working-day calendar.
type CatalogueDeps struct {
	Catalogue      *catalogue.Live
	CatalogueStore *catalogue.Store
	Calendar       *calendar.Calendar
}
