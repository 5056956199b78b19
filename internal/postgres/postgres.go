// Package postgres owns the connection to PostgreSQL: opening a pool,
// running a function in one transaction, and the private development cluster
// (cluster.go) that the server starts when no DATABASE_URL is given.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// maxConns bounds the pool of one process.
const maxConns = 40

// Open connects to url, checks the connection and sizes the pool. Each
// connection keeps its queries prepared (stmtcache.go).
func Open(ctx context.Context, url string) (*sqlx.DB, error) {
	connector, err := pq.NewConnector(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := sqlx.NewDb(sql.OpenDB(cachingConnector{base: connector}), "postgres")
	// Idle = open: under load a smaller idle pool closes connections that
	// are opened again a moment later (50 new connections in 5 s measured
	// with 20 idle of 40), each a PostgreSQL fork and authentication.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// InTx runs fn in one transaction: committed when fn returns nil, rolled back
// when it returns an error or panics (the panic goes on). Functions
// registered with AfterCommit during fn run, in order, once the commit has
// succeeded; after a rollback they are dropped.
func InTx(ctx context.Context, db *sqlx.DB, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	hooks := new([]func())
	afterCommit.Store(tx, hooks)
	defer afterCommit.Delete(tx)
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, context.Canceled) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	for _, fn := range *hooks {
		fn()
	}
	return nil
}

// afterCommit maps each transaction InTx has open to the functions to run
// once it commits (*sqlx.Tx → *[]func()).
var afterCommit sync.Map

// AfterCommit registers fn to run right after tx commits, in the goroutine
// that called InTx (fn should be quick: hand slow work to a goroutine). It
// reports false, registering nothing, when tx was not begun by InTx (its
// commit is not seen here): the caller must then do without. A transaction
// is used by one goroutine at a time, so registering needs no lock.
func AfterCommit(tx *sqlx.Tx, fn func()) bool {
	v, ok := afterCommit.Load(tx)
	if !ok {
		return false
	}
	hooks := v.(*[]func())
	*hooks = append(*hooks, fn)
	return true
}
