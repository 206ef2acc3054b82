// Package raw is the server benchmark's baseline for the cost of the
// GraphQL layer: a plain net/http handler that answers the benchmark's
// queries with hand-written Cypher through the Go driver — one statement
// per request, the same data as the GraphQL queries select — and encodes
// the records as JSON. It has no GraphQL, no resolvers, no loaders.
package raw

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

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

	searchCypher = `CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: 20})
YIELD node, score
RETURN node{.id, .kind, .title, .symbol, score: score} AS n`

	neighbourhoodCypher = `MATCH (c:Entity {id: $id})-[r]-(m)
WITH c, r, m LIMIT 100
RETURN c.id AS center, collect(DISTINCT m{.id, .kind, .title}) AS nodes,
  collect({id: r.key, type: type(r), from: startNode(r).id, to: endNode(r).id, source: r.source}) AS edges`
)

// lineageCypher is the statement of neo4jstore.LeadingTo at depth 4,
// written out: the raw baseline sends the same traversal, so that only
// the layers above the driver differ.
const lineageCypher = `MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH p = ANY SHORTEST (c)((a)-[r:CONVENES|CITES|PRODUCED|FOLLOWS_UP|REQUESTS|INSTRUCTS]-(b)
        WHERE (type(r) IN ['CITES', 'FOLLOWS_UP']) = (startNode(r) = a)
          AND NOT (a:Body AND a.id <> $id)){1,4}(src)
  WHERE src <> c AND (src.year IS NULL OR c.year IS NULL OR src.year <= c.year)
  WITH src, p ORDER BY length(p), src.id LIMIT $limit
  RETURN collect({node: src{.id, .title}, distance: length(p),
    path: [r IN reverse(relationships(p)) | {type: type(r), source: r.source, from: startNode(r).id, to: endNode(r).id}]}) AS entries
}
RETURN c.id AS target, entries`

// Server answers GET /lookup?id=, /nested?id=, /list?title=,
// /search?text=, /neighbourhood?id= and /lineage?id=.
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
	mux.Handle("/search", s.endpoint(searchCypher, param("text")))
	mux.Handle("/neighbourhood", s.endpoint(neighbourhoodCypher, param("id")))
	mux.Handle("/lineage", s.endpoint(lineageCypher, func(r *http.Request) map[string]any {
		return map[string]any{"id": r.URL.Query().Get("id"), "limit": int64(50)}
	}))
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
