// Package payment owns payments of obligations through a provider
// (internal/payment/provider): creation (idempotent by key, amounts locked,
// at most one unfinished and one successful payment per obligation enforced
// by partial unique indexes), the append-only event ledger, the provider's
// notifications and the browser's return (http.go), status queries and
// reconciliation (reconcile.go), the operator's settlement of payments in
// REVIEW (review.go: the rules of accepting and refunding them), refunds,
// receipts and the jobs that tell the citizen (SMS) and the agency
// (Source.Notify). Tables: payments,
// payment_items, payment_events, payment_receipts, payment_refunds,
// payment_discrepancies.
//
// Every status change is one transaction with its event and its jobs; only a
// verified provider notification or a status query moves a payment to a
// paid state, never the browser's return.
package payment
