package migrations_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestDownAndUpAgain rolls every migration back one by one and applies them
// again: each Down must undo its Up.
func TestDownAndUpAgain(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDB(t)
	var st bytes.Buffer
	if err := migrations.Status(ctx, db.DB, &st); err != nil {
		t.Fatal(err)
	}
	n := strings.Count(st.String(), "applied")
	if n == 0 || strings.Contains(st.String(), "pending") {
		t.Fatalf("fresh database not fully migrated:\n%s", st.String())
	}
	for i := 0; i < n; i++ {
		if err := migrations.Down(ctx, db.DB); err != nil {
			t.Fatalf("down step %d: %v", i+1, err)
		}
	}
	var tables int
	if err := db.Get(&tables, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'river%' AND tablename <> 'goose_db_version'`); err != nil {
		t.Fatal(err)
	}
	if tables != 0 {
		t.Fatalf("%d tables left after rolling everything back", tables)
	}
	if err := migrations.Up(ctx, db.DB); err != nil {
		t.Fatalf("up again: %v", err)
	}
	st.Reset()
	if err := migrations.Status(ctx, db.DB, &st); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(st.String(), "pending") {
		t.Fatalf("pending after up:\n%s", st.String())
	}
}
