package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/app"
	"github.com/dvcportal/dvcportal/internal/auth"
	"github.com/dvcportal/dvcportal/internal/config"
	"github.com/dvcportal/dvcportal/internal/money"
	"github.com/dvcportal/dvcportal/internal/payment"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

const paymentsUsage = `usage: dvcportal payments reconcile [--date YYYY-MM-DD]
       dvcportal payments review
       dvcportal payments resolve CODE --refund|--accept --reason TEXT`

// paymentsOp is one parsed `dvcportal payments` command.
type paymentsOp struct {
	sub    string    // reconcile, review, resolve
	day    time.Time // reconcile
	code   string    // resolve
	action payment.ResolveAction
	reason string
}

// parsePayments reads the arguments of `dvcportal payments` (now: the
// default day of reconcile is the day before now in Vietnam).
func parsePayments(args []string, now time.Time) (paymentsOp, error) {
	bad := errors.New(paymentsUsage)
	if len(args) == 0 {
		return paymentsOp{}, bad
	}
	op := paymentsOp{sub: args[0]}
	fs := flag.NewFlagSet("payments "+op.sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var date string
	var refund, accept bool
	switch op.sub {
	case "reconcile":
		fs.StringVar(&date, "date", "", "the day, YYYY-MM-DD (Asia/Ho_Chi_Minh)")
	case "review":
	case "resolve":
		fs.BoolVar(&refund, "refund", false, "give the money back")
		fs.BoolVar(&accept, "accept", false, "honour the payment as a success")
		fs.StringVar(&op.reason, "reason", "", "why (the payment's history shows it to the payer and the agency)")
	default:
		return paymentsOp{}, bad
	}
	if err := fs.Parse(args[1:]); err != nil {
		return paymentsOp{}, bad
	}
	// The code may come before or after the flags.
	if op.sub == "resolve" && fs.NArg() > 0 {
		op.code = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return paymentsOp{}, bad
		}
	}
	if fs.NArg() != 0 {
		return paymentsOp{}, bad
	}
	switch op.sub {
	case "reconcile":
		day := now.In(vntime.Location).AddDate(0, 0, -1)
		if date != "" {
			d, err := time.Parse(time.DateOnly, date)
			if err != nil {
				return paymentsOp{}, bad
			}
			day = d
		}
		op.day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	case "resolve":
		if op.code == "" || refund == accept || strings.TrimSpace(op.reason) == "" {
			return paymentsOp{}, bad
		}
		op.action = payment.ResolveRefund
		if accept {
			op.action = payment.ResolveAccept
		}
	}
	return op, nil
}

// runPayments is the operator's payments commands: the daily three-way
// reconciliation of one day (the portal's ledger, the provider's settlement
// file, the agencies' acknowledgements), the list of payments in REVIEW and
// their resolution (internal/payment/review.go has the rules). A refund or
// an SMS a resolution queues is sent by the server's workers.
func runPayments(ctx context.Context, args []string, stdout io.Writer) error {
	op, err := parsePayments(args, time.Now())
	if err != nil {
		return err
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
	return op.run(auth.WithActor(ctx, auth.OperatorActor(osUser())), a.Payments(), stdout)
}

// osUser is who runs the command, for the ledger.
func osUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// run does op as the operator in ctx.
func (op paymentsOp) run(ctx context.Context, svc *payment.Service, stdout io.Writer) error {
	switch op.sub {
	case "reconcile":
		rep, err := svc.Reconcile(ctx, op.day)
		if err != nil {
			return err
		}
		printReport(stdout, rep)
	case "review":
		items, err := svc.InReview(ctx)
		if err != nil {
			return err
		}
		printReview(stdout, items)
	case "resolve":
		res, err := svc.Resolve(ctx, payment.ResolveInput{Code: op.code, Action: op.action, Reason: op.reason})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s resolved: %s", res.Code, res.Status)
		if res.Refund > 0 {
			fmt.Fprintf(stdout, ", refund of %s VND queued", money.FormatVND(res.Refund))
		}
		fmt.Fprintf(stdout, "\n  %s\n", res.Note)
	}
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

// printReview lists payments in REVIEW: code, amount, provider, agencies,
// since when, why; nothing that identifies the payer.
func printReview(w io.Writer, items []payment.ReviewItem) {
	fmt.Fprintf(w, "payments in review: %d\n", len(items))
	for _, it := range items {
		fmt.Fprintf(w, "  %-20s %16s VND  %-8s %-12s since %s\n", it.Code, money.FormatVND(it.Amount), it.Provider,
			strings.Join(it.Agencies, ","), it.Since.In(vntime.Location).Format("2006-01-02 15:04 MST"))
		if it.Refunding > 0 {
			fmt.Fprintf(w, "      refunding %s VND already\n", money.FormatVND(it.Refunding))
		}
		for _, why := range it.Why {
			fmt.Fprintf(w, "      %s\n", why)
		}
	}
	if len(items) > 0 {
		fmt.Fprintln(w, `resolve with: dvcportal payments resolve CODE --refund|--accept --reason "..."`)
	}
}
