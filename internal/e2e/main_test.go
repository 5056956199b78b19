// Package e2e_test holds the end-to-end API tests: the contract operations
// sent over real HTTP to the real handler on a real PostgreSQL, one file per
// area.
package e2e_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
