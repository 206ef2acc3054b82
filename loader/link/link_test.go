package link_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/link"
)

// testIndex is a small graph in the corpus's image, with real ids and names.
func testIndex() *link.Index {
	n := func(id string, k hemigraph.Kind, title, date, place string, aliases ...string) hemigraph.Node {
		return hemigraph.Node{ID: id, Kind: k, Title: title, Date: date, Place: place, Aliases: aliases}
	}
	return link.NewIndex([]hemigraph.Node{
		n("santiago-regional-conference-csbm-1995", hemigraph.KindConference, "Regional Conference on Confidence- and Security-Building Measures",
			"1995-11-08/1995-11-10", "Santiago, Chile", "Santiago Regional Conference on Confidence- and Security-Building Measures", "Santiago Conference"),
		n("summit-americas-santiago-1998", hemigraph.KindConference, "Second Summit of the Americas", "1998-04-18/1998-04-19", "Santiago, Chile"),
		n("san-salvador-regional-conference-csbm-1998", hemigraph.KindConference, "San Salvador Regional Conference on Confidence- and Security-Building Measures",
			"1998-02-25/1998-02-27", "San Salvador, El Salvador"),
		n("miami-meeting-experts-csbm-2003", hemigraph.KindConference, "Meeting of Experts on Confidence- and Security-Building Measures", "2003-02", "Miami"),
		n("oas-permanent-council", hemigraph.KindBody, "Permanent Council of the Organization of American States", "", "", "Permanent Council"),
		n("oas-committee-on-hemispheric-security", hemigraph.KindBody, "Committee on Hemispheric Security", "", "", "CSH"),
		n("declaration-of-santiago-csbm-1995", hemigraph.KindDeclaration, "Declaration of Santiago on Confidence- and Security-Building Measures", "1995-11-10", "Santiago, Chile"),
		n("rio-treaty", hemigraph.KindConvention, "Inter-American Treaty of Reciprocal Assistance", "1947", "", "Rio Treaty", "TIAR"),
		{ID: "ag-res-1237-xxiii-o-93", Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1237 (XXIII-O/93)", Title: "AG/RES. 1237 (XXIII-O/93)"},
		{ID: "consenso-de-panama-1996", Kind: hemigraph.KindDeclaration, Symbol: "AG/DEC. 10 (XXVI-O/96)", Title: "Consenso de Panamá"},
		{ID: "rc-23-res-1-01", Kind: hemigraph.KindResolution, Symbol: "RC.23/RES. 1/01 rev. 1 corr. 1", Title: "Strengthening Hemispheric Cooperation to Prevent, Combat, and Eliminate Terrorism"},
	}, []hemigraph.Edge{
		{From: "san-salvador-regional-conference-csbm-1998", To: "santiago-regional-conference-csbm-1995", Type: hemigraph.RelFollowsUp},
		{From: "miami-meeting-experts-csbm-2003", To: "santiago-regional-conference-csbm-1995", Type: hemigraph.RelFollowsUp},
	})
}

func doc(refs ...document.Reference) *document.Document {
	return &document.Document{
		Source: "test.txt", Symbol: "AG/RES. 9999 (XXVI-O/96)", ID: "ag-res-9999-xxvi-o-96", Kind: hemigraph.KindResolution,
		Date: "1996-06-07", Language: "en",
		Clauses: []document.Clause{{Index: 1, Kind: "operative", Number: 1, Verb: "TO CONVENE", Text: "a clause", References: refs}},
	}
}

func TestResolveRules(t *testing.T) {
	tests := []struct {
		name     string
		ref      document.Reference
		wantID   string
		wantRule string
	}{
		{"symbol by id", document.Reference{Kind: document.RefSymbol, Symbol: "AG/RES. 1237 (XXIII-O/93)", ID: "ag-res-1237-xxiii-o-93", Relation: hemigraph.RelCites},
			"ag-res-1237-xxiii-o-93", link.RuleID},
		{"symbol by key, named id", document.Reference{Kind: document.RefSymbol, Symbol: "AG/DEC. 10 (XXVI-O/96)", ID: "ag-dec-10-xxvi-o-96", Relation: hemigraph.RelCites},
			"consenso-de-panama-1996", link.RuleSymbol},
		{"symbol without its amendments", document.Reference{Kind: document.RefSymbol, Symbol: "RC.23/RES. 1/01", ID: "rc-23-res-1-01", Relation: hemigraph.RelCites},
			"rc-23-res-1-01", link.RuleID},
		{"symbol with other amendments is another revision", document.Reference{Kind: document.RefSymbol, Symbol: "RC.23/RES. 1/01 rev. 2", ID: "rc-23-res-1-01-rev2", Relation: hemigraph.RelCites},
			"rc-23-res-1-01-rev2", link.RuleUnresolved},
		{"unknown symbol", document.Reference{Kind: document.RefSymbol, Symbol: "AG/RES. 1 (I-O/71)", ID: "ag-res-1-i-o-71", EntityKind: hemigraph.KindResolution, Relation: hemigraph.RelCites},
			"ag-res-1-i-o-71", link.RuleUnresolved},
		{"title", document.Reference{Kind: document.RefName, Name: "Declaration of Santiago on Confidence- and Security-Building Measures", EntityKind: hemigraph.KindDeclaration, Relation: hemigraph.RelCites},
			"declaration-of-santiago-csbm-1995", link.RuleName},
		{"alias, article and case", document.Reference{Kind: document.RefName, Name: "the santiago conference", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelCites},
			"santiago-regional-conference-csbm-1995", link.RuleName},
		{"possessive", document.Reference{Kind: document.RefName, Name: "the Permanent Council's", EntityKind: hemigraph.KindBody, Relation: hemigraph.RelMentions},
			"oas-permanent-council", link.RuleName},
		{"acronym", document.Reference{Kind: document.RefName, Name: "Commission on Hemispheric Security", Acronym: "CSH", EntityKind: hemigraph.KindBody, Relation: hemigraph.RelMentions},
			"oas-committee-on-hemispheric-security", link.RuleName},
		{"held in a place, before the document", document.Reference{Kind: document.RefName, Name: "the conference held in Santiago, Chile", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelCites},
			"santiago-regional-conference-csbm-1995", link.RulePlace},
		{"follow-up by head noun and date", document.Reference{Kind: document.RefName, Name: "regional conference to follow up on the Santiago Regional Conference on Confidence- and Security-Building Measures",
			FollowsUp: "Santiago Regional Conference on Confidence- and Security-Building Measures", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelConvenes},
			"san-salvador-regional-conference-csbm-1998", link.RuleFollowUp},
		{"organ named in Spanish", document.Reference{Kind: document.RefName, Name: "Consejo Permanente", EntityKind: hemigraph.KindBody, Relation: hemigraph.RelInstructs},
			"oas-permanent-council", link.RuleName},
		{"name cut short", document.Reference{Kind: document.RefName, Name: "Declaration of Santiago", EntityKind: hemigraph.KindDeclaration, Relation: hemigraph.RelCites},
			"declaration-of-santiago-csbm-1995", link.RulePrefix},
		{"city in the name, one conference there before the document", document.Reference{Kind: document.RefName, Name: "Conferencia Regional de Santiago", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelCites},
			"santiago-regional-conference-csbm-1995", link.RulePlace},
		{"translated name, words in another order", document.Reference{Kind: document.RefName, Name: "Declaração de Santiago sobre Medidas de Fortalecimento da Confiança e da Segurança", EntityKind: hemigraph.KindDeclaration, Relation: hemigraph.RelCites},
			"declaration-of-santiago-csbm-1995", link.RuleName},
		{"treaty named in Spanish", document.Reference{Kind: document.RefName, Name: "Tratado Interamericano de Asistencia Recíproca", EntityKind: hemigraph.KindConvention, Relation: hemigraph.RelCites},
			"rio-treaty", link.RuleName},
		{"nothing matches", document.Reference{Kind: document.RefName, Name: "Hemispheric Forum on Lighthouses", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelMentions},
			"ref-conference-hemispheric-forum-on-lighthouses", link.RuleUnresolved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := link.Link(doc(tt.ref), testIndex())
			if len(res.Refs) != 1 {
				t.Fatalf("%d resolved references, want 1", len(res.Refs))
			}
			got := res.Refs[0]
			if got.ID != tt.wantID || got.Rule != tt.wantRule {
				t.Errorf("resolved to %s by %q, want %s by %q", got.ID, got.Rule, tt.wantID, tt.wantRule)
			}
			var placeholder bool
			for _, n := range res.Nodes {
				if n.ID == got.ID {
					placeholder = n.Unresolved
				}
			}
			if placeholder != (tt.wantRule == link.RuleUnresolved) {
				t.Errorf("placeholder node = %v for rule %q", placeholder, tt.wantRule)
			}
		})
	}
}

// TestResolveDeterministic: the same reference in two documents lands on
// one placeholder.
func TestResolveDeterministic(t *testing.T) {
	ref := document.Reference{Kind: document.RefName, Name: "Hemispheric Forum on Lighthouses", EntityKind: hemigraph.KindConference, Relation: hemigraph.RelMentions}
	a := link.Link(doc(ref), testIndex())
	b := link.Link(doc(ref), testIndex())
	if a.Refs[0].ID != b.Refs[0].ID {
		t.Errorf("two runs: %s and %s", a.Refs[0].ID, b.Refs[0].ID)
	}
}

// TestResolveEdges checks the edges a clause becomes: provenance, through,
// part-of and follow-up.
func TestResolveEdges(t *testing.T) {
	d := doc(
		document.Reference{Kind: document.RefName, Name: "Permanent Council", EntityKind: hemigraph.KindBody, Relation: hemigraph.RelInstructs,
			Through: "Committee on Hemispheric Security", Start: 0, End: 1},
		document.Reference{Kind: document.RefName, Name: "Committee on Hemispheric Security", PartOf: "Permanent Council", EntityKind: hemigraph.KindBody,
			Relation: hemigraph.RelMentions, Start: 2, End: 8},
	)
	res := link.Link(d, testIndex())
	type edge struct {
		From, Type, To, Through, Evidence string
		Clause                            int
	}
	var got []edge
	for _, e := range res.Edges {
		c := 0
		if e.Clause != nil {
			c = e.Clause.Number
		}
		if e.Source != "test.txt" || e.Document != "ag-res-9999-xxvi-o-96" {
			t.Errorf("edge %s->%s provenance %+v", e.From, e.To, e.Provenance)
		}
		got = append(got, edge{e.From, string(e.Type), e.To, e.Through, e.Evidence, c})
	}
	want := []edge{
		{"ag-res-9999-xxvi-o-96", "INSTRUCTS", "oas-permanent-council", "oas-committee-on-hemispheric-security", "a", 1},
		{"ag-res-9999-xxvi-o-96", "MENTIONS", "oas-committee-on-hemispheric-security", "", "clause", 1},
		{"oas-committee-on-hemispheric-security", "PART_OF", "oas-permanent-council", "", "clause", 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}

// TestResolveNeverOverwrites: a document fills what the graph lacks and
// names a cited instrument by its quoted title when the graph only has its
// symbol, but never overwrites a value.
func TestResolveNeverOverwrites(t *testing.T) {
	d := doc(document.Reference{Kind: document.RefSymbol, Symbol: "AG/RES. 1237 (XXIII-O/93)", ID: "ag-res-1237-xxiii-o-93",
		QuotedTitle: "Meeting of Experts on Confidence- and Security-Building Measures in the Region", Relation: hemigraph.RelCites})
	d.ID, d.Symbol = "declaration-of-santiago-csbm-1995", "COSEGRE/doc.18/95 rev. 3"
	d.Date = "1999-01-01"
	res := link.Link(d, testIndex())
	byID := map[string]hemigraph.Node{}
	for _, n := range res.Nodes {
		byID[n.ID] = n
	}
	if n := byID["ag-res-1237-xxiii-o-93"]; n.Title != "Meeting of Experts on Confidence- and Security-Building Measures in the Region" {
		t.Errorf("cited node title = %q, want the quoted title", n.Title)
	}
	n, ok := byID["declaration-of-santiago-csbm-1995"]
	if !ok {
		t.Fatal("the document's node fills its missing symbol: want a node record")
	}
	if n.Date != "1995-11-10" || n.Symbol != "COSEGRE/doc.18/95 rev. 3" {
		t.Errorf("document node %+v: want the graph's date kept and the symbol filled", n)
	}
}
