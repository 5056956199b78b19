package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary compiles the real dvcportal binary once for this test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dvcportal-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "dvcportal")
		out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

type process struct {
	cmd  *exec.Cmd
	logs *syncBuffer
	addr string
}

// syncBuffer collects a child's output; the test reads it while the child
// still writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the binary on the private cluster in dataDir (with extra
// settings, which win) and waits until /readyz answers.
func start(t *testing.T, bin, dataDir string, env ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DVC_DATA_DIR="+dataDir, "DVC_ADDR="+addr, "DATABASE_URL=", "DVC_SHUTDOWN_TIMEOUT=10s", "DVC_UNITS_FILE=")
	cmd.Env = append(cmd.Env, env...)
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, logs: logs, addr: addr}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("server not ready in 60s:\n%s", logs.String())
	return nil
}

func (p *process) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server exited with %v:\n%s", err, p.logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not stop within 30s:\n%s", p.logs.String())
	}
}

// TestServeGracefulShutdownAndReuse runs the real binary on its private
// cluster: a request in flight when SIGTERM arrives still gets its answer;
// the cluster is stopped with the server; a second server on the same data
// dir is refused while the first runs; a restart reuses the data.
func TestServeGracefulShutdownAndReuse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dataDir := t.TempDir()
	p := start(t, bin, dataDir)

	// serve re-executed itself in place (same PID: the process this test
	// started, and stops below) with sysmon kept awake (sysmon.go).
	if environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", p.cmd.Process.Pid)); err == nil {
		if !slices.ContainsFunc(strings.Split(string(environ), "\x00"), func(e string) bool {
			return strings.HasPrefix(e, "GODEBUG=") && strings.Contains(e, sysmonGODEBUG)
		}) {
			t.Errorf("the server runs without GODEBUG %s", sysmonGODEBUG)
		}
	}

	// A second server on the same data dir must refuse, not corrupt.
	second := exec.Command(bin, "serve")
	second.Env = append(os.Environ(), "DVC_DATA_DIR="+dataDir, "DVC_ADDR="+freeAddr(t), "DATABASE_URL=")
	out, err := second.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "in use by another dvcportal process") {
		t.Fatalf("second server on the same data dir: err=%v\n%s", err, out)
	}
	// An operator's command works while the server holds the cluster: it
	// connects to the running cluster through its private socket.
	cli := exec.Command(bin, "agency", "create-key", "--agency", "BHXH", "--label", "while running")
	cli.Env = append(os.Environ(), "DVC_DATA_DIR="+dataDir, "DATABASE_URL=")
	out, err = cli.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "for agency BHXH") {
		t.Fatalf("agency create-key while the server runs: err=%v\n%s", err, out)
	}
	list := exec.Command(bin, "agency", "list-keys")
	list.Env = cli.Env
	if out, err = list.CombinedOutput(); err != nil || !strings.Contains(string(out), "while running") {
		t.Fatalf("agency list-keys while the server runs: err=%v\n%s", err, out)
	}

	// A request in flight: headers and half the body sent before SIGTERM.
	body := `{"query":"{ provinces { code } }"}`
	conn, err := net.Dial("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(200 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatalf("finish the in-flight request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request got no answer: %v\n%s", err, p.logs.String())
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"code":"01"`) {
		t.Fatalf("in-flight answer: %d %s", resp.StatusCode, b)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, p.logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop")
	}
	if _, err := os.Stat(filepath.Join(dataDir, "postgres", "data", "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("the private cluster is still running after the server stopped (postmaster.pid: %v)", err)
	}
	if !strings.Contains(p.logs.String(), "private PostgreSQL cluster stopped") {
		t.Fatalf("no cluster stop logged:\n%s", p.logs.String())
	}

	// Restart on the same data: reused, not re-created.
	again := start(t, bin, dataDir)
	if strings.Contains(again.logs.String(), "initdb") {
		t.Fatalf("restart re-initialised the cluster")
	}
	again.stop(t)
}

// TestProductionRefusesTheFileSMSSink: with DVC_ENV=production and no
// SMS_PROVIDER (the file sink: OTPs in clear on disk, nothing sent) the
// binary refuses to start, as it refuses the test captcha.
func TestProductionRefusesTheFileSMSSink(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	for _, sms := range []string{"", "file"} {
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(os.Environ(), "DVC_ENV=production", "DVC_SECRET="+strings.Repeat("s", 40), "SMS_PROVIDER="+sms,
			"DVC_DATA_DIR="+t.TempDir(), "DVC_ADDR="+freeAddr(t), "DATABASE_URL=")
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "SMS_PROVIDER=file") {
			t.Fatalf("production with SMS_PROVIDER=%q: err=%v\n%s", sms, err, out)
		}
	}
}
