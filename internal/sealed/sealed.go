// Package sealed owns encryption at rest of the few secrets the portal must
// keep readable (SMS texts in the job queue, partner webhook signing keys):
// AES-256-GCM under a key derived from the server secret (DVC_SECRET) and a
// purpose, so a database dump alone reveals none of them.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
)

// Box seals and opens values for one purpose.
type Box struct {
	aead cipher.AEAD
}

// New derives the key of purpose (e.g. "dvcportal/notify/sms-text/v1") from
// the server secret.
func New(secret []byte, purpose string) (*Box, error) {
	if len(secret) < 16 {
		return nil, errors.New("sealed: server secret shorter than 16 bytes")
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(purpose))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("sealed: cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("sealed: cipher: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Seal returns base64(nonce || ciphertext); ref (what the value belongs to,
// e.g. a notification ID) is bound as additional data, so a sealed value
// cannot be moved to another row.
func (b *Box) Seal(plain, ref string) (string, error) {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	out := b.aead.Seal(nonce, nonce, []byte(plain), []byte(ref))
	return base64.RawStdEncoding.EncodeToString(out), nil
}

// Open returns the value sealed for ref. A wrong key, another ref or a
// tampered value is an error that says so without the value.
func (b *Box) Open(sealed, ref string) (string, error) {
	raw, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", errors.New("open sealed value: malformed")
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(ref))
	if err != nil {
		return "", errors.New("open sealed value: wrong key, wrong reference or tampered")
	}
	return string(plain), nil
}
