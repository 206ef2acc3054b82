package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hemigraph/hemigraph"
)

// DeleteNodes deletes the nodes with the given ids and their relationships;
// the nodes they cited lose them from their citedByCount. Unknown ids are
// ignored. Under a recorded load what it deletes is kept, relationships
// first, so that undoing the load brings it back. It returns an error only
// when ctx is done.
func (s *Store) DeleteNodes(ctx context.Context, ids []string) (hemigraph.DeleteCounts, error) {
	if err := checkCtx(ctx, fmt.Sprintf("delete %d nodes", len(ids))); err != nil {
		return hemigraph.DeleteCounts{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var gone []string
	rels := map[string]*edge{}
	for _, id := range ids {
		if s.nodes[id] == nil || slices.Contains(gone, id) {
			continue
		}
		gone = append(gone, id)
		for _, m := range []map[string]*edge{s.out[id], s.in[id]} {
			maps.Copy(rels, m)
		}
	}
	s.deleteEdges(hemigraph.LoadOf(ctx), rels)
	for _, id := range gone {
		if load := hemigraph.LoadOf(ctx); load != "" {
			n := s.nodes[id]
			s.changes[load] = append(s.changes[load], change{deleted: true, id: id, before: maps.Clone(n.props), labels: slices.Clone(n.labels)})
		}
		delete(s.nodes, id)
		delete(s.out, id)
		delete(s.in, id)
	}
	return hemigraph.DeleteCounts{Nodes: len(gone), Edges: len(rels)}, nil
}

// DeleteEdges deletes the relationships refs select and returns how many;
// the nodes they cited lose them from their citedByCount. Under a recorded
// load what it deletes is kept, so that undoing the load brings it back.
// It returns an error only when ctx is done.
func (s *Store) DeleteEdges(ctx context.Context, refs []hemigraph.EdgeRef) (int, error) {
	if err := checkCtx(ctx, fmt.Sprintf("delete the relations of %d references", len(refs))); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rels := map[string]*edge{}
	for _, r := range refs {
		for key, e := range s.out[r.From] {
			if e.to == r.To && (r.Type == "" || e.typ == r.Type) && (r.Key == "" || key == r.Key) {
				rels[key] = e
			}
		}
	}
	s.deleteEdges(hemigraph.LoadOf(ctx), rels)
	return len(rels), nil
}

// deleteEdges unlinks rels, recording them, in key order, as deleted by
// load when it is not "".
func (s *Store) deleteEdges(load string, rels map[string]*edge) {
	for _, e := range sortedEdges(rels) {
		if load != "" {
			s.changes[load] = append(s.changes[load], change{edge: true, deleted: true, id: e.key,
				from: e.from, to: e.to, typ: e.typ, before: maps.Clone(e.props)})
		}
		s.unlink(e)
	}
}

// DeleteStaleEdges deletes the relationships that document stated in an
// earlier load (Provenance.Document is document) and no longer states —
// those whose keys are not in keep — and returns how many it deleted. As
// in neo4jstore, it looks for them among the relationships from the
// document's node and those of the nodes it points to (PART_OF,
// FOLLOWS_UP among them); it deletes nothing when the document has no
// node. Citation counts follow. Under a recorded load what it deletes is
// kept, so that undoing the load brings it back. It returns an error only
// when ctx is done.
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
	s.deleteEdges(hemigraph.LoadOf(ctx), stale)
	return len(stale), nil
}
