package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// suiteOptions are the flags of -suite: every row of issue 13's table,
// each beside its ceiling, in interleaved rounds.
type suiteOptions struct {
	server     string // the dvcportal binary
	serverCPUs string // taskset -c for the server, its PostgreSQL and the ceilings
	dataDir    string // "" = a fresh temporary one
	unitsFile  string // DVC_UNITS_FILE for the server
	pgbench    string
	rounds     int
	loginC     int // concurrent logins
	submitC    int // concurrent submissions (and pgbench clients)
	cardsPerC  int // citizens each submitting worker submits for in turn (cardGroup)
	idle       time.Duration
	rows       string // comma-separated subset of: idle,page,login,submit
}

// suiteRound is one round's measurements.
type suiteRound struct {
	IdleCPU float64 `json:"idleCpuPercent"`
	// Pages by name ("cached", "ceiling", "logged-in", "uncached") and
	// connections (1, 32).
	Pages      map[string]map[int]*pageResult `json:"pages,omitempty"`
	Login      *cycleResult                   `json:"login,omitempty"`
	Argon2     float64                        `json:"argon2PerSecond,omitempty"`
	Argon2CPU  time.Duration                  `json:"argon2CpuNs,omitempty"` // CPU of one verification
	Submit     *cycleResult                   `json:"submit,omitempty"`
	Pgbench    float64                        `json:"pgbenchTps,omitempty"`
	PgbenchCPU time.Duration                  `json:"pgbenchCpuNs,omitempty"` // server+PostgreSQL CPU per pgbench transaction
	LoadAvg    string                         `json:"loadAverage"`
	StartedAt  time.Time                      `json:"startedAt"`
	FinishedAt time.Time                      `json:"finishedAt"`
}

type pageResult struct {
	*result
	// CPUPerOp is the server's and its PostgreSQL's CPU per request (0 for
	// the ceiling, which runs elsewhere); PGCPUPerOp is PostgreSQL's part.
	CPUPerOp   time.Duration `json:"cpuPerOpNs"`
	PGCPUPerOp time.Duration `json:"pgCpuPerOpNs"`
	// ToolPGCPUPerOp is the part of PGCPUPerOp that is the load tool's own
	// statements (the submission row's card-freeing backend).
	ToolPGCPUPerOp time.Duration `json:"toolPgCpuPerOpNs,omitempty"`
}

func (p *pageResult) setCPU(before, after cpuUse) {
	if p.Requests == 0 {
		return
	}
	d := after.sub(before)
	p.CPUPerOp = d.total() / time.Duration(p.Requests)
	p.PGCPUPerOp = d.pg / time.Duration(p.Requests)
}

type cycleResult = pageResult

var pageConns = []int{1, 32}

func (o suiteOptions) want(row string) bool {
	if o.rows == "" {
		return true
	}
	for _, r := range strings.Split(o.rows, ",") {
		if strings.TrimSpace(r) == row {
			return true
		}
	}
	return false
}

// runSuite starts the server, prepares citizens, then runs the rounds and
// reports per-round ratios and their medians.
func runSuite(ctx context.Context, opts options, o suiteOptions, stdout io.Writer) error {
	fmt.Fprintf(os.Stderr, "loadtest: starting %s on cpus %q\n", o.server, o.serverCPUs)
	srv, err := startServer(ctx, o.server, o.serverCPUs, o.dataDir, o.unitsFile)
	if err != nil {
		return err
	}
	defer srv.stop()
	gql := &gqlClient{url: srv.base + "/graphql", http: newClient(64)}
	in := newInbox(ctx, filepath.Join(srv.dataDir, "sms.jsonl"))
	db, err := postgres.Open(ctx, srv.dbURL, 0)
	if err != nil {
		return err
	}
	defer db.Close()
	freeDB, err := openFreeCard(ctx, srv.dbURL)
	if err != nil {
		return err
	}
	defer freeDB.Close()
	freer, err := newCardFreer(ctx, freeDB)
	if err != nil {
		return err
	}
	defer freer.close()

	// Citizens with a valid card: loginC to log in, cardsPerC for each
	// submitting worker, one to browse logged in. Registering them is
	// outside every measurement.
	people, err := citizens(o.loginC+o.submitC*o.cardsPerC+1, time.Now())
	if err != nil {
		return err
	}
	tokens, err := registerAll(ctx, gql, in, people)
	if err != nil {
		return err
	}
	loginPeople := people[:o.loginC]
	groups := cardGroups(people[o.loginC:len(people)-1], tokens[o.loginC:len(people)-1], o.cardsPerC)
	browseToken := tokens[len(tokens)-1]

	pageSpec := requestSpec{url: gql.url, query: contractops.Catalogue, variables: `{"first":20}`}
	ceiling, err := startPageCeiling(ctx, pageSpec, o.serverCPUs)
	if err != nil {
		return err
	}
	defer ceiling.stop()
	phrases, err := searchPhrases(ctx, gql)
	if err != nil {
		return err
	}
	// One real submission first: it creates what the first submission
	// creates (the agency's code sequence), which the pgbench script uses.
	first, err := submitCycles(ctx, gql, freer, groups)()
	if err != nil {
		return err
	}
	err = first.(cycleSender).cycle()
	first.close()
	if err != nil {
		return fmt.Errorf("first submission: %w", err)
	}
	script, pgVars, cleanup, err := pgbenchScript(ctx, db, groups[0].people[0])
	if err != nil {
		return err
	}
	defer cleanup()

	var rounds []*suiteRound
	for r := range o.rounds {
		round := &suiteRound{Pages: map[string]map[int]*pageResult{}, StartedAt: time.Now().UTC()}
		fmt.Fprintf(os.Stderr, "loadtest: round %d/%d\n", r+1, o.rounds)
		if o.want("idle") {
			if round.IdleCPU, err = idleCPU(srv, o.idle); err != nil {
				return err
			}
		}
		if o.want("page") {
			for _, c := range pageConns {
				cOpts := opts
				cOpts.concurrency = c
				specs := []struct {
					name string
					spec requestSpec
				}{
					{"ceiling", withURL(pageSpec, ceiling.url)},
					{"cached", pageSpec},
					{"logged-in", withHeader(pageSpec, "Authorization", "Bearer "+browseToken)},
				}
				for _, s := range specs {
					res, err := measurePage(ctx, srv, cOpts, s.spec, s.name != "ceiling")
					if err != nil {
						return fmt.Errorf("%s page, %d connections: %w", s.name, c, err)
					}
					put(round.Pages, s.name, c, res)
				}
				res, err := measureCycles(ctx, srv, cOpts, uncachedPages(pageSpec, phrases))
				if err != nil {
					return fmt.Errorf("uncached page, %d connections: %w", c, err)
				}
				put(round.Pages, "uncached", c, res)
			}
		}
		if o.want("login") {
			if round.Argon2, round.Argon2CPU, err = argon2Child(ctx, o.serverCPUs, opts.duration); err != nil {
				return err
			}
			lOpts := opts
			lOpts.concurrency = o.loginC
			if round.Login, err = measureCycles(ctx, srv, lOpts, loginCycles(ctx, gql, in, loginPeople)); err != nil {
				return fmt.Errorf("login: %w", err)
			}
		}
		if o.want("submit") {
			before, err := srv.cpu()
			if err != nil {
				return err
			}
			var n int
			if round.Pgbench, n, err = pgbenchRun(ctx, o.pgbench, script, srv.dbURL, o.submitC, opts.duration, pgVars); err != nil {
				return err
			}
			after, err := srv.cpu()
			if err != nil {
				return err
			}
			round.PgbenchCPU = after.sub(before).total() / time.Duration(n)
			sOpts := opts
			sOpts.concurrency = o.submitC
			var toolBefore time.Duration
			sOpts.beforeMeasure = func() (err error) { toolBefore, err = freer.cpu(); return err }
			if round.Submit, err = measureCycles(ctx, srv, sOpts, submitCycles(ctx, gql, freer, groups)); err != nil {
				return fmt.Errorf("submission: %w", err)
			}
			toolAfter, err := freer.cpu()
			if err != nil {
				return err
			}
			round.Submit.ToolPGCPUPerOp = (toolAfter - toolBefore) / time.Duration(round.Submit.Requests)
		}
		round.FinishedAt = time.Now().UTC()
		round.LoadAvg = loadAverage()
		rounds = append(rounds, round)
		if err := writeRound(os.Stderr, r+1, round); err != nil {
			return err
		}
	}
	if opts.jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"rounds": rounds, "summary": summary(rounds)}); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	return writeSummary(stdout, rounds)
}

func put(m map[string]map[int]*pageResult, name string, c int, r *pageResult) {
	if m[name] == nil {
		m[name] = map[int]*pageResult{}
	}
	m[name][c] = r
}

func withURL(s requestSpec, u string) requestSpec { s.url = u; return s }

func withHeader(s requestSpec, name, value string) requestSpec {
	s.headers = append(append([][2]string(nil), s.headers...), [2]string{name, value})
	return s
}

// citizens returns n built-in personas with a health card valid on the
// day of now and for 30 more days (a round of the suite must not see a
// card expire: the server refuses a reissue of an expired card).
func citizens(n int, now time.Time) ([]population.Person, error) {
	ps, err := population.BuiltinPersonas()
	if err != nil {
		return nil, err
	}
	now = now.UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []population.Person
	for _, p := range ps {
		if p.Card != nil && !today.Before(p.Card.ValidFrom) && today.Before(p.Card.ValidTo.AddDate(0, 0, -30)) && p.Address.WardCode != "" {
			out = append(out, p)
		}
		if len(out) == n {
			return out, nil
		}
	}
	return nil, fmt.Errorf("only %d built-in personas have a card valid from %s for 30 days, %d wanted (fewer -login-c, -submit-c or -submit-citizens)", len(out), today.Format(time.DateOnly), n)
}

// registerAll registers people (or logs in those a -data-dir already
// holds) a few at a time and returns their session tokens.
func registerAll(ctx context.Context, gql *gqlClient, in *inbox, people []population.Person) ([]string, error) {
	tokens := make([]string, len(people))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i, p := range people {
		g.Go(func() (err error) {
			if tokens[i], err = gql.register(gctx, in, p); err != nil {
				return fmt.Errorf("register persona %d: %w", i, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return tokens, nil
}

// startPageCeiling captures the anonymous page and starts the static-bytes
// server on the server's cores.
func startPageCeiling(ctx context.Context, spec requestSpec, cpus string) (*ceilingChild, error) {
	p, err := spec.prepare()
	if err != nil {
		return nil, err
	}
	s, err := capture(newClient(1), p)
	if err != nil {
		return nil, err
	}
	if s.status != 200 {
		return nil, fmt.Errorf("catalogue page answered %d: %.300s", s.status, s.body)
	}
	return startCeilingChild(ctx, s, cpus)
}

// measurePage measures one page request, with the server's CPU per request
// when onServer.
func measurePage(ctx context.Context, srv *serverProc, opts options, spec requestSpec, onServer bool) (*pageResult, error) {
	var before cpuUse
	var err error
	// measure warms up first; CPU is read around the measured part only
	// through the hook below.
	hookOpts := opts
	res := &pageResult{}
	if onServer {
		hookOpts.beforeMeasure = func() error { before, err = srv.cpu(); return err }
	}
	r, err := measure(ctx, hookOpts, spec)
	if err != nil {
		return nil, err
	}
	res.result = r
	if onServer {
		after, err := srv.cpu()
		if err != nil {
			return nil, err
		}
		res.setCPU(before, after)
	}
	return res, nil
}

// measureCycles runs newS's senders (whole flows, or varied requests)
// after a warm-up, with the server's CPU per cycle.
func measureCycles(ctx context.Context, srv *serverProc, opts options, newS func() (sender, error)) (*pageResult, error) {
	if opts.warmup > 0 {
		if _, err := runWorkers(ctx, newS, opts.concurrency, opts.warmup); err != nil {
			return nil, err
		}
	}
	if opts.beforeMeasure != nil {
		if err := opts.beforeMeasure(); err != nil {
			return nil, err
		}
	}
	before, err := srv.cpu()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	stats, err := runWorkers(ctx, newS, opts.concurrency, opts.duration)
	if err != nil {
		return nil, err
	}
	elapsed := time.Since(start)
	after, err := srv.cpu()
	if err != nil {
		return nil, err
	}
	r := summarise(stats, elapsed, opts.concurrency)
	res := &pageResult{result: r}
	res.setCPU(before, after)
	if r.TransportErrors > 0 || r.GraphQLErrors > 0 || r.Non200 > 0 {
		return nil, fmt.Errorf("%d transport errors (%s), %d GraphQL errors, %d non-200", r.TransportErrors, r.FirstTransportError, r.GraphQLErrors, r.Non200)
	}
	return res, nil
}

// idleCPU is the server's and its PostgreSQL's share of a core over d with
// no traffic, after 2 s for the last round's work to settle.
func idleCPU(srv *serverProc, d time.Duration) (float64, error) {
	time.Sleep(2 * time.Second)
	before, err := srv.cpu()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	time.Sleep(d)
	after, err := srv.cpu()
	if err != nil {
		return 0, err
	}
	return 100 * float64(after.sub(before).total()) / float64(time.Since(start)), nil
}

// searchPhrases are searches that fill a 20-service page; the uncached
// page spells them differently each time (case, spaces), which the cache
// key keeps apart and the search treats alike.
func searchPhrases(ctx context.Context, c *gqlClient) ([]string, error) {
	var out []string
	// At least 6 letters each: spell has 90×90×2⁶ spellings of each.
	for _, p := range []string{"dang ky", "thu tuc", "cap giay", "thay doi", "chung nhan", "giay phep", "cap lai", "dang ky ho"} {
		var page struct {
			TotalCount int `json:"totalCount"`
		}
		err := c.do(ctx, "", `query($s: String) { services(first: 1, filter: {search: $s}) { totalCount } }`, "services", map[string]any{"s": p}, &page)
		if err != nil {
			return nil, err
		}
		if page.TotalCount >= 20 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no search phrase fills a page")
	}
	return out, nil
}

var spellings atomic.Int64

// spell returns the n-th spelling of one of the phrases: leading and
// trailing spaces (0–89 each), then upper-case letters, by the digits of n;
// unique for n below len(phrases)×8100×2^(letters of the shortest phrase).
func spell(phrases []string, n int64) string {
	p := phrases[n%int64(len(phrases))]
	n /= int64(len(phrases))
	lead, trail := int(n%90), int(n/90%90)
	mask := n / 8100
	b := []byte(p)
	for i := range b {
		if mask == 0 {
			break
		}
		if b[i] < 'a' || b[i] > 'z' {
			continue // a space: no case
		}
		if mask&1 == 1 {
			b[i] -= 'a' - 'A'
		}
		mask >>= 1
	}
	return strings.Repeat(" ", lead) + string(b) + strings.Repeat(" ", trail)
}

// uncachedPages sends the catalogue page with a search never sent before.
func uncachedPages(spec requestSpec, phrases []string) func() (sender, error) {
	return func() (sender, error) {
		p, err := spec.prepare()
		if err != nil {
			return nil, err
		}
		raw, err := newRawClient(p)
		if err != nil {
			return nil, err
		}
		return &variedSender{raw: raw, next: func() (prepared, error) {
			s := spec
			v, err := json.Marshal(map[string]any{"first": 20, "filter": map[string]any{"search": spell(phrases, spellings.Add(1))}})
			if err != nil {
				return prepared{}, err
			}
			s.variables = string(v)
			return s.prepare()
		}}, nil
	}
}

// openFreeCard opens the pool the submission row frees cards through: its
// sessions commit without waiting for the WAL flush (synchronous_commit =
// off; see submitCycles). The UPDATE's own work is unchanged and still
// counted in the server's PostgreSQL CPU.
func openFreeCard(ctx context.Context, dbURL string) (*sql.DB, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, fmt.Errorf("free-card pool: %w", err)
	}
	q := u.Query()
	q.Set("options", "-c synchronous_commit=off")
	u.RawQuery = q.Encode()
	db, err := postgres.Open(ctx, u.String(), 0)
	if err != nil {
		return nil, fmt.Errorf("free-card pool: %w", err)
	}
	return db.DB, nil
}

// pgbenchScript writes the submission transaction's pgbench script
// (application.SubmitPgbench, kept beside the statements it copies) to a
// file and returns its variables for the citizen p.
func pgbenchScript(ctx context.Context, db *sqlx.DB, p population.Person) (string, map[string]string, func(), error) {
	var accountID int64
	if err := db.GetContext(ctx, &accountID, `SELECT id FROM identity_accounts WHERE id_number = $1`, p.IDNumber); err != nil {
		return "", nil, nil, fmt.Errorf("pgbench: account of the submitting citizen: %w", err)
	}
	f, err := os.CreateTemp("", "loadtest-submit-*.pgbench")
	if err != nil {
		return "", nil, nil, fmt.Errorf("pgbench script: %w", err)
	}
	if _, err := f.Write(application.SubmitPgbench); err != nil {
		f.Close()
		return "", nil, nil, fmt.Errorf("pgbench script: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", nil, nil, fmt.Errorf("pgbench script: %w", err)
	}
	vars := map[string]string{"account_id": strconv.FormatInt(accountID, 10), "id_number": p.IDNumber}
	return f.Name(), vars, func() { os.Remove(f.Name()) }, nil
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// ratios are the figures the issue tracks, per round.
type ratios struct {
	CachedVsCeiling32  float64 `json:"cachedVsCeiling32"`  // ≥ 0.85 was the anonymous page
	CachedVsCeiling1   float64 `json:"cachedVsCeiling1"`   //
	LoggedInSlower32   float64 `json:"loggedInSlower32"`   // anonymous/logged-in, goal ≤ 1.3
	LoggedInSlower1    float64 `json:"loggedInSlower1"`    //
	UncachedCPUMicros  float64 `json:"uncachedCpuMicros"`  // goal ≤ 400
	UncachedVsCached32 float64 `json:"uncachedVsCached32"` //
	LoginVsArgon2      float64 `json:"loginVsArgon2"`      // goal ≥ 0.8
	LoginCPUVsArgon2   float64 `json:"loginCpuVsArgon2"`   // argon2 CPU / login CPU
	SubmitVsPgbench    float64 `json:"submitVsPgbench"`    // goal ≥ 0.25
	SubmitCPUVsPgbench float64 `json:"submitCpuVsPgbench"` // pgbench CPU per transaction / submission CPU
	IdleCPU            float64 `json:"idleCpuPercent"`     // goal < 1
}

func (r *suiteRound) ratios() ratios {
	var x ratios
	rate := func(name string, c int) float64 {
		if p := r.Pages[name][c]; p != nil {
			return p.PerSecond
		}
		return 0
	}
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	x.CachedVsCeiling32 = div(rate("cached", 32), rate("ceiling", 32))
	x.CachedVsCeiling1 = div(rate("cached", 1), rate("ceiling", 1))
	x.LoggedInSlower32 = div(rate("cached", 32), rate("logged-in", 32))
	x.LoggedInSlower1 = div(rate("cached", 1), rate("logged-in", 1))
	x.UncachedVsCached32 = div(rate("uncached", 32), rate("cached", 32))
	if p := r.Pages["uncached"][32]; p != nil {
		x.UncachedCPUMicros = float64(p.CPUPerOp) / 1e3
	}
	if r.Login != nil {
		x.LoginVsArgon2 = div(r.Login.PerSecond, r.Argon2)
		x.LoginCPUVsArgon2 = div(float64(r.Argon2CPU), float64(r.Login.CPUPerOp))
	}
	if r.Submit != nil {
		x.SubmitVsPgbench = div(r.Submit.PerSecond, r.Pgbench)
		x.SubmitCPUVsPgbench = div(float64(r.PgbenchCPU), float64(r.Submit.CPUPerOp))
	}
	x.IdleCPU = r.IdleCPU
	return x
}

// spread is a median with the lowest and highest round.
type spread struct {
	Median, Min, Max float64
}

func (s spread) String() string {
	return fmt.Sprintf("%.3g (%.3g–%.3g)", s.Median, s.Min, s.Max)
}

func spreadOf(v []float64) spread {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s) == 0 {
		return spread{}
	}
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{Median: m, Min: s[0], Max: s[len(s)-1]}
}

func summary(rounds []*suiteRound) map[string]spread {
	cols := map[string][]float64{}
	for _, r := range rounds {
		x := r.ratios()
		b, _ := json.Marshal(x) // a struct of float64: cannot fail
		var m map[string]float64
		_ = json.Unmarshal(b, &m)
		for k, v := range m {
			cols[k] = append(cols[k], v)
		}
	}
	out := map[string]spread{}
	for k, v := range cols {
		out[k] = spreadOf(v)
	}
	return out
}

func writeRound(w io.Writer, n int, r *suiteRound) error {
	var b strings.Builder
	fmt.Fprintf(&b, "round %d (%s–%s UTC, load average %s)\n", n, r.StartedAt.Format("15:04:05"), r.FinishedAt.Format("15:04:05"), r.LoadAvg)
	for _, name := range []string{"ceiling", "cached", "logged-in", "uncached"} {
		for _, c := range pageConns {
			if p := r.Pages[name][c]; p != nil {
				fmt.Fprintf(&b, "  page %-9s c=%-2d %8.0f/s  p50 %-8s p99 %-8s cpu/req %s (PostgreSQL %s)\n", name, c, p.PerSecond, round(p.P50), round(p.P99), round(p.CPUPerOp), round(p.PGCPUPerOp))
			}
		}
	}
	if r.Login != nil {
		fmt.Fprintf(&b, "  login          c=%-2d %8.2f/s  p50 %-8s p99 %-8s cpu/login %s (PostgreSQL %s); argon2id ceiling %.2f/s, %s CPU each\n",
			r.Login.Concurrency, r.Login.PerSecond, round(r.Login.P50), round(r.Login.P99), round(r.Login.CPUPerOp), round(r.Login.PGCPUPerOp), r.Argon2, round(r.Argon2CPU))
	}
	if r.Submit != nil {
		fmt.Fprintf(&b, "  submission     c=%-2d %8.2f/s  p50 %-8s p99 %-8s cpu/submission %s (PostgreSQL %s, of which the tool's card-freeing %s); pgbench ceiling %.1f tps, %s CPU each\n",
			r.Submit.Concurrency, r.Submit.PerSecond, round(r.Submit.P50), round(r.Submit.P99), round(r.Submit.CPUPerOp), round(r.Submit.PGCPUPerOp), round(r.Submit.ToolPGCPUPerOp), r.Pgbench, round(r.PgbenchCPU))
	}
	fmt.Fprintf(&b, "  idle           %.2f%% of a core\n", r.IdleCPU)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSummary prints every round, then the medians of the per-round
// ratios with their spread, beside each goal of issue 13.
func writeSummary(w io.Writer, rounds []*suiteRound) error {
	for i, r := range rounds {
		if err := writeRound(w, i+1, r); err != nil {
			return err
		}
	}
	s := summary(rounds)
	lines := []struct{ key, label, goal string }{
		{"cachedVsCeiling32", "cached page / static-bytes ceiling, c=32", "≥ 0.85"},
		{"cachedVsCeiling1", "cached page / static-bytes ceiling, c=1", ""},
		{"loggedInSlower32", "anonymous / logged-in page rate, c=32", "≤ 1.3"},
		{"loggedInSlower1", "anonymous / logged-in page rate, c=1", "≤ 1.3"},
		{"uncachedCpuMicros", "uncached page: server+PostgreSQL CPU µs per page, c=32", "≤ 400"},
		{"uncachedVsCached32", "uncached / cached page rate, c=32", ""},
		{"loginVsArgon2", "logins/s / argon2id verifications/s on the server's core", "≥ 0.8"},
		{"loginCpuVsArgon2", "argon2id CPU per verification / CPU per login", "(≥ 0.8)"},
		{"submitVsPgbench", "submissions/s / pgbench tps of the same transaction", "≥ 0.25"},
		{"submitCpuVsPgbench", "CPU per pgbench transaction / CPU per submission", "(≥ 0.25)"},
		{"idleCpuPercent", "idle server+PostgreSQL, % of a core", "< 1"},
	}
	var b strings.Builder
	fmt.Fprintf(&b, "medians of per-round ratios over %d rounds (lowest–highest):\n", len(rounds))
	for _, l := range lines {
		v, ok := s[l.key]
		if !ok || v.Max == 0 {
			continue
		}
		goal := ""
		if l.goal != "" {
			goal = "goal " + l.goal
		}
		fmt.Fprintf(&b, "  %-62s %-22s %s\n", l.label, v, goal)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
