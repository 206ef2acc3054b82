package neo4jstore

import (
	"context"
	"fmt"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// listLabels are the labels a list may be asked for.
var listLabels = []string{"Entity", "Instrument", "Conference", "Body", "Session"}

// relationsCypher reads each node's relations: per node, the first $limit
// in order, and only those projected (reading both ends' properties), not
// every relation of the node before the list is cut. Rel is the
// relationship pattern: "r", or "r:CITES|FOLLOWS_UP" when the types asked
// for are of the closed set, so that Neo4j expands only those (a dense
// node keeps its relationships by type); $types filters otherwise.
var relationsCypher = newStatement("relationsCypher", `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  CALL (n) {
    MATCH (n)-[{{Rel}}]->(m) WHERE $out AND ($types IS NULL OR type(r) IN $types)
    RETURN r, m, true AS outgoing
    UNION ALL
    MATCH (n)<-[{{Rel}}]-(m) WHERE $in AND ($types IS NULL OR type(r) IN $types)
    RETURN r, m, false AS outgoing
  }
  WITH r, m, outgoing ORDER BY type(r), m.id, r.key, outgoing DESC LIMIT $limit
  RETURN collect({type: type(r), from: `+nodeOf("startNode(r)")+`, to: `+nodeOf("endNode(r)")+`,
    props: properties(r), outgoing: outgoing}) AS rels
}
RETURN id, rels`)

// Relations returns, for each of ids, its relations selected by q, ordered
// by type, far-end id and key (as an Expand reads them ahead): one
// statement for any number of nodes. Ids that name no node are absent from
// the map.
func (s *Store) Relations(ctx context.Context, ids []string, q query.RelQuery) (map[string][]hemigraph.Relation, error) {
	p := map[string]any{
		"ids":   ids,
		"types": nil,
		"out":   q.Direction != query.Incoming,
		"in":    q.Direction != query.Outgoing,
		"limit": int64(q.First),
	}
	rel := "r"
	switch {
	case len(q.Types) > 0 && knownTypes(q.Types):
		rel = "r:" + relTypeAlternatives(q.Types)
	case len(q.Types) > 0:
		ts := make([]string, len(q.Types))
		for i, t := range q.Types {
			ts[i] = string(t)
		}
		p["types"] = ts
	}
	recs, err := s.readStatement(ctx, relationsCypher, frags{"Rel": rel}, p)
	if err != nil {
		return nil, fmt.Errorf("relations of %d nodes: %w", len(ids), err)
	}
	out := make(map[string][]hemigraph.Relation, len(recs))
	for _, r := range recs {
		id, _ := r.Get("id")
		v, _ := r.Get("rels")
		l, _ := v.([]any)
		rels := make([]hemigraph.Relation, len(l))
		for i, x := range l {
			rels[i] = relationFromMap(x)
		}
		out[asString(id)] = rels
	}
	return out, nil
}

const countsCypher = `
CALL () { MATCH (n:Entity) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS all }
CALL () { MATCH ()-[r:BEFORE]->() RETURN count(r) AS snapshots }
RETURN nodes, all - snapshots AS rels`

// Counts returns the number of nodes (entities: load records are not) and
// relationships in the database (without those that join a deleted
// record's change to its snapshot). Both come from Neo4j's count store.
func (s *Store) Counts(ctx context.Context) (nodes, rels int, err error) {
	recs, err := s.read(ctx, countsCypher, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("count graph: %w", err)
	}
	return getInt(recs[0], "nodes"), getInt(recs[0], "rels"), nil
}

// wipeRelsCypher and wipeNodesCypher empty the graph in bounded
// transactions, relationships first. A single DETACH DELETE pass deadlocks
// on its own inner transactions once nodes are dense (a body adopting
// thousands of resolutions): each batch must lock the relationship groups of
// the dense nodes its neighbours share.
const (
	wipeRelsCypher  = `MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS`
	wipeNodesCypher = `MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS`
)

// Wipe deletes every node and relationship; the schema stays. Tests and the
// benchmarks use it to start from an empty graph.
func (s *Store) Wipe(ctx context.Context) error {
	for _, q := range []string{wipeRelsCypher, wipeNodesCypher} {
		if err := s.autoCommit(ctx, q); err != nil {
			return fmt.Errorf("wipe graph: %w", err)
		}
	}
	return nil
}
