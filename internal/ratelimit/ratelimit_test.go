package ratelimit

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/apperr"
	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/reqmeta"
)

func TestKey(t *testing.T) {
	k := Key("login:account", "001090012345")
	if !strings.HasPrefix(k, "login:account:") || len(k) != len("login:account:")+32 {
		t.Errorf("Key = %q", k)
	}
	if strings.Contains(k, "001090012345") {
		t.Error("key contains the raw value")
	}
	if k != Key("login:account", "001090012345") {
		t.Error("Key not deterministic")
	}
	for _, other := range []string{Key("login:ip", "001090012345"), Key("login:account", "001090012346")} {
		if other == k {
			t.Errorf("Key collision: %q", other)
		}
	}
}

func TestAllowCountsPerKey(t *testing.T) {
	ctx := context.Background()
	l := New(pgtest.NewDB(t))
	l.pruneEvery = 0
	a, b := Key("test", "a"), Key("test", "b")
	for i := 1; i <= 5; i++ {
		d, err := l.Allow(ctx, a, Limit{3, time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		if want := i <= 3; d.Allowed != want {
			t.Fatalf("event %d: allowed = %v, want %v", i, d.Allowed, want)
		}
		if !d.Allowed && (d.RetryAfter < 58*time.Second || d.RetryAfter > time.Minute) {
			t.Errorf("event %d: RetryAfter = %s, want about 1m", i, d.RetryAfter)
		}
		if d.Allowed && d.RetryAfter != 0 {
			t.Errorf("event %d: allowed with RetryAfter %s", i, d.RetryAfter)
		}
	}
	if d, err := l.Allow(ctx, b, Limit{3, time.Minute}); err != nil || !d.Allowed {
		t.Errorf("other key: %+v, %v", d, err)
	}
}

func TestAllowWindowEnds(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	l := New(db)
	l.pruneEvery = 0
	k := Key("test", "window")
	for i := 0; i < 3; i++ {
		if _, err := l.Allow(ctx, k, Limit{2, time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	if d, _ := l.Allow(ctx, k, Limit{2, time.Hour}); d.Allowed {
		t.Fatal("allowed over the limit")
	}
	// Move the window's end into the past instead of sleeping.
	if _, err := db.Exec(`UPDATE rate_limits SET window_ends_at = now() - interval '1 ms' WHERE key = $1`, k); err != nil {
		t.Fatal(err)
	}
	d, err := l.Allow(ctx, k, Limit{2, time.Hour})
	if err != nil || !d.Allowed {
		t.Fatalf("after the window: %+v, %v", d, err)
	}
	var count int
	if err := db.Get(&count, `SELECT count FROM rate_limits WHERE key = $1`, k); err != nil || count != 1 {
		t.Errorf("count after reset = %d, %v; want 1", count, err)
	}
}

func TestAllowConcurrent(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	// Two limiters on one database stand for two processes.
	ls := []*Limiter{New(db), New(db)}
	k := Key("test", "concurrent")
	var allowed atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			d, err := ls[i%2].Allow(ctx, k, Limit{10, time.Minute})
			if err != nil {
				t.Error(err)
				return
			}
			if d.Allowed {
				allowed.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	if allowed.Load() != 10 {
		t.Errorf("%d allowed, want exactly 10", allowed.Load())
	}
}

func TestAllowRefusesBadArguments(t *testing.T) {
	l := New(pgtest.NewDB(t))
	tests := []struct {
		key    string
		limit  int
		window time.Duration
	}{
		{"", 1, time.Second},
		{strings.Repeat("k", 201), 1, time.Second},
		{"k", 0, time.Second},
		{"k", 1, 0},
	}
	for _, tt := range tests {
		if _, err := l.Allow(context.Background(), tt.key, Limit{tt.limit, tt.window}); err == nil {
			t.Errorf("Allow(%q, %d, %s) accepted", tt.key, tt.limit, tt.window)
		}
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	l := New(db)
	l.pruneEvery = 0
	for _, v := range []string{"a", "b", "c"} {
		if _, err := l.Allow(ctx, Key("test", v), Limit{1, time.Hour}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE rate_limits SET window_ends_at = now() - interval '1 s' WHERE key <> $1`, Key("test", "c")); err != nil {
		t.Fatal(err)
	}
	n, err := l.Prune(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v; want 2", n, err)
	}
	var left int
	if err := db.Get(&left, `SELECT count(*) FROM rate_limits`); err != nil || left != 1 {
		t.Errorf("%d rows left, want 1", left)
	}
}

func BenchmarkAllow(b *testing.B) {
	l := New(pgtest.NewDB(b))
	ctx := context.Background()
	k := Key("bench", "k")
	b.ResetTimer()
	for b.Loop() {
		if _, err := l.Allow(ctx, k, Limit{1 << 30, time.Hour}); err != nil {
			b.Fatal(err)
		}
	}
}

// Finding 23 of issue 14: one IPv6 subscriber holds a /64, so per-IP limits
// key IPv6 by /64; IPv4 (and IPv4-mapped IPv6) by the address.
func TestIPSubject(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true},
		{"2001:db8:1:2::1", "2001:db8:1:3::1", false},
		{"203.0.113.7", "203.0.113.7", true},
		{"203.0.113.7", "203.0.113.8", false},
		{"::ffff:203.0.113.7", "203.0.113.7", true},
	}
	for _, tt := range tests {
		a, b := IPSubject(netip.MustParseAddr(tt.a)), IPSubject(netip.MustParseAddr(tt.b))
		if got := a == b; got != tt.same {
			t.Errorf("IPSubject(%s) = %q, IPSubject(%s) = %q: same = %v, want %v", tt.a, a, tt.b, b, got, tt.same)
		}
	}
	if got, want := IPSubject(netip.Addr{}), "unknown"; got != want {
		t.Errorf("IPSubject(invalid) = %q, want %q", got, want)
	}
}

func TestEnforceOneIPv6Subscriber(t *testing.T) {
	ctx := context.Background()
	l := New(pgtest.NewDB(t))
	l.pruneEvery = 0
	lim := Limit{Max: 2, Window: time.Minute}
	var err error
	for i := 1; i <= 3; i++ {
		ip := netip.MustParseAddr(fmt.Sprintf("2001:db8:7:7::%x", i))
		err = l.Enforce(reqmeta.With(ctx, reqmeta.Meta{IP: ip}), "test:ip", lim, ClientIP(reqmeta.With(ctx, reqmeta.Meta{IP: ip})))
	}
	if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
		t.Fatalf("third address of one /64: err = %v, want RATE_LIMITED", err)
	}
}

func TestParseLimit(t *testing.T) {
	tests := []struct {
		in   string
		want Limit
		ok   bool
	}{
		{"300/1m", Limit{300, time.Minute}, true},
		{" 5 / 15m ", Limit{5, 15 * time.Minute}, true},
		{"0", Limit{}, true},
		{"300", Limit{}, false},
		{"-1/1m", Limit{}, false},
		{"5/1ms", Limit{}, false},
		{"x/1m", Limit{}, false},
	}
	for _, tt := range tests {
		got, err := ParseLimit(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseLimit(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err == nil {
			if back, _ := ParseLimit(got.String()); back != got {
				t.Errorf("ParseLimit(%q.String()) = %v, want %v", got, back, got)
			}
		}
	}
}

// EnforceThen counts like Enforce and returns the next query's row in the
// same statement: the row when there is one, NULLs when not, RATE_LIMITED
// past the limit (the row still read, the refused event still counted); a
// zero limit counts nothing and still reads.
func TestEnforceThen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, l := thingsDB(t)
	lim := Limit{Max: 2, Window: time.Hour}
	read := func(lim Limit, id int) (sql.NullString, error) {
		var name sql.NullString
		err := l.EnforceThen(ctx, "test:then", lim, "subject", `SELECT name FROM things WHERE id = $3`, []any{id}, &name)
		return name, err
	}
	for i, tc := range []struct {
		lim     Limit
		id      int
		want    sql.NullString
		limited bool
	}{
		{lim, 1, sql.NullString{String: "one", Valid: true}, false},
		{lim, 2, sql.NullString{}, false},
		{lim, 1, sql.NullString{String: "one", Valid: true}, true},
		{Limit{}, 1, sql.NullString{String: "one", Valid: true}, false},
		{Limit{}, 3, sql.NullString{}, false},
	} {
		got, err := read(tc.lim, tc.id)
		if tc.limited {
			if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
				t.Errorf("event %d: err %v, want RATE_LIMITED", i, err)
			}
		} else if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if got != tc.want {
			t.Errorf("event %d: row %+v, want %+v", i, got, tc.want)
		}
	}
	var count int
	if err := db.Get(&count, `SELECT count FROM rate_limits WHERE key = $1`, Key("test:then", "subject")); err != nil {
		t.Fatal(err)
	}
	if count != 3 {
		t.Errorf("counted %d events, want 3 (the refused one too, none under a zero limit)", count)
	}
}

// CountIn counts inside the caller's statement and transaction: after the
// caller's CTE has a row, together with Enforce's events of the same key;
// nothing when that CTE has no row, under a zero limit, or when the
// transaction rolls back; a refused event says RATE_LIMITED via Refused.
func TestCountIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, l := thingsDB(t)
	lim := Limit{Max: 3, Window: time.Hour}
	// count locks thing id (the caller's CTE), counts the event in the same
	// statement and commits, or rolls back when rollback is set.
	count := func(lim Limit, id int, rollback bool) (name sql.NullString, allowed sql.NullBool, err error) {
		tx, err := db.BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		cte, args := CountIn("limited", "thing", 2, "test:in", lim, "subject")
		var retry sql.NullInt64
		err = tx.QueryRowContext(ctx, `WITH thing AS (SELECT id, name FROM things WHERE id = $1 FOR UPDATE), `+cte+`
			SELECT (SELECT name FROM thing), (SELECT allowed FROM limited), (SELECT retry_us FROM limited)`,
			append([]any{id}, args...)...).Scan(&name, &allowed, &retry)
		if err != nil {
			t.Fatal(err)
		}
		if rollback {
			err = tx.Rollback()
		} else {
			err = tx.Commit()
		}
		if err != nil {
			t.Fatal(err)
		}
		if allowed.Valid && !allowed.Bool {
			if retry.Int64 < 3590e6 || retry.Int64 > 3600e6 {
				t.Errorf("retry_us = %d, want about an hour", retry.Int64)
			}
			return name, allowed, Refused(retry.Int64)
		}
		return name, allowed, nil
	}
	counted := func() int {
		var n int
		if err := db.Get(&n, `SELECT coalesce((SELECT count FROM rate_limits WHERE key = $1), 0)`, Key("test:in", "subject")); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := l.Enforce(ctx, "test:in", lim, "subject"); err != nil { // event 1, counted by Enforce
		t.Fatal(err)
	}
	for i, tc := range []struct {
		lim       Limit
		id        int
		rollback  bool
		allowed   sql.NullBool
		wantCount int
	}{
		{lim, 1, false, sql.NullBool{Bool: true, Valid: true}, 2},
		{lim, 2, false, sql.NullBool{}, 2},                       // no row after: nothing counted
		{lim, 1, true, sql.NullBool{Bool: true, Valid: true}, 2}, // rolled back: not kept
		{Limit{}, 1, false, sql.NullBool{Bool: true, Valid: true}, 2},
		{lim, 1, false, sql.NullBool{Bool: true, Valid: true}, 3},
		{lim, 1, false, sql.NullBool{Bool: false, Valid: true}, 4}, // refused, committed: kept
		{lim, 1, true, sql.NullBool{Bool: false, Valid: true}, 4},  // refused, rolled back
	} {
		name, allowed, err := count(tc.lim, tc.id, tc.rollback)
		if allowed != tc.allowed {
			t.Errorf("event %d: allowed %+v, want %+v", i, allowed, tc.allowed)
		}
		if tc.allowed.Valid && !tc.allowed.Bool {
			if code, ok := apperr.CodeOf(err); !ok || code != apperr.RateLimited {
				t.Errorf("event %d: Refused = %v, want RATE_LIMITED", i, err)
			}
		}
		if want := tc.id == 1; name.Valid != want {
			t.Errorf("event %d: the caller's row %+v", i, name)
		}
		if got := counted(); got != tc.wantCount {
			t.Errorf("event %d: count %d, want %d", i, got, tc.wantCount)
		}
	}
	if err := l.Enforce(ctx, "test:in", lim, "subject"); err == nil {
		t.Error("Enforce after CountIn's refused event: allowed, want RATE_LIMITED (one count per key)")
	}
}

// thingsDB is a test database with a table of the caller's own, things
// (id 1 is 'one'), for the limiter's queries run in a caller's statement,
// and a Limiter on it that never prunes.
func thingsDB(t *testing.T) (*sqlx.DB, *Limiter) {
	t.Helper()
	db := pgtest.NewDB(t)
	l := New(db)
	l.pruneEvery = 0
	if _, err := db.Exec(`CREATE TABLE things (id int PRIMARY KEY, name text)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO things VALUES (1, 'one')`); err != nil {
		t.Fatal(err)
	}
	return db, l
}
