package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var facetTests = []test{
	{"CountsByKindYearAndBody", testFacets},
	{"Filtered", testFacetsFiltered},
	{"MaxFacetBodies", testFacetsMaxBodies},
}

// facetGraph holds five resolutions (one undated), two declarations and a
// report, adopted by three bodies, and conferences, which are no
// instruments.
func facetGraph() graph {
	return graph{
		nodes: nodes(res1240, res1353, res1409, res1412, res1494, declSantiago, declSanSalvador, doc3096,
			confSantiago, confSanSalvador, ga, pc, csh),
		edges: []hemigraph.Edge{
			edge(res1353, hemigraph.RelAdoptedBy, ga, "adopted at the ninth plenary session"),
			edge(res1409, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			// A second source for one adoption: 1412 still counts once.
			{From: res1412, To: ga, Type: hemigraph.RelAdoptedBy, Provenance: hemigraph.Provenance{Source: srcRes1412, Evidence: "header"}},
			edge(res1494, hemigraph.RelAdoptedBy, ga, "adopted at the seventh plenary session"),
			edge(doc3096, hemigraph.RelAdoptedBy, pc, "Council meeting of May 27 1994 endorsed report"),
			edge(res1240, hemigraph.RelAdoptedBy, pc, "transmitted by the Permanent Council"),
			edge(doc3096, hemigraph.RelAdoptedBy, csh, "prepared by the Committee"),
			edge(declSantiago, hemigraph.RelAdoptedAt, confSantiago, "adopted at the conference"),
			edge(confSantiago, hemigraph.RelProduced, declSantiago, "declaration under the conference heading"),
		},
	}
}

// testFacets: the instruments counted by kind (largest first), by first
// year (in year order, undated nodes left out) and by adopting body
// (largest first, each node once per body).
func testFacets(t *testing.T, s Store) {
	g := facetGraph()
	g.write(t, s)
	got, err := s.Facets(t.Context(), "Instrument", query.Filter{})
	check(t, "Facets", err)
	want := query.Facets{
		Total: 8,
		Kinds: []query.KindCount{kc(hemigraph.KindResolution, 5), kc(hemigraph.KindDeclaration, 2), kc(hemigraph.KindReport, 1)},
		Years: []query.YearCount{yc(1994, 1), yc(1995, 2), yc(1996, 2), yc(1997, 1), yc(1998, 1)},
		Bodies: []query.BodyCount{{Body: g.node(ga), Count: 4}, {Body: g.node(pc), Count: 2},
			{Body: g.node(csh), Count: 1}},
	}
	diff(t, "facets", want, got)
}

// testFacetsFiltered: the facets count the nodes of the label that match
// the filter.
func testFacetsFiltered(t *testing.T, s Store) {
	g := facetGraph()
	g.write(t, s)
	tests := []struct {
		name   string
		label  string
		filter query.Filter
		want   query.Facets
	}{
		{"from 1996", "Instrument", query.Filter{YearFrom: intp(1996)}, query.Facets{
			Total:  4,
			Kinds:  []query.KindCount{kc(hemigraph.KindResolution, 3), kc(hemigraph.KindDeclaration, 1)},
			Years:  []query.YearCount{yc(1996, 2), yc(1997, 1), yc(1998, 1)},
			Bodies: []query.BodyCount{{Body: g.node(ga), Count: 3}},
		}},
		{"conferences", "Conference", query.Filter{}, query.Facets{
			Total: 2,
			Kinds: []query.KindCount{kc(hemigraph.KindConference, 2)},
			Years: []query.YearCount{yc(1995, 1), yc(1998, 1)},
		}},
		{"every node", "Entity", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindBody, hemigraph.KindReport}}, query.Facets{
			Total:  4,
			Kinds:  []query.KindCount{kc(hemigraph.KindBody, 3), kc(hemigraph.KindReport, 1)},
			Years:  []query.YearCount{yc(1994, 1)},
			Bodies: []query.BodyCount{{Body: g.node(csh), Count: 1}, {Body: g.node(pc), Count: 1}},
		}},
		{"nothing", "Instrument", query.Filter{Title: "Chemical Weapons"}, query.Facets{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Facets(t.Context(), tt.label, tt.filter)
			check(t, "Facets", err)
			// Bodies of equal counts come in an order the contract leaves open.
			slices.SortStableFunc(got.Bodies, func(a, b query.BodyCount) int {
				if a.Count != b.Count {
					return b.Count - a.Count
				}
				return compareStrings(a.Body.ID, b.Body.ID)
			})
			diff(t, "facets", tt.want, got)
		})
	}
}

func kc(k hemigraph.Kind, n int) query.KindCount { return query.KindCount{Kind: k, Count: n} }
func yc(y, n int) query.YearCount                { return query.YearCount{Year: y, Count: n} }

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// testFacetsMaxBodies: at most query.MaxFacetBodies bodies, the largest.
func testFacetsMaxBodies(t *testing.T, s Store) {
	g := graph{nodes: nodes(res1409, res1412)}
	var bodies []string
	for i := range query.MaxFacetBodies + 1 {
		id := fmt.Sprintf("oas-working-group-%03d", i)
		bodies = append(bodies, id)
		g.nodes = append(g.nodes, hemigraph.Node{ID: id, Kind: hemigraph.KindBody,
			Title: fmt.Sprintf("Working Group %d of the Committee on Hemispheric Security", i), Source: srcInventory})
		g.edges = append(g.edges, edge(res1409, hemigraph.RelAdoptedBy, id, "endorsed by the working group"))
		if i != 7 { // the one body that adopted a single resolution
			g.edges = append(g.edges, edge(res1412, hemigraph.RelAdoptedBy, id, "endorsed by the working group"))
		}
	}
	g.write(t, s)
	got, err := s.Facets(t.Context(), "Instrument", query.Filter{})
	check(t, "Facets", err)
	if len(got.Bodies) != query.MaxFacetBodies {
		t.Fatalf("%d bodies, want %d", len(got.Bodies), query.MaxFacetBodies)
	}
	var ids []string
	for _, b := range got.Bodies {
		if b.Count != 2 {
			t.Errorf("body %s counted %d, want 2", b.Body.ID, b.Count)
		}
		ids = append(ids, b.Body.ID)
	}
	diff(t, "bodies", slices.Delete(slices.Clone(bodies), 7, 8), sorted(ids))
}
