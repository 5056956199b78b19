package graph

import (
	"context"
	"strconv"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/application"
)

// registerApplicationsNodes registers the node types of the applications area.
func (r *Resolver) registerApplicationsNodes() {
	r.RegisterNode(application.TypeName, func(ctx context.Context, key string) (model.Node, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, nil
		}
		app, ok, err := r.ApplicationService.Get(ctx, id)
		if err != nil || !ok {
			return nil, err
		}
		return &app, nil
	})
}
