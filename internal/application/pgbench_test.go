package application

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/ratelimit"
)

// TestSubmitPgbenchCopiesTheStatements keeps submit.pgbench, the load
// tool's ceiling of a submission, in step with the statements Submit's
// transaction sends: each must be in the script as written here, with
// values in place of the parameters.
func TestSubmitPgbenchCopiesTheStatements(t *testing.T) {
	script := oneLine(string(SubmitPgbench))
	// The per-account limit's CTE as Submit builds it (the load tool raises
	// the limit; the statement is the same at any limit but zero).
	limited, _ := ratelimit.CountIn("limited", "one", 2, "application:submit:account", ratelimit.Defaults.SubmitPerAccount, "1")
	for name, stmt := range map[string]string{
		"nextCodeCountedSQL":   nextCodeCountedSQL(limited),
		"insertApplicationSQL": insertApplicationSQL,
		"appendEventSQL":       appendEventSQL,
	} {
		pattern := regexp.MustCompile(`\\\$\d+`).ReplaceAllString(regexp.QuoteMeta(oneLine(stmt)), `.+?`)
		if !regexp.MustCompile(pattern).MatchString(script) {
			t.Errorf("submit.pgbench does not run %s as Submit does (values for the $n): want a statement matching\n%s", name, oneLine(stmt))
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
