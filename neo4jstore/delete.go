package neo4jstore

import (
	"context"
	"fmt"
	"time"

	"github.com/hemigraph/hemigraph"
)

// Deletes under a recorded load (hemigraph.WithLoad) keep what they
// remove: each deleted node or relationship leaves a (:Change {op:
// 'deleted'}) node, with the node's labels or the relationship's type and
// endpoints, pointing to a (:Snapshot) node that holds its properties as
// they were, values and types exact. The relationships are recorded at
// $seq and the nodes at $seq + 1, so that an undo, which goes back through
// a load's changes last first, brings the nodes back before their
// relationships. Without a load, the record fragment does nothing.

// recordDeletedEdges is the fragment that records the relationships of
// the list rels, in scope, as deleted by $load.
const recordDeletedEdges = `
CALL (rels) {
  UNWIND CASE WHEN $load IS NULL THEN [] ELSE rels END AS r
  CREATE (c:Change {load: $load, seq: $seq, entity: 'edge', op: 'deleted', id: r.key,
    from: startNode(r).id, to: endNode(r).id, type: type(r)})-[:BEFORE]->(b:Snapshot)
  SET b = properties(r)
}`

// deleteEdgesTail records and deletes the relationships of rels, keeping
// what else is in scope, and adds cited: the targets of the CITES among
// them, whose counters change.
const deleteEdgesTail = `
WITH *, [r IN rels WHERE type(r) = 'CITES' | endNode(r).id] AS cited` + recordDeletedEdges + `
FOREACH (r IN rels | DELETE r)`

// deleteNodesCypher deletes nodes and their relationships.
const deleteNodesCypher = `
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS n
  MATCH (n)-[r]-()
  RETURN collect(DISTINCT r) AS rels
}
WITH nodes, rels` + deleteEdgesTail + `
WITH nodes, rels, cited
CALL (nodes) {
  UNWIND CASE WHEN $load IS NULL THEN [] ELSE nodes END AS n
  CREATE (c:Change {load: $load, seq: $seq + 1, entity: 'node', op: 'deleted', id: n.id,
    labels: labels(n)})-[:BEFORE]->(b:Snapshot)
  SET b = properties(n)
}
FOREACH (n IN nodes | DELETE n)
RETURN size(nodes) AS nodes, size(rels) AS edges, cited`

// DeleteNodes deletes the nodes with the given ids and their relationships,
// and recounts the citations of the nodes they cited, in one transaction.
// Unknown ids are ignored. Under a recorded load what it deletes is kept,
// so that undoing the load brings it back.
func (s *Store) DeleteNodes(ctx context.Context, ids []string) (hemigraph.DeleteCounts, error) {
	out, err := s.inTx(ctx, true, func(t tx) (any, error) {
		recs, err := t.run(deleteNodesCypher, map[string]any{"ids": ids, "load": loadParam(ctx), "seq": time.Now().UnixNano()})
		if err != nil {
			return hemigraph.DeleteCounts{}, err
		}
		r := recs[0]
		if cited := getStrings(r, "cited"); len(cited) > 0 {
			if err := recountCitedBy(t, cited); err != nil {
				return hemigraph.DeleteCounts{}, err
			}
		}
		return hemigraph.DeleteCounts{Nodes: getInt(r, "nodes"), Edges: getInt(r, "edges")}, nil
	})
	if err != nil {
		return hemigraph.DeleteCounts{}, fmt.Errorf("delete %d nodes: %w", len(ids), err)
	}
	return out.(hemigraph.DeleteCounts), nil
}

// deleteEdgesCypher deletes the relationships that $refs select.
const deleteEdgesCypher = `
UNWIND $refs AS ref
MATCH (:Entity {id: ref.from})-[r]->(:Entity {id: ref.to})
WHERE (ref.type IS NULL OR type(r) = ref.type) AND (ref.key IS NULL OR r.key = ref.key)
WITH collect(DISTINCT r) AS rels` + deleteEdgesTail + `
RETURN size(rels) AS deleted, cited`

// DeleteEdges deletes the relationships refs select, and recounts the
// citations of the nodes they cited, in one transaction, and returns how
// many it deleted. Under a recorded load what it deletes is kept, so that
// undoing the load brings it back.
func (s *Store) DeleteEdges(ctx context.Context, refs []hemigraph.EdgeRef) (int, error) {
	rows := make([]map[string]any, len(refs))
	for i, r := range refs {
		rows[i] = map[string]any{"from": r.From, "to": r.To, "type": nullable(string(r.Type)), "key": nullable(r.Key)}
	}
	n, err := s.deleteEdges(ctx, deleteEdgesCypher, map[string]any{"refs": rows})
	if err != nil {
		return 0, fmt.Errorf("delete the relations of %d references: %w", len(refs), err)
	}
	return n, nil
}

// deleteEdges runs a statement ending in deleteEdgesTail, then recounts
// the citations it changed, in one transaction.
func (s *Store) deleteEdges(ctx context.Context, q string, p map[string]any) (int, error) {
	p["load"], p["seq"] = loadParam(ctx), time.Now().UnixNano()
	n, err := s.inTx(ctx, true, func(t tx) (any, error) {
		recs, err := t.run(q, p)
		if err != nil || len(recs) == 0 {
			return 0, err
		}
		if cited := getStrings(recs[0], "cited"); len(cited) > 0 {
			if err := recountCitedBy(t, cited); err != nil {
				return 0, err
			}
		}
		return getInt(recs[0], "deleted"), nil
	})
	if err != nil {
		return 0, err
	}
	return n.(int), nil
}

// deleteStaleEdgesCypher deletes the relationships a document stated
// (document = $document) that are not among $keep: those from the
// document's node, and those among the nodes it points to (PART_OF,
// FOLLOWS_UP), which it stated too.
const deleteStaleEdgesCypher = `
MATCH (d:Entity {id: $document})
CALL (d) {
  MATCH (d)-[r]->()
  WHERE r.document = $document AND NOT r.key IN $keep
  RETURN r
  UNION
  MATCH (d)-->(x:Entity)-[r]-()
  WHERE r.document = $document AND NOT r.key IN $keep
  RETURN r
}
WITH collect(DISTINCT r) AS rels` + deleteEdgesTail + `
RETURN size(rels) AS deleted, cited`

// DeleteStaleEdges deletes the relationships that document stated in an
// earlier load and no longer states — the reading of its text changed —
// keeping those whose keys are in keep, and recounts the citations of the
// nodes it stops citing, in one transaction. It returns how many it
// deleted. Under a recorded load what it deletes is kept, so that undoing
// the load brings it back.
func (s *Store) DeleteStaleEdges(ctx context.Context, document string, keep []string) (int, error) {
	if keep == nil {
		keep = []string{}
	}
	n, err := s.deleteEdges(ctx, deleteStaleEdgesCypher, map[string]any{"document": document, "keep": keep})
	if err != nil {
		return 0, fmt.Errorf("delete stale edges of %s: %w", document, err)
	}
	return n, nil
}
