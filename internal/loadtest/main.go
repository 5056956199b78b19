// Command loadtest measures a GraphQL endpoint: N concurrent workers send one
// request for D seconds and it reports requests per second, p50/p90/p99
// latency and the number of non-200 and GraphQL-error answers. It owns no
// domain code; it is a measuring tool for DESIGN.md §9.
//
// With -ceiling it also measures the net/http ceiling on the same machine with
// the same tool: it captures the target's answer once, starts a child process
// running a plain net/http server on 127.0.0.1 that returns exactly those
// bytes (same Content-Type), loads it the same way, and prints the ratio.
//
// Usage:
//
//	go run ./internal/loadtest -url http://127.0.0.1:8080/graphql \
//	    -query-file page.graphql -c 32 -d 10s [-get] [-H 'Accept-Language: en'] [-ceiling]
//
//	go build -o bin/loadtest ./internal/loadtest
//	taskset -c 0 bin/dvcportal serve &
//	taskset -c 1 bin/loadtest -url ... -query '{ provinces { code } }' -ceiling -ceiling-cpus 0
//
// Flags are listed by -h; internal/loadtest/README.md has examples.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"
)

// headerFlags collects repeated -H "Name: value" flags.
type headerFlags []string

func (h *headerFlags) String() string     { return strings.Join(*h, ", ") }
func (h *headerFlags) Set(v string) error { *h = append(*h, v); return nil }

// options are the parsed command-line flags.
type options struct {
	request     requestSpec
	concurrency int
	engine      string
	duration    time.Duration
	warmup      time.Duration
	ceiling     bool
	ceilingCPUs string
	saveBody    string
	jsonOut     bool
	serveFile   string        // internal: run as the ceiling server child
	serveType   string        // internal: Content-Type for the ceiling server
	argon2Loop  time.Duration // internal: run as the argon2id ceiling child
	suite       bool
	suiteOpts   suiteOptions
	// beforeMeasure runs after the warm-up, just before the measured part
	// (the suite reads the server's CPU there).
	beforeMeasure func() error
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	opts, err := parseFlags(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if opts.serveFile != "" {
		return serveCeilingChild(ctx, opts.serveFile, opts.serveType, os.Stdin, stdout)
	}
	if opts.argon2Loop > 0 {
		return argon2Loop(opts.argon2Loop, stdout)
	}
	if opts.suite {
		return runSuite(ctx, opts, opts.suiteOpts, stdout)
	}

	target, err := measure(ctx, opts, opts.request)
	if err != nil {
		return err
	}
	if opts.saveBody != "" {
		if err := os.WriteFile(opts.saveBody, target.sample.body, 0o644); err != nil {
			return fmt.Errorf("save response body: %w", err)
		}
	}
	if !opts.ceiling {
		return report(stdout, opts.jsonOut, target, nil)
	}

	ceil, err := startCeilingChild(ctx, target.sample, opts.ceilingCPUs)
	if err != nil {
		return err
	}
	defer ceil.stop()
	ceilReq := opts.request
	ceilReq.url = ceil.url
	ceilRes, err := measure(ctx, opts, ceilReq)
	if err != nil {
		return fmt.Errorf("ceiling: %w", err)
	}
	if !bytes.Equal(ceilRes.sample.body, target.sample.body) {
		return fmt.Errorf("ceiling: it answered %d bytes, not the %d captured", len(ceilRes.sample.body), len(target.sample.body))
	}
	return report(stdout, opts.jsonOut, target, ceilRes)
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	var (
		o         options
		headers   headerFlags
		query     = fs.String("query", "", "GraphQL document")
		queryFile = fs.String("query-file", "", "file holding the GraphQL document (instead of -query)")
		variables = fs.String("variables", "", "variables as a JSON object")
		opName    = fs.String("operation", "", "operationName")
		useGET    = fs.Bool("get", false, "send the query as GET ?query=... instead of POST JSON")
	)
	fs.StringVar(&o.request.url, "url", "", "GraphQL endpoint, e.g. http://127.0.0.1:8080/graphql")
	fs.Var(&headers, "H", `extra request header "Name: value" (repeatable)`)
	fs.IntVar(&o.concurrency, "c", 4*runtime.GOMAXPROCS(0), "concurrent workers (one keep-alive connection each)")
	fs.StringVar(&o.engine, "engine", "auto", "client: raw (own HTTP/1.1 keep-alive loop, light), nethttp (net/http client), auto (raw for http://)")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "measured duration")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured warm-up before each measurement")
	fs.BoolVar(&o.ceiling, "ceiling", false, "also measure a plain net/http server returning the captured response bytes")
	fs.StringVar(&o.ceilingCPUs, "ceiling-cpus", "", "run the ceiling server under taskset -c CPUS (e.g. the server's core)")
	fs.StringVar(&o.saveBody, "save", "", "write the captured response body to this file")
	fs.BoolVar(&o.jsonOut, "json", false, "print the result as JSON")
	fs.StringVar(&o.serveFile, "serve-file", "", "internal: serve this file as the ceiling server")
	fs.StringVar(&o.serveType, "serve-type", "application/json", "internal: Content-Type of -serve-file")
	fs.DurationVar(&o.argon2Loop, "argon2-loop", 0, "internal: run the argon2id ceiling loop for this long")
	fs.BoolVar(&o.suite, "suite", false, "start -server and measure every row of issue 13 beside its ceiling (see README)")
	so := &o.suiteOpts
	fs.StringVar(&so.server, "server", "bin/dvcportal", "suite: the dvcportal binary to start")
	fs.StringVar(&so.serverCPUs, "server-cpus", "", "suite: taskset -c for the server, its PostgreSQL and the ceilings (e.g. 0)")
	fs.StringVar(&so.dataDir, "data-dir", "", "suite: the server's data dir (default: a fresh temporary one, removed after)")
	fs.StringVar(&so.unitsFile, "units", "", "suite: the ward list the server imports (DVC_UNITS_FILE)")
	fs.StringVar(&so.pgbench, "pgbench", "pgbench", "suite: the pgbench binary")
	fs.IntVar(&so.rounds, "rounds", 3, "suite: interleaved rounds")
	fs.IntVar(&so.loginC, "login-c", 16, "suite: concurrent logins")
	fs.IntVar(&so.submitC, "submit-c", 4, "suite: concurrent submissions (and pgbench clients)")
	fs.IntVar(&so.cardsPerC, "submit-citizens", 16, "suite: citizens each submitting worker submits for in turn; one UPDATE frees their cards after each turn")
	fs.DurationVar(&so.idle, "idle", 30*time.Second, "suite: idle CPU sample per round (CPU time is counted in 10 ms ticks: over 30 s one tick is 0.03% of a core)")
	fs.StringVar(&so.rows, "rows", "", "suite: only these rows (comma-separated: idle,page,login,submit)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.serveFile != "" || o.argon2Loop > 0 {
		return o, nil
	}
	if o.suite {
		if o.duration <= 0 || o.warmup < 0 || so.rounds < 1 || so.loginC < 1 || so.submitC < 1 || so.cardsPerC < 1 {
			return o, fmt.Errorf("-d > 0, -warmup ≥ 0, -rounds, -login-c, -submit-c and -submit-citizens ≥ 1")
		}
		return o, nil
	}
	if o.request.url == "" {
		return o, fmt.Errorf("-url is required")
	}
	if *queryFile != "" {
		b, err := os.ReadFile(*queryFile)
		if err != nil {
			return o, fmt.Errorf("read -query-file: %w", err)
		}
		*query = string(b)
	}
	if *query == "" {
		return o, fmt.Errorf("-query or -query-file is required")
	}
	if o.engine != "auto" && o.engine != "raw" && o.engine != "nethttp" {
		return o, fmt.Errorf("-engine %q: want auto, raw or nethttp", o.engine)
	}
	if o.concurrency < 1 || o.duration <= 0 || o.warmup < 0 {
		return o, fmt.Errorf("-c must be ≥ 1, -d > 0 and -warmup ≥ 0")
	}
	o.request.query = *query
	o.request.variables = *variables
	o.request.operationName = *opName
	o.request.get = *useGET
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return o, fmt.Errorf("-H %q: want \"Name: value\"", h)
		}
		o.request.headers = append(o.request.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	return o, nil
}
