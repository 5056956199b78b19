// Package graph holds the GraphQL resolvers: a thin translation between the
// schema (schema/*.graphqls) and the domain packages under internal/. No SQL
// and no business rules live here.
//
// One resolver file per schema file (gqlgen follow-schema layout); each area
// declares what its resolvers need in <area>_deps.go and its node types in
// <area>_nodes.go. internal/app builds every service and hands them over once,
// in NewResolver.
package graph

import (
	"log/slog"

	"github.com/dvcportal/dvcportal/internal/geo"
)

// Deps is everything the resolvers use, built by internal/app.
type Deps struct {
	Logger *slog.Logger
	Geo    *geo.Store

	IdentityDeps
	CatalogueDeps
	ApplicationsDeps
	PaymentsDeps
	BusinessDeps
}

// Resolver is the root resolver. Its dependencies are set once, by
// NewResolver, and never change.
type Resolver struct {
	Deps

	nodes nodeTypes
}

// NewResolver returns the root resolver over deps, with the node types of
// every area (node(id:) and nodes(ids:)).
func NewResolver(deps Deps) *Resolver {
	r := &Resolver{Deps: deps}
	r.nodes = r.nodeTypes()
	return r
}
