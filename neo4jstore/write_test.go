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
