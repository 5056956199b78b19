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
func (p *TestProvider) New(ctx context.Context) (Challenge, error) { return p.issue(ctx, nil) }

// NewGuarded issues a challenge showing TestAnswer under g (see Guard).
func (p *TestProvider) NewGuarded(ctx context.Context, g Guard) (Challenge, error) {
	return p.issue(ctx, &g)
}

// issue stores the challenge first, so a refused one renders nothing (not
// even the first time).
func (p *TestProvider) issue(ctx context.Context, g *Guard) (Challenge, error) {
	id, err := newID()
	if err != nil {
		return Challenge{}, err
	}
	expires, err := p.store.create(ctx, id, TestAnswer, g)
	if err != nil {
		return Challenge{}, err
	}
	p.once.Do(func() {
		p.img, p.wav, p.err = render("dvcportal-test-captcha", make([]byte, Length))
		p.imageURL, p.audioURL = PNGDataURL(p.img), WAVDataURL(p.wav)
	})
	if p.err != nil {
		return Challenge{}, p.err
	}
	return Challenge{ID: id, ImagePNG: p.img, AudioWAV: p.wav, ExpiresAt: expires,
		imageURL: p.imageURL, audioURL: p.audioURL}, nil
}

// Verify checks and consumes a challenge.
func (p *TestProvider) Verify(ctx context.Context, id, answer string) (bool, error) {
	return p.store.verify(ctx, id, answer, nil)
}

// VerifyGuarded checks and consumes a challenge under g (see Guard).
func (p *TestProvider) VerifyGuarded(ctx context.Context, id, answer string, g Guard) (bool, error) {
	return p.store.verify(ctx, id, answer, &g)
}
