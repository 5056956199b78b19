package graph

import "github.com/dvcportal/dvcportal/internal/identity"

// IdentityDeps holds what the identity resolvers need (set by internal/app).
type IdentityDeps struct {
	Identity *identity.Service
}
