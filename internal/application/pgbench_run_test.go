package application_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// TestSubmitPgbenchRuns runs submit.pgbench as the load tool does (pgbench
// -M prepared, two clients) against a database where a citizen has
// submitted once: every transaction commits and stores its application.
// (pgbench prepares every statement first: a colon inside a literal, read
// as a variable, made the script fail only there.)
func TestSubmitPgbenchRuns(t *testing.T) {
	t.Parallel()
	dir, err := postgres.FindBinaries()
	if err != nil {
		t.Skip(err)
	}
	pgbench := filepath.Join(dir, "pgbench")
	if _, err := os.Stat(pgbench); err != nil {
		t.Skipf("no pgbench beside pg_ctl: %v", err)
	}
	e := newEnv(t)
	if _, err := e.reissue(e.citizen(personA), personASI, "LOST", postal(), "pgbench-seed"); err != nil {
		t.Fatalf("seed submission (creates the agency's code sequence): %v", err)
	}
	script := filepath.Join(t.TempDir(), "submit.pgbench")
	if err := os.WriteFile(script, application.SubmitPgbench, 0o600); err != nil {
		t.Fatal(err)
	}
	before := e.count("applications")
	out, err := exec.Command(pgbench, "-n", "-M", "prepared", "-f", script, "-c", "2", "-j", "1", "-t", "3",
		"-D", "account_id="+strconv.FormatInt(e.ids[personA], 10), "-D", "id_number="+personA, pgtest.URLFor(t, e.db)).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "number of transactions actually processed: 6/6") {
		t.Fatalf("pgbench: %v\n%s", err, out)
	}
	if got := e.count("applications") - before; got != 6 {
		t.Errorf("pgbench stored %d applications, want 6", got)
	}
}
