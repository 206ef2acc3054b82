package memstore_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// relGraph: r cites a and b, mentions itself, is cited by c, and is
// adopted by a body.
func relGraph(t *testing.T) ([]hemigraph.Node, []hemigraph.Edge) {
	t.Helper()
	return []hemigraph.Node{
			n("r", hemigraph.KindResolution, ""), n("a", hemigraph.KindResolution, ""), n("b", hemigraph.KindDeclaration, ""),
			n("c", hemigraph.KindResolution, ""), n("ga", hemigraph.KindBody, ""),
		}, []hemigraph.Edge{
			e("r", hemigraph.RelCites, "b"), e("r", hemigraph.RelCites, "a"), e("c", hemigraph.RelCites, "r"),
			e("r", hemigraph.RelMentions, "r"), e("r", hemigraph.RelAdoptedBy, "ga"), e("b", hemigraph.RelCites, "a"),
		}
}

// rels writes relations as arrows, "<" marking those reached from their
// end node.
func rels(l []hemigraph.Relation) []string {
	out := []string{}
	for _, r := range l {
		s := arrow(r.Edge)
		if !r.Outgoing {
			s = "< " + s
		}
		out = append(out, s)
	}
	return out
}

// TestRelations checks the order (type, far end, key, outgoing first),
// types, directions, First, and which ids are in the answer.
func TestRelations(t *testing.T) {
	nodes, edges := relGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		name string
		ids  []string
		q    query.RelQuery
		want map[string][]string
	}{
		{"both ways", []string{"r"}, query.RelQuery{First: 10}, map[string][]string{"r": {
			"r -ADOPTED_BY-> ga", "r -CITES-> a", "r -CITES-> b", "< c -CITES-> r", "r -MENTIONS-> r", "< r -MENTIONS-> r",
		}}},
		{"outgoing, one type", []string{"r"}, query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 10},
			map[string][]string{"r": {"r -CITES-> a", "r -CITES-> b"}}},
		{"incoming", []string{"r", "a"}, query.RelQuery{Direction: query.Incoming, First: 10},
			map[string][]string{"r": {"< c -CITES-> r", "< r -MENTIONS-> r"}, "a": {"< b -CITES-> a", "< r -CITES-> a"}}},
		{"first", []string{"r", "a"}, query.RelQuery{First: 1},
			map[string][]string{"r": {"r -ADOPTED_BY-> ga"}, "a": {"< b -CITES-> a"}}},
		{"none, or no node", []string{"ga", "nothing"}, query.RelQuery{Direction: query.Outgoing, First: 10}, map[string][]string{}},
		{"first 0", []string{"r"}, query.RelQuery{Direction: query.Incoming, First: 0}, map[string][]string{"r": {}}},
		{"unknown type", []string{"r"}, query.RelQuery{Types: []hemigraph.RelType{"LIKES"}, First: 10}, map[string][]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := s.Relations(t.Context(), tc.ids, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for id, l := range m {
				got[id] = rels(l)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("relations (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExpand: an expansion reads, for the nodes of its kinds, the lists
// Relations would give, and those of the far ends by Next.
func TestExpand(t *testing.T) {
	nodes, edges := relGraph(t)
	s := seeded(t, nodes, edges)
	cited := query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 10}
	citing := query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Incoming, First: 1}
	x := &query.Expand{Rels: []query.RelExpand{
		{Query: cited, Kinds: []hemigraph.Kind{hemigraph.KindResolution},
			Next: &query.Expand{Rels: []query.RelExpand{{Query: citing}}}},
	}}
	_, pf, err := s.LookupNodes(t.Context(), []string{"r", "b"}, 0, x)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for id, m := range pf {
		for key, l := range m {
			got[id+" "+key] = rels(l[0].Rels)
		}
	}
	want := map[string][]string{
		"r " + cited.Key():  {"r -CITES-> a", "r -CITES-> b"}, // b is no resolution: not expanded itself
		"a " + citing.Key(): {"< b -CITES-> a"},
		"b " + citing.Key(): {"< r -CITES-> b"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prefetch (-want +got):\n%s", diff)
	}
	direct, err := s.Relations(t.Context(), []string{"r"}, cited)
	if err != nil {
		t.Fatal(err)
	}
	ahead, _ := pf.Get("r", cited, query.Prefetched{})
	if diff := cmp.Diff(direct["r"], ahead); diff != "" {
		t.Errorf("read ahead and read apart differ (-apart +ahead):\n%s", diff)
	}
}
