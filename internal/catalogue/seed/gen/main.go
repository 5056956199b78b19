// Command gen writes the seed catalogue (agencies.json, categories.json,
// services.json) from the tables in this directory. It is deterministic: the
// same tables and units file give byte-identical files.
//
// The BHXH offices (one per province) take the province names from the
// administrative units file, which is not part of the repository:
//
//	go run ./internal/catalogue/seed/gen -units /path/to/units-2026-07-25.json -out internal/catalogue/seed
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dvcportal/dvcportal/internal/catalogue/seed"
)

func main() {
	units := flag.String("units", os.Getenv("DVC_UNITS_FILE"), "administrative units file (JSON list of provinces with wards)")
	out := flag.String("out", ".", "directory to write the seed files into")
	flag.Parse()
	if err := run(*units, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(unitsFile, out string) error {
	if unitsFile == "" {
		return fmt.Errorf("no units file: pass -units or set DVC_UNITS_FILE")
	}
	provinces, err := readProvinces(unitsFile)
	if err != nil {
		return err
	}
	c := seed.Catalogue{Agencies: append(agencies(provinces), departmentsOfTrade(provinces)...), Categories: categories()}
	names := map[string]seed.Text{}
	for _, a := range c.Agencies {
		names[a.Code] = a.Name
	}
	c.Services = append(services(names), promotionServices(provinces)...)
	if err := c.Validate(); err != nil {
		return fmt.Errorf("generated catalogue is invalid: %w", err)
	}
	for name, v := range map[string]any{
		"agencies.json":   map[string]any{"agencies": c.Agencies},
		"categories.json": map[string]any{"categories": c.Categories},
		"services.json":   map[string]any{"services": c.Services},
	} {
		if err := write(filepath.Join(out, name), v); err != nil {
			return err
		}
	}
	return nil
}

func write(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
