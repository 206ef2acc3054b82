package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var searchTests = []test{
	{"SymbolFirstInAnyVariant", testSearchSymbol},
	{"TitleWord", testSearchTitle},
	{"AliasWord", testSearchAlias},
	{"ClauseText", testSearchClause},
	{"Evidence", testSearchEvidence},
	{"Kinds", testSearchKinds},
	{"OrderAndPaging", testSearchPaging},
	{"Count", testSearchCount},
	{"NoMatch", testSearchNoMatch},
	{"LuceneSyntaxIsText", testSearchSpecial},
	{"Languages", testSearchLanguages},
	{"Invalid", testSearchInvalid},
}

// The clause and evidence of 1412's citation of the Santiago declaration:
// "November" is only in the clause, "preambular" only in the evidence.
const (
	clause1412   = "RECALLING the Declaration of Santiago, adopted at the Regional Conference held in Santiago, Chile, in November 1995;"
	evidence1412 = "first preambular paragraph recalls Santiago declaration"
)

// searchGraph holds titles, aliases, a symbol and a clause to search. Five
// nodes have "Security" in their title: 1409, 1353, the Santiago
// declaration and the two conferences.
func searchGraph() graph {
	return graph{
		nodes: nodes(res1412, res1409, res1353, declSantiago, confSantiago, confSanSalvador, citaac, ga),
		edges: []hemigraph.Edge{
			{From: res1412, To: declSantiago, Type: hemigraph.RelCites, Verb: "RECALLING", Provenance: hemigraph.Provenance{
				Source: srcRes1412, Evidence: evidence1412, Document: res1412,
				Clause: &hemigraph.ClauseRef{Index: 1, Kind: "preambular", Text: clause1412, Start: 14, End: 37},
			}},
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "operative paragraph convenes the follow-up conference"),
		},
	}
}

func searchIDs(hits []query.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Node.ID
	}
	return out
}

// hit returns the hit of id, or fails the test.
func hit(t *testing.T, hits []query.SearchHit, id string) query.SearchHit {
	t.Helper()
	for _, h := range hits {
		if h.Node.ID == id {
			return h
		}
	}
	t.Fatalf("no hit for %s among %v", id, searchIDs(hits))
	return query.SearchHit{}
}

func search(t *testing.T, s Store, q query.SearchQuery) query.SearchPage {
	t.Helper()
	if q.First == 0 {
		q.First = 50
	}
	p, err := s.Search(t.Context(), q)
	check(t, "Search "+q.Text, err)
	return p
}

// testSearchSymbol: a symbol, in any printed variant, finds its node first
// with query.SymbolScore, the SYMBOL field and the symbol as printed.
func testSearchSymbol(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	for _, text := range []string{
		"AG/RES. 1412 (XXVI-O/96)",
		"ag/res. 1412 (xxvi-o/96)",
		"AG/RES.1412(XXVI-0/96)",
		"AG/RES 1412 (XXVI-O/96)",
	} {
		t.Run(text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: text})
			if len(p.Hits) == 0 {
				t.Fatal("no hits")
			}
			want := query.SearchHit{Node: g.node(res1412), Score: query.SymbolScore, Field: query.FieldSymbol, Text: "AG/RES. 1412 (XXVI-O/96)"}
			diff(t, "first hit", want, p.Hits[0])
			for _, h := range p.Hits[1:] {
				if h.Score >= query.SymbolScore {
					t.Errorf("%s scores %v, not below the symbol's", h.Node.ID, h.Score)
				}
			}
		})
	}
}

// testSearchTitle: a whole word of a title finds its node, in any case,
// with the TITLE field and the title.
func testSearchTitle(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	for _, text := range []string{"Cooperation", "cooperation", "COOPERATION", "hemispheric cooperation"} {
		t.Run(text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: text})
			h := hit(t, p.Hits, res1353)
			diff(t, "hit", query.SearchHit{Node: g.node(res1353), Field: query.FieldTitle, Text: g.node(res1353).Title},
				h, ignoreScore)
		})
	}
}

// testSearchAlias: a word found only in an alias finds its node with the
// ALIAS field and a text holding the alias.
func testSearchAlias(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	for _, text := range []string{"CITAAC", "citaac"} {
		t.Run(text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: text})
			diff(t, "hits", []string{citaac}, searchIDs(p.Hits))
			h := hit(t, p.Hits, citaac)
			if h.Field != query.FieldAlias || !strings.Contains(h.Text, "CITAAC") {
				t.Errorf("hit field %s, text %q; want ALIAS and a text holding CITAAC", h.Field, h.Text)
			}
			diff(t, "node", g.node(citaac), h.Node)
		})
	}
}

// testSearchClause: a word of a relation's clause text finds the node the
// relation goes from, with the CLAUSE field, the clause and the relation.
func testSearchClause(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	for _, text := range []string{"November", "november"} {
		t.Run(text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: text})
			diff(t, "hits", []string{res1412}, searchIDs(p.Hits))
			rel := g.rel(g.edges[0], true)
			diff(t, "hit", query.SearchHit{Node: g.node(res1412), Field: query.FieldClause, Text: clause1412, Relation: &rel},
				p.Hits[0], ignoreScore)
		})
	}
}

// testSearchEvidence: a word of a relation's evidence finds the node the
// relation goes from, with the EVIDENCE field, the evidence and the
// relation.
func testSearchEvidence(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	p := search(t, s, query.SearchQuery{Text: "PREAMBULAR"})
	diff(t, "hits", []string{res1412}, searchIDs(p.Hits))
	rel := g.rel(g.edges[0], true)
	diff(t, "hit", query.SearchHit{Node: g.node(res1412), Field: query.FieldEvidence, Text: evidence1412, Relation: &rel},
		p.Hits[0], ignoreScore)
}

// testSearchKinds: Kinds keeps the hits of those kinds, a symbol's too.
func testSearchKinds(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	tests := []struct {
		text  string
		kinds []hemigraph.Kind
		want  []string
	}{
		{"Santiago", []hemigraph.Kind{hemigraph.KindConference}, []string{confSantiago, confSanSalvador}},
		{"Santiago", []hemigraph.Kind{hemigraph.KindDeclaration, hemigraph.KindResolution}, []string{declSantiago, res1412}},
		{"security", []hemigraph.Kind{hemigraph.KindResolution}, []string{res1353, res1409}},
		{"AG/RES. 1412 (XXVI-O/96)", []hemigraph.Kind{hemigraph.KindConference}, nil},
		{"citaac", []hemigraph.Kind{hemigraph.KindBody}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: tt.text, Kinds: tt.kinds})
			diff(t, "hits", sorted(tt.want), sorted(searchIDs(p.Hits)))
		})
	}
}

// testSearchPaging: hits come by score descending, then id; the pages of a
// search, each starting after the last hit of the one before, give every
// hit once.
func testSearchPaging(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	all := search(t, s, query.SearchQuery{Text: "security"})
	diff(t, "hits", sorted([]string{res1409, res1353, declSantiago, confSantiago, confSanSalvador}), sorted(searchIDs(all.Hits)))
	if all.HasNext {
		t.Error("HasNext on the only page")
	}
	for i := 1; i < len(all.Hits); i++ {
		a, b := all.Hits[i-1], all.Hits[i]
		if a.Score < b.Score || (a.Score == b.Score && a.Node.ID >= b.Node.ID) {
			t.Errorf("hit %d (%s, %v) before hit %d (%s, %v)", i-1, a.Node.ID, a.Score, i, b.Node.ID, b.Score)
		}
	}
	for _, size := range []int{1, 2, 5} {
		var got []string
		q := query.SearchQuery{Text: "security", First: size}
		for range 20 {
			p := search(t, s, q)
			got = append(got, searchIDs(p.Hits)...)
			if !p.HasNext {
				break
			}
			if len(p.Hits) != size {
				t.Fatalf("size %d: a page of %d hits says more follow", size, len(p.Hits))
			}
			last := p.Hits[len(p.Hits)-1]
			q.After = &query.SearchCursor{Score: last.Score, ID: last.Node.ID}
		}
		diff(t, "pages of "+string(rune('0'+size)), searchIDs(all.Hits), got)
	}
}

// testSearchCount: with Count, Total is every matching node, whatever the
// page.
func testSearchCount(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	tests := []struct {
		text  string
		kinds []hemigraph.Kind
		want  int
	}{
		{"security", nil, 5},
		{"security", []hemigraph.Kind{hemigraph.KindConference}, 2},
		{"Santiago", nil, 4},
		{"zanzibar", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: tt.text, Kinds: tt.kinds, First: 1, Count: true})
			if p.Total != tt.want {
				t.Errorf("Total = %d, want %d", p.Total, tt.want)
			}
			if p.HasNext != (tt.want > 1) {
				t.Errorf("HasNext = %v with %d matches and a page of 1", p.HasNext, tt.want)
			}
		})
	}
	t.Run("every page", func(t *testing.T) {
		q := query.SearchQuery{Text: "security", First: 2, Count: true}
		for page := 0; page < 10; page++ {
			p := search(t, s, q)
			if p.Total != 5 {
				t.Errorf("page %d: Total = %d, want 5", page, p.Total)
			}
			if !p.HasNext {
				return
			}
			last := p.Hits[len(p.Hits)-1]
			q.After = &query.SearchCursor{Score: last.Score, ID: last.Node.ID}
		}
		t.Error("more than 10 pages")
	})
}

// testSearchNoMatch: a text nothing holds finds nothing, without error.
func testSearchNoMatch(t *testing.T, s Store) {
	searchGraph().write(t, s)
	p := search(t, s, query.SearchQuery{Text: "zanzibar"})
	if len(p.Hits) != 0 || p.HasNext {
		t.Errorf("hits %v, HasNext %v; want none", searchIDs(p.Hits), p.HasNext)
	}
}

// testSearchSpecial: Lucene's syntax in a text is searched for as text,
// never an error; a word wrapped in it is still found.
func testSearchSpecial(t *testing.T, s Store) {
	searchGraph().write(t, s)
	for _, text := range []string{
		"AND", "OR", "NOT", "and or not", "(", ")", `"`, "*", "?", "~", `\`, "/", ":", "[", "]", "{", "}", "^", "!", "+", "-",
		"&&", "||", `security AND (measures OR "santiago*~\`, `title:security`, `aliasText:(CITAAC)`, `a~2 b^3 [1 TO 5] {x TO y}`,
		`"unbalanced`, `\\"`, "-security", "+security", "security\u00a0measures",
	} {
		t.Run(text, func(t *testing.T) {
			_, err := s.Search(t.Context(), query.SearchQuery{Text: text, First: 10, Count: true})
			check(t, "Search", err)
		})
	}
	for _, text := range []string{`"cooperation"`, "cooperation*", "(cooperation)", "cooperation~", `cooperation\`, "+cooperation", "cooperation!"} {
		t.Run(text, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: text})
			hit(t, p.Hits, res1353)
		})
	}
}

// testSearchLanguages: a search with some of query.Languages still finds
// whole words.
func testSearchLanguages(t *testing.T, s Store) {
	g := searchGraph()
	g.write(t, s)
	for _, l := range query.Languages {
		t.Run(l, func(t *testing.T) {
			p := search(t, s, query.SearchQuery{Text: "Santiago", Languages: []string{l}})
			diff(t, "hits", sorted([]string{res1412, declSantiago, confSantiago, confSanSalvador}), sorted(searchIDs(p.Hits)))
		})
	}
}

// testSearchInvalid: an empty text, more than query.MaxSearchTerms words,
// an unknown language or kind are hemigraph.ErrInvalid;
// MaxSearchTerms words are searched.
func testSearchInvalid(t *testing.T, s Store) {
	searchGraph().write(t, s)
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("security ", n)) }
	tests := []struct {
		name string
		q    query.SearchQuery
	}{
		{"empty", query.SearchQuery{Text: "", First: 10}},
		{"blank", query.SearchQuery{Text: " \t\n ", First: 10}},
		{"too many words", query.SearchQuery{Text: words(query.MaxSearchTerms + 1), First: 10}},
		{"unknown language", query.SearchQuery{Text: "security", Languages: []string{"klingon"}, First: 10}},
		{"unknown kind", query.SearchQuery{Text: "security", Kinds: []hemigraph.Kind{"Treaty"}, First: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Search(t.Context(), tt.q)
			wantErr(t, "Search", err, hemigraph.ErrInvalid)
		})
	}
	t.Run("words at the bound", func(t *testing.T) {
		p := search(t, s, query.SearchQuery{Text: words(query.MaxSearchTerms)})
		if !slices.Contains(searchIDs(p.Hits), res1353) {
			t.Errorf("hits %v lack %s", searchIDs(p.Hits), res1353)
		}
	})
}
