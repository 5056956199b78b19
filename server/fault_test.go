package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	if builtBin != "" {
		_ = os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// The fault test runs the real binary and breaks what it depends on: the
// process (kill -9, SIGTERM), PostgreSQL (a restart under load), the SMS
// gateway (an outage while a login is superseded), and the start itself
// (processes migrating an empty database at once). It prints its figures:
// messages lost, sent twice, time to deliver after recovery.

// faultGateway is a fake SMS gateway speaking the http provider's protocol.
// It can hold each request (so sends are in flight) or be down (503). It
// counts the requests of each Idempotency-Key that reached it: a real
// gateway may have sent each of them.
type faultGateway struct {
	srv  *httptest.Server
	hold atomic.Int64 // nanoseconds each request is held before the answer
	down atomic.Bool

	mu       sync.Mutex
	inFlight int
	received map[string]int       // requests that reached the gateway, by key
	answered map[string]time.Time // first 200 answered, by key
	msgs     map[string]gatewayMsg
}

type gatewayMsg struct{ To, Text string }

func newFaultGateway(t *testing.T) *faultGateway {
	g := &faultGateway{received: map[string]int{}, answered: map[string]time.Time{}, msgs: map[string]gatewayMsg{}}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m gatewayMsg
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil || r.Header.Get("Authorization") != "Bearer gw" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		if g.down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		key := r.Header.Get("Idempotency-Key")
		g.mu.Lock()
		g.received[key]++
		g.msgs[key] = m
		g.inFlight++
		g.mu.Unlock()
		select {
		case <-time.After(time.Duration(g.hold.Load())):
		case <-r.Context().Done():
		}
		g.mu.Lock()
		g.inFlight--
		if r.Context().Err() == nil {
			if _, ok := g.answered[key]; !ok {
				g.answered[key] = time.Now()
			}
		}
		g.mu.Unlock()
	}))
	t.Cleanup(g.srv.Close)
	return g
}

func (g *faultGateway) env() []string {
	return []string{"SMS_PROVIDER=http", "SMS_HTTP_URL=" + g.srv.URL, "SMS_HTTP_TOKEN=gw"}
}

// figures reports, for the messages to phones: how many were answered
// (delivered), how many keys reached the gateway more than once, the
// latest first answer, and the keys seen.
func (g *faultGateway) figures(phones map[string]bool) (delivered, resent int, last time.Time, keys []string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, m := range g.msgs {
		if !phones[m.To] {
			continue
		}
		keys = append(keys, k)
		if at, ok := g.answered[k]; ok {
			delivered++
			if at.After(last) {
				last = at
			}
		}
		if g.received[k] > 1 {
			resent++
		}
	}
	return delivered, resent, last, keys
}

func (g *faultGateway) waitInFlight(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		g.mu.Lock()
		in := g.inFlight
		g.mu.Unlock()
		if in >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %d sends in flight after 20 s", n)
}

// waitDelivered waits until every message to phones was answered and
// returns when the last one was.
func (g *faultGateway) waitDelivered(t *testing.T, phones map[string]bool, within time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		delivered, _, last, keys := g.figures(phones)
		if delivered == len(phones) && len(keys) == len(phones) {
			return last
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivered %d of %d messages within %v (keys seen %d)", delivered, len(phones), within, len(keys))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var gwCode = regexp.MustCompile(`\b(\d{6})\b`)

// liveCode returns the code of the newest answered message to phone.
func (g *faultGateway) codes(phone string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	type at struct {
		t    time.Time
		code string
	}
	var list []at
	for k, m := range g.msgs {
		if t, ok := g.answered[k]; ok && m.To == phone {
			list = append(list, at{t, gwCode.FindString(m.Text)})
		}
	}
	out := make([]string, 0, len(list))
	for len(list) > 0 {
		i := 0
		for j := range list {
			if list[j].t.Before(list[i].t) {
				i = j
			}
		}
		out = append(out, list[i].code)
		list = append(list[:i], list[i+1:]...)
	}
	return out
}

// client talks GraphQL to one process; each request comes from its own
// address (X-Forwarded-For from a trusted 127.0.0.1), as many citizens do.
type client struct {
	addr string
	n    atomic.Int64
}

type gqlAnswer struct {
	Status int
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func (a gqlAnswer) codes() []string {
	var out []string
	for _, e := range a.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

func (c *client) do(token, query string, vars map[string]any) (gqlAnswer, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, "http://"+c.addr+"/graphql", bytes.NewReader(body))
	if err != nil {
		return gqlAnswer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	n := c.n.Add(1)
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.%d.%d", (n/250)%250, n%250+1))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	resp, err := hc.Do(req)
	if err != nil {
		return gqlAnswer{}, err
	}
	defer resp.Body.Close()
	var a gqlAnswer
	_ = json.NewDecoder(resp.Body).Decode(&a)
	a.Status = resp.StatusCode
	return a, nil
}

func (c *client) must(t *testing.T, token, query string, vars map[string]any, field string, into any) {
	t.Helper()
	a, err := c.do(token, query, vars)
	if err != nil || a.Status != 200 || len(a.Errors) > 0 {
		t.Fatalf("%s: %v status %d errors %+v", field, err, a.Status, a.Errors)
	}
	if err := json.Unmarshal(a.Data[field], into); err != nil {
		t.Fatalf("decode %s: %v", field, err)
	}
}

func (c *client) captcha(t *testing.T) map[string]any {
	t.Helper()
	var p struct{ Captcha struct{ ID string } }
	c.must(t, "", `mutation { createCaptcha { captcha { id } } }`, nil, "createCaptcha", &p)
	return map[string]any{"id": p.Captcha.ID, "answer": captcha.TestAnswer}
}

const faultPassword = "Hoa sen nở giữa đầm 2026"

type challenge struct {
	Challenge  *struct{ ID string }
	UserErrors []struct{ Code string }
}

// register sends registerCitizen for p (its OTP SMS is queued) and returns
// the challenge ID.
func (c *client) register(t *testing.T, p population.Person) string {
	t.Helper()
	phone, err := vnid.NationalMobile(p.Phone)
	if err != nil {
		t.Fatal(err)
	}
	var out challenge
	c.must(t, "", `mutation($in: RegisterCitizenInput!) { registerCitizen(input: $in) { challenge { id } userErrors { code } } }`,
		map[string]any{"in": map[string]any{
			"idNumber": p.IDNumber, "fullName": p.FullName, "dateOfBirth": p.DateOfBirth.Format("2006-01-02"),
			"socialInsuranceCode": p.SocialInsuranceCode, "phone": phone, "password": faultPassword, "captcha": c.captcha(t),
		}}, "registerCitizen", &out)
	if out.Challenge == nil {
		t.Fatalf("register %s: %+v", vnid.MaskPhone(p.Phone), out.UserErrors)
	}
	return out.Challenge.ID
}

func (c *client) startLogin(t *testing.T, p population.Person) string {
	t.Helper()
	var out challenge
	c.must(t, "", `mutation($in: StartLoginInput!) { startLogin(input: $in) { challenge { id } userErrors { code } } }`,
		map[string]any{"in": map[string]any{"idNumber": p.IDNumber, "password": faultPassword, "captcha": c.captcha(t)}}, "startLogin", &out)
	if out.Challenge == nil {
		t.Fatalf("startLogin: %+v", out.UserErrors)
	}
	return out.Challenge.ID
}

func (c *client) verify(t *testing.T, challengeID, code string) string {
	t.Helper()
	var out struct {
		Session    *struct{ Token string }
		UserErrors []struct{ Code string }
	}
	c.must(t, "", `mutation($in: VerifyOtpInput!) { verifyOtp(input: $in) { session { token } userErrors { code } } }`,
		map[string]any{"in": map[string]any{"challengeId": challengeID, "code": code}}, "verifyOtp", &out)
	if out.Session == nil {
		t.Fatalf("verifyOtp: %+v", out.UserErrors)
	}
	return out.Session.Token
}

// pgCtl runs pg_ctl on the private cluster of dataDir (as the postgres user
// when root, as the server does).
func pgCtl(t *testing.T, dataDir string, args ...string) {
	t.Helper()
	bin, err := postgres.FindBinaries()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(bin, "pg_ctl"), append([]string{"-D", filepath.Join(dataDir, "postgres", "data")}, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatal(err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl %v: %v\n%s", args, err, out)
	}
}

// TestFault reproduces issue 14's findings 1–5 against the real binary.
func TestFault(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	t.Run("migrate at once", func(t *testing.T) {
		t.Parallel()
		faultMigrateAtOnce(t, bin)
	})
	t.Run("crash stop outages", func(t *testing.T) {
		t.Parallel()
		faultSequence(t, bin)
	})
}

// faultMigrateAtOnce: three processes started together on an empty
// database all come up (finding 2).
func faultMigrateAtOnce(t *testing.T, bin string) {
	ctx := context.Background()
	c := &postgres.Cluster{Dir: t.TempDir(), Throwaway: true, TCP: true}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	if err := c.EnsureDatabase(ctx, "empty"); err != nil {
		t.Fatal(err)
	}
	const n = 3
	began := time.Now()
	var wg sync.WaitGroup
	procs := make([]*process, n)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			procs[i] = start(t, bin, t.TempDir(), "DATABASE_URL="+c.URL("empty"), "CAPTCHA_PROVIDER=test")
		}()
	}
	wg.Wait()
	up := 0
	for _, p := range procs {
		if p != nil {
			up++
		}
	}
	fmt.Printf("fault: %d processes migrating one empty database at once: %d of %d up in %v\n", n, up, n, time.Since(began).Round(100*time.Millisecond))
	for _, p := range procs {
		if p != nil {
			p.stop(t)
		}
	}
}

// faultSequence runs one deployment on its private cluster through a
// superseded OTP during a gateway outage (finding 5), SIGTERM with sends in
// flight (4), kill -9 with sends in flight (1) and a PostgreSQL restart
// under load (3).
func faultSequence(t *testing.T, bin string) {
	gw := newFaultGateway(t)
	dataDir := t.TempDir()
	env := append(gw.env(), "CAPTCHA_PROVIDER=test", "DVC_TRUSTED_PROXIES=127.0.0.1/32",
		"DVC_JOB_TIMEOUT=3s", "DVC_WEBHOOK_TIMEOUT=1s", "DVC_SHUTDOWN_TIMEOUT=10s")
	personas, err := population.BuiltinPersonas()
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	take := func(n int) []population.Person {
		ps := personas[next : next+n]
		next += n
		return ps
	}
	phonesOf := func(ps []population.Person) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			m[p.Phone] = true
		}
		return m
	}
	p := start(t, bin, dataDir, env...)
	c := &client{addr: p.addr}

	// 5. A gateway outage while the citizen starts a login twice.
	citizen := take(1)[0]
	reg := c.register(t, citizen)
	gw.waitDelivered(t, phonesOf([]population.Person{citizen}), 20*time.Second)
	token := c.verify(t, reg, gw.codes(citizen.Phone)[0])
	gw.down.Store(true)
	c.startLogin(t, citizen)
	time.Sleep(1200 * time.Millisecond)
	live := c.startLogin(t, citizen)
	time.Sleep(1200 * time.Millisecond)
	gw.down.Store(false)
	recovered := time.Now()
	deadline := time.Now().Add(30 * time.Second)
	for len(gw.codes(citizen.Phone)) < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	liveAfter := time.Since(recovered)
	time.Sleep(4 * time.Second) // a superseded code would arrive in this time
	codes := gw.codes(citizen.Phone)
	if len(codes) != 2 {
		t.Errorf("superseded OTP: %d codes delivered after the outage, want 1 (the live one)", len(codes)-1)
	} else {
		c.verify(t, live, codes[1])
	}
	fmt.Printf("fault: gateway outage, login superseded: superseded codes delivered %d, live code delivered %v after recovery\n",
		max(len(codes)-2, 0), liveAfter.Round(10*time.Millisecond))

	// 4. SIGTERM with sends in flight: they finish; none is sent twice.
	gw.hold.Store(int64(1500 * time.Millisecond))
	group := take(4)
	for _, pp := range group {
		c.register(t, pp)
	}
	gw.waitInFlight(t, 1)
	stopAt := time.Now()
	p.stop(t)
	stopped := time.Since(stopAt)
	gw.hold.Store(0)
	p = start(t, bin, dataDir, env...)
	c.addr = p.addr
	last := gw.waitDelivered(t, phonesOf(group), 30*time.Second)
	delivered, resent, _, _ := gw.figures(phonesOf(group))
	if resent != 0 {
		t.Errorf("SIGTERM with sends in flight: %d messages sent twice, want 0", resent)
	}
	fmt.Printf("fault: SIGTERM with sends in flight: stopped in %v; lost %d, sent twice %d, all delivered %v after the stop\n",
		stopped.Round(10*time.Millisecond), len(group)-delivered, resent, last.Sub(stopAt).Round(10*time.Millisecond))

	// 1. kill -9 with sends in flight: every message delivered within the
	// rescue, once per key (a re-send carries the same Idempotency-Key).
	gw.hold.Store(int64(3 * time.Second))
	group = take(4)
	for _, pp := range group {
		c.register(t, pp)
	}
	gw.waitInFlight(t, 1)
	killedAt := time.Now()
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
	gw.hold.Store(0)
	p = start(t, bin, dataDir, env...)
	c.addr = p.addr
	restarted := time.Now()
	last = gw.waitDelivered(t, phonesOf(group), 90*time.Second)
	delivered, resent, _, _ = gw.figures(phonesOf(group))
	fmt.Printf("fault: kill -9 with sends in flight: lost %d, re-sent with the same key %d (sent twice to the citizen 0: the gateway dedupes by key), all delivered %v after the kill (%v after the restart)\n",
		len(group)-delivered, resent, last.Sub(killedAt).Round(10*time.Millisecond), last.Sub(restarted).Round(10*time.Millisecond))

	// 3. PostgreSQL restarted under load: a valid session is never told
	// UNAUTHENTICATED.
	var unauthenticated, unavailable, ok atomic.Int64
	stopLoad := make(chan struct{})
	var loadDone sync.WaitGroup
	for w := 0; w < 4; w++ {
		loadDone.Add(1)
		go func() {
			defer loadDone.Done()
			for {
				select {
				case <-stopLoad:
					return
				default:
				}
				a, err := c.do(token, `{ viewer { citizen { id } } }`, nil)
				switch {
				case err != nil:
				case strings.Contains(strings.Join(a.codes(), ","), "UNAUTHENTICATED") || (a.Status == 200 && len(a.Errors) == 0 && strings.Contains(string(a.Data["viewer"]), `"citizen":null`)):
					unauthenticated.Add(1)
				case a.Status == 200 && len(a.Errors) == 0:
					ok.Add(1)
				default:
					unavailable.Add(1)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	pgStop := time.Now()
	pgCtl(t, dataDir, "-m", "fast", "-w", "stop")
	time.Sleep(1500 * time.Millisecond)
	pgCtl(t, dataDir, "-w", "-t", "60", "-l", filepath.Join(dataDir, "postgres", "server.log"), "restart")
	pgUp := time.Now()
	okBefore := ok.Load()
	for ok.Load() == okBefore && time.Since(pgUp) < 30*time.Second {
		time.Sleep(10 * time.Millisecond)
	}
	servedAgain := time.Since(pgUp)
	close(stopLoad)
	loadDone.Wait()
	if n := unauthenticated.Load(); n != 0 {
		t.Errorf("PostgreSQL restart: a valid session was answered as anonymous/UNAUTHENTICATED %d times", n)
	}
	fmt.Printf("fault: PostgreSQL down %v under load: valid session told UNAUTHENTICATED %d times, answered unavailable (retry) %d, ok %d; served again %v after PostgreSQL was back\n",
		pgUp.Sub(pgStop).Round(10*time.Millisecond), unauthenticated.Load(), unavailable.Load(), ok.Load(), servedAgain.Round(10*time.Millisecond))
	p.stop(t)
}
