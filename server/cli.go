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

var commands = map[string]command{}

// register adds a subcommand; each area registers its own in server/cmd_<area>.go.
func register(name, summary string, run func(ctx context.Context, args []string, stdout io.Writer) error) {
	if _, dup := commands[name]; dup {
		panic("dvcportal: command registered twice: " + name)
	}
	commands[name] = command{summary: summary, run: run}
}

func usage(w io.Writer) {
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
