package storetest

import (
	"fmt"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var relationTests = []test{
	{"ReadBackWithEndNodes", testRelationFields},
	{"TypesAndDirection", testRelationTypes},
	{"Order", testRelationOrder},
	{"FirstPerNode", testRelationFirst},
	{"MissingIDsAbsent", testRelationMissing},
	{"SelfMention", testRelationSelfMention},
}

// relationGraph is resolution 1412 with the relations its text states, two
// clauses citing one declaration among them, and the relations of
// others to it.
func relationGraph() graph {
	g := graph{
		nodes: nodes(res1412, res1494, declSantiago, confSanSalvador, ga, pc, csh, session26),
		edges: []hemigraph.Edge{
			{From: res1412, To: declSantiago, Type: hemigraph.RelCites, Verb: "RECALLING", Provenance: hemigraph.Provenance{
				Source: srcRes1412, Evidence: "first preambular paragraph recalls Santiago declaration", Document: res1412,
				Clause: &hemigraph.ClauseRef{Index: 1, Kind: "preambular",
					Text:  "RECALLING the Declaration of Santiago on Confidence- and Security-Building Measures, adopted in November 1995;",
					Start: 14, End: 73},
			}},
			{From: res1412, To: declSantiago, Type: hemigraph.RelCites, Verb: "BEARING IN MIND", Provenance: hemigraph.Provenance{
				Source: srcRes1412, Document: res1412,
				Clause: &hemigraph.ClauseRef{Index: 4, Kind: "preambular",
					Text:  "BEARING IN MIND the recommendations of the Declaration of Santiago;",
					Start: 43, End: 66},
			}},
			{From: res1412, To: pc, Type: hemigraph.RelInstructs, Through: csh, Provenance: hemigraph.Provenance{
				Source: srcRes1412, Evidence: "instructs the Permanent Council, through its Committee on Hemispheric Security", Document: res1412,
				Clause: &hemigraph.ClauseRef{Index: 9, Kind: "operative", Number: 3,
					Text:  "To instruct the Permanent Council, through its Committee on Hemispheric Security, to prepare the conference.",
					Start: 16, End: 33},
			}},
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference in San Salvador"),
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			edge(res1412, hemigraph.RelAdoptedAt, session26, "adopted at the twenty-sixth regular session"),
			cites(res1494, res1412, "RECALLING", "recalls resolution 1412"),
			edge(res1494, hemigraph.RelMentions, res1412, "mentions resolution 1412"),
			cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration"),
		},
	}
	return g
}

// testRelationFields: a relation reads back with its key as id, every
// property written (verb, through, provenance, clause), both end nodes and
// the side it was reached from.
func testRelationFields(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	got, err := s.Relations(t.Context(), []string{res1412, pc}, query.RelQuery{Direction: query.Both, First: 20})
	check(t, "Relations", err)
	want := map[string][]hemigraph.Relation{
		res1412: g.relations(res1412, query.RelQuery{Direction: query.Both, First: 20}),
		pc:      {g.rel(g.edges[2], false)},
	}
	diff(t, "relations", want, got)
}

// testRelationTypes: Types and Direction select the relations.
func testRelationTypes(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	cites := []hemigraph.RelType{hemigraph.RelCites}
	tests := []struct {
		name string
		q    query.RelQuery
		want []string
	}{
		{"cites both ways", query.RelQuery{Types: cites, Direction: query.Both, First: 20}, []string{
			res1494 + " -CITES-> " + res1412, res1412 + " -CITES-> " + declSantiago, res1412 + " -CITES-> " + declSantiago}},
		{"cites outgoing", query.RelQuery{Types: cites, Direction: query.Outgoing, First: 20}, []string{
			res1412 + " -CITES-> " + declSantiago, res1412 + " -CITES-> " + declSantiago}},
		{"incoming", query.RelQuery{Direction: query.Incoming, First: 20}, []string{
			res1494 + " -CITES-> " + res1412, res1494 + " -MENTIONS-> " + res1412}},
		{"two types", query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelAdoptedAt, hemigraph.RelAdoptedBy}, First: 20}, []string{
			res1412 + " -ADOPTED_AT-> " + session26, res1412 + " -ADOPTED_BY-> " + ga}},
		{"none of the type", query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelPartOf}, First: 20}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Relations(t.Context(), []string{res1412}, tt.q)
			check(t, "Relations", err)
			diff(t, "relations", tt.want, arrows(got[res1412], relEdge))
			for _, r := range got[res1412] {
				if out := r.From == res1412; r.Outgoing != out {
					t.Errorf("%s: Outgoing = %v seen from %s", arrow(r.Edge), r.Outgoing, res1412)
				}
			}
		})
	}
}

// testRelationOrder: the relations of a node come by type, then far-end
// id, then key.
func testRelationOrder(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	q := query.RelQuery{Direction: query.Both, First: 20}
	got, err := s.Relations(t.Context(), []string{res1412}, q)
	check(t, "Relations", err)
	want := []string{
		res1412 + " -ADOPTED_AT-> " + session26,
		res1412 + " -ADOPTED_BY-> " + ga,
		res1494 + " -CITES-> " + res1412, // far end "ag-res-1494-..." before "declaration-..."
		res1412 + " -CITES-> " + declSantiago,
		res1412 + " -CITES-> " + declSantiago,
		res1412 + " -CONVENES-> " + confSanSalvador,
		res1412 + " -INSTRUCTS-> " + pc,
		res1494 + " -MENTIONS-> " + res1412,
	}
	diff(t, "order", want, arrows(got[res1412], relEdge))
	// The two citations of the declaration come by key.
	diff(t, "relations", g.relations(res1412, q), got[res1412])
}

// testRelationFirst: First bounds each node's list to its first relations.
func testRelationFirst(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	q := query.RelQuery{Direction: query.Both, First: 3}
	ids := []string{res1412, declSantiago, res1494}
	got, err := s.Relations(t.Context(), ids, q)
	check(t, "Relations", err)
	want := map[string][]hemigraph.Relation{}
	for _, id := range ids {
		want[id] = g.relations(id, q)
	}
	diff(t, "relations", want, got)
	if n := len(got[res1412]); n != 3 {
		t.Errorf("%d relations of %s, want 3", n, res1412)
	}
}

// testRelationMissing: ids that name no node are absent from the answer.
func testRelationMissing(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	got, err := s.Relations(t.Context(), []string{"ag-res-9999-xxvi-o-96", res1494}, query.RelQuery{Direction: query.Both, First: 20})
	check(t, "Relations", err)
	if _, ok := got["ag-res-9999-xxvi-o-96"]; ok {
		t.Error("a missing id has relations")
	}
	diff(t, "relations of 1494", g.relations(res1494, query.RelQuery{Direction: query.Both, First: 20}), got[res1494])
}

// testRelationSelfMention: a node mentioning itself (the only relation
// that may loop) has the relation both outgoing and incoming: listed
// twice both ways, the outgoing side first.
func testRelationSelfMention(t *testing.T, s Store) {
	g := graph{
		nodes: nodes(cosegre9, confSanSalvador),
		edges: []hemigraph.Edge{
			edge(cosegre9, hemigraph.RelMentions, cosegre9, "the report refers to its own annex"),
			edge(cosegre9, hemigraph.RelMentions, confSanSalvador, "final report of the conference"),
		},
	}
	g.write(t, s)
	for _, d := range []query.Direction{query.Both, query.Outgoing, query.Incoming} {
		q := query.RelQuery{Direction: d, First: 10}
		got, err := s.Relations(t.Context(), []string{cosegre9}, q)
		check(t, "Relations", err)
		diff(t, fmt.Sprint("direction ", d), g.relations(cosegre9, q), got[cosegre9])
	}
	if _, rels := counts(t, s); rels != 2 {
		t.Errorf("%d relations, want 2", rels)
	}
}
