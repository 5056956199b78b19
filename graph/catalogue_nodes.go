package graph

// registerCatalogueNodes registers the node types of the catalogue area.
func (r *Resolver) registerCatalogueNodes() {}
