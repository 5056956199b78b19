package catalogue

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/obligation"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// HandlerInput is the handler a partner binds a service to.
type HandlerInput struct {
	Kind HandlerKind
	Name string // BUILTIN: one of Store.PartnerBuiltins
	URL  string // WEBHOOK
}

// DraftInput is what a partner agency sends to create a service or a new
// draft version of one of its services. Field names follow the GraphQL
// input (UpsertServiceDraftInput), and so do the paths of its UserErrors.
type DraftInput struct {
	Code            string
	CategoryCode    string
	Name            i18n.Text
	Summary         i18n.Text
	Description     i18n.Text
	OnlineLevel     OnlineLevel
	RequiresLogin   *bool // default: true when there is an ONLINE channel
	Channels        []Channel
	Cases           []Case
	DeliveryMethods []DeliveryMethod
	LegalBasis      []string
	Form            FormDefinition
	EffectiveFrom   *time.Time
	EffectiveTo     *time.Time
	Keywords        []string
	Handler         HandlerInput
	// ObligationKind is the obligation the service pays instead of taking
	// applications (empty: none); it must be Findable.
	ObligationKind obligation.Kind
}

// editor is who changes the catalogue: an agency, through one of its API
// clients whose key holds the catalogue scope.
type editor struct {
	AgencyCode  string
	APIClientID int64
}

// editorOf authorises the caller of a catalogue change: an agency key with
// scope catalogue (UNAUTHENTICATED for anonymous, FORBIDDEN otherwise).
func editorOf(ctx context.Context) (editor, error) {
	a, err := auth.RequireAgencyScope(ctx, auth.ScopeCatalogue)
	if err != nil {
		return editor{}, err
	}
	return editor{AgencyCode: a.AgencyCode, APIClientID: a.APIClientID}, nil
}

// DraftResult is the outcome of UpsertDraft.
type DraftResult struct {
	Service Service
	Draft   ServiceVersion
	// SigningSecret is the webhook signing secret, set only when this call
	// generated it (the first WEBHOOK draft of a service): it is shown once.
	SigningSecret string
}

// CodeNothingToPublish is the UserError code of a publish without a draft,
// or of a draft that changes nothing.
const CodeNothingToPublish = "NOTHING_TO_PUBLISH"

var (
	msgUnknownService   = i18n.T("Không có dịch vụ với mã này.", "There is no service with this code.")
	msgCodeNotAvailable = i18n.T("Mã này thuộc cơ quan khác hoặc không dùng được.", "This code belongs to another agency or is not available.")
	msgNothingToPublish = i18n.T("Dịch vụ không có bản nháp để công bố.", "The service has no draft to publish.")
	msgNothingChanged   = i18n.T("Bản nháp không khác phiên bản hiện hành.", "The draft does not differ from the current version.")
)

// UpsertDraft validates in and writes it as the draft of service in.Code:
// a new service (status DRAFT) when the code is new, otherwise a new draft
// version (replacing an unpublished draft). The caller is an agency key of
// scope catalogue; invalid input is an apperr validation error with a
// UserError per problem. Service codes are one space for every agency: a
// code another agency holds is refused with the one UserError at ["code"]
// (errCodeNotAvailable), the same whether that agency published it or only
// drafts it, so whether another agency drafts a code is not observable.
func (s *Store) UpsertDraft(ctx context.Context, in DraftInput) (DraftResult, error) {
	ed, err := editorOf(ctx)
	if err != nil {
		return DraftResult{}, err
	}
	if errs := s.validateDraft(in); len(errs) > 0 {
		return DraftResult{}, apperr.Invalid(errs...)
	}
	var res DraftResult
	now := s.now()
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var exists bool
		if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM catalogue_categories WHERE code = $1)`, in.CategoryCode); err != nil {
			return fmt.Errorf("check category %s: %w", in.CategoryCode, err)
		}
		if !exists {
			return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownCategory, "categoryCode"))
		}
		svc, err := getService(ctx, tx, in.Code, true)
		switch {
		case errors.Is(err, apperr.ErrNotFound):
			svc = Service{Code: in.Code, AgencyCode: ed.AgencyCode, CategoryCode: in.CategoryCode, Status: StatusDraft}
			if _, err := tx.ExecContext(ctx, `
INSERT INTO catalogue_services (code, agency_code, category_code, status, keywords, created_at, updated_at)
VALUES ($1, $2, $3, 'DRAFT', $4, $5, $5) ON CONFLICT (code) DO NOTHING`,
				in.Code, ed.AgencyCode, in.CategoryCode, pq.StringArray(nonNil(in.Keywords)), now); err != nil {
				return fmt.Errorf("insert service %s: %w", in.Code, err)
			}
			// A concurrent upsert of the same new code: lock the row it made.
			if svc, err = getService(ctx, tx, in.Code, true); err != nil {
				return err
			}
			if svc.AgencyCode != ed.AgencyCode {
				return errCodeNotAvailable()
			}
		case err != nil:
			return err
		case svc.AgencyCode != ed.AgencyCode:
			return errCodeNotAvailable()
		}

		v := draftFromInput(in, ed.AgencyCode)
		if svc.DraftVersion != 0 {
			v.Number = svc.DraftVersion
			if _, err := tx.ExecContext(ctx, `DELETE FROM catalogue_service_versions WHERE service_code = $1 AND number = $2`, in.Code, v.Number); err != nil {
				return fmt.Errorf("replace draft of service %s: %w", in.Code, err)
			}
		} else {
			if err := tx.GetContext(ctx, &v.Number, `SELECT coalesce(max(number), 0) + 1 FROM catalogue_service_versions WHERE service_code = $1`, in.Code); err != nil {
				return fmt.Errorf("number draft of service %s: %w", in.Code, err)
			}
		}
		hash, err := contentHash(v)
		if err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, v, hash, originPartner, now, false); err != nil {
			return err
		}
		if v.Handler.Kind == Webhook {
			if res.SigningSecret, err = s.ensureWebhookSecret(ctx, tx, in.Code); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE catalogue_services SET draft_version = $2, keywords = $3, updated_at = $4 WHERE code = $1`,
			in.Code, v.Number, pq.StringArray(nonNil(in.Keywords)), now); err != nil {
			return fmt.Errorf("update service %s: %w", in.Code, err)
		}
		svc.DraftVersion = v.Number
		svc.Keywords = in.Keywords
		res.Service, res.Draft = svc, v
		return nil
	})
	if err != nil {
		return DraftResult{}, err
	}
	return res, nil
}

// ensureWebhookSecret generates the service's webhook signing secret when it
// has none, stores it sealed, and returns it then (empty when it already had
// one): the partner sees it once.
func (s *Store) ensureWebhookSecret(ctx context.Context, tx *sqlx.Tx, code string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate webhook secret: %w", err)
	}
	secret := "whsec_" + base64.RawURLEncoding.EncodeToString(b)
	stored, err := s.sealSecret(code, secret)
	if err != nil {
		return "", err
	}
	res, err := tx.ExecContext(ctx, `UPDATE catalogue_services SET webhook_secret = $2 WHERE code = $1 AND webhook_secret IS NULL`, code, stored)
	if err != nil {
		return "", fmt.Errorf("store webhook secret of service %s: %w", code, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return "", err
	}
	return secret, nil
}

func draftFromInput(in DraftInput, agency string) ServiceVersion {
	v := ServiceVersion{
		ServiceCode: in.Code, AgencyCode: agency, CategoryCode: in.CategoryCode,
		Name: in.Name, Summary: in.Summary, Description: in.Description, OnlineLevel: in.OnlineLevel,
		Channels: in.Channels, Cases: in.Cases, DeliveryMethods: in.DeliveryMethods, LegalBasis: in.LegalBasis,
		Form: in.Form, EffectiveFrom: in.EffectiveFrom, EffectiveTo: in.EffectiveTo,
		Handler:        HandlerBinding{Kind: in.Handler.Kind, Name: in.Handler.Name, URL: in.Handler.URL},
		ObligationKind: in.ObligationKind,
	}
	if v.Handler.Kind == Webhook {
		v.Handler.Name = ""
	} else {
		v.Handler.URL = ""
	}
	for i := range v.Channels {
		v.Channels[i].Fees = nonNil(v.Channels[i].Fees)
	}
	for i := range v.Cases {
		v.Cases[i].Documents = nonNil(v.Cases[i].Documents)
	}
	if in.RequiresLogin != nil {
		v.RequiresLogin = *in.RequiresLogin
	} else {
		_, v.RequiresLogin = v.ChannelOf(Online)
	}
	return v
}

// errCodeNotAvailable refuses a service code another agency holds, published
// or not (see UpsertDraft).
func errCodeNotAvailable() error {
	return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgCodeNotAvailable, "code"))
}

// Publish makes the draft of service code its new current version: the
// draft becomes immutable, the change log records it and the catalogue
// revision moves (every process shows it within a few seconds). Publishing
// a draft identical to the current version, or a service without a draft,
// is a UserError. The caller is an agency key of scope catalogue; another
// agency's service answers exactly as an unknown code, so whether another
// agency is drafting a code is not observable (issue 14 #22).
func (s *Store) Publish(ctx context.Context, code string) (Service, error) {
	ed, err := editorOf(ctx)
	if err != nil {
		return Service{}, err
	}
	if ue := valid.Field(code, tagCode, "code"); ue != nil {
		// Not a code at all (NUL, control characters, too long): it cannot
		// name a service, and it never reaches the database.
		return Service{}, apperr.Invalid(*ue)
	}
	now := s.now()
	var svc Service
	err = postgres.InTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var err error
		svc, err = getService(ctx, tx, code, true)
		if errors.Is(err, apperr.ErrNotFound) || (err == nil && svc.AgencyCode != ed.AgencyCode) {
			return apperr.Invalid(apperr.Field(apperr.CodeInvalid, msgUnknownService, "code"))
		}
		if err != nil {
			return err
		}
		if svc.DraftVersion == 0 {
			return apperr.Invalid(apperr.Field(CodeNothingToPublish, msgNothingToPublish, "code"))
		}
		_, draftHash, err := draftVersion(ctx, tx, code, svc.DraftVersion)
		if err != nil {
			return err
		}
		if svc.CurrentVersion != 0 && svc.Status == StatusPublished {
			var currentHash []byte
			if err := tx.GetContext(ctx, &currentHash, `SELECT content_hash FROM catalogue_service_versions WHERE service_code = $1 AND number = $2`,
				code, svc.CurrentVersion); err != nil {
				return fmt.Errorf("load current version of service %s: %w", code, err)
			}
			if bytes.Equal(currentHash, draftHash) {
				return apperr.Invalid(apperr.Field(CodeNothingToPublish, msgNothingChanged, "code"))
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE catalogue_service_versions SET published_at = $3 WHERE service_code = $1 AND number = $2`,
			code, svc.DraftVersion, now); err != nil {
			return fmt.Errorf("publish service %s version %d: %w", code, svc.DraftVersion, err)
		}
		kind := ChangePublished
		if svc.CurrentVersion == 0 {
			kind = ChangeCreated
		}
		if _, err := tx.ExecContext(ctx, `
UPDATE catalogue_services SET status = 'PUBLISHED', current_version = draft_version, draft_version = NULL,
  category_code = (SELECT category_code FROM catalogue_service_versions WHERE service_code = $1 AND number = draft_version),
  updated_at = $2
WHERE code = $1`, code, now); err != nil {
			return fmt.Errorf("publish service %s: %w", code, err)
		}
		if err := logChange(ctx, tx, code, svc.DraftVersion, kind, now, ed.APIClientID); err != nil {
			return err
		}
		svc.Status, svc.CurrentVersion, svc.DraftVersion = StatusPublished, svc.DraftVersion, 0
		return nil
	})
	if err != nil {
		return Service{}, err
	}
	s.changed(ctx)
	return svc, nil
}

// Draft returns the service's draft version (apperr.ErrNotFound when none), for its
// own agency.
func (s *Store) Draft(ctx context.Context, code string) (ServiceVersion, error) {
	svc, err := s.Service(ctx, code)
	if err != nil {
		return ServiceVersion{}, err
	}
	if svc.DraftVersion == 0 {
		return ServiceVersion{}, fmt.Errorf("draft of %s: %w", code, apperr.ErrNotFound)
	}
	v, _, err := draftVersion(ctx, s.db, code, svc.DraftVersion)
	return v, err
}
