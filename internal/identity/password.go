package identity

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the argon2id cost parameters. The defaults follow OWASP's
// recommendation: 19 MiB, two passes, one lane.
type Argon2Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	SaltLen   int
	KeyLen    uint32
}

// DefaultArgon2Params is m=19 MiB, t=2, p=1 with a 16-byte salt and a 32-byte key.
var DefaultArgon2Params = Argon2Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// PasswordHasher hashes and verifies passwords with argon2id, storing them as
// PHC strings ($argon2id$v=19$m=...,t=...,p=...$salt$hash). A semaphore
// bounds the hashes computed at once, so a burst of logins queues instead of
// exhausting memory.
type PasswordHasher struct {
	params Argon2Params
	sem    chan struct{}
	dummy  string
}

// NewPasswordHasher returns a hasher with params that computes at most
// maxConcurrent hashes at once (GOMAXPROCS when maxConcurrent < 1).
func NewPasswordHasher(params Argon2Params, maxConcurrent int) (*PasswordHasher, error) {
	if maxConcurrent < 1 {
		maxConcurrent = runtime.GOMAXPROCS(0)
	}
	h := &PasswordHasher{params: params, sem: make(chan struct{}, maxConcurrent)}
	// The dummy hash makes a login for an unknown ID number cost one full
	// verification, like a login for a known one.
	random := make([]byte, 32)
	if _, err := rand.Read(random); err != nil {
		return nil, fmt.Errorf("dummy password: %w", err)
	}
	dummy, err := h.Hash(context.Background(), base64.RawStdEncoding.EncodeToString(random))
	if err != nil {
		return nil, fmt.Errorf("dummy password hash: %w", err)
	}
	h.dummy = dummy
	return h, nil
}

func (h *PasswordHasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for a password hashing slot: %w", ctx.Err())
	}
}

func (h *PasswordHasher) release() { <-h.sem }

// Hash returns the PHC string of password with a fresh random salt.
func (h *PasswordHasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.params.Time, h.params.MemoryKiB, h.params.Threads, h.params.KeyLen)
	h.release()
	return encodePHC(h.params, salt, key), nil
}

// Verify reports whether password matches the PHC string phc. An empty phc
// (no such account) is verified against the dummy hash, at the same cost, and
// never matches.
func (h *PasswordHasher) Verify(ctx context.Context, phc, password string) (bool, error) {
	known := phc != ""
	if !known {
		phc = h.dummy
	}
	p, salt, want, err := decodePHC(phc)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	h.release()
	return known && subtle.ConstantTimeCompare(got, want) == 1, nil
}

func encodePHC(p Argon2Params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

var errBadPHC = errors.New("malformed argon2id PHC string")

func decodePHC(s string) (Argon2Params, []byte, []byte, error) {
	var p Argon2Params
	parts := strings.Split(s, "$")
	// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadPHC
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errBadPHC
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadPHC
	}
	if p.MemoryKiB == 0 || p.Time == 0 || p.Threads == 0 {
		return p, nil, nil, errBadPHC
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil || len(salt) == 0 {
		return p, nil, nil, errBadPHC
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(key) == 0 {
		return p, nil, nil, errBadPHC
	}
	p.SaltLen, p.KeyLen = len(salt), uint32(len(key))
	return p, salt, key, nil
}
