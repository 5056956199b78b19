package notify

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// CheckFunc reports whether the message about subject is still worth
// sending (an OTP whose challenge is still open with this code, say).
type CheckFunc func(ctx context.Context, subject string) (current bool, err error)

// Checks holds, per subject prefix (the part of SMS.Subject before the first
// ':'), the check the worker runs before each attempt. The area that owns
// the subject registers it during wiring; the worker is created before.
type Checks struct {
	mu sync.RWMutex
	m  map[string]CheckFunc
}

// NewChecks returns an empty set of checks.
func NewChecks() *Checks { return &Checks{m: map[string]CheckFunc{}} }

// Register makes fn the check of subjects "prefix:…".
func (c *Checks) Register(prefix string, fn CheckFunc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[prefix] = fn
}

// current runs the check of subject; a message with no subject, or one
// whose prefix has no check, is current.
func (c *Checks) current(ctx context.Context, subject string) (bool, error) {
	if c == nil || subject == "" {
		return true, nil
	}
	prefix, _, _ := strings.Cut(subject, ":")
	c.mu.RLock()
	fn := c.m[prefix]
	c.mu.RUnlock()
	if fn == nil {
		return true, nil
	}
	ok, err := fn(ctx, subject)
	if err != nil {
		return false, fmt.Errorf("check whether SMS about %s is current: %w", prefix, err)
	}
	return ok, nil
}
