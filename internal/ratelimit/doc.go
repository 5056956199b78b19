// Package ratelimit owns the request counters that limit logins,
// registrations, OTPs, captchas and submissions per IP and per account.
// The counters live in PostgreSQL (table rate_limits), so every API process
// counts against the same limit.
//
// The algorithm is a fixed window: the first event for a key opens a window
// of the given length; events are counted until it ends, then the next event
// opens a new one. One INSERT … ON CONFLICT DO UPDATE … RETURNING counts and
// answers atomically, so concurrent callers in any number of processes never
// exceed the limit. (A fixed window lets a client spend up to twice the limit
// across a window boundary; the limits here are set with that in mind.)
//
// Keys never contain raw personal data: build them with Key, which hashes
// the identifying value. Expired rows are deleted opportunistically by Allow
// and by Prune.
//
// The table is UNLOGGED (migration 00121): a counter is a throttle, not a
// record, so counting writes no WAL and its commit does not wait for a disk
// flush. The price: a PostgreSQL crash (not a clean restart) or a failover to
// a standby empties the table, and every window starts again. What must
// survive a crash does not live here: the account lockout after repeated
// failures (identity_auth_failures, identity_accounts.locked_until) and the
// OTP attempt counter are in logged tables.
package ratelimit
