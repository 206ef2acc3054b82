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

// A lineage step takes one step back along the flow of influence from
// every node of the frontier, by the domain's rule (hemigraph.LineageStep):
// against the relation types of hemigraph.LineageAgainst, along those of
// hemigraph.LineageAlong. A node dated after the target did not lead to it
// (hemigraph.LineageDated) and is not stepped onto. The types are the
// domain's constants, written into the text once, at start.
//
// Each step returns, for every relation of the level, the frontier node it
// was reached from, the node stepped onto and the relation, with the
// properties the answer prints: the walk keeps the first relation to each
// node not reached before, and reading the kept ones afterwards by id
// would cost one statement more per walk.
//
// lineageFirstCypher reads the target and takes the first step from it, so
// that a walk costs one statement per level: its one row (none when there
// is no such node) holds the target, its year, and the level as a list.
// lineageStepCypher takes the next steps, one row per relation. In both,
// Node is the projection of the target the answer prints (nodeProjection),
// NodeList that of the nodes stepped onto (nodeList), Props that of the
// relations' properties (relPropList).
var (
	lineageFirstCypher = newStatement("lineageFirstCypher", `
MATCH (c:Entity {id: $id})
CALL (c) {
  `+lineageFrom("c", "c", "c.year")+`
  RETURN collect([c.id, `+lineageColumns+`]) AS level
}
RETURN c{{Node}} AS c, c.year AS year, level`)
	lineageStepCypher = newStatement("lineageStepCypher", `
UNWIND $frontier AS aid
MATCH (a:Entity {id: aid})
`+lineageFrom("a", "aid", "$year")+`
RETURN aid, `+lineageColumns)
)

// lineageColumns are what a step returns of each relation after the
// frontier node: the node stepped onto as the answer prints it (nodeList,
// its id and kind first), and the relation (its type, whether it starts
// at the frontier node, its properties with its key), as reachedOf reads
// them. The ids of the relation's ends are those of the two nodes, which
// the direction orders. Columns and lists rather than maps: a walk of
// depth 6 returns hundreds of rows, and the driver decodes each map's
// keys anew.
const lineageColumns = `{{NodeList}}, type(r), outgoing, {{Props}}`

// lineageFrom matches the relations r of one lineage step back from the
// node a to the node b, leaving out the nodes dated after year, and keeps
// the variable keep beside r, b and outgoing (whether r starts at a).
func lineageFrom(a, keep, year string) string {
	return fmt.Sprintf(`CALL (%[1]s) {
    MATCH (%[1]s)-[r:%[2]s]->(b:Entity) RETURN r, b, true AS outgoing
    UNION ALL
    MATCH (%[1]s)<-[r:%[3]s]-(b:Entity) RETURN r, b, false AS outgoing
  }
  WITH %[5]s, r, b, outgoing WHERE %[4]s IS NULL OR b.year IS NULL OR b.year <= %[4]s`,
		a, relTypeAlternatives(hemigraph.LineageAgainst), relTypeAlternatives(hemigraph.LineageAlong), year, keep)
}

// lineageExpandCypher reads what the query reads ahead around the target
// and the entries (Expand): run only when it reads something.
var lineageExpandCypher = newStatement("lineageExpandCypher", `
UNWIND $ids AS id MATCH (n:Entity {id: id})
RETURN n.id AS id, {{Expand}} AS x`)

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
// nearest first and by id, at most q.Limit of them, each with the first
// relation of one shortest chain (hemigraph.LineageEntry), and the
// relations q.Expand reads ahead.
//
// It walks breadth first from the target, one statement per level (the
// first also reads the target), all in one read transaction, and stops as
// soon as q.Limit entries are found: the cost follows the answer, not the
// size of everything upstream. A chain does not pass through a body (a
// standing body links everything it was ever asked to do; it may still end
// a chain), and a node dated after the target is left out. What q.Expand
// reads ahead takes one statement more. Errors wrap hemigraph.ErrNotFound
// when the node does not exist and hemigraph.ErrInvalid when the depth is
// out of 1..MaxLineageDepth.
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

// step is how a node was first reached: the node on the target's side of
// the relation, and the relation, its key and its edge (the answer fills
// in the end nodes).
type step struct {
	from string
	key  string
	edge hemigraph.Edge
}

// reached is a node a step reached: the columns of lineageColumns after
// the frontier node.
type reached struct {
	node hemigraph.Node
	st   step
}

// reachedOf reads one relation of a step: from, then lineageColumns, the
// node's properties props and the relationship's relProps.
func reachedOf(props query.NodeProps, relProps query.RelProps, from any, cols []any) reached {
	n, a := nodeFromList(props, cols[0]), asString(from)
	outgoing, _ := cols[2].(bool)
	start, end := ends(a, n.ID, outgoing)
	rel := relationFromList(cols[1], start, end, relProps, cols[3])
	return reached{node: n, st: step{from: a, key: rel.ID, edge: rel.Edge}}
}

// entry is a node the walk keeps: how it was reached, and at what distance.
type entry struct {
	reached
	distance int
}

// walk is what a lineage has found: the entries nearest first and by id,
// and each one's place among them by id (-1 for the target). One map of
// small values: a map of the entries themselves, as large as they are,
// would allocate each one apart.
type walk struct {
	target  hemigraph.Node
	entries []entry
	at      map[string]int
}

// node returns the target or the entry of id.
func (w *walk) node(id string) hemigraph.Node {
	i, ok := w.at[id]
	switch {
	case !ok:
		return hemigraph.Node{}
	case i < 0:
		return w.target
	}
	return w.entries[i].node
}

// seen reports whether the walk has reached id, or id is the target.
func (w *walk) seen(id string) bool {
	_, ok := w.at[id]
	return ok
}

// answer returns the walk's entries, each with the first relation of its
// chain, both end nodes filled in.
func (w *walk) answer() []hemigraph.LineageEntry {
	out := make([]hemigraph.LineageEntry, len(w.entries))
	for i, e := range w.entries {
		via := hemigraph.Relation{ID: e.st.key, Edge: e.st.edge, FromNode: w.node(e.st.edge.From), ToNode: w.node(e.st.edge.To), Outgoing: true}
		out[i] = hemigraph.LineageEntry{Node: e.node, Distance: e.distance, Via: via}
	}
	return out
}

func lineage(t tx, q query.LineageQuery) (query.Lineage, error) {
	proj := frags{"Node": nodeProjection(q.Props), "NodeList": nodeList("b", q.Props), "Props": relPropList("r", q.RelProps)}
	first, err := lineageFirstCypher.fill(proj)
	if err != nil {
		return query.Lineage{}, err
	}
	next, err := lineageStepCypher.fill(frags{"NodeList": proj["NodeList"], "Props": proj["Props"]})
	if err != nil {
		return query.Lineage{}, err
	}
	recs, err := t.run(first, map[string]any{"id": q.ID})
	if err != nil {
		return query.Lineage{}, err
	}
	if len(recs) == 0 {
		return query.Lineage{}, fmt.Errorf("node %q: %w", q.ID, hemigraph.ErrNotFound)
	}
	// c, year, level: lineageFirstCypher's columns.
	target, year := nodeFromMap(recs[0].Values[0]), recs[0].Values[1]
	var level []reached
	for _, v := range asList(recs[0].Values[2]) {
		cols := asList(v)
		level = append(level, reachedOf(q.Props, q.RelProps, cols[0], cols[1:]))
	}

	w := walk{target: target, at: map[string]int{target.ID: -1}}
	for depth := 1; ; depth++ {
		// One deterministic chain per node: the smallest (node, from, key).
		slices.SortFunc(level, func(x, y reached) int {
			return cmp.Or(strings.Compare(x.node.ID, y.node.ID), strings.Compare(x.st.from, y.st.from), strings.Compare(x.st.key, y.st.key))
		})
		var frontier []string
		for _, f := range level {
			if w.seen(f.node.ID) || len(w.entries) >= q.Limit {
				continue
			}
			w.at[f.node.ID] = len(w.entries)
			w.entries = append(w.entries, entry{reached: f, distance: depth})
			if hemigraph.LineagePassesThrough(f.node.Kind) {
				frontier = append(frontier, f.node.ID)
			}
		}
		if depth == q.MaxDepth || len(frontier) == 0 || len(w.entries) >= q.Limit {
			break
		}
		recs, err := t.run(next, map[string]any{"frontier": frontier, "year": year})
		if err != nil {
			return query.Lineage{}, err
		}
		level = level[:0]
		for _, r := range recs { // aid, then lineageColumns
			if f := reachedOf(q.Props, q.RelProps, r.Values[0], r.Values[1:]); !w.seen(f.node.ID) {
				level = append(level, f)
			}
		}
	}
	out := query.Lineage{Target: target, Prefetch: query.Prefetch{}}
	ids := make([]string, 1+len(w.entries))
	ids[0] = target.ID
	for i, e := range w.entries {
		ids[1+i] = e.node.ID
	}
	if err := expandLineage(t, q.Expand, ids, w.node, q.Props, out.Prefetch); err != nil {
		return query.Lineage{}, err
	}
	out.Entries = w.answer()
	return out, nil
}

// expandLineage reads, in one statement, the relations e reads ahead
// around the nodes ids (node returns each, read with the properties
// props), into prefetch; nothing when e reads nothing.
func expandLineage(t tx, e *query.Expand, ids []string, node func(id string) hemigraph.Node, props query.NodeProps, prefetch query.Prefetch) error {
	if e.Empty() {
		return nil
	}
	p := newParams()
	stmt, err := lineageExpandCypher.fill(frags{"Expand": expandCypher(e, "n", p)})
	if err != nil {
		return err
	}
	p.m["ids"] = ids
	recs, err := t.run(stmt, p.m)
	if err != nil {
		return err
	}
	for _, r := range recs { // id, x
		decodeExpand(e, node(asString(r.Values[0])), props, r.Values[1], prefetch)
	}
	return nil
}
