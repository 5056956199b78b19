package app

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/dvcportal/dvcportal/internal/calendar"
	"github.com/dvcportal/dvcportal/internal/catalogue"
	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
	"github.com/dvcportal/dvcportal/internal/partner"
)

// wireCatalogue builds the catalogue store and the process's live snapshot
// (loaded and then polled from Start; stopped by Stop), registers the agency
// API key authenticator for "dvca_" tokens, and hands them to the resolvers.
func (a *App) wireCatalogue(ctx context.Context) error {
	store := catalogue.NewStore(a.DB)
	store.AllowInsecureWebhooks = !a.Config.Production()
	secrets, err := catalogue.NewSecretsBox(a.Config.Secret)
	if err != nil {
		return fmt.Errorf("webhook secrets key: %w", err)
	}
	store.Secrets = secrets
	live := catalogue.NewLive(store, a.Logger.With("component", "catalogue"))
	a.Auth.Register(partner.Prefix, partner.NewKeys(a.DB))
	a.Resolver.CatalogueDeps.Catalogue = live
	a.Resolver.CatalogueDeps.CatalogueStore = store
	a.Resolver.CatalogueDeps.Calendar = calendar.Default()
	a.CatalogueRevision = func() int64 { return live.Snapshot().Revision() }

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	var started atomic.Bool
	a.OnStart(func(ctx context.Context) error {
		if err := live.Refresh(ctx); err != nil {
			return fmt.Errorf("load catalogue snapshot: %w", err)
		}
		started.Store(true)
		go func() {
			defer close(done)
			live.Run(runCtx)
		}()
		return nil
	})
	a.OnStop(func(ctx context.Context) error {
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
	})
	return nil
}

// loadCatalogueData loads the seed catalogue (idempotent) and refreshes this
// process's snapshot.
func (a *App) loadCatalogueData(ctx context.Context) error {
	c, err := seed.Load()
	if err != nil {
		return err
	}
	if err := a.Resolver.CatalogueStore.LoadSeed(ctx, c); err != nil {
		return err
	}
	return a.Resolver.Catalogue.Refresh(ctx)
}
