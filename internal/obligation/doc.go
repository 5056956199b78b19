// Package obligation owns what someone owes an agency (a tax payable, an
// electricity bill, a traffic fine, later an application fee): the
// obligations table, the sandbox obligations file (contract/running.md), the
// lookup of each kind with its identifiers' validate tags (identifiers.go;
// the rules themselves are vnid functions behind internal/validate), the
// quote (lines and amount due on a given day, with a fine's late charge),
// the agencies' push (upsert, cancel; its input's rules are the validate
// tags of PushInput, Line and Payee and of the push as a list: 1 to 100
// obligations of 1 to 50 lines, each reference once; push.go) and the
// Source interface that the payment package verifies and notifies through.
package obligation
