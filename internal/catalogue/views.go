package catalogue

import (
	"context"
	"time"

	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

// The views below are the catalogue as one reader sees it: every string in
// one language, global IDs computed, nothing left to resolve. A Snapshot
// builds them once per language, so serving a page allocates nothing for
// them. They are shared and must not be modified.

// AgencyView is an agency in one language.
type AgencyView struct {
	ID      string
	Code    string
	Name    string
	Level   AgencyLevel
	Parent  *AgencyView
	Offices []*OfficeView
}

// OfficeView is an office in one language.
type OfficeView struct {
	Code         string
	AgencyCode   string
	ProvinceCode string
	Name         string
	Address      string
}

// CategoryView is a category in one language, with the number of published
// services in it.
type CategoryView struct {
	ID           string
	Code         string
	Name         string
	ServiceCount int
}

// DocumentView is a checklist document in one language.
type DocumentView struct {
	Code      string
	Name      string
	Originals int
	Copies    int
	Required  bool
}

// CaseView is a case in one language.
type CaseView struct {
	Code      string
	Name      string
	Documents []DocumentView
}

// OptionView is a select option in one language.
type OptionView struct {
	Value string
	Label string
}

// FormFieldView is a form field in one language.
type FormFieldView struct {
	Name     string
	Label    string
	Type     FieldType
	Required bool
	Pattern  *string
	Min      *float64
	Max      *float64
	Options  []OptionView
}

// FormView is a form definition in one language.
type FormView struct {
	Fields []FormFieldView
}

// ServiceView is a service and the version a reader sees (the current
// published one; the draft for a service never published), in one language.
type ServiceView struct {
	ID              string
	Code            string
	Status          ServiceStatus
	Version         *int // the current published version; nil before the first publish
	draftVersion    *int // see DraftVersion
	agencyCode      string
	Name            string
	Summary         string
	Description     string
	OnlineLevel     OnlineLevel
	RequiresLogin   bool
	Agency          *AgencyView
	Category        *CategoryView
	LegalBasis      []string
	Channels        []Channel
	Cases           []CaseView
	DeliveryMethods []DeliveryMethod
	Form            FormView
	EffectiveFrom   *time.Time
	EffectiveTo     *time.Time
	Keywords        []string
	HandlerKind     HandlerKind
	// ObligationKind is the obligation the service pays (nil: it takes
	// applications).
	ObligationKind *obligation.Kind
}

// obligationServices are the services that pay an obligation through
// findObligations and createPayment instead of taking an application (their
// procedure in the seed says so).
var obligationServices = map[string]obligation.Kind{
	"TAX-PAYMENT":          obligation.KindTax,
	"EVN-BILL-PAYMENT":     obligation.KindElectricity,
	"TRAFFIC-FINE-PAYMENT": obligation.KindTrafficFine,
}

// ObligationKindOf is the obligation a service pays, if it pays one.
func ObligationKindOf(code string) (obligation.Kind, bool) {
	k, ok := obligationServices[code]
	return k, ok
}

// DraftVersion is the unpublished draft version, if any, shown to the
// owning agency only: anyone else (anonymous readers, citizens, other
// agencies) sees nil, so drafting is not observable (issue 14 #22). Views
// are shared by every reader, so the rule runs per request.
func (v *ServiceView) DraftVersion(ctx context.Context) *int {
	if a := auth.FromContext(ctx); a.Kind != auth.Agency || a.AgencyCode != v.agencyCode {
		return nil
	}
	return v.draftVersion
}

func intPtr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// localizeService builds the view of svc at version v in lang; agency and
// category are the views it links to (they may be nil for a service whose
// agency or category is unknown to the caller).
func localizeService(svc Service, v ServiceVersion, agency *AgencyView, category *CategoryView, lang i18n.Lang) *ServiceView {
	sv := &ServiceView{
		ID:              ServiceID(svc.Code),
		Code:            svc.Code,
		Status:          svc.Status,
		Version:         intPtr(svc.CurrentVersion),
		draftVersion:    intPtr(svc.DraftVersion),
		agencyCode:      svc.AgencyCode,
		Name:            v.Name.In(lang),
		Summary:         v.Summary.In(lang),
		Description:     v.Description.In(lang),
		OnlineLevel:     v.OnlineLevel,
		RequiresLogin:   v.RequiresLogin,
		Agency:          agency,
		Category:        category,
		LegalBasis:      v.LegalBasis,
		Channels:        v.Channels,
		Cases:           make([]CaseView, len(v.Cases)),
		DeliveryMethods: v.DeliveryMethods,
		Form:            FormView{Fields: make([]FormFieldView, len(v.Form.Fields))},
		EffectiveFrom:   v.EffectiveFrom,
		EffectiveTo:     v.EffectiveTo,
		Keywords:        svc.Keywords,
		HandlerKind:     v.Handler.Kind,
	}
	if k, ok := ObligationKindOf(svc.Code); ok {
		sv.ObligationKind = &k
	}
	for i, c := range v.Cases {
		cv := CaseView{Code: c.Code, Name: c.Name.In(lang), Documents: make([]DocumentView, len(c.Documents))}
		for j, d := range c.Checklist() {
			cv.Documents[j] = DocumentView{Code: d.Code, Name: d.Name.In(lang), Originals: d.Originals, Copies: d.Copies, Required: d.Required}
		}
		sv.Cases[i] = cv
	}
	for i, f := range v.Form.Fields {
		fv := FormFieldView{
			Name: f.Name, Label: f.Label.In(lang), Type: f.Type, Required: f.Required,
			Min: f.Min, Max: f.Max, Options: make([]OptionView, len(f.Options)),
		}
		if f.Pattern != "" {
			p := f.Pattern
			fv.Pattern = &p
		}
		for j, o := range f.Options {
			fv.Options[j] = OptionView{Value: o.Value, Label: o.Label.In(lang)}
		}
		sv.Form.Fields[i] = fv
	}
	return sv
}
