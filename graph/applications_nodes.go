package graph

import (
	"context"
	"strconv"

	"github.com/dvcportal/dvcportal/graph/model"
)

// loadApplication is the node loader of application.ApplicationType: the key is
// the application ID; the service shows it only to who may see it.
func (r *Resolver) loadApplication(ctx context.Context, key string) (model.Node, error) {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return nil, nil
	}
	app, ok, err := r.ApplicationService.Get(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	return &app, nil
}
