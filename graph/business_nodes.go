package graph

import (
	"context"

	"github.com/dvcportal/dvcportal/graph/model"
)

// loadEnterprise is the node loader of enterprise.EnterpriseType: the key is
// the tax code; the registry shows an enterprise to its legal representative
// only.
func (r *Resolver) loadEnterprise(ctx context.Context, key string) (model.Node, error) {
	rec, ok, err := r.EnterpriseRegistry.Get(ctx, key)
	if err != nil || !ok {
		return nil, err
	}
	return &rec, nil
}
