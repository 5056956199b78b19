package catalogue

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
)

const versionColumns = `v.service_code, v.number, v.name_vi, v.name_en, v.summary_vi, v.summary_en,
v.description_vi, v.description_en, v.category_code, v.online_level, v.requires_login, v.channels,
v.cases, v.delivery_methods, v.legal_basis, v.form, v.effective_from, v.effective_to,
v.handler_kind, v.handler_name, v.handler_url, coalesce(v.obligation_kind, '') AS obligation_kind, v.content_hash, v.published_at`

// versionRow is a catalogue_service_versions row joined with its service's
// agency (and, where asked for, webhook secret).
type versionRow struct {
	ServiceCode     string         `db:"service_code"`
	Number          int            `db:"number"`
	NameVi          string         `db:"name_vi"`
	NameEn          string         `db:"name_en"`
	SummaryVi       string         `db:"summary_vi"`
	SummaryEn       string         `db:"summary_en"`
	DescriptionVi   string         `db:"description_vi"`
	DescriptionEn   string         `db:"description_en"`
	CategoryCode    string         `db:"category_code"`
	OnlineLevel     string         `db:"online_level"`
	RequiresLogin   bool           `db:"requires_login"`
	Channels        []byte         `db:"channels"`
	Cases           []byte         `db:"cases"`
	DeliveryMethods pq.StringArray `db:"delivery_methods"`
	LegalBasis      pq.StringArray `db:"legal_basis"`
	Form            []byte         `db:"form"`
	EffectiveFrom   sql.NullTime   `db:"effective_from"`
	EffectiveTo     sql.NullTime   `db:"effective_to"`
	HandlerKind     string         `db:"handler_kind"`
	HandlerName     string         `db:"handler_name"`
	HandlerURL      string         `db:"handler_url"`
	ObligationKind  string         `db:"obligation_kind"`
	ContentHash     []byte         `db:"content_hash"`
	PublishedAt     sql.NullTime   `db:"published_at"`
	AgencyCode      string         `db:"agency_code"`
	WebhookSecret   string         `db:"webhook_secret"`
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}

func (r versionRow) version() (ServiceVersion, error) {
	v := ServiceVersion{
		ServiceCode: r.ServiceCode, AgencyCode: r.AgencyCode, CategoryCode: r.CategoryCode, Number: r.Number,
		Name: i18n.T(r.NameVi, r.NameEn), Summary: i18n.T(r.SummaryVi, r.SummaryEn), Description: i18n.T(r.DescriptionVi, r.DescriptionEn),
		OnlineLevel: OnlineLevel(r.OnlineLevel), RequiresLogin: r.RequiresLogin,
		LegalBasis: []string(r.LegalBasis), EffectiveFrom: nullTime(r.EffectiveFrom), EffectiveTo: nullTime(r.EffectiveTo),
		Handler:        HandlerBinding{Kind: HandlerKind(r.HandlerKind), Name: r.HandlerName, URL: r.HandlerURL, Secret: r.WebhookSecret},
		ObligationKind: obligation.Kind(r.ObligationKind),
		PublishedAt:    nullTime(r.PublishedAt),
	}
	for _, m := range r.DeliveryMethods {
		v.DeliveryMethods = append(v.DeliveryMethods, DeliveryMethod(m))
	}
	if err := json.Unmarshal(r.Channels, &v.Channels); err != nil {
		return ServiceVersion{}, fmt.Errorf("decode channels: %w", err)
	}
	if err := json.Unmarshal(r.Cases, &v.Cases); err != nil {
		return ServiceVersion{}, fmt.Errorf("decode cases: %w", err)
	}
	if err := json.Unmarshal(r.Form, &v.Form); err != nil {
		return ServiceVersion{}, fmt.Errorf("decode form: %w", err)
	}
	if v.Form.Fields == nil {
		v.Form.Fields = []FormField{}
	}
	return v, nil
}
