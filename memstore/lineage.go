package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// Lineage returns the nodes from which a chain of at most q.MaxDepth
// lineage relations leads to the node q.ID, nearest first and by id, at
// most q.Limit of them, each with one shortest chain, and the relations
// q.Expand reads ahead around the target and the entries.
//
// It walks breadth first from the target by the domain's rule
// (hemigraph.LineageStep): a node dated after the target is not stepped
// onto (hemigraph.LineageDated), a chain does not continue past a node
// through which it may not pass (hemigraph.LineagePassesThrough), and each
// node is reached once. A node reached at one level by several relations
// keeps the smallest (node, from, relation key), and the walk stops as
// soon as q.Limit entries are found. Each entry holds the first relation
// of its chain (hemigraph.LineageEntry), reached from its start node, with
// both end nodes filled in. Errors wrap hemigraph.ErrNotFound when the
// node does not exist and hemigraph.ErrInvalid when the depth is out of
// 1..query.MaxLineageDepth or the expansion reads too much.
func (s *Store) Lineage(ctx context.Context, q query.LineageQuery) (query.Lineage, error) {
	if q.MaxDepth < 1 || q.MaxDepth > query.MaxLineageDepth {
		return query.Lineage{}, fmt.Errorf("lineage depth %d (want 1..%d): %w", q.MaxDepth, query.MaxLineageDepth, hemigraph.ErrInvalid)
	}
	if err := checkExpand(q.Expand); err != nil {
		return query.Lineage{}, err
	}
	if err := checkCtx(ctx, fmt.Sprintf("lineage of %q", q.ID)); err != nil {
		return query.Lineage{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	target := s.nodes[q.ID]
	if target == nil {
		return query.Lineage{}, fmt.Errorf("lineage of %q: node %q: %w", q.ID, q.ID, hemigraph.ErrNotFound)
	}
	year, _ := target.year()

	type via struct {
		e    *edge
		from string // the node on the target's side
	}
	reachedBy := map[string]via{q.ID: {}}
	var entries []hemigraph.LineageEntry
	frontier := []string{q.ID}
	for depth := 1; depth <= q.MaxDepth && len(frontier) > 0 && len(entries) < q.Limit; depth++ {
		type found struct {
			id string
			v  via
		}
		var level []found
		for _, a := range frontier {
			for _, rels := range []map[string]*edge{s.out[a], s.in[a]} {
				for _, e := range rels {
					b, ok := hemigraph.LineageStep(e.e, a)
					if !ok {
						continue
					}
					if _, seen := reachedBy[b]; seen {
						continue
					}
					if y, _ := s.nodes[b].year(); !hemigraph.LineageDated(y, year) {
						continue
					}
					level = append(level, found{b, via{e, a}})
				}
			}
		}
		slices.SortFunc(level, func(x, y found) int {
			return cmp.Or(strings.Compare(x.id, y.id), strings.Compare(x.v.from, y.v.from), strings.Compare(x.v.e.key, y.v.e.key))
		})
		frontier = nil
		for _, f := range level {
			if _, seen := reachedBy[f.id]; seen || len(entries) >= q.Limit {
				continue
			}
			reachedBy[f.id] = f.v
			n := s.nodes[f.id]
			entries = append(entries, hemigraph.LineageEntry{Node: s.view(n), Distance: depth})
			if hemigraph.LineagePassesThrough(n.n.Kind) {
				frontier = append(frontier, f.id)
			}
		}
	}
	for i := range entries {
		entries[i].Via = s.relation(reachedBy[entries[i].Node.ID].e, true, true)
	}
	out := query.Lineage{Target: s.view(target), Entries: entries, Prefetch: query.Prefetch{}}
	s.expand(q.Expand, q.ID, out.Prefetch)
	for _, e := range entries {
		s.expand(q.Expand, e.Node.ID, out.Prefetch)
	}
	return out, nil
}
