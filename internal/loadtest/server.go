package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// serverProc is a dvcportal server the suite started on its own private
// PostgreSQL cluster in a fresh data directory, pinned to the server's
// cores (the cluster, its child, inherits the pinning).
type serverProc struct {
	cmd     *exec.Cmd
	dataDir string
	ownDir  bool
	base    string // http://127.0.0.1:PORT
	dbURL   string // the private cluster's URL (socket), for pgbench
	exited  chan error
}

// startServer runs `bin serve` under taskset -c cpus with the test captcha,
// the SMS file sink, every rate limit raised out of the way (still counted,
// so their SQL is part of the measured cost) and the log at warn.
func startServer(ctx context.Context, bin, cpus, dataDir, unitsFile string) (*serverProc, error) {
	s := &serverProc{dataDir: dataDir, exited: make(chan error, 1)}
	if s.dataDir == "" {
		d, err := os.MkdirTemp("", "loadtest-server-*")
		if err != nil {
			return nil, fmt.Errorf("server data dir: %w", err)
		}
		s.dataDir, s.ownDir = d, true
		if os.Geteuid() == 0 {
			// The cluster runs as the postgres user, who must reach it.
			if err := os.Chmod(d, 0o755); err != nil {
				return nil, fmt.Errorf("server data dir: %w", err)
			}
		}
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s.base = "http://127.0.0.1:" + strconv.Itoa(port)
	env := []string{
		"DVC_ADDR=127.0.0.1:" + strconv.Itoa(port),
		"DVC_DATA_DIR=" + s.dataDir,
		"CAPTCHA_PROVIDER=test",
		"SMS_PROVIDER=file",
		"DVC_LOG_LEVEL=warn",
		"DVC_TRUSTED_PROXIES=127.0.0.1/32",
		"DVC_UNITS_FILE=" + unitsFile,
	}
	for _, st := range (&ratelimit.Limits{}).Settings() {
		env = append(env, st.Env+"=1000000000/1h")
	}
	args := []string{bin, "serve"}
	if cpus != "" {
		args = append([]string{"taskset", "-c", cpus}, args...)
	}
	s.cmd = exec.Command(args[0], args[1:]...)
	s.cmd.Env = append(serverEnviron(os.Environ()), env...)
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	// If the tool dies (a signal, a closed pipe), the server stops too.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", strings.Join(args, " "), err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	if err := s.waitReady(ctx, 3*time.Minute); err != nil {
		s.stop()
		return nil, err
	}
	cl := &postgres.Cluster{Dir: filepath.Join(s.dataDir, "postgres")}
	if err := cl.Attach(); err != nil {
		s.stop()
		return nil, fmt.Errorf("the server's cluster: %w", err)
	}
	s.dbURL = cl.URL("dvcportal")
	return s, nil
}

// tuningEnv are the server settings that pass from the tool's environment
// to the server: what an operator tunes (the pool, the GC), so that a run
// can measure another value. Every other DVC_*, CAPTCHA_*, SMS_* and
// DATABASE_URL is the suite's own.
var tuningEnv = []string{"DVC_DB_MAX_CONNS=", "DVC_MEMORY_LIMIT=", "DVC_GOGC="}

// serverEnviron is environ without the settings the suite sets itself,
// but with the tuning ones (tuningEnv) as given.
func serverEnviron(environ []string) []string {
	out := withoutEnv(environ, "DATABASE_URL", "DVC_", "CAPTCHA_", "SMS_")
	for _, e := range environ {
		for _, t := range tuningEnv {
			if strings.HasPrefix(e, t) {
				out = append(out, e)
			}
		}
	}
	return out
}

func withoutEnv(env []string, prefixes ...string) []string {
	var out []string
next:
	for _, e := range env {
		for _, p := range prefixes {
			if strings.HasPrefix(e, p) {
				continue next
			}
		}
		out = append(out, e)
	}
	return out
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func (s *serverProc) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-s.exited:
			return fmt.Errorf("the server exited before it was ready: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("the server was not ready within " + limit.String())
		}
	}
}

// stop sends SIGTERM (the server stops its cluster) and removes a data
// directory the suite made.
func (s *serverProc) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM) // already gone: Wait below says so
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	if s.ownDir {
		if err := os.RemoveAll(s.dataDir); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest: remove server data dir:", err)
		}
	}
}

// cpuUse is CPU time used so far by the server process and by its
// PostgreSQL.
type cpuUse struct{ server, pg time.Duration }

func (c cpuUse) total() time.Duration { return c.server + c.pg }

func (c cpuUse) sub(d cpuUse) cpuUse { return cpuUse{c.server - d.server, c.pg - d.pg} }

// cpu returns the CPU time the server and its PostgreSQL have used so far:
// the server process; the postmaster, its live children (backends, the
// cluster's own workers) and the children it has reaped.
func (s *serverProc) cpu() (cpuUse, error) {
	server, err := procCPU(s.cmd.Process.Pid)
	if err != nil {
		return cpuUse{}, err
	}
	b, err := os.ReadFile(filepath.Join(s.dataDir, "postgres", "data", "postmaster.pid"))
	if err != nil {
		return cpuUse{}, fmt.Errorf("postmaster pid: %w", err)
	}
	pm, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return cpuUse{}, fmt.Errorf("postmaster pid: %w", err)
	}
	pg, err := familyCPU(pm, readStat, listPIDs)
	if err != nil {
		return cpuUse{}, err
	}
	return cpuUse{server: server, pg: pg}, nil
}

// familyCPU is the CPU time of process pm, its live children and the
// children it has reaped. A child reaped while the children are listed (as
// pgbench's backends are just after it exits) moves from the listing to
// pm's reaped total: it would be counted in neither, or in both, so the sum
// is taken again until pm's reaped total stays the same around a listing.
func familyCPU(pm int, read func(pid int) (stat, error), list func() ([]int, error)) (time.Duration, error) {
	for try := 0; ; try++ {
		before, err := read(pm)
		if err != nil {
			return 0, fmt.Errorf("CPU of process %d: %w", pm, err)
		}
		pids, err := list()
		if err != nil {
			return 0, err
		}
		total := before.utime + before.stime + before.cutime + before.cstime
		for _, pid := range pids {
			st, err := read(pid)
			if err != nil || st.ppid != pm {
				continue // gone since the listing, or not the cluster's
			}
			total += st.utime + st.stime
		}
		after, err := read(pm)
		if err != nil {
			return 0, fmt.Errorf("CPU of process %d: %w", pm, err)
		}
		if after.cutime == before.cutime && after.cstime == before.cstime || try == 100 {
			return total, nil
		}
	}
}

// listPIDs lists the processes of /proc.
func listPIDs() ([]int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	var pids []int
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// stat is what the suite reads of /proc/PID/stat.
type stat struct {
	ppid                         int
	utime, stime, cutime, cstime time.Duration
}

// clockTick is USER_HZ, 100 on every Linux the tool runs on.
const clockTick = 10 * time.Millisecond

func readStat(pid int) (stat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, err
	}
	// The command name is in parentheses and may hold spaces: fields
	// start after the last ')'.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return stat{}, fmt.Errorf("/proc/%d/stat: no ')'", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] state, f[1] ppid, ... f[11] utime, f[12] stime, f[13] cutime, f[14] cstime
	if len(f) < 15 {
		return stat{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	var st stat
	st.ppid, _ = strconv.Atoi(f[1])
	ticks := make([]time.Duration, 4)
	for j := range ticks {
		n, err := strconv.ParseInt(f[11+j], 10, 64)
		if err != nil {
			return stat{}, fmt.Errorf("/proc/%d/stat: %w", pid, err)
		}
		ticks[j] = time.Duration(n) * clockTick
	}
	st.utime, st.stime, st.cutime, st.cstime = ticks[0], ticks[1], ticks[2], ticks[3]
	return st, nil
}

// procCPU is the CPU time process pid has used itself (not its children's:
// the server's PostgreSQL is counted apart, by familyCPU).
func procCPU(pid int) (time.Duration, error) {
	st, err := readStat(pid)
	if err != nil {
		return 0, fmt.Errorf("CPU of process %d: %w", pid, err)
	}
	return st.utime + st.stime, nil
}
