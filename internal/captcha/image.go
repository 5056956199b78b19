package captcha

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"math/big"

	dchest "github.com/dchest/captcha"
)

// Image size in pixels.
const (
	ImageWidth  = 240
	ImageHeight = 80
)

// ImageProvider issues six random digits drawn as a distorted PNG and read
// out as a WAV (English digits: the library has no Vietnamese voice).
type ImageProvider struct {
	store *store
}

// New issues a challenge.
func (p *ImageProvider) New(ctx context.Context) (Challenge, error) { return p.issue(ctx, nil) }

// NewGuarded issues a challenge under g (see Guard).
func (p *ImageProvider) NewGuarded(ctx context.Context, g Guard) (Challenge, error) {
	return p.issue(ctx, &g)
}

func (p *ImageProvider) issue(ctx context.Context, g *Guard) (Challenge, error) {
	digits, err := randomDigits(Length)
	if err != nil {
		return Challenge{}, err
	}
	return issue(ctx, p.store, digits, g)
}

// Verify checks and consumes a challenge.
func (p *ImageProvider) Verify(ctx context.Context, id, answer string) (bool, error) {
	return p.store.verify(ctx, id, answer, nil)
}

// VerifyGuarded checks and consumes a challenge under g (see Guard).
func (p *ImageProvider) VerifyGuarded(ctx context.Context, id, answer string, g Guard) (bool, error) {
	return p.store.verify(ctx, id, answer, &g)
}

// randomDigits returns n digits 0–9 from crypto/rand (uniform).
func randomDigits(n int) ([]byte, error) {
	d := make([]byte, n)
	ten := big.NewInt(10)
	for i := range d {
		v, err := rand.Int(rand.Reader, ten)
		if err != nil {
			return nil, fmt.Errorf("captcha digits: %w", err)
		}
		d[i] = byte(v.Int64())
	}
	return d, nil
}

// issue stores a challenge of digits (when g, if any, allows it), then
// renders it, so a refused challenge costs no rendering. A challenge whose
// rendering fails stays stored, unseen, until it expires.
func issue(ctx context.Context, s *store, digits []byte, g *Guard) (Challenge, error) {
	id, err := newID()
	if err != nil {
		return Challenge{}, err
	}
	expires, err := s.create(ctx, id, answerText(digits), g)
	if err != nil {
		return Challenge{}, err
	}
	img, wav, err := render(id, digits)
	if err != nil {
		return Challenge{}, err
	}
	return Challenge{ID: id, ImagePNG: img, AudioWAV: wav, ExpiresAt: expires}, nil
}

// render draws digits as a distorted PNG (the distortion seeded by seed) and
// reads them out as a WAV.
func render(seed string, digits []byte) (png, wav []byte, err error) {
	var img, audio bytes.Buffer
	if _, err := dchest.NewImage(seed, digits, ImageWidth, ImageHeight).WriteTo(&img); err != nil {
		return nil, nil, fmt.Errorf("captcha image: %w", err)
	}
	if _, err := dchest.NewAudio(seed, digits, "en").WriteTo(&audio); err != nil {
		return nil, nil, fmt.Errorf("captcha audio: %w", err)
	}
	return img.Bytes(), audio.Bytes(), nil
}

// answerText is digits (0–9) as the answer a citizen types.
func answerText(digits []byte) string {
	answer := make([]byte, len(digits))
	for i, d := range digits {
		answer[i] = '0' + d
	}
	return string(answer)
}
