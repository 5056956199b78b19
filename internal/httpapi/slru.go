package httpapi

import (
	"container/list"
	"sync"
)

// slru is a segmented LRU bounded by bytes: what is stored once goes to a
// small probation segment (a fifth of the budget) and only a second sighting
// (a hit) promotes it to the protected segment (the rest). A stream of
// requests seen once — one client's unique search terms, a crawler walking
// cursors — churns only the probation segment, so it cannot push out the
// pages everyone reads. Safe for concurrent use.
type slru[V any] struct {
	mu           sync.Mutex
	probationMax int64
	protectedMax int64
	items        map[string]*list.Element
	probation    list.List // front = most recently used
	protected    list.List
	probBytes    int64
	protBytes    int64
}

type slruItem[V any] struct {
	key       string
	val       V
	cost      int64
	protected bool
}

// newSLRU returns a cache holding at most budget bytes (as costed by add).
func newSLRU[V any](budget int64) *slru[V] {
	prob := max(budget/5, 1)
	return &slru[V]{probationMax: prob, protectedMax: budget - prob, items: map[string]*list.Element{}}
}

// get returns the value stored under key and counts the sighting: an item
// on probation is promoted.
func (c *slru[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hit(c.items[key])
}

// getBytes is get for a key held in bytes: the lookup does not copy it
// into a string.
func (c *slru[V]) getBytes(key []byte) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hit(c.items[string(key)])
}

// hit counts a sighting of e (nil: not stored); c.mu is held.
func (c *slru[V]) hit(e *list.Element) (V, bool) {
	if e == nil {
		var zero V
		return zero, false
	}
	it := e.Value.(*slruItem[V])
	if it.protected {
		c.protected.MoveToFront(e)
		return it.val, true
	}
	c.probation.Remove(e)
	c.probBytes -= it.cost
	it.protected = true
	c.items[it.key] = c.protected.PushFront(it)
	c.protBytes += it.cost
	// The protected segment's least recently used items go back on
	// probation (a second chance), whose overflow leaves the cache.
	for c.protBytes > c.protectedMax {
		back := c.protected.Back()
		old := back.Value.(*slruItem[V])
		c.protected.Remove(back)
		c.protBytes -= old.cost
		old.protected = false
		c.items[old.key] = c.probation.PushFront(old)
		c.probBytes += old.cost
	}
	c.trimProbation()
	return it.val, true
}

// add stores val under key at cost bytes, on probation (or in place when
// key is stored already). An item larger than the probation segment is not
// stored.
func (c *slru[V]) add(key string, val V, cost int64) {
	if cost > c.probationMax {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		it := e.Value.(*slruItem[V])
		if it.protected {
			c.protBytes += cost - it.cost
		} else {
			c.probBytes += cost - it.cost
		}
		it.val, it.cost = val, cost
		c.trimProbation()
		return
	}
	c.items[key] = c.probation.PushFront(&slruItem[V]{key: key, val: val, cost: cost})
	c.probBytes += cost
	c.trimProbation()
}

// remove drops key.
func (c *slru[V]) remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return
	}
	it := e.Value.(*slruItem[V])
	if it.protected {
		c.protected.Remove(e)
		c.protBytes -= it.cost
	} else {
		c.probation.Remove(e)
		c.probBytes -= it.cost
	}
	delete(c.items, key)
}

func (c *slru[V]) trimProbation() {
	for c.probBytes > c.probationMax {
		back := c.probation.Back()
		if back == nil {
			return
		}
		old := back.Value.(*slruItem[V])
		c.probation.Remove(back)
		c.probBytes -= old.cost
		delete(c.items, old.key)
	}
	// An update in place may have grown the protected segment.
	for c.protBytes > c.protectedMax {
		back := c.protected.Back()
		old := back.Value.(*slruItem[V])
		c.protected.Remove(back)
		c.protBytes -= old.cost
		delete(c.items, old.key)
	}
}

// bytes is what the cache holds now (for tests and metrics).
func (c *slru[V]) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.probBytes + c.protBytes
}
