package e2e_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nodeProject is a folder of internal/e2e holding a Node script and its
// package.json; its node_modules come from `make npm-deps` (npm ci).
type nodeProject struct {
	dir  string
	node string
}

// requireNodeProject finds node and dir/node_modules. When either is missing
// the test is skipped with the reason, except under CI (CI set), where a
// missing tool must not pass silently: there it fails.
func requireNodeProject(t *testing.T, dir string) nodeProject {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFailOnCI(t, "node is not installed (apt-get install nodejs npm), so the Node-based check cannot run")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		skipOrFailOnCI(t, fmt.Sprintf("%s/node_modules is missing: run `make npm-deps` (npm ci --prefix internal/e2e/%s)", dir, dir))
	}
	return nodeProject{dir: dir, node: node}
}

func skipOrFailOnCI(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; CI is set, so this is a failure rather than a skip", reason)
	}
	t.Skip(reason)
}

// nodeRun is the outcome of one script run.
type nodeRun struct {
	stdout, stderr string
	exitCode       int
}

// lastLine returns the last non-empty line of stdout: the scripts print
// their result there as one JSON value.
func (r nodeRun) lastLine() string {
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	return lines[len(lines)-1]
}

// run executes `node script args...` in the project folder with a timeout;
// a script that cannot start or is killed by the timeout fails the test.
func (p nodeProject) run(t *testing.T, timeout time.Duration, script string, args ...string) nodeRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.node, append([]string{script}, args...)...)
	cmd.Dir = p.dir
	cmd.Env = append(os.Environ(), "NODE_NO_WARNINGS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	run := nodeRun{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("node %s: no answer within %s\nstdout:\n%s\nstderr:\n%s", script, timeout, run.stdout, run.stderr)
	case errors.As(err, &exitErr):
		run.exitCode = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("node %s: %v", script, err)
	}
	return run
}
