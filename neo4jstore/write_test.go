package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/query"
)

// TestWriteCounts writes a sequence of node and edge batches — all new,
// mixed, all new again after a mixed one, reruns — and checks what each
// reports and what the graph holds, whichever way the store wrote the
// batch (a create, or a read then a write).
func TestWriteCounts(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	node := func(id, title string) hemigraph.Node {
		return hemigraph.Node{ID: id, Kind: hemigraph.KindResolution, Title: title}
	}
	edge := func(from, to, evidence string) hemigraph.Edge {
		return hemigraph.Edge{From: from, To: to, Type: hemigraph.RelRequests,
			Provenance: hemigraph.Provenance{Source: "test", Evidence: evidence}}
	}
	steps := []struct {
		name  string
		nodes []hemigraph.Node
		edges []hemigraph.Edge
		want  hemigraph.WriteCounts
	}{
		{"new nodes", []hemigraph.Node{node("a", "A"), node("b", "B")}, nil, hemigraph.WriteCounts{Created: 2}},
		{"same, changed, new", []hemigraph.Node{node("a", "A"), node("b", "B2"), node("c", "C")}, nil,
			hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}},
		{"new after mixed", []hemigraph.Node{node("d", "D"), node("e", "E")}, nil, hemigraph.WriteCounts{Created: 2}},
		{"new again", []hemigraph.Node{node("f", "F")}, nil, hemigraph.WriteCounts{Created: 1}},
		{"node rerun", []hemigraph.Node{node("d", "D"), node("e", "E"), node("f", "F")}, nil, hemigraph.WriteCounts{Unchanged: 3}},
		{"new edges", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "x")}, hemigraph.WriteCounts{Created: 2}},
		{"same, changed, new edges", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "y"), edge("b", "c", "x")},
			hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}},
		{"new edges after mixed", nil, []hemigraph.Edge{edge("d", "e", "x")}, hemigraph.WriteCounts{Created: 1}},
		{"edge rerun", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "y"), edge("b", "c", "x"), edge("d", "e", "x")},
			hemigraph.WriteCounts{Unchanged: 4}},
	}
	for _, st := range steps {
		var got hemigraph.WriteCounts
		var err error
		if st.nodes != nil {
			got, err = s.WriteNodes(ctx, st.nodes)
		} else {
			got, err = s.WriteEdges(ctx, st.edges)
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
	if ns, _, err := s.LookupNodes(ctx, []string{"b"}, 0, nil); err != nil || len(ns) != 1 || ns[0].Title != "B2" {
		t.Errorf("node b = %+v, %v; want the title B2", ns, err)
	}
	nodes, rels, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nodes != 6 || rels != 4 {
		t.Errorf("graph has %d nodes and %d relationships, want 6 and 4", nodes, rels)
	}
	rel, err := s.Relations(ctx, []string{"a"}, query.RelQuery{Direction: query.Outgoing, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	evidence := map[string]string{}
	for _, r := range rel["a"] {
		evidence[r.To] = r.Evidence
	}
	if diff := cmp.Diff(map[string]string{"b": "x", "c": "y"}, evidence); diff != "" {
		t.Errorf("evidence of a's relations (-want +got):\n%s", diff)
	}
}

// TestWriteTransactions checks that a write call is one transaction, with
// one statement for its nodes of every kind and, for its relationships,
// one for CITES and one for the other types; that a create which does not
// stand is rolled back and the call runs again, read first; that a call
// with nothing to write sends nothing; and what the graph holds after.
func TestWriteTransactions(t *testing.T) {
	s := neo4jtest.Open(t)
	k := &kinds{}
	s.Observe(k)
	ctx := context.Background()
	nodes := []hemigraph.Node{
		{ID: "ag-res-1412", Kind: hemigraph.KindResolution, Title: "Strengthening confidence-building measures"},
		{ID: "decl-santiago-1995", Kind: hemigraph.KindDeclaration, Title: "Declaration of Santiago"},
		{ID: "conf-santiago-1995", Kind: hemigraph.KindConference, Title: "Regional Conference on CSBMs, Santiago"},
		{ID: "oas-ga", Kind: hemigraph.KindBody, Title: "General Assembly"},
	}
	edge := func(from string, typ hemigraph.RelType, to string) hemigraph.Edge {
		return hemigraph.Edge{From: from, To: to, Type: typ, Provenance: hemigraph.Provenance{Source: "test", Evidence: string(typ)}}
	}
	edges := []hemigraph.Edge{
		edge("ag-res-1412", hemigraph.RelCites, "decl-santiago-1995"),
		edge("ag-res-1412", hemigraph.RelAdoptedBy, "oas-ga"),
		edge("conf-santiago-1995", hemigraph.RelProduced, "decl-santiago-1995"),
	}
	steps := []struct {
		name      string
		write     func() (hemigraph.WriteCounts, error)
		want      hemigraph.WriteCounts
		tx, stmts int
	}{
		{"nodes of four kinds", func() (hemigraph.WriteCounts, error) { return s.WriteNodes(ctx, nodes) },
			hemigraph.WriteCounts{Created: 4}, 1, 1},
		{"edges of three types", func() (hemigraph.WriteCounts, error) { return s.WriteEdges(ctx, edges) },
			hemigraph.WriteCounts{Created: 3}, 1, 2},
		// The create finds the nodes, is rolled back, and the call runs
		// again as a read, which finds nothing to write.
		{"nodes again", func() (hemigraph.WriteCounts, error) { return s.WriteNodes(ctx, nodes) },
			hemigraph.WriteCounts{Unchanged: 4}, 2, 2},
		{"no nodes", func() (hemigraph.WriteCounts, error) { return s.WriteNodes(ctx, nil) },
			hemigraph.WriteCounts{}, 0, 0},
		{"no edges", func() (hemigraph.WriteCounts, error) { return s.WriteEdges(ctx, nil) },
			hemigraph.WriteCounts{}, 0, 0},
	}
	for _, st := range steps {
		k.mu.Lock()
		k.tx, k.stmts = nil, nil
		k.mu.Unlock()
		got, err := st.write()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: counts %+v, want %+v", st.name, got, st.want)
		}
		k.mu.Lock()
		if len(k.tx) != st.tx || len(k.stmts) != st.stmts {
			t.Errorf("%s: %d transactions and %d statements (%v), want %d and %d", st.name, len(k.tx), len(k.stmts), k.stmts, st.tx, st.stmts)
		}
		k.mu.Unlock()
	}
	for _, n := range nodes {
		got, _, err := s.LookupNodes(ctx, []string{n.ID}, query.PropID|query.PropCitedByCount, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if n.ID == "decl-santiago-1995" {
			want = 1
		}
		if len(got) != 1 || got[0].Kind != n.Kind || got[0].CitedByCount != want {
			t.Errorf("%s: got %+v, want one %s cited by %d", n.ID, got, n.Kind, want)
		}
	}
	rels, err := s.Relations(ctx, []string{"ag-res-1412"}, query.RelQuery{Direction: query.Outgoing, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels["ag-res-1412"]) != 2 {
		t.Errorf("relations of the resolution %v, want 2", rels["ag-res-1412"])
	}
}
