package neo4jstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/query"
)

// attemptsSeen records the attempts the store reports per transaction.
type attemptsSeen struct {
	mu       sync.Mutex
	attempts []int
}

func (a *attemptsSeen) Transaction(string, bool) func(int, error) {
	return func(n int, _ error) {
		a.mu.Lock()
		a.attempts = append(a.attempts, n)
		a.mu.Unlock()
	}
}
func (a *attemptsSeen) Statement(context.Context, string) func(int, error) {
	return func(int, error) {}
}
func (a *attemptsSeen) Available(bool) {}

// TestReadAutoCommitFallback checks how a single-statement read is sent:
// first as an auto-commit transaction; when that attempt fails with an
// error the driver would retry, once more in a managed transaction, which
// answers; any other error is the read's. A multi-statement read (the
// lineage) never takes the auto-commit path.
func TestReadAutoCommitFallback(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := s.WriteNodes(ctx, []hemigraph.Node{{ID: "ag-res-1", Kind: hemigraph.KindResolution, Title: "A"}}); err != nil {
		t.Fatal(err)
	}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "injected"}
	for _, c := range []struct {
		name         string
		fault        error
		wantErr      error // nil: the read answers
		wantAttempts int
		wantSent     int // statements that reached the server
	}{
		{"no fault: one auto-commit attempt", nil, nil, 1, 1},
		{"cluster error: managed transaction answers", &neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader", Msg: "injected"}, nil, 2, 1},
		{"transient error: managed transaction answers", &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "injected"}, nil, 2, 1},
		{"client error: the read fails", syntax, syntax, 1, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			seen := &attemptsSeen{}
			s.Observe(seen)
			sent := 0
			s.OnStatement(func(string) { sent++ })
			s.FailAutoCommitForTest(c.fault)
			t.Cleanup(func() { s.FailAutoCommitForTest(nil); s.OnStatement(nil) })

			nodes, _, err := s.LookupNodes(ctx, []string{"ag-res-1"}, 0, nil)
			switch {
			case c.wantErr == nil && (err != nil || len(nodes) != 1 || nodes[0].Title != "A"):
				t.Fatalf("LookupNodes = %+v, %v; want the node", nodes, err)
			case c.wantErr != nil && !errors.Is(err, c.wantErr):
				t.Fatalf("LookupNodes error = %v, want %v", err, c.wantErr)
			}
			if len(seen.attempts) != 1 || seen.attempts[0] != c.wantAttempts || sent != c.wantSent {
				t.Errorf("transactions reported with attempts %v and %d statements sent; want one with %d attempts, %d statements",
					seen.attempts, sent, c.wantAttempts, c.wantSent)
			}

			// The lineage's statements share one managed transaction: the
			// fault of the auto-commit path never touches it.
			if _, err := s.Lineage(ctx, query.LineageQuery{ID: "ag-res-1", MaxDepth: 1, Limit: 5}); err != nil {
				t.Errorf("Lineage with the auto-commit attempt failing: %v", err)
			}
		})
	}
}
