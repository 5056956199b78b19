package graph

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// NodeLoader loads the object of one type by the key inside its global ID. It
// returns (nil, nil) when the object does not exist or the caller may not see
// it: node(id:) answers null for both alike.
type NodeLoader func(ctx context.Context, key string) (model.Node, error)

// maxNodeIDs bounds nodes(ids:).
const maxNodeIDs = 100

type nodeRegistry map[string]NodeLoader

// RegisterNode makes node(id:) resolve global IDs of typeName with load.
func (r *Resolver) RegisterNode(typeName string, load NodeLoader) {
	if _, dup := r.nodes[typeName]; dup {
		panic(fmt.Sprintf("graph: node type %s registered twice", typeName))
	}
	r.nodes[typeName] = load
}

// loadNode resolves a global ID. Unknown types and malformed IDs are null,
// like objects the caller may not see.
func (r *Resolver) loadNode(ctx context.Context, id string) (model.Node, error) {
	typeName, key, err := relay.DecodeID(id)
	if err != nil {
		return nil, nil
	}
	load, ok := r.nodes[typeName]
	if !ok {
		return nil, nil
	}
	n, err := load(ctx, key)
	if err != nil {
		if c, ok := apperr.CodeOf(err); ok && (c == apperr.NotFound || c == apperr.Forbidden || c == apperr.Unauthenticated) {
			return nil, nil
		}
		return nil, fmt.Errorf("load %s node: %w", typeName, err)
	}
	return n, nil
}
