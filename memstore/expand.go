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

// reached is a relationship as reached from one of its nodes.
type reached struct {
	e        *edge
	outgoing bool
}

func (r reached) far() string {
	if r.outgoing {
		return r.e.to
	}
	return r.e.from
}

// compareReached is the order of a node's relations in Relations and in
// expansions: type, far node id, key, outgoing first (a self-loop is
// reached both ways).
func compareReached(a, b reached) int {
	return cmp.Or(
		strings.Compare(string(a.e.typ), string(b.e.typ)),
		strings.Compare(a.far(), b.far()),
		strings.Compare(a.e.key, b.e.key),
		-cmpBool(a.outgoing, b.outgoing),
	)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// relationsOf returns the relationships of id selected by types (all when
// empty; an unknown type selects nothing) and direction d (query.Outgoing,
// query.Incoming, both for any other value), in compareReached order.
func (s *Store) relationsOf(id string, types []hemigraph.RelType, d query.Direction) []reached {
	var out []reached
	keep := func(e *edge) bool { return len(types) == 0 || slices.Contains(types, e.typ) }
	if d != query.Incoming {
		for _, e := range s.out[id] {
			if keep(e) {
				out = append(out, reached{e, true})
			}
		}
	}
	if d != query.Outgoing {
		for _, e := range s.in[id] {
			if keep(e) {
				out = append(out, reached{e, false})
			}
		}
	}
	slices.SortFunc(out, compareReached)
	return out
}

// checkExpand returns an error wrapping hemigraph.ErrInvalid when e reads
// too many relation lists (query.Expand.Check) or asks for a negative
// number of relations, which Neo4j refuses as a LIMIT.
func checkExpand(e *query.Expand) error {
	if err := e.Check(); err != nil {
		return err
	}
	var walk func(e *query.Expand) error
	walk = func(e *query.Expand) error {
		if e == nil {
			return nil
		}
		for _, r := range e.Rels {
			if r.Query.First < 0 {
				return fmt.Errorf("read ahead %d relations: %w", r.Query.First, hemigraph.ErrInvalid)
			}
			if err := walk(r.Next); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(e)
}

// expand reads ahead, into pf, the relations e selects around the node id,
// and those of their far ends by the nested expansions, as neo4jstore's
// expandCypher and decodeExpand do: a relation list restricted to kinds
// is read only for nodes of those kinds (and then always stored, empty or
// not); each list holds at most Query.First relations, in Relations order,
// with both end nodes filled in.
func (s *Store) expand(e *query.Expand, id string, pf query.Prefetch) {
	if e.Empty() {
		return
	}
	n := s.nodes[id]
	if n == nil {
		return
	}
	for _, re := range e.Rels {
		if len(re.Kinds) > 0 && !slices.Contains(re.Kinds, n.n.Kind) {
			continue
		}
		found := s.relationsOf(id, re.Query.Types, re.Query.Direction)
		found = found[:min(len(found), max(re.Query.First, 0))]
		rels := make([]hemigraph.Relation, len(found))
		for i, r := range found {
			rels[i] = s.relation(r.e, r.outgoing, true)
			s.expand(re.Next, r.far(), pf)
		}
		pf.Put(id, re.Query.Key(), rels)
	}
}

// Relations returns, for each of ids, its relations selected by q — of
// q.Types (every type when empty), in q.Direction — at most q.First per
// node, ordered by type, far-end id and key, outgoing first, with both end
// nodes filled in. An id that names no node, or a node with no such
// relation, is absent from the map; a negative q.First drops that many
// from the end, as a Cypher list slice does. It returns an error only when
// ctx is done.
func (s *Store) Relations(ctx context.Context, ids []string, q query.RelQuery) (map[string][]hemigraph.Relation, error) {
	if err := checkCtx(ctx, fmt.Sprintf("relations of %d nodes", len(ids))); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	found := map[string][]reached{}
	for _, id := range ids {
		if s.nodes[id] == nil {
			continue
		}
		if rs := s.relationsOf(id, q.Types, q.Direction); len(rs) > 0 {
			found[id] = append(found[id], rs...) // an id listed twice has its relations twice
		}
	}
	out := make(map[string][]hemigraph.Relation, len(found))
	for id, rs := range found {
		slices.SortStableFunc(rs, compareReached)
		rs = rs[:sliceEnd(len(rs), q.First)]
		rels := make([]hemigraph.Relation, len(rs))
		for i, r := range rs {
			rels[i] = s.relation(r.e, r.outgoing, true)
		}
		out[id] = rels
	}
	return out, nil
}

// sliceEnd is the end of the Cypher slice list[..limit] of a list of n.
func sliceEnd(n, limit int) int {
	if limit < 0 {
		return max(n+limit, 0)
	}
	return min(n, limit)
}
