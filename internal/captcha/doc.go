// Package captcha owns the captcha challenges that guard login, registration
// and submission: issuing a challenge (a PNG image and a WAV audio of six
// digits), and verifying an answer exactly once. Challenges live in
// PostgreSQL (table captcha_challenges) so any process can verify what
// another issued; only a hash of the answer is stored.
//
// Two providers share the store: "image" (the real one) and "test", which
// always asks for TestAnswer and is refused in production.
package captcha
