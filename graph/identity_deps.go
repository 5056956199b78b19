package graph

import "github.com/dvcportal/dvcportal/internal/identity"

// IdentityDeps holds what the identity resolvers need (built by
// internal/app, handed over in NewResolver).
type IdentityDeps struct {
	Identity *identity.Service
}
