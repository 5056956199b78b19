package main

import (
	"slices"
	"testing"
)

// TestSysmonEnv: serve re-executes itself with sysmon kept awake, once, and
// never overrides an operator's schedtrace (schedtrace=0 restores the
// runtime's default).
func TestSysmonEnv(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want []string // nil: no re-execution
	}{
		{"no GODEBUG", []string{"PATH=/bin"}, []string{"PATH=/bin", "GODEBUG=" + sysmonGODEBUG}},
		{"empty GODEBUG", []string{"GODEBUG=", "A=1"}, []string{"GODEBUG=" + sysmonGODEBUG, "A=1"}},
		{"other settings kept", []string{"GODEBUG=gctrace=1,madvdontneed=1"}, []string{"GODEBUG=gctrace=1,madvdontneed=1," + sysmonGODEBUG}},
		{"already re-executed", []string{"GODEBUG=gctrace=1," + sysmonGODEBUG}, nil},
		{"operator's default", []string{"GODEBUG=schedtrace=0"}, nil},
		{"operator's trace", []string{"GODEBUG=madvdontneed=1, schedtrace=1000"}, nil},
		{"first GODEBUG is the runtime's", []string{"GODEBUG=gctrace=1", "GODEBUG=schedtrace=0"}, []string{"GODEBUG=gctrace=1," + sysmonGODEBUG, "GODEBUG=schedtrace=0"}},
	}
	for _, tc := range tests {
		orig := slices.Clone(tc.env)
		got := sysmonEnv(tc.env)
		if !slices.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
			t.Errorf("%s: sysmonEnv(%q) = %q, want %q", tc.name, tc.env, got, tc.want)
		}
		if !slices.Equal(tc.env, orig) {
			t.Errorf("%s: sysmonEnv changed its argument to %q", tc.name, tc.env)
		}
	}
}
