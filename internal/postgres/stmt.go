package postgres

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
)

// Stmt is one hot SQL statement of a package's store, prepared on first use
// and kept for the process. lib/pq otherwise sends every query unnamed, so
// PostgreSQL parses and plans it at every execution (../shared/NOTES.md
// measured +49% on a page query prepared this way). database/sql prepares
// it again, transparently, on each pooled connection it runs on.
//
// A prepare that fails (the database briefly away, a cancelled context) is
// not kept: that call runs the statement unprepared and the next call tries
// again. Statements name their columns, so a later migration adding columns
// does not change a prepared statement's result type.
type Stmt struct {
	db    *sqlx.DB
	query string
	mu    sync.Mutex
	stmt  atomic.Pointer[sqlx.Stmt]
}

// NewStmt returns query on db, to be prepared on first use.
func NewStmt(db *sqlx.DB, query string) *Stmt {
	return &Stmt{db: db, query: query}
}

// prepared returns the prepared statement, preparing it if needed; nil when
// preparing failed.
func (s *Stmt) prepared(ctx context.Context) *sqlx.Stmt {
	if st := s.stmt.Load(); st != nil {
		return st
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.stmt.Load(); st != nil {
		return st
	}
	st, err := s.db.PreparexContext(ctx, s.query)
	if err != nil {
		return nil
	}
	s.stmt.Store(st)
	return st
}

// GetContext runs the statement and scans its one row into dest
// (sql.ErrNoRows when there is none), like sqlx's GetContext.
func (s *Stmt) GetContext(ctx context.Context, dest any, args ...any) error {
	if st := s.prepared(ctx); st != nil {
		return st.GetContext(ctx, dest, args...)
	}
	return s.db.GetContext(ctx, dest, s.query, args...)
}

// ExecContext runs the statement.
func (s *Stmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if st := s.prepared(ctx); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return s.db.ExecContext(ctx, s.query, args...)
}
