package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// WriteResult counts what a write did.
type WriteResult = hemigraph.WriteCounts

type token struct {
	token string // the label or type as written in Cypher
	lower string // for index names
}

var relTypeTokens = func() map[hemigraph.RelType]token {
	m := make(map[hemigraph.RelType]token, len(hemigraph.RelTypes))
	for _, t := range hemigraph.RelTypes {
		m[t] = token{string(t), strings.ToLower(string(t))}
	}
	return m
}()

// mergeNodesCypher merges one batch of nodes of one kind. The labels
// placeholder is replaced once per kind from hemigraph.Kinds (see
// mergeNodesByKind); every value is a parameter. A node whose properties
// already hold the row's values is not written at all, so a rerun of a load
// writes nothing. Empty fields are absent from row.props and never erase a
// value.
const mergeNodesCypher = `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n.loadCreated = true
WITH n, row, n.loadCreated IS NOT NULL AS created
REMOVE n.loadCreated
WITH n, row, created,
     created OR any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k]) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET n += row.props, n:LABELS)
RETURN count(CASE WHEN created THEN 1 END) AS created,
       count(CASE WHEN changed AND NOT created THEN 1 END) AS updated,
       count(*) AS rows`

var mergeNodesByKind = func() map[hemigraph.Kind]string {
	m := make(map[hemigraph.Kind]string, len(hemigraph.Kinds))
	for _, k := range hemigraph.Kinds {
		labels := string(k)
		if k.IsInstrument() {
			labels += ":Instrument"
		}
		m[k] = strings.Replace(mergeNodesCypher, "LABELS", labels, 1)
	}
	return m
}()

// WriteNodes merges nodes into the graph in one write transaction per kind
// present. Nodes must be valid (hemigraph.Node.Validate). It returns an error
// naming the kind of the batch that failed; earlier kinds stay written.
func (s *Store) WriteNodes(ctx context.Context, nodes []hemigraph.Node) (WriteResult, error) {
	byKind := make(map[hemigraph.Kind][]map[string]any)
	for i := range nodes {
		n := &nodes[i]
		byKind[n.Kind] = append(byKind[n.Kind], map[string]any{"id": n.ID, "props": NodeProps(n)})
	}
	var total WriteResult
	for _, k := range hemigraph.Kinds {
		rows := byKind[k]
		if len(rows) == 0 {
			continue
		}
		recs, err := s.write(ctx, mergeNodesByKind[k], map[string]any{"rows": rows})
		if err != nil {
			return total, fmt.Errorf("write %d %s nodes: %w", len(rows), k, err)
		}
		total.Add(countResult(recs))
	}
	return total, nil
}

// NodeProps maps a node onto the Neo4j properties WriteNodes writes.
// Derived properties (symbolKey, year, dateStart, aliasText) serve the
// indexes. Empty fields are left out, so they never erase a value.
func NodeProps(n *hemigraph.Node) map[string]any {
	p := map[string]any{"kind": string(n.Kind), "title": n.Title, "unresolved": n.Unresolved}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("symbol", n.Symbol)
	if n.Symbol != "" {
		p["symbolKey"] = hemigraph.SymbolKey(n.Symbol)
	}
	set("date", n.Date)
	set("place", n.Place)
	set("source", n.Source)
	if len(n.Aliases) > 0 {
		p["aliases"] = n.Aliases
		p["aliasText"] = strings.Join(n.Aliases, " | ")
	}
	if n.Date != "" {
		if first, _, err := hemigraph.ParseDate(n.Date); err == nil {
			p["year"] = int64(first.Year())
			p["dateStart"] = first.Format("2006-01-02")
		}
	}
	return p
}

// mergeEdgesCypher merges one batch of relationships of one type between
// existing nodes, on the relationship's key. TYPE is replaced once per type
// from hemigraph.RelTypes. Rows whose endpoints are missing produce no
// result row, which the caller detects by comparing counts.
const mergeEdgesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
  ON CREATE SET r.loadCreated = true
WITH r, row, r.loadCreated IS NOT NULL AS created
REMOVE r.loadCreated
WITH r, row, created,
     created OR any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k]) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r += row.props)
RETURN count(CASE WHEN created THEN 1 END) AS created,
       count(CASE WHEN changed AND NOT created THEN 1 END) AS updated,
       count(*) AS rows`

var mergeEdgesByType = func() map[hemigraph.RelType]string {
	m := make(map[hemigraph.RelType]string, len(hemigraph.RelTypes))
	for t, tok := range relTypeTokens {
		m[t] = strings.Replace(mergeEdgesCypher, "TYPE", tok.token, 1)
	}
	return m
}()

// WriteEdges merges relationships into the graph, one write transaction per
// type present. Edges must be valid and their endpoints must exist: a batch
// in which an endpoint is missing is rolled back and reported as an error.
func (s *Store) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (WriteResult, error) {
	byType := make(map[hemigraph.RelType][]map[string]any)
	for i := range edges {
		e := &edges[i]
		byType[e.Type] = append(byType[e.Type], map[string]any{
			"from": e.From, "to": e.To, "key": e.Key(), "props": EdgeProps(e),
		})
	}
	var total WriteResult
	for _, t := range hemigraph.RelTypes {
		rows := byType[t]
		if len(rows) == 0 {
			continue
		}
		res, err := s.writeEdgeBatch(ctx, t, rows)
		if err != nil {
			return total, err
		}
		total.Add(res)
	}
	return total, nil
}

func (s *Store) writeEdgeBatch(ctx context.Context, t hemigraph.RelType, rows []map[string]any) (WriteResult, error) {
	sess := s.session(ctx, true)
	defer sess.Close(ctx)
	query := mergeEdgesByType[t]
	if s.onStatement != nil {
		s.onStatement(query)
	}
	out, err := sess.ExecuteWrite(ctx, func(tx managedTx) (any, error) {
		res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		r := countResult(recs)
		if n := r.Created + r.Updated + r.Unchanged; n != len(rows) {
			// Returning an error rolls the transaction back.
			return nil, fmt.Errorf("%d of %d rows have an endpoint that does not exist", len(rows)-n, len(rows))
		}
		if t == hemigraph.RelCites {
			if err := s.recountCitedBy(ctx, tx, rowTargets(rows)); err != nil {
				return nil, err
			}
		}
		return r, nil
	})
	if err != nil {
		return WriteResult{}, fmt.Errorf("write %d %s edges: %w", len(rows), t, err)
	}
	return out.(WriteResult), nil
}

// recountCitedByCypher keeps the degree counter of the nodes of $ids:
// citedByCount, the number of distinct nodes citing the node, which lists
// sort by. It writes only the counters that changed, so that a rerun of a
// load writes nothing.
const recountCitedByCypher = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) { OPTIONAL MATCH (m:Entity)-[:CITES]->(n) RETURN count(DISTINCT m) AS c }
WITH n, c WHERE n.citedByCount IS NULL OR n.citedByCount <> c
SET n.citedByCount = c`

// recountCitedBy updates the citedByCount of ids within tx: the write of
// CITES edges calls it in the same transaction.
func (s *Store) recountCitedBy(ctx context.Context, tx managedTx, ids []string) error {
	if s.onStatement != nil {
		s.onStatement(recountCitedByCypher)
	}
	res, err := tx.Run(ctx, recountCitedByCypher, map[string]any{"ids": ids})
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("recount citations of %d nodes: %w", len(ids), err)
	}
	return nil
}

// RecountCitedBy updates the citedByCount of the nodes ids, in its own
// write transaction. Writes of CITES edges keep the counters themselves;
// code that deletes or rewires CITES edges calls it for the nodes they
// pointed to.
func (s *Store) RecountCitedBy(ctx context.Context, ids []string) error {
	sess := s.session(ctx, true)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx managedTx) (any, error) {
		return nil, s.recountCitedBy(ctx, tx, ids)
	})
	return err
}

// rowTargets returns the distinct "to" ids of edge rows.
func rowTargets(rows []map[string]any) []string {
	seen := make(map[string]bool, len(rows))
	var out []string
	for _, r := range rows {
		if id, _ := r["to"].(string); !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// EdgeProps maps an edge onto the Neo4j properties WriteEdges writes,
// provenance included; empty fields are left out.
func EdgeProps(e *hemigraph.Edge) map[string]any {
	p := map[string]any{}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("verb", e.Verb)
	set("through", e.Through)
	set("source", e.Source)
	set("evidence", e.Evidence)
	set("document", e.Document)
	if c := e.Clause; c != nil {
		p["clauseIndex"] = int64(c.Index)
		p["clauseKind"] = c.Kind
		if c.Number != 0 {
			p["clauseNumber"] = int64(c.Number)
		}
		set("clauseText", c.Text)
		p["spanStart"] = int64(c.Start)
		p["spanEnd"] = int64(c.End)
	}
	return p
}

func countResult(recs []*record) WriteResult {
	if len(recs) == 0 {
		return WriteResult{}
	}
	r := recs[0]
	created, updated, rows := getInt(r, "created"), getInt(r, "updated"), getInt(r, "rows")
	return WriteResult{Created: created, Updated: updated, Unchanged: rows - created - updated}
}

// missingIDsCypher returns the ids of a list that no node has.
const missingIDsCypher = `
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WITH id, n WHERE n IS NULL
RETURN collect(id) AS missing`

// MissingIDs returns those of ids that name no node in the graph, in the
// order given. The loader uses it to refuse dangling edges before writing.
func (s *Store) MissingIDs(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	recs, err := s.read(ctx, missingIDsCypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("check %d node ids: %w", len(ids), err)
	}
	return getStrings(recs[0], "missing"), nil
}

// NodeStatement returns the statement WriteNodes runs for nodes of kind k,
// and EdgeStatement the one WriteEdges runs for edges of type t, so that
// tools can profile them as they are. Both return "" outside the closed
// sets hemigraph.Kinds and hemigraph.RelTypes.
func NodeStatement(k hemigraph.Kind) string { return mergeNodesByKind[k] }

// EdgeStatement: see NodeStatement.
func EdgeStatement(t hemigraph.RelType) string { return mergeEdgesByType[t] }
