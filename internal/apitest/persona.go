package apitest

import (
	"fmt"
	"sync"
	"time"

	"github.com/dvcportal/dvcportal/internal/population"
)

// The sandbox personas every test server loads (registry/personas.json),
// found by name or by trait rather than copied into tests.

var builtinPersonas = sync.OnceValues(population.BuiltinPersonas)

// Personas returns the built-in sandbox personas, in file order.
func Personas() []population.Person {
	ps, err := builtinPersonas()
	if err != nil {
		panic(fmt.Sprintf("apitest: %v", err))
	}
	return append([]population.Person(nil), ps...)
}

// PersonaNamed returns the sandbox persona with this full name; it panics
// when there is none (the sandbox file is part of the build).
func PersonaNamed(fullName string) population.Person {
	for _, p := range Personas() {
		if p.FullName == fullName {
			return p
		}
	}
	panic(fmt.Sprintf("apitest: no sandbox persona named %q", fullName))
}

// Trait is what a test needs of a persona.
type Trait struct {
	Name string
	Has  func(p population.Person, today time.Time) bool
}

// The traits tests ask for.
var (
	ValidCard = Trait{"with a valid health insurance card", func(p population.Person, today time.Time) bool {
		return p.Card != nil && !today.Before(p.Card.ValidFrom) && !today.After(p.Card.ValidTo)
	}}
	ExpiredCard = Trait{"with an expired health insurance card", func(p population.Person, today time.Time) bool { return p.Card != nil && today.After(p.Card.ValidTo) }}
	NoCard      = Trait{"without a health insurance card", func(p population.Person, _ time.Time) bool { return p.Card == nil }}
)

// PersonaWith returns the first sandbox persona with the trait (today's date
// in UTC); it panics when there is none.
func PersonaWith(tr Trait) population.Person {
	now := time.Now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for _, p := range Personas() {
		if tr.Has(p, today) {
			return p
		}
	}
	panic(fmt.Sprintf("apitest: no sandbox persona %s", tr.Name))
}
