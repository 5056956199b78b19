package apperr

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dvcportal/dvcportal/internal/i18n"
)

func TestAsUserErrorsThroughWrapping(t *testing.T) {
	err := fmt.Errorf("submit: %w", Invalid(Field(CodeRequired, i18n.T("Bắt buộc", "Required"), "delivery", "wardCode")))
	ues, ok := AsUserErrors(err)
	if !ok || len(ues) != 1 || ues[0].Code != CodeRequired || ues[0].Field[1] != "wardCode" {
		t.Fatalf("AsUserErrors = %v, %v", ues, ok)
	}
	if Invalid() != nil {
		t.Fatal("Invalid() with no errors must be nil")
	}
	if _, ok := AsUserErrors(errors.New("plain")); ok {
		t.Fatal("a plain error carries no user errors")
	}
}

func TestCodeOfAndRateLimit(t *testing.T) {
	if c, ok := CodeOf(fmt.Errorf("x: %w", ErrForbidden)); !ok || c != Forbidden {
		t.Fatalf("CodeOf = %v %v", c, ok)
	}
	if RateLimit(10*time.Millisecond).RetryAfter != time.Second {
		t.Fatal("retry-after must be at least a second")
	}
}
