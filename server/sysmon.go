package main

import (
	"os"
	"slices"
	"strings"
	"syscall"
)

// sysmonGODEBUG keeps the Go runtime's monitor thread (sysmon) from its
// deep sleep. The runtime offers no API for it: schedtrace=X keeps sysmon
// awake (to print a scheduler line every X ms, here every 24.8 days of the
// host's uptime, i.e. practically never).
//
// Why (issue 13, sub-cut3). The server and its PostgreSQL share a core
// (GOMAXPROCS=1), and a request is a chain of short round trips to
// PostgreSQL: the one P turns idle at each wait and busy again at each
// answer, thousands of times a second. When sysmon finds every P idle it
// sleeps deeply, and the next syscall (the write of the next query) wakes it
// with a futex; it then polls every 20 µs until the P is idle again. So it
// was woken at nearly every round trip, and each wake-up is two context
// switches on the shared core: runtime.sysmon was 13–18% of the server's CPU
// in the submission row. Kept awake, sysmon is never woken by a syscall and
// backs off to its longest sleep (10 ms) as it finds nothing to do.
// Measured: the Go CPU of a submission cycle fell by ~0.3 ms of ~1.2 ms
// (PostgreSQL's by ~0.1 ms with fewer switches), see the closing note.
//
// What it changes besides: a P blocked in one long syscall (a write to a
// full pipe, a slow disk) is handed to another thread after 10–20 ms rather
// than after 20–40 µs; a goroutine running for more than 10 ms is still
// preempted as before; an idle process wakes sysmon 100 times a second
// (~0.1% of a core: 0.14% measured in a Go process doing nothing else)
// instead of sleeping until its next timer.
const sysmonGODEBUG = "schedtrace=2147483647"

// sysmonEnv returns env with sysmonGODEBUG added to GODEBUG, or nil when
// GODEBUG already sets schedtrace: the process runs with it already, or the
// operator chose (GODEBUG=schedtrace=0 restores the runtime's default).
func sysmonEnv(env []string) []string {
	for i, e := range env {
		v, ok := strings.CutPrefix(e, "GODEBUG=")
		if !ok {
			continue
		}
		for kv := range strings.SplitSeq(v, ",") {
			if strings.HasPrefix(strings.TrimSpace(kv), "schedtrace=") {
				return nil
			}
		}
		out := slices.Clone(env)
		if strings.TrimSpace(v) == "" {
			out[i] = "GODEBUG=" + sysmonGODEBUG
		} else {
			out[i] = e + "," + sysmonGODEBUG
		}
		return out // the runtime reads the first GODEBUG
	}
	return append(slices.Clone(env), "GODEBUG="+sysmonGODEBUG)
}

// keepSysmonAwake re-executes the process (same PID, arguments and
// environment, plus sysmonGODEBUG) unless it already runs with it. The
// runtime reads GODEBUG's schedtrace only at start. If the re-execution
// fails the process goes on with the runtime's default, and says so.
func keepSysmonAwake() {
	env := sysmonEnv(os.Environ())
	if env == nil {
		return
	}
	exe, err := os.Executable()
	if err == nil {
		err = syscall.Exec(exe, os.Args, env) // returns only on failure
	}
	os.Stderr.WriteString("dvcportal: going on with the runtime's default sysmon (re-execution with GODEBUG=" + sysmonGODEBUG + " failed: " + err.Error() + ")\n")
}
