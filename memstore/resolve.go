package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// sortedEdges returns the relationships of m ordered by start node, end
// node and key.
func sortedEdges(m map[string]*edge) []*edge {
	out := make([]*edge, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *edge) int {
		return cmp.Or(strings.Compare(a.from, b.from), strings.Compare(a.to, b.to), strings.Compare(a.key, b.key))
	})
	return out
}

// Catalog returns what entity resolution matches references against: the
// nodes referred to by name (every node without the label Resolution or
// Report), and those with the given ids or symbol keys, each once, by id;
// then every FOLLOWS_UP edge, and the CONVENES edges from the given ids
// (in the order of ids), each edge with only its endpoints and type, as
// neo4jstore reads them. It returns an error only when ctx is done.
func (s *Store) Catalog(ctx context.Context, ids, symbolKeys []string) ([]hemigraph.Node, []hemigraph.Edge, error) {
	if err := checkCtx(ctx, "read catalog"); err != nil {
		return nil, nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	idSet, keySet := set(ids), set(symbolKeys)
	var found []*node
	for _, n := range s.nodes {
		key, hasKey := n.symbolKey()
		if !n.hasLabel(string(hemigraph.KindResolution)) && !n.hasLabel(string(hemigraph.KindReport)) ||
			idSet[n.id()] || hasKey && keySet[key] {
			found = append(found, n)
		}
	}
	slices.SortFunc(found, func(a, b *node) int { return strings.Compare(a.id(), b.id()) })
	nodes := make([]hemigraph.Node, len(found))
	for i, n := range found {
		nodes[i] = s.view(n)
	}
	edges := []hemigraph.Edge{}
	for _, e := range sortedEdges(s.edges) {
		if e.typ == hemigraph.RelFollowsUp {
			edges = append(edges, hemigraph.Edge{From: e.from, To: e.to, Type: e.typ})
		}
	}
	for _, id := range ids {
		if s.nodes[id] == nil {
			continue
		}
		for _, e := range sortedEdges(s.out[id]) {
			if e.typ == hemigraph.RelConvenes {
				edges = append(edges, hemigraph.Edge{From: e.from, To: e.to, Type: e.typ})
			}
		}
	}
	return nodes, edges, nil
}

// Unresolved returns the placeholder nodes — those made from references
// that matched nothing when their document was loaded — by id. It returns
// an error only when ctx is done.
func (s *Store) Unresolved(ctx context.Context) ([]hemigraph.Node, error) {
	if err := checkCtx(ctx, "list placeholders"); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []hemigraph.Node{}
	for _, n := range s.nodes {
		if n.n.Unresolved {
			out = append(out, s.view(n))
		}
	}
	slices.SortFunc(out, func(a, b hemigraph.Node) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// EdgesOf returns every edge from or to the node id, with its provenance,
// each once (a self-loop too), ordered by start node, end node and key. It
// returns an empty list for an unknown id, and an error only when ctx is
// done.
func (s *Store) EdgesOf(ctx context.Context, id string) ([]hemigraph.Edge, error) {
	if err := checkCtx(ctx, fmt.Sprintf("edges of %q", id)); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	all := map[string]*edge{}
	for _, m := range []map[string]*edge{s.out[id], s.in[id]} {
		for k, e := range m {
			all[k] = e
		}
	}
	out := []hemigraph.Edge{}
	for _, e := range sortedEdges(all) {
		out = append(out, e.edgeValue())
	}
	return out, nil
}

func set(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, x := range l {
		m[x] = true
	}
	return m
}
