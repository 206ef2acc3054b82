package memstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// chainGraph: c - a1 - a2 - a3 in a line by CITES, c - b1 by MENTIONS,
// b1 - b2 by CITES, and a1 - b1 by CITES.
func chainGraph(t *testing.T) ([]hemigraph.Node, []hemigraph.Edge) {
	t.Helper()
	var nodes []hemigraph.Node
	for _, id := range []string{"c", "a1", "a2", "a3", "b1", "b2"} {
		nodes = append(nodes, n(id, hemigraph.KindResolution, ""))
	}
	return nodes, []hemigraph.Edge{
		e("c", hemigraph.RelCites, "a1"), e("a2", hemigraph.RelCites, "a1"), e("a2", hemigraph.RelCites, "a3"),
		e("c", hemigraph.RelMentions, "b1"), e("b1", hemigraph.RelCites, "b2"), e("a1", hemigraph.RelCites, "b1"),
	}
}

// TestNeighbourhood checks distances, the order of nodes and edges, the
// limits and Truncated.
func TestNeighbourhood(t *testing.T) {
	nodes, edges := chainGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		name      string
		q         query.NeighbourhoodQuery
		nodes     []string // id@distance
		edges     []string
		truncated bool
	}{
		{"depth 1", query.NeighbourhoodQuery{ID: "c", Depth: 1, Limit: 10}, []string{"c@0", "a1@1", "b1@1"},
			[]string{"a1 -CITES-> b1", "c -CITES-> a1", "c -MENTIONS-> b1"}, false},
		{"depth 2", query.NeighbourhoodQuery{ID: "c", Depth: 2, Limit: 10}, []string{"c@0", "a1@1", "b1@1", "a2@2", "b2@2"},
			[]string{"a1 -CITES-> b1", "a2 -CITES-> a1", "b1 -CITES-> b2", "c -CITES-> a1", "c -MENTIONS-> b1"}, false},
		{"one type", query.NeighbourhoodQuery{ID: "c", Depth: 3, Limit: 10, Types: []hemigraph.RelType{hemigraph.RelCites}},
			[]string{"c@0", "a1@1", "a2@2", "b1@2", "a3@3", "b2@3"},
			[]string{"a1 -CITES-> b1", "a2 -CITES-> a1", "a2 -CITES-> a3", "b1 -CITES-> b2", "c -CITES-> a1"}, false},
		{"node limit", query.NeighbourhoodQuery{ID: "c", Depth: 3, Limit: 2}, []string{"c@0", "a1@1", "b1@1"},
			[]string{"a1 -CITES-> b1", "c -CITES-> a1", "c -MENTIONS-> b1"}, true},
		// The edges are read among the nodes found with one more than the
		// limit (b1 here), then those of b1 left out.
		{"edges of a node cut off", query.NeighbourhoodQuery{ID: "c", Depth: 2, Limit: 1}, []string{"c@0", "a1@1"},
			[]string{"c -CITES-> a1"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := s.Neighbourhood(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var gotNodes, gotEdges []string
			for _, n := range g.Nodes {
				gotNodes = append(gotNodes, fmt.Sprintf("%s@%d", n.ID, n.Distance))
			}
			for _, r := range g.Edges {
				gotEdges = append(gotEdges, arrow(r.Edge))
				if !r.Outgoing || r.FromNode.ID != "" || r.ID != r.Key() {
					t.Errorf("edge %+v: want outgoing, no end nodes", r)
				}
			}
			if diff := cmp.Diff(tc.nodes, gotNodes); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.edges, gotEdges); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if g.Truncated != tc.truncated {
				t.Errorf("truncated = %v", g.Truncated)
			}
		})
	}
}

// TestNeighbourhoodEdgeLimit: the edges are cut at query.EdgesPerNode ×
// the node limit in (start, type, end, key) order, counted, as in
// neo4jstore, among the nodes found with one more than the limit.
func TestNeighbourhoodEdgeLimit(t *testing.T) {
	rels := func(from string, typ hemigraph.RelType, to string, n int) []hemigraph.Edge {
		var out []hemigraph.Edge
		for i := range n {
			r := e(from, typ, to)
			r.Verb = fmt.Sprint("V", i)
			out = append(out, r)
		}
		return out
	}
	nodes := []hemigraph.Node{n("c", hemigraph.KindResolution, ""), n("a", hemigraph.KindResolution, ""), n("b", hemigraph.KindResolution, "")}
	tests := []struct {
		name  string
		edges []hemigraph.Edge
		want  []string
	}{
		{"cut in order", rels("c", hemigraph.RelCites, "a", query.EdgesPerNode+2),
			strings.Split(strings.Repeat("c -CITES-> a,", query.EdgesPerNode), ",")[:query.EdgesPerNode]},
		// b, one past the limit, is dropped after its edges filled the
		// edge limit: none is left.
		{"filled by a node cut off", append(rels("c", hemigraph.RelCites, "b", query.EdgesPerNode), rels("c", hemigraph.RelMentions, "a", 2)...), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := seeded(t, nodes, tc.edges)
			g, err := s.Neighbourhood(t.Context(), query.NeighbourhoodQuery{ID: "c", Depth: 1, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, r := range g.Edges {
				got = append(got, arrow(r.Edge))
				if i > 0 && g.Edges[i-1].ID >= r.ID {
					t.Errorf("edges not in key order: %s, %s", g.Edges[i-1].ID, r.ID)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if !g.Truncated {
				t.Error("not truncated")
			}
		})
	}
}

// TestPaths checks the order of paths (length, then node ids, then keys),
// relations in either direction seen from the node before them, a path
// that passes through a node twice, and the bounds.
func TestPaths(t *testing.T) {
	var nodes []hemigraph.Node
	for _, id := range []string{"a", "b", "c", "d", "x"} {
		nodes = append(nodes, n(id, hemigraph.KindResolution, ""))
	}
	plain, twin := e("a", hemigraph.RelCites, "b"), e("a", hemigraph.RelCites, "b")
	twin.Verb = "NOTING"
	edges := []hemigraph.Edge{
		plain, twin, e("c", hemigraph.RelCites, "b"), e("c", hemigraph.RelMentions, "d"),
		e("a", hemigraph.RelMentions, "x"), e("x", hemigraph.RelMentions, "d"),
	}
	// Paths through the same nodes come in the order of their relations'
	// keys.
	v1, v2 := "", "NOTING"
	if twin.Key() < plain.Key() {
		v1, v2 = v2, v1
	}
	s := seeded(t, nodes, edges)
	path := func(p query.Path) string {
		var b strings.Builder
		b.WriteString(p.Nodes[0].ID)
		for i, r := range p.Relations {
			dir := "->"
			if !r.Outgoing {
				dir = "<-"
			}
			fmt.Fprintf(&b, " %s%s%s %s", dir, r.Type, r.Verb, p.Nodes[i+1].ID)
			if r.FromNode.ID != r.From || r.ToNode.ID != r.To {
				t.Errorf("relation %s without its end nodes", r.ID)
			}
		}
		return b.String()
	}
	tests := []struct {
		name string
		q    query.PathsQuery
		want []string
	}{
		{"one relation, twice", query.PathsQuery{From: "a", To: "b", MaxDepth: 1, First: 16}, []string{
			"a ->CITES" + v1 + " b", "a ->CITES" + v2 + " b",
		}},
		{"shortest first", query.PathsQuery{From: "a", To: "d", MaxDepth: 3, First: 16}, []string{
			"a ->MENTIONS x ->MENTIONS d",
			"a ->CITES" + v1 + " b <-CITES c ->MENTIONS d",
			"a ->CITES" + v2 + " b <-CITES c ->MENTIONS d",
		}},
		{"first", query.PathsQuery{From: "a", To: "d", MaxDepth: 3, First: 2}, []string{
			"a ->MENTIONS x ->MENTIONS d",
			"a ->CITES" + v1 + " b <-CITES c ->MENTIONS d",
		}},
		{"one type", query.PathsQuery{From: "a", To: "c", MaxDepth: 6, First: 16, Types: []hemigraph.RelType{hemigraph.RelCites}}, []string{
			"a ->CITES" + v1 + " b <-CITES c",
			"a ->CITES" + v2 + " b <-CITES c",
		}},
		// Out to b and back by the twin relation: a path uses a relation
		// once, but may pass through a node again.
		{"through a node twice", query.PathsQuery{From: "a", To: "x", MaxDepth: 3, First: 16}, []string{
			"a ->MENTIONS x",
			"a ->CITES" + v1 + " b <-CITES" + v2 + " a ->MENTIONS x",
			"a ->CITES" + v2 + " b <-CITES" + v1 + " a ->MENTIONS x",
		}},
		{"too short", query.PathsQuery{From: "b", To: "d", MaxDepth: 1, First: 16}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := s.Paths(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, path(p))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
	bad := []struct {
		name string
		q    query.PathsQuery
		err  error
	}{
		{"depth 0", query.PathsQuery{From: "a", To: "b", MaxDepth: 0, First: 1}, hemigraph.ErrInvalid},
		{"too deep", query.PathsQuery{From: "a", To: "b", MaxDepth: query.MaxPathDepth + 1, First: 1}, hemigraph.ErrInvalid},
		{"first 0", query.PathsQuery{From: "a", To: "b", MaxDepth: 1, First: 0}, hemigraph.ErrInvalid},
		{"too many", query.PathsQuery{From: "a", To: "b", MaxDepth: 1, First: query.MaxPaths + 1}, hemigraph.ErrInvalid},
		{"to itself", query.PathsQuery{From: "a", To: "a", MaxDepth: 1, First: 1}, hemigraph.ErrInvalid},
		{"unknown type", query.PathsQuery{From: "a", To: "b", MaxDepth: 1, First: 1, Types: []hemigraph.RelType{"LIKES"}}, hemigraph.ErrInvalid},
		{"no start", query.PathsQuery{From: "nothing", To: "b", MaxDepth: 1, First: 1}, hemigraph.ErrNotFound},
		{"no end", query.PathsQuery{From: "a", To: "nothing", MaxDepth: 1, First: 1}, hemigraph.ErrNotFound},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Paths(t.Context(), tc.q); !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
		})
	}
}

// TestNeighbourhoodErrors checks the bounds.
func TestNeighbourhoodErrors(t *testing.T) {
	nodes, edges := chainGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		name string
		q    query.NeighbourhoodQuery
		err  error
	}{
		{"depth 0", query.NeighbourhoodQuery{ID: "c", Depth: 0, Limit: 1}, hemigraph.ErrInvalid},
		{"too deep", query.NeighbourhoodQuery{ID: "c", Depth: query.MaxNeighbourhoodDepth + 1, Limit: 1}, hemigraph.ErrInvalid},
		{"limit 0", query.NeighbourhoodQuery{ID: "c", Depth: 1, Limit: 0}, hemigraph.ErrInvalid},
		{"too many", query.NeighbourhoodQuery{ID: "c", Depth: 1, Limit: query.MaxNeighbourhoodNodes + 1}, hemigraph.ErrInvalid},
		{"unknown type", query.NeighbourhoodQuery{ID: "c", Depth: 1, Limit: 1, Types: []hemigraph.RelType{"LIKES"}}, hemigraph.ErrInvalid},
		{"no node", query.NeighbourhoodQuery{ID: "nothing", Depth: 1, Limit: 1}, hemigraph.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Neighbourhood(t.Context(), tc.q); !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
		})
	}
}
