package neo4jstore

import (
	"context"
	"fmt"
)

// schemaStatements create the constraints and indexes of the graph. Each is
// idempotent (IF NOT EXISTS), so EnsureSchema runs at every start.
//
// Every node carries the label Entity besides its kind's label, so that one
// uniqueness constraint keeps ids unique across kinds. Relationships carry a
// key (hemigraph.Edge.Key) that the loader merges on.
var schemaStatements = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE`,
	`CREATE INDEX entity_symbol_key IF NOT EXISTS FOR (n:Entity) ON (n.symbolKey)`,
	`CREATE INDEX entity_title IF NOT EXISTS FOR (n:Entity) ON (n.title)`,
	`CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)`,
	`CREATE INDEX entity_year IF NOT EXISTS FOR (n:Entity) ON (n.year)`,
	`CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Entity) ON EACH [n.title, n.symbol, n.aliasText]`,
}

// relKeyIndexes index the key of every relationship type, so that MERGE on a
// key and lookups of an edge by id are index-backed.
const relKeyIndexCypher = `CREATE INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON (r.key)`

// EnsureSchema creates the constraints and indexes that are missing and waits
// until they are online. It returns an error naming the statement that failed.
func (s *Store) EnsureSchema(ctx context.Context) error {
	stmts := append([]string(nil), schemaStatements...)
	for _, t := range relTypeTokens {
		stmts = append(stmts, fmt.Sprintf(relKeyIndexCypher, "rel_key_"+t.lower, t.token))
	}
	for _, q := range stmts {
		if _, err := s.write(ctx, q, nil); err != nil {
			return fmt.Errorf("ensure schema: %s: %w", q, err)
		}
	}
	if _, err := s.write(ctx, awaitIndexesCypher, nil); err != nil {
		return fmt.Errorf("ensure schema: wait for indexes: %w", err)
	}
	return nil
}

const awaitIndexesCypher = `CALL db.awaitIndexes(300)`

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
