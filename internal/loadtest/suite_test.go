package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSpellingsAreUniqueAndSearchAlike: the uncached page's searches never
// repeat (each is a cache miss) and each is one of the phrases in another
// spelling (the same page shape).
func TestSpellingsAreUniqueAndSearchAlike(t *testing.T) {
	phrases := []string{"thu tuc", "dang ky"}
	seen := map[string]bool{}
	for n := range int64(2 * 8100 * 64) {
		s := spell(phrases, n)
		if seen[s] {
			t.Fatalf("spelling %d %q repeats", n, s)
		}
		seen[s] = true
		if p := strings.ToLower(strings.TrimSpace(s)); p != phrases[n%2] {
			t.Fatalf("spelling %d %q is not %q", n, s, phrases[n%2])
		}
	}
}

func TestSpreadOf(t *testing.T) {
	tests := []struct {
		in   []float64
		want spread
	}{
		{[]float64{3, 1, 2}, spread{2, 1, 3}},
		{[]float64{4, 1, 2, 3}, spread{2.5, 1, 4}},
		{nil, spread{}},
	}
	for _, tc := range tests {
		if got := spreadOf(tc.in); got != tc.want {
			t.Errorf("spreadOf(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestRatios: a round's figures become the ratios the goals are
// stated in.
func TestRatios(t *testing.T) {
	page := func(rate float64, cpu time.Duration) *pageResult {
		return &pageResult{result: &result{PerSecond: rate, Requests: 1}, CPUPerOp: cpu}
	}
	r := &suiteRound{
		Pages: map[string]map[int]*pageResult{
			"ceiling":   {32: page(1000, 0)},
			"cached":    {32: page(850, 0)},
			"logged-in": {32: page(680, 0)},
			"uncached":  {32: page(85, 500*time.Microsecond)},
		},
		Login: page(8, 25*time.Millisecond), Argon2: 10, Argon2CPU: 20 * time.Millisecond,
		Submit: page(100, 4*time.Millisecond), Pgbench: 1000, PgbenchCPU: time.Millisecond,
		IdleCPU: 0.5,
	}
	got := r.ratios()
	want := ratios{CachedVsCeiling32: 0.85, LoggedInSlower32: 1.25, UncachedCPUMicros: 500, UncachedVsCached32: 0.1,
		LoginVsArgon2: 0.8, LoginCPUVsArgon2: 0.8, SubmitVsPgbench: 0.1, SubmitCPUVsPgbench: 0.25, IdleCPU: 0.5}
	if got != want {
		t.Errorf("ratios\ngot  %+v\nwant %+v", got, want)
	}
	var out bytes.Buffer
	if err := writeSummary(&out, []*suiteRound{r}); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"cached page / static-bytes ceiling, c=32", "logins/s / argon2id", "submissions/s / pgbench"} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("summary lacks %q:\n%s", line, out.String())
		}
	}
}

// TestInboxHandsOutNewOTPs: the inbox ignores what the sink held before it
// started and gives each phone its own codes, in order.
func TestInboxHandsOutNewOTPs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sms.jsonl")
	old := `{"to":"+84912345678","text":"Ma OTP 111111","purpose":"OTP","at":"2026-11-30T04:00:00Z"}` + "\n"
	if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := newInbox(ctx, path)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	lines := `{"to":"+84912345678","text":"Ma OTP 222222","purpose":"OTP"}
{"to":"+84987654321","text":"Ma OTP 333333","purpose":"OTP"}
{"to":"+84912345678","text":"Ho so 123456 da tiep nhan","purpose":"APPLICATION"}
{"to":"+84912345678","text":"Ma OTP 444444","purpose":"OTP"}
`
	if _, err := f.WriteString(lines); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct{ phone, want string }{{"0912345678", "222222"}, {"+84912345678", "444444"}, {"+84987654321", "333333"}} {
		got, err := in.next(ctx, tc.phone)
		if err != nil || got != tc.want {
			t.Errorf("next(%s) = %q, %v; want %q", tc.phone, got, err, tc.want)
		}
	}
}

// TestArgon2Loop runs the ceiling child's loop briefly and reads its line
// back as argon2Child does.
func TestArgon2Loop(t *testing.T) {
	var out bytes.Buffer
	if err := argon2Loop(time.Millisecond, &out); err != nil {
		t.Fatal(err)
	}
	var n int
	var ns, cpu int64
	if _, err := fmt.Sscanf(out.String(), "verified %d in %d cpu %d", &n, &ns, &cpu); err != nil || n < 1 || ns <= 0 || cpu <= 0 {
		t.Errorf("argon2 loop said %q (%v)", out.String(), err)
	}
}

func TestPgbenchOutput(t *testing.T) {
	out := []byte(`transaction type: submit.pgbench
number of transactions actually processed: 5203
number of failed transactions: 0 (0.000%)
latency average = 3.842 ms
tps = 1040.519223 (without initial connection time)
`)
	if m := tpsRE.FindSubmatch(out); m == nil || string(m[1]) != "1040.519223" {
		t.Errorf("tps: %q", m)
	}
	if m := doneRE.FindSubmatch(out); m == nil || string(m[1]) != "5203" {
		t.Errorf("transactions: %q", m)
	}
}

// TestCycleSenderCounts: a flow's userErrors count as GraphQL errors, other
// failures as transport errors.
func TestCycleSenderCounts(t *testing.T) {
	var buf bytes.Buffer
	var w workerStats
	for _, err := range []error{nil, &gqlError{"startLogin: userErrors"}, errors.New("dial: refused")} {
		s := cycleSender{cycle: func() error { return err }}
		status, derr := s.do(&buf)
		if derr != nil {
			w.transportErrors++
			continue
		}
		if status != 200 {
			t.Fatalf("status %d", status)
		}
		if bytes.Contains(buf.Bytes(), errorsKey) {
			w.graphqlErrors++
		}
	}
	if w.graphqlErrors != 1 || w.transportErrors != 1 {
		t.Errorf("graphql errors %d, transport errors %d; want 1 and 1", w.graphqlErrors, w.transportErrors)
	}
}

// TestThinKeepsWhatTheFlowsRead: thin drops only the contents of long
// strings; every other value decodes as from the whole answer, whatever
// the escapes around and inside the long ones.
func TestThinKeepsWhatTheFlowsRead(t *testing.T) {
	long := strings.Repeat("iVBORw0KGgo+/=", 200) // 2,800 bytes
	tests := []struct{ name, in, want string }{
		{"short answer", `{"data":{"x":"a\"b"}}`, `{"data":{"x":"a\"b"}}`},
		{"captcha", `{"data":{"createCaptcha":{"captcha":{"id":"c1","imageDataUrl":"data:image/png;base64,` + long + `","audioDataUrl":"` + long + `","expiresAt":"2026-11-30T09:00:00Z"}}}}`,
			`{"data":{"createCaptcha":{"captcha":{"id":"c1","imageDataUrl":"","audioDataUrl":"","expiresAt":"2026-11-30T09:00:00Z"}}}}`},
		{"escaped quotes and backslashes", `{"a":"x\\","b":"` + long + `\"` + long + `","c":"\\\"q\\\\","d":"` + long + `\\\\"}`,
			`{"a":"x\\","b":"","c":"\\\"q\\\\","d":""}`},
		{"long string at the end of an error", `{"errors":[{"message":"` + long + `"}],"data":null}`, `{"errors":[{"message":""}],"data":null}`},
		{"unterminated", `{"a":"` + long, `{"a":"` + long},
		{"exactly longString", `{"a":"` + long[:longString] + `","pad":"` + long[:longString] + `"}`,
			`{"a":"` + long[:longString] + `","pad":"` + long[:longString] + `"}`},
	}
	for _, tc := range tests {
		if got := string(thin([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: thin\ngot  %.200s\nwant %.200s", tc.name, got, tc.want)
		}
	}
}

// TestFamilyCPUCountsAChildReapedMeanwhile: a backend that exits and is
// reaped while the suite sums the cluster's CPU (pgbench's, as pgbench
// ends) is counted once, in its parent's reaped total, not lost between
// the listing and that total.
func TestFamilyCPUCountsAChildReapedMeanwhile(t *testing.T) {
	const pm, backend, other = 10, 11, 12
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	procs := map[int]stat{
		pm:      {ppid: 1, utime: ms(1), cutime: ms(5)},
		backend: {ppid: pm, utime: ms(600), stime: ms(100)},
		other:   {ppid: 1, utime: ms(900)}, // not the cluster's
	}
	reads := 0
	read := func(pid int) (stat, error) {
		if reads++; reads == 2 {
			// Reaped right after the postmaster was first read.
			p := procs[pm]
			p.cutime += procs[backend].utime
			p.cstime += procs[backend].stime
			procs[pm] = p
			delete(procs, backend)
		}
		st, ok := procs[pid]
		if !ok {
			return stat{}, os.ErrNotExist
		}
		return st, nil
	}
	list := func() ([]int, error) { return []int{pm, backend, other}, nil }
	got, err := familyCPU(pm, read, list)
	if want := ms(1 + 5 + 700); err != nil || got != want {
		t.Errorf("familyCPU = %v, %v; want %v", got, err, want)
	}
}

func TestServerEnvironKeepsOnlyTheTuning(t *testing.T) {
	got := serverEnviron([]string{"PATH=/bin", "DATABASE_URL=postgres://x", "DVC_SECRET=s", "DVC_DB_MAX_CONNS=4",
		"DVC_GOGC=200", "DVC_MEMORY_LIMIT=1GiB", "CAPTCHA_PROVIDER=image", "SMS_PROVIDER=http", "GOGC=300"})
	want := []string{"PATH=/bin", "GOGC=300", "DVC_DB_MAX_CONNS=4", "DVC_GOGC=200", "DVC_MEMORY_LIMIT=1GiB"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("serverEnviron = %q, want %q", got, want)
	}
}
