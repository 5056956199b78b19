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
func (p *ImageProvider) New(ctx context.Context) (Challenge, error) {
	digits, err := randomDigits(Length)
	if err != nil {
		return Challenge{}, err
	}
	return issue(ctx, p.store, digits)
}

// Verify checks and consumes a challenge.
func (p *ImageProvider) Verify(ctx context.Context, id, answer string) (bool, error) {
	return p.store.verify(ctx, id, answer)
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

// issue renders digits, stores the challenge and returns it.
func issue(ctx context.Context, s *store, digits []byte) (Challenge, error) {
	id, err := newID()
	if err != nil {
		return Challenge{}, err
	}
	img, wav, err := render(id, digits)
	if err != nil {
		return Challenge{}, err
	}
	return store1(ctx, s, id, digits, img, wav)
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

// store1 stores the challenge id with the answer digits and returns it with
// its rendering.
func store1(ctx context.Context, s *store, id string, digits, img, wav []byte) (Challenge, error) {
	answer := make([]byte, len(digits))
	for i, d := range digits {
		answer[i] = '0' + d
	}
	expires, err := s.create(ctx, id, string(answer))
	if err != nil {
		return Challenge{}, err
	}
	return Challenge{ID: id, ImagePNG: img, AudioWAV: wav, ExpiresAt: expires}, nil
}
