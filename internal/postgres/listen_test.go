package postgres_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// TestListenWakesOnCommitAndAfterReconnect: Listen wakes its caller once it
// listens, at the commit of a transaction that notified (not before), and,
// after its connection was killed, once more when it listens again (a
// notification sent meanwhile was lost, so the caller must re-check).
func TestListenWakesOnCommitAndAfterReconnect(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	db := pgtest.NewDB(t)
	woken := make(chan struct{}, 10)
	done := make(chan struct{})
	go func() {
		defer close(done)
		postgres.Listen(ctx, pgtest.URLFor(t, db), "test_changes", func() { woken <- struct{}{} }, slog.New(slog.DiscardHandler))
	}()
	t.Cleanup(func() { cancel(); <-done })
	wait := func(what string, within time.Duration) {
		t.Helper()
		select {
		case <-woken:
		case <-time.After(within):
			t.Fatalf("%s: not woken within %v", what, within)
		}
	}
	quiet := func(what string) {
		t.Helper()
		select {
		case <-woken:
			t.Fatalf("%s: woken, want not", what)
		case <-time.After(200 * time.Millisecond):
		}
	}
	wait("listening", 10*time.Second)

	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`SELECT pg_notify('test_changes', '1')`); err != nil {
		t.Fatal(err)
	}
	quiet("notified, not committed")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	wait("after the commit", 2*time.Second)
	if _, err := db.Exec(`SELECT pg_notify('other_channel', '1')`); err != nil {
		t.Fatal(err)
	}
	quiet("another channel")

	// Kill the listening connection: Listen connects again after a second
	// and wakes its caller then.
	var killed int
	if err := db.Get(&killed, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %'`); err != nil {
		t.Fatal(err)
	}
	if killed != 1 {
		t.Fatalf("killed %d listening connections, want 1", killed)
	}
	wait("after reconnecting", 10*time.Second)
	if _, err := db.Exec(`SELECT pg_notify('test_changes', '2')`); err != nil {
		t.Fatal(err)
	}
	wait("a notification after reconnecting", 2*time.Second)
}
