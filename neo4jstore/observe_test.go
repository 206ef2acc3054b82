package neo4jstore_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/query"
)

// kinds records what the store reports to its observer.
type kinds struct {
	mu          sync.Mutex
	tx, stmts   []string
	inFlight    int
	maxInFlight int
}

func (k *kinds) Transaction(kind string, write bool) func(int, error) {
	k.mu.Lock()
	k.tx = append(k.tx, kind)
	k.inFlight++
	k.maxInFlight = max(k.maxInFlight, k.inFlight)
	k.mu.Unlock()
	return func(int, error) {
		k.mu.Lock()
		k.inFlight--
		k.mu.Unlock()
	}
}

func (k *kinds) Statement(ctx context.Context, kind string) func(int, error) {
	k.mu.Lock()
	k.stmts = append(k.stmts, kind)
	k.mu.Unlock()
	return func(int, error) {}
}

func (k *kinds) Available(bool) {}

// TestObserverKinds checks that each transaction and statement is
// reported under the Store method that ran it.
func TestObserverKinds(t *testing.T) {
	s := neo4jtest.Open(t)
	k := &kinds{}
	s.Observe(k)
	ctx := context.Background()
	if _, err := s.WriteNodes(ctx, []hemigraph.Node{{ID: "ag-res-1", Kind: hemigraph.KindResolution, Title: "A"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindNodes(ctx, query.FindQuery{Label: "Entity", First: 5}); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lineage(ctx, query.LineageQuery{ID: "ag-res-1", MaxDepth: 2, Limit: 10}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"WriteNodes", "FindNodes", "Ping", "Lineage"} {
		if !slices.Contains(k.tx, want) || !slices.Contains(k.stmts, want) {
			t.Errorf("kind %s not reported: transactions %v, statements %v", want, k.tx, k.stmts)
		}
	}
	if slices.Contains(k.tx, "other") || k.inFlight != 0 {
		t.Errorf("transactions %v, %d still in flight", k.tx, k.inFlight)
	}
}
