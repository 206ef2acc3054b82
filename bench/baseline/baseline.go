// Package baseline holds the hand-written Neo4j loaders that hemigraph's
// loader is measured against, on the same rows and the same Neo4j:
//
//   - Ceiling: the best a minimal program can do — rows grouped by label or
//     relationship type across the whole input and sent as
//     UNWIND $rows ... MERGE batches on constrained keys, with no change
//     detection and no validation; the batch size is a parameter so that
//     the benchmark can sweep it.
//   - Floor: one MERGE statement, in its own transaction, per row.
//
// Both write the properties neo4jstore writes from the records (derived
// ones included), so the graphs they leave are hemigraph load's but for
// the marks of a recorded load: neo4jstore also gives every node and
// relationship it creates createdBy, which undo reads, and the baselines
// do not.
package baseline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jrows"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Rows are the records of a bulk file as statement parameters, grouped by
// node kind and by relationship type, in file order within each group.
type Rows struct {
	Nodes map[hemigraph.Kind][]map[string]any
	Edges map[hemigraph.RelType][]map[string]any
	N     int // nodes + edges
}

// ReadRows reads a JSON Lines bulk file (the format of package loader)
// without validating it: the input is known good. It returns an error for
// a line that is not JSON.
func ReadRows(path string) (*Rows, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &Rows{Nodes: map[hemigraph.Kind][]map[string]any{}, Edges: map[hemigraph.RelType][]map[string]any{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		var l struct {
			Node *hemigraph.Node `json:"node"`
			Edge *hemigraph.Edge `json:"edge"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		switch {
		case l.Node != nil:
			r.Nodes[l.Node.Kind] = append(r.Nodes[l.Node.Kind], map[string]any{"id": l.Node.ID, "props": neo4jrows.NodeProps(l.Node)})
		case l.Edge != nil:
			e := l.Edge
			r.Edges[e.Type] = append(r.Edges[e.Type], map[string]any{"from": e.From, "to": e.To, "key": e.Key(), "props": neo4jrows.EdgeProps(e)})
		default:
			continue
		}
		r.N++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return r, nil
}

func labels(k hemigraph.Kind) string {
	if k.IsInstrument() {
		return string(k) + ":Instrument"
	}
	return string(k)
}

// ceilingNodesCypher and ceilingEdgesCypher are the hand-written batch
// statements; LABELS and TYPE come from the closed sets of the domain.
const (
	ceilingNodesCypher = `UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props, n:LABELS`
	ceilingEdgesCypher = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
SET r += row.props`
)

// Result tells what a baseline load did.
type Result struct {
	Rows       int
	Statements int
	Took       time.Duration
}

// Ceiling writes r in batches of batch rows, nodes before edges, one
// managed write transaction per batch.
func Ceiling(ctx context.Context, d neo4j.DriverWithContext, db string, r *Rows, batch int) (Result, error) {
	start := time.Now()
	res := Result{}
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	send := func(q string, rows []map[string]any) error {
		for len(rows) > 0 {
			k := min(batch, len(rows))
			chunk := rows[:k]
			_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
				c, err := tx.Run(ctx, q, map[string]any{"rows": chunk})
				if err != nil {
					return nil, err
				}
				return c.Consume(ctx)
			})
			if err != nil {
				return err
			}
			res.Statements++
			res.Rows += k
			rows = rows[k:]
		}
		return nil
	}
	for _, k := range hemigraph.Kinds {
		if err := send(strings.Replace(ceilingNodesCypher, "LABELS", labels(k), 1), r.Nodes[k]); err != nil {
			return res, fmt.Errorf("ceiling: %s nodes: %w", k, err)
		}
	}
	for _, t := range hemigraph.RelTypes {
		if err := send(strings.Replace(ceilingEdgesCypher, "TYPE", string(t), 1), r.Edges[t]); err != nil {
			return res, fmt.Errorf("ceiling: %s edges: %w", t, err)
		}
	}
	res.Took = time.Since(start)
	return res, nil
}

const (
	floorNodeCypher = `MERGE (n:Entity {id: $id}) SET n += $props, n:LABELS`
	floorEdgeCypher = `MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to})
MERGE (a)-[r:TYPE {key: $key}]->(b) SET r += $props`
)

// Row is one statement of the floor: its text and its parameters.
type Row struct {
	Query  string
	Params map[string]any
}

// NodeRows returns the floor's statements for nodes of kind k.
func NodeRows(k hemigraph.Kind, rows []map[string]any) []Row {
	q := strings.Replace(floorNodeCypher, "LABELS", labels(k), 1)
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = Row{Query: q, Params: r}
	}
	return out
}

// EdgeRows returns the floor's statements for relationships of type t.
func EdgeRows(t hemigraph.RelType, rows []map[string]any) []Row {
	q := strings.Replace(floorEdgeCypher, "TYPE", string(t), 1)
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = Row{Query: q, Params: r}
	}
	return out
}

// FloorFor sends rows one statement per row, each in its own managed
// write transaction, until they are all sent or limit has passed; it
// returns how many it sent and how long that took.
func FloorFor(ctx context.Context, d neo4j.DriverWithContext, db string, rows []Row, limit time.Duration) (Result, error) {
	start := time.Now()
	res := Result{}
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	for _, row := range rows {
		if time.Since(start) > limit {
			break
		}
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			c, err := tx.Run(ctx, row.Query, row.Params)
			if err != nil {
				return nil, err
			}
			return c.Consume(ctx)
		})
		if err != nil {
			return res, fmt.Errorf("floor: %w", err)
		}
		res.Statements++
		res.Rows++
	}
	res.Took = time.Since(start)
	return res, nil
}
