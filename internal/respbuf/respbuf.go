// Package respbuf lends the GraphQL executor the buffer it writes an
// operation's data into. A transport that has written the data before its
// handler returns (internal/httpapi's postJSON) takes a buffer from the
// pool, lends it through the request's context (With) and gives it back
// after writing (Put): the executor (graph/generated, through
// internal/tools/gqlgenerate) then writes a page into memory that has
// already grown to a page's size, instead of growing a new buffer by
// doubling for every request. Without a lent buffer (every other transport)
// the executor gets a new one, as gqlgen's own code does.
package respbuf

import (
	"bytes"
	"context"
	"sync"
	"sync/atomic"
)

// maxKept bounds the buffers the pool keeps: one large answer does not pin
// its memory for every later request.
const maxKept = 1 << 20

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Get returns an empty buffer from the pool.
func Get() *bytes.Buffer {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// Put gives b back to the pool. Nothing may use b or the bytes it returned
// afterwards.
func Put(b *bytes.Buffer) {
	if b.Cap() <= maxKept {
		pool.Put(b)
	}
}

type key struct{}

// lent is a buffer lent once: an operation that asks twice (incremental
// delivery) gets new buffers after the first.
type lent struct {
	buf   *bytes.Buffer
	taken atomic.Bool
}

// With lends b to the executor that runs under ctx: From returns it, once.
// The caller owns b again when the executor's response has been written.
func With(ctx context.Context, b *bytes.Buffer) context.Context {
	return context.WithValue(ctx, key{}, &lent{buf: b})
}

// From returns the buffer lent under ctx, empty, the first time it is
// asked for; otherwise a new buffer.
func From(ctx context.Context) *bytes.Buffer {
	if l, ok := ctx.Value(key{}).(*lent); ok && l.taken.CompareAndSwap(false, true) {
		l.buf.Reset()
		return l.buf
	}
	return new(bytes.Buffer)
}
