package payment

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// QuoteInput is what a citizen is about to pay: the obligations, and how a
// fine's held papers come back ("" while not chosen: no POSTAGE line).
type QuoteInput struct {
	ObligationIDs  []int64 // 0 for an ID that is not an obligation's
	DeliveryMethod catalogue.DeliveryMethod
}

// Quote is what Create would charge now for a QuoteInput: the items with
// their lines (a fine's LATE_CHARGE of today, the POSTAGE line of a postal
// delivery) and the total, valid until the earliest of the items'
// quoteValidUntil.
type Quote struct {
	Items      []Item
	Amount     int64
	ValidUntil time.Time
}

// QuotePerAccount bounds a citizen's quotes (one per change of the
// checkout): a quote by ID must not become an oracle for others' debts.
var QuotePerAccount = ratelimit.Limit{Max: 120, Window: time.Minute}

// Quote prices a payment the way Create does (obligation.QuoteAt of each
// item, then withPostage), without creating it. Only a citizen may ask.
// userErrors: REQUIRED, INVALID, OBLIGATION_NOT_PAYABLE; RATE_LIMITED.
func (s *Service) Quote(ctx context.Context, in QuoteInput) (Quote, error) {
	actor, err := auth.RequireCitizen(ctx)
	if err != nil {
		return Quote{}, err
	}
	var errs []apperr.UserError
	switch {
	case len(in.ObligationIDs) == 0:
		errs = append(errs, apperr.Field(apperr.CodeRequired, msgRequired, "obligationIds"))
	case len(in.ObligationIDs) > maxItems:
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgInvalid, "obligationIds"))
	}
	switch in.DeliveryMethod {
	case "", catalogue.DeliverCounter, catalogue.DeliverPostal:
	default:
		errs = append(errs, apperr.Field(apperr.CodeInvalid, msgDeliveryMethod, "deliveryMethod"))
	}
	if len(errs) > 0 {
		return Quote{}, apperr.Invalid(errs...)
	}
	d, err := s.limiter.Allow(ctx, fmt.Sprintf("payment-quote:%d", actor.AccountID), QuotePerAccount)
	if err != nil {
		return Quote{}, fmt.Errorf("rate limit quotes: %w", err)
	}
	if !d.Allowed {
		return Quote{}, apperr.RateLimit(d.RetryAfter)
	}
	byID, err := s.obs.Get(ctx, nil, in.ObligationIDs)
	if err != nil {
		return Quote{}, fmt.Errorf("quote obligations: %w", err)
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	var q Quote
	seen := map[int64]bool{}
	held := false
	for i, id := range in.ObligationIDs {
		o, ok := byID[id]
		if id <= 0 || seen[id] || !ok || !o.Payable() {
			errs = append(errs, apperr.Field(CodeObligationNotPayable, msgNotPayable, "obligationIds", strconv.Itoa(i)))
			continue
		}
		seen[id] = true
		oq := o.QuoteAt(now)
		q.Items = append(q.Items, Item{ObligationID: id, AgencyCode: o.AgencyCode, Amount: oq.Amount, Lines: oq.Lines})
		q.Amount += oq.Amount
		if q.ValidUntil.IsZero() || oq.ValidUntil.Before(q.ValidUntil) {
			q.ValidUntil = oq.ValidUntil
		}
		held = held || o.HeldPapers
	}
	if len(errs) > 0 {
		return Quote{}, apperr.Invalid(errs...)
	}
	var delivery *application.Delivery
	if held && in.DeliveryMethod != "" {
		delivery = &application.Delivery{Method: in.DeliveryMethod}
	}
	q.Amount += s.withPostage(q.Items, byID, delivery)
	return q, nil
}

// DeliveryFor is how p's held papers come back, for its payer only (nil for
// anyone else, and when nothing was held).
func (p Payment) DeliveryFor(actor auth.Actor) (*application.Delivery, error) {
	if actor.Kind != auth.Citizen || actor.AccountID == 0 || actor.AccountID != p.AccountID || len(p.delivery) == 0 {
		return nil, nil
	}
	var d application.Delivery
	if err := json.Unmarshal(p.delivery, &d); err != nil {
		return nil, fmt.Errorf("delivery of payment %s: %w", p.Code, err)
	}
	return &d, nil
}
