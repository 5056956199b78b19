package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/dvcportal/dvcportal/internal/app"
	"github.com/dvcportal/dvcportal/internal/config"
)

func runServe(ctx context.Context, _ []string, _ io.Writer) error {
	return serve(ctx, true)
}

func runWorker(ctx context.Context, _ []string, _ io.Writer) error {
	return serve(ctx, false)
}

// serve runs one process until ctx ends (SIGINT/SIGTERM), then stops in
// order: stop accepting, finish in-flight requests within the shutdown
// bound, stop workers, close the pool, stop the private cluster.
func serve(ctx context.Context, withHTTP bool) error {
	logger := slog.Default()
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	logLevel.Set(cfg.LogLevel)
	tuneGC(cfg)
	if !withHTTP {
		cfg.Worker = true
	}
	if err := cfg.ResolveSecret(); err != nil {
		return err
	}
	db, closeDB, err := migratedDatabase(ctx, &cfg, logger, ownCluster)
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := closeDB(sctx); err != nil {
			logger.Error("close database", "error", err.Error())
		}
	}()
	a, err := app.New(ctx, cfg, db, logger)
	if err != nil {
		return err
	}
	if err := a.LoadReferenceData(ctx); err != nil {
		return err
	}
	if err := a.Start(ctx); err != nil {
		return err
	}
	stopApp := func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := a.Stop(sctx); err != nil {
			logger.Error("stop workers", "error", err.Error())
		}
	}
	if !withHTTP {
		logger.Info("worker running")
		<-ctx.Done()
		stopApp()
		return nil
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		stopApp()
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "graphql", "http://"+ln.Addr().String()+"/graphql")
	select {
	case err := <-served:
		stopApp()
		return fmt.Errorf("http server: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "in_flight_bound", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("http shutdown", "error", err.Error())
		_ = srv.Close()
	}
	stopApp()
	return nil
}

// tuneGC sets the garbage collector from the configuration unless the Go
// runtime's own GOMEMLIMIT / GOGC environment variables say otherwise: a soft
// memory limit and a raised GOGC, so a small live heap is not collected at
// every doubling (allocation and GC were 58% of an uncached page's CPU).
func tuneGC(cfg config.Config) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(cfg.GCPercent)
	}
}
