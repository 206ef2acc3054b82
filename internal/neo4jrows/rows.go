// Package neo4jrows holds how hemigraph's records are written to Neo4j:
// the properties of a node and of a relationship (derived ones included),
// and the statements that write a batch of them. neo4jstore writes with
// them; the benchmark's ceiling and its statement profiles use the same,
// so that they measure exactly what the store sends. It is internal: no
// user of the store needs it.
package neo4jrows

import (
	"strings"

	"github.com/hemigraph/hemigraph"
)

// A batch of nodes or of relationships is written in one transaction, in
// one of two ways. Every statement takes $load, the id of the recorded load
// writing (hemigraph.WithLoad), or null: what a recorded load creates gets
// createdBy, what it changes gets loadId, and the read returns, under
// "before", what the rows it lists will overwrite, for the load's changes
// (see neo4jstore's writeRows). The last load to write an entity is thus
// coalesce(loadId, createdBy): a create writes one mark, not two, which
// saves a property on every entity of a first load, and everything that
// reads loadId reads it so (neo4jstore's undo).
//
// The two ways:
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

// One set of statements writes nodes of every kind, and one relationships
// of every type but CITES, so that a Neo4j just started compiles a handful
// of plans for a load rather than one per kind, type and shape (each took
// 0.5-3 s on a just-started Neo4j, on a busy 2-core machine), and a batch
// mixing kinds or types is one statement. Each row's labels (looked up by
// its kind in $labelsOf and $othersOf, the statements' parameters) and each
// relationship's type (row.type) are set with Neo4j 5.26's dynamic labels
// and types, $(…); nodes are still found by the :Entity id constraint's
// index, and relationships by walking from their endpoints.

// changedNodesCypher is the read of a batch of nodes.
const changedNodesCypher = `
UNWIND $rows AS row
OPTIONAL MATCH (n:Entity {id: row.id})
WITH row, n WHERE n IS NULL OR any(l IN $labelsOf[row.props.kind] WHERE NOT l IN labels(n))
  OR any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k])
RETURN collect(row.i) AS write,
  CASE WHEN $load IS NULL THEN [] ELSE
    collect(CASE WHEN n IS NOT NULL THEN {id: row.id, props: properties(n), labels: labels(n)} END) END AS before`

// mergeNodesCypher is the write of a batch of nodes. A node whose kind
// changed loses the labels of its former kind ($othersOf, for each kind the
// labels of every other kind).
const mergeNodesCypher = `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n.createdBy = $load
REMOVE n:$($othersOf[row.props.kind])
SET n += row.props, n:$($labelsOf[row.props.kind]), n.loadId = coalesce($load, n.loadId)`

// createNodesCypher is the create of a batch of nodes.
const createNodesCypher = `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n += row.props, n:$($labelsOf[row.props.kind]), n.createdBy = $load`

// Statements are the statements that write one batch of nodes or of
// relationships.
type Statements struct {
	Key         string // what the batches the statements write have in common: "nodes", "edges" or "CITES edges"
	Create      string // the create; it created an entity for every row, or the batch is rolled back
	Read, Write string // the read, then the write
	// Params are the parameters of every batch besides $rows and $load:
	// for nodes, the labels of each kind.
	Params map[string]any
}

// Args are the parameters of a statement of st writing rows under load,
// the id of a recorded load or nil.
func (st Statements) Args(rows []map[string]any, load any) map[string]any {
	p := make(map[string]any, len(st.Params)+2)
	for k, v := range st.Params {
		p[k] = v
	}
	p["rows"], p["load"] = rows, load
	return p
}

// nodeStatements write nodes of every kind: for each kind, its labels and
// those of every other kind, which a node that changed kind loses.
var nodeStatements = func() Statements {
	labelsOf := make(map[string]any, len(hemigraph.Kinds))
	othersOf := make(map[string]any, len(hemigraph.Kinds))
	for _, k := range hemigraph.Kinds {
		labels := []string{string(k)}
		if k.IsInstrument() {
			labels = append(labels, "Instrument")
		}
		var others []string
		for _, o := range hemigraph.Kinds {
			if o != k {
				others = append(others, string(o))
			}
		}
		if !k.IsInstrument() {
			others = append(others, "Instrument")
		}
		labelsOf[string(k)], othersOf[string(k)] = labels, others
	}
	return Statements{
		Key:    "nodes",
		Create: createNodesCypher,
		Read:   changedNodesCypher,
		Write:  mergeNodesCypher,
		Params: map[string]any{"labelsOf": labelsOf, "othersOf": othersOf},
	}
}()

// AliasText is the text of a node's aliases that the full-text indexes
// hold, one property for the list.
func AliasText(aliases []string) string { return strings.Join(aliases, " | ") }

// NodeProps maps a node onto the Neo4j properties a write of it sets.
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
		p["aliasText"] = AliasText(n.Aliases)
	}
	if n.Date != "" {
		if first, _, err := hemigraph.ParseDate(n.Date); err == nil {
			p["year"] = int64(first.Year())
			p["dateStart"] = first.Format("2006-01-02")
		}
	}
	return p
}

// changedEdgesCypher is the read of a batch of relationships, each of
// type row.type; for CITES, TYPE is replaced by the type itself and COUNTS
// by countsColumn (see edgeStatements). It also counts the rows whose
// endpoints are missing.
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
  count(CASE WHEN a IS NULL OR b IS NULL THEN 1 END) AS missing,
  CASE WHEN $load IS NULL THEN [] ELSE
    collect(CASE WHEN r IS NOT NULL THEN {id: row.key, from: row.from, to: row.to, props: properties(r)} END) END AS before COUNTS`

// countsColumn completes changedEdgesCypher for CITES.
const countsColumn = `,
  collect(CASE WHEN r IS NULL AND a IS NOT NULL AND b IS NOT NULL AND row.first
    AND NOT EXISTS { (a)-[:CITES]->(b) } THEN row.i END) AS counts`

// mergeEdgesCypher is the write of a batch of relationships of every type
// but CITES, each of type row.type.
const mergeEdgesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
  ON CREATE SET r.createdBy = $load
SET r += row.props, r.loadId = coalesce($load, r.loadId)`

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
  ON CREATE SET r.createdBy = $load
SET r += row.props, r.loadId = coalesce($load, r.loadId)
WITH b, count(CASE WHEN row.counts THEN 1 END) AS more WHERE more > 0
SET b.citedByCount = coalesce(b.citedByCount, 0) + more`

// createEdgesCypher is the create of a batch of relationships of every
// type but CITES, each of type row.type.
const createEdgesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
  ON CREATE SET r += row.props, r.createdBy = $load`

// createCitesCypher is createEdgesCypher for CITES. When the create stands,
// every row created its citation, so the citations between two nodes that
// this batch created are all of them exactly when the pair was new: each
// such pair adds one to its target's citedByCount.
const createCitesCypher = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:CITES {key: row.key}]->(b)
  ON CREATE SET r += row.props, r.createdBy = $load
WITH a, b, count(*) AS created
WITH b, count(CASE WHEN COUNT { (a)-[:CITES]->(b) } = created THEN 1 END) AS more WHERE more > 0
SET b.citedByCount = coalesce(b.citedByCount, 0) + more`

// edgeStatements write relationships: those of CITES, and those of every
// other type, which one set serves.
var edgeStatements = func() map[hemigraph.RelType]Statements {
	other := Statements{
		Key:    "edges",
		Create: createEdgesCypher,
		Read:   strings.NewReplacer("TYPE", "$(row.type)", "COUNTS", "").Replace(changedEdgesCypher),
		Write:  mergeEdgesCypher,
	}
	m := make(map[hemigraph.RelType]Statements, len(hemigraph.RelTypes))
	for _, t := range hemigraph.RelTypes {
		m[t] = other
	}
	m[hemigraph.RelCites] = Statements{
		Key:    "CITES edges",
		Create: createCitesCypher,
		Read:   strings.NewReplacer("TYPE", string(hemigraph.RelCites), "COUNTS", countsColumn).Replace(changedEdgesCypher),
		Write:  mergeCitesCypher,
	}
	return m
}()

// EdgeProps maps an edge onto the Neo4j properties a write of it sets,
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

// NodeStatements returns the statements that write a batch of nodes of
// any kinds in hemigraph.Kinds — the create, and the read and write it
// falls back on. Each row holds the node's id and props (NodeProps, whose
// kind gives its labels) and its index in the batch, i.
func NodeStatements() Statements { return nodeStatements }

// EdgeStatements returns the statements that write a batch of edges of
// type t: those of CITES, or those of every other type, which a batch may
// mix. They are empty outside hemigraph.RelTypes. Each row holds the
// edge's from, to, key and props (EdgeProps), its index in the batch, i,
// and its type (the other types) or whether it is the first of the batch
// from its node to its target (CITES, first).
func EdgeStatements(t hemigraph.RelType) Statements { return edgeStatements[t] }
