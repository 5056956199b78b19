package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/migrations"
)

func runMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 || (args[0] != "up" && args[0] != "down" && args[0] != "status") {
		return fmt.Errorf("usage: dvcportal migrate up|down|status")
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	db, closeDB, err := database(ctx, &cfg, slog.Default(), attachCluster)
	if err != nil {
		return err
	}
	defer func() { _ = closeDB(context.WithoutCancel(ctx)) }()
	switch args[0] {
	case "up":
		if err := migrations.Up(ctx, db.DB); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "migrated up")
	case "down":
		if err := migrations.Down(ctx, db.DB); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "rolled back one migration")
	}
	return migrations.Status(ctx, db.DB, stdout)
}

func runImportUnits(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: dvcportal import-units FILE")
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("open units file: %w", err)
	}
	defer f.Close()
	db, closeDB, err := migratedDatabase(ctx, &cfg, slog.Default(), attachCluster)
	if err != nil {
		return err
	}
	defer func() { _ = closeDB(context.WithoutCancel(ctx)) }()
	p, w, err := geo.NewStore(db).ImportUnits(ctx, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d provinces and %d wards\n", p, w)
	return nil
}
