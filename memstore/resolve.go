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

// DeleteNodes deletes the nodes with the given ids and their relationships;
// the nodes they cited lose them from their citedByCount. Unknown ids are
// ignored. It returns an error only when ctx is done.
func (s *Store) DeleteNodes(ctx context.Context, ids []string) error {
	if err := checkCtx(ctx, fmt.Sprintf("delete %d nodes", len(ids))); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if s.nodes[id] == nil {
			continue
		}
		for _, m := range []map[string]*edge{s.out[id], s.in[id]} {
			for _, e := range m {
				s.unlink(e)
			}
		}
		delete(s.nodes, id)
		delete(s.out, id)
		delete(s.in, id)
	}
	return nil
}

// DeleteStaleEdges deletes the relationships that document stated in an
// earlier load (Provenance.Document is document) and no longer states —
// those whose keys are not in keep — and returns how many it deleted. As
// in neo4jstore, it looks for them among the relationships from the
// document's node and those of the nodes it points to (PART_OF,
// FOLLOWS_UP among them); it deletes nothing when the document has no
// node. Citation counts follow. It returns an error only when ctx is done.
func (s *Store) DeleteStaleEdges(ctx context.Context, document string, keep []string) (int, error) {
	if err := checkCtx(ctx, "delete stale edges of "+document); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.nodes[document] == nil {
		return 0, nil
	}
	stale, kept := map[string]*edge{}, set(keep)
	consider := func(e *edge) {
		if e.props.str("document") == document && !kept[e.key] {
			stale[e.key] = e
		}
	}
	for _, e := range s.out[document] {
		consider(e)
		for _, m := range []map[string]*edge{s.out[e.to], s.in[e.to]} {
			for _, r := range m {
				consider(r)
			}
		}
	}
	for _, e := range stale {
		s.unlink(e)
	}
	return len(stale), nil
}

func set(l []string) map[string]bool {
	m := make(map[string]bool, len(l))
	for _, x := range l {
		m[x] = true
	}
	return m
}
