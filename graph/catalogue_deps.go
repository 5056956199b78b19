package graph

// CatalogueDeps holds what the catalogue resolvers need (set by internal/app).
type CatalogueDeps struct{}
