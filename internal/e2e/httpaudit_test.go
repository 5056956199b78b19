package e2e_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/apitest"
)

// auditResult is one graphql-http server audit as httpaudit/audit.mjs prints it.
type auditResult struct {
	ID          string
	Name        string
	Status      string // ok, error (MUST failed), warn (SHOULD failed), notice (MAY not done)
	Reason      string
	HTTPStatus  int
	ContentType string
	Body        string
}

// TestGraphQLOverHTTPAudits runs the 61 server audits of graphql-http
// (v1.23.1, pinned in httpaudit/package.json) against the real handler: a
// failed MUST fails the test, SHOULD and MAY results are listed in the log.
func TestGraphQLOverHTTPAudits(t *testing.T) {
	t.Parallel()
	p := requireNodeProject(t, "httpaudit")
	srv := apitest.New(t)

	run := p.run(t, 60*time.Second, "audit.mjs", srv.URL+"/graphql")
	if run.exitCode != 0 {
		t.Fatalf("audit.mjs exit %d\nstderr:\n%s", run.exitCode, run.stderr)
	}
	var results []auditResult
	if err := json.Unmarshal([]byte(run.lastLine()), &results); err != nil {
		t.Fatalf("decode audit results: %v\n%s", err, run.stdout)
	}
	if len(results) < 50 {
		t.Fatalf("only %d audits ran", len(results))
	}
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
		if r.Status == "ok" {
			continue
		}
		detail := r.ID + " " + r.Name + ": " + r.Reason
		if r.HTTPStatus != 0 {
			detail += " (HTTP " + strconv.Itoa(r.HTTPStatus) + ", " + r.ContentType + ": " + strings.TrimSpace(r.Body) + ")"
		}
		switch {
		case strings.HasPrefix(r.Name, "MUST") || r.Status == "error":
			t.Errorf("MUST audit failed: %s", detail)
		case strings.HasPrefix(r.Name, "SHOULD"):
			t.Logf("SHOULD audit not met: %s", detail)
		default:
			t.Logf("MAY audit not done: %s", detail)
		}
	}
	t.Logf("%d audits: %d ok, %d MUST failures, %d SHOULD not met, %d MAY not done",
		len(results), counts["ok"], counts["error"], counts["warn"], counts["notice"])
}
