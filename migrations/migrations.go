// Package migrations owns the database schema: the goose SQL migrations
// embedded in the binary (one number range per area, see the README) and
// River's own job-queue tables, migrated together.
package migrations

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"fmt"
	"io"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

// FS holds the goose migrations.
//
//go:embed *.sql
var FS embed.FS

// provider applies our migrations out of order when needed: each area
// numbers its own in its range (README), so a release may bring a
// migration numbered below one a database already has (00121 came after
// 00530). Such a migration depends only on its own area's earlier ones,
// so applying it late is safe; refusing it would stop every upgrade.
func provider(db *sql.DB) (*goose.Provider, error) {
	p, err := goose.NewProvider(goose.DialectPostgres, db, FS, goose.WithAllowOutofOrder(true))
	if err != nil {
		return nil, fmt.Errorf("goose provider: %w", err)
	}
	return p, nil
}

// lockKey is the PostgreSQL advisory lock every migration run holds, so
// processes started together on one database migrate one after the other
// (the later ones find nothing left to do). Any 64-bit constant unique to
// this purpose ("dvcmigr" in ASCII).
const lockKey int64 = 0x0064_7663_6d69_6772

// Up applies every pending migration: River's tables first, then ours, under
// the migration lock.
func Up(ctx context.Context, db *sql.DB) error {
	return locked(ctx, db, func() error {
		rm, err := rivermigrate.New(riverdatabasesql.New(db), nil)
		if err != nil {
			return fmt.Errorf("river migrator: %w", err)
		}
		if _, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("migrate river: %w", err)
		}
		p, err := provider(db)
		if err != nil {
			return err
		}
		if _, err := p.Up(ctx); err != nil {
			return fmt.Errorf("migrate up: %w", err)
		}
		return nil
	})
}

// Down rolls back the newest of our migrations (River's tables stay), under
// the migration lock.
func Down(ctx context.Context, db *sql.DB) error {
	return locked(ctx, db, func() error {
		p, err := provider(db)
		if err != nil {
			return err
		}
		if _, err := p.Down(ctx); err != nil {
			return fmt.Errorf("migrate down: %w", err)
		}
		return nil
	})
}

// locked runs fn while one connection of db holds the migration lock (a
// session lock: released when the connection ends, also if this process
// dies). fn uses other connections of db.
func locked(ctx context.Context, db *sql.DB, fn func() error) (err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockKey); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockKey); uerr != nil {
			// Closing the connection releases it too.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return fn()
}

// Status writes one line per migration: version, state, file.
func Status(ctx context.Context, db *sql.DB, w io.Writer) error {
	p, err := provider(db)
	if err != nil {
		return err
	}
	st, err := p.Status(ctx)
	if err != nil {
		return fmt.Errorf("migration status: %w", err)
	}
	for _, s := range st {
		at := "pending"
		if s.State == goose.StateApplied {
			at = "applied " + s.AppliedAt.Format("2006-01-02 15:04:05")
		}
		if _, err := fmt.Fprintf(w, "%05d  %-28s %s\n", s.Source.Version, at, s.Source.Path); err != nil {
			return err
		}
	}
	return nil
}

// Hash identifies the set of migrations (test templates are keyed by it).
func Hash() (string, error) {
	h := newHasher()
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := FS.ReadFile(path)
		if err != nil {
			return err
		}
		h.add(path, b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash migrations: %w", err)
	}
	return h.sum(), nil
}
