package httpapi

import (
	"container/list"
	"context"
	"fmt"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dvcportal/dvcportal/internal/apperr"
)

// Automatic persisted queries (Apollo's protocol, gqlgen's extension) are
// held for strangers, so they are bounded by bytes: a registration of a
// document over maxPersistedQueryBytes (the contract's operations are under
// 1 KB each) or of one that does not parse is refused and not stored, and
// the cache keeps at most persistedQueryCacheBytes of documents, least
// recently used first out.
const (
	maxPersistedQueryBytes   = 8 << 10
	persistedQueryCacheBytes = 4 << 20
)

// persistedQueries is gqlgen's APQ extension behind a check of what it may
// store.
type persistedQueries struct {
	apq extension.AutomaticPersistedQuery
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = persistedQueries{}

func newPersistedQueries() persistedQueries {
	return persistedQueries{apq: extension.AutomaticPersistedQuery{Cache: newByteLRU(persistedQueryCacheBytes)}}
}

// ExtensionName implements graphql.HandlerExtension.
func (p persistedQueries) ExtensionName() string { return p.apq.ExtensionName() }

// Validate implements graphql.HandlerExtension.
func (p persistedQueries) Validate(es graphql.ExecutableSchema) error { return p.apq.Validate(es) }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (p persistedQueries) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	if raw.Extensions["persistedQuery"] != nil && raw.Query != "" {
		if len(raw.Query) > maxPersistedQueryBytes {
			return badInput(fmt.Sprintf("a persisted query may be at most %d bytes; send this document without extensions.persistedQuery", maxPersistedQueryBytes))
		}
		if _, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: raw.Query}, ParserTokenLimit); err != nil {
			return badInput("the persisted query does not parse: " + err.Error())
		}
	}
	return p.apq.MutateOperationParameters(ctx, raw)
}

func badInput(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": string(apperr.BadUserInput)}
	return err
}

// byteLRU is a graphql.Cache of strings bounded by the bytes of its keys
// and values; the least recently used entries leave first.
type byteLRU struct {
	mu    sync.Mutex
	max   int
	bytes int
	order *list.List // front = most recent; values are *byteEntry
	items map[string]*list.Element
}

type byteEntry struct{ key, value string }

func newByteLRU(maxBytes int) *byteLRU {
	return &byteLRU{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

// Get implements graphql.Cache.
func (c *byteLRU) Get(_ context.Context, key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*byteEntry).value, true
}

// Add implements graphql.Cache. An entry larger than the whole bound is
// not stored.
func (c *byteLRU) Add(_ context.Context, key, value string) {
	size := len(key) + len(value)
	if size > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.remove(e)
	}
	c.items[key] = c.order.PushFront(&byteEntry{key: key, value: value})
	c.bytes += size
	for c.bytes > c.max {
		c.remove(c.order.Back())
	}
}

func (c *byteLRU) remove(e *list.Element) {
	be := c.order.Remove(e).(*byteEntry)
	delete(c.items, be.key)
	c.bytes -= len(be.key) + len(be.value)
}
