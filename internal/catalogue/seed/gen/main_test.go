package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedFilesAreGenerated regenerates the seed and compares it with
// the committed files, so a hand edit of the JSON or a generator change
// without `go generate` is caught. It needs the administrative units file
// (DVC_UNITS_FILE), which is not in the repository.
func TestCommittedFilesAreGenerated(t *testing.T) {
	units := os.Getenv("DVC_UNITS_FILE")
	if units == "" {
		t.Skip("DVC_UNITS_FILE not set")
	}
	dir := t.TempDir()
	if err := run(units, dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"agencies.json", "categories.json", "services.json"} {
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output: run go generate ./internal/catalogue/seed", name)
		}
	}
}

func TestVND(t *testing.T) {
	for _, tc := range []struct {
		n    int
		sep  byte
		want string
	}{
		{0, '.', "0"}, {999, '.', "999"}, {1000, '.', "1.000"}, {1500000, '.', "1.500.000"}, {200000, ',', "200,000"},
	} {
		if got := vnd(tc.n, tc.sep); got != tc.want {
			t.Errorf("vnd(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{
		"Đăng ký khai sinh":              "đăng ký khai sinh",
		"BHYT học sinh":                  "BHYT học sinh",
		"Issuance of a passport":         "issuance of a passport",
		"ASEAN cross-border road permit": "ASEAN cross-border road permit",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
