package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/handlers/form"
	"github.com/dvcportal/dvcportal/internal/handlers/healthcard"
	"github.com/dvcportal/dvcportal/internal/handlers/salespromotion"
	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/outbound"
	"github.com/dvcportal/dvcportal/internal/webhook"
)

// newApplications builds the applications service (the handler router with
// its built-in handlers, the lifecycle, reading) on the catalogue area's
// store and calendar, and registers the webhook delivery worker.
func (a *App) newApplications(sh shared, cat catalogueArea, biz businessArea, ids *identity.Service, bg *background, queue *jobs.Inserter) (*application.Service, error) {
	store, cal := cat.store, cat.calendar
	svc, err := application.New(application.Deps{
		DB:        a.DB,
		Catalogue: applicationsCatalogue{Store: store, live: cat.live},
		Calendar:  cal,
		Geo:       a.geo,
		Contacts:  contactsAdapter{ids},
		Captcha:   sh.captchas,
		Limiter:   sh.limiter,
		SMS:       sh.sms,
		Templates: sh.texts,
		Webhooks:  webhook.NewOutbox(queue),
		// The business area: acting for an enterprise, documents.
		Enterprises: enterprisesAdapter{biz.enterprises},
		Documents:   biz.documents,
		Logger:      a.Logger.With("component", "applications"),
	}, application.Config{Limits: &a.Config.RateLimits})
	if err != nil {
		return nil, err
	}
	// The built-in handlers: one line per built-in service handler.
	svc.Handlers.Register(healthcard.Name, healthcard.New(sh.registry, cal))
	svc.Handlers.Register(application.HandlerForm, form.New(cal))
	promotions, err := salespromotion.New(cal)
	if err != nil {
		return nil, err
	}
	svc.Handlers.Register(salespromotion.Name, promotions)

	whCfg := webhookConfig(a.Config)
	worker := webhook.NewWorker(a.DB, webhookSecrets{store}, whCfg, a.Logger.With("component", "webhook"))
	if err := river.AddWorkerSafely(bg.workers, worker); err != nil {
		return nil, fmt.Errorf("register webhook worker: %w", err)
	}
	bg.jobTimeouts = append(bg.jobTimeouts, worker.Timeout(nil))
	return svc, nil
}

// webhookConfig takes the webhook delivery tunables from the configuration:
// DVC_WEBHOOK_TIMEOUT (one attempt, default 10s) and DVC_WEBHOOK_BACKOFF (the
// first retry delay, doubled per attempt up to an hour; default 10s).
func webhookConfig(c config.Config) webhook.WorkerConfig {
	cfg := webhook.WorkerConfig{Timeout: c.WebhookTimeout, BackoffBase: c.WebhookBackoff,
		Outbound: outbound.Config{AllowPrivate: !c.Production(), Proxy: c.PartnerProxy}}
	if cfg.BackoffBase > 0 && cfg.BackoffBase < time.Second {
		cfg.OrderWait = cfg.BackoffBase
	}
	return cfg
}

// applicationsCatalogue: a submission is routed to the current version in
// the process's catalogue snapshot (no SQL; the secret-free binding is all
// routing needs, the webhook worker reads the secret from the store); the
// versions applications are pinned to and offices come from the store.
type applicationsCatalogue struct {
	*catalogue.Store
	live *catalogue.Live
}

func (c applicationsCatalogue) CurrentVersion(ctx context.Context, code string) (catalogue.ServiceVersion, error) {
	return c.live.CurrentVersion(ctx, code)
}

// contactsAdapter: an applicant's SMS go to the phone registered with their
// account (where identity sends OTPs), in the account's language
// (identity.ContactOf: the submitting citizen's own contact comes from this
// request's session lookup with no query; an agency's move reads the
// applicant's account).
type contactsAdapter struct{ identity *identity.Service }

func (c contactsAdapter) Contact(ctx context.Context, q sqlx.QueryerContext, accountID int64, _ string) (application.Contact, error) {
	ct, err := c.identity.ContactOf(ctx, q, accountID)
	if err != nil {
		return application.Contact{}, err
	}
	return application.Contact{Phone: ct.Phone, Lang: ct.Lang}, nil
}

// webhookSecrets resolves "service:<code>:<version>" to the service's
// signing secret.
type webhookSecrets struct{ s *catalogue.Store }

func (w webhookSecrets) Secret(ctx context.Context, ref string) ([]byte, error) {
	code, version, ok := application.ParseSecretRef(ref)
	if !ok {
		return nil, fmt.Errorf("webhook secret reference %q is malformed", ref)
	}
	v, err := w.s.CurrentVersion(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("signing secret of %s v%d: %w", code, version, err)
	}
	if v.Handler.Secret == "" {
		return nil, fmt.Errorf("service %s has no signing secret", code)
	}
	return []byte(v.Handler.Secret), nil
}
