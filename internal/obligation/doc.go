// Package obligation owns what someone owes an agency (a tax payable, an
// electricity bill, a traffic fine, later an application fee): the
// obligations table, the sandbox obligations file (contract/running.md), the
// identifier rules of a citizen's lookup (identifiers.go, the one place they
// live), the quote (lines and amount due on a given day, with a fine's late
// charge), the agencies' push (upsert, cancel) and the Source interface that
// the payment package verifies and notifies through.
package obligation
