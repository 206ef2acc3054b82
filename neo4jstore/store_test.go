package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/neo4jstore"
	"github.com/hemigraph/hemigraph/query"
)

// TestEnsureSchemaIdempotent runs the schema set-up twice and checks the
// constraint and indexes the queries rely on.
func TestEnsureSchemaIdempotent(t *testing.T) {
	s := neo4jtest.Open(t) // ran EnsureSchema once
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatalf("second EnsureSchema: %v", err)
	}
	names, err := s.SchemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"entity_id", "entity_symbol_key", "entity_title", "entity_text", "entity_text_spanish", "relation_text_english"} {
		if !slices.Contains(names, want) {
			t.Errorf("schema lacks %q (has %v)", want, names)
		}
	}
	for _, name := range names {
		if strings.HasPrefix(name, "rel_key_") {
			t.Errorf("schema still has the retired index %q", name)
		}
	}
}

// TestEnsureSchemaDropsRetiredIndexes checks that a database set up by an
// earlier version, which indexed relationship keys, loses those indexes.
func TestEnsureSchemaDropsRetiredIndexes(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE INDEX rel_key_cites IF NOT EXISTS FOR ()-[r:CITES]-() ON (r.key)`,
		`CREATE INDEX rel_key_convenes IF NOT EXISTS FOR ()-[r:CONVENES]-() ON (r.key)`,
		`CALL db.awaitIndexes(60)`,
	} {
		if err := s.WriteForTest(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	names, err := s.SchemaNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names, "rel_key_cites") {
		t.Fatalf("set-up: rel_key_cites was not created (have %v)", names)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if names, err = s.SchemaNames(ctx); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasPrefix(name, "rel_key_") {
			t.Errorf("EnsureSchema left the retired index %q", name)
		}
	}
}

func seed(t *testing.T, s *neo4jstore.Store, nodes []hemigraph.Node, edges []hemigraph.Edge) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.WriteNodes(ctx, nodes); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteEdges(ctx, edges); err != nil {
		t.Fatal(err)
	}
}

// TestListNodesKeysetPaging walks a whole list page by page: every node
// once, in id order, whatever the page size.
func TestListNodesKeysetPaging(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	var nodes []hemigraph.Node
	var want []string
	for i := range 23 {
		id := fmt.Sprintf("res-%02d", i)
		nodes = append(nodes, hemigraph.Node{ID: id, Kind: hemigraph.KindResolution, Title: fmt.Sprintf("Resolution %d", i)})
		want = append(want, id)
	}
	nodes = append(nodes, hemigraph.Node{ID: "a-body", Kind: hemigraph.KindBody, Title: "A Body"})
	seed(t, s, nodes, nil)
	for _, size := range []int{1, 5, 23, 50} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			var got []string
			after := ""
			for range 100 {
				q := query.FindQuery{Label: "Instrument", First: size}
				if after != "" {
					q.After = &query.Cursor{Key: after, ID: after}
				}
				page, err := s.FindNodes(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range page.Nodes {
					got = append(got, n.ID)
				}
				if !page.HasNext {
					break
				}
				after = page.Nodes[len(page.Nodes)-1].ID
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
	page, err := s.FindNodes(ctx, query.FindQuery{Label: "Instrument", Filter: query.Filter{Title: "resolution 1"}, First: 1, Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if total := page.Total; total != 11 { // 1, 10..19
		t.Errorf("count of titles containing 'resolution 1' = %d, want 11", total)
	}
}

func TestLineageNotFound(t *testing.T) {
	s := neo4jtest.Open(t)
	_, err := s.Lineage(context.Background(), query.LineageQuery{ID: "nothing-here", MaxDepth: 3, Limit: 10})
	if !errorsIs(err, hemigraph.ErrNotFound) {
		t.Errorf("Lineage err = %v, want ErrNotFound", err)
	}
	_, err = s.Lineage(context.Background(), query.LineageQuery{ID: "nothing-here", MaxDepth: query.MaxLineageDepth + 1, Limit: 10})
	if !errorsIs(err, hemigraph.ErrInvalid) {
		t.Errorf("Lineage too deep: err = %v, want ErrInvalid", err)
	}
}

// TestLineageRules checks the direction of influence per relation type,
// the depth bound, and the two rules: no chain through a body, nothing dated
// after the target.
func TestLineageRules(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	n := func(id string, k hemigraph.Kind, date string) hemigraph.Node {
		return hemigraph.Node{ID: id, Kind: k, Title: id, Date: date}
	}
	e := func(from string, t hemigraph.RelType, to string) hemigraph.Edge {
		return hemigraph.Edge{From: from, To: to, Type: t, Provenance: hemigraph.Provenance{Source: "test"}}
	}
	seed(t, s, []hemigraph.Node{
		n("conf", hemigraph.KindConference, "1998"),
		n("convener", hemigraph.KindResolution, "1996"),
		n("cited", hemigraph.KindDeclaration, "1995"),
		n("producer", hemigraph.KindConference, "1995"),
		n("earlier-conf", hemigraph.KindConference, "1994"),
		n("later-conf", hemigraph.KindConference, "2003"),
		n("citer", hemigraph.KindResolution, "1997"), // cites convener: influenced by it, did not lead to conf
		n("body", hemigraph.KindBody, ""),
		n("body-instructor", hemigraph.KindResolution, "1990"),
		n("deep", hemigraph.KindResolution, "1980"),
		n("future", hemigraph.KindResolution, "2001"),
	}, []hemigraph.Edge{
		e("convener", hemigraph.RelConvenes, "conf"),
		e("convener", hemigraph.RelCites, "cited"),
		e("producer", hemigraph.RelProduced, "cited"),
		e("conf", hemigraph.RelFollowsUp, "earlier-conf"),
		e("later-conf", hemigraph.RelFollowsUp, "conf"),
		e("citer", hemigraph.RelCites, "convener"),
		e("convener", hemigraph.RelCites, "body"),
		e("body-instructor", hemigraph.RelInstructs, "body"),
		e("earlier-conf", hemigraph.RelCites, "deep"),
		e("future", hemigraph.RelConvenes, "conf"),
	})
	tests := []struct {
		depth int
		want  []string // id@distance, nearest first then id
	}{
		{1, []string{"convener@1", "earlier-conf@1"}},
		{2, []string{"convener@1", "earlier-conf@1", "body@2", "cited@2", "deep@2"}},
		{4, []string{"convener@1", "earlier-conf@1", "body@2", "cited@2", "deep@2", "producer@3"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.depth), func(t *testing.T) {
			l, err := s.Lineage(ctx, query.LineageQuery{ID: "conf", MaxDepth: tt.depth, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			target, entries := l.Target, l.Entries
			if target.ID != "conf" {
				t.Errorf("target = %q", target.ID)
			}
			var got []string
			chains := l.Chains()
			for i, en := range entries {
				got = append(got, fmt.Sprintf("%s@%d", en.Node.ID, en.Distance))
				path := chains[i]
				if len(path) != en.Distance {
					t.Errorf("%s: path of %d relations for distance %d", en.Node.ID, len(path), en.Distance)
					continue
				}
				if last := path[len(path)-1]; last.From != "conf" && last.To != "conf" {
					t.Errorf("%s: path does not end at the target: %+v", en.Node.ID, last)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lineage (-want +got):\n%s", diff)
			}
		})
	}
	l, err := s.Lineage(ctx, query.LineageQuery{ID: "conf", MaxDepth: 4, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if entries := l.Entries; len(entries) != 2 {
		t.Errorf("limit 2 returned %d entries", len(entries))
	}
}
