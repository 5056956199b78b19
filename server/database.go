package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/migrations"
)

// appDatabase is the database name inside the private cluster.
const appDatabase = "dvcportal"

// How a command uses the private cluster when another process (a running
// server) holds it.
const (
	ownCluster    = false // the server: refuse (two servers on one data dir)
	attachCluster = true  // an operator's command: use the running cluster
)

// database opens DATABASE_URL, or starts the private cluster in
// DataDir/postgres when it is unset (or, with attachCluster, connects to it
// through its private socket when a running server holds it). The returned
// closer closes the pool and stops the cluster if this process started it.
// cfg.DatabaseURL is set to the URL used (the job queue listens on it).
func database(ctx context.Context, cfg *config.Config, logger *slog.Logger, attach bool) (*sqlx.DB, func(context.Context) error, error) {
	url := cfg.DatabaseURL
	var cluster *postgres.Cluster
	started := false
	if url == "" {
		cluster = &postgres.Cluster{Dir: filepath.Join(cfg.DataDir, "postgres")}
		err := cluster.Start(ctx)
		switch {
		case err == nil:
			started = true
			logger.Info("private PostgreSQL cluster started", "dir", cluster.Dir, "port", cluster.Port())
			if err := cluster.EnsureDatabase(ctx, appDatabase); err != nil {
				return nil, nil, errors.Join(err, cluster.Stop(context.WithoutCancel(ctx)))
			}
		case attach && errors.Is(err, postgres.ErrClusterInUse):
			if aerr := cluster.Attach(); aerr != nil {
				return nil, nil, fmt.Errorf("private PostgreSQL cluster: %w; %w", err, aerr)
			}
			logger.Debug("using the private PostgreSQL cluster of the running server", "dir", cluster.Dir)
		default:
			return nil, nil, fmt.Errorf("private PostgreSQL cluster: %w", err)
		}
		url = cluster.URL(appDatabase)
		cfg.DatabaseURL = url
	}
	stopCluster := func(ctx context.Context) error {
		if !started {
			return nil
		}
		err := cluster.Stop(ctx)
		if err == nil {
			logger.Info("private PostgreSQL cluster stopped")
		}
		return err
	}
	db, err := postgres.Open(ctx, url, cfg.DBMaxConns)
	if err != nil {
		return nil, nil, errors.Join(err, stopCluster(context.WithoutCancel(ctx)))
	}
	closeAll := func(ctx context.Context) error {
		return errors.Join(db.Close(), stopCluster(ctx))
	}
	return db, closeAll, nil
}

// migratedDatabase is database plus migrations (under the migration lock, so
// a command and a server starting together do not collide).
func migratedDatabase(ctx context.Context, cfg *config.Config, logger *slog.Logger, attach bool) (*sqlx.DB, func(context.Context) error, error) {
	db, closeAll, err := database(ctx, cfg, logger, attach)
	if err != nil {
		return nil, nil, err
	}
	if err := migrations.Up(ctx, db.DB); err != nil {
		return nil, nil, errors.Join(err, closeAll(context.WithoutCancel(ctx)))
	}
	return db, closeAll, nil
}
