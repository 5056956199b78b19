// Package app owns the wiring of one dvcportal process: it builds every domain
// service on one database, registers their background workers and
// authenticators, serves the HTTP routes, loads reference data, and starts and
// stops it all in order. Each area wires itself in its own wire_<area>.go.
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

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/jmoiron/sqlx"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"

	"github.com/dvcportal/dvcportal/graph"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/jobs"
	"github.com/dvcportal/dvcportal/internal/payment"
)

// App is one process of the portal.
type App struct {
	Config   config.Config
	DB       *sqlx.DB
	Logger   *slog.Logger
	Auth     *auth.Registry
	Resolver *graph.Resolver
	Geo      *geo.Store
	// Workers collects River workers during wiring; River is created after.
	Workers *river.Workers
	River   *river.Client[*sql.Tx]
	Jobs    *jobs.Inserter
	// Handler serves every HTTP route.
	Handler http.Handler

	gql *handler.Server
	// CatalogueRevision reports the catalogue revision this process serves;
	// the whole-response cache keys on it (set by the catalogue wiring).
	CatalogueRevision func() int64
	metrics           *metrics
	shared            shared
	ready             atomic.Bool
	onStart           []func(context.Context) error
	onStop            []func(context.Context) error
	periodic          []*river.PeriodicJob
	// extraRoutes are HTTP routes outside GraphQL added by the areas
	// (payments: the provider's notifications and the browser's return).
	extraRoutes []route
	// Payments is the payments service (wire_payments.go).
	Payments *payment.Service
}

// New wires a process on db. It does not migrate, load data or start
// workers: see LoadReferenceData and Start.
func New(ctx context.Context, cfg config.Config, db *sqlx.DB, logger *slog.Logger) (*App, error) {
	if logger == nil {
		logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	a := &App{
		Config:  cfg,
		DB:      db,
		Logger:  logger,
		Auth:    auth.NewRegistry(),
		Geo:     geo.NewStore(db),
		Workers: river.NewWorkers(),
		Jobs:    &jobs.Inserter{},
		metrics: newMetrics(db),
	}
	a.Resolver = graph.NewResolver(logger, a.Geo)
	for _, wire := range []struct {
		area string
		fn   func(context.Context) error
	}{
		{"shared infrastructure", a.wireShared},
		{"identity", a.wireIdentity},
		{"catalogue", a.wireCatalogue},
		{"applications", a.wireApplications},
		{"payments", a.wirePayments},
	} {
		if err := wire.fn(ctx); err != nil {
			return nil, fmt.Errorf("wire %s: %w", wire.area, err)
		}
	}
	a.Resolver.Init()
	rc, err := river.NewClient(riverdatabasesql.New(db.DB), a.riverConfig())
	if err != nil {
		return nil, fmt.Errorf("create job queue client: %w", err)
	}
	a.River = rc
	a.Jobs.Bind(rc)
	a.gql = a.newGraphQLHandler()
	a.Handler = a.routes()
	return a, nil
}

func (a *App) riverConfig() *river.Config {
	cfg := &river.Config{
		Workers:           a.Workers,
		FetchPollInterval: 100 * time.Millisecond,
		Logger:            a.Logger.With("component", "river"),
		PeriodicJobs:      a.periodic,
		JobTimeout:        time.Minute,
	}
	if a.Config.Worker {
		cfg.Queues = jobs.QueueConfig()
	}
	return cfg
}

// OnStart adds fn to what Start runs (after workers start), e.g. a cache
// refresher. OnStop adds fn to what Stop runs first.
func (a *App) OnStart(fn func(context.Context) error) { a.onStart = append(a.onStart, fn) }

// OnStop adds fn to what Stop runs, in reverse order of registration.
func (a *App) OnStop(fn func(context.Context) error) { a.onStop = append(a.onStop, fn) }

// AddPeriodicJob schedules a River periodic job (call during wiring).
func (a *App) AddPeriodicJob(j *river.PeriodicJob) { a.periodic = append(a.periodic, j) }

// LoadReferenceData loads, idempotently, everything the portal needs to
// serve: provinces (and the ward list when configured), then each area's
// reference data.
func (a *App) LoadReferenceData(ctx context.Context) error {
	if err := a.Geo.LoadProvinces(ctx); err != nil {
		return fmt.Errorf("load provinces: %w", err)
	}
	if a.Config.UnitsFile != "" {
		f, err := os.Open(a.Config.UnitsFile)
		if err != nil {
			return fmt.Errorf("open units file: %w", err)
		}
		defer f.Close()
		if _, _, err := a.Geo.ImportUnits(ctx, f); err != nil {
			return err
		}
	}
	for _, load := range []struct {
		area string
		fn   func(context.Context) error
	}{
		{"identity", a.loadIdentityData},
		{"catalogue", a.loadCatalogueData},
		{"applications", a.loadApplicationsData},
		{"payments", a.loadPaymentsData},
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
		if err := a.River.Start(ctx); err != nil {
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
	return errors.Join(errs...)
}
