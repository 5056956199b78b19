package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/relay"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

// PaymentsDeps holds what the payments resolvers need (set by internal/app).
type PaymentsDeps struct {
	PaymentService  *payment.Service
	ObligationStore *obligation.Store
	// PaymentsLimiter rate-limits the public lookups.
	PaymentsLimiter obligation.Limiter
	// Now is the clock obligations are quoted by (nil: time.Now); the
	// payment service has the same one.
	Now func() time.Time
}

// quoteTime is the time obligations are quoted at.
func (d PaymentsDeps) quoteTime() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// The translations between the GraphQL types and the obligation and payment
// packages.

func vnd(v int64) *money.Money {
	m := money.Dong(v)
	return &m
}

// obligationView is an obligation as the caller may see it, quoted now.
func (r *Resolver) obligationView(ctx context.Context, o obligation.Obligation, now time.Time) *model.Obligation {
	q := o.QuoteAt(now)
	actor := auth.FromContext(ctx)
	viewer := ""
	if actor.Kind == auth.Citizen {
		viewer = actor.IDNumber
	}
	ag := r.Catalogue.Snapshot().Agency(o.AgencyCode, i18n.FromContext(ctx))
	if ag == nil {
		ag = &catalogue.AgencyView{Code: o.AgencyCode, Name: o.AgencyCode}
	}
	out := &model.Obligation{
		ID: obligation.GlobalID(o.ID), Kind: o.Kind, SourceRef: o.SourceRef, Description: o.Description,
		DueDate: o.DueDate, QuoteValidUntil: q.ValidUntil, Status: model.ObligationStatus(o.Status),
		DebtorName: o.DebtorNameFor(viewer), Agency: ag, AmountDue: vnd(q.Amount), HeldPapers: o.HeldPapers,
		Payee: &model.ObligationPayee{BankCode: o.Payee.BankCode, AccountNumber: o.Payee.AccountNumber, AccountName: o.Payee.AccountName},
	}
	if o.Period != "" {
		out.Period = &o.Period
	}
	if d := o.Details; d.WardCode != "" && r.Geo != nil {
		// Ward level only: the street is never stored nor shown.
		if addr, err := r.Geo.FormatAddress(ctx, d.ProvinceCode, d.WardCode, "", i18n.FromContext(ctx)); err == nil && addr != "" {
			out.Address = &addr
		}
	}
	if o.Status != obligation.StatusOpen {
		out.AmountDue = vnd(0)
	}
	for _, l := range q.Lines {
		out.Lines = append(out.Lines, &model.ObligationLine{Kind: model.ObligationLineKind(l.Kind), Name: l.Name, Amount: vnd(l.Amount)})
	}
	return out
}

func (r *Resolver) obligationViews(ctx context.Context, obs []obligation.Obligation) []*model.Obligation {
	now := r.quoteTime()
	out := make([]*model.Obligation, len(obs))
	for i, o := range obs {
		out[i] = r.obligationView(ctx, o, now)
	}
	return out
}

func paymentConnection(pg payment.Page) *model.PaymentConnection {
	out := &model.PaymentConnection{TotalCount: pg.Total, PageInfo: &model.PageInfo{HasNextPage: pg.HasNext},
		Edges: make([]*model.PaymentEdge, len(pg.Payments))}
	if out.TotalCount < 0 {
		out.TotalCount = len(pg.Payments)
	}
	for i := range pg.Payments {
		p := &pg.Payments[i]
		c := relay.EncodeCursor(payment.Cursor{At: p.CreatedAt, ID: p.ID})
		out.Edges[i] = &model.PaymentEdge{Cursor: c, Node: p}
		if i == 0 {
			out.PageInfo.StartCursor = &c
		}
		out.PageInfo.EndCursor = &c
	}
	return out
}

// paymentPage reads first and after of a payments list.
func paymentPage(first *int, after *string, def int) (int, *payment.Cursor, error) {
	p, err := relay.ParsePage(first, after, def)
	if err != nil {
		return 0, nil, err
	}
	if p.After == "" {
		return p.First, nil, nil
	}
	var c payment.Cursor
	if err := relay.DecodeCursor(p.After, &c); err != nil {
		return 0, nil, err
	}
	return p.First, &c, nil
}

func deliveryJSON(d *model.DeliveryInput) (json.RawMessage, error) {
	if d == nil {
		return nil, nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode delivery: %w", err)
	}
	return b, nil
}

func pushInput(in *model.ObligationInput) obligation.PushInput {
	out := obligation.PushInput{Kind: in.Kind, SourceRef: in.SourceRef, DebtorIDNumber: in.DebtorIDNumber,
		DebtorName: in.DebtorName, Description: in.Description, Period: optString(in.Period), DueDate: in.DueDate}
	if in.Payee != nil {
		out.Payee = obligation.Payee{BankCode: in.Payee.BankCode, AccountNumber: in.Payee.AccountNumber, AccountName: in.Payee.AccountName}
	}
	for _, l := range in.Lines {
		if l != nil {
			out.Lines = append(out.Lines, obligation.Line{Kind: obligation.LineKind(l.Kind), Name: l.Name, Amount: int64(l.Amount)})
		}
	}
	return out
}

func clientIP(ctx context.Context) string {
	if ip := reqmeta.FromContext(ctx).IP; ip.IsValid() {
		return ip.String()
	}
	return "unknown"
}

// paymentItems are items (a payment's, locked at its creation, or a
// quote's) as the caller may see them: each obligation as of at, with the
// item's own amount and lines rather than today's.
func (r *Resolver) paymentItems(ctx context.Context, items []payment.Item, at time.Time) ([]*model.PaymentItem, error) {
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ObligationID
	}
	obs, err := r.ObligationStore.Get(ctx, nil, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*model.PaymentItem, len(items))
	for i, it := range items {
		view := r.obligationView(ctx, obs[it.ObligationID], at)
		view.AmountDue, view.Lines = vnd(it.Amount), nil
		for _, l := range it.Lines {
			view.Lines = append(view.Lines, &model.ObligationLine{Kind: model.ObligationLineKind(l.Kind), Name: l.Name, Amount: vnd(l.Amount)})
		}
		out[i] = &model.PaymentItem{Amount: vnd(it.Amount), Obligation: view, Lines: view.Lines}
	}
	return out, nil
}
