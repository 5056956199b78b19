package catalogue

import (
	"time"

	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

// FromSeed converts the seed catalogue to the catalogue model: every seed
// service becomes a published service at version 1 (the revision is 0). The
// seed is validated by seed.Load; dates that do not parse are left unset.
func FromSeed(c seed.Catalogue) SnapshotData {
	var d SnapshotData
	for _, a := range c.Agencies {
		ag := Agency{Code: a.Code, Name: a.Name, Level: AgencyLevel(a.Level)}
		if a.ParentCode != nil {
			ag.ParentCode = *a.ParentCode
		}
		d.Agencies = append(d.Agencies, ag)
		for _, o := range a.Offices {
			d.Offices = append(d.Offices, Office{Code: o.Code, AgencyCode: a.Code, ProvinceCode: o.ProvinceCode, Name: o.Name, Address: o.Address})
		}
	}
	for _, cat := range c.Categories {
		d.Categories = append(d.Categories, Category{Code: cat.Code, Name: cat.Name})
	}
	for _, s := range c.Services {
		d.Services = append(d.Services, Published{
			Service: Service{
				Code: s.Code, AgencyCode: s.AgencyCode, CategoryCode: s.CategoryCode, Status: StatusPublished,
				CurrentVersion: 1, Keywords: s.Keywords, Popularity: featured[s.Code],
			},
			Version: fromSeedVersion(s),
		})
	}
	return d
}

func fromSeedVersion(s seed.Service) ServiceVersion {
	sv := s.Version
	v := ServiceVersion{
		ServiceCode: s.Code, AgencyCode: s.AgencyCode, CategoryCode: s.CategoryCode, Number: 1,
		Name: sv.Name, Summary: sv.Summary, Description: sv.Description,
		OnlineLevel: OnlineLevel(sv.OnlineLevel), LegalBasis: sv.LegalBasis,
		EffectiveFrom: seedDate(sv.EffectiveFrom), EffectiveTo: seedDate(sv.EffectiveTo),
		Handler:        HandlerBinding{Kind: HandlerKind(s.Handler.Kind), Name: s.Handler.Name, URL: s.Handler.URL},
		ObligationKind: obligation.Kind(sv.ObligationKind),
	}
	for _, ch := range sv.Channels {
		c := Channel{Channel: ChannelKind(ch.Channel), ProcessingTime: ProcessingTime{Value: ch.ProcessingTime.Value, Unit: TimeUnit(ch.ProcessingTime.Unit)}, Fees: []money.Money{}}
		for _, f := range ch.Fees {
			c.Fees = append(c.Fees, money.Money{Amount: f.Amount, Currency: f.Currency})
		}
		v.Channels = append(v.Channels, c)
	}
	// Submitting online needs a citizen session.
	_, v.RequiresLogin = v.ChannelOf(Online)
	for _, cs := range sv.Cases {
		c := Case{Code: cs.Code, Name: cs.Name, Documents: []Document{}}
		for _, doc := range cs.Documents {
			c.Documents = append(c.Documents, Document{Code: doc.Code, Name: doc.Name, Originals: doc.Originals, Copies: doc.Copies, Required: doc.Required})
		}
		v.Cases = append(v.Cases, c)
	}
	for _, m := range sv.DeliveryMethods {
		v.DeliveryMethods = append(v.DeliveryMethods, DeliveryMethod(m))
	}
	v.Form.Fields = []FormField{}
	v.Form.Parameters = sv.Form.Parameters
	for _, f := range sv.Form.Fields {
		ff := FormField{Name: f.Name, Label: f.Label, Type: FieldType(f.Type), Required: f.Required, Pattern: f.Pattern, Min: f.Min, Max: f.Max}
		for _, o := range f.Options {
			ff.Options = append(ff.Options, Option{Value: o.Value, Label: o.Label})
		}
		v.Form.Fields = append(v.Form.Fields, ff)
	}
	return v
}

func seedDate(s string) *time.Time {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return &t
}
