// Package e2e_test holds the end-to-end API tests: the real HTTP handler
// (internal/apitest) over a fresh PostgreSQL database per test, one file per
// area, plus the Node-based federation and GraphQL-over-HTTP checks and the
// catalogue benchmarks.
package e2e_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
