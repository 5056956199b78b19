package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/internal/postgres"
)

// AfterCommit's functions run once InTx has committed (and see the data),
// in order; a rollback drops them; a transaction InTx did not begin takes
// none.
func TestAfterCommit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	if _, err := db.Exec(`CREATE TABLE ac (v int)`); err != nil {
		t.Fatal(err)
	}
	var ran []string
	seen := func(name string) func() {
		return func() {
			// Another connection sees the row: the commit is done.
			var n int
			if err := db.Get(&n, `SELECT count(*) FROM ac`); err != nil {
				t.Error(err)
			}
			ran = append(ran, name+":"+string(rune('0'+n)))
		}
	}
	err := postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		if !postgres.AfterCommit(tx, seen("a")) || !postgres.AfterCommit(tx, seen("b")) {
			t.Error("AfterCommit refused InTx's transaction")
		}
		if len(ran) != 0 {
			t.Errorf("ran before the commit: %v", ran)
		}
		_, err := tx.Exec(`INSERT INTO ac VALUES (1)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ran, []string{"a:1", "b:1"}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("after commit ran %v, want %v", got, want)
	}

	ran = nil
	boom := errors.New("boom")
	err = postgres.InTx(ctx, db, func(tx *sqlx.Tx) error {
		postgres.AfterCommit(tx, seen("rolled back"))
		return boom
	})
	if !errors.Is(err, boom) || len(ran) != 0 {
		t.Errorf("rollback: err %v, ran %v; want boom and nothing run", err, ran)
	}

	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if postgres.AfterCommit(tx, seen("foreign")) {
		t.Error("AfterCommit took a transaction InTx did not begin")
	}
}
