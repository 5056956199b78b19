package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listen LISTENs on channel through one dedicated connection to url and
// calls wake after each notification, and once after each (re)connection: a
// notification sent while no connection listened is lost, so the caller
// re-checks what it watches then. A lost connection is opened again after
// one second, doubling up to 30 s while it keeps failing. It returns when
// ctx ends.
//
// Waiting costs nothing while no notification comes: the goroutine blocks
// in a read of the connection, with no timer (unlike a poll, which wakes
// the process and PostgreSQL at every tick). Send with
// `SELECT pg_notify(channel, payload)` in the transaction of the change:
// PostgreSQL delivers it at the commit, to every process listening.
func Listen(ctx context.Context, url, channel string, wake func(), logger *slog.Logger) {
	const firstRetry, maxRetry = time.Second, 30 * time.Second
	retry := firstRetry
	for {
		listened, err := listenOnce(ctx, url, channel, wake)
		if ctx.Err() != nil {
			return
		}
		if listened {
			retry = firstRetry
		}
		logger.Warn("listen for notifications failed; retrying", "channel", channel, "retry_in", retry, "err", err)
		t := time.NewTimer(retry)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		retry = min(2*retry, maxRetry)
	}
}

// listenOnce connects, LISTENs, calls wake and then waits for notifications
// until the connection fails or ctx ends; listened reports whether LISTEN
// succeeded.
func listenOnce(ctx context.Context, url, channel string, wake func()) (listened bool, err error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return false, fmt.Errorf("connect: %w", err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return false, fmt.Errorf("listen %s: %w", channel, err)
	}
	wake()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return true, fmt.Errorf("wait for a notification on %s: %w", channel, err)
		}
		wake()
	}
}
