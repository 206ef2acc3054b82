package memstore_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// orderGraph has ties in every order, undated nodes and nodes without a
// symbol, and citations.
func orderGraph(t *testing.T) ([]hemigraph.Node, []hemigraph.Edge) {
	t.Helper()
	nodes := []hemigraph.Node{
		{ID: "a", Kind: hemigraph.KindResolution, Title: "Beta", Date: "1996-06-07", Symbol: "AG/RES. 1412 (XXVI-O/96)"},
		{ID: "b", Kind: hemigraph.KindResolution, Title: "alpha", Date: "1996-06-07", Symbol: "AG/RES. 1409 (XXVI-O/96)"},
		{ID: "c", Kind: hemigraph.KindDeclaration, Title: "Alpha", Date: "1995"},
		{ID: "d", Kind: hemigraph.KindConvention, Title: "gamma"},
		{ID: "e", Kind: hemigraph.KindReport, Title: "Beta", Date: "1998-02/1998-03", Symbol: "AG/doc.3096/94"},
		{ID: "f", Kind: hemigraph.KindPlanOfAction, Title: "delta"},
		{ID: "g", Kind: hemigraph.KindBody, Title: "Body"},
	}
	edges := []hemigraph.Edge{
		e("a", hemigraph.RelCites, "c"), e("b", hemigraph.RelCites, "c"), e("a", hemigraph.RelCites, "d"),
		e("e", hemigraph.RelCites, "b"), e("f", hemigraph.RelCites, "b"),
	}
	return nodes, edges
}

// TestFindOrder checks each order, both ways: ties broken by id in the
// same direction, nodes without a date or symbol last either way.
func TestFindOrder(t *testing.T) {
	nodes, edges := orderGraph(t)
	s := seeded(t, nodes, edges)
	tests := []struct {
		order query.Order
		want  []string
	}{
		{query.Order{Field: query.OrderID}, []string{"a", "b", "c", "d", "e", "f"}},
		{query.Order{Field: query.OrderID, Desc: true}, []string{"f", "e", "d", "c", "b", "a"}},
		{query.Order{Field: query.OrderDate}, []string{"c", "a", "b", "e", "d", "f"}},
		{query.Order{Field: query.OrderDate, Desc: true}, []string{"e", "b", "a", "c", "f", "d"}},
		// "AG/RES" sorts before "AG/doc": upper case first.
		{query.Order{Field: query.OrderSymbol}, []string{"b", "a", "e", "c", "d", "f"}},
		{query.Order{Field: query.OrderSymbol, Desc: true}, []string{"e", "a", "b", "f", "d", "c"}},
		{query.Order{Field: query.OrderTitle}, []string{"b", "c", "a", "e", "f", "d"}},
		{query.Order{Field: query.OrderTitle, Desc: true}, []string{"d", "f", "e", "a", "c", "b"}},
		{query.Order{Field: query.OrderCitedBy}, []string{"a", "e", "f", "d", "b", "c"}},
		{query.Order{Field: query.OrderCitedBy, Desc: true}, []string{"c", "b", "d", "f", "e", "a"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%d desc=%v", tc.order.Field, tc.order.Desc), func(t *testing.T) {
			// Every page size walks the same list, each node once.
			for _, size := range []int{1, 2, 4, 6, 10} {
				var got []string
				var after *query.Cursor
				for range 20 {
					page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: tc.order, After: after, First: size, Count: true})
					if err != nil {
						t.Fatal(err)
					}
					if page.Total != 6 {
						t.Errorf("size %d: total %d, want 6", size, page.Total)
					}
					got = append(got, ids(page.Nodes)...)
					if !page.HasNext {
						break
					}
					after = &page.Cursors[len(page.Cursors)-1]
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("size %d (-want +got):\n%s", size, diff)
				}
			}
		})
	}
}

// TestFindCursors checks the keys of the cursors, the position of a
// cursor that names no node, and a cursor of the wrong type.
func TestFindCursors(t *testing.T) {
	nodes, edges := orderGraph(t)
	s := seeded(t, nodes, edges)
	first, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: query.Order{Field: query.OrderDate, Desc: true}, First: 6})
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := []query.Cursor{{Key: "1998-02-01", ID: "e"}, {Key: "1996-06-07", ID: "b"}, {Key: "1996-06-07", ID: "a"}, {Key: "1995-01-01", ID: "c"}, {Key: "", ID: "f"}, {Key: "", ID: "d"}}
	if diff := cmp.Diff(wantKeys, first.Cursors); diff != "" {
		t.Errorf("cursors (-want +got):\n%s", diff)
	}
	tests := []struct {
		name  string
		order query.Order
		after query.Cursor
		want  []string
	}{
		{"between two keys", query.Order{Field: query.OrderDate}, query.Cursor{Key: "1996-01-01", ID: "zzz"}, []string{"a", "b", "e", "d", "f"}},
		{"within a tie", query.Order{Field: query.OrderDate}, query.Cursor{Key: "1996-06-07", ID: "a"}, []string{"b", "e", "d", "f"}},
		{"among the undated", query.Order{Field: query.OrderDate}, query.Cursor{Key: "\uffff", ID: "d"}, []string{"f"}},
		{"by id, the key ignored", query.Order{Field: query.OrderID}, query.Cursor{Key: 42, ID: "d"}, []string{"e", "f"}},
		{"cited by, an int", query.Order{Field: query.OrderCitedBy, Desc: true}, query.Cursor{Key: 1, ID: "d"}, []string{"f", "e", "a"}},
		{"cited by, a float", query.Order{Field: query.OrderCitedBy}, query.Cursor{Key: 0.5, ID: ""}, []string{"d", "b", "c"}},
		{"a string for a number", query.Order{Field: query.OrderCitedBy}, query.Cursor{Key: "1", ID: "a"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: tc.order, After: &tc.after, First: 10})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(page.Nodes)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFindErrors: unknown labels and orders, bad filters and expansions
// are invalid.
func TestFindErrors(t *testing.T) {
	nodes, edges := orderGraph(t)
	s := seeded(t, nodes, edges)
	big := &query.Expand{}
	for i := range query.MaxExpandRels + 1 {
		big.Rels = append(big.Rels, query.RelExpand{Query: query.RelQuery{First: i}})
	}
	tests := []struct {
		name string
		q    query.FindQuery
	}{
		{"label", query.FindQuery{Label: "Resolution"}},
		{"order", query.FindQuery{Label: "Entity", Order: query.Order{Field: 99}}},
		{"filter", query.FindQuery{Label: "Entity", Filter: query.Filter{Kinds: []hemigraph.Kind{"Treaty"}}}},
		{"expansion", query.FindQuery{Label: "Entity", Expand: big}},
		{"page size", query.FindQuery{Label: "Entity", First: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.FindNodes(t.Context(), tc.q); !errors.Is(err, hemigraph.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

// TestLookup: nodes by id in the order asked, and by symbol in any printed
// variant, a known node before a placeholder.
func TestLookup(t *testing.T) {
	s := seeded(t, []hemigraph.Node{
		{ID: "a-placeholder", Kind: hemigraph.KindResolution, Title: "?", Symbol: "AG/RES. 1412 (XXVI-O/96)", Unresolved: true},
		{ID: "z-known", Kind: hemigraph.KindResolution, Title: "Known", Symbol: "AG/RES.1412(XXVI-O/96)"},
	}, nil)
	got, _, err := s.LookupNodes(t.Context(), []string{"z-known", "nothing", "a-placeholder"}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"z-known", "a-placeholder"}, ids(got)); diff != "" {
		t.Errorf("LookupNodes (-want +got):\n%s", diff)
	}
	tests := []struct {
		symbol string
		want   string
		err    error
	}{
		{"ag/res. 1412 (xxvi-o/96)", "z-known", nil},
		{"AG/RES 1412 (XXVI-O/96)", "z-known", nil},
		{"AG/RES. 1413 (XXVI-O/96)", "", hemigraph.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.symbol, func(t *testing.T) {
			n, _, err := s.LookupSymbol(t.Context(), tc.symbol, 0, nil)
			if !errors.Is(err, tc.err) || n.ID != tc.want {
				t.Errorf("LookupSymbol = %q, %v; want %q, %v", n.ID, err, tc.want, tc.err)
			}
		})
	}
}

// TestFacets counts by kind, year and adopting body.
func TestFacets(t *testing.T) {
	nodes := []hemigraph.Node{
		n("r1", hemigraph.KindResolution, "1996-06"), n("r2", hemigraph.KindResolution, "1996"),
		n("r3", hemigraph.KindResolution, "1995"), n("d1", hemigraph.KindDeclaration, ""),
		n("ga", hemigraph.KindBody, ""), n("pc", hemigraph.KindBody, ""),
	}
	edges := []hemigraph.Edge{
		e("r1", hemigraph.RelAdoptedBy, "ga"), e("r2", hemigraph.RelAdoptedBy, "ga"), e("r3", hemigraph.RelAdoptedBy, "pc"),
		e("d1", hemigraph.RelAdoptedBy, "pc"), func() hemigraph.Edge { x := e("d1", hemigraph.RelAdoptedBy, "pc"); x.Verb = "again"; return x }(),
	}
	s := seeded(t, nodes, edges)
	got, err := s.Facets(t.Context(), "Instrument", query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := query.Facets{
		Total: 4,
		Kinds: []query.KindCount{{Kind: hemigraph.KindResolution, Count: 3}, {Kind: hemigraph.KindDeclaration, Count: 1}},
		Years: []query.YearCount{{Year: 1995, Count: 1}, {Year: 1996, Count: 2}},
		Bodies: []query.BodyCount{{Body: hemigraph.Node{ID: "ga", Kind: hemigraph.KindBody, Title: "ga"}, Count: 2},
			{Body: hemigraph.Node{ID: "pc", Kind: hemigraph.KindBody, Title: "pc"}, Count: 2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facets (-want +got):\n%s", diff)
	}
	if _, err := s.Facets(t.Context(), "Nothing", query.Filter{}); !errors.Is(err, hemigraph.ErrInvalid) {
		t.Errorf("unknown label: err = %v", err)
	}
}
