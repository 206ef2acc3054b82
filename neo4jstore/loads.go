package neo4jstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A recorded load (hemigraph.WithLoad) is a (:Load) node holding its
// record; what it creates carries createdBy, what it changes loadId (the
// last load to write an entity is coalesce(loadId, createdBy)), and each
// change leaves a (:Change) node with what it overwrote:
// the properties (and labels) before, as JSON, since a property cannot be
// a map. Load and Change nodes are not entities: no read of the contract
// sees them.

// loadParam is the $load parameter of the write statements: the load id of
// ctx, or null.
func loadParam(ctx context.Context) any {
	if id := hemigraph.LoadOf(ctx); id != "" {
		return id
	}
	return nil
}

// recordChangesCypher keeps what one write of a load overwrote.
const recordChangesCypher = `
UNWIND $changes AS c
CREATE (:Change {load: $load, seq: c.seq, entity: c.entity, id: c.id, from: c.from, to: c.to,
  labels: c.labels, before: c.before})`

// recordChanges records the rows a read listed under "before" (maps with
// id, props, and labels for a node or from and to for a relationship) as
// changes of load.
func recordChanges(t tx, load string, before []any) error {
	if len(before) == 0 {
		return nil
	}
	base := time.Now().UnixNano()
	rows := make([]map[string]any, 0, len(before))
	for i, b := range before {
		m, _ := b.(map[string]any)
		props, err := json.Marshal(m["props"])
		if err != nil {
			return fmt.Errorf("record the changes of load %s: %w", load, err)
		}
		row := map[string]any{"seq": base + int64(i), "id": m["id"], "before": string(props),
			"entity": "node", "from": nil, "to": nil, "labels": nil}
		if _, ok := m["from"]; ok {
			row["entity"], row["from"], row["to"] = "edge", m["from"], m["to"]
		} else {
			row["labels"] = m["labels"]
		}
		rows = append(rows, row)
	}
	_, err := t.exec(recordChangesCypher, map[string]any{"load": load, "changes": rows})
	return err
}

// beginLoadCypher creates the record of a load.
const beginLoadCypher = `
CREATE (l:Load {id: $id, by: $by, started: $started, inputs: $inputs, options: $options, outcome: $outcome})`

// BeginLoad records the start of a load. It returns an error wrapping
// hemigraph.ErrInvalid when the record has no id, or hemigraph.ErrConflict
// when a load of that id exists.
func (s *Store) BeginLoad(ctx context.Context, rec hemigraph.LoadRecord) error {
	if rec.ID == "" {
		return fmt.Errorf("begin load: no id: %w", hemigraph.ErrInvalid)
	}
	inputs, _ := json.Marshal(rec.Inputs)
	options, _ := json.Marshal(rec.Options)
	outcome := rec.Outcome
	if outcome == "" {
		outcome = hemigraph.LoadRunning
	}
	_, err := s.write(ctx, beginLoadCypher, map[string]any{"id": rec.ID, "by": rec.By,
		"started": rec.Started.UTC().Format(time.RFC3339Nano), "inputs": string(inputs), "options": string(options), "outcome": outcome})
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && strings.Contains(nerr.Code, "ConstraintValidationFailed") {
		return fmt.Errorf("begin load %s: %w: it exists", rec.ID, hemigraph.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("begin load %s: %w", rec.ID, err)
	}
	return nil
}

// finishLoadCypher records how a load ended.
const finishLoadCypher = `
MATCH (l:Load {id: $id})
SET l.finished = $finished, l.nodes = $nodes, l.edges = $edges, l.invalid = $invalid,
  l.outcome = $outcome, l.error = $error
RETURN l.id AS id`

// FinishLoad records how a load ended: its counts, outcome and finish
// time. It returns an error wrapping hemigraph.ErrNotFound for a load
// never begun.
func (s *Store) FinishLoad(ctx context.Context, rec hemigraph.LoadRecord) error {
	nodes, _ := json.Marshal(rec.Nodes)
	edges, _ := json.Marshal(rec.Edges)
	recs, err := s.write(ctx, finishLoadCypher, map[string]any{"id": rec.ID, "finished": rec.Finished.UTC().Format(time.RFC3339Nano),
		"nodes": string(nodes), "edges": string(edges), "invalid": int64(rec.Invalid), "outcome": rec.Outcome, "error": nullable(rec.Error)})
	if err != nil {
		return fmt.Errorf("finish load %s: %w", rec.ID, err)
	}
	if len(recs) == 0 {
		return fmt.Errorf("finish load %s: %w", rec.ID, hemigraph.ErrNotFound)
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// loadsCypher lists load records newest first, after the load $after.
const loadsCypher = `
OPTIONAL MATCH (a:Load {id: $after})
WITH a WHERE $after IS NULL OR a IS NOT NULL
MATCH (l:Load)
WHERE a IS NULL OR l.started < a.started OR (l.started = a.started AND l.id < a.id)
RETURN l{.*} AS l ORDER BY l.started DESC, l.id DESC LIMIT $first`

// Loads returns at most first load records, newest first (by start time,
// then id), starting after the load after ("" for the first page). It
// returns an error wrapping hemigraph.ErrNotFound when after names no load.
func (s *Store) Loads(ctx context.Context, first int, after string) ([]hemigraph.LoadRecord, error) {
	if after != "" {
		if _, err := s.Load(ctx, after); err != nil {
			return nil, fmt.Errorf("list loads after %s: %w", after, err)
		}
	}
	recs, err := s.read(ctx, loadsCypher, map[string]any{"after": nullable(after), "first": int64(first)})
	if err != nil {
		return nil, fmt.Errorf("list loads: %w", err)
	}
	out := make([]hemigraph.LoadRecord, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get("l")
		out = append(out, loadFromMap(v))
	}
	return out, nil
}

const loadCypher = `MATCH (l:Load {id: $id}) RETURN l{.*} AS l`

// Load returns the record of the load id, or an error wrapping
// hemigraph.ErrNotFound.
func (s *Store) Load(ctx context.Context, id string) (hemigraph.LoadRecord, error) {
	recs, err := s.read(ctx, loadCypher, map[string]any{"id": id})
	if err != nil {
		return hemigraph.LoadRecord{}, fmt.Errorf("get load %s: %w", id, err)
	}
	if len(recs) == 0 {
		return hemigraph.LoadRecord{}, fmt.Errorf("load %s: %w", id, hemigraph.ErrNotFound)
	}
	v, _ := recs[0].Get("l")
	return loadFromMap(v), nil
}

// loadFromMap reads a (:Load) node's properties.
func loadFromMap(v any) hemigraph.LoadRecord {
	m, _ := v.(map[string]any)
	r := hemigraph.LoadRecord{ID: asString(m["id"]), By: asString(m["by"]), Outcome: asString(m["outcome"]),
		Error: asString(m["error"]), Invalid: asInt(m["invalid"])}
	r.Started, _ = time.Parse(time.RFC3339Nano, asString(m["started"]))
	r.Finished, _ = time.Parse(time.RFC3339Nano, asString(m["finished"]))
	r.Undone, _ = time.Parse(time.RFC3339Nano, asString(m["undone"]))
	json.Unmarshal([]byte(asString(m["inputs"])), &r.Inputs)
	json.Unmarshal([]byte(asString(m["options"])), &r.Options)
	json.Unmarshal([]byte(asString(m["nodes"])), &r.Nodes)
	json.Unmarshal([]byte(asString(m["edges"])), &r.Edges)
	return r
}
