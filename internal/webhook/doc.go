// Package webhook owns signed deliveries to partner agencies: the
// transactional outbox (EnqueueTx stores a delivery and its River job in the
// caller's transaction), the River worker that POSTs the JSON body with an
// HMAC-SHA256 signature, retries with backoff on 5xx, timeouts and network
// errors, and keeps the deliveries of one subject (one application) in
// order, and Verify, which partners and tests use to check a signature.
//
// Its table is webhook_deliveries. Every attempt carries the same
// Idempotency-Key (and X-DVC-Delivery), so a partner that remembers the keys
// it has processed sees each delivery exactly once. Bodies hold personal data
// and are never logged; neither are secrets.
package webhook
