package memstore_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// searchGraph has titles, aliases, symbols, clause texts and evidence.
func searchGraph(t *testing.T) ([]hemigraph.Node, []hemigraph.Edge) {
	t.Helper()
	nodes := []hemigraph.Node{
		{ID: "r1409", Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1409 (XXVI-O/96)",
			Title: "Confidence- and Security-Building Measures in the Americas"},
		{ID: "r1412", Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1412 (XXVI-O/96)", Title: "AG/RES. 1412 (XXVI-O/96)"},
		{ID: "decl", Kind: hemigraph.KindDeclaration, Title: "Declaration of Santiago",
			Aliases: []string{"Declaración de Santiago sobre Medidas de Fomento de la Confianza"}},
		{ID: "conf", Kind: hemigraph.KindConference, Title: "Regional Conference on Security Measures"},
		{ID: "csh", Kind: hemigraph.KindBody, Title: "Committee on Hemispheric Security", Aliases: []string{"CSH"}},
	}
	convenes := e("r1409", hemigraph.RelConvenes, "conf")
	convenes.Clause = &hemigraph.ClauseRef{Index: 4, Kind: "operative", Number: 3, Text: "To convene a conference in Santiago, Chile"}
	instructs := e("r1412", hemigraph.RelInstructs, "csh")
	instructs.Evidence = "instructs the committee to hold a meeting of experts"
	return nodes, []hemigraph.Edge{convenes, instructs}
}

// hit writes a search hit as "id field score", with "via key" for a
// relation.
func hit(h query.SearchHit) string {
	s := fmt.Sprintf("%s %s %.2f", h.Node.ID, h.Field, h.Score)
	if h.Relation != nil {
		s += " via " + arrow(h.Relation.Edge)
	}
	return s
}

// TestSearch checks the sources of a search, the score, the best match of
// each node, kinds and languages.
func TestSearch(t *testing.T) {
	nodes, edges := searchGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		name string
		q    query.SearchQuery
		want []string
	}{
		{"a typed symbol, another printing", query.SearchQuery{Text: "ag/res 1412 (xxvi-o/96)"}, []string{
			"r1412 SYMBOL 100.00", "r1409 SYMBOL 0.83"}},
		{"symbol words", query.SearchQuery{Text: "1409"}, []string{"r1409 SYMBOL 1.00"}},
		{"title words, any case, plurals", query.SearchQuery{Text: "security MEASURE"}, []string{
			"conf TITLE 1.00", "r1409 TITLE 1.00", "csh TITLE 0.50"}},
		{"an alias, accents folded", query.SearchQuery{Text: "declaracion fomento"}, []string{
			"decl ALIAS 1.00"}},
		{"a clause, for its start node", query.SearchQuery{Text: "convene Santiago"}, []string{
			"r1409 CLAUSE 1.00 via r1409 -CONVENES-> conf", "decl ALIAS 0.50"}},
		{"evidence", query.SearchQuery{Text: "experts meeting"}, []string{
			"r1412 EVIDENCE 1.00 via r1412 -INSTRUCTS-> csh"}},
		{"kinds", query.SearchQuery{Text: "security", Kinds: []hemigraph.Kind{hemigraph.KindBody, hemigraph.KindConference}}, []string{
			"conf TITLE 1.00", "csh TITLE 1.00"}},
		// Spanish folds the gender of "medido" and "medidas", English does not.
		{"one language", query.SearchQuery{Text: "medido", Languages: []string{"english"}}, nil},
		{"its language", query.SearchQuery{Text: "medido", Languages: []string{"spanish"}}, []string{"decl ALIAS 1.00"}},
		{"query syntax is text", query.SearchQuery{Text: `security AND (measures OR "x") -conference~ *:*`}, []string{
			// English drops "and" and "or": four terms are left.
			"conf TITLE 0.75", "r1409 TITLE 0.50", "csh TITLE 0.25"}},
		{"nothing", query.SearchQuery{Text: "zebra"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.q.First, tc.q.Count = 10, true
			page, err := s.Search(t.Context(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range page.Hits {
				got = append(got, hit(h))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if page.Total != len(tc.want) || page.HasNext {
				t.Errorf("total %d, has next %v; want %d, false", page.Total, page.HasNext, len(tc.want))
			}
		})
	}
}

// TestSearchMatch: a hit tells what matched — the text of the field, and
// the relation, with its end nodes, for a clause.
func TestSearchMatch(t *testing.T) {
	nodes, edges := searchGraph(t)
	s := seeded(t, nodes, edges)
	page, err := s.Search(t.Context(), query.SearchQuery{Text: "convene", First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Hits) != 1 {
		t.Fatalf("%d hits", len(page.Hits))
	}
	h := page.Hits[0]
	if h.Text != "To convene a conference in Santiago, Chile" || h.Relation == nil || h.Relation.ID != edges[0].Key() ||
		!h.Relation.Outgoing || h.Relation.ToNode.ID != "conf" || h.Relation.FromNode.ID != "r1409" {
		t.Errorf("hit = %+v", h)
	}
	page, err = s.Search(t.Context(), query.SearchQuery{Text: "csh", First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if h := page.Hits[0]; h.Field != query.FieldAlias || h.Text != "CSH" || h.Relation != nil {
		t.Errorf("hit = %+v", h)
	}
}

// TestSearchPaging walks a search page by page, by (score descending,
// id), each node once, whatever the page size.
func TestSearchPaging(t *testing.T) {
	var nodes []hemigraph.Node
	var want []string
	// Titles matching 3, 2 or 1 of the three words, several of each.
	for i := range 12 {
		words := []string{"security", "measures", "americas"}[:3-i%3]
		id := fmt.Sprintf("n%02d", i)
		nodes = append(nodes, hemigraph.Node{ID: id, Kind: hemigraph.KindResolution, Title: strings.Join(words, " ")})
	}
	for _, share := range []int{0, 1, 2} {
		for i := range 12 {
			if i%3 == share {
				want = append(want, fmt.Sprintf("n%02d", i))
			}
		}
	}
	s := seeded(t, nodes, nil)
	for _, size := range []int{1, 3, 5, 12, 20} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			var got []string
			var after *query.SearchCursor
			for range 20 {
				page, err := s.Search(t.Context(), query.SearchQuery{Text: "Security measures Americas", First: size, After: after, Count: true})
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != 12 {
					t.Errorf("total %d, want 12", page.Total)
				}
				for _, h := range page.Hits {
					got = append(got, h.Node.ID)
				}
				if !page.HasNext {
					break
				}
				last := page.Hits[len(page.Hits)-1]
				after = &query.SearchCursor{Score: last.Score, ID: last.Node.ID}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSearchHitsPerSource: each source keeps its best
// query.MaxSearchHits matches, before the kinds are applied.
func TestSearchHitsPerSource(t *testing.T) {
	var nodes []hemigraph.Node
	for i := range query.MaxSearchHits + 5 {
		nodes = append(nodes, hemigraph.Node{ID: fmt.Sprintf("r%03d", i), Kind: hemigraph.KindResolution, Title: "Security"})
	}
	nodes = append(nodes, hemigraph.Node{ID: "z-body", Kind: hemigraph.KindBody, Title: "Security"})
	s := seeded(t, nodes, nil)
	tests := []struct {
		name  string
		kinds []hemigraph.Kind
		total int
	}{
		{"all kinds", nil, query.MaxSearchHits},
		{"the body fell off", []hemigraph.Kind{hemigraph.KindBody}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.Search(t.Context(), query.SearchQuery{Text: "security", Languages: []string{"english"}, Kinds: tc.kinds, First: 1, Count: true})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tc.total {
				t.Errorf("total %d, want %d", page.Total, tc.total)
			}
		})
	}
}

// TestSearchErrors: what a search refuses.
func TestSearchErrors(t *testing.T) {
	s := seeded(t, nil, nil)
	tests := []struct {
		name string
		q    query.SearchQuery
	}{
		{"empty", query.SearchQuery{Text: "  "}},
		{"too many words", query.SearchQuery{Text: strings.Repeat("word ", query.MaxSearchTerms+1)}},
		{"unknown language", query.SearchQuery{Text: "x", Languages: []string{"klingon"}}},
		{"unknown kind", query.SearchQuery{Text: "x", Kinds: []hemigraph.Kind{"Treaty"}}},
		{"negative page", query.SearchQuery{Text: "x", First: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Search(t.Context(), tc.q); !errors.Is(err, hemigraph.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
	if _, err := s.Search(t.Context(), query.SearchQuery{Text: strings.Repeat("word ", query.MaxSearchTerms), First: 1}); err != nil {
		t.Errorf("%d words: %v", query.MaxSearchTerms, err)
	}
}
