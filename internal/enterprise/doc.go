// Package enterprise owns the sandbox business registry: enterprises (by
// tax code / enterprise code), their status and their legal representative's
// ID number, loaded from a data file (SANDBOX_BUSINESSES or the built-in
// businesses.json; format in ../shared/contract/running.md).
//
// A citizen acts for an enterprise whose legal representative's ID number is
// theirs (Act); everything of an enterprise is visible to that representative
// only. Its table is enterprises; other packages reach it through this API.
package enterprise
