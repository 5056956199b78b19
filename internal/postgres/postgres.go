// Package postgres owns the connection to PostgreSQL: opening a pool,
// running a function in one transaction, and the private development cluster
// (cluster.go) that the server starts when no DATABASE_URL is given.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// DefaultMaxConns is the pool size Open takes for 0: connsPerCPU
// connections per CPU that the process may use (GOMAXPROCS), and at least
// minConns (River's queues fetch through the same pool).
//
// The pool bounds how many statements one process runs in PostgreSQL at
// once. Beyond a few per database core, more connections add no
// throughput: the backends only take turns on the same cores, and each
// switch costs both sides their CPU caches; a request beyond the pool waits
// in the process for a connection instead. Measured with the server and
// its PostgreSQL on one core and 16 concurrent logins (issue 13; two runs
// of three rounds each), PostgreSQL's CPU per login was 2.35–2.92 ms
// through a pool of 40 (the fixed size before), 2.30–2.86 ms through 8 and
// 2.14–2.72 ms through 4. The default suits the embedded cluster, which
// runs on the server's own cores; for a PostgreSQL of its own, size the
// pool from that machine's cores (DVC_DB_MAX_CONNS), keeping the sum over
// the processes under its max_connections.
func DefaultMaxConns() int {
	return max(minConns, connsPerCPU*runtime.GOMAXPROCS(0))
}

const (
	connsPerCPU = 4
	minConns    = 8
)

// Open connects to url, checks the connection and sizes the pool to
// maxConns open connections, all kept idle between uses (0:
// DefaultMaxConns). Each connection keeps its queries prepared
// (stmtcache.go).
//
// A caller must not wait for a second connection while it holds one (a
// query on the pool inside a transaction, or while iterating rows): with
// every connection held that way, the process would wait forever. Read
// through the transaction instead (a sqlx.QueryerContext parameter, as
// identity.ContactOf and obligation.Store.Get take). The flows that queue
// an SMS inside a transaction are tested on a pool of one connection
// (internal/e2e/pool_test.go). When this was written, every test passed
// with its database's pool bounded to one connection, except those that
// hold a connection themselves and the migrations (migrations.Up holds its
// lock on one connection while goose migrates on another: at start, before
// anything else uses the pool, so two are enough).
func Open(ctx context.Context, url string, maxConns int) (*sqlx.DB, error) {
	if maxConns <= 0 {
		maxConns = DefaultMaxConns()
	}
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
