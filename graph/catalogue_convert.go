package graph

import (
	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/money"
)

// Translation of the partner-publishing input types into the catalogue's
// DraftInput: shapes only, no rules (catalogue validates everything).

func textIn(t *model.LocalizedTextInput) i18n.Text {
	if t == nil {
		return i18n.Text{}
	}
	out := i18n.Text{Vi: t.Vi}
	if t.En != nil {
		out.En = *t.En
	}
	return out
}

func strIn(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func draftInput(in model.UpsertServiceDraftInput) catalogue.DraftInput {
	d := catalogue.DraftInput{
		Code:            in.Code,
		CategoryCode:    in.CategoryCode,
		Name:            textIn(in.Name),
		Summary:         textIn(in.Summary),
		Description:     textIn(in.Description),
		OnlineLevel:     in.OnlineLevel,
		RequiresLogin:   in.RequiresLogin,
		DeliveryMethods: in.DeliveryMethods,
		LegalBasis:      in.LegalBasis,
		EffectiveFrom:   in.EffectiveFrom,
		EffectiveTo:     in.EffectiveTo,
		Keywords:        in.Keywords,
	}
	if in.ObligationKind != nil {
		d.ObligationKind = *in.ObligationKind
	}
	if in.Handler != nil {
		d.Handler = catalogue.HandlerInput{Kind: in.Handler.Kind, URL: strIn(in.Handler.URL), Name: strIn(in.Handler.Name)}
	}
	for _, ch := range in.Channels {
		c := catalogue.Channel{Channel: ch.Channel}
		if ch.ProcessingTime != nil {
			c.ProcessingTime = catalogue.ProcessingTime{Value: ch.ProcessingTime.Value, Unit: ch.ProcessingTime.Unit}
		}
		for _, f := range ch.Fees {
			c.Fees = append(c.Fees, money.Money{Amount: int64(f.Amount), Currency: f.Currency})
		}
		d.Channels = append(d.Channels, c)
	}
	for _, cs := range in.Cases {
		c := catalogue.Case{Code: cs.Code, Name: textIn(cs.Name)}
		for _, doc := range cs.Documents {
			c.Documents = append(c.Documents, catalogue.Document{Name: textIn(doc.Name), Originals: doc.Originals, Copies: doc.Copies})
		}
		d.Cases = append(d.Cases, c)
	}
	if in.Form != nil {
		for _, f := range in.Form.Fields {
			ff := catalogue.FormField{
				Name: f.Name, Label: textIn(f.Label), Type: f.Type, Pattern: strIn(f.Pattern), Min: f.Min, Max: f.Max,
			}
			if f.Required != nil {
				ff.Required = *f.Required
			}
			for _, o := range f.Options {
				ff.Options = append(ff.Options, catalogue.Option{Value: o.Value, Label: textIn(o.Label)})
			}
			d.Form.Fields = append(d.Form.Fields, ff)
		}
	}
	return d
}

// pageInfo builds the Relay page info of a catalogue page.
func servicePageInfo(p catalogue.ServicePage) *model.PageInfo {
	return &model.PageInfo{
		HasNextPage:     p.HasNextPage,
		HasPreviousPage: p.HasPrevious,
		StartCursor:     p.StartCursor(),
		EndCursor:       p.EndCursor(),
	}
}
