package respbuf

import (
	"bytes"
	"context"
	"testing"
)

// The executor gets the lent buffer once, emptied; a second ask and a
// context without one get new buffers.
func TestFromLendsTheBufferOnce(t *testing.T) {
	t.Parallel()
	lent := Get()
	lent.WriteString("left over")
	ctx := With(context.Background(), lent)
	if got := From(ctx); got != lent || got.Len() != 0 {
		t.Fatalf("first From: got %p with %d bytes, want the lent buffer %p, empty", got, got.Len(), lent)
	}
	if got := From(ctx); got == lent {
		t.Errorf("second From returned the lent buffer again; want a new one")
	}
	if got := From(context.Background()); got == nil || got == lent {
		t.Errorf("From without a lent buffer: got %p, want a new buffer", got)
	}
}

// The pool hands out empty buffers and does not keep very large ones.
func TestPoolKeepsNoLargeBuffers(t *testing.T) {
	t.Parallel()
	b := Get()
	b.WriteString("x")
	Put(b)
	if got := Get(); got.Len() != 0 {
		t.Errorf("Get: %d bytes, want an empty buffer", got.Len())
	}
	large := bytes.NewBuffer(make([]byte, 0, maxKept+1))
	Put(large)
	for range 100 {
		if Get() == large {
			t.Fatalf("the pool kept a buffer of %d bytes (max %d)", large.Cap(), maxKept)
		}
	}
}
