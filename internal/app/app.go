// Package app is the wiring and lifecycle of one dvcportal process: it builds
// every service into plain values in dependency order (shared infrastructure,
// identity, catalogue, business, applications), hands the GraphQL resolver its
// dependencies once, builds the HTTP transport (internal/httpapi) and the job
// queue, loads reference data, and starts and stops it all in order. Each
// area's builder lives in wire_<area>.go; New calls them in order.
package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/dvcportal/dvcportal/graph"
	"github.com/dvcportal/dvcportal/graph/generated"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/document"
	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/httpapi"
	"github.com/dvcportal/dvcportal/internal/identity"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/partner"
)

// App is one process of the portal.
type App struct {
	Config config.Config
	DB     *sqlx.DB
	Logger *slog.Logger
	// Resolver is the GraphQL root resolver, built once over every service.
	Resolver *graph.Resolver
	River    *river.Client[*sql.Tx]
	// Handler serves every HTTP route (internal/httpapi).
	Handler http.Handler

	geo       *geo.Store
	shared    shared
	catalogue catalogueArea
	payments  paymentsArea // wire_payments.go
	business  businessArea
	ready     atomic.Bool
	onStart   []func(context.Context) error
	onStop    []func(context.Context) error
	// closeListener releases the job queue's LISTEN connection.
	closeListener func()
}

// background collects, while the areas are built, the River workers and
// periodic jobs the job queue is then created with.
type background struct {
	workers  *river.Workers
	periodic []*river.PeriodicJob
	// jobTimeouts are the job kinds with their own timeout (see jobs.Config).
	jobTimeouts []time.Duration
}

// New wires a process on db. It does not migrate, load data or start
// workers: see LoadReferenceData and Start.
func New(ctx context.Context, cfg config.Config, db *sqlx.DB, logger *slog.Logger) (*App, error) {
	if logger == nil {
		logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	a := &App{Config: cfg, DB: db, Logger: logger, geo: geo.NewStore(db)}
	bg := &background{workers: river.NewWorkers()}
	queue := &jobs.Inserter{} // bound to the River client below

	// The services, in dependency order: each builder gets what it needs.
	var err error
	if a.shared, err = a.newShared(bg, queue); err != nil {
		return nil, fmt.Errorf("wire shared infrastructure: %w", err)
	}
	ids, err := a.newIdentity(a.shared, bg)
	if err != nil {
		return nil, fmt.Errorf("wire identity: %w", err)
	}
	if a.catalogue, err = a.newCatalogue(ctx); err != nil {
		return nil, fmt.Errorf("wire catalogue: %w", err)
	}
	if a.business, err = a.newBusiness(ctx, bg); err != nil {
		return nil, fmt.Errorf("wire business: %w", err)
	}
	apps, err := a.newApplications(a.shared, a.catalogue, a.business, ids, bg, queue)
	if err != nil {
		return nil, fmt.Errorf("wire applications: %w", err)
	}
	if a.payments, err = a.newPayments(a.shared, ids, bg, queue); err != nil {
		return nil, fmt.Errorf("wire payments: %w", err)
	}

	// Bearer tokens by prefix: citizen sessions and agency API keys.
	authn := auth.NewAuthenticators()
	authn.Register(identity.TokenPrefix, ids)
	authn.Register(partner.Prefix, partner.NewKeys(db))

	a.Resolver = graph.NewResolver(graph.Deps{
		Logger: logger,
		Geo:    a.geo,
		IdentityDeps: graph.IdentityDeps{
			Identity: ids,
		},
		CatalogueDeps: graph.CatalogueDeps{
			Catalogue:      a.catalogue.live,
			CatalogueStore: a.catalogue.store,
			Calendar:       a.catalogue.calendar,
		},
		ApplicationsDeps: graph.ApplicationsDeps{
			ApplicationService:    apps,
			ApplicationsCatalogue: a.catalogue.live,
		},
		PaymentsDeps: graph.PaymentsDeps{
			PaymentService:  a.payments.svc,
			ObligationStore: a.payments.store,
			PaymentsLimiter: a.shared.limiter,
			Now:             cfg.Now,
		},
		BusinessDeps: graph.BusinessDeps{
			EnterpriseRegistry: a.business.enterprises,
			DocumentService:    a.business.documents,
		},
	})

	listenURL := ""
	if cfg.Worker {
		listenURL = cfg.DatabaseURL
	}
	driver, listening, closeListener, err := jobs.Driver(ctx, db.DB, listenURL)
	if err != nil {
		return nil, err
	}
	a.closeListener = closeListener
	rc, err := river.NewClient(driver, a.riverConfig(bg, listening))
	if err != nil {
		closeListener()
		return nil, fmt.Errorf("create job queue client: %w", err)
	}
	a.River = rc
	queue.Bind(rc)

	live := a.catalogue.live
	api, err := httpapi.New(httpapi.Config{
		Schema:            generated.NewExecutableSchema(generated.Config{Resolvers: a.Resolver}),
		Authenticator:     authn,
		Logger:            logger,
		DB:                db.DB,
		Started:           a.ready.Load,
		CatalogueRevision: func() int64 { return live.Snapshot().Revision() },
		TrustedProxies:    cfg.TrustedProxies,
		Production:        cfg.Production(),
		Introspection:     cfg.Introspection,
		MaxUploadBytes:    cfg.UploadMaxFile,
		Routes: append([]httpapi.Route{{Pattern: document.DownloadPath, Handler: a.business.documents}},
			a.payments.routes...),
		Collectors: []prometheus.Collector{a.payments.collector},
		Operations: contractOperations,
	})
	if err != nil {
		return nil, fmt.Errorf("wire HTTP transport: %w", err)
	}
	a.Handler = api.Handler()
	return a, nil
}

func (a *App) riverConfig(bg *background, listening bool) *river.Config {
	return jobs.RiverConfig(jobs.Config{
		Workers:      bg.workers,
		PeriodicJobs: bg.periodic,
		Logger:       a.Logger.With("component", "river"),
		Work:         a.Config.Worker,
		JobTimeout:   a.Config.JobTimeout,
		KindTimeouts: bg.jobTimeouts,
		Listening:    listening,
	})
}

// onStartStop adds start to what Start runs (after workers start), e.g. a
// cache refresher, and stop to what Stop runs first (in reverse order).
func (a *App) onStartStop(start, stop func(context.Context) error) {
	a.onStart = append(a.onStart, start)
	a.onStop = append(a.onStop, stop)
}

// LoadReferenceData loads, idempotently, everything the portal needs to
// serve: provinces (and the ward list when configured), then each area's
// reference data.
func (a *App) LoadReferenceData(ctx context.Context) error {
	if err := a.geo.LoadProvinces(ctx); err != nil {
		return fmt.Errorf("load provinces: %w", err)
	}
	if a.Config.UnitsFile != "" {
		f, err := os.Open(a.Config.UnitsFile)
		if err != nil {
			return fmt.Errorf("open units file: %w", err)
		}
		defer f.Close()
		if _, _, err := a.geo.ImportUnits(ctx, f); err != nil {
			return err
		}
	}
	for _, load := range []struct {
		area string
		fn   func(context.Context) error
	}{
		{"identity", a.loadIdentityData},
		{"catalogue", a.loadCatalogueData},
		{"payments", a.loadPaymentsData},
		{"business", a.loadBusinessData},
	} {
		if err := load.fn(ctx); err != nil {
			return fmt.Errorf("load %s reference data: %w", load.area, err)
		}
	}
	return nil
}

// Start starts the background workers (when this process runs them) and the
// areas' start hooks, then reports ready.
func (a *App) Start(ctx context.Context) error {
	if a.Config.Worker {
		// Not the signal's context: its cancellation would abort running
		// jobs at once. Stop lets them finish within DVC_SHUTDOWN_TIMEOUT.
		if err := a.River.Start(context.WithoutCancel(ctx)); err != nil {
			return fmt.Errorf("start job workers: %w", err)
		}
	}
	for _, fn := range a.onStart {
		if err := fn(ctx); err != nil {
			return err
		}
	}
	a.ready.Store(true)
	return nil
}

// Stop stops the areas' hooks and the workers, waiting for running jobs
// until ctx ends, then cancelling them. It does not close the database.
func (a *App) Stop(ctx context.Context) error {
	a.ready.Store(false)
	var errs []error
	for i := len(a.onStop) - 1; i >= 0; i-- {
		if err := a.onStop[i](ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if a.Config.Worker {
		if err := a.River.Stop(ctx); err != nil {
			if stopErr := a.River.StopAndCancel(context.Background()); stopErr != nil {
				errs = append(errs, fmt.Errorf("stop job workers: %w", stopErr))
			}
		}
	}
	a.closeListener()
	return errors.Join(errs...)
}
