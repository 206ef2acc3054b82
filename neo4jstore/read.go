package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

const nodeByIDCypher = `MATCH (n:Entity {id: $id}) RETURN n{.*} AS n`

// NodeByID returns the node with the given canonical id, or an error
// wrapping hemigraph.ErrNotFound.
func (s *Store) NodeByID(ctx context.Context, id string) (hemigraph.Node, error) {
	recs, err := s.read(ctx, nodeByIDCypher, map[string]any{"id": id})
	if err != nil {
		return hemigraph.Node{}, fmt.Errorf("get node %q: %w", id, err)
	}
	if len(recs) == 0 {
		return hemigraph.Node{}, fmt.Errorf("node %q: %w", id, hemigraph.ErrNotFound)
	}
	v, _ := recs[0].Get("n")
	return nodeFromMap(v), nil
}

const nodeBySymbolKeyCypher = `
MATCH (n:Entity {symbolKey: $key})
RETURN n{.*} AS n ORDER BY n.unresolved, n.id LIMIT 1`

// NodeBySymbol returns the node whose symbol has the same key
// (hemigraph.SymbolKey) as symbol, so any printed variant finds it. It
// returns an error wrapping hemigraph.ErrNotFound when none does.
func (s *Store) NodeBySymbol(ctx context.Context, symbol string) (hemigraph.Node, error) {
	key := hemigraph.SymbolKey(symbol)
	recs, err := s.read(ctx, nodeBySymbolKeyCypher, map[string]any{"key": key})
	if err != nil {
		return hemigraph.Node{}, fmt.Errorf("get node by symbol %q: %w", symbol, err)
	}
	if len(recs) == 0 {
		return hemigraph.Node{}, fmt.Errorf("symbol %q: %w", symbol, hemigraph.ErrNotFound)
	}
	v, _ := recs[0].Get("n")
	return nodeFromMap(v), nil
}

// ListQuery selects a page of nodes, ordered by id.
type ListQuery struct {
	Label string           // "Instrument", "Conference", "Body", "Session" or "Entity"
	Kinds []hemigraph.Kind // when not empty, only these kinds
	Title string           // when not empty, a case-insensitive substring of the title or an alias
	After string           // keyset cursor: only ids greater than this
	First int              // page size
}

const listNodesCypher = `
MATCH (n:LABEL)
WHERE ($after IS NULL OR n.id > $after) AND FILTER
RETURN n{.*} AS n ORDER BY n.id LIMIT $limit`

const countNodesCypher = `
MATCH (n:LABEL)
WHERE FILTER
RETURN count(n) AS total`

const listFilterCypher = `($kinds IS NULL OR n.kind IN $kinds)
  AND ($title IS NULL OR toLower(n.title) CONTAINS $title
       OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $title))`

// listLabels are the labels a list may be asked for; each has its prepared
// statements.
var listLabels = []string{"Entity", "Instrument", "Conference", "Body", "Session"}

var listStatements, countStatements = func() (map[string]string, map[string]string) {
	list, count := map[string]string{}, map[string]string{}
	for _, l := range listLabels {
		r := strings.NewReplacer("LABEL", l, "FILTER", listFilterCypher)
		list[l], count[l] = r.Replace(listNodesCypher), r.Replace(countNodesCypher)
	}
	return list, count
}()

func listParams(q ListQuery) map[string]any {
	p := map[string]any{"kinds": nil, "title": nil, "after": nil, "limit": int64(q.First)}
	if len(q.Kinds) > 0 {
		ks := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			ks[i] = string(k)
		}
		p["kinds"] = ks
	}
	if t := strings.TrimSpace(q.Title); t != "" {
		p["title"] = strings.ToLower(t)
	}
	if q.After != "" {
		p["after"] = q.After
	}
	return p
}

// ListNodes returns up to q.First+1 nodes after q.After in id order; the
// extra node, when present, tells the caller that there is a next page. It
// returns an error wrapping hemigraph.ErrInvalid for an unknown label.
func (s *Store) ListNodes(ctx context.Context, q ListQuery) ([]hemigraph.Node, error) {
	stmt, ok := listStatements[q.Label]
	if !ok {
		return nil, fmt.Errorf("list label %q: %w", q.Label, hemigraph.ErrInvalid)
	}
	p := listParams(q)
	p["limit"] = int64(q.First + 1)
	recs, err := s.read(ctx, stmt, p)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", q.Label, err)
	}
	out := make([]hemigraph.Node, len(recs))
	for i, r := range recs {
		v, _ := r.Get("n")
		out[i] = nodeFromMap(v)
	}
	return out, nil
}

// CountNodes returns how many nodes match q's label, kinds and title,
// ignoring its page.
func (s *Store) CountNodes(ctx context.Context, q ListQuery) (int, error) {
	stmt, ok := countStatements[q.Label]
	if !ok {
		return 0, fmt.Errorf("count label %q: %w", q.Label, hemigraph.ErrInvalid)
	}
	recs, err := s.read(ctx, stmt, listParams(q))
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", q.Label, err)
	}
	return getInt(recs[0], "total"), nil
}

const relationsCypher = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r]->(m) WHERE $out AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m, true AS outgoing
  UNION ALL
  MATCH (n)<-[r]-(m) WHERE $in AND ($types IS NULL OR type(r) IN $types)
  RETURN r, m, false AS outgoing
}
WITH id, r, m, outgoing ORDER BY type(r), m.id, r.key, outgoing DESC
WITH id, collect(` + `{type: type(r), fromId: startNode(r).id, toId: endNode(r).id,
  from: properties(startNode(r)), to: properties(endNode(r)), props: properties(r), outgoing: outgoing}` + `)[..$limit] AS rels
RETURN id, rels`

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
	if len(q.Types) > 0 {
		ts := make([]string, len(q.Types))
		for i, t := range q.Types {
			ts[i] = string(t)
		}
		p["types"] = ts
	}
	recs, err := s.read(ctx, relationsCypher, p)
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

// LeadingTo returns the nodes from which a chain of at most maxDepth lineage
// relations (hemigraph.LineageRelTypes) leads to the node id, nearest first,
// at most limit of them, each with one shortest chain. It returns the target
// node too. Errors are those of Lineage.
func (s *Store) LeadingTo(ctx context.Context, id string, maxDepth, limit int) (hemigraph.Node, []hemigraph.LineageEntry, error) {
	l, err := s.Lineage(ctx, query.LineageQuery{ID: id, MaxDepth: maxDepth, Limit: limit})
	if err != nil {
		return hemigraph.Node{}, nil, err
	}
	return l.Target, l.Entries, nil
}

const countsCypher = `
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels`

// Counts returns the number of nodes and relationships in the database.
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
