package resolvers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

// TestLineageEntries: the first n entries, each path its entry's first
// relation and then the path of the entry nearer, the relation converted
// once for every path it is in; no paths when they are not wanted.
func TestLineageEntries(t *testing.T) {
	node := func(id string) hemigraph.Node { return hemigraph.Node{ID: id, Kind: hemigraph.KindResolution} }
	rel := func(from, to string) hemigraph.Relation {
		return hemigraph.Relation{ID: from + ">" + to, Edge: hemigraph.Edge{From: from, To: to, Type: hemigraph.RelCites, Provenance: hemigraph.Provenance{Source: "s"}},
			FromNode: node(from), ToNode: node(to), Outgoing: true}
	}
	l := query.Lineage{Target: node("t"), Entries: []hemigraph.LineageEntry{
		{Node: node("a"), Distance: 1, Via: rel("a", "t")},
		{Node: node("b"), Distance: 2, Via: rel("b", "a")},
		{Node: node("c"), Distance: 3, Via: rel("c", "b")},
		{Node: node("d"), Distance: 2, Via: rel("d", "a")}, // past n
	}}
	paths := func(es []model.LineageEntry) []string {
		var out []string
		for _, e := range es {
			var ids []string
			for _, r := range e.Path {
				ids = append(ids, r.ID)
			}
			out = append(out, fmt.Sprintf("%s@%d:%s", e.Node.(*model.Instrument).ID, e.Distance, strings.Join(ids, ",")))
		}
		return out
	}
	got := lineageEntries(l, 3, true, newShared())
	want := []string{"a@1:a>t", "b@2:b>a,a>t", "c@3:c>b,b>a,a>t"}
	if fmt.Sprint(paths(got)) != fmt.Sprint(want) {
		t.Errorf("paths = %q, want %q", paths(got), want)
	}
	if got[1].Path[1].Source != got[0].Path[0].Source || got[1].Path[1].Source == nil {
		t.Errorf("a relation in two paths was converted apart: %v and %v", got[1].Path[1].Source, got[0].Path[0].Source)
	}
	if got[2].Path[0].From != got[2].Node {
		t.Errorf("a path's nodes are not the entries'")
	}
	if got := paths(lineageEntries(l, 2, false, newShared())); fmt.Sprint(got) != fmt.Sprint([]string{"a@1:", "b@2:"}) {
		t.Errorf("without paths = %q", got)
	}
}
