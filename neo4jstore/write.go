package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

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

// A batch of nodes or of relationships is written in one transaction, in
// one of two ways.
//
//   - Create: one statement merges every row, writing the row's values only
//     on what it creates, and the batch stands only if it created an entity
//     for every row. This is the bare UNWIND … MERGE of a first load.
//   - Read, then write: the read returns the rows to write — those whose
//     node or relationship does not exist, or lacks one of the row's
//     values — and the write merges only those. A rerun runs only the read
//     and writes nothing.
//
// A batch is first tried as a create when the previous batch of its kind
// or type was all new; a create that finds an existing entity is rolled
// back and the batch is written by read then write. No statement reads,
// before its MERGE, what the MERGE writes, which would make Neo4j buffer
// every row between the two. Empty fields are absent from row.props and never
// erase a value. Each row carries its index in the batch as row.i.

// changedNodesCypher is the read of a batch of nodes of one kind; LABELS is
// replaced once per kind from hemigraph.Kinds (see nodeStatements).
const changedNodesCypher = `
UNWIND $rows AS row
OPTIONAL MATCH (n:Entity {id: row.id})
WITH row, n WHERE n IS NULL OR NOT n:LABELS
  OR any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
RETURN collect(row.i) AS write`

// mergeNodesCypher is the write of a batch of nodes of one kind.
const mergeNodesCypher = `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props, n:LABELS`

// createNodesCypher is the create of a batch of nodes of one kind.
const createNodesCypher = `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n += row.props, n:LABELS`

// statements are the statements that write one batch of a kind or type.
type statements struct {
	create      string // the create; created must equal the rows
	read, write string // the read, then the write
}

// readFirst holds, for each create statement, whether the store's next
// batch of that kind or type skips the create: after a batch that was not
// all new, until one is. The store's concurrent writers share it; it is
// only a guess of the next batch.
type readFirst struct{ m sync.Map } // create statement → *atomic.Bool

func (r *readFirst) flag(create string) *atomic.Bool {
	v, _ := r.m.LoadOrStore(create, new(atomic.Bool))
	return v.(*atomic.Bool)
}

var nodeStatements = func() map[hemigraph.Kind]statements {
	m := make(map[hemigraph.Kind]statements, len(hemigraph.Kinds))
	for _, k := range hemigraph.Kinds {
		labels := string(k)
		if k.IsInstrument() {
			labels += ":Instrument"
		}
		m[k] = statements{
			create: strings.ReplaceAll(createNodesCypher, "LABELS", labels),
			read:   strings.ReplaceAll(changedNodesCypher, "LABELS", labels),
			write:  strings.ReplaceAll(mergeNodesCypher, "LABELS", labels),
		}
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
		rows := byKind[n.Kind]
		byKind[n.Kind] = append(rows, map[string]any{"i": int64(len(rows)), "id": n.ID, "props": NodeProps(n)})
	}
	var total WriteResult
	for _, k := range hemigraph.Kinds {
		rows := byKind[k]
		if len(rows) == 0 {
			continue
		}
		res, err := s.writeRows(ctx, nodeStatements[k], rows)
		s.log.Debug("nodes written", "kind", k, "rows", len(rows), "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged)
		if err != nil {
			return total, fmt.Errorf("write %d %s nodes: %w", len(rows), k, err)
		}
		total.Add(res)
	}
	return total, nil
}

// errNotAllNew rolls back a create that found an existing entity.
var errNotAllNew = errors.New("the batch is not all new")

// writeRows writes one batch of rows of a kind or type with its statements
// st, in one write transaction: as a create unless the previous batch was
// not all new, and otherwise, or when the create does not stand, by read
// then write.
func (s *Store) writeRows(ctx context.Context, st statements, rows []map[string]any) (WriteResult, error) {
	skip := s.readFirst.flag(st.create)
	if !skip.Load() {
		out, err := s.inTx(ctx, true, func(t tx) (any, error) { return create(t, st, rows) })
		if err == nil {
			return out.(WriteResult), nil
		}
		if !errors.Is(err, errNotAllNew) {
			return WriteResult{}, err
		}
		skip.Store(true)
	}
	out, err := s.inTx(ctx, true, func(t tx) (any, error) { return readThenWrite(t, st, rows) })
	if err != nil {
		return WriteResult{}, err
	}
	res := out.(WriteResult)
	if res.Created == len(rows) {
		skip.Store(false)
	}
	return res, nil
}

// create runs st's create over rows within t and returns errNotAllNew,
// which rolls t back, unless it created an entity for every row.
func create(t tx, st statements, rows []map[string]any) (WriteResult, error) {
	created, err := t.exec(st.create, map[string]any{"rows": rows})
	if err != nil {
		return WriteResult{}, err
	}
	if created != len(rows) {
		return WriteResult{}, errNotAllNew
	}
	return WriteResult{Created: len(rows)}, nil
}

// readThenWrite runs st's read over rows within t, then st's write over
// the rows the read returned. The write's summary tells how many of those
// it created; the others it updated. When the read finds a row of an edge
// batch whose endpoint does not exist it returns an error, which rolls t
// back. For CITES, the rows the read lists under "counts" are marked for
// the write to count (row.counts).
func readThenWrite(t tx, st statements, rows []map[string]any) (WriteResult, error) {
	for _, r := range rows {
		delete(r, "counts") // set by an attempt that was retried
	}
	recs, err := t.run(st.read, map[string]any{"rows": rows})
	if err != nil {
		return WriteResult{}, err
	}
	if len(recs) != 1 {
		return WriteResult{}, fmt.Errorf("read before write: %d records, want 1", len(recs))
	}
	rec := recs[0]
	if missing := getInt(rec, "missing"); missing > 0 {
		return WriteResult{}, fmt.Errorf("%d of %d rows have an endpoint that does not exist", missing, len(rows))
	}
	idx := getList(rec, "write")
	counts := WriteResult{Unchanged: len(rows) - len(idx)}
	if len(idx) == 0 {
		return counts, nil
	}
	for _, x := range getList(rec, "counts") {
		rows[asInt(x)]["counts"] = true
	}
	write := rows
	if len(idx) < len(rows) {
		write = make([]map[string]any, len(idx))
		for j, x := range idx {
			write[j] = rows[asInt(x)]
		}
	}
	if counts.Created, err = t.exec(st.write, map[string]any{"rows": write}); err != nil {
		return WriteResult{}, err
	}
	// Rows written but not created were updated, or created by another
	// transaction between the read and the write.
	counts.Updated = len(idx) - counts.Created
	return counts, nil
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

// changedEdgesCypher is the read of a batch of relationships of one type;
// TYPE is replaced once per type from hemigraph.RelTypes (see
// edgeStatements). It also counts the rows whose endpoints are missing.
// For CITES, it marks the rows whose citation will add one to the target's
// citedByCount (row.counts in the write, see mergeCitesCypher): no citation
// links the two nodes yet and the row is the first of the batch for the
// pair (row.first, set by WriteEdges).
//
// The relationship is found by walking from its endpoints, starting from
// the one with fewer relationships of the type; the key is not indexed
// (see retiredStatements).
const changedEdgesCypher = `
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[r:TYPE {key: row.key}]->(b)
WITH row, a, b, r WHERE a IS NULL OR b IS NULL OR r IS NULL
  OR any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k])
RETURN collect(CASE WHEN a IS NOT NULL AND b IS NOT NULL THEN row.i END) AS write,
  count(CASE WHEN a IS NULL OR b IS NULL THEN 1 END) AS missing COUNTS`

// countsColumn completes changedEdgesCypher for CITES.
const countsColumn = `,
  collect(CASE WHEN r IS NULL AND a IS NOT NULL AND b IS NOT NULL AND row.first
    AND NOT EXISTS { (a)-[:CITES]->(b) } THEN row.i END) AS counts`

// mergeEdgesCypher is the write of a batch of relationships of one type.
const mergeEdgesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
SET r += row.props`

// mergeCitesCypher is mergeEdgesCypher for CITES, which also keeps
// citedByCount, the number of distinct nodes citing a node, which lists
// sort by: the rows the read marked add one to their target's count, once
// per target and batch. The
// first clause of a node to cite another counts, its other clauses do not,
// in this batch or a later one; a rerun writes nothing and so counts
// nothing.
const mergeCitesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:CITES {key: row.key}]->(b)
SET r += row.props
WITH b, count(CASE WHEN row.counts THEN 1 END) AS more WHERE more > 0
SET b.citedByCount = coalesce(b.citedByCount, 0) + more`

// createEdgesCypher is the create of a batch of relationships of one type.
const createEdgesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
  ON CREATE SET r += row.props`

// createCitesCypher is createEdgesCypher for CITES. When the create stands,
// every row created its citation, so the citations between two nodes that
// this batch created are all of them exactly when the pair was new: each
// such pair adds one to its target's citedByCount.
const createCitesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:CITES {key: row.key}]->(b)
  ON CREATE SET r += row.props
WITH a, b, count(*) AS created
WITH b, count(CASE WHEN COUNT { (a)-[:CITES]->(b) } = created THEN 1 END) AS more WHERE more > 0
SET b.citedByCount = coalesce(b.citedByCount, 0) + more`

var edgeStatements = func() map[hemigraph.RelType]statements {
	m := make(map[hemigraph.RelType]statements, len(hemigraph.RelTypes))
	for t, tok := range relTypeTokens {
		create, read, write, counts := createEdgesCypher, changedEdgesCypher, mergeEdgesCypher, ""
		if t == hemigraph.RelCites {
			create, write, counts = createCitesCypher, mergeCitesCypher, countsColumn
		}
		m[t] = statements{
			create: strings.ReplaceAll(create, "TYPE", tok.token),
			read:   strings.ReplaceAll(strings.Replace(read, "COUNTS", counts, 1), "TYPE", tok.token),
			write:  strings.ReplaceAll(write, "TYPE", tok.token),
		}
	}
	return m
}()

// WriteEdges merges relationships into the graph, one write transaction per
// type present. Edges must be valid and their endpoints must exist: a batch
// in which an endpoint is missing is rolled back and reported as an error.
// Writes of CITES keep the targets' citedByCount.
func (s *Store) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (WriteResult, error) {
	byType := make(map[hemigraph.RelType][]map[string]any)
	type pair struct{ from, to string }
	seen := map[pair]bool{}
	for i := range edges {
		e := &edges[i]
		row := map[string]any{"i": int64(len(byType[e.Type])), "from": e.From, "to": e.To, "key": e.Key(), "props": EdgeProps(e)}
		if e.Type == hemigraph.RelCites {
			p := pair{e.From, e.To}
			row["first"] = !seen[p]
			seen[p] = true
		}
		byType[e.Type] = append(byType[e.Type], row)
	}
	var total WriteResult
	for _, t := range hemigraph.RelTypes {
		rows := byType[t]
		if len(rows) == 0 {
			continue
		}
		res, err := s.writeRows(ctx, edgeStatements[t], rows)
		s.log.Debug("edges written", "type", t, "rows", len(rows), "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged)
		if err != nil {
			return total, fmt.Errorf("write %d %s edges: %w", len(rows), t, err)
		}
		total.Add(res)
	}
	return total, nil
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

// recountCitedBy updates the citedByCount of ids within t.
func recountCitedBy(t tx, ids []string) error {
	if _, err := t.exec(recountCitedByCypher, map[string]any{"ids": ids}); err != nil {
		return fmt.Errorf("recount citations of %d nodes: %w", len(ids), err)
	}
	return nil
}

// RecountCitedBy updates the citedByCount of the nodes ids, in its own
// write transaction, counting their citations afresh. Writes of CITES
// edges keep the counters themselves; code that deletes or rewires CITES
// edges calls it for the nodes they pointed to.
func (s *Store) RecountCitedBy(ctx context.Context, ids []string) error {
	_, err := s.inTx(ctx, true, func(t tx) (any, error) { return nil, recountCitedBy(t, ids) })
	return err
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

// NodeStatements returns the statements WriteNodes runs for a batch of
// nodes of kind k — the create, and the read and write it falls back on —
// and EdgeStatements those WriteEdges runs for edges of type t, so that
// tools can profile them as they are. Both return empty strings outside
// the closed sets hemigraph.Kinds and hemigraph.RelTypes.
func NodeStatements(k hemigraph.Kind) (create, read, write string) {
	st := nodeStatements[k]
	return st.create, st.read, st.write
}

// EdgeStatements: see NodeStatements.
func EdgeStatements(t hemigraph.RelType) (create, read, write string) {
	st := edgeStatements[t]
	return st.create, st.read, st.write
}
