package captcha

import "context"

// TestProvider issues challenges whose answer is always TestAnswer, for
// automated tests and sandboxes. Challenges are still stored, single use and
// expiring, exactly like the image provider's. NewProvider refuses it in
// production.
type TestProvider struct {
	store *store
}

// New issues a challenge showing TestAnswer.
func (p *TestProvider) New(ctx context.Context) (Challenge, error) {
	return issue(ctx, p.store, make([]byte, Length))
}

// Verify checks and consumes a challenge.
func (p *TestProvider) Verify(ctx context.Context, id, answer string) (bool, error) {
	return p.store.verify(ctx, id, answer)
}
