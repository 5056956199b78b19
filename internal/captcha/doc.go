// Package captcha owns the captcha challenges that guard login, registration
// and submission: issuing a challenge (a PNG image and a WAV audio of six
// digits), and verifying an answer exactly once. Challenges live in
// PostgreSQL (table captcha_challenges) so any process can verify what
// another issued; only a hash of the answer is stored.
//
// The table is UNLOGGED (migration 00111): a challenge lives for minutes,
// so issuing and consuming one writes no WAL and waits for no disk flush. A
// PostgreSQL crash or a failover empties the table; the challenges open at
// that moment are refused as unknown and the citizen asks for a new one. A
// consumed challenge cannot reappear, since the crash removes every row.
//
// A caller may put a condition (a Guard, such as a rate limit) on issuing a
// challenge or on consuming one; it is checked by the one statement that
// stores or consumes the challenge.
//
// Two providers share the store: "image" (the real one) and "test", which
// always asks for TestAnswer and is refused in production.
package captcha
