package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// ErrNoBinaries is returned when no PostgreSQL server binaries are installed.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, pg_ctl) not found: install them with `apt-get install postgresql` or set DATABASE_URL to an existing PostgreSQL")

// ErrClusterInUse is returned when another process already runs the cluster
// of the same data directory.
var ErrClusterInUse = errors.New("the private PostgreSQL cluster is in use by another dvcportal process")

// Cluster is a private PostgreSQL cluster under one directory: data in
// Dir/data, a private socket directory Dir/sock (mode 0700), a log in
// Dir/server.log. It listens on the socket only: only its owner (and root)
// can connect, so trusting local connections lets no other local user in.
// As root, the server runs as the postgres user (PostgreSQL refuses root).
type Cluster struct {
	Dir string
	// Throwaway trades durability for speed (tests): no fsync.
	Throwaway bool
	// TCP also listens on a free 127.0.0.1 port, for test clusters whose
	// clients need a host and port (pgtestdb). Every local user can then
	// connect: never for data that matters.
	TCP bool

	bin   string
	port  int
	lock  *os.File
	runAs *user.User
}

// FindBinaries returns the directory holding initdb and pg_ctl: PATH first,
// then the newest /usr/lib/postgresql/*/bin.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err == nil {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Start creates the cluster on first use, or reuses it, and starts it. It
// holds an exclusive lock on the directory until Stop, so a second process on
// the same directory gets ErrClusterInUse instead of a corrupted cluster.
func (c *Cluster) Start(ctx context.Context) error {
	if err := c.prepare(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(c.Dir, "sock"), 0o700); err != nil {
		return fmt.Errorf("create cluster dir %s: %w", c.Dir, err)
	}
	// The socket directory is the cluster's access control: keep it private
	// (also on a directory made by an older version).
	if err := os.Chmod(filepath.Join(c.Dir, "sock"), 0o700); err != nil {
		return fmt.Errorf("protect cluster socket dir: %w", err)
	}
	if err := c.acquireLock(); err != nil {
		return err
	}
	if c.runAs != nil {
		if err := chownTree(c.Dir, c.runAs); err != nil {
			c.releaseLock()
			return err
		}
	}
	if err := c.startLocked(ctx); err != nil {
		c.releaseLock()
		return err
	}
	return nil
}

// prepare finds the binaries, makes Dir absolute and, as root, the user the
// server runs as.
func (c *Cluster) prepare() error {
	if c.bin != "" {
		return nil
	}
	bin, err := FindBinaries()
	if err != nil {
		return err
	}
	if c.Dir, err = filepath.Abs(c.Dir); err != nil {
		return fmt.Errorf("cluster dir: %w", err)
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root needs the postgres user to run the cluster: %w", err)
		}
		c.runAs = u
	}
	c.bin = bin
	return nil
}

func (c *Cluster) startLocked(ctx context.Context) error {
	data := filepath.Join(c.Dir, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		host := "reject"
		if c.TCP {
			host = "trust"
		}
		args := []string{"-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=" + host, "-E", "UTF8", "--locale=C.UTF-8"}
		if c.Throwaway {
			args = append(args, "--no-sync")
		}
		if out, err := c.run(ctx, "initdb", args...); err != nil {
			return fmt.Errorf("initdb %s: %w: %s", data, err, lastLines(out, 5))
		}
	}
	// A postmaster left behind by a crashed server holds the data dir: stop it
	// (we hold the lock, so no live dvcportal owns it).
	if _, err := c.run(ctx, "pg_ctl", "-D", data, "status"); err == nil {
		if out, err := c.run(ctx, "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); err != nil {
			return fmt.Errorf("stop stale cluster: %w: %s", err, lastLines(out, 5))
		}
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	c.port = port
	listen := "''"
	if c.TCP {
		listen = "127.0.0.1"
	}
	opts := fmt.Sprintf("-c listen_addresses=%s -p %d -k %s -c max_connections=200", listen, port, filepath.Join(c.Dir, "sock"))
	if c.Throwaway {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	if out, err := c.run(ctx, "pg_ctl", "-D", data, "-l", filepath.Join(c.Dir, "server.log"), "-w", "-t", "60", "start", "-o", opts); err != nil {
		return fmt.Errorf("start cluster (log: %s): %w: %s", filepath.Join(c.Dir, "server.log"), err, lastLines(out, 5))
	}
	return nil
}

// URL returns the connection URL of database name in the running cluster:
// over TCP for a TCP cluster, else through the private socket.
func (c *Cluster) URL(name string) string {
	if c.TCP {
		return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, name)
	}
	return (&url.URL{Scheme: "postgres", User: url.User("postgres"), Path: "/" + name,
		RawQuery: url.Values{"host": {filepath.Join(c.Dir, "sock")}, "port": {strconv.Itoa(c.port)}, "sslmode": {"disable"}}.Encode()}).String()
}

// Attach finds the cluster of Dir that another process started and holds
// (Start answered ErrClusterInUse), so an operator's command can use it
// while the server runs: the socket and port come from the postmaster's
// pid file. The caller must not Stop it.
func (c *Cluster) Attach() error {
	if err := c.prepare(); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(c.Dir, "data", "postmaster.pid"))
	if err != nil {
		return fmt.Errorf("the private PostgreSQL cluster is locked but not running: %w", err)
	}
	// Lines: pid, data dir, start time, port, socket dir, listen address, ...
	lines := strings.Split(string(b), "\n")
	if len(lines) < 6 {
		return errors.New("the private PostgreSQL cluster's pid file is incomplete (starting?)")
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err != nil {
		return fmt.Errorf("the private PostgreSQL cluster's pid file has no port: %w", err)
	}
	c.port = port
	c.TCP = strings.TrimSpace(lines[5]) == "127.0.0.1"
	return nil
}

// Port returns the TCP port the cluster listens on.
func (c *Cluster) Port() int { return c.port }

// Stop stops the cluster (fast shutdown: open sessions are ended) and
// releases the directory lock.
func (c *Cluster) Stop(ctx context.Context) error {
	defer c.releaseLock()
	if err := c.prepare(); err != nil {
		return err
	}
	out, err := c.run(ctx, "pg_ctl", "-D", filepath.Join(c.Dir, "data"), "-m", "fast", "-w", "stop")
	if err != nil {
		return fmt.Errorf("stop cluster: %w: %s", err, lastLines(out, 5))
	}
	return nil
}

// EnsureDatabase creates database name when it does not exist.
func (c *Cluster) EnsureDatabase(ctx context.Context, name string) error {
	db, err := Open(ctx, c.URL("postgres"), 1)
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name); err != nil {
		return fmt.Errorf("look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, `CREATE DATABASE "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// run runs a PostgreSQL binary, as the postgres user when we are root, in its
// own process group so a Ctrl-C at the terminal reaches only dvcportal, which
// then stops the cluster in order.
func (c *Cluster) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if c.runAs != nil {
		uid, _ := strconv.Atoi(c.runAs.Uid)
		gid, _ := strconv.Atoi(c.runAs.Gid)
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		cmd.Env = append(os.Environ(), "HOME="+c.runAs.HomeDir, "USER=postgres")
	}
	cmd.Dir = c.Dir
	return cmd.CombinedOutput()
}

func (c *Cluster) acquireLock() error {
	f, err := os.OpenFile(filepath.Join(c.Dir, "dvcportal.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open cluster lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		return fmt.Errorf("%w (%s)", ErrClusterInUse, c.Dir)
	}
	c.lock = f
	return nil
}

func (c *Cluster) releaseLock() {
	if c.lock != nil {
		_ = syscall.Flock(int(c.lock.Fd()), syscall.LOCK_UN)
		_ = c.lock.Close()
		c.lock = nil
	}
}

func chownTree(dir string, u *user.User) error {
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if filepath.Base(p) == "dvcportal.lock" {
			return nil
		}
		return os.Lchown(p, uid, gid)
	})
	if err != nil {
		return fmt.Errorf("hand %s to the postgres user: %w", dir, err)
	}
	// The postgres user must be able to reach the directory.
	for d := filepath.Dir(dir); d != "/" && d != "."; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("make %s traversable for postgres: %w", d, err)
			}
		}
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
