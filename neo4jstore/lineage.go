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
//
// A step returns only what the walk decides on — the node's id and kind,
// the relation's key and element id — for every relation of the level,
// most of them to nodes already reached; the properties of the nodes and
// relations kept are read once, at the end (lineageHydrateCypher).
var lineageStepCypher = lineageStep("b.id AS id, b.kind AS kind, r.key AS key, elementId(r) AS eid")

// lineageHydrateCypher reads the properties of the target's and the
// entries' nodes, with the relations the query reads ahead under them
// (Expand, "null" when none), and those of the relations of their chains,
// by the element ids the walk's steps returned in the same transaction.
var lineageHydrateCypher = newStatement("lineageHydrateCypher", `
CALL () { UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN collect({n: n`+nodeFields+`, x: {{Expand}}}) AS nodes }
CALL () {
  UNWIND $rels AS eid MATCH ()-[r]->() WHERE elementId(r) = eid
  RETURN collect({eid: eid, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}) AS rels
}
RETURN nodes, rels`)

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

// step is how a node was first reached: the relation (its key and element
// id; the rest is read at the end), and the node on the target's side of it.
type step struct {
	key, eid string
	from     string
	rel      hemigraph.Relation
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

	reached := map[string]bool{target.ID: true}
	via := map[string]step{}
	var ids []string // the entries' nodes, nearest first and by id
	distance := map[string]int{}
	frontier := []string{target.ID}
	for depth := 1; depth <= q.MaxDepth && len(frontier) > 0 && len(ids) < q.Limit; depth++ {
		recs, err := t.run(lineageStepCypher, map[string]any{"frontier": frontier, "year": year})
		if err != nil {
			return query.Lineage{}, err
		}
		type found struct {
			id   string
			kind hemigraph.Kind
			st   step
		}
		var level []found
		for _, r := range recs { // aid, id, kind, key, eid: lineageStepCypher's columns
			id := asString(r.Values[1])
			if reached[id] {
				continue
			}
			level = append(level, found{id, hemigraph.Kind(asString(r.Values[2])),
				step{key: asString(r.Values[3]), eid: asString(r.Values[4]), from: asString(r.Values[0])}})
		}
		// One deterministic chain per node: the smallest (node, from, key).
		slices.SortFunc(level, func(x, y found) int {
			return cmp.Or(strings.Compare(x.id, y.id), strings.Compare(x.st.from, y.st.from), strings.Compare(x.st.key, y.st.key))
		})
		frontier = frontier[:0:0]
		for _, f := range level {
			if reached[f.id] || len(ids) >= q.Limit {
				continue
			}
			reached[f.id] = true
			via[f.id] = f.st
			ids = append(ids, f.id)
			distance[f.id] = depth
			if hemigraph.LineagePassesThrough(f.kind) {
				frontier = append(frontier, f.id)
			}
		}
	}
	out := query.Lineage{Target: target, Prefetch: query.Prefetch{}}
	nodes, err := hydrateLineage(t, q.Expand, target, ids, via, out.Prefetch)
	if err != nil {
		return query.Lineage{}, err
	}
	entries := make([]hemigraph.LineageEntry, len(ids))
	for i, id := range ids {
		entries[i] = hemigraph.LineageEntry{Node: nodes[id], Distance: distance[id], Path: chain(id, target.ID, via, nodes)}
	}

	out.Entries = entries
	return out, nil
}

// hydrateLineage reads, in one statement, the properties of the target's
// and the entries' nodes, with the relations e reads ahead under them (into
// prefetch), and of the relation that reached each entry (via, filled in).
func hydrateLineage(t tx, e *query.Expand, target hemigraph.Node, ids []string, via map[string]step, prefetch query.Prefetch) (map[string]hemigraph.Node, error) {
	nodes := map[string]hemigraph.Node{target.ID: target}
	if len(ids) == 0 && e.Empty() {
		return nodes, nil
	}
	eids := make([]string, len(ids))
	for i, id := range ids {
		eids[i] = via[id].eid
	}
	p := newParams()
	stmt, err := lineageHydrateCypher.fill(frags{"Expand": expandCypher(e, "n", p)})
	if err != nil {
		return nil, err
	}
	p.m["ids"], p.m["rels"] = append([]string{target.ID}, ids...), eids
	recs, err := t.run(stmt, p.m)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("lineage: %d rows reading the entries, want 1", len(recs))
	}
	nv, _ := recs[0].Get("nodes")
	for _, v := range asList(nv) {
		m, _ := v.(map[string]any)
		n := nodeFromMap(m["n"])
		if n.ID != target.ID {
			nodes[n.ID] = n
		}
		if !e.Empty() {
			decodeExpand(e, n.ID, n.Kind, m["x"], prefetch)
		}
	}
	rels := map[string]hemigraph.Relation{}
	rv, _ := recs[0].Get("rels")
	for _, v := range asList(rv) {
		m, _ := v.(map[string]any)
		rels[asString(m["eid"])] = relationFromMap(v)
	}
	for _, id := range ids {
		st := via[id]
		r, ok := rels[st.eid]
		if _, found := nodes[id]; !found || !ok {
			return nil, fmt.Errorf("lineage: node %q or the relation that reached it changed while it was read", id)
		}
		st.rel = r
		via[id] = st
	}
	return nodes, nil
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
