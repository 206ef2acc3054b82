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

// loadWritesCypher lists what a load created and changed.
const loadWritesCypher = `
CALL () { MATCH (n:Entity {createdBy: $load}) RETURN collect(n.id) AS nodesCreated }
CALL () { MATCH (:Entity)-[r]->(:Entity) WHERE r.createdBy = $load RETURN collect(r.key) AS edgesCreated }
CALL () {
  MATCH (c:Change {load: $load})
  RETURN collect(DISTINCT CASE c.entity WHEN 'node' THEN c.id END) AS nodesChanged,
    collect(DISTINCT CASE c.entity WHEN 'edge' THEN c.id END) AS edgesChanged
}
RETURN nodesCreated, edgesCreated, nodesChanged, edgesChanged`

// LoadWrites returns what the load id created and changed, each list in
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
		NodesChanged: getStrings(r, "nodesChanged"), EdgesChanged: getStrings(r, "edgesChanged")}
	for _, l := range [][]string{w.NodesCreated, w.NodesChanged, w.EdgesCreated, w.EdgesChanged} {
		slices.Sort(l)
	}
	return w, nil
}

// undoConflictsCypher lists what a later write did that undoing $load
// would lose, at most 10 lines.
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
  MATCH (c:Change {load: $load, entity: 'node'})
  MATCH (n:Entity {id: c.id}) WHERE n.loadId <> $load
  RETURN c.id + ' was changed again by load ' + n.loadId AS line
  UNION ALL
  MATCH (c:Change {load: $load, entity: 'edge'})
  MATCH (:Entity {id: c.from})-[r {key: c.id}]->(:Entity {id: c.to}) WHERE r.loadId <> $load
  RETURN c.id + ' was changed again by load ' + r.loadId AS line
}
RETURN DISTINCT line LIMIT 10`

// undoChangesCypher reads what a load changed, last change first.
const undoChangesCypher = `
MATCH (c:Change {load: $load})
RETURN c{.*} AS c ORDER BY c.seq DESC`

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

// Undo reverts the load id in one write transaction: it deletes what the
// load created and puts back what it changed as it was, recounts the
// citations that moved, and marks the load undone. It refuses, with an
// error wrapping hemigraph.ErrConflict that names what stands in the way,
// when a later load changed a record this one wrote, or wrote a
// relationship on a node this one created — unless force, when those later
// writes go too (a relationship on a deleted node) or are overwritten.
// Undoing a load twice is a conflict; an unknown load, hemigraph.ErrNotFound.
// Finding the relationships a load created scans the relationships: undo
// is rare, and an index would slow every write.
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
	for _, r := range changes {
		v, _ := r.Get("c")
		c, _ := v.(map[string]any)
		before, err := decodeProps(asString(c["before"]))
		if err != nil {
			return res, fmt.Errorf("change of %s: %w", asString(c["id"]), err)
		}
		if asString(c["entity"]) == "edge" {
			got, err := t.run(restoreEdgeCypher, map[string]any{"from": c["from"], "to": c["to"], "key": c["id"], "props": before})
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
		got, err := t.run(restoreNodeCypher, map[string]any{"id": c["id"], "props": before, "labels": labels})
		if err != nil {
			return res, err
		}
		res.NodesRestored += len(got)
	}
	var cited []string
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
