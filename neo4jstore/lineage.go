package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

const lineageTargetCypher = `MATCH (c:Entity {id: $id}) RETURN c{.*} AS c`

// lineageStepCypher takes one step back along the flow of influence from
// every node of the frontier, by the domain's rule (hemigraph.LineageStep):
// against the relation types of hemigraph.LineageAgainst, along those of
// hemigraph.LineageAlong. A node dated after the target did not lead to it
// (hemigraph.LineageDated) and is not stepped onto. The types are the
// domain's constants, written into the text once, at start.
var lineageStepCypher = lineageStep("b{.*} AS b,\n  {type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)} AS r")

// lineageStep returns the statement that takes one lineage step back from
// every node id of $frontier, keeping nodes not dated after $year, and
// returns aid (the frontier node), then ret.
func lineageStep(ret string) string {
	return fmt.Sprintf(`
UNWIND $frontier AS aid
MATCH (a:Entity {id: aid})
CALL (a) {
  MATCH (a)-[r:%s]->(b:Entity) RETURN r, b
  UNION ALL
  MATCH (a)<-[r:%s]-(b:Entity) RETURN r, b
}
WITH aid, r, b WHERE $year IS NULL OR b.year IS NULL OR b.year <= $year
RETURN aid, %s`, relTypeAlternatives(hemigraph.LineageAgainst), relTypeAlternatives(hemigraph.LineageAlong), ret)
}

// relTypeAlternatives writes relation types as a Cypher type alternation,
// "CITES|FOLLOWS_UP".
func relTypeAlternatives(ts []hemigraph.RelType) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = string(t)
	}
	return strings.Join(parts, "|")
}

// lineageExpandCypher reads ahead the relations the query asks for under
// the target and the entries.
var lineageExpandCypher = newStatement("lineageExpandCypher", `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, n.kind AS kind, {{Expand}} AS x`)

// Lineage returns the nodes from which a chain of at most q.MaxDepth
// lineage relations (hemigraph.LineageRelTypes) leads to the node q.ID,
// nearest first and by id, at most q.Limit of them, each with one shortest
// chain, and the relations q.Expand reads ahead.
//
// It walks breadth first from the target, one statement per level, all in
// one read transaction, and stops as soon as q.Limit entries are found: the
// cost follows the answer, not the size of everything upstream. A chain
// does not pass through a body (a standing body links everything it was
// ever asked to do; it may still end a chain), and a node dated after the
// target is left out. Errors wrap hemigraph.ErrNotFound when the node does
// not exist and hemigraph.ErrInvalid when the depth is out of
// 1..MaxLineageDepth.
func (s *Store) Lineage(ctx context.Context, q query.LineageQuery) (query.Lineage, error) {
	if q.MaxDepth < 1 || q.MaxDepth > query.MaxLineageDepth {
		return query.Lineage{}, fmt.Errorf("lineage depth %d (want 1..%d): %w", q.MaxDepth, query.MaxLineageDepth, hemigraph.ErrInvalid)
	}
	if err := q.Expand.Check(); err != nil {
		return query.Lineage{}, err
	}
	out, err := s.inTx(ctx, false, func(t tx) (any, error) { return lineage(t, q) })
	if err != nil {
		return query.Lineage{}, fmt.Errorf("lineage of %q: %w", q.ID, err)
	}
	return out.(query.Lineage), nil
}

// step is how a node was first reached: the relation, and the node on the
// target's side of it.
type step struct {
	rel  hemigraph.Relation
	from string
}

func lineage(t tx, q query.LineageQuery) (query.Lineage, error) {
	recs, err := t.run(lineageTargetCypher, map[string]any{"id": q.ID})
	if err != nil {
		return query.Lineage{}, err
	}
	if len(recs) == 0 {
		return query.Lineage{}, fmt.Errorf("node %q: %w", q.ID, hemigraph.ErrNotFound)
	}
	cv, _ := recs[0].Get("c")
	target := nodeFromMap(cv)
	var year any
	if y, ok := cv.(map[string]any)["year"]; ok {
		year = y
	}

	nodes := map[string]hemigraph.Node{target.ID: target}
	via := map[string]step{}
	var entries []hemigraph.LineageEntry
	frontier := []string{target.ID}
	for depth := 1; depth <= q.MaxDepth && len(frontier) > 0 && len(entries) < q.Limit; depth++ {
		recs, err := t.run(lineageStepCypher, map[string]any{"frontier": frontier, "year": year})
		if err != nil {
			return query.Lineage{}, err
		}
		type found struct {
			node hemigraph.Node
			st   step
		}
		var level []found
		for _, r := range recs {
			aid, _ := r.Get("aid")
			bv, _ := r.Get("b")
			rv, _ := r.Get("r")
			b := nodeFromMap(bv)
			if _, seen := nodes[b.ID]; seen {
				continue
			}
			level = append(level, found{b, step{relationFromMap(rv), asString(aid)}})
		}
		// One deterministic chain per node: the smallest (node, from, key).
		slices.SortFunc(level, func(x, y found) int {
			return cmp.Or(strings.Compare(x.node.ID, y.node.ID), strings.Compare(x.st.from, y.st.from),
				strings.Compare(x.st.rel.ID, y.st.rel.ID))
		})
		frontier = frontier[:0:0]
		for _, f := range level {
			if _, seen := nodes[f.node.ID]; seen || len(entries) >= q.Limit {
				continue
			}
			nodes[f.node.ID] = f.node
			via[f.node.ID] = f.st
			entries = append(entries, hemigraph.LineageEntry{Node: f.node, Distance: depth})
			if hemigraph.LineagePassesThrough(f.node.Kind) {
				frontier = append(frontier, f.node.ID)
			}
		}
	}
	for i := range entries {
		entries[i].Path = chain(entries[i].Node.ID, target.ID, via, nodes)
	}

	out := query.Lineage{Target: target, Entries: entries, Prefetch: query.Prefetch{}}
	if !q.Expand.Empty() {
		ids := []string{target.ID}
		for _, e := range entries {
			ids = append(ids, e.Node.ID)
		}
		p := newParams()
		p.m["ids"] = ids
		stmt, err := lineageExpandCypher.fill(frags{"Expand": expandCypher(q.Expand, "n", p)})
		if err != nil {
			return query.Lineage{}, err
		}
		recs, err := t.run(stmt, p.m)
		if err != nil {
			return query.Lineage{}, err
		}
		for _, r := range recs {
			id, _ := r.Get("id")
			kind, _ := r.Get("kind")
			x, _ := r.Get("x")
			decodeExpand(q.Expand, asString(id), hemigraph.Kind(asString(kind)), x, out.Prefetch)
		}
	}
	return out, nil
}

// chain follows the steps from id back to the target: the relations from
// the entry to the target, with both end nodes filled in.
func chain(id, target string, via map[string]step, nodes map[string]hemigraph.Node) []hemigraph.Relation {
	var path []hemigraph.Relation
	for id != target {
		st := via[id]
		r := st.rel
		r.FromNode, r.ToNode, r.Outgoing = nodes[r.From], nodes[r.To], true
		path = append(path, r)
		id = st.from
	}
	return path
}
