package app

import "context"

// wireCatalogue builds the catalogue area's services and hands them to the resolvers.
func (a *App) wireCatalogue(ctx context.Context) error { return nil }

// loadCatalogueData loads the catalogue area's reference data (idempotent).
func (a *App) loadCatalogueData(ctx context.Context) error { return nil }
