package neo4jstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// neighbourhoodCypher finds the nearest Limit nodes within a depth of the
// centre (Found: neighboursCypher or nearestCypher), then the edges among
// those nodes and the centre. Centre and FoundNode are the lists of the
// properties printed of the centre c and of each node found f.n
// (nodeList), Props the list of the edges' properties (relPropList).
// Each node found is returned as its distance and its list, each edge as
// its type, the ids of its ends and its properties: lists, which the
// driver decodes for less than maps. The ends' ids are read once, from
// the nodes the edge was matched between, for the order and the answer.
var neighbourhoodCypher = newStatement("neighbourhoodCypher", `
MATCH (c:Entity {id: $id})
CALL (c) {
  {{Found}}
}
WITH c, found, [c] + [f IN found | f.n] AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b) WHERE b IN ns AND ($types IS NULL OR type(r) IN $types)
  WITH r, a.id AS fromId, b.id AS toId ORDER BY fromId, type(r), toId, r.key LIMIT $edgeLimit
  RETURN collect([type(r), fromId, toId, {{Props}}]) AS edges
}
RETURN {{Centre}} AS c, [f IN found | [f.d, {{FoundNode}}]] AS found, edges`)

// neighboursCypher finds the nodes one relation from the centre, as
// nearestCypher would at depth 1 but by expanding the centre's
// relationships: a shortest-path search costs more for the same answer
// (three times as much around a node with tens of thousands of them).
const neighboursCypher = `MATCH (c)-[r]-(m) WHERE m <> c AND ($types IS NULL OR type(r) IN $types)
  WITH DISTINCT m ORDER BY m.id LIMIT $limit
  RETURN collect({n: m, d: 1}) AS found`

// nearestCypher finds, with one breadth-first shortest-path search from
// the centre, the nearest nodes within Depth relations.
var nearestCypher = newStatement("nearestCypher", `MATCH p = ANY SHORTEST (c)(()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,{{Depth}}}(m)
  WHERE m <> c
  WITH m, length(p) AS d ORDER BY d, m.id LIMIT $limit
  RETURN collect({n: m, d: d}) AS found`)

// Neighbourhood returns the subgraph around q.ID in one statement. Errors
// wrap hemigraph.ErrNotFound when the node does not exist and
// hemigraph.ErrInvalid when the depth or limit is out of range.
func (s *Store) Neighbourhood(ctx context.Context, q query.NeighbourhoodQuery) (query.Subgraph, error) {
	if q.Depth < 1 || q.Depth > query.MaxNeighbourhoodDepth {
		return query.Subgraph{}, fmt.Errorf("neighbourhood depth %d (want 1..%d): %w", q.Depth, query.MaxNeighbourhoodDepth, hemigraph.ErrInvalid)
	}
	if q.Limit < 1 || q.Limit > query.MaxNeighbourhoodNodes {
		return query.Subgraph{}, fmt.Errorf("neighbourhood limit %d (want 1..%d): %w", q.Limit, query.MaxNeighbourhoodNodes, hemigraph.ErrInvalid)
	}
	types, err := typeList(q.Types)
	if err != nil {
		return query.Subgraph{}, err
	}
	edgeLimit := query.EdgesPerNode * q.Limit
	nearest := neighboursCypher
	if q.Depth > 1 {
		if nearest, err = nearestCypher.fill(frags{"Depth": strconv.Itoa(q.Depth)}); err != nil {
			return query.Subgraph{}, err
		}
	}
	stmt, err := neighbourhoodCypher.fill(frags{"Found": nearest,
		"Centre": nodeList("c", q.Props), "FoundNode": nodeList("f.n", q.Props), "Props": relPropList("r", q.RelProps)})
	if err != nil {
		return query.Subgraph{}, err
	}
	recs, err := s.read(ctx, stmt, map[string]any{
		"id": q.ID, "types": types, "limit": int64(q.Limit + 1), "edgeLimit": int64(edgeLimit + 1),
	})
	if err != nil {
		return query.Subgraph{}, fmt.Errorf("neighbourhood of %q: %w", q.ID, err)
	}
	if len(recs) == 0 {
		return query.Subgraph{}, fmt.Errorf("node %q: %w", q.ID, hemigraph.ErrNotFound)
	}
	r := recs[0] // c, found, edges
	var out query.Subgraph
	out.Nodes = append(out.Nodes, graphNode(nodeFromList(q.Props, r.Values[0]), 0))
	found := asList(r.Values[1])
	if len(found) > q.Limit {
		out.Truncated, found = true, found[:q.Limit]
	}
	in := map[string]bool{out.Nodes[0].ID: true}
	for _, f := range found { // distance, node
		l := asList(f)
		if len(l) < 2 {
			continue
		}
		n := graphNode(nodeFromList(q.Props, l[1]), asInt(l[0]))
		in[n.ID] = true
		out.Nodes = append(out.Nodes, n)
	}
	edges := asList(r.Values[2])
	if len(edges) > edgeLimit {
		out.Truncated, edges = true, edges[:edgeLimit]
	}
	for _, e := range edges { // type, start id, end id, properties
		l := asList(e)
		if len(l) < 4 {
			continue
		}
		rel := relationFromList(l[0], l[1], l[2], q.RelProps, l[3])
		rel.Outgoing = true
		// The node limit may drop a node the edges were read for.
		if in[rel.From] && in[rel.To] {
			out.Edges = append(out.Edges, rel)
		}
	}
	return out, nil
}

func graphNode(n hemigraph.Node, distance int) query.GraphNode {
	return query.GraphNode{Node: n, Distance: distance, CitedByCount: n.CitedByCount}
}

// typeList returns the types as a statement parameter: a list of
// strings, or null (an untyped nil, which the driver sends as null rather
// than as an empty list) for every type.
func typeList(types []hemigraph.RelType) (any, error) {
	if len(types) == 0 {
		return nil, nil
	}
	out := make([]string, len(types))
	for i, t := range types {
		if !t.Valid() {
			return nil, fmt.Errorf("relation type %q: %w", t, hemigraph.ErrInvalid)
		}
		out[i] = string(t)
	}
	return out, nil
}

// pathsCypher finds up to MaxPaths shortest paths over relations in either
// direction of at most DEPTH relations (one prepared statement per depth),
// and keeps the shortest $limit, in length then id order.
var pathsCypher = newStatement("pathsCypher", `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST {{MaxPaths}} (a)(()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,{{Depth}}}(b)
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id] LIMIT $limit
  RETURN collect({nodes: [n IN nodes(p) | n`+nodeFields+`],
    rels: [i IN range(0, length(p) - 1) | {type: type(relationships(p)[i]),
      from: `+nodeOf("startNode(relationships(p)[i])")+`, to: `+nodeOf("endNode(relationships(p)[i])")+`,
      props: properties(relationships(p)[i]), outgoing: startNode(relationships(p)[i]) = nodes(p)[i]}]}) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`)

var pathsStatements = func() map[int]string {
	m := make(map[int]string, query.MaxPathDepth)
	for d := 1; d <= query.MaxPathDepth; d++ {
		m[d] = mustFill(pathsCypher, frags{"Depth": strconv.Itoa(d), "MaxPaths": strconv.Itoa(query.MaxPaths)})
	}
	return m
}()

// Paths returns the shortest paths from q.From to q.To, shortest first, in
// one statement. Errors wrap hemigraph.ErrNotFound when either node does
// not exist and hemigraph.ErrInvalid for arguments out of range.
func (s *Store) Paths(ctx context.Context, q query.PathsQuery) ([]query.Path, error) {
	stmt, ok := pathsStatements[q.MaxDepth]
	if !ok {
		return nil, fmt.Errorf("path depth %d (want 1..%d): %w", q.MaxDepth, query.MaxPathDepth, hemigraph.ErrInvalid)
	}
	if q.First < 1 || q.First > query.MaxPaths {
		return nil, fmt.Errorf("paths first %d (want 1..%d): %w", q.First, query.MaxPaths, hemigraph.ErrInvalid)
	}
	if q.From == q.To {
		return nil, fmt.Errorf("paths from %q to itself: %w", q.From, hemigraph.ErrInvalid)
	}
	types, err := typeList(q.Types)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, stmt, map[string]any{"from": q.From, "to": q.To, "types": types, "limit": int64(q.First)})
	if err != nil {
		return nil, fmt.Errorf("paths from %q to %q: %w", q.From, q.To, err)
	}
	r := recs[0]
	for _, end := range []struct{ key, id string }{{"fromFound", q.From}, {"toFound", q.To}} {
		if v, _ := r.Get(end.key); v != true {
			return nil, fmt.Errorf("node %q: %w", end.id, hemigraph.ErrNotFound)
		}
	}
	var out []query.Path
	for _, m := range listOfMaps(r, "paths") {
		var p query.Path
		nl, _ := m["nodes"].([]any)
		for _, n := range nl {
			p.Nodes = append(p.Nodes, nodeFromMap(n))
		}
		rl, _ := m["rels"].([]any)
		for _, x := range rl {
			p.Relations = append(p.Relations, relationFromMap(x))
		}
		out = append(out, p)
	}
	return out, nil
}
