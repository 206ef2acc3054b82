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

// checkTypes returns an error wrapping hemigraph.ErrInvalid when a type of
// types is not one of hemigraph.RelTypes.
func checkTypes(types []hemigraph.RelType) error {
	for _, t := range types {
		if !t.Valid() {
			return fmt.Errorf("relation type %q: %w", t, hemigraph.ErrInvalid)
		}
	}
	return nil
}

// step is a relationship followed in either direction from a node: the
// relationship and the node at its other end.
type step struct {
	e  *edge
	to string
}

// steps returns the relationships of id of types (all when empty),
// followed in either direction, ordered by far node id then key; a
// self-loop is one step.
func (s *Store) steps(id string, types []hemigraph.RelType) []step {
	var out []step
	keep := func(e *edge) bool { return len(types) == 0 || slices.Contains(types, e.typ) }
	for _, e := range s.out[id] {
		if keep(e) {
			out = append(out, step{e, e.to})
		}
	}
	for _, e := range s.in[id] {
		if keep(e) && e.from != e.to {
			out = append(out, step{e, e.from})
		}
	}
	slices.SortFunc(out, func(a, b step) int { return cmp.Or(strings.Compare(a.to, b.to), strings.Compare(a.e.key, b.e.key)) })
	return out
}

// distances returns the number of relationships (of types, in either
// direction) between id and every node within depth of it, id included.
func (s *Store) distances(id string, types []hemigraph.RelType, depth int) map[string]int {
	dist := map[string]int{id: 0}
	frontier := []string{id}
	for d := 1; d <= depth && len(frontier) > 0; d++ {
		var next []string
		for _, a := range frontier {
			for _, st := range s.steps(a, types) {
				if _, seen := dist[st.to]; !seen {
					dist[st.to] = d
					next = append(next, st.to)
				}
			}
		}
		frontier = next
	}
	return dist
}

// Neighbourhood returns the subgraph around q.ID: the centre, then the
// nearest q.Limit nodes within q.Depth relations of q.Types (all when
// empty) in either direction, by distance then id, and the relations of
// those types among them ordered by start node id, type, end node id and
// key, at most query.EdgesPerNode × q.Limit, reached from their start
// nodes, without their end nodes filled in (as neo4jstore reads them).
// Truncated is set when a limit cut nodes or edges off. As in neo4jstore,
// the edges are chosen among the nodes found with one more than the limit,
// then those of a node the limit dropped are left out. Errors wrap
// hemigraph.ErrNotFound when the node does not exist and
// hemigraph.ErrInvalid when the depth, limit or a type is out of range.
func (s *Store) Neighbourhood(ctx context.Context, q query.NeighbourhoodQuery) (query.Subgraph, error) {
	if q.Depth < 1 || q.Depth > query.MaxNeighbourhoodDepth {
		return query.Subgraph{}, fmt.Errorf("neighbourhood depth %d (want 1..%d): %w", q.Depth, query.MaxNeighbourhoodDepth, hemigraph.ErrInvalid)
	}
	if q.Limit < 1 || q.Limit > query.MaxNeighbourhoodNodes {
		return query.Subgraph{}, fmt.Errorf("neighbourhood limit %d (want 1..%d): %w", q.Limit, query.MaxNeighbourhoodNodes, hemigraph.ErrInvalid)
	}
	if err := checkTypes(q.Types); err != nil {
		return query.Subgraph{}, err
	}
	if err := checkCtx(ctx, fmt.Sprintf("neighbourhood of %q", q.ID)); err != nil {
		return query.Subgraph{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := s.nodes[q.ID]
	if c == nil {
		return query.Subgraph{}, fmt.Errorf("node %q: %w", q.ID, hemigraph.ErrNotFound)
	}
	type found struct {
		id string
		d  int
	}
	var near []found
	for id, d := range s.distances(q.ID, q.Types, q.Depth) {
		if id != q.ID {
			near = append(near, found{id, d})
		}
	}
	slices.SortFunc(near, func(a, b found) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.id, b.id)) })
	near = near[:min(len(near), q.Limit+1)]
	ns := map[string]bool{q.ID: true}
	for _, f := range near {
		ns[f.id] = true
	}

	var edges []*edge
	for id := range ns {
		for _, e := range s.out[id] {
			if ns[e.to] && (len(q.Types) == 0 || slices.Contains(q.Types, e.typ)) {
				edges = append(edges, e)
			}
		}
	}
	slices.SortFunc(edges, func(a, b *edge) int {
		return cmp.Or(strings.Compare(a.from, b.from), strings.Compare(string(a.typ), string(b.typ)),
			strings.Compare(a.to, b.to), strings.Compare(a.key, b.key))
	})

	var out query.Subgraph
	out.Nodes = append(out.Nodes, s.graphNode(c, 0))
	if len(near) > q.Limit {
		out.Truncated, near = true, near[:q.Limit]
	}
	in := map[string]bool{q.ID: true}
	for _, f := range near {
		in[f.id] = true
		out.Nodes = append(out.Nodes, s.graphNode(s.nodes[f.id], f.d))
	}
	edgeLimit := query.EdgesPerNode * q.Limit
	if len(edges) > edgeLimit {
		out.Truncated, edges = true, edges[:edgeLimit]
	}
	for _, e := range edges {
		if in[e.from] && in[e.to] {
			out.Edges = append(out.Edges, s.relation(e, true, false))
		}
	}
	return out, nil
}

func (s *Store) graphNode(n *node, distance int) query.GraphNode {
	v := s.view(n)
	return query.GraphNode{Node: v, Distance: distance, CitedByCount: v.CitedByCount}
}

// Paths returns the shortest paths from q.From to q.To over relations of
// q.Types (all when empty) followed in either direction, of at most
// q.MaxDepth relations, at most q.First of them, shortest first, then in
// order of their node ids (then of their relations' keys). A path uses a
// relation once at most but may pass through a node again, as Neo4j's
// shortest paths do. Each relation is seen from the node before it, with
// both end nodes filled in. Errors wrap hemigraph.ErrInvalid for a depth
// or count out of range, a path from a node to itself or an unknown type,
// and hemigraph.ErrNotFound when either node does not exist.
func (s *Store) Paths(ctx context.Context, q query.PathsQuery) ([]query.Path, error) {
	if q.MaxDepth < 1 || q.MaxDepth > query.MaxPathDepth {
		return nil, fmt.Errorf("path depth %d (want 1..%d): %w", q.MaxDepth, query.MaxPathDepth, hemigraph.ErrInvalid)
	}
	if q.First < 1 || q.First > query.MaxPaths {
		return nil, fmt.Errorf("paths first %d (want 1..%d): %w", q.First, query.MaxPaths, hemigraph.ErrInvalid)
	}
	if q.From == q.To {
		return nil, fmt.Errorf("paths from %q to itself: %w", q.From, hemigraph.ErrInvalid)
	}
	if err := checkTypes(q.Types); err != nil {
		return nil, err
	}
	if err := checkCtx(ctx, fmt.Sprintf("paths from %q to %q", q.From, q.To)); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range []string{q.From, q.To} {
		if s.nodes[id] == nil {
			return nil, fmt.Errorf("node %q: %w", id, hemigraph.ErrNotFound)
		}
	}
	// Distances to the end bound the search: a prefix that cannot reach it
	// in the relations left is cut.
	toEnd := s.distances(q.To, q.Types, q.MaxDepth)
	if _, ok := toEnd[q.From]; !ok {
		return nil, nil
	}
	var out []query.Path
	// Depth by depth: the paths of one length are all found, then sorted,
	// until enough are found.
	for length := 1; length <= q.MaxDepth && len(out) < q.First; length++ {
		type found struct {
			nodes []string
			rels  []step
		}
		var level []found
		nodes := []string{q.From}
		var rels []step
		used := map[string]bool{}
		var walk func(at string)
		walk = func(at string) {
			if len(rels) == length {
				if at == q.To {
					level = append(level, found{slices.Clone(nodes), slices.Clone(rels)})
				}
				return
			}
			for _, st := range s.steps(at, q.Types) {
				d, ok := toEnd[st.to]
				if used[st.e.key] || !ok || len(rels)+1+d > length {
					continue
				}
				used[st.e.key] = true
				nodes, rels = append(nodes, st.to), append(rels, st)
				walk(st.to)
				nodes, rels = nodes[:len(nodes)-1], rels[:len(rels)-1]
				used[st.e.key] = false
			}
		}
		walk(q.From)
		slices.SortFunc(level, func(a, b found) int {
			return cmp.Or(slices.Compare(a.nodes, b.nodes), slices.CompareFunc(a.rels, b.rels, func(x, y step) int {
				return strings.Compare(x.e.key, y.e.key)
			}))
		})
		for _, f := range level[:min(len(level), q.First-len(out))] {
			out = append(out, s.path(f.nodes, f.rels))
		}
	}
	return out, nil
}

// path builds the path through nodes by rels.
func (s *Store) path(nodes []string, rels []step) query.Path {
	var p query.Path
	for _, id := range nodes {
		p.Nodes = append(p.Nodes, s.view(s.nodes[id]))
	}
	for i, st := range rels {
		p.Relations = append(p.Relations, s.relation(st.e, st.e.from == nodes[i], true))
	}
	return p
}
