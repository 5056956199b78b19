package ratelimit

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/pgtest"
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
		d, err := l.Allow(ctx, a, 3, time.Minute)
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
	if d, err := l.Allow(ctx, b, 3, time.Minute); err != nil || !d.Allowed {
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
		if _, err := l.Allow(ctx, k, 2, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if d, _ := l.Allow(ctx, k, 2, time.Hour); d.Allowed {
		t.Fatal("allowed over the limit")
	}
	// Move the window's end into the past instead of sleeping.
	if _, err := db.Exec(`UPDATE rate_limits SET window_ends_at = now() - interval '1 ms' WHERE key = $1`, k); err != nil {
		t.Fatal(err)
	}
	d, err := l.Allow(ctx, k, 2, time.Hour)
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
			d, err := ls[i%2].Allow(ctx, k, 10, time.Minute)
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
		if _, err := l.Allow(context.Background(), tt.key, tt.limit, tt.window); err == nil {
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
		if _, err := l.Allow(ctx, Key("test", v), 1, time.Hour); err != nil {
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
		if _, err := l.Allow(ctx, k, 1<<30, time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}
