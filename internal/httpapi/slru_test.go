package httpapi

import (
	"fmt"
	"testing"
)

// TestSLRUKeepsHotEntriesUnderAStreamOfUniqueOnes: entries read twice
// survive any number of entries stored once, and the cache never holds more
// than its budget.
func TestSLRUKeepsHotEntriesUnderAStreamOfUniqueOnes(t *testing.T) {
	t.Parallel()
	const budget, cost = 100_000, 1_000
	c := newSLRU[int](budget)
	hot := []string{"page-1", "page-2", "page-3"}
	for i, k := range hot {
		c.add(k, i, cost)
		if _, ok := c.get(k); !ok {
			t.Fatalf("%s gone right after it was stored", k)
		}
	}
	for i := range 10_000 {
		c.add(fmt.Sprintf("unique-%d", i), i, cost)
		if got := c.bytes(); got > budget {
			t.Fatalf("after %d unique entries the cache holds %d bytes, budget %d", i+1, got, budget)
		}
	}
	for i, k := range hot {
		if v, ok := c.get(k); !ok || v != i {
			t.Errorf("get(%s) = %d, %v after a stream of unique entries; want %d, true", k, v, ok, i)
		}
	}
	if _, ok := c.get("unique-0"); ok {
		t.Error("the oldest unique entry is still there; want it evicted from probation")
	}
}

// TestSLRUBoundsProtectedAndRefusesHugeEntries: promoting more than the
// protected segment holds demotes the least recently used; an entry larger
// than the probation segment is not stored.
func TestSLRUBoundsProtectedAndRefusesHugeEntries(t *testing.T) {
	t.Parallel()
	c := newSLRU[int](10_000) // probation 2,000, protected 8,000
	c.add("huge", 1, 5_000)
	if _, ok := c.get("huge"); ok {
		t.Error("an entry larger than the probation segment was stored")
	}
	for i := range 20 {
		k := fmt.Sprint(i)
		c.add(k, i, 1_000)
		c.get(k)
		if got := c.bytes(); got > 10_000 {
			t.Fatalf("holds %d bytes after %d promotions, budget 10000", got, i+1)
		}
	}
	if _, ok := c.get("19"); !ok {
		t.Error("the most recently promoted entry is gone")
	}
	c.remove("19")
	if _, ok := c.get("19"); ok {
		t.Error("a removed entry is still there")
	}
}
