// Command dvcportal is the portal's one binary: the GraphQL API server (with
// background workers), and the operator's commands (migrations, reference data
// import, agency API keys, payments reconciliation and review). Run
// `dvcportal help` for the list.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// logLevel is the level of the process log; commands set it from
// DVC_LOG_LEVEL once they have read the configuration.
var logLevel = new(slog.LevelVar)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))
	slog.SetDefault(logger)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	name, args := "serve", os.Args[1:]
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}
	if name == "serve" || name == "worker" {
		keepSysmonAwake() // a long-running process: see sysmon.go
	}
	commands := commandTable()
	if name == "help" || name == "-h" || name == "--help" {
		usage(os.Stdout, commands)
		return
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "dvcportal: unknown command %q\n", name)
		usage(os.Stderr, commands)
		os.Exit(2)
	}
	if err := cmd.run(ctx, args, os.Stdout); err != nil {
		if errors.Is(err, context.Canceled) {
			return
		}
		fmt.Fprintln(os.Stderr, "dvcportal:", err)
		os.Exit(1)
	}
}
