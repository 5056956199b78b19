package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"

	"github.com/dvcportal/dvcportal/internal/application"
	"github.com/dvcportal/dvcportal/internal/captcha"
	"github.com/dvcportal/dvcportal/internal/contractops"
	"github.com/dvcportal/dvcportal/internal/notify"
	"github.com/dvcportal/dvcportal/internal/population"
	"github.com/dvcportal/dvcportal/internal/vnid"
)

// password is the suite's accounts' password (passes the policy).
const password = "Hoa sen nở giữa đầm 2026"

// gqlClient sends GraphQL operations the way the portal does (POST JSON).
// With forwardedFor it says so in X-Forwarded-For (the suite's server
// trusts 127.0.0.1 as a proxy), so each worker is its own client address,
// as real citizens are, and per-address rate-limit rows are not one hot row.
type gqlClient struct {
	url          string
	http         *http.Client
	forwardedFor string
}

// as returns a copy of c that sends from the address of client n.
func (c *gqlClient) as(n int) *gqlClient {
	cc := *c
	cc.forwardedFor = fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)
	return &cc
}

// gqlError is a GraphQL error, a userError or a non-200 answer.
type gqlError struct{ msg string }

func (e *gqlError) Error() string { return e.msg }

// do sends one operation and decodes data.<field> into into; GraphQL
// errors and userErrors are errors.
func (c *gqlClient) do(ctx context.Context, token, doc, field string, vars map[string]any, into any) error {
	body, err := json.Marshal(map[string]any{"query": doc, "variables": vars})
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("new request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if c.forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", c.forwardedFor)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: read answer: %w", field, err)
	}
	b = thin(b)
	var out struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		return &gqlError{fmt.Sprintf("%s: status %d: %.300s", field, resp.StatusCode, b)}
	}
	var ue struct {
		UserErrors []struct{ Code, Message string } `json:"userErrors"`
	}
	if json.Unmarshal(out.Data[field], &ue) == nil && len(ue.UserErrors) > 0 {
		return &gqlError{fmt.Sprintf("%s: userErrors %+v", field, ue.UserErrors)}
	}
	if into == nil {
		return nil
	}
	if err := json.Unmarshal(out.Data[field], into); err != nil {
		return fmt.Errorf("%s: decode: %w", field, err)
	}
	return nil
}

// longString is the length past which thin drops a JSON string's contents.
const longString = 1024

// thin returns a JSON answer with the contents of its strings longer than
// longString dropped ("…" becomes ""): createCaptcha's picture and sound,
// 70 KB of base64 that no flow looks at. encoding/json scans every byte
// with a state machine, twice per Unmarshal, and do decodes an answer three
// times: on the suite's load core that was 80% of the tool's CPU in the
// submission row, and 3 ms of each 19 ms cycle (a cycle waits for it). The
// answer is still read whole; finding the strings' ends is IndexByte's work.
// An answer that is not JSON stays what encoding/json then refuses.
func thin(b []byte) []byte {
	if len(b) <= longString {
		return b
	}
	out := make([]byte, 0, 2*longString)
	for {
		open := bytes.IndexByte(b, '"')
		if open < 0 {
			return append(out, b...)
		}
		end := open + 1 // the closing quote: the first one not escaped
		for {
			q := bytes.IndexByte(b[end:], '"')
			if q < 0 {
				return append(out, b...) // unterminated
			}
			end += q
			if !escaped(b[open+1 : end]) {
				break
			}
			end++
		}
		if end-open-1 > longString {
			out = append(append(out, b[:open+1]...), '"')
		} else {
			out = append(out, b[:end+1]...)
		}
		b = b[end+1:]
	}
}

// escaped reports whether a quote after s (the inside of a JSON string so
// far) is escaped: s ends in an odd number of backslashes.
func escaped(s []byte) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// captchaInput fetches a captcha (picture and sound, as the portal does)
// and answers it the way the test provider accepts.
func (c *gqlClient) captchaInput(ctx context.Context) (map[string]any, error) {
	var p struct {
		Captcha struct {
			ID string `json:"id"`
		} `json:"captcha"`
	}
	if err := c.do(ctx, "", contractops.CreateCaptcha, "createCaptcha", nil, &p); err != nil {
		return nil, err
	}
	return map[string]any{"id": p.Captcha.ID, "answer": captcha.TestAnswer}, nil
}

type challengePayload struct {
	Challenge *struct {
		ID string `json:"id"`
	} `json:"challenge"`
}

// verify sends the phone's next OTP for the challenge and returns the
// session token.
func (c *gqlClient) verify(ctx context.Context, in *inbox, phone, challengeID string) (string, error) {
	code, err := in.next(ctx, phone)
	if err != nil {
		return "", err
	}
	var v struct {
		Session *struct {
			Token string `json:"token"`
		} `json:"session"`
	}
	if err := c.do(ctx, "", contractops.VerifyOtp, "verifyOtp", map[string]any{"input": map[string]any{"challengeId": challengeID, "code": code}}, &v); err != nil {
		return "", err
	}
	if v.Session == nil {
		return "", errors.New("verifyOtp: no session")
	}
	return v.Session.Token, nil
}

// register creates p's account and returns its first session's token.
func (c *gqlClient) register(ctx context.Context, in *inbox, p population.Person) (string, error) {
	cap, err := c.captchaInput(ctx)
	if err != nil {
		return "", err
	}
	phone, err := vnid.NationalMobile(p.Phone)
	if err != nil {
		return "", fmt.Errorf("persona phone: %w", err)
	}
	var ch challengePayload
	err = c.do(ctx, "", contractops.RegisterCitizen, "registerCitizen", map[string]any{"input": map[string]any{
		"idNumber": p.IDNumber, "fullName": p.FullName, "dateOfBirth": p.DateOfBirth.Format(time.DateOnly),
		"socialInsuranceCode": p.SocialInsuranceCode, "phone": phone, "password": password, "captcha": cap,
	}}, &ch)
	if err != nil && strings.Contains(err.Error(), "ALREADY_REGISTERED") {
		return c.login(ctx, in, p) // a -data-dir of an earlier run
	}
	if err != nil {
		return "", err
	}
	if ch.Challenge == nil {
		return "", errors.New("registerCitizen: no challenge")
	}
	return c.verify(ctx, in, p.Phone, ch.Challenge.ID)
}

// login is one whole login: captcha, startLogin (argon2id, the OTP SMS job),
// the SMS through the server's worker into the file sink, verifyOtp.
func (c *gqlClient) login(ctx context.Context, in *inbox, p population.Person) (string, error) {
	cap, err := c.captchaInput(ctx)
	if err != nil {
		return "", err
	}
	var ch challengePayload
	err = c.do(ctx, "", contractops.StartLogin, "startLogin", map[string]any{"input": map[string]any{
		"idNumber": p.IDNumber, "password": password, "captcha": cap}}, &ch)
	if err != nil {
		return "", err
	}
	if ch.Challenge == nil {
		return "", errors.New("startLogin: no challenge")
	}
	return c.verify(ctx, in, p.Phone, ch.Challenge.ID)
}

// reissue is one submission: captcha and reissueHealthCard (its receipt SMS
// job runs in the server's worker). It returns the application's ID.
func (c *gqlClient) reissue(ctx context.Context, token string, p population.Person, key string) (int64, error) {
	cap, err := c.captchaInput(ctx)
	if err != nil {
		return 0, err
	}
	phone, err := vnid.NationalMobile(p.Phone)
	if err != nil {
		return 0, fmt.Errorf("persona phone: %w", err)
	}
	var r struct {
		Application *struct {
			ID string `json:"id"`
		} `json:"application"`
	}
	err = c.do(ctx, token, contractops.ReissueHealthCard, "reissueHealthCard", map[string]any{"input": map[string]any{
		"socialInsuranceCode": p.SocialInsuranceCode, "reason": "LOST",
		"delivery": map[string]any{"method": "POSTAL", "address": map[string]any{
			"provinceCode": p.Address.ProvinceCode, "wardCode": p.Address.WardCode, "street": "12 Đội Cấn",
			"recipientName": p.FullName, "recipientPhone": phone}},
		"captcha": cap, "idempotencyKey": key,
	}}, &r)
	if err != nil {
		return 0, err
	}
	if r.Application == nil {
		return 0, errors.New("reissueHealthCard: no application")
	}
	id, ok := application.ParseGlobalID(r.Application.ID)
	if !ok {
		return 0, fmt.Errorf("reissueHealthCard: application ID %q", r.Application.ID)
	}
	return id, nil
}

// inbox tails the server's SMS file sink and hands each OTP to whoever
// waits for that phone's next code.
type inbox struct {
	path string
	mu   sync.Mutex
	box  map[string]chan string
}

var otpRE = regexp.MustCompile(`\b(\d{6})\b`)

// newInbox starts reading at the file's current end: messages of an
// earlier run on the same data dir are not this run's.
func newInbox(ctx context.Context, path string) *inbox {
	in := &inbox{path: path, box: map[string]chan string{}}
	var from int64
	if fi, err := os.Stat(path); err == nil {
		from = fi.Size()
	}
	go in.tail(ctx, from)
	return in
}

func (in *inbox) chanOf(phone string) chan string {
	if n, err := vnid.NormalizeMobile(phone); err == nil {
		phone = n
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	ch, ok := in.box[phone]
	if !ok {
		ch = make(chan string, 64)
		in.box[phone] = ch
	}
	return ch
}

func (in *inbox) tail(ctx context.Context, from int64) {
	var f *os.File
	var r *bufio.Reader
	var partial []byte
	for ctx.Err() == nil {
		if f == nil {
			var err error
			if f, err = os.Open(in.path); err != nil {
				time.Sleep(5 * time.Millisecond) // not written yet
				continue
			}
			defer f.Close()
			if _, err := f.Seek(from, io.SeekStart); err != nil {
				return // next() reports the missing codes
			}
			r = bufio.NewReader(f)
		}
		line, err := r.ReadBytes('\n')
		partial = append(partial, line...)
		if err != nil {
			time.Sleep(time.Millisecond) // at the end: wait for more
			continue
		}
		var m struct{ To, Text, Purpose string }
		if json.Unmarshal(partial, &m) == nil && m.Purpose == notify.PurposeOTP {
			if code := otpRE.FindStringSubmatch(m.Text); code != nil {
				select {
				case in.chanOf(m.To) <- code[1]:
				default: // nobody reads this phone's codes
				}
			}
		}
		partial = partial[:0]
	}
}

// next waits for the phone's next OTP.
func (in *inbox) next(ctx context.Context, phone string) (string, error) {
	select {
	case code := <-in.chanOf(phone):
		return code, nil
	case <-time.After(15 * time.Second):
		return "", errors.New("no OTP within 15 s")
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// cycleSender runs one whole cycle (a login, a submission) per do: it
// plugs flows into runWorkers, which times them and counts failures.
// release, when set, runs when the worker stops.
type cycleSender struct {
	cycle   func() error
	release func()
}

func (s cycleSender) do(body *bytes.Buffer) (int, error) {
	body.Reset()
	if err := s.cycle(); err != nil {
		var ge *gqlError
		if errors.As(err, &ge) {
			body.WriteString(`{"errors":[]}`) // counted as a GraphQL error
			return http.StatusOK, nil
		}
		return 0, err
	}
	return http.StatusOK, nil
}

func (s cycleSender) close() {
	if s.release != nil {
		s.release()
	}
}

// cardGroup is the citizens one submitting worker submits for, in turn.
// One open reissue per card is a rule of the service, so the tool frees
// the cards it used: once each citizen of the group has submitted, one
// UPDATE frees the group's cards (open_key = NULL on the applications it
// stored). That statement is the tool's housekeeping, not a citizen's
// work, but it runs on the server's database, whose CPU is charged to the
// submissions: one statement per len(people) cycles instead of one per
// cycle keeps that error small (sub-cut3: ~0.2 ms of a ~2.7 ms cycle).
// The group outlives a worker: the next round's worker goes on where the
// last one stopped, with the cards it left open.
type cardGroup struct {
	people []population.Person
	tokens []string
	key    string // unique to this group and run: idempotency keys' prefix

	busy atomic.Bool // a worker submits for the group
	next int         // the citizen of the next cycle
	seq  int         // cycles so far (idempotency keys)
	open []int64     // applications stored since the last free
}

// cardGroups splits the submitting citizens (and their session tokens)
// into groups of perWorker.
func cardGroups(people []population.Person, tokens []string, perWorker int) []*cardGroup {
	nonce := strconv.FormatInt(time.Now().UnixNano(), 36)
	var gs []*cardGroup
	for i := 0; i+perWorker <= len(people); i += perWorker {
		gs = append(gs, &cardGroup{people: people[i : i+perWorker], tokens: tokens[i : i+perWorker], key: fmt.Sprintf("load-%s-%d", nonce, len(gs))})
	}
	return gs
}

// submit is one submission for the group's next citizen; after the last
// citizen's, it frees the group's cards.
func (g *cardGroup) submit(ctx context.Context, c *gqlClient, f *cardFreer) error {
	g.seq++
	id, err := c.reissue(ctx, g.tokens[g.next], g.people[g.next], fmt.Sprintf("%s-%d", g.key, g.seq))
	if err != nil {
		return err
	}
	g.open = append(g.open, id)
	if g.next++; g.next < len(g.people) {
		return nil
	}
	g.next = 0
	return g.free(ctx, f)
}

// free frees the cards of the applications stored since the last free, in
// one statement.
func (g *cardGroup) free(ctx context.Context, f *cardFreer) error {
	if err := f.free(ctx, g.open); err != nil {
		return err
	}
	g.open = g.open[:0]
	return nil
}

// cardFreer runs the submission row's card-freeing UPDATEs on one
// connection of its own, so that its PostgreSQL backend's CPU, the tool's
// housekeeping inside the server's PostgreSQL, can be read and reported
// apart (cpu).
type cardFreer struct {
	mu   sync.Mutex
	conn *sql.Conn
	pid  int // the backend's
}

// newCardFreer takes one connection of db for the freeing.
func newCardFreer(ctx context.Context, db *sql.DB) (*cardFreer, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("card-freeing connection: %w", err)
	}
	f := &cardFreer{conn: conn}
	if err := conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&f.pid); err != nil {
		conn.Close()
		return nil, fmt.Errorf("card-freeing connection: %w", err)
	}
	return f, nil
}

// free frees the cards of the applications ids in one statement.
func (f *cardFreer) free(ctx context.Context, ids []int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	res, err := f.conn.ExecContext(ctx, `UPDATE applications SET open_key = NULL WHERE id = ANY($1)`, pq.Array(ids))
	if err != nil {
		return fmt.Errorf("free the cards: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != int64(len(ids)) {
		return fmt.Errorf("free the cards: %d of %d applications updated (%v)", n, len(ids), err)
	}
	return nil
}

// cpu is the CPU time the freeing connection's backend has used so far
// (/proc/PID/schedstat, in nanoseconds: the UPDATEs are too short for
// /proc's 10 ms ticks). PostgreSQL must run on this host.
func (f *cardFreer) cpu() (time.Duration, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(f.pid) + "/schedstat")
	if err != nil {
		return 0, fmt.Errorf("CPU of the card-freeing backend: %w", err)
	}
	f0, _, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	ns, err := strconv.ParseInt(f0, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("CPU of the card-freeing backend: %w", err)
	}
	return time.Duration(ns), nil
}

func (f *cardFreer) close() error { return f.conn.Close() }

// submitCycles returns the senders of the submission row: each worker
// submits for a group of citizens of its own (cardGroup), which frees its
// cards in one UPDATE per round of the group. f should commit without
// waiting for the WAL flush (openFreeCard): the UPDATE is the tool's
// housekeeping, and its commit's flush wait (3.4 ms of a 19 ms cycle when
// it ran after every submission) made the cycle longer by more than the
// submission's own transaction. There must be a group per worker.
func submitCycles(ctx context.Context, c *gqlClient, f *cardFreer, groups []*cardGroup) func() (sender, error) {
	var n atomic.Int64
	return func() (sender, error) {
		w := int(n.Add(1) - 1)
		g := groups[w%len(groups)]
		if !g.busy.CompareAndSwap(false, true) {
			return nil, fmt.Errorf("submission: %d citizen groups for more workers", len(groups))
		}
		c := c.as(1000 + w)
		return cycleSender{
			cycle:   func() error { return g.submit(ctx, c, f) },
			release: func() { g.busy.Store(false) },
		}, nil
	}
}

// loginCycles returns the senders of the login row: each worker logs its
// own citizen in again and again (parallel logins of one account would
// supersede each other's challenges).
func loginCycles(ctx context.Context, c *gqlClient, in *inbox, people []population.Person) func() (sender, error) {
	var n atomic.Int64
	return func() (sender, error) {
		w := int(n.Add(1) - 1)
		p, c := people[w%len(people)], c.as(w)
		return cycleSender{cycle: func() error {
			_, err := c.login(ctx, in, p)
			return err
		}}, nil
	}
}
