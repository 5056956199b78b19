// Package pgtest gives tests a real PostgreSQL: one private cluster per test
// binary (or the shared one `make test` starts, via DVC_TEST_DATABASE_URL), and
// a fresh database per test cloned from a migrated template (pgtestdb), so
// tests are isolated and a new database costs tens of milliseconds.
//
// A package that uses it declares
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/peterldowns/pgtestdb"

	"github.com/dvcportal/dvcportal/internal/postgres"
	"github.com/dvcportal/dvcportal/migrations"
)

// EnvURL names the variable holding the URL of a running server that tests
// use instead of starting their own (set by `make test`).
const EnvURL = "DVC_TEST_DATABASE_URL"

var baseConfig pgtestdb.Config

// Main starts (or finds) the test server, runs the tests, stops the server.
func Main(m *testing.M) {
	os.Exit(run(m))
}

// Run is Main for a TestMain that has work of its own after the tests: it
// returns the exit code instead of exiting.
func Run(m *testing.M) int { return run(m) }

func run(m *testing.M) int {
	ctx := context.Background()
	raw := os.Getenv(EnvURL)
	if raw == "" {
		dir, err := os.MkdirTemp("", "dvc-pgtest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		c := &postgres.Cluster{Dir: dir, Throwaway: true, TCP: true}
		if err := c.Start(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest: start cluster:", err)
			return 1
		}
		defer func() {
			if err := c.Stop(ctx); err != nil {
				fmt.Fprintln(os.Stderr, "pgtest: stop cluster:", err)
			}
		}()
		raw = c.URL("postgres")
	}
	cfg, err := configFromURL(raw)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	baseConfig = cfg
	return m.Run()
}

func configFromURL(raw string) (pgtestdb.Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return pgtestdb.Config{}, fmt.Errorf("parse %s: %w", EnvURL, err)
	}
	pw, _ := u.User.Password()
	return pgtestdb.Config{
		DriverName:                postgres.DriverName, // lib/pq with the server's statement cache
		Host:                      u.Hostname(),
		Port:                      u.Port(),
		User:                      u.User.Username(),
		Password:                  pw,
		Database:                  u.Path[1:],
		Options:                   "sslmode=disable",
		ForceTerminateConnections: true,
		TestRole: &pgtestdb.Role{
			Username:     "dvc_test",
			Password:     "dvc_test",
			Capabilities: "SUPERUSER",
		},
	}, nil
}

// Migrator prepares a template database. Hash must change whenever what
// Migrate produces changes.
type Migrator = pgtestdb.Migrator

// NewDB returns a fresh database with every migration applied and no
// reference data. It is dropped when the test ends.
func NewDB(t testing.TB) *sqlx.DB {
	t.Helper()
	return NewDBWith(t, schemaMigrator{})
}

// NewDBWith returns a fresh database prepared by m.
func NewDBWith(t testing.TB, m Migrator) *sqlx.DB {
	t.Helper()
	if baseConfig.Host == "" {
		t.Fatal("pgtest: the package needs `func TestMain(m *testing.M) { pgtest.Main(m) }`")
	}
	db := pgtestdb.New(t, baseConfig, m)
	return sqlx.NewDb(db, "postgres")
}

// URLFor returns a connection URL for the test database db (for a second
// process, or tools that take a URL).
func URLFor(t testing.TB, db *sqlx.DB) string {
	t.Helper()
	var name string
	if err := db.Get(&name, `SELECT current_database()`); err != nil {
		t.Fatalf("pgtest: current database: %v", err)
	}
	c := baseConfig
	c.Database = name
	c.User, c.Password = c.TestRole.Username, c.TestRole.Password
	return c.URL()
}

// SchemaMigrator applies all migrations; exported for Migrators that build on it.
type schemaMigrator struct{}

func (schemaMigrator) Hash() (string, error) { return migrations.Hash() }

func (schemaMigrator) Migrate(ctx context.Context, db *sql.DB, _ pgtestdb.Config) error {
	return migrations.Up(ctx, db)
}

// Schema is the Migrator of NewDB, for building richer templates on top.
var Schema Migrator = schemaMigrator{}
