package resolvers

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// relLoader answers the relation fields of one request. Most are found in
// its read-ahead cache, which the root fields fill with the relations their
// statement read (see expand.go). The others are batched: the fields of
// the same shape (types, direction, first) asked for many nodes at one
// level of a query are answered by one Store.Relations statement. gqlgen
// resolves the fields of list elements concurrently, so calls that arrive
// within wait of the first one join its batch.
type relLoader struct {
	store    Store
	wait     time.Duration
	maxBatch int

	mu       sync.Mutex
	pending  map[string]*relBatch
	prefetch query.Prefetch
}

type relBatch struct {
	q    query.RelQuery
	ids  []string
	done chan struct{}
	res  map[string][]hemigraph.Relation
	err  error
}

type loaderKey struct{}

// WithLoaders returns a context carrying the per-request batching loaders.
// The HTTP handler calls it once per request.
func WithLoaders(ctx context.Context, s Store) context.Context {
	return context.WithValue(ctx, loaderKey{}, &relLoader{
		store: s, wait: 500 * time.Microsecond, maxBatch: 500, pending: map[string]*relBatch{},
		prefetch: query.Prefetch{},
	})
}

// relationsOf returns the relations of id selected by q, through the
// request's loader when there is one.
func (r *Resolver) relationsOf(ctx context.Context, id string, q query.RelQuery) ([]hemigraph.Relation, error) {
	l, ok := ctx.Value(loaderKey{}).(*relLoader)
	if !ok {
		m, err := r.Store.Relations(ctx, []string{id}, q)
		return m[id], err
	}
	return l.load(ctx, id, q)
}

// prime stores relations read ahead by a root field's statement in the
// request's cache, where the relation fields find them.
func prime(ctx context.Context, pf query.Prefetch) {
	l, ok := ctx.Value(loaderKey{}).(*relLoader)
	if !ok || len(pf) == 0 {
		return
	}
	l.mu.Lock()
	l.prefetch.Merge(pf)
	l.mu.Unlock()
}

func (l *relLoader) load(ctx context.Context, id string, q query.RelQuery) ([]hemigraph.Relation, error) {
	key := q.Key()
	need := printedByField(ctx)
	l.mu.Lock()
	if rels, ok := l.prefetch.Get(id, q, need); ok {
		l.mu.Unlock()
		return rels, nil
	}
	b := l.pending[key]
	if b == nil {
		b = &relBatch{q: q, done: make(chan struct{})}
		l.pending[key] = b
		time.AfterFunc(l.wait, func() { l.dispatch(ctx, key, b) })
	}
	if !slices.Contains(b.ids, id) {
		b.ids = append(b.ids, id)
	}
	full := len(b.ids) >= l.maxBatch
	l.mu.Unlock()
	if full {
		l.dispatch(ctx, key, b)
	}
	select {
	case <-b.done:
		return b.res[id], b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// dispatch sends batch b once, whichever of the timer and a full batch
// comes first.
func (l *relLoader) dispatch(ctx context.Context, key string, b *relBatch) {
	l.mu.Lock()
	if l.pending[key] != b {
		l.mu.Unlock()
		return // already sent
	}
	delete(l.pending, key)
	ids := b.ids
	l.mu.Unlock()
	b.res, b.err = l.store.Relations(ctx, ids, b.q)
	close(b.done)
}
