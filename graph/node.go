package graph

import (
	"context"
	"fmt"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/enterprise"
	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// NodeLoader loads the object of one type by the key inside its global ID. It
// returns (nil, nil) when the object does not exist or the caller may not see
// it: node(id:) answers null for both alike.
type NodeLoader func(ctx context.Context, key string) (model.Node, error)

// maxNodeIDs bounds nodes(ids:).
const maxNodeIDs = 100

// nodeTypes maps the GraphQL type name inside a global ID to its loader.
type nodeTypes map[string]NodeLoader

// nodeTypes is the table of every area's node types: one line per type, the
// loaders in <area>_nodes.go.
func (r *Resolver) nodeTypes() nodeTypes {
	return nodeTypes{
		identity.CitizenType:        r.loadCitizen,
		catalogue.ServiceType:       r.loadService,
		catalogue.AgencyType:        r.loadAgency,
		catalogue.CategoryType:      r.loadCategory,
		application.ApplicationType: r.loadApplication,
		payment.PaymentType:         r.loadPayment,
		payment.ReceiptType:         r.loadReceipt,
		enterprise.EnterpriseType:   r.loadEnterprise,
	}
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
