package main

import (
	"context"
	"fmt"
	"io"
	"sort"
)

// command is one subcommand of the dvcportal binary.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout io.Writer) error
}

// commandTable is every subcommand, one line each; the commands themselves
// live in server/cmd_<area>.go.
func commandTable() map[string]command {
	return map[string]command{
		"serve":        {"run the API server and background workers (the default)", runServe},
		"worker":       {"run background workers only (no HTTP API)", runWorker},
		"migrate":      {"migrate up | down | status", runMigrate},
		"import-units": {"import-units FILE: load the province/ward list (reference data format)", runImportUnits},
		"agency":       {"agency create-key --agency CODE [--label TEXT] | revoke-key --id N | list-keys [--agency CODE]", runAgency},
		"payments":     {"payments reconcile [--date YYYY-MM-DD] | review | resolve CODE --refund|--accept --reason TEXT: three-way match of a day (default yesterday in Vietnam); list and settle payments in REVIEW", runPayments},
		"test-cluster": {"test-cluster start|stop --dir DIR: a throwaway PostgreSQL for `make test`", runTestCluster},
	}
}

func usage(w io.Writer, commands map[string]command) {
	fmt.Fprintln(w, "usage: dvcportal [command] [args]   (no command = serve)")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
}
