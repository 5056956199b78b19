package payment

import (
	"context"
	"sort"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

// The success SMS names what was paid, per kind of obligation (templates
// payment_succeeded_<kind>); a payment of obligations of several kinds or
// debtors, or of pushed obligations without details, gets the generic
// payment_succeeded. The SMS goes to the payer (whoever paid), once per
// payment: it is queued in the transaction that records the success.
const (
	TemplatePaidTax         = "payment_succeeded_tax"
	TemplatePaidElectricity = "payment_succeeded_electricity"
	TemplatePaidFine        = "payment_succeeded_fine"
)

// successSMS queues the success SMS of p in tx.
func (s *Service) successSMS(ctx context.Context, tx *sqlx.Tx, p *Payment, verify string) error {
	template, vars := TemplatePaid, map[string]string{"code": p.Code, "amount": money.FormatVND(p.Amount), "verify": verify}
	obs, err := s.obs.Get(ctx, tx, p.ObligationIDs())
	if err != nil {
		return err
	}
	if t, v, ok := kindSMS(p, obs); ok {
		template, vars = t, v
	}
	return s.smsTx(ctx, tx, p.AccountID, template, vars)
}

// kindSMS is the per-kind template and its values when every obligation of
// p is of one kind and one identifier (tax code, customer code, decision).
func kindSMS(p *Payment, obs map[int64]obligation.Obligation) (string, map[string]string, bool) {
	var kind obligation.Kind
	var ident string
	var refs []string
	for i, it := range p.Items {
		o, ok := obs[it.ObligationID]
		if !ok || o.Details.Identifier == "" {
			return "", nil, false
		}
		if i == 0 {
			kind, ident = o.Kind, o.Details.Identifier
		} else if o.Kind != kind || o.Details.Identifier != ident {
			return "", nil, false
		}
		switch kind {
		case obligation.KindTax:
			ref := o.Details.Reference
			if ref == "" {
				ref = o.SourceRef
			}
			refs = append(refs, ref)
		case obligation.KindElectricity:
			refs = append(refs, o.Period)
		}
	}
	sort.Strings(refs)
	vars := map[string]string{"code": p.Code, "amount": money.FormatVND(p.Amount)}
	switch kind {
	case obligation.KindTax:
		vars["mst"], vars["ref"] = ident, strings.Join(refs, ",")
		return TemplatePaidTax, vars, true
	case obligation.KindElectricity:
		vars["customer"], vars["period"] = ident, strings.Join(refs, ",")
		return TemplatePaidElectricity, vars, true
	case obligation.KindTrafficFine:
		vars["decision"] = ident
		return TemplatePaidFine, vars, true
	}
	return "", nil, false
}
