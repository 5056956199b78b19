package pgtest_test

import (
	"testing"

	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestDatabasesAreIsolatedAndMigrated(t *testing.T) {
	a, b := pgtest.NewDB(t), pgtest.NewDB(t)
	if _, err := a.Exec(`INSERT INTO geo_provinces VALUES ('01','Hà Nội','Hanoi','Thành phố Hà Nội','Hanoi City')`); err != nil {
		t.Fatalf("migrated table missing: %v", err)
	}
	var n int
	if err := b.Get(&n, `SELECT count(*) FROM geo_provinces`); err != nil || n != 0 {
		t.Fatalf("second database sees %d rows (%v): not isolated", n, err)
	}
	if err := a.Get(&n, `SELECT count(*) FROM river_job`); err != nil {
		t.Fatalf("river tables missing: %v", err)
	}
}
