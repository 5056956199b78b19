package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dvcportal/dvcportal/internal/identity"
)

// ceilingHandler answers every request with the same bytes: the fastest a
// net/http server on this machine can answer with this response.
func ceilingHandler(body []byte, contentType string) http.Handler {
	length := strconv.Itoa(len(body))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the request body as a real server must.
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, "read body", http.StatusBadRequest)
			return
		}
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Length", length)
		_, _ = w.Write(body) // a client gone mid-write is not the server's error
	})
}

// ceilingChild is the separate process serving the captured bytes, so the
// ceiling, like the real server, does not share a Go runtime with the load.
type ceilingChild struct {
	url   string
	cmd   *exec.Cmd
	stdin io.Closer
	file  string
}

// startCeilingChild re-executes this binary with -serve-file, optionally
// under taskset, and waits for it to print its URL.
func startCeilingChild(ctx context.Context, s sample, cpus string) (*ceilingChild, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("ceiling: find own binary: %w", err)
	}
	f, err := os.CreateTemp("", "loadtest-ceiling-*.body")
	if err != nil {
		return nil, fmt.Errorf("ceiling: temp file: %w", err)
	}
	if _, err := f.Write(s.body); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("ceiling: write body: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("ceiling: write body: %w", err)
	}
	args := []string{exe, "-serve-file", f.Name(), "-serve-type", s.contentType}
	if cpus != "" {
		args = append([]string{"taskset", "-c", cpus}, args...)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("ceiling: stdin pipe: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("ceiling: stdout pipe: %w", err)
	}
	if err := cmd.Start(); err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("ceiling: start %s: %w", strings.Join(args, " "), err)
	}
	c := &ceilingChild{cmd: cmd, stdin: stdin, file: f.Name()}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n') // EOF: the child died, reported below
		line <- strings.TrimSpace(l)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case l := <-line:
		u, ok := strings.CutPrefix(l, "listening ")
		if !ok {
			c.stop()
			return nil, fmt.Errorf("ceiling: child said %q, want \"listening URL\"", l)
		}
		c.url = u
		return c, nil
	case <-time.After(10 * time.Second):
		c.stop()
		return nil, errors.New("ceiling: child did not start within 10s")
	}
}

// stop ends the child (closing its stdin makes it shut down) and removes
// the body file.
func (c *ceilingChild) stop() {
	_ = c.stdin.Close() // the child exits on EOF; Wait reports anything else
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest: ceiling server:", err)
		}
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
	if err := os.Remove(c.file); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: remove ceiling body file:", err)
	}
}

// serveCeilingChild is the child's side: serve file on 127.0.0.1 until ctx
// is done or stdin reaches EOF (the parent stopped or died).
func serveCeilingChild(ctx context.Context, file, contentType string, stdin io.Reader, stdout io.Writer) error {
	body, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("ceiling server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("ceiling server: listen: %w", err)
	}
	srv := &http.Server{Handler: ceilingHandler(body, contentType), ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		_, _ = io.Copy(io.Discard, stdin) // returns when the parent closes the pipe
		cancel()
	}()
	go func() {
		<-ctx.Done()
		sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer scancel()
		_ = srv.Shutdown(sctx) // connections still open after 2s are dropped with the process
	}()
	if _, err := fmt.Fprintf(stdout, "listening http://%s/graphql\n", ln.Addr()); err != nil {
		return fmt.Errorf("ceiling server: announce: %w", err)
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("ceiling server: %w", err)
	}
	return nil
}

// argon2Child runs the login ceiling: the server's own password check
// (identity.PasswordHasher.Verify at the server's parameters) in a loop on
// one goroutine for d, in a child process under taskset -c cpus (the
// server's core), and returns verifications per second and the CPU time of
// one verification.
func argon2Child(ctx context.Context, cpus string, d time.Duration) (float64, time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, 0, fmt.Errorf("argon2 ceiling: find own binary: %w", err)
	}
	args := []string{exe, "-argon2-loop", d.String()}
	if cpus != "" {
		args = append([]string{"taskset", "-c", cpus}, args...)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("argon2 ceiling: %s: %w", strings.Join(args, " "), err)
	}
	var n int
	var ns, cpuNs int64
	if _, err := fmt.Sscanf(string(out), "verified %d in %d cpu %d", &n, &ns, &cpuNs); err != nil || ns <= 0 || n == 0 {
		return 0, 0, fmt.Errorf("argon2 ceiling: child said %q", out)
	}
	return float64(n) / (float64(ns) / 1e9), time.Duration(cpuNs / int64(n)), nil
}

// argon2Loop is the child's side of argon2Child.
func argon2Loop(d time.Duration, stdout io.Writer) error {
	h, err := identity.NewPasswordHasher(identity.DefaultArgon2Params, 1)
	if err != nil {
		return err
	}
	ctx := context.Background()
	phc, err := h.Hash(ctx, password)
	if err != nil {
		return err
	}
	cpu0, err := selfCPU()
	if err != nil {
		return err
	}
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		ok, err := h.Verify(ctx, phc, password)
		if err != nil || !ok {
			return fmt.Errorf("argon2 loop: verify %v %v", ok, err)
		}
		n++
	}
	elapsed := time.Since(start)
	cpu1, err := selfCPU()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "verified %d in %d cpu %d\n", n, elapsed.Nanoseconds(), (cpu1 - cpu0).Nanoseconds())
	return err
}

// selfCPU is the CPU time this process has used.
func selfCPU() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, fmt.Errorf("getrusage: %w", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// pgbenchRun runs script with pgbench (clients connections, one thread,
// prepared statements) against dbURL for d and returns its transactions per
// second and the number of transactions.
func pgbenchRun(ctx context.Context, pgbench, script, dbURL string, clients int, d time.Duration, vars map[string]string) (float64, int, error) {
	args := []string{"-n", "-M", "prepared", "-f", script, "-c", strconv.Itoa(clients), "-j", "1", "-T", strconv.Itoa(max(1, int(d.Seconds())))}
	for k, v := range vars {
		args = append(args, "-D", k+"="+v)
	}
	args = append(args, dbURL)
	cmd := exec.CommandContext(ctx, pgbench, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("pgbench: %w: %s", err, lastLines(out, 4))
	}
	m, done := tpsRE.FindSubmatch(out), doneRE.FindSubmatch(out)
	if m == nil || done == nil {
		return 0, 0, fmt.Errorf("pgbench: no tps in %q", out)
	}
	if fail := failedRE.FindSubmatch(out); fail != nil && string(fail[1]) != "0" {
		return 0, 0, fmt.Errorf("pgbench: %s failed transactions: %s", fail[1], lastLine(out))
	}
	tps, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return 0, 0, fmt.Errorf("pgbench: tps: %w", err)
	}
	n, err := strconv.Atoi(string(done[1]))
	if err != nil {
		return 0, 0, fmt.Errorf("pgbench: transactions: %w", err)
	}
	return tps, n, nil
}

var (
	tpsRE    = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)
	failedRE = regexp.MustCompile(`number of failed transactions: (\d+)`)
	doneRE   = regexp.MustCompile(`number of transactions actually processed: (\d+)`)
)

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " / ")
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
