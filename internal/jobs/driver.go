package jobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
)

// Driver returns River's driver over db. With a listenURL (the same
// database's URL) it also LISTENs through one dedicated pgx connection: a
// job inserted in any transaction (River sends pg_notify with the insert)
// wakes its queue within milliseconds of the commit, so the queues poll
// only as a back-up (ListenPollInterval) and an idle process costs next to
// nothing. Without one it polls (PollOnlyInterval), as the tests do. close
// releases the listener pool after the River client has stopped.
func Driver(ctx context.Context, db *sql.DB, listenURL string) (driver *riverdatabasesql.Driver, listening bool, close func(), err error) {
	if listenURL == "" {
		return riverdatabasesql.New(db), false, func() {}, nil
	}
	pcfg, err := pgxpool.ParseConfig(listenURL)
	if err != nil {
		return nil, false, nil, fmt.Errorf("job queue listener: parse the database URL: %w", err)
	}
	pcfg.MinConns, pcfg.MaxConns = 0, 1
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, false, nil, fmt.Errorf("job queue listener: %w", err)
	}
	return riverdatabasesql.NewWithPgxListener(db, pool), true, pool.Close, nil
}
