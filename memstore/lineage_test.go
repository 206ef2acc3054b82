package memstore_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// lineageGraph is neo4jstore's TestLeadingToRules graph: the direction of
// influence per relation type, no chain through a body, nothing dated after
// the target.
func lineageGraph(t *testing.T) ([]hemigraph.Node, []hemigraph.Edge) {
	t.Helper()
	return []hemigraph.Node{
			n("conf", hemigraph.KindConference, "1998"),
			n("convener", hemigraph.KindResolution, "1996"),
			n("cited", hemigraph.KindDeclaration, "1995"),
			n("producer", hemigraph.KindConference, "1995"),
			n("earlier-conf", hemigraph.KindConference, "1994"),
			n("later-conf", hemigraph.KindConference, "2003"),
			n("citer", hemigraph.KindResolution, "1997"),
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
		}
}

// TestLineageRules walks the graph to several depths and limits.
func TestLineageRules(t *testing.T) {
	nodes, edges := lineageGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		depth, limit int
		want         []string // id@distance, nearest first then id
	}{
		{1, 100, []string{"convener@1", "earlier-conf@1"}},
		{2, 100, []string{"convener@1", "earlier-conf@1", "body@2", "cited@2", "deep@2"}},
		{4, 100, []string{"convener@1", "earlier-conf@1", "body@2", "cited@2", "deep@2", "producer@3"}},
		{4, 3, []string{"convener@1", "earlier-conf@1", "body@2"}},
		{4, 0, nil},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("depth %d limit %d", tc.depth, tc.limit), func(t *testing.T) {
			l, err := s.Lineage(t.Context(), query.LineageQuery{ID: "conf", MaxDepth: tc.depth, Limit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			if l.Target.ID != "conf" {
				t.Errorf("target = %q", l.Target.ID)
			}
			var got []string
			chains := l.Chains()
			for i, en := range l.Entries {
				got = append(got, fmt.Sprintf("%s@%d", en.Node.ID, en.Distance))
				if len(chains[i]) != en.Distance {
					t.Errorf("%s: path of %d relations for distance %d", en.Node.ID, len(chains[i]), en.Distance)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("lineage (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLineageChain: each entry's chain runs from the entry to the target,
// each relation with its end nodes; of several shortest chains, the one
// by the smallest (node, from, key) at each level.
func TestLineageChain(t *testing.T) {
	nodes := []hemigraph.Node{
		n("conf", hemigraph.KindConference, ""), n("r1", hemigraph.KindResolution, ""), n("r2", hemigraph.KindResolution, ""),
		n("old", hemigraph.KindResolution, ""),
	}
	viaR2 := e("old", hemigraph.RelRequests, "r2")
	edges := []hemigraph.Edge{
		e("r2", hemigraph.RelConvenes, "conf"), e("r1", hemigraph.RelConvenes, "conf"),
		viaR2, e("r1", hemigraph.RelCites, "old"), e("r2", hemigraph.RelCites, "old"),
	}
	s := seeded(t, nodes, edges)
	l, err := s.Lineage(t.Context(), query.LineageQuery{ID: "conf", MaxDepth: 3, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	chains := l.Chains()
	for i, en := range l.Entries {
		for _, r := range chains[i] {
			got[en.Node.ID] = append(got[en.Node.ID], arrow(r.Edge))
			if r.FromNode.ID != r.From || r.ToNode.ID != r.To || !r.Outgoing || r.ID != r.Key() {
				t.Errorf("%s: relation %+v", en.Node.ID, r)
			}
		}
	}
	want := map[string][]string{
		"r1":  {"r1 -CONVENES-> conf"},
		"r2":  {"r2 -CONVENES-> conf"},
		"old": {"r1 -CITES-> old", "r1 -CONVENES-> conf"}, // from r1 before r2
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("chains (-want +got):\n%s", diff)
	}
}

// TestLineageErrors and the read-ahead around the target and the entries.
func TestLineageErrors(t *testing.T) {
	nodes, edges := lineageGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		name string
		q    query.LineageQuery
		err  error
	}{
		{"no node", query.LineageQuery{ID: "nothing", MaxDepth: 2, Limit: 1}, hemigraph.ErrNotFound},
		{"depth 0", query.LineageQuery{ID: "conf", MaxDepth: 0, Limit: 1}, hemigraph.ErrInvalid},
		{"too deep", query.LineageQuery{ID: "conf", MaxDepth: query.MaxLineageDepth + 1, Limit: 1}, hemigraph.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Lineage(t.Context(), tc.q); !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
		})
	}
	rq := query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 5}
	l, err := s.Lineage(t.Context(), query.LineageQuery{ID: "conf", MaxDepth: 1, Limit: 5,
		Expand: &query.Expand{Rels: []query.RelExpand{{Query: rq}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for id := range l.Prefetch {
		rels, _ := l.Prefetch.Get(id, rq, query.Prefetched{})
		got[id] = []string{}
		for _, r := range rels {
			got[id] = append(got[id], arrow(r.Edge))
		}
	}
	want := map[string][]string{
		"conf":         {},
		"convener":     {"convener -CITES-> body", "convener -CITES-> cited"},
		"earlier-conf": {"earlier-conf -CITES-> deep"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("read ahead (-want +got):\n%s", diff)
	}
}
