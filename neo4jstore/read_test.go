package neo4jstore_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/neo4jstore"
	"github.com/hemigraph/hemigraph/query"
)

// TestReadTimeoutReachesTheServer runs a statement far longer than the
// transaction timeout of reads, under a context that would let it run for
// a minute: the server stops it, so the timeout (the store's, or the time
// left before the context's deadline when sooner: see TestTxTimeout)
// reaches the server, and the error says it was a deadline. Neo4j checks
// timeouts every two seconds or so, hence the minute.
func TestReadTimeoutReachesTheServer(t *testing.T) {
	neo4jtest.Open(t) // wiped, schema ensured
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI: os.Getenv(neo4jtest.EnvURI), User: os.Getenv("NEO4J_TEST_USER"), Password: os.Getenv("NEO4J_TEST_PASSWORD"),
		Database: os.Getenv("NEO4J_TEST_DATABASE"), TxTimeout: 300 * time.Millisecond,
	}, neo4jtest.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	const slow = `UNWIND range(1, 100000000000) AS x WITH x WHERE x % 1000003 = -1 RETURN count(x)`
	err = s.ReadForTest(ctx, slow)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "TransactionTimedOut") || ctx.Err() != nil {
		t.Errorf("err = %v, want the server's transaction timeout, wrapping context.DeadlineExceeded", err)
	}
}

// TestFulltextIndexes: one node and one relationship full-text index per
// language, each online.
func TestFulltextIndexes(t *testing.T) {
	s := neo4jtest.Open(t)
	names, err := s.SchemaNames(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range query.Languages {
		for _, want := range []string{"entity_text_" + l, "relation_text_" + l} {
			if !slices.Contains(names, want) {
				t.Errorf("no online index %s (have %v)", want, names)
			}
		}
	}
}

// TestCitedByCount: writing CITES edges keeps the citedByCount of their
// targets, counting distinct citing nodes; a rerun writes nothing.
func TestCitedByCount(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	var nodes []hemigraph.Node
	for _, id := range []string{"a", "b", "c", "x", "y"} {
		nodes = append(nodes, hemigraph.Node{ID: id, Kind: hemigraph.KindResolution, Title: "Resolution " + id})
	}
	cites := func(from, to, verb string) hemigraph.Edge {
		return hemigraph.Edge{From: from, To: to, Type: hemigraph.RelCites, Verb: verb, Provenance: hemigraph.Provenance{Source: "test"}}
	}
	edges := []hemigraph.Edge{
		cites("a", "x", "RECALLING"), cites("a", "x", "NOTING"), // one citing node, two clauses
		cites("b", "x", "RECALLING"), cites("c", "x", "RECALLING"),
		cites("a", "y", "RECALLING"),
		{From: "b", To: "y", Type: hemigraph.RelMentions, Provenance: hemigraph.Provenance{Source: "test"}},
	}
	if _, err := s.WriteNodes(ctx, nodes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteEdges(ctx, edges); err != nil {
		t.Fatal(err)
	}
	order := func() []string {
		page, err := s.FindNodes(ctx, query.FindQuery{Label: "Entity", First: 10,
			Order: query.Order{Field: query.OrderCitedBy, Desc: true}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i, n := range page.Nodes {
			out = append(out, n.ID+":"+string(rune('0'+page.Cursors[i].Key.(int64))))
		}
		return out
	}
	want := []string{"x:3", "y:1", "c:0", "b:0", "a:0"}
	if diff := cmp.Diff(want, order()); diff != "" {
		t.Errorf("by times cited (-want +got):\n%s", diff)
	}
	again, err := s.WriteEdges(ctx, edges)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(hemigraph.WriteCounts{Unchanged: len(edges)}, again); diff != "" {
		t.Errorf("rerun (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, order()); diff != "" {
		t.Errorf("after a rerun (-want +got):\n%s", diff)
	}
	if _, err := s.WriteEdges(ctx, []hemigraph.Edge{cites("c", "y", "NOTING")}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x:3", "y:2", "c:0", "b:0", "a:0"}, order()); diff != "" {
		t.Errorf("after one more citation (-want +got):\n%s", diff)
	}
	// A second clause of a node that already cites y, in a later batch, is
	// not a new citing node; a batch refused for a missing endpoint is
	// rolled back, its count included.
	if _, err := s.WriteEdges(ctx, []hemigraph.Edge{cites("c", "y", "RECALLING")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteEdges(ctx, []hemigraph.Edge{cites("b", "y", "RECALLING"), cites("b", "nobody", "RECALLING")}); err == nil {
		t.Error("a batch with a missing endpoint was written")
	}
	if diff := cmp.Diff([]string{"x:3", "y:2", "c:0", "b:0", "a:0"}, order()); diff != "" {
		t.Errorf("after a second clause and a refused batch (-want +got):\n%s", diff)
	}
	// Changing what a citation says updates it and counts nothing.
	changed := cites("b", "x", "RECALLING")
	changed.Evidence = "recalling, as amended"
	got, err := s.WriteEdges(ctx, []hemigraph.Edge{changed})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(hemigraph.WriteCounts{Updated: 1}, got); diff != "" {
		t.Errorf("changed citation (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"x:3", "y:2", "c:0", "b:0", "a:0"}, order()); diff != "" {
		t.Errorf("after a changed citation (-want +got):\n%s", diff)
	}
	// Deleting a citing node recounts what it cited.
	if _, err := s.DeleteNodes(ctx, []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"x:2", "y:1", "c:0", "b:0"}, order()); diff != "" {
		t.Errorf("after deleting a (-want +got):\n%s", diff)
	}
	ns, _, err := s.LookupNodes(ctx, []string{"x"}, 0, nil)
	if err != nil || len(ns) != 1 {
		t.Fatal(ns, err)
	}
	if ns[0].CitedByCount != 2 {
		t.Errorf("x.CitedByCount = %d, want 2", ns[0].CitedByCount)
	}
}
