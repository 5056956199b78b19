package postgres_test

import (
	"context"
	"sync"
	"testing"

	"github.com/dvcportal/dvcportal/internal/postgres"
)

// A Stmt answers as the unprepared statement does, from many goroutines at
// once, and a prepare that failed (here: the table did not exist yet) is
// tried again on the next call instead of being kept.
func TestStmtPreparesOnceAndRetriesAFailedPrepare(t *testing.T) {
	ctx := context.Background()
	c := &postgres.Cluster{Dir: t.TempDir(), Throwaway: true}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Stop(ctx) }()
	db, err := postgres.Open(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	get := postgres.NewStmt(db, `SELECT v FROM later WHERE k = $1`)
	insert := postgres.NewStmt(db, `INSERT INTO later (k, v) VALUES ($1, $2)`)
	var v string
	if err := get.GetContext(ctx, &v, 1); err == nil {
		t.Fatal("query of a missing table: got no error")
	}
	if _, err := db.Exec(`CREATE TABLE later (k int PRIMARY KEY, v text NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := insert.ExecContext(ctx, i, "v"+string(rune('a'+i))); err != nil {
				t.Errorf("insert %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	for i := range 20 {
		var got string
		if err := get.GetContext(ctx, &got, i); err != nil || got != "v"+string(rune('a'+i)) {
			t.Errorf("get %d: got %q, %v; want %q", i, got, err, "v"+string(rune('a'+i)))
		}
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM later`); err != nil || n != 20 {
		t.Fatalf("rows: %d, %v; want 20", n, err)
	}
	// On one connection, the statements are PostgreSQL prepared statements.
	db.SetMaxOpenConns(1)
	if err := get.GetContext(ctx, &v, 0); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&n, `SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM later WHERE k%'`); err != nil || n != 1 {
		t.Fatalf("prepared statements of the lookup on the connection: %d, %v; want 1", n, err)
	}
}
