package graph

// ApplicationsDeps holds what the applications resolvers need (set by internal/app).
type ApplicationsDeps struct{}
