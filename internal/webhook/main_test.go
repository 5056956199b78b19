package webhook

import (
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// newTestDB is a fresh database with every migration applied.
func newTestDB(t testing.TB) *sqlx.DB { return pgtest.NewDB(t) }
