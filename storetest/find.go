package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// filterGraph holds nodes of every kind, dated by day, by month, by range
// and not at all, with and without symbols and places, adopted by bodies
// and at sessions and conferences, and one placeholder.
func filterGraph() graph {
	return graph{
		nodes: nodes(res1123, res1240, res1353, res1409, res1412, res1494, doc3096, cosegre9, declSantiago, declSanSalvador,
			citaac, planSantiago, confSantiago, confSanSalvador, session26, ga, pc),
		edges: []hemigraph.Edge{
			edge(res1353, hemigraph.RelAdoptedBy, ga, "adopted at the ninth plenary session"),
			edge(res1409, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			edge(doc3096, hemigraph.RelAdoptedBy, pc, "Council meeting of May 27 1994 endorsed report"),
			edge(res1409, hemigraph.RelAdoptedAt, session26, "twenty-sixth regular session"),
			edge(res1412, hemigraph.RelAdoptedAt, session26, "twenty-sixth regular session"),
			edge(declSantiago, hemigraph.RelAdoptedAt, confSantiago, "page header names the conference"),
			edge(declSanSalvador, hemigraph.RelAdoptedAt, confSanSalvador, "states meeting at the San Salvador conference"),
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration"),
			cites(declSanSalvador, declSantiago, "REAFFIRM", "reaffirms the Santiago declaration"),
			cites(res1494, res1240, "RECALLING", "recalls resolution 1240"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),
		},
	}
}

// undated are the nodes of filterGraph without a date.
var undated = []string{res1123, res1240, planSantiago, ga, pc}

// filterCase is a filter and the ids of the nodes it selects.
type filterCase struct {
	name   string
	filter query.Filter
	want   []string
}

// runFilters writes filterGraph and checks each case against FindNodes
// over every node.
func runFilters(t *testing.T, s Store, cases []filterCase) {
	t.Helper()
	filterGraph().write(t, s)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", Filter: c.filter, First: 100})
			check(t, "FindNodes", err)
			diff(t, "ids", sorted(c.want), idsOf(page.Nodes))
		})
	}
}

// except returns the nodes of filterGraph not in ids.
func except(ids ...string) []string {
	var out []string
	for _, n := range filterGraph().nodes {
		if !slices.Contains(ids, n.ID) {
			out = append(out, n.ID)
		}
	}
	return out
}

var filterTests = []test{
	{"ZeroSelectsAll", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{{"zero", query.Filter{}, except()}})
	}},
	{"Kinds", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"declarations", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindDeclaration}}, []string{declSantiago, declSanSalvador}},
			{"conferences and sessions", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindConference, hemigraph.KindSession}},
				[]string{confSantiago, confSanSalvador, session26}},
			{"plans of action", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindPlanOfAction}}, []string{planSantiago}},
		})
	}},
	{"TitleOrAliasSubstring", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"title", query.Filter{Title: "Cooperation for Hemispheric"}, []string{res1353}},
			{"title, any case", query.Filter{Title: "cOOPERATION FOR hemispheric"}, []string{res1353}},
			{"inside a word", query.Filter{Title: "operation for"}, []string{res1353}},
			{"alias only", query.Filter{Title: "santiago plan"}, []string{planSantiago}},
			{"alias, upper case", query.Filter{Title: "CITAAC"}, []string{citaac}},
			{"alias, lower case", query.Filter{Title: "citaac"}, []string{citaac}},
			{"title or alias", query.Filter{Title: "San Salvador"}, []string{cosegre9, declSanSalvador, confSanSalvador}},
			{"accented alias", query.Filter{Title: "fortalecimento da confiança"}, []string{res1494}},
			{"accented, upper case", query.Filter{Title: "DECLARACIÓN DE SANTIAGO"}, []string{declSantiago}},
			{"punctuation is literal", query.Filter{Title: "(xxvi-o/96)"}, []string{res1412}},
			{"no match", query.Filter{Title: "Chemical Weapons"}, nil},
		})
	}},
	{"SymbolPrefix", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"series and type", query.Filter{SymbolPrefix: "AG/RES."}, []string{res1123, res1240, res1353, res1409, res1412, res1494}},
			{"start of a number", query.Filter{SymbolPrefix: "AG/RES. 14"}, []string{res1409, res1412, res1494}},
			{"without dot, lower case", query.Filter{SymbolPrefix: "ag/res 1412"}, []string{res1412}},
			{"whole symbol", query.Filter{SymbolPrefix: "AG/RES. 1412 (XXVI-O/96)"}, []string{res1412}},
			{"whole symbol, misprinted", query.Filter{SymbolPrefix: "AG/RES.1412(XXVI-0/96)"}, []string{res1412}},
			{"spaces and dots ignored", query.Filter{SymbolPrefix: "AG / RES 1 4 1 2"}, []string{res1412}},
			{"whole symbol with its revision", query.Filter{SymbolPrefix: "cosegre/doc. 18/95 rev.3"}, []string{declSantiago}},
			{"series", query.Filter{SymbolPrefix: "COSEGRE"}, []string{declSantiago, declSanSalvador, cosegre9}},
			{"series with its suffix", query.Filter{SymbolPrefix: "cosegre.ii"}, []string{declSanSalvador, cosegre9}},
			{"report", query.Filter{SymbolPrefix: "AG/doc"}, []string{doc3096}},
			{"no match", query.Filter{SymbolPrefix: "CP/RES."}, nil},
		})
	}},
	{"Place", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"city", query.Filter{Place: "santiago"}, []string{declSantiago, confSantiago}},
			{"upper case", query.Filter{Place: "SAN SALVADOR"}, []string{declSanSalvador, confSanSalvador}},
			{"country", query.Filter{Place: "Chile"}, []string{declSantiago, confSantiago}},
			{"part of a word", query.Filter{Place: "anama"}, []string{session26}},
		})
	}},
	{"DateFromAndTo", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"from", query.Filter{DateFrom: "1998-01-01"}, []string{declSanSalvador, confSanSalvador, citaac, cosegre9}},
			{"to", query.Filter{DateTo: "1995-06-30"}, []string{res1353, doc3096}},
			{"from and to", query.Filter{DateFrom: "1995-11-01", DateTo: "1996-06-30"},
				[]string{declSantiago, confSantiago, session26, res1409, res1412}},
			{"inclusive", query.Filter{DateFrom: "1996-06-07", DateTo: "1996-06-07"}, []string{res1409, res1412}},
			{"first day of a range", query.Filter{DateFrom: "1995-11-09", DateTo: "1995-11-30"}, []string{declSantiago}},
			{"first day of a month, to", query.Filter{DateTo: "1996-06-01", DateFrom: "1996-01-01"}, []string{session26}},
			{"first day of a month, from", query.Filter{DateFrom: "1996-06-02", DateTo: "1996-12-31"}, []string{res1409, res1412}},
		})
	}},
	{"YearFromAndTo", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"from", query.Filter{YearFrom: intp(1998)}, []string{declSanSalvador, confSanSalvador, citaac, cosegre9}},
			{"to", query.Filter{YearTo: intp(1995)}, []string{res1353, doc3096, declSantiago, confSantiago}},
			{"one year", query.Filter{YearFrom: intp(1996), YearTo: intp(1996)}, []string{res1409, res1412, session26}},
			{"empty range", query.Filter{YearFrom: intp(1997), YearTo: intp(1996)}, nil},
		})
	}},
	{"AdoptedBy", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"one body", query.Filter{AdoptedBy: []string{ga}}, []string{res1353, res1409, res1412}},
			{"either body", query.Filter{AdoptedBy: []string{ga, pc}}, []string{res1353, res1409, res1412, doc3096}},
			{"no such body", query.Filter{AdoptedBy: []string{csh}}, nil},
			{"a session is not a body", query.Filter{AdoptedBy: []string{session26}}, nil},
		})
	}},
	{"AdoptedAt", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"session", query.Filter{AdoptedAt: []string{session26}}, []string{res1409, res1412}},
			{"conferences", query.Filter{AdoptedAt: []string{confSantiago, confSanSalvador}}, []string{declSantiago, declSanSalvador}},
			{"a body is not a session", query.Filter{AdoptedAt: []string{ga}}, nil},
		})
	}},
	{"Related", func(t *testing.T, s Store) {
		cites := hemigraph.RelCites
		runFilters(t, s, []filterCase{
			{"outgoing to any node", query.Filter{Related: []query.Related{{Type: cites, Direction: query.Outgoing}}},
				[]string{res1412, res1494, declSanSalvador}},
			{"incoming from any node", query.Filter{Related: []query.Related{{Type: cites, Direction: query.Incoming}}},
				[]string{declSantiago, res1240}},
			{"incoming from one node", query.Filter{Related: []query.Related{{Type: cites, Direction: query.Incoming, IDs: []string{res1412}}}},
				[]string{declSantiago}},
			{"outgoing to one of nodes", query.Filter{Related: []query.Related{{Type: cites, Direction: query.Outgoing, IDs: []string{res1240, confSantiago}}}},
				[]string{res1494}},
			{"either direction", query.Filter{Related: []query.Related{{Type: hemigraph.RelFollowsUp, Direction: query.Both}}},
				[]string{confSantiago, confSanSalvador}},
			{"either direction, one node", query.Filter{Related: []query.Related{{Type: hemigraph.RelFollowsUp, Direction: query.Both, IDs: []string{confSantiago}}}},
				[]string{confSanSalvador}},
			{"all must hold", query.Filter{Related: []query.Related{
				{Type: cites, Direction: query.Outgoing, IDs: []string{declSantiago}},
				{Type: hemigraph.RelConvenes, Direction: query.Outgoing},
			}}, []string{res1412}},
			{"wrong direction", query.Filter{Related: []query.Related{{Type: hemigraph.RelConvenes, Direction: query.Incoming, IDs: []string{res1412}}}},
				[]string{confSanSalvador}},
		})
	}},
	{"Unresolved", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"placeholders", query.Filter{Unresolved: boolp(true)}, []string{res1123}},
			{"known nodes", query.Filter{Unresolved: boolp(false)}, except(res1123)},
		})
	}},
	{"ConditionsAllHold", func(t *testing.T, s Store) {
		runFilters(t, s, []filterCase{
			{"kind and place", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindConference}, Place: "Santiago"}, []string{confSantiago}},
			{"title and year", query.Filter{Title: "confidence", YearFrom: intp(1997)}, []string{res1494, declSanSalvador, confSanSalvador, cosegre9}},
			{"symbol and adoption", query.Filter{SymbolPrefix: "AG/RES. 14", AdoptedBy: []string{ga}}, []string{res1409, res1412}},
		})
	}},
	{"AndOrNot", func(t *testing.T, s Store) {
		resolution := query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}
		runFilters(t, s, []filterCase{
			{"and", query.Filter{And: []query.Filter{resolution, {YearFrom: intp(1996)}}}, []string{res1409, res1412, res1494}},
			{"or", query.Filter{Or: []query.Filter{{Place: "Santiago"}, {AdoptedBy: []string{pc}}}}, []string{declSantiago, confSantiago, doc3096}},
			{"not", query.Filter{Not: &query.Filter{Kinds: hemigraph.InstrumentKinds}}, []string{confSantiago, confSanSalvador, session26, ga, pc}},
			{"not and", query.Filter{Not: &query.Filter{And: []query.Filter{resolution, {YearTo: intp(1995)}}}},
				except(res1353)},
			{"and of or and not", query.Filter{And: []query.Filter{
				{Or: []query.Filter{resolution, {Kinds: []hemigraph.Kind{hemigraph.KindDeclaration}}}},
				{Not: &query.Filter{AdoptedBy: []string{ga}}},
			}}, []string{res1123, res1240, res1494, declSantiago, declSanSalvador}},
			{"beside conditions", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution},
				Or: []query.Filter{{YearTo: intp(1995)}, {Title: "Americas"}}}, []string{res1353, res1409, res1494}},
			{"double not", query.Filter{Not: &query.Filter{Not: &resolution}}, []string{res1123, res1240, res1353, res1409, res1412, res1494}},
			{"empty or", query.Filter{Or: []query.Filter{{}}}, except()},
		})
	}},
	{"MissingValueFailsAndPassesNot", func(t *testing.T, s Store) {
		noPlace := []string{res1123, res1240, res1353, res1409, res1412, res1494, doc3096, cosegre9, planSantiago, ga, pc}
		noSymbol := []string{citaac, planSantiago, confSantiago, confSanSalvador, session26, ga, pc}
		runFilters(t, s, []filterCase{
			{"year from", query.Filter{Not: &query.Filter{YearFrom: intp(1900)}}, undated},
			{"year to", query.Filter{Not: &query.Filter{YearTo: intp(2100)}}, undated},
			{"date from", query.Filter{Not: &query.Filter{DateFrom: "1900-01-01"}}, undated},
			{"date to", query.Filter{Not: &query.Filter{DateTo: "2100-12-31"}}, undated},
			{"dated", query.Filter{YearFrom: intp(1900)}, except(undated...)},
			{"place", query.Filter{Not: &query.Filter{Place: "a"}}, noPlace},
			{"symbol", query.Filter{Not: &query.Filter{SymbolPrefix: "A"}}, append(slices.Clone(noSymbol),
				declSantiago, declSanSalvador, cosegre9)},
			{"not of or", query.Filter{Not: &query.Filter{Or: []query.Filter{{YearTo: intp(1995)}, {YearFrom: intp(1996)}}}}, undated},
		})
	}},
}

// nestNot wraps f in n Nots.
func nestNot(f query.Filter, n int) query.Filter {
	for range n {
		inner := f
		f = query.Filter{Not: &inner}
	}
	return f
}

// nestAnd and nestOr nest f n levels deep in And or Or.
func nestAnd(f query.Filter, n int) query.Filter {
	for range n {
		f = query.Filter{And: []query.Filter{f}}
	}
	return f
}

func nestOr(f query.Filter, n int) query.Filter {
	for range n {
		f = query.Filter{Or: []query.Filter{f}}
	}
	return f
}

// titles returns an And of n title conditions.
func titles(n int) query.Filter {
	var f query.Filter
	for range n {
		f.And = append(f.And, query.Filter{Title: "confidence"})
	}
	return f
}

// someIDs returns n canonical ids.
func someIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("ag-res-%d-xxvi-o-96", 2000+i)
	}
	return out
}

var limitTests = []test{
	{"FilterBounds", testFilterBounds},
	{"UnknownLabelOrOrder", testUnknownLabelOrOrder},
}

// testFilterBounds: a filter within query.MaxFilterDepth,
// MaxFilterConditions and MaxFilterIDs is answered; one beyond them, or
// with an unknown kind or relation type, is hemigraph.ErrInvalid, for
// FindNodes and Facets alike.
func testFilterBounds(t *testing.T, s Store) {
	filterGraph().write(t, s)
	resolution := query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}
	related := func(n int) []query.Related {
		out := make([]query.Related, n)
		for i := range out {
			out[i] = query.Related{Type: hemigraph.RelCites, Direction: query.Outgoing}
		}
		return out
	}
	tests := []struct {
		name   string
		filter query.Filter
		ok     bool
	}{
		{"not at the depth bound", nestNot(resolution, query.MaxFilterDepth), true},
		{"not too deep", nestNot(resolution, query.MaxFilterDepth+1), false},
		{"and at the depth bound", nestAnd(resolution, query.MaxFilterDepth), true},
		{"and too deep", nestAnd(resolution, query.MaxFilterDepth+1), false},
		{"or too deep", nestOr(resolution, query.MaxFilterDepth+1), false},
		{"mixed too deep", nestOr(nestNot(nestAnd(resolution, 2), 2), 1), false},
		{"conditions at the bound", titles(query.MaxFilterConditions), true},
		{"too many conditions", titles(query.MaxFilterConditions + 1), false},
		{"too many related", query.Filter{Related: related(query.MaxFilterConditions + 1)}, false},
		{"conditions of one filter count", query.Filter{Title: "confidence", Place: "a",
			And: []query.Filter{titles(query.MaxFilterConditions - 2)}}, true},
		{"conditions of one filter count over", query.Filter{Title: "confidence", Place: "a", YearFrom: intp(1990),
			And: []query.Filter{titles(query.MaxFilterConditions - 2)}}, false},
		{"adopted by at the id bound", query.Filter{AdoptedBy: someIDs(query.MaxFilterIDs)}, true},
		{"adopted by too many ids", query.Filter{AdoptedBy: someIDs(query.MaxFilterIDs + 1)}, false},
		{"adopted at too many ids", query.Filter{AdoptedAt: someIDs(query.MaxFilterIDs + 1)}, false},
		{"related to too many ids", query.Filter{Related: []query.Related{{Type: hemigraph.RelCites, IDs: someIDs(query.MaxFilterIDs + 1)}}}, false},
		{"nested too many ids", query.Filter{Not: &query.Filter{AdoptedBy: someIDs(query.MaxFilterIDs + 1)}}, false},
		{"unknown kind", query.Filter{Kinds: []hemigraph.Kind{"Treaty"}}, false},
		{"unknown kind, nested", query.Filter{Or: []query.Filter{{Kinds: []hemigraph.Kind{"resolution"}}}}, false},
		{"unknown relation type", query.Filter{Related: []query.Related{{Type: "SUPERSEDES"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", Filter: tt.filter, First: 10})
			_, ferr := s.Facets(t.Context(), "Entity", tt.filter)
			if tt.ok {
				check(t, "FindNodes", err)
				check(t, "Facets", ferr)
				return
			}
			wantErr(t, "FindNodes", err, hemigraph.ErrInvalid)
			wantErr(t, "Facets", ferr, hemigraph.ErrInvalid)
		})
	}
}

// testUnknownLabelOrOrder: a label other than the five of FindQuery, or an
// unknown order field, is hemigraph.ErrInvalid.
func testUnknownLabelOrOrder(t *testing.T, s Store) {
	graph{nodes: nodes(res1412)}.write(t, s)
	for _, label := range []string{"Resolution", "Node", "", "entity"} {
		_, err := s.FindNodes(t.Context(), query.FindQuery{Label: label, First: 10})
		wantErr(t, "FindNodes label "+label, err, hemigraph.ErrInvalid)
		_, err = s.Facets(t.Context(), label, query.Filter{})
		wantErr(t, "Facets label "+label, err, hemigraph.ErrInvalid)
	}
	_, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", First: 10, Order: query.Order{Field: query.OrderCitedBy + 1}})
	wantErr(t, "FindNodes unknown order", err, hemigraph.ErrInvalid)
}

// orderGraph holds instruments with ties in date, title and citations,
// undated ones and ones without a symbol, and a conference, which is no
// instrument.
func orderGraph() graph {
	return graph{
		nodes: nodes(res1240, res1353, res1409, res1412, res1494, citaac, planSantiago, declSantiago, confSantiago),
		edges: []hemigraph.Edge{
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			cites(res1494, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration"), // a second clause: one citing node
			cites(res1409, declSantiago, "TAKING NOTE", "notes the Santiago declaration"),
			cites(res1412, res1353, "RECALLING", "recalls resolution 1353"),
			cites(res1409, res1353, "RECALLING", "recalls resolution 1353"),
			cites(res1494, res1409, "RECALLING", "recalls resolution 1409"),
			cites(res1494, res1412, "RECALLING", "recalls resolution 1412"),
			edge(res1240, hemigraph.RelMentions, res1494, "a mention is no citation"),
		},
	}
}

// orders are the instruments of orderGraph in each order.
var orders = []struct {
	order query.Order
	want  []string
}{
	{query.Order{Field: query.OrderID},
		[]string{res1240, res1353, res1409, res1412, res1494, citaac, declSantiago, planSantiago}},
	{query.Order{Field: query.OrderID, Desc: true},
		[]string{planSantiago, declSantiago, citaac, res1494, res1412, res1409, res1353, res1240}},
	// 1409 and 1412 share a day; 1240 and the plan are undated.
	{query.Order{Field: query.OrderDate},
		[]string{res1353, declSantiago, res1409, res1412, res1494, citaac, res1240, planSantiago}},
	{query.Order{Field: query.OrderDate, Desc: true},
		[]string{citaac, res1494, res1412, res1409, declSantiago, res1353, planSantiago, res1240}},
	// The convention and the plan have no symbol.
	{query.Order{Field: query.OrderSymbol},
		[]string{res1240, res1353, res1409, res1412, res1494, declSantiago, citaac, planSantiago}},
	{query.Order{Field: query.OrderSymbol, Desc: true},
		[]string{declSantiago, res1494, res1412, res1409, res1353, res1240, planSantiago, citaac}},
	// "ag/res. 1240 ..." sorts before "AG/RES. 1412 ..." and "Confidence ..."
	// ignoring case; 1409 and 1494 share a title.
	{query.Order{Field: query.OrderTitle},
		[]string{res1240, res1412, res1409, res1494, res1353, declSantiago, citaac, planSantiago}},
	{query.Order{Field: query.OrderTitle, Desc: true},
		[]string{planSantiago, citaac, declSantiago, res1353, res1494, res1409, res1412, res1240}},
	// Cited by 3 (the declaration), 2 (1353), 1 (1409, 1412), 0.
	{query.Order{Field: query.OrderCitedBy},
		[]string{res1240, res1494, citaac, planSantiago, res1409, res1412, res1353, declSantiago}},
	{query.Order{Field: query.OrderCitedBy, Desc: true},
		[]string{declSantiago, res1353, res1412, res1409, planSantiago, citaac, res1494, res1240}},
}

func orderName(o query.Order) string {
	name := [...]string{"ID", "Date", "Symbol", "Title", "CitedBy"}[o.Field]
	if o.Desc {
		name += "Desc"
	}
	return name
}

var orderTests = []test{
	{"EachFieldBothWays", testOrders},
	{"KeysetPaging", testKeysetPaging},
	{"CursorIsAPosition", testCursorPosition},
	{"CursorOfIDOrderIsTheID", testCursorOfIDOrder},
	{"CursorKeyTypes", testCursorKeyTypes},
}

// testOrders: each order sorts by its key, ties by id in the same
// direction, nodes missing the key last in both directions.
func testOrders(t *testing.T, s Store) {
	orderGraph().write(t, s)
	for _, o := range orders {
		t.Run(orderName(o.order), func(t *testing.T) {
			page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: o.order, First: 50})
			check(t, "FindNodes", err)
			diff(t, "order", o.want, idsOf(page.Nodes))
			if page.HasNext {
				t.Error("HasNext on the only page")
			}
		})
	}
}

// walk reads every page of q, each q.First long, handing back the last
// cursor of each page, and returns the ids in order. It fails the test
// when a page other than the last is short or lacks HasNext.
func walk(t *testing.T, s Store, q query.FindQuery) []string {
	t.Helper()
	var ids []string
	for range 100 {
		page, err := s.FindNodes(t.Context(), q)
		check(t, "FindNodes", err)
		if len(page.Cursors) != len(page.Nodes) {
			t.Fatalf("%d cursors for %d nodes", len(page.Cursors), len(page.Nodes))
		}
		ids = append(ids, idsOf(page.Nodes)...)
		if !page.HasNext {
			return ids
		}
		if len(page.Nodes) != q.First {
			t.Fatalf("a page of %d nodes (want %d) says more follow", len(page.Nodes), q.First)
		}
		last := page.Cursors[len(page.Cursors)-1]
		q.After = &last
	}
	t.Fatal("more than 100 pages")
	return nil
}

// testKeysetPaging: walking a list page by page, each starting after the
// last cursor of the one before, gives every node once, in order, whatever
// the page size; HasNext is false on the last page only.
func testKeysetPaging(t *testing.T, s Store) {
	orderGraph().write(t, s)
	for _, o := range orders {
		for _, size := range []int{1, 3, 4, 8, 20} {
			t.Run(fmt.Sprintf("%s/%d", orderName(o.order), size), func(t *testing.T) {
				got := walk(t, s, query.FindQuery{Label: "Instrument", Order: o.order, First: size})
				diff(t, "ids", o.want, got)
			})
		}
	}
	t.Run("filtered", func(t *testing.T) {
		f := query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}
		got := walk(t, s, query.FindQuery{Label: "Instrument", Filter: f, Order: query.Order{Field: query.OrderDate, Desc: true}, First: 2})
		diff(t, "ids", []string{res1494, res1412, res1409, res1353, res1240}, got)
	})
}

// testCursorIsAPosition: a page starts after the cursor's position, even
// once the node it was taken from is gone.
func testCursorPosition(t *testing.T, s Store) {
	orderGraph().write(t, s)
	for _, o := range orders {
		t.Run(orderName(o.order), func(t *testing.T) {
			first, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: o.order, First: 50})
			check(t, "FindNodes", err)
			// Keep the cursors of the whole list, then read after each.
			for i, c := range first.Cursors {
				page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: o.order, First: 50, After: &c})
				check(t, "FindNodes", err)
				diff(t, "after "+c.ID, o.want[i+1:], idsOf(page.Nodes))
			}
		})
	}
	t.Run("deleted", func(t *testing.T) {
		order := query.Order{Field: query.OrderDate}
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: order, First: 3})
		check(t, "FindNodes", err)
		diff(t, "first page", []string{res1353, declSantiago, res1409}, idsOf(page.Nodes))
		_, err = s.DeleteNodes(t.Context(), []string{res1409})
		check(t, "DeleteNodes", err)
		after := page.Cursors[2]
		next, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: order, First: 3, After: &after})
		check(t, "FindNodes", err)
		diff(t, "page after a deleted node", []string{res1412, res1494, citaac}, idsOf(next.Nodes))
	})
}

// testCursorOfIDOrder: in the id order the key of a cursor is the id, so a
// client may rebuild a cursor from an id alone.
func testCursorOfIDOrder(t *testing.T, s Store) {
	orderGraph().write(t, s)
	for _, desc := range []bool{false, true} {
		order := query.Order{Field: query.OrderID, Desc: desc}
		after := &query.Cursor{Key: res1409, ID: res1409}
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: order, First: 50, After: after})
		check(t, "FindNodes", err)
		want := []string{res1412, res1494, citaac, declSantiago, planSantiago}
		if desc {
			want = []string{res1353, res1240}
		}
		diff(t, orderName(order), want, idsOf(page.Nodes))
	}
}

// testCursorKeyTypes: each cursor names its node; its key is an int64 for
// OrderCitedBy, a string otherwise.
func testCursorKeyTypes(t *testing.T, s Store) {
	g := orderGraph()
	g.write(t, s)
	for _, o := range orders {
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", Order: o.order, First: 50})
		check(t, "FindNodes", err)
		for i, c := range page.Cursors {
			if c.ID != page.Nodes[i].ID {
				t.Errorf("%s: cursor %d names %q, node is %q", orderName(o.order), i, c.ID, page.Nodes[i].ID)
			}
			switch k := c.Key.(type) {
			case int64:
				if o.order.Field != query.OrderCitedBy {
					t.Errorf("%s: key %v of %s is an int64", orderName(o.order), k, c.ID)
				} else if want := int64(g.citedBy(c.ID)); k != want {
					t.Errorf("%s: key of %s = %d, want %d, the nodes citing it", orderName(o.order), c.ID, k, want)
				}
			case string:
				if o.order.Field == query.OrderCitedBy {
					t.Errorf("%s: key %q of %s is a string", orderName(o.order), k, c.ID)
				}
			default:
				t.Errorf("%s: key of %s is a %T", orderName(o.order), c.ID, c.Key)
			}
		}
	}
}

var findTests = []test{
	{"Labels", testLabels},
	{"CountTotal", testCount},
	{"PageFields", testPageFields},
}

// testLabels: Instrument selects the five instrument kinds, Conference,
// Body and Session their kind, Entity every node.
func testLabels(t *testing.T, s Store) {
	g := graph{nodes: nodes(res1412, declSantiago, citaac, doc3096, planSantiago, confSantiago, session26, ga)}
	g.write(t, s)
	tests := []struct {
		label string
		want  []string
	}{
		{"Instrument", []string{res1412, declSantiago, citaac, doc3096, planSantiago}},
		{"Conference", []string{confSantiago}},
		{"Session", []string{session26}},
		{"Body", []string{ga}},
		{"Entity", idsOf(g.nodes)},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			page, err := s.FindNodes(t.Context(), query.FindQuery{Label: tt.label, First: 50})
			check(t, "FindNodes", err)
			diff(t, "ids", sorted(tt.want), idsOf(page.Nodes))
		})
	}
}

// testCount: with Count, Total is every node matching the label and the
// filter, on every page.
func testCount(t *testing.T, s Store) {
	filterGraph().write(t, s)
	tests := []struct {
		name  string
		label string
		f     query.Filter
		want  int
	}{
		{"label", "Instrument", query.Filter{}, 12},
		{"filter", "Instrument", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindResolution}}, 6},
		{"entity", "Entity", query.Filter{}, 17},
		{"nothing", "Body", query.Filter{Title: "Chemical Weapons"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := query.FindQuery{Label: tt.label, Filter: tt.f, First: 2, Count: true, Order: query.Order{Field: query.OrderTitle}}
			for page := 0; ; page++ {
				p, err := s.FindNodes(t.Context(), q)
				check(t, "FindNodes", err)
				if p.Total != tt.want {
					t.Errorf("page %d: Total = %d, want %d", page, p.Total, tt.want)
				}
				if !p.HasNext {
					break
				}
				last := p.Cursors[len(p.Cursors)-1]
				q.After = &last
			}
		})
	}
}

// testPageFields: the nodes of a page read back as written, with the
// number of nodes citing them, and HasNext says whether more follow.
func testPageFields(t *testing.T, s Store) {
	g := orderGraph()
	g.write(t, s)
	page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", First: 3, Order: query.Order{Field: query.OrderCitedBy, Desc: true}})
	check(t, "FindNodes", err)
	diff(t, "nodes", []hemigraph.Node{g.node(declSantiago), g.node(res1353), g.node(res1412)}, page.Nodes)
	if !page.HasNext {
		t.Error("HasNext = false with five more nodes")
	}
	all, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Instrument", First: 8})
	check(t, "FindNodes", err)
	if all.HasNext || len(all.Nodes) != 8 {
		t.Errorf("a page as long as the list: %d nodes, HasNext %v; want 8, false", len(all.Nodes), all.HasNext)
	}
	if strings.Join(idsOf(all.Nodes), " ") != strings.Join(orders[0].want, " ") {
		t.Errorf("the default order is not by id: %v", idsOf(all.Nodes))
	}
}
