package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/postgres"
)

// TestClusterLifecycle creates a cluster, stops it, starts it again on the
// same directory (the data survives), and refuses a second owner meanwhile.
func TestClusterLifecycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first := &postgres.Cluster{Dir: dir, Throwaway: true}
	if err := first.Start(ctx); err != nil {
		t.Fatalf("first start: %v", err)
	}
	if err := first.EnsureDatabase(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	if err := first.EnsureDatabase(ctx, "app"); err != nil {
		t.Fatalf("EnsureDatabase must be idempotent: %v", err)
	}
	db, err := postgres.Open(ctx, first.URL("app"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	second := &postgres.Cluster{Dir: dir, Throwaway: true}
	if err := second.Start(ctx); !errors.Is(err, postgres.ErrClusterInUse) {
		t.Fatalf("second server on the same dir: err = %v, want ErrClusterInUse", err)
	}
	// An operator's command attaches to the running cluster instead.
	if err := second.Attach(); err != nil {
		t.Fatalf("attach to the running cluster: %v", err)
	}
	adb, err := postgres.Open(ctx, second.URL("app"), 0)
	if err != nil {
		t.Fatalf("connect through the attached cluster: %v", err)
	}
	var n int
	if err := adb.Get(&n, `SELECT count(*) FROM kept`); err != nil || n != 1 {
		t.Fatalf("attached read = %d, %v", n, err)
	}
	adb.Close()

	// It listens on its private socket only: no TCP port for other local
	// users, and the socket directory is the owner's alone.
	if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", first.Port()), time.Second); err == nil {
		c.Close()
		t.Fatalf("the private cluster accepts TCP connections on 127.0.0.1:%d", first.Port())
	}
	if fi, err := os.Stat(filepath.Join(dir, "sock")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("socket dir mode %v (%v), want 0700", fi.Mode().Perm(), err)
	}

	if err := first.Stop(ctx); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("postmaster.pid still present after stop: %v", err)
	}

	again := &postgres.Cluster{Dir: dir, Throwaway: true}
	if err := again.Start(ctx); err != nil {
		t.Fatalf("restart on the same dir: %v", err)
	}
	defer func() {
		if err := again.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	}()
	db, err = postgres.Open(ctx, again.URL("app"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.Get(&v, `SELECT v FROM kept`); err != nil || v != "still here" {
		t.Fatalf("data after restart = %q, %v", v, err)
	}
}

func TestInTxRollsBackOnErrorAndPanic(t *testing.T) {
	ctx := context.Background()
	c := &postgres.Cluster{Dir: t.TempDir(), Throwaway: true}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Stop(ctx) }()
	db, err := postgres.Open(ctx, c.URL("postgres"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (v int)`); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		if _, err := tx.Exec(`INSERT INTO t VALUES (1)`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx error = %v", err)
	}
	func() {
		defer func() { _ = recover() }()
		_ = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
			_, _ = tx.Exec(`INSERT INTO t VALUES (2)`)
			panic("resolver bug")
		})
	}()
	if err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO t VALUES (3)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var vals []int
	if err := db.Select(&vals, `SELECT v FROM t ORDER BY v`); err != nil || len(vals) != 1 || vals[0] != 3 {
		t.Fatalf("rows = %v, %v; want only the committed 3", vals, err)
	}
}
