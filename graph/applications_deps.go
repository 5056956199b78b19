package graph

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/relay"
)

// ApplicationsDeps holds what the applications resolvers need (built by
// internal/app, handed over in NewResolver).
type ApplicationsDeps struct {
	// ApplicationService is the router, lifecycle and reading service.
	ApplicationService *application.Service
	// ApplicationsCatalogue gives the catalogue views (service, office) an
	// application shows.
	ApplicationsCatalogue interface{ Snapshot() *catalogue.Snapshot }
}

// The translations between the GraphQL types and the application package.

func submitInput(in model.SubmitApplicationInput) application.SubmitInput {
	return application.SubmitInput{
		ServiceCode: in.ServiceCode, CaseCode: in.CaseCode, FormData: in.FormData,
		Delivery: deliveryInput(in.Delivery), Captcha: captchaAnswer(in.Captcha), IdempotencyKey: in.IdempotencyKey,
		EnterpriseID: optString(in.EnterpriseID), Documents: documentRefs(in.Documents), Amends: optString(in.Amends),
	}
}

func deliveryInput(d *model.DeliveryInput) application.Delivery {
	if d == nil {
		return application.Delivery{}
	}
	out := application.Delivery{Method: d.Method, OfficeCode: optString(d.OfficeCode)}
	if a := d.Address; a != nil {
		out.Address = &application.PostalAddress{
			ProvinceCode: optString(a.ProvinceCode), WardCode: optString(a.WardCode), Street: optString(a.Street),
			RecipientName: optString(a.RecipientName), RecipientPhone: optString(a.RecipientPhone),
		}
	}
	return out
}

// applicationID is the application inside a global ID; 0 (no application)
// for anything else, which the service refuses like an unknown ID.
func applicationID(gid string) int64 {
	id, _ := application.ParseGlobalID(gid)
	return id
}

func applicationConnection(c application.Connection) *model.ApplicationConnection {
	out := &model.ApplicationConnection{
		TotalCount: c.TotalCount,
		PageInfo:   &model.PageInfo{HasNextPage: c.HasNextPage, EndCursor: c.EndCursor()},
		Edges:      make([]*model.ApplicationEdge, len(c.Items)),
	}
	if len(c.Cursors) > 0 {
		out.PageInfo.StartCursor = &c.Cursors[0]
	}
	for i := range c.Items {
		out.Edges[i] = &model.ApplicationEdge{Cursor: c.Cursors[i], Node: &c.Items[i]}
	}
	return out
}

func applicationPage(first *int, after *string, def int) (application.Page, error) {
	p, err := relay.ParsePage(first, after, def)
	if err != nil {
		return application.Page{}, err
	}
	return application.Page{First: p.First, After: p.After}, nil
}

// serviceView is the catalogue's view of an application's service.
func (r *Resolver) serviceView(ctx context.Context, code string) (*catalogue.ServiceView, error) {
	v := r.ApplicationsCatalogue.Snapshot().Service(code, i18n.FromContext(ctx))
	if v == nil {
		return nil, fmt.Errorf("service %s of an application: %w", code, apperr.ErrNotFound)
	}
	return v, nil
}

func formDataMap(raw json.RawMessage) (map[string]any, error) {
	m := map[string]any{}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("decode form data: %w", err)
	}
	return m, nil
}

// deliveryAddress copies the application domain's view of a postal address
// (the recipient's phone masked there) and formats it in the request language.
func (r *Resolver) deliveryAddress(ctx context.Context, a application.AddressView) (*model.DeliveryAddress, error) {
	formatted, err := r.Geo.FormatAddress(ctx, a.ProvinceCode, a.WardCode, a.Street, i18n.FromContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("format delivery address: %w", err)
	}
	return &model.DeliveryAddress{
		ProvinceCode: a.ProvinceCode, WardCode: a.WardCode, Street: a.Street, RecipientName: a.RecipientName,
		RecipientPhone: a.MaskedRecipientPhone, Formatted: formatted,
	}, nil
}

// actorKind is the lifecycle's name for the caller.
func actorKind(ctx context.Context) application.ActorKind {
	switch auth.FromContext(ctx).Kind {
	case auth.Citizen:
		return application.ActorCitizen
	case auth.Agency:
		return application.ActorAgency
	}
	return application.ActorSystem
}

func events(es []application.Event) []*application.Event {
	out := make([]*application.Event, len(es))
	for i := range es {
		out[i] = &es[i]
	}
	return out
}

func optString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
