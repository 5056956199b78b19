package postgres

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/lib/pq"
)

// stmtCacheSize bounds the prepared statements one connection keeps.
const stmtCacheSize = 256

// Statement cache. lib/pq sends a query with arguments as an unnamed
// statement: Parse+Describe, a round trip, then Bind+Execute, a second one,
// and PostgreSQL parses and plans it every time. Measured on the login and
// submission paths (issue 13), planning was as much PostgreSQL time as
// executing, River's job queries (a CTE per insert, fetch and completion)
// the most of all. cachingConn keeps each connection's queries prepared
// (named statements, least recently used evicted past stmtCacheSize): a
// query seen before on the connection is one round trip, and PostgreSQL
// reuses its plan (custom plans for the first five, then a generic one when
// it is no worse: plan_cache_mode). It applies to every query with
// arguments, ours and River's, through the one pool; the encoding of
// arguments and results is lib/pq's own prepared-statement path, the same
// code its unnamed path runs. Queries without arguments keep lib/pq's simple
// protocol (several statements in one string, as migrations send).
//
// Named statements live in the server session: a transaction-pooling proxy
// (PgBouncer in transaction mode) between the server and PostgreSQL would
// break them; session pooling or a direct connection is required (README).

// cachingConnector opens lib/pq connections wrapped in cachingConn.
type cachingConnector struct {
	base driver.Connector
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(pqConn)
	if !ok {
		return conn, nil // not the lib/pq we know: no cache
	}
	return &cachingConn{pqConn: pc, stmts: map[string]*list.Element{}}, nil
}

func (c cachingConnector) Driver() driver.Driver { return c.base.Driver() }

// pqConn is what lib/pq's connection implements and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// cachingConn is a lib/pq connection whose queries with arguments run as
// cached prepared statements. database/sql uses one connection from one
// goroutine at a time, so it needs no lock.
type cachingConn struct {
	pqConn
	stmts map[string]*list.Element // query → element of lru
	lru   list.List                // of *cachedStmt, most recently used first
}

type cachedStmt struct {
	query string
	stmt  driver.Stmt
}

// stmt returns the connection's prepared statement of query, preparing it
// the first time.
func (c *cachingConn) stmt(ctx context.Context, query string) (driver.Stmt, error) {
	if e, ok := c.stmts[query]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cachedStmt).stmt, nil
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = c.lru.PushFront(&cachedStmt{query: query, stmt: st})
	for c.lru.Len() > stmtCacheSize {
		c.forget(c.lru.Back().Value.(*cachedStmt).query)
	}
	return st, nil
}

// forget drops query's statement and closes it on the server. A failed
// close marks the connection bad in lib/pq, and database/sql replaces it.
func (c *cachingConn) forget(query string) {
	e, ok := c.stmts[query]
	if !ok {
		return
	}
	delete(c.stmts, query)
	c.lru.Remove(e)
	_ = e.Value.(*cachedStmt).stmt.Close()
}

// stale reports an error after which the statement must be prepared again:
// its tables changed shape under it, or the session lost it.
func stale(err error) bool {
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	return pe.Code == "0A000" || pe.Code == "26000" // cached plan must not change result type; no such statement
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) == 0 {
		return c.pqConn.QueryContext(ctx, query, args)
	}
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil && stale(err) {
		c.forget(query)
	}
	return rows, err
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if len(args) == 0 {
		return c.pqConn.ExecContext(ctx, query, args)
	}
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := st.(driver.StmtExecContext).ExecContext(ctx, args)
	if err != nil && stale(err) {
		c.forget(query)
	}
	return res, err
}

// DriverName is the database/sql driver of lib/pq with the statement
// cache, for code that opens the database by driver name (the tests'
// pgtestdb). Open uses the same connector.
const DriverName = "postgres-stmtcache"

func init() { sql.Register(DriverName, cachingDriver{}) }

// cachingDriver is lib/pq's driver with cachingConnector.
type cachingDriver struct{}

func (cachingDriver) Open(name string) (driver.Conn, error) {
	c, err := cachingDriver{}.OpenConnector(name)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

func (cachingDriver) OpenConnector(name string) (driver.Connector, error) {
	base, err := pq.NewConnector(name)
	if err != nil {
		return nil, err
	}
	return cachingConnector{base: base}, nil
}
