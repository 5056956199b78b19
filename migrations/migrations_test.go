package migrations_test

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/peterldowns/pgtestdb"

	"github.com/dvcportal/dvcportal/internal/pgtest"
	"github.com/dvcportal/dvcportal/migrations"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestDownAndUpAgain rolls every migration back one by one and applies them
// again: each Down must undo its Up.
func TestDownAndUpAgain(t *testing.T) {
	t.Parallel()
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

// empty prepares a database with nothing in it.
type empty struct{}

func (empty) Hash() (string, error)                                   { return "empty", nil }
func (empty) Migrate(context.Context, *sql.DB, pgtestdb.Config) error { return nil }

// TestProcessesMigratingAtOnce: N processes started together on an empty
// database each migrate (River's tables and ours); all succeed and the
// schema is complete once.
func TestProcessesMigratingAtOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDBWith(t, empty{})
	url := pgtest.URLFor(t, db)
	const n = 4
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		go func() {
			pool, err := sql.Open("postgres", url)
			if err != nil {
				errs <- err
				return
			}
			defer pool.Close()
			<-start
			errs <- migrations.Up(ctx, pool)
		}()
	}
	close(start)
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Errorf("process %d of %d: %v", i+1, n, err)
		}
	}
	var st bytes.Buffer
	if err := migrations.Status(ctx, db.DB, &st); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(st.String(), "pending") {
		t.Fatalf("pending after concurrent up:\n%s", st.String())
	}
}

// TestNoContribExtensions: the schema needs no PostgreSQL contrib extension
// (unaccent and pg_trgm were created once and used nowhere), and a database
// where the old migration created them loses them on upgrade.
func TestNoContribExtensions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	installed := func() []string {
		t.Helper()
		var names []string
		if err := db.Select(&names, `SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY extname`); err != nil {
			t.Fatal(err)
		}
		return names
	}
	if got := installed(); len(got) != 0 {
		t.Fatalf("extensions after a fresh migration: got %v, want none", got)
	}

	// A database migrated by the old 00001: roll back to 00001, create the
	// extensions as it did, and upgrade.
	var st bytes.Buffer
	if err := migrations.Status(ctx, db.DB, &st); err != nil {
		t.Fatal(err)
	}
	for n := strings.Count(st.String(), "applied"); n > 1; n-- {
		if err := migrations.Down(ctx, db.DB); err != nil {
			t.Fatalf("down: %v", err)
		}
	}
	if _, err := db.Exec(`CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm`); err != nil {
		t.Skipf("contrib extensions not available here, cannot simulate the old 00001: %v", err)
	}
	if err := migrations.Up(ctx, db.DB); err != nil {
		t.Fatalf("up: %v", err)
	}
	if got := installed(); len(got) != 0 {
		t.Fatalf("extensions after upgrading an old database: got %v, want none", got)
	}
}

// TestUpgradeAppliesAnAreasNewMigration: each area numbers its migrations in
// its own range (README), so a release can bring a migration numbered below
// one a database already has (00121 arrived after 00530). A database from
// before it must upgrade: the new migration is applied, nothing else reruns.
func TestUpgradeAppliesAnAreasNewMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.NewDB(t)
	// The database as the release before 00121 left it.
	if _, err := db.Exec(`DELETE FROM goose_db_version WHERE version_id = 121`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE rate_limits SET LOGGED`); err != nil {
		t.Fatal(err)
	}
	if err := migrations.Up(ctx, db.DB); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	var persistence string
	if err := db.Get(&persistence, `SELECT relpersistence FROM pg_class WHERE relname = 'rate_limits'`); err != nil {
		t.Fatal(err)
	}
	if persistence != "u" {
		t.Errorf("rate_limits relpersistence after upgrade: got %q, want %q (00121 applied)", persistence, "u")
	}
	var st bytes.Buffer
	if err := migrations.Status(ctx, db.DB, &st); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(st.String(), "pending") {
		t.Fatalf("pending after upgrade:\n%s", st.String())
	}
}
