package main

import (
	"strings"
	"testing"
)

// TestHelpListsEveryCommand: `dvcportal help` shows each command of the
// table with its summary, and every command can run.
func TestHelpListsEveryCommand(t *testing.T) {
	t.Parallel()
	commands := commandTable()
	var out strings.Builder
	usage(&out, commands)
	for _, name := range []string{"serve", "worker", "migrate", "import-units", "agency", "payments", "test-cluster"} {
		cmd, ok := commands[name]
		if !ok || cmd.run == nil || cmd.summary == "" {
			t.Errorf("command %s: in table %v, runnable %v, summary %q; want all", name, ok, ok && cmd.run != nil, cmd.summary)
			continue
		}
		if line := "  " + name + " "; !strings.Contains(out.String(), line) {
			t.Errorf("help output lacks %q; got\n%s", line, out.String())
		}
	}
}
