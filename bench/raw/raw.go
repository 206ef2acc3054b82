// Package raw is the server benchmark's baseline for the cost of the
// GraphQL layer: a plain net/http handler that answers the benchmark's
// queries with hand-written Cypher through the Go driver — one statement
// per request, the same data as the GraphQL queries select — and encodes
// the records as JSON. It has no GraphQL, no resolvers, no loaders. The
// lineage walks breadth first as hemigraph does, one statement per level
// in one read transaction.
package raw

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Statements are the hand-written queries, by endpoint.
const (
	lookupCypher = `MATCH (n:Entity {id: $id})
RETURN n{.id, .kind, .symbol, .title, .date, .year} AS n`

	nestedCypher = `MATCH (n:Entity {id: $id})
CALL (n) { MATCH (n)-[r:CITES]->(m) WITH r, m ORDER BY m.id, r.key LIMIT 10
  RETURN collect({verb: r.verb, source: r.source, node: m{.id, .title}}) AS cites }
CALL (n) { MATCH (n)<-[r:CITES]-(m) WITH r, m ORDER BY m.id, r.key LIMIT 10
  RETURN collect({verb: r.verb, source: r.source, node: m{.id, .title}}) AS citedBy }
CALL (n) { MATCH (n)-[r:ADOPTED_AT]->(m) WITH r, m ORDER BY m.id LIMIT 5
  RETURN collect({node: m{.id, .title}}) AS adoptedAt }
RETURN n{.id, .title, cites: cites, citedBy: citedBy, adoptedAt: adoptedAt} AS n`

	listCypher = `MATCH (n:Instrument)
WHERE n.kind = 'Resolution' AND toLower(n.title) CONTAINS $title
RETURN n{.id, .title, .date} AS n ORDER BY n.id LIMIT 21`

	neighbourhoodCypher = `MATCH (c:Entity {id: $id})-[r]-(m)
WITH c, r, m LIMIT 100
RETURN c.id AS center, collect(DISTINCT m{.id, .kind, .title}) AS nodes,
  collect({id: r.key, type: type(r), from: startNode(r).id, to: endNode(r).id, source: r.source}) AS edges`
)

// searchCypher finds what hemigraph's search finds, from the same sources
// (neo4jstore's searchSources): the exact symbol, the symbol words, and in
// each language one call of the node index over titles and aliases and one
// of the relationship index over clauses and evidence, a relationship
// standing for its start node; each node keeps its best score, and the
// page is the first 21 by score, then id (hemigraph reads one more than
// the 20 asked, to know whether more follow).
var searchCypher = func() string {
	parts := []string{
		`MATCH (n:Entity {symbolKey: $key}) RETURN n, 100.0 AS score`,
		`CALL db.index.fulltext.queryNodes('entity_text', $symbol, {limit: 100}) YIELD node, score RETURN node AS n, score`,
	}
	for _, l := range query.Languages {
		parts = append(parts,
			`CALL db.index.fulltext.queryNodes('entity_text_`+l+`', $nodeText, {limit: 100}) YIELD node, score RETURN node AS n, score`,
			`CALL db.index.fulltext.queryRelationships('relation_text_`+l+`', $relText, {limit: 100}) YIELD relationship, score
    RETURN startNode(relationship) AS n, score`)
	}
	return "CALL () {\n  " + strings.Join(parts, "\n  UNION ALL\n  ") + `
}
WITH n, max(score) AS score ORDER BY score DESC, n.id LIMIT 21
RETURN n{.id, .title, score: score} AS n`
}()

// searchParams are the parameters of searchCypher for the text of r: its
// symbol key, and its words, lower cased with Lucene's syntax escaped, as
// the queries of the symbol field and of each pair of fields.
func searchParams(r *http.Request) map[string]any {
	text := r.URL.Query().Get("text")
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		var b strings.Builder
		for _, c := range w {
			if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, c) {
				b.WriteByte('\\')
			}
			b.WriteRune(c)
		}
		ws = append(ws, b.String())
	}
	words := "(" + strings.Join(ws, " ") + ")"
	return map[string]any{
		"key":      hemigraph.SymbolKey(text),
		"symbol":   "symbol:" + words,
		"nodeText": "title:" + words + " OR aliasText:" + words,
		"relText":  "clauseText:" + words + " OR evidence:" + words,
	}
}

// lineageStepCypher takes one step back from every node of the frontier,
// by the rule hemigraph's lineage follows (hemigraph.LineageAgainst and
// hemigraph.LineageAlong), leaving out nodes dated after the target. As
// hemigraph's, it reads the relation's direction rather than the ids of
// its ends, which are those of the two nodes.
var lineageStepCypher = fmt.Sprintf(`UNWIND $frontier AS aid
MATCH (a:Entity {id: aid})
CALL (a) {
  MATCH (a)-[r:%s]->(b:Entity) RETURN r, b, true AS outgoing
  UNION ALL
  MATCH (a)<-[r:%s]-(b:Entity) RETURN r, b, false AS outgoing
}
WITH aid, r, b, outgoing WHERE $year IS NULL OR b.year IS NULL OR b.year <= $year
RETURN aid, b.id AS id, b.title AS title, b.kind AS kind,
  type(r) AS type, r.source AS source, outgoing`,
	alternatives(hemigraph.LineageAgainst), alternatives(hemigraph.LineageAlong))

// alternatives writes relation types as a Cypher type alternation.
func alternatives(ts []hemigraph.RelType) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = string(t)
	}
	return strings.Join(parts, "|")
}

const lineageTargetCypher = `MATCH (c:Entity {id: $id}) RETURN c.year AS year`

// Lineage bounds when /lineage is not given depth= and first=, as the
// benchmark's GraphQL query asks.
const (
	lineageDepth = 4
	lineageLimit = 50
)

// intParam is the query parameter name of r as a positive int, or def.
func intParam(r *http.Request, name string, def int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// Server answers GET /lookup?id=, /nested?id=, /list?title=,
// /search?text=, /neighbourhood?id= and /lineage?id=[&depth=&first=].
type Server struct {
	Driver     neo4j.DriverWithContext
	Database   string
	Statements atomic.Int64 // statements sent, for the statements-per-request figure
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	param := func(name string) func(r *http.Request) map[string]any {
		return func(r *http.Request) map[string]any { return map[string]any{name: r.URL.Query().Get(name)} }
	}
	mux.Handle("/lookup", s.endpoint(lookupCypher, param("id")))
	mux.Handle("/nested", s.endpoint(nestedCypher, param("id")))
	mux.Handle("/list", s.endpoint(listCypher, param("title")))
	mux.Handle("/search", s.endpoint(searchCypher, searchParams))
	mux.Handle("/neighbourhood", s.endpoint(neighbourhoodCypher, param("id")))
	mux.HandleFunc("/lineage", s.lineage)
	mux.HandleFunc("/stats", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strconv.FormatInt(s.Statements.Load(), 10)))
	})
	return mux
}

func (s *Server) endpoint(query string, params func(*http.Request) map[string]any) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
		defer cancel()
		s.Statements.Add(1)
		res, err := neo4j.ExecuteQuery(ctx, s.Driver, query, params(r), neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(s.Database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out := make([]map[string]any, len(res.Records))
		for i, rec := range res.Records {
			out[i] = rec.AsMap()
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"data": out})
	})
}

type lineageStep struct {
	Type   string `json:"type"`
	Source any    `json:"source"`
	From   string `json:"from"`
	To     string `json:"to"`
}

type lineageEntry struct {
	Node     map[string]any `json:"node"`
	Distance int            `json:"distance"`
	Path     []lineageStep  `json:"path"`
}

// lineage answers /lineage?id= by walking breadth first from the target,
// one statement per level in one read transaction, up to first= entries
// (lineageLimit) within depth= steps (lineageDepth); a body ends a chain.
func (s *Server) lineage(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	id := r.URL.Query().Get("id")
	maxDepth, limit := intParam(r, "depth", lineageDepth), intParam(r, "first", lineageLimit)
	sess := s.Driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	out, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		s.Statements.Add(1)
		res, err := tx.Run(ctx, lineageTargetCypher, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil || len(recs) == 0 {
			return nil, err
		}
		year, _ := recs[0].Get("year")
		type reached struct {
			step lineageStep
			back string // the node on the target's side
		}
		via := map[string]reached{id: {}}
		var entries []lineageEntry
		frontier := []string{id}
		for depth := 1; depth <= maxDepth && len(frontier) > 0 && len(entries) < limit; depth++ {
			s.Statements.Add(1)
			res, err := tx.Run(ctx, lineageStepCypher, map[string]any{"frontier": frontier, "year": year})
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			frontier = nil
			for _, rec := range recs {
				m := rec.AsMap()
				b, _ := m["id"].(string)
				if _, seen := via[b]; seen || len(entries) >= limit {
					continue
				}
				aid, _ := m["aid"].(string)
				st := lineageStep{Type: m["type"].(string), Source: m["source"], From: b, To: aid}
				if out, _ := m["outgoing"].(bool); out {
					st.From, st.To = aid, b
				}
				via[b] = reached{st, aid}
				entries = append(entries, lineageEntry{Node: map[string]any{"id": b, "title": m["title"]}, Distance: depth})
				if hemigraph.LineagePassesThrough(hemigraph.Kind(fmt.Sprint(m["kind"]))) {
					frontier = append(frontier, b)
				}
			}
		}
		for i := range entries {
			for n := entries[i].Node["id"].(string); n != id; n = via[n].back {
				entries[i].Path = append(entries[i].Path, via[n].step)
			}
		}
		return entries, nil
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"target": id, "entries": out}})
}
