package memstore_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// TestFilter checks each condition, and their combinations, on a small
// graph: a node without a date, place or symbol fails a condition on it
// and passes its negation.
func TestFilter(t *testing.T) {
	nodes := []hemigraph.Node{
		{ID: "r1", Kind: hemigraph.KindResolution, Title: "Confidence-Building Measures", Symbol: "AG/RES. 1409 (XXVI-O/96)",
			Date: "1996-06-07", Place: "Panama City"},
		{ID: "r2", Kind: hemigraph.KindResolution, Title: "Cooperation", Aliases: []string{"Hemispheric Security"},
			Symbol: "AG/RES. 1353 (XXV-O/95)", Date: "1995-06-09"},
		{ID: "d1", Kind: hemigraph.KindDeclaration, Title: "Declaration of Santiago", Date: "1995-11-10/1995-11-11", Place: "Santiago, Chile"},
		{ID: "p1", Kind: hemigraph.KindResolution, Title: "Placeholder", Unresolved: true},
		{ID: "ga", Kind: hemigraph.KindBody, Title: "General Assembly"},
		{ID: "s26", Kind: hemigraph.KindSession, Title: "Twenty-sixth session", Date: "1996-06"},
	}
	edges := []hemigraph.Edge{
		e("r1", hemigraph.RelAdoptedBy, "ga"), e("r2", hemigraph.RelAdoptedBy, "ga"),
		e("r1", hemigraph.RelAdoptedAt, "s26"),
		e("r1", hemigraph.RelCites, "r2"), e("d1", hemigraph.RelCites, "r2"), e("r1", hemigraph.RelCites, "p1"),
	}
	s := seeded(t, nodes, edges)
	tests := []struct {
		name   string
		filter query.Filter
		want   []string
	}{
		{"none", query.Filter{}, []string{"d1", "p1", "r1", "r2"}},
		{"kinds", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindDeclaration}}, []string{"d1"}},
		{"title, any case", query.Filter{Title: "  CONFIDENCE "}, []string{"r1"}},
		{"title in an alias", query.Filter{Title: "hemispheric"}, []string{"r2"}},
		{"symbol prefix, another printing", query.Filter{SymbolPrefix: "ag/res 14"}, []string{"r1"}},
		{"symbol prefix, whole symbol", query.Filter{SymbolPrefix: "AG/RES.1353(XXV-O/95)"}, []string{"r2"}},
		{"not a symbol prefix", query.Filter{Not: &query.Filter{SymbolPrefix: "AG/RES"}}, []string{"d1", "p1"}},
		{"place", query.Filter{Place: "chile"}, []string{"d1"}},
		{"not a place", query.Filter{Not: &query.Filter{Place: "chile"}}, []string{"p1", "r1", "r2"}},
		{"date from", query.Filter{DateFrom: "1995-11-10"}, []string{"d1", "r1"}},
		{"date to", query.Filter{DateTo: "1995-11-10"}, []string{"d1", "r2"}},
		{"not dated in 1995", query.Filter{Not: &query.Filter{DateFrom: "1995-01-01", DateTo: "1995-12-31"}}, []string{"p1", "r1"}},
		{"year from", query.Filter{YearFrom: new(1996)}, []string{"r1"}},
		{"year to", query.Filter{YearTo: new(1995)}, []string{"d1", "r2"}},
		{"not a year", query.Filter{Not: &query.Filter{YearFrom: new(0)}}, []string{"p1"}},
		{"adopted by", query.Filter{AdoptedBy: []string{"ga", "nobody"}}, []string{"r1", "r2"}},
		{"adopted at", query.Filter{AdoptedAt: []string{"s26"}}, []string{"r1"}},
		{"cited by r1", query.Filter{Related: []query.Related{{Type: hemigraph.RelCites, Direction: query.Incoming, IDs: []string{"r1"}}}},
			[]string{"p1", "r2"}},
		{"citing anything", query.Filter{Related: []query.Related{{Type: hemigraph.RelCites, Direction: query.Outgoing}}},
			[]string{"d1", "r1"}},
		{"citing or cited", query.Filter{Related: []query.Related{{Type: hemigraph.RelCites, Direction: query.Both}}},
			[]string{"d1", "p1", "r1", "r2"}},
		{"two relations", query.Filter{Related: []query.Related{
			{Type: hemigraph.RelCites, Direction: query.Outgoing, IDs: []string{"r2"}},
			{Type: hemigraph.RelAdoptedBy, Direction: query.Outgoing},
		}}, []string{"r1"}},
		{"unresolved", query.Filter{Unresolved: new(true)}, []string{"p1"}},
		{"known", query.Filter{Unresolved: new(false)}, []string{"d1", "r1", "r2"}},
		{"or", query.Filter{Or: []query.Filter{{Place: "chile"}, {Unresolved: new(true)}}}, []string{"d1", "p1"}},
		{"and", query.Filter{And: []query.Filter{{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}, {YearTo: new(1995)}}}, []string{"r2"}},
		{"every condition of a level must hold", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution}, Place: "panama",
			Or: []query.Filter{{YearFrom: new(1990)}}}, []string{"r1"}},
		{"not of an or", query.Filter{Not: &query.Filter{Or: []query.Filter{{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}, {Place: "chile"}}}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Filter: tc.filter, First: 10, Count: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(page.Nodes)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if page.Total != len(tc.want) {
				t.Errorf("total %d, want %d", page.Total, len(tc.want))
			}
		})
	}
}

// TestFilterLimits refuses filters too deep, too large, or naming unknown
// kinds and types, and accepts those at the limits.
func TestFilterLimits(t *testing.T) {
	nested := func(depth int) query.Filter {
		f := query.Filter{}
		for range depth {
			inner := f
			f = query.Filter{Not: &inner}
		}
		return f
	}
	wide := func(n int) query.Filter {
		var f query.Filter
		for range n {
			f.And = append(f.And, query.Filter{Title: "x"})
		}
		return f
	}
	tests := []struct {
		name   string
		filter query.Filter
		err    error
	}{
		{"deepest", nested(query.MaxFilterDepth), nil},
		{"too deep", nested(query.MaxFilterDepth + 1), hemigraph.ErrInvalid},
		{"most conditions", wide(query.MaxFilterConditions), nil},
		{"too many conditions", wide(query.MaxFilterConditions + 1), hemigraph.ErrInvalid},
		{"and/or/not are no conditions", query.Filter{Or: []query.Filter{wide(query.MaxFilterConditions - 1), {}}, Title: "x"}, nil},
		{"most ids", query.Filter{AdoptedBy: make([]string, query.MaxFilterIDs)}, nil},
		{"too many ids", query.Filter{AdoptedBy: make([]string, query.MaxFilterIDs+1)}, hemigraph.ErrInvalid},
		{"too many related ids", query.Filter{Related: []query.Related{{Type: hemigraph.RelCites, IDs: make([]string, query.MaxFilterIDs+1)}}},
			hemigraph.ErrInvalid},
		{"unknown kind", query.Filter{Kinds: []hemigraph.Kind{"Treaty"}}, hemigraph.ErrInvalid},
		{"unknown type", query.Filter{Related: []query.Related{{Type: "LIKES"}}}, hemigraph.ErrInvalid},
	}
	s := seeded(t, nil, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", Filter: tc.filter, First: 1})
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Errorf("FindNodes: err = %v, want %v", err, tc.err)
			}
			_, err = s.Facets(t.Context(), "Entity", tc.filter)
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Errorf("Facets: err = %v, want %v", err, tc.err)
			}
		})
	}
}
