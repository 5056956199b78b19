package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/dvcportal/dvcportal/internal/postgres"
)

// runTestCluster starts a throwaway cluster (no fsync) and prints its URL, or
// stops it. `make test` runs it around `go test` so every test package shares
// one server.
func runTestCluster(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) < 1 || (args[0] != "start" && args[0] != "stop") {
		return fmt.Errorf("usage: dvcportal test-cluster start|stop --dir DIR")
	}
	fs := flag.NewFlagSet("test-cluster", flag.ContinueOnError)
	dir := fs.String("dir", "", "cluster directory")
	if err := fs.Parse(args[1:]); err != nil || *dir == "" {
		return fmt.Errorf("usage: dvcportal test-cluster start|stop --dir DIR")
	}
	c := &postgres.Cluster{Dir: *dir, Throwaway: true, TCP: true}
	if args[0] == "stop" {
		return c.Stop(ctx)
	}
	if err := c.Start(ctx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, c.URL("postgres"))
	return nil
}
