package obligation_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
