package memstore_test

import (
	"fmt"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/memstore"
)

// n returns a node of kind k titled after its id, dated date.
func n(id string, k hemigraph.Kind, date string) hemigraph.Node {
	return hemigraph.Node{ID: id, Kind: k, Title: id, Date: date}
}

// e returns an edge with a source.
func e(from string, t hemigraph.RelType, to string) hemigraph.Edge {
	return hemigraph.Edge{From: from, To: to, Type: t, Provenance: hemigraph.Provenance{Source: "test"}}
}

// seeded returns a store holding nodes and edges.
func seeded(t *testing.T, nodes []hemigraph.Node, edges []hemigraph.Edge) *memstore.Store {
	t.Helper()
	s := memstore.New()
	if _, err := s.WriteNodes(t.Context(), nodes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteEdges(t.Context(), edges); err != nil {
		t.Fatal(err)
	}
	return s
}

// ids returns the ids of nodes.
func ids(nodes []hemigraph.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.ID)
	}
	return out
}

// arrow writes a relation as "from -TYPE-> to".
func arrow(e hemigraph.Edge) string { return fmt.Sprintf("%s -%s-> %s", e.From, e.Type, e.To) }
