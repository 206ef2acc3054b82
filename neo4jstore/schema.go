package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// schemaStatements create the constraints and indexes of the graph. Each is
// idempotent (IF NOT EXISTS), so EnsureSchema runs at every start.
//
// Every node carries the label Entity besides its kind's label, so that one
// uniqueness constraint keeps ids unique across kinds. Relationships carry a
// key (hemigraph.Edge.Key) that the loader merges on; that key is not
// indexed (see retiredStatements).
var schemaStatements = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE`,
	`CREATE INDEX entity_symbol_key IF NOT EXISTS FOR (n:Entity) ON (n.symbolKey)`,
	`CREATE INDEX entity_title IF NOT EXISTS FOR (n:Entity) ON (n.title)`,
	`CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)`,
	`CREATE INDEX entity_year IF NOT EXISTS FOR (n:Entity) ON (n.year)`,
	`CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Entity) ON EACH [n.title, n.symbol, n.aliasText]`,
	`CREATE INDEX entity_date_start IF NOT EXISTS FOR (n:Entity) ON (n.dateStart)`,
	// Every load looks for placeholders (loader.Graph.Unresolved).
	`CREATE INDEX entity_unresolved IF NOT EXISTS FOR (n:Entity) ON (n.unresolved)`,
	// Load records, and what each load wrote and changed, for undo.
	`CREATE CONSTRAINT load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE`,
	`CREATE INDEX change_load IF NOT EXISTS FOR (c:Change) ON (c.load)`,
	`CREATE INDEX entity_created_by IF NOT EXISTS FOR (n:Entity) ON (n.createdBy)`,
}

// fulltextStatements create, for each of Languages, a full-text index over
// the nodes' titles, aliases and symbols and one over the relations' clause
// texts, evidence and verbs, analyzed with the language's Lucene analyzer.
// The relationship indexes list every type of hemigraph.RelTypes.
//
// Neo4j keeps at most one full-text index per schema — labels or types and
// the ordered list of properties — whatever its analyzer, and IF NOT EXISTS
// silently skips a second one. So each language's indexes list the same
// properties in an order of their own (entity_text has the order title,
// symbol, aliasText); searches name the property they query, so the order
// does not change what they find.
var fulltextStatements = func() []string {
	types := make([]string, len(hemigraph.RelTypes))
	for i, t := range hemigraph.RelTypes {
		types[i] = relTypeTokens[t].token
	}
	nodeProps := map[string]string{
		"english":    "n.title, n.aliasText, n.symbol",
		"spanish":    "n.aliasText, n.title, n.symbol",
		"french":     "n.symbol, n.title, n.aliasText",
		"portuguese": "n.aliasText, n.symbol, n.title",
	}
	relProps := map[string]string{
		"english":    "r.clauseText, r.evidence, r.verb",
		"spanish":    "r.evidence, r.clauseText, r.verb",
		"french":     "r.verb, r.clauseText, r.evidence",
		"portuguese": "r.clauseText, r.verb, r.evidence",
	}
	var out []string
	for _, l := range query.Languages {
		opts := fmt.Sprintf("OPTIONS {indexConfig: {`fulltext.analyzer`: '%s'}}", l)
		out = append(out,
			fmt.Sprintf("CREATE FULLTEXT INDEX entity_text_%s IF NOT EXISTS FOR (n:Entity) ON EACH [%s] %s", l, nodeProps[l], opts),
			fmt.Sprintf("CREATE FULLTEXT INDEX relation_text_%s IF NOT EXISTS FOR ()-[r:%s]-() ON EACH [%s] %s",
				l, strings.Join(types, "|"), relProps[l], opts),
		)
	}
	return out
}()

// retiredStatements drop the indexes earlier versions created and this one
// does not want, so that a database loaded by an earlier version converges
// on the same schema. Each is idempotent (IF EXISTS).
//
// rel_key_*: range indexes on the key of each relationship type. The loader
// merges a relationship between two nodes it has already found, so the
// planner's best plan walks from the endpoint of smaller degree (a
// resolution has a handful of relationships of each type) and never needs
// the index. But a plan compiled while a type has few relationships, as at
// the start of every load, seeks the index instead, and a seek that must
// also search the relationships created by its own transaction costs the
// size of the batch: measured at 2.9–8.2 s for a 2,000-row batch against
// 0.1–0.2 s once the statement was replanned. Without the index the
// planner has only the walk. No query reads an edge by its key.
//
// entity_cited_by: a range index on citedByCount. Lists sort by
// coalesce(citedByCount, 0), which no index serves, while every citation a
// load creates updated it.
var retiredStatements = func() []string {
	out := []string{"DROP INDEX entity_cited_by IF EXISTS"}
	for _, t := range hemigraph.RelTypes {
		out = append(out, fmt.Sprintf("DROP INDEX rel_key_%s IF EXISTS", relTypeTokens[t].lower))
	}
	return out
}()

// EnsureSchema creates the constraints and indexes that are missing, drops
// the retired ones that exist, and waits until every index is online. It
// returns an error naming the statement that failed.
//
// It first lists what exists and sends only the statements that change
// something: on a database set up before, one read instead of some thirty
// schema transactions, each a round trip that a just-started Neo4j is slow
// to answer. It no longer has Neo4j compile the writes beforehand (by
// EXPLAIN): measured, that cost a load more than it saved it.
func (s *Store) EnsureSchema(ctx context.Context) error {
	have, online, err := s.schemaState(ctx)
	if err != nil {
		return fmt.Errorf("ensure schema: %w", err)
	}
	changed := false
	for _, q := range slices.Concat(retiredStatements, schemaStatements, fulltextStatements) {
		name, drop := schemaName(q)
		if have[name] != drop {
			continue // already created, or already dropped
		}
		if _, err := s.write(ctx, q, nil); err != nil {
			return fmt.Errorf("ensure schema: %s: %w", q, err)
		}
		changed = true
	}
	if !changed && online {
		return nil
	}
	if _, err := s.write(ctx, awaitIndexesCypher, nil); err != nil {
		return fmt.Errorf("ensure schema: wait for indexes: %w", err)
	}
	return nil
}

const awaitIndexesCypher = `CALL db.awaitIndexes(300)`

// schemaStateCypher lists the indexes, a uniqueness constraint's backing
// index bearing the constraint's name, and whether all are online.
const schemaStateCypher = `SHOW INDEXES YIELD name, state RETURN collect(name) AS names, all(s IN collect(state) WHERE s = 'ONLINE') AS online`

// schemaState returns the names of the indexes that exist and whether all
// of them are online.
func (s *Store) schemaState(ctx context.Context) (map[string]bool, bool, error) {
	recs, err := s.read(ctx, schemaStateCypher, nil)
	if err != nil {
		return nil, false, fmt.Errorf("list the indexes: %w", err)
	}
	have := map[string]bool{}
	for _, n := range getStrings(recs[0], "names") {
		have[n] = true
	}
	online, _ := recs[0].Get("online")
	ok, _ := online.(bool)
	return have, ok, nil
}

// schemaName returns the name of the index or constraint a schema
// statement creates or drops, and whether it drops it: the word after
// INDEX or CONSTRAINT.
func schemaName(q string) (name string, drop bool) {
	words := strings.Fields(q)
	for i, w := range words {
		if (w == "INDEX" || w == "CONSTRAINT") && i+1 < len(words) {
			return words[i+1], words[0] == "DROP"
		}
	}
	panic("schema statement without a name: " + q)
}

// schemaNamesCypher lists the indexes; a uniqueness constraint's backing
// index bears the constraint's name.
const schemaNamesCypher = `SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN collect(name) AS names`

// SchemaNames returns the names of the online indexes, the backing indexes
// of constraints included.
func (s *Store) SchemaNames(ctx context.Context) ([]string, error) {
	recs, err := s.read(ctx, schemaNamesCypher, nil)
	if err != nil {
		return nil, fmt.Errorf("list schema: %w", err)
	}
	return getStrings(recs[0], "names"), nil
}
