package jobs_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/riverqueue/river"
)

// startClient starts client and, when the test ends, stops it (waiting up
// to 5 s for its jobs) and then runs after, in order (a listener to close).
func startClient(ctx context.Context, t *testing.T, client *river.Client[*sql.Tx], after ...func()) {
	t.Helper()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = client.Stop(sctx)
		for _, f := range after {
			f()
		}
	})
}
