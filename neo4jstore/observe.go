package neo4jstore

import (
	"context"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// Observer is told of the transactions and statements the store runs and
// of the database's availability: package obs implements it with
// Prometheus metrics and OpenTelemetry spans. Kinds name what a
// transaction is for — the exported method of Store that ran it
// ("FindNodes", "WriteEdges", "Lineage", "Ping", ...) — a small closed set:
// never a statement's parameters.
type Observer interface {
	// Transaction is called as a transaction of kind starts; the function
	// it returns is called as it ends, with the attempts the driver made
	// (more than 1 when it retried) and the transaction's error.
	Transaction(kind string, write bool) (end func(attempts int, err error))
	// Statement is called as a statement of kind is sent within ctx; the
	// function it returns is called when its answer is read, with the
	// number of records and the error.
	Statement(ctx context.Context, kind string) (end func(records int, err error))
	// Available is called when the database is found unreachable (false)
	// and when it answers again (true).
	Available(up bool)
}

// Observe registers o to be told of every transaction and statement. It
// must be called before the store is used.
func (s *Store) Observe(o Observer) { s.observer = o }

// nopObserver is the observer of a store given none.
type nopObserver struct{}

func (nopObserver) Transaction(string, bool) func(int, error)          { return func(int, error) {} }
func (nopObserver) Statement(context.Context, string) func(int, error) { return func(int, error) {} }
func (nopObserver) Available(bool)                                     {}

// storePrefix is how the runtime names the methods of Store.
const storePrefix = "github.com/hemigraph/hemigraph/neo4jstore.(*Store)."

// callerKind names a transaction by the exported method of Store that
// runs it, found on the calling goroutine's stack: the purpose of the
// transaction, whichever helper (read, readStatement, inTx) sends it. It
// returns "other" when no exported method is on the stack. The name of a
// stack is remembered (kindCache): resolving frames to function names is
// most of the cost, and a server sends the same few stacks again and
// again.
func callerKind() string {
	var pcs [24]uintptr
	n := runtime.Callers(3, pcs[:])
	if k, ok := kindCache.Load(pcs); ok {
		return k.(string)
	}
	k := kindOf(pcs[:n])
	if kindCacheSize.Add(1) <= maxKindCache {
		kindCache.Store(pcs, k)
	}
	return k
}

// kindCache maps a stack ([24]uintptr, as callerKind takes it) to its
// kind; it holds at most maxKindCache stacks, which are code addresses:
// their number is bounded by the code, not by the requests.
var (
	kindCache     sync.Map
	kindCacheSize atomic.Int64
)

const maxKindCache = 4096

// kindOf names the stack pcs as callerKind does.
func kindOf(pcs []uintptr) string {
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if m, ok := strings.CutPrefix(f.Function, storePrefix); ok {
			if i := strings.IndexByte(m, '.'); i >= 0 {
				m = m[:i] // a closure within the method
			}
			if m != "" && unicode.IsUpper(rune(m[0])) {
				return m
			}
		}
		if !more {
			return "other"
		}
	}
}
