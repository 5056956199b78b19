// Package population owns the population (identity) registry: the national
// population and Social Security data that citizen registration is checked
// against (ID
// number, name, date of birth, gender, phone on record, social insurance
// code, address and health insurance card).
//
// A real deployment reaches the registry over the network behind the
// Registry interface. Sandbox is the implementation kept in PostgreSQL
// (table registry_persons) and loaded from a personas file: the one named by
// SANDBOX_PERSONAS, or the built-in personas.json (see README.md for the
// personas tests can rely on). The package also owns the personas file
// format (ParsePersonasFile) and the rule for comparing names (MatchName).
package population
