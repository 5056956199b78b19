// Package graph holds the GraphQL resolvers: a thin translation between the
// schema (schema/*.graphqls) and the domain packages under internal/. No SQL
// and no business rules live here.
//
// One resolver file per schema file (gqlgen follow-schema layout); each area
// keeps its dependencies in <area>_deps.go and registers its node types in
// <area>_nodes.go.
package graph

import (
	"log/slog"

	"github.com/dvcportal/dvcportal/internal/geo"
)

// Resolver is the root resolver; it carries every area's dependencies.
type Resolver struct {
	Logger *slog.Logger
	Geo    *geo.Store

	IdentityDeps
	CatalogueDeps
	ApplicationsDeps
	PaymentsDeps

	nodes nodeRegistry
}

// NewResolver returns a Resolver whose areas are set by the caller (see
// internal/app) before Init is called.
func NewResolver(logger *slog.Logger, geoStore *geo.Store) *Resolver {
	return &Resolver{Logger: logger, Geo: geoStore, nodes: nodeRegistry{}}
}

// Init registers every area's node loaders; call it once the areas' deps are set.
func (r *Resolver) Init() {
	r.registerIdentityNodes()
	r.registerCatalogueNodes()
	r.registerApplicationsNodes()
	r.registerPaymentsNodes()
}
