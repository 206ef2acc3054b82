package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/server"
)

// benchQueries are five representative queries of analysts and front ends.
var benchQueries = []struct{ name, query string }{
	{"nested", nestedConference},
	{"list", `{ instruments(first: 20, filter: {kinds: [RESOLUTION, DECLARATION], years: {from: 1995, to: 2005}},
		orderBy: {field: CITED_BY, direction: DESC}) { totalCount pageInfo { endCursor hasNextPage }
		edges { cursor node { id symbol title date cites(first: 5) { verb node { id title } } } } } }`},
	{"search", `{ search(text: "confidence- and security-building measures", first: 20) { totalCount
		edges { score field text node { id kind title } } } }`},
	{"neighbourhood", `{ neighbourhood(id: "` + res1412 + `", depth: 2, limit: 100) { truncated
		nodes { id kind label distance citedByCount } edges { id type from to properties { verb source evidence } } } }`},
	{"lineage", `{ instrumentsLeadingTo(conference: "` + sanSalvador + `") { truncated
		entries { distance node { id kind title } path { type verb source from { id } to { id } } } } }`},
}

// BenchmarkQueries measures the five queries through the real handler on
// the bundled corpus, and reports the median and 95th percentile latency:
// on the in-memory store, where the time is the server's own (GraphQL,
// resolvers, encoding), and on Neo4j when a test database is set.
//
//	NEO4J_TEST_URI=bolt://... go test ./server -run '^$' -bench Queries -benchtime 200x
func BenchmarkQueries(b *testing.B) {
	b.Run("memory", func(b *testing.B) { benchQueriesOn(b, newMemoryFixture(b, server.Config{})) })
	if neo4jtest.Enabled() {
		b.Run("neo4j", func(b *testing.B) { benchQueriesOn(b, newFixture(b, server.Config{})) })
	}
}

func benchQueriesOn(b *testing.B, f *fixture) {
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			body, err := json.Marshal(request{Query: q.query})
			if err != nil {
				b.Fatal(err)
			}
			send := func() *httptest.ResponseRecorder {
				r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, r)
				return w
			}
			if resp := decode(b, send().Body.Bytes()); len(resp.Errors) > 0 {
				b.Fatalf("errors: %+v", resp.Errors)
			}
			var lat []time.Duration
			b.ReportAllocs()
			for b.Loop() {
				start := time.Now()
				if w := send(); w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.95), "p95-ms")
		})
	}
}
