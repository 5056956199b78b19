package notify

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

// sealer encrypts message texts for the job queue (AES-256-GCM), so an OTP
// sits in the river_job table only as ciphertext.
type sealer struct {
	aead cipher.AEAD
}

// newSealer derives the key from the server secret (DVC_SECRET).
func newSealer(secret []byte) (*sealer, error) {
	if len(secret) < 16 {
		return nil, errors.New("notify: server secret shorter than 16 bytes")
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("dvcportal/notify/sms-text/v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("notify: sealing cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("notify: sealing cipher: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal returns base64(nonce || ciphertext); ref (the notification ID) is
// bound as additional data, so a sealed text cannot be moved to another job.
func (s *sealer) seal(text, ref string) (string, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal SMS text: %w", err)
	}
	out := s.aead.Seal(nonce, nonce, []byte(text), []byte(ref))
	return base64.RawStdEncoding.EncodeToString(out), nil
}

func (s *sealer) open(sealed, ref string) (string, error) {
	b, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errors.New("open SMS text: malformed")
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, b[:n], b[n:], []byte(ref))
	if err != nil {
		return "", errors.New("open SMS text: wrong key or tampered")
	}
	return string(plain), nil
}
