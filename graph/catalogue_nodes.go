package graph

import (
	"context"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

// The node loaders of the catalogue area (Service, Agency, Category), all
// answered from the snapshot.

func (r *Resolver) loadService(ctx context.Context, code string) (model.Node, error) {
	if sv := r.Catalogue.Snapshot().Service(code, i18n.FromContext(ctx)); sv != nil {
		return sv, nil
	}
	return nil, nil
}

func (r *Resolver) loadAgency(ctx context.Context, code string) (model.Node, error) {
	if av := r.Catalogue.Snapshot().Agency(code, i18n.FromContext(ctx)); av != nil {
		return av, nil
	}
	return nil, nil
}

func (r *Resolver) loadCategory(ctx context.Context, code string) (model.Node, error) {
	if cv := r.Catalogue.Snapshot().Category(code, i18n.FromContext(ctx)); cv != nil {
		return cv, nil
	}
	return nil, nil
}
