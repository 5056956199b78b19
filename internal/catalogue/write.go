package catalogue

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/obligation"
)

// Origins of a version: loaded from the seed, or sent by a partner agency.
const (
	originSeed    = "SEED"
	originPartner = "PARTNER"
)

// versionContent is everything a version says, in a canonical form: its
// hash tells whether a draft changes anything.
type versionContent struct {
	CategoryCode    string           `json:"categoryCode"`
	Name            any              `json:"name"`
	Summary         any              `json:"summary"`
	Description     any              `json:"description"`
	OnlineLevel     OnlineLevel      `json:"onlineLevel"`
	RequiresLogin   bool             `json:"requiresLogin"`
	Channels        []Channel        `json:"channels"`
	Cases           []Case           `json:"cases"`
	DeliveryMethods []DeliveryMethod `json:"deliveryMethods"`
	LegalBasis      []string         `json:"legalBasis"`
	Form            FormDefinition   `json:"form"`
	EffectiveFrom   string           `json:"effectiveFrom"`
	EffectiveTo     string           `json:"effectiveTo"`
	HandlerKind     HandlerKind      `json:"handlerKind"`
	HandlerName     string           `json:"handlerName"`
	HandlerURL      string           `json:"handlerUrl"`
	// ObligationKind is left out when empty, so the hash of a version that
	// pays nothing is what it was before versions could pay.
	ObligationKind obligation.Kind `json:"obligationKind,omitempty"`
}

func dateString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func dateArg(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.DateOnly)
}

// contentHash is the SHA-256 of the version's canonical content.
func contentHash(v ServiceVersion) ([]byte, error) {
	b, err := json.Marshal(versionContent{
		CategoryCode: v.CategoryCode, Name: v.Name, Summary: v.Summary, Description: v.Description,
		OnlineLevel: v.OnlineLevel, RequiresLogin: v.RequiresLogin, Channels: v.Channels, Cases: v.Cases,
		DeliveryMethods: v.DeliveryMethods, LegalBasis: v.LegalBasis, Form: v.Form,
		EffectiveFrom: dateString(v.EffectiveFrom), EffectiveTo: dateString(v.EffectiveTo),
		HandlerKind: v.Handler.Kind, HandlerName: v.Handler.Name, HandlerURL: v.Handler.URL,
		ObligationKind: v.ObligationKind,
	})
	if err != nil {
		return nil, fmt.Errorf("encode version content: %w", err)
	}
	sum := sha256.Sum256(b)
	return sum[:], nil
}

// nonNil returns s, or an empty slice for nil (JSON [] rather than null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// insertVersion writes version v (number v.Number) of its service; published
// says whether it is published at once (the seed) or a draft.
func insertVersion(ctx context.Context, tx *sqlx.Tx, v ServiceVersion, hash []byte, origin string, now time.Time, published bool) error {
	channels, err := json.Marshal(nonNil(v.Channels))
	if err != nil {
		return fmt.Errorf("encode channels: %w", err)
	}
	cases, err := json.Marshal(nonNil(v.Cases))
	if err != nil {
		return fmt.Errorf("encode cases: %w", err)
	}
	v.Form.Fields = nonNil(v.Form.Fields)
	form, err := json.Marshal(v.Form)
	if err != nil {
		return fmt.Errorf("encode form: %w", err)
	}
	methods := make([]string, len(v.DeliveryMethods))
	for i, m := range v.DeliveryMethods {
		methods[i] = string(m)
	}
	var publishedAt any
	if published {
		publishedAt = now
	}
	_, err = tx.ExecContext(ctx, `
INSERT INTO catalogue_service_versions (service_code, number, name_vi, name_en, summary_vi, summary_en,
  description_vi, description_en, category_code, online_level, requires_login, channels, cases,
  delivery_methods, legal_basis, form, effective_from, effective_to, handler_kind, handler_name,
  handler_url, content_hash, origin, created_at, published_at, obligation_kind)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)`,
		v.ServiceCode, v.Number, v.Name.Vi, v.Name.En, v.Summary.Vi, v.Summary.En,
		v.Description.Vi, v.Description.En, v.CategoryCode, string(v.OnlineLevel), v.RequiresLogin, channels, cases,
		pq.StringArray(methods), pq.StringArray(nonNil(v.LegalBasis)), form, dateArg(v.EffectiveFrom), dateArg(v.EffectiveTo),
		string(v.Handler.Kind), v.Handler.Name, v.Handler.URL, hash, origin, now, publishedAt, nullString(string(v.ObligationKind)))
	if err != nil {
		return fmt.Errorf("insert service %s version %d: %w", v.ServiceCode, v.Number, err)
	}
	return nil
}

// logChange appends to the change log and bumps the catalogue revision, in
// the transaction that made the change.
func logChange(ctx context.Context, tx *sqlx.Tx, code string, version int, kind ChangeKind, at time.Time, apiClientID int64) error {
	var client any
	if apiClientID != 0 {
		client = apiClientID
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO catalogue_changes (service_code, version, change, at, api_client_id) VALUES ($1, $2, $3, $4, $5)`,
		code, version, string(kind), at, client); err != nil {
		return fmt.Errorf("log change of service %s: %w", code, err)
	}
	return bumpRevision(ctx, tx)
}

// bumpRevision bumps the revision and notifies RevisionChannel with it: at
// the commit every process listening (Live with a listener) refreshes.
func bumpRevision(ctx context.Context, tx *sqlx.Tx) error {
	if _, err := tx.ExecContext(ctx, `WITH b AS (UPDATE catalogue_revision SET revision = revision + 1 RETURNING revision)
		SELECT pg_notify($1, revision::text) FROM b`, RevisionChannel); err != nil {
		return fmt.Errorf("bump catalogue revision: %w", err)
	}
	return nil
}
