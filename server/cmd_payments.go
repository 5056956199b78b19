package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/dvcportal/dvcportal/internal/app"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/payment"
)

const paymentsUsage = "usage: dvcportal payments reconcile [--date YYYY-MM-DD]"

// runPayments runs the daily three-way reconciliation of one day (the
// portal's ledger, the provider's settlement file, the agencies'
// acknowledgements), records each discrepancy once and prints the report.
func runPayments(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "reconcile" {
		return errors.New(paymentsUsage)
	}
	fs := flag.NewFlagSet("payments reconcile", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	date := fs.String("date", "", "the day, YYYY-MM-DD (Asia/Ho_Chi_Minh)")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() != 0 {
		return errors.New(paymentsUsage)
	}
	day := time.Now().In(time.FixedZone("ICT", 7*3600)).AddDate(0, 0, -1)
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return errors.New(paymentsUsage)
		}
		day = d
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	if err := cfg.ResolveSecret(); err != nil {
		return err
	}
	db, closeDB, err := migratedDatabase(ctx, &cfg, slog.Default(), attachCluster)
	if err != nil {
		return err
	}
	defer func() { _ = closeDB(context.WithoutCancel(ctx)) }()
	a, err := app.New(ctx, cfg, db, slog.Default())
	if err != nil {
		return err
	}
	rep, err := a.Payments().Reconcile(ctx, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	printReport(stdout, rep)
	return nil
}

func printReport(w io.Writer, rep payment.Report) {
	fmt.Fprintf(w, "reconciliation of %s\n", rep.Day.Format(time.DateOnly))
	if len(rep.Totals) == 0 {
		fmt.Fprintln(w, "  no successful payments")
	}
	for _, t := range rep.Totals {
		fmt.Fprintf(w, "  %-8s %6d payments %16s VND\n", t.Provider, t.Count, money.FormatVND(t.Amount))
	}
	fmt.Fprintf(w, "open discrepancies: %d\n", len(rep.Discrepancies))
	for _, d := range rep.Discrepancies {
		fmt.Fprintf(w, "  %-20s %-20s %s\n", d.Kind, d.PaymentCode, d.Note)
	}
}
