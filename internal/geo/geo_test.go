package geo_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/i18n"
	"github.com/dvcportal/dvcportal/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// unitsFile is the shared reference data, beside the repository.
func unitsFile(t *testing.T) string {
	_, here, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "data", "vn-admin-units", "units-2026-07-25.json")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("reference data missing at %s: %v", p, err)
	}
	return p
}

func TestImportAndQuery(t *testing.T) {
	ctx := context.Background()
	s := geo.NewStore(pgtest.NewDB(t))
	if err := s.LoadProvinces(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadProvinces(ctx); err != nil {
		t.Fatalf("second load must be idempotent: %v", err)
	}
	ps, err := s.Provinces(ctx)
	if err != nil || len(ps) != 34 {
		t.Fatalf("provinces = %d, %v; want 34", len(ps), err)
	}
	// The checks read an in-memory snapshot: an import in this process
	// is seen by the next check (the snapshot below predates it).
	if got, err := s.WardInProvince(ctx, "00004", "01"); err != nil || got {
		t.Fatalf("before the import WardInProvince(00004, 01) = %v, %v; want false", got, err)
	}
	for code, want := range map[string]bool{"01": true, "79": true, "00": false, "1": false} {
		if got, err := s.ProvinceExists(ctx, code); err != nil || got != want {
			t.Errorf("ProvinceExists(%q) = %v, %v; want %v", code, got, err, want)
		}
	}
	if addr, err := s.FormatAddress(ctx, "01", "00004", "12 Đội Cấn", i18n.VI); err != nil || addr != "12 Đội Cấn, Thành phố Hà Nội" {
		t.Fatalf("before the import FormatAddress = %q, %v", addr, err)
	}
	f, err := os.Open(unitsFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	np, nw, err := s.ImportUnits(ctx, f)
	if err != nil || np != 34 || nw != 3321 {
		t.Fatalf("import = %d provinces %d wards, %v; want 34 and 3321", np, nw, err)
	}
	tests := []struct {
		ward, province string
		want           bool
	}{
		{"00004", "01", true},  // Ba Đình, Hà Nội
		{"00004", "79", false}, // a Hà Nội ward is not in Hồ Chí Minh City
		{"99999", "01", false},
		{"'; DROP TABLE geo_wards; --", "01", false},
	}
	for _, tt := range tests {
		got, err := s.WardInProvince(ctx, tt.ward, tt.province)
		if err != nil || got != tt.want {
			t.Errorf("WardInProvince(%q, %q) = %v, %v; want %v", tt.ward, tt.province, got, err, tt.want)
		}
	}
	addr, err := s.FormatAddress(ctx, "01", "00004", "12 Đội Cấn", i18n.VI)
	if err != nil || addr != "12 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội" {
		t.Fatalf("FormatAddress = %q, %v", addr, err)
	}
	if en, _ := s.FormatAddress(ctx, "01", "00004", "12 Doi Can", i18n.EN); !strings.Contains(en, "Ba Dinh Ward") {
		t.Fatalf("English address = %q", en)
	}
}

func TestImportRefusesBadRecords(t *testing.T) {
	ctx := context.Background()
	s := geo.NewStore(pgtest.NewDB(t))
	bad := []string{
		`not json`,
		`[{"code":"1","name":"X","wards":[]}]`,
		`[{"code":"01","name":"Hà Nội","wards":[{"code":"12","name":"W"}]}]`,
	}
	for _, b := range bad {
		if _, _, err := s.ImportUnits(ctx, strings.NewReader(b)); err == nil {
			t.Errorf("ImportUnits(%q) accepted", b)
		}
	}
	ps, _ := s.Provinces(ctx)
	if len(ps) != 0 {
		t.Fatalf("a refused file changed %d provinces", len(ps))
	}
}
