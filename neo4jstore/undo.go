package neo4jstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph"
)

// loadWritesCypher lists what a load created, changed and deleted. A
// change without op overwrote properties.
const loadWritesCypher = `
CALL () { MATCH (n:Entity {createdBy: $load}) RETURN collect(n.id) AS nodesCreated }
CALL () { MATCH (:Entity)-[r]->(:Entity) WHERE r.createdBy = $load RETURN collect(r.key) AS edgesCreated }
CALL () {
  MATCH (c:Change {load: $load})
  WITH c, c.op IS NOT NULL AS deleted
  RETURN collect(DISTINCT CASE WHEN c.entity = 'node' AND NOT deleted THEN c.id END) AS nodesChanged,
    collect(DISTINCT CASE WHEN c.entity = 'edge' AND NOT deleted THEN c.id END) AS edgesChanged,
    collect(DISTINCT CASE WHEN c.entity = 'node' AND deleted THEN c.id END) AS nodesDeleted,
    collect(DISTINCT CASE WHEN c.entity = 'edge' AND deleted THEN c.id END) AS edgesDeleted
}
RETURN nodesCreated, edgesCreated, nodesChanged, edgesChanged, nodesDeleted, edgesDeleted`

// LoadWrites returns what the load id created, changed and deleted, each list in
// id or key order. It returns an error wrapping hemigraph.ErrNotFound for
// an unknown load. It scans the relationships for those the load created.
func (s *Store) LoadWrites(ctx context.Context, id string) (hemigraph.LoadWrites, error) {
	if _, err := s.Load(ctx, id); err != nil {
		return hemigraph.LoadWrites{}, err
	}
	recs, err := s.read(ctx, loadWritesCypher, map[string]any{"load": id})
	if err != nil {
		return hemigraph.LoadWrites{}, fmt.Errorf("writes of load %s: %w", id, err)
	}
	r := recs[0]
	w := hemigraph.LoadWrites{NodesCreated: getStrings(r, "nodesCreated"), EdgesCreated: getStrings(r, "edgesCreated"),
		NodesChanged: getStrings(r, "nodesChanged"), EdgesChanged: getStrings(r, "edgesChanged"),
		NodesDeleted: getStrings(r, "nodesDeleted"), EdgesDeleted: getStrings(r, "edgesDeleted")}
	for _, l := range [][]string{w.NodesCreated, w.NodesChanged, w.NodesDeleted, w.EdgesCreated, w.EdgesChanged, w.EdgesDeleted} {
		slices.Sort(l)
	}
	return w, nil
}

// undoConflictsCypher lists what a later write did that undoing $load
// would lose, at most 10 lines. The last load to write an entity is
// coalesce(loadId, createdBy), since a create writes createdBy only (see
// internal/neo4jrows); where createdBy is $load, loadId <> $load says it.
const undoConflictsCypher = `
CALL () {
  MATCH (n:Entity {createdBy: $load}) WHERE n.loadId <> $load
  RETURN 'node ' + n.id + ' was changed by load ' + n.loadId AS line
  UNION ALL
  MATCH (n:Entity {createdBy: $load})-[r]-(:Entity) WHERE coalesce(r.createdBy, '') <> $load
  RETURN 'relationship ' + r.key + ' on node ' + n.id + ' was written by ' +
    CASE WHEN r.createdBy IS NULL THEN 'an unrecorded write' ELSE 'load ' + r.createdBy END AS line
  UNION ALL
  MATCH (:Entity)-[r]->(:Entity) WHERE r.createdBy = $load AND r.loadId <> $load
  RETURN 'relationship ' + r.key + ' was changed by load ' + r.loadId AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'node'}) WHERE c.op IS NULL
  OPTIONAL MATCH (n:Entity {id: c.id})
  WITH c, n, coalesce(n.loadId, n.createdBy) AS last WHERE n IS NULL OR last IS NULL OR last <> $load
  RETURN c.id + CASE WHEN n IS NULL THEN ' was deleted since'
    WHEN last IS NULL THEN ' was changed again by an unrecorded write'
    ELSE ' was changed again by load ' + last END AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'edge'}) WHERE c.op IS NULL
  OPTIONAL MATCH (:Entity {id: c.from})-[r {key: c.id}]->(:Entity {id: c.to})
  WITH c, r, coalesce(r.loadId, r.createdBy) AS last WHERE r IS NULL OR last IS NULL OR last <> $load
  RETURN c.id + CASE WHEN r IS NULL THEN ' was deleted since'
    WHEN last IS NULL THEN ' was changed again by an unrecorded write'
    ELSE ' was changed again by load ' + last END AS line
  UNION ALL
  MATCH (c:Change {op: 'deleted'})-[:BEFORE]->(:Snapshot {createdBy: $load})
  MATCH (l:Load {id: c.load}) WHERE l.id <> $load AND l.outcome <> 'undone'
  RETURN CASE c.entity WHEN 'node' THEN 'node ' ELSE 'relationship ' END + c.id + ' was deleted by load ' + c.load AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'node', op: 'deleted'})
  MATCH (n:Entity {id: c.id})
  WITH c, coalesce(n.loadId, n.createdBy) AS last
  RETURN 'node ' + c.id + ' was written again by ' +
    CASE WHEN last IS NULL THEN 'an unrecorded write' ELSE 'load ' + last END AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'edge', op: 'deleted'})
  MATCH (:Entity {id: c.from})-[r {key: c.id}]->(:Entity {id: c.to})
  WITH c, coalesce(r.loadId, r.createdBy) AS last
  RETURN 'relationship ' + c.id + ' was written again by ' +
    CASE WHEN last IS NULL THEN 'an unrecorded write' ELSE 'load ' + last END AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'edge', op: 'deleted'})
  UNWIND [c.from, c.to] AS end
  WITH c, end WHERE NOT EXISTS { MATCH (:Entity {id: end}) }
    AND NOT EXISTS { MATCH (:Change {load: $load, entity: 'node', op: 'deleted', id: end}) }
  RETURN 'relationship ' + c.id + ' cannot come back: node ' + end + ' is gone' AS line
}
RETURN DISTINCT line LIMIT 10`

// undoChangesCypher reads what a load changed or deleted, last change
// first, with the snapshot of what it deleted.
const undoChangesCypher = `
MATCH (c:Change {load: $load})
OPTIONAL MATCH (c)-[:BEFORE]->(b:Snapshot)
RETURN c{.*} AS c, properties(b) AS snapshot ORDER BY c.seq DESC`

// restoreNodeCypher puts a node's properties and labels back as they were.
// The labels are those of a kind (neo4jstore writes no others); the ones it
// has now are replaced.
const restoreNodeCypher = `
MATCH (n:Entity {id: $id})
REMOVE n:Resolution:Declaration:Convention:Report:PlanOfAction:Conference:Session:Body:Instrument
SET n = $props
SET n:$($labels)
RETURN n.id AS id`

// restoreEdgeCypher puts a relationship's properties back as they were.
const restoreEdgeCypher = `
MATCH (:Entity {id: $from})-[r {key: $key}]->(:Entity {id: $to})
SET r = $props
RETURN r.key AS key`

// recreateNodeCypher brings a deleted node back as it was (over the node
// of the same id a later write made, under force).
var recreateNodeCypher = strings.Replace(restoreNodeCypher, "MATCH (n:Entity {id: $id})", "MERGE (n:Entity {id: $id})", 1)

// recreateEdgeCypher brings a deleted relationship back as it was, when
// both its nodes are there.
const recreateEdgeCypher = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:$($type) {key: $key}]->(b)
SET r = $props
RETURN r.key AS key`

// deleteLoadEdgesCypher deletes the relationships a load created and
// returns the targets of the CITES among them, whose counters change.
const deleteLoadEdgesCypher = `
MATCH (:Entity)-[r]->(b:Entity) WHERE r.createdBy = $load
WITH r, b, type(r) = 'CITES' AS cites
DELETE r
RETURN count(*) AS deleted, collect(DISTINCT CASE WHEN cites THEN b.id END) AS cited`

// deleteLoadNodesCypher deletes the nodes a load created, with what is
// left on them (only under force), and returns the nodes they cited.
const deleteLoadNodesCypher = `
MATCH (n:Entity {createdBy: $load})
OPTIONAL MATCH (n)-[:CITES]->(b:Entity)
WITH n, collect(DISTINCT b.id) AS cited
DETACH DELETE n
RETURN count(n) AS deleted, reduce(all = [], c IN collect(cited) | all + c) AS cited`

// undoneCypher marks a load undone.
const undoneCypher = `MATCH (l:Load {id: $load}) SET l.outcome = $outcome, l.undone = $undone`

// Undo reverts the load id in one write transaction: it puts back what the
// load changed or deleted as it was, deletes what it created, recounts the
// citations that moved, and marks the load undone. It refuses, with an
// error wrapping hemigraph.ErrConflict that names what stands in the way,
// when a later load changed or deleted a record this one wrote, wrote a
// relationship on a node this one created, or wrote again what this one
// deleted; or when a relationship it deleted has lost a node — unless
// force, when those later writes go too (a relationship on a deleted node)
// or are overwritten, and what cannot come back stays away. Undoing a load
// twice is a conflict; an unknown load, hemigraph.ErrNotFound. Finding the
// relationships a load created scans the relationships, and finding the
// records a later load deleted scans the snapshots: undo is rare, and an
// index would slow every write.
func (s *Store) Undo(ctx context.Context, id string, force bool) (hemigraph.UndoResult, error) {
	rec, err := s.Load(ctx, id)
	if err != nil {
		return hemigraph.UndoResult{}, fmt.Errorf("undo load %s: %w", id, err)
	}
	if rec.Outcome == hemigraph.LoadUndone {
		return hemigraph.UndoResult{}, fmt.Errorf("undo load %s: %w: it is undone already", id, hemigraph.ErrConflict)
	}
	out, err := s.inTx(ctx, true, func(t tx) (any, error) { return undo(t, id, force) })
	if err != nil {
		return hemigraph.UndoResult{}, fmt.Errorf("undo load %s: %w", id, err)
	}
	return out.(hemigraph.UndoResult), nil
}

func undo(t tx, id string, force bool) (hemigraph.UndoResult, error) {
	var res hemigraph.UndoResult
	p := map[string]any{"load": id}
	recs, err := t.run(undoConflictsCypher, p)
	if err != nil {
		return res, err
	}
	if len(recs) > 0 && !force {
		lines := make([]string, len(recs))
		for i, r := range recs {
			v, _ := r.Get("line")
			lines[i] = asString(v)
		}
		return res, fmt.Errorf("%w: %s", hemigraph.ErrConflict, strings.Join(lines, "; "))
	}
	changes, err := t.run(undoChangesCypher, p)
	if err != nil {
		return res, err
	}
	var cited []string
	for _, r := range changes {
		v, _ := r.Get("c")
		c, _ := v.(map[string]any)
		deleted := asString(c["op"]) == "deleted"
		var before map[string]any
		if deleted {
			v, _ := r.Get("snapshot")
			before, _ = v.(map[string]any)
		} else if before, err = decodeProps(asString(c["before"])); err != nil {
			return res, fmt.Errorf("change of %s: %w", asString(c["id"]), err)
		}
		if asString(c["entity"]) == "edge" {
			q, p := restoreEdgeCypher, map[string]any{"from": c["from"], "to": c["to"], "key": c["id"], "props": before}
			if deleted {
				q, p["type"] = recreateEdgeCypher, c["type"]
				if c["type"] == string(hemigraph.RelCites) {
					cited = append(cited, asString(c["to"]))
				}
			}
			got, err := t.run(q, p)
			if err != nil {
				return res, err
			}
			res.EdgesRestored += len(got)
			continue
		}
		var labels []string
		for _, l := range asList(c["labels"]) {
			if l := asString(l); l != "Entity" {
				labels = append(labels, l)
			}
		}
		q := restoreNodeCypher
		if deleted {
			q = recreateNodeCypher
		}
		got, err := t.run(q, map[string]any{"id": c["id"], "props": before, "labels": labels})
		if err != nil {
			return res, err
		}
		res.NodesRestored += len(got)
	}
	for _, q := range []string{deleteLoadEdgesCypher, deleteLoadNodesCypher} {
		recs, err := t.run(q, p)
		if err != nil {
			return res, err
		}
		if len(recs) == 1 {
			n := getInt(recs[0], "deleted")
			if q == deleteLoadEdgesCypher {
				res.EdgesDeleted = n
			} else {
				res.NodesDeleted = n
			}
			cited = append(cited, getStrings(recs[0], "cited")...)
		}
	}
	if len(cited) > 0 {
		slices.Sort(cited)
		if err := recountCitedBy(t, slices.Compact(cited)); err != nil {
			return res, err
		}
	}
	_, err = t.exec(undoneCypher, map[string]any{"load": id, "outcome": hemigraph.LoadUndone,
		"undone": time.Now().UTC().Format(time.RFC3339Nano)})
	return res, err
}

// decodeProps reads the properties a change kept as JSON back into the
// values Neo4j holds: whole numbers as integers, lists of strings.
func decodeProps(s string) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	for k, v := range m {
		switch x := v.(type) {
		case json.Number:
			if n, err := x.Int64(); err == nil {
				m[k] = n
			} else if f, err := x.Float64(); err == nil {
				m[k] = f
			}
		case []any:
			l := make([]string, len(x))
			for i, e := range x {
				l[i] = fmt.Sprint(e)
			}
			m[k] = l
		}
	}
	return m, nil
}
