package graph

import (
	"context"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/enterprise"
)

// registerBusinessNodes registers the node types of the business area: an
// enterprise for its legal representative only.
func (r *Resolver) registerBusinessNodes() {
	r.RegisterNode(enterprise.TypeName, func(ctx context.Context, key string) (model.Node, error) {
		rec, ok, err := r.EnterpriseRegistry.Get(ctx, key)
		if err != nil || !ok {
			return nil, err
		}
		return &rec, nil
	})
}
