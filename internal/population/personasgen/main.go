// Command personasgen writes the built-in sandbox personas file of package
// registry (internal/population/personas.json) from the administrative units
// file, deterministically: the same seed and units file give the same bytes.
//
//	go run ./internal/population/personasgen \
//	    -units /work/shared/data/vn-admin-units/units-2026-07-25.json \
//	    -out internal/population/personas.json
//
// persons[0] is the example person of contract/running.md; persons[1..5] are
// hand-picked cases documented in internal/population/README.md; the rest are
// generated with valid ID numbers, phones, social insurance codes, real
// province and ward codes, about 20 without a card and about 20 with an
// expired card.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
)

func main() {
	units := flag.String("units", "", "administrative units JSON file (units-YYYY-MM-DD.json)")
	out := flag.String("out", "internal/population/personas.json", "personas file to write")
	n := flag.Int("n", 240, "number of persons")
	seed := flag.Uint64("seed", 20260725, "random seed")
	flag.Parse()
	if *units == "" {
		log.Fatal("personasgen: -units is required")
	}
	if err := run(*units, *out, *n, *seed); err != nil {
		log.Fatalf("personasgen: %v", err)
	}
}

func run(unitsPath, outPath string, n int, seed uint64) error {
	provinces, err := readUnits(unitsPath)
	if err != nil {
		return err
	}
	g := newGenerator(provinces, seed)
	persons, err := g.persons(n)
	if err != nil {
		return err
	}
	f, err := os.Create(outPath)
	if err != nil {
		return fmt.Errorf("create %s: %w", outPath, err)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(personasFile{Persons: persons}); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", outPath, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", outPath, err)
	}
	log.Printf("personasgen: wrote %d persons to %s", len(persons), outPath)
	return nil
}
