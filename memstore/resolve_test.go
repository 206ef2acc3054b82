package memstore_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
)

// TestCatalog: the nodes referred to by name, those asked for by id or
// symbol key, every FOLLOWS_UP edge and the CONVENES edges from the ids.
func TestCatalog(t *testing.T) {
	nodes := []hemigraph.Node{
		n("conf1", hemigraph.KindConference, ""), n("conf2", hemigraph.KindConference, ""), n("ga", hemigraph.KindBody, ""),
		n("res1", hemigraph.KindResolution, ""), n("res2", hemigraph.KindResolution, ""), n("rep", hemigraph.KindReport, ""),
		{ID: "res3", Kind: hemigraph.KindResolution, Title: "x", Symbol: "AG/RES. 1412 (XXVI-O/96)"},
	}
	edges := []hemigraph.Edge{
		e("conf2", hemigraph.RelFollowsUp, "conf1"), e("res1", hemigraph.RelConvenes, "conf1"), e("res2", hemigraph.RelConvenes, "conf2"),
		e("res1", hemigraph.RelFollowsUp, "res2"),
	}
	s := seeded(t, nodes, edges)
	gotNodes, gotEdges, err := s.Catalog(t.Context(), []string{"res1", "nothing"}, []string{"AG/RES. 1412 (XXVI-O/96)"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"conf1", "conf2", "ga", "res1", "res3"}, ids(gotNodes)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	var got []string
	for _, e := range gotEdges {
		got = append(got, arrow(e))
		if e.Source != "" {
			t.Errorf("%s: has its provenance", arrow(e))
		}
	}
	want := []string{"conf2 -FOLLOWS_UP-> conf1", "res1 -FOLLOWS_UP-> res2", "res1 -CONVENES-> conf1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}

// TestFoldPlaceholder goes through what a document load does to fold a
// placeholder into the node it turns out to be: the placeholder's edges
// are rewritten onto the node, the placeholder deleted.
func TestFoldPlaceholder(t *testing.T) {
	cite := e("doc", hemigraph.RelCites, "ph")
	cite.Document = "doc"
	s := seeded(t, []hemigraph.Node{
		n("doc", hemigraph.KindResolution, ""), n("known", hemigraph.KindResolution, ""),
		{ID: "ph", Kind: hemigraph.KindResolution, Title: "?", Unresolved: true},
	}, []hemigraph.Edge{cite})
	ctx := t.Context()
	ph, err := s.Unresolved(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ph"}, ids(ph)); diff != "" {
		t.Errorf("placeholders (-want +got):\n%s", diff)
	}
	es, err := s.EdgesOf(ctx, "ph")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]hemigraph.Edge{cite}, es); diff != "" {
		t.Errorf("edges of the placeholder (-want +got):\n%s", diff)
	}
	moved := es[0]
	moved.To = "known"
	if _, err := s.WriteEdges(ctx, []hemigraph.Edge{moved}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteNodes(ctx, []string{"ph", "nothing"}); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.LookupNodes(ctx, []string{"known", "ph"}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].CitedByCount != 1 {
		t.Errorf("after the fold: %+v", got)
	}
	if nodes, rels, _ := s.Counts(ctx); nodes != 2 || rels != 1 {
		t.Errorf("%d nodes, %d relationships; want 2, 1", nodes, rels)
	}
	if ph, _ := s.Unresolved(ctx); len(ph) != 0 {
		t.Errorf("placeholders left: %v", ids(ph))
	}
}

// TestDeleteStaleEdges: the relationships a document stated and no longer
// states go, from its node and among the nodes it points to; those of
// other documents and those kept stay.
func TestDeleteStaleEdges(t *testing.T) {
	stated := func(from string, typ hemigraph.RelType, to, doc string) hemigraph.Edge {
		r := hemigraph.Edge{From: from, To: to, Type: typ, Provenance: hemigraph.Provenance{Document: doc}}
		return r
	}
	nodes := []hemigraph.Node{
		n("doc", hemigraph.KindResolution, ""), n("x", hemigraph.KindResolution, ""), n("y", hemigraph.KindResolution, ""),
		n("body", hemigraph.KindBody, ""), n("parent", hemigraph.KindBody, ""), n("far", hemigraph.KindBody, ""),
	}
	kept := stated("doc", hemigraph.RelCites, "x", "doc")
	edges := []hemigraph.Edge{
		kept,
		stated("doc", hemigraph.RelCites, "y", "doc"),        // stale
		stated("doc", hemigraph.RelInstructs, "body", "doc"), // stale
		stated("body", hemigraph.RelPartOf, "parent", "doc"), // stale: among the nodes doc points to
		stated("parent", hemigraph.RelPartOf, "far", "doc"),  // out of reach
		stated("x", hemigraph.RelCites, "y", "other"),        // another document's
		e("x", hemigraph.RelMentions, "far"),                 // no document
	}
	tests := []struct {
		name     string
		document string
		keep     []string
		deleted  int
		left     int
		citingY  int
	}{
		{"no node", "nothing", nil, 0, len(edges), 2},
		{"stale ones", "doc", []string{kept.Key()}, 3, len(edges) - 3, 1},
		{"none kept", "doc", nil, 4, len(edges) - 4, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := seeded(t, nodes, edges)
			got, err := s.DeleteStaleEdges(t.Context(), tc.document, tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			_, rels, _ := s.Counts(t.Context())
			if got != tc.deleted || rels != tc.left {
				t.Errorf("deleted %d, %d left; want %d, %d", got, rels, tc.deleted, tc.left)
			}
			y, _, _ := s.LookupNodes(t.Context(), []string{"y"}, 0, nil)
			if y[0].CitedByCount != tc.citingY {
				t.Errorf("y cited by %d nodes, want %d", y[0].CitedByCount, tc.citingY)
			}
		})
	}
}

// TestConcurrent runs reads and writes at once; run with -race.
func TestConcurrent(t *testing.T) {
	s := memstore.New()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				id := fmt.Sprintf("n%d-%d", w, i)
				if _, err := s.WriteNodes(t.Context(), []hemigraph.Node{n(id, hemigraph.KindResolution, "1996")}); err != nil {
					t.Error(err)
				}
				if i > 0 {
					prev := fmt.Sprintf("n%d-%d", w, i-1)
					if _, err := s.WriteEdges(t.Context(), []hemigraph.Edge{e(id, hemigraph.RelCites, prev)}); err != nil {
						t.Error(err)
					}
				}
			}
		})
		wg.Go(func() {
			for range 50 {
				if _, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", First: 5, Order: query.Order{Field: query.OrderCitedBy}}); err != nil {
					t.Error(err)
				}
				if _, err := s.Search(t.Context(), query.SearchQuery{Text: "n1", First: 5}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if nodes, rels, _ := s.Counts(t.Context()); nodes != 200 || rels != 196 {
		t.Errorf("%d nodes, %d relationships; want 200, 196", nodes, rels)
	}
}
