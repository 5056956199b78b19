package captcha

import (
	"context"
	"sync"
)

// TestProvider issues challenges whose answer is always TestAnswer, for
// automated tests and sandboxes. Challenges are still stored, single use and
// expiring, exactly like the image provider's. NewProvider refuses it in
// production.
//
// Its picture and sound are the same for every challenge (they always show
// TestAnswer), so they are rendered once per process: the WAV and PNG took
// most of a login's CPU outside argon2 in the load benchmark.
type TestProvider struct {
	store *store

	once               sync.Once
	img, wav           []byte
	imageURL, audioURL string // their data: URLs, encoded once too
	err                error
}

// New issues a challenge showing TestAnswer.
func (p *TestProvider) New(ctx context.Context) (Challenge, error) {
	digits := make([]byte, Length)
	p.once.Do(func() {
		p.img, p.wav, p.err = render("dvcportal-test-captcha", digits)
		p.imageURL, p.audioURL = PNGDataURL(p.img), WAVDataURL(p.wav)
	})
	if p.err != nil {
		return Challenge{}, p.err
	}
	id, err := newID()
	if err != nil {
		return Challenge{}, err
	}
	c, err := store1(ctx, p.store, id, digits, p.img, p.wav)
	c.imageURL, c.audioURL = p.imageURL, p.audioURL
	return c, err
}

// Verify checks and consumes a challenge.
func (p *TestProvider) Verify(ctx context.Context, id, answer string) (bool, error) {
	return p.store.verify(ctx, id, answer)
}
