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

// database opens DATABASE_URL, or starts the private cluster in
// DataDir/postgres when it is unset, and migrates. The returned closer closes
// the pool and stops the cluster.
func database(ctx context.Context, cfg config.Config, logger *slog.Logger) (*sqlx.DB, func(context.Context) error, error) {
	url := cfg.DatabaseURL
	var cluster *postgres.Cluster
	if url == "" {
		cluster = &postgres.Cluster{Dir: filepath.Join(cfg.DataDir, "postgres")}
		if err := cluster.Start(ctx); err != nil {
			return nil, nil, fmt.Errorf("private PostgreSQL cluster: %w", err)
		}
		logger.Info("private PostgreSQL cluster started", "dir", cluster.Dir, "port", cluster.Port())
		if err := cluster.EnsureDatabase(ctx, appDatabase); err != nil {
			return nil, nil, errors.Join(err, cluster.Stop(context.WithoutCancel(ctx)))
		}
		url = cluster.URL(appDatabase)
	}
	stopCluster := func(ctx context.Context) error {
		if cluster == nil {
			return nil
		}
		err := cluster.Stop(ctx)
		if err == nil {
			logger.Info("private PostgreSQL cluster stopped")
		}
		return err
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		return nil, nil, errors.Join(err, stopCluster(context.WithoutCancel(ctx)))
	}
	closeAll := func(ctx context.Context) error {
		return errors.Join(db.Close(), stopCluster(ctx))
	}
	return db, closeAll, nil
}

// migratedDatabase is database plus migrations.
func migratedDatabase(ctx context.Context, cfg config.Config, logger *slog.Logger) (*sqlx.DB, func(context.Context) error, error) {
	db, closeAll, err := database(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	if err := migrations.Up(ctx, db.DB); err != nil {
		return nil, nil, errors.Join(err, closeAll(context.WithoutCancel(ctx)))
	}
	return db, closeAll, nil
}
