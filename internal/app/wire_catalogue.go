package app

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// catalogueArea is what the catalogue area builds and others share: the
// store, the process's live snapshot and the working-day calendar.
type catalogueArea struct {
	store    *catalogue.Store
	live     *catalogue.Live
	calendar *calendar.Calendar
}

// newCatalogue builds the catalogue store and the process's live snapshot
// (loaded and then polled from Start; stopped by Stop). When the process
// knows its database URL (always in serve and worker) the snapshot is also
// woken by catalogue.RevisionChannel through one listening connection, so it
// polls only every catalogue.ListeningPollInterval; without one (tests) it
// polls every second.
func (a *App) newCatalogue(ctx context.Context) (catalogueArea, error) {
	store := catalogue.NewStore(a.DB)
	store.AllowInsecureWebhooks = !a.Config.Production()
	secrets, err := catalogue.NewSecretsBox(a.Config.Secret)
	if err != nil {
		return catalogueArea{}, fmt.Errorf("webhook secrets key: %w", err)
	}
	store.Secrets = secrets
	live := catalogue.NewLive(store, a.Logger.With("component", "catalogue"))

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	var started atomic.Bool
	start := func(ctx context.Context) error {
		if err := live.Refresh(ctx); err != nil {
			return fmt.Errorf("load catalogue snapshot: %w", err)
		}
		started.Store(true)
		url := a.Config.DatabaseURL
		if url != "" {
			live.SetInterval(catalogue.ListeningPollInterval)
		}
		go func() {
			defer close(done)
			var listening sync.WaitGroup
			if url != "" {
				listening.Go(func() {
					postgres.Listen(runCtx, url, catalogue.RevisionChannel, live.Nudge, a.Logger.With("component", "catalogue"))
				})
			}
			live.Run(runCtx)
			listening.Wait()
		}()
		return nil
	}
	stop := func(ctx context.Context) error {
		cancel()
		if !started.Load() {
			return nil
		}
		select {
		case <-done:
			return nil
		case <-ctx.Done():
			return fmt.Errorf("stop catalogue refresher: %w", ctx.Err())
		}
	}
	a.onStartStop(start, stop)
	return catalogueArea{store: store, live: live, calendar: calendar.Default()}, nil
}

// loadCatalogueData loads the seed catalogue (idempotent) and refreshes this
// process's snapshot.
func (a *App) loadCatalogueData(ctx context.Context) error {
	c, err := seed.Load()
	if err != nil {
		return err
	}
	if err := a.catalogue.store.LoadSeed(ctx, c); err != nil {
		return err
	}
	return a.catalogue.live.Refresh(ctx)
}
