package neo4jstore

import (
	"context"
	"fmt"

	"github.com/hemigraph/hemigraph"
)

// catalogCypher returns what entity resolution needs: the nodes that are
// referred to by name (all but resolutions and reports), the nodes with the
// given ids or symbol keys, the FOLLOWS_UP edges, and the CONVENES edges
// from the given ids.
const catalogCypher = `
CALL () {
  MATCH (n:Entity) WHERE NOT n:Resolution AND NOT n:Report RETURN n
  UNION
  UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n
  UNION
  UNWIND $keys AS key MATCH (n:Entity {symbolKey: key}) RETURN n
}
WITH collect(n{.*}) AS nodes
CALL () {
  MATCH (a:Entity)-[r:FOLLOWS_UP]->(b:Entity)
  RETURN collect({fromId: a.id, toId: b.id, type: 'FOLLOWS_UP'}) AS follows
}
CALL () {
  UNWIND $ids AS id
  MATCH (a:Entity {id: id})-[r:CONVENES]->(b:Entity)
  RETURN collect({fromId: a.id, toId: b.id, type: 'CONVENES'}) AS convenes
}
RETURN nodes, follows + convenes AS edges`

// Catalog returns the nodes and edges that entity resolution matches
// references against (see catalogCypher).
func (s *Store) Catalog(ctx context.Context, ids, symbolKeys []string) ([]hemigraph.Node, []hemigraph.Edge, error) {
	recs, err := s.read(ctx, catalogCypher, map[string]any{"ids": nonNil(ids), "keys": nonNil(symbolKeys)})
	if err != nil {
		return nil, nil, fmt.Errorf("read catalog: %w", err)
	}
	nv, _ := recs[0].Get("nodes")
	ev, _ := recs[0].Get("edges")
	nl, _ := nv.([]any)
	el, _ := ev.([]any)
	nodes := make([]hemigraph.Node, len(nl))
	for i, v := range nl {
		nodes[i] = nodeFromMap(v)
	}
	edges := make([]hemigraph.Edge, len(el))
	for i, v := range el {
		m, _ := v.(map[string]any)
		edges[i] = hemigraph.Edge{From: asString(m["fromId"]), To: asString(m["toId"]), Type: hemigraph.RelType(asString(m["type"]))}
	}
	return nodes, edges, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const unresolvedCypher = `MATCH (n:Entity) WHERE n.unresolved = true RETURN n{.*} AS n ORDER BY n.id`

// Unresolved returns the placeholder nodes: those made from references that
// matched nothing when their document was loaded.
func (s *Store) Unresolved(ctx context.Context) ([]hemigraph.Node, error) {
	recs, err := s.read(ctx, unresolvedCypher, nil)
	if err != nil {
		return nil, fmt.Errorf("list placeholders: %w", err)
	}
	out := make([]hemigraph.Node, len(recs))
	for i, r := range recs {
		v, _ := r.Get("n")
		out[i] = nodeFromMap(v)
	}
	return out, nil
}

const edgesOfCypher = `
MATCH (n:Entity {id: $id})-[r]-(m)
RETURN DISTINCT {type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)} AS r`

// EdgesOf returns every edge from or to the node id, with its provenance.
func (s *Store) EdgesOf(ctx context.Context, id string) ([]hemigraph.Edge, error) {
	recs, err := s.read(ctx, edgesOfCypher, map[string]any{"id": id})
	if err != nil {
		return nil, fmt.Errorf("edges of %q: %w", id, err)
	}
	out := make([]hemigraph.Edge, len(recs))
	for i, r := range recs {
		v, _ := r.Get("r")
		m, _ := v.(map[string]any)
		out[i] = relationFrom(m["type"], m["fromId"], m["toId"], m["props"]).Edge
	}
	return out, nil
}
