package httpapi

import (
	"context"
	"strings"
	"testing"
)

// TestByteLRUBoundedByBytes (issue 14, finding 16): the persisted-query
// cache holds at most its bound in bytes, dropping the least recently used.
func TestByteLRUBoundedByBytes(t *testing.T) {
	ctx := context.Background()
	c := newByteLRU(100)
	doc := strings.Repeat("x", 29) // 30 bytes with its one-byte key
	c.Add(ctx, "a", doc)
	c.Add(ctx, "b", doc)
	c.Add(ctx, "c", doc)
	if _, ok := c.Get(ctx, "a"); !ok { // a is now the most recent
		t.Fatal("a dropped before the bound was reached")
	}
	c.Add(ctx, "d", doc) // 120 bytes: the least recent (b) goes
	if _, ok := c.Get(ctx, "b"); ok {
		t.Error("b kept past the bound")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.Get(ctx, k); !ok {
			t.Errorf("%s dropped", k)
		}
	}
	if c.bytes > 100 {
		t.Errorf("holds %d bytes, bound 100", c.bytes)
	}
	c.Add(ctx, "big", strings.Repeat("x", 200))
	if _, ok := c.Get(ctx, "big"); ok || c.bytes > 100 {
		t.Errorf("an entry larger than the bound was stored (%d bytes held)", c.bytes)
	}
}
