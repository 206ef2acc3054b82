package storetest

import (
	"fmt"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var lookupTests = []test{
	{"NodesFoundAndMissing", testLookupNodes},
	{"NodesReadBackAsWritten", testLookupNodesFields},
	{"NodesReadWithThePropertiesAsked", testLookupNodesProps},
	{"NoIDs", testLookupNoIDs},
	{"SymbolPrintedVariants", testLookupSymbolVariants},
	{"SymbolNotFound", testLookupSymbolNotFound},
}

// testLookupNodes: LookupNodes returns the nodes that exist, whatever the
// order of the ids, and leaves out the ids that name none.
func testLookupNodes(t *testing.T, s Store) {
	g := graph{nodes: nodes(res1412, res1409, confSanSalvador, ga)}
	g.write(t, s)
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"one", []string{res1412}, []string{res1412}},
		{"several", []string{confSanSalvador, res1412, ga}, []string{ga, res1412, confSanSalvador}},
		{"missing left out", []string{"ag-res-9999-xxvi-o-96", res1409, "oas-nowhere"}, []string{res1409}},
		{"none exist", []string{"ag-res-9999-xxvi-o-96"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := s.LookupNodes(t.Context(), tt.ids, 0, nil)
			check(t, "LookupNodes", err)
			// The contract leaves the order open: callers index by id.
			diff(t, "ids", sorted(tt.want), sorted(idsOf(got)))
		})
	}
}

// testLookupNodesFields: a node reads back with every field it was written
// with, a placeholder's flag included.
func testLookupNodesFields(t *testing.T, s Store) {
	g := graph{nodes: nodes(declSantiago, confSanSalvador, session26, ga, res1123, planSantiago)}
	g.write(t, s)
	got, _, err := s.LookupNodes(t.Context(), idsOf(g.nodes), 0, nil)
	check(t, "LookupNodes", err)
	byID := map[string]hemigraph.Node{}
	for _, n := range got {
		byID[n.ID] = n
	}
	for _, n := range g.nodes {
		diff(t, n.ID, g.node(n.ID), byID[n.ID])
	}
}

// testLookupNodesProps: a node read by id or by symbol with some of its
// properties holds its id, its kind and each property asked as written; a
// store may return more.
func testLookupNodesProps(t *testing.T, s Store) {
	g := graph{nodes: nodes(declSantiago, confSanSalvador, session26, ga, res1123, planSantiago)}
	g.write(t, s)
	for _, props := range []query.NodeProps{
		query.PropID,
		query.PropID | query.PropTitle,
		query.PropID | query.PropSymbol | query.PropAliases | query.PropDate,
		query.PropID | query.PropPlace | query.PropSource | query.PropUnresolved | query.PropCitedByCount,
	} {
		got, _, err := s.LookupNodes(t.Context(), idsOf(g.nodes), props, nil)
		check(t, "LookupNodes", err)
		if len(got) != len(g.nodes) {
			t.Fatalf("props %b: %d nodes, want %d", props, len(got), len(g.nodes))
		}
		for _, n := range got {
			diff(t, fmt.Sprintf("%s, props %b", n.ID, props), withProps(g.node(n.ID), props), withProps(n, props))
		}
		for _, want := range g.nodes {
			if want.Symbol == "" {
				continue
			}
			n, _, err := s.LookupSymbol(t.Context(), want.Symbol, props, nil)
			check(t, "LookupSymbol", err)
			diff(t, fmt.Sprintf("%s by symbol, props %b", want.ID, props), withProps(g.node(want.ID), props), withProps(n, props))
		}
	}
}

// withProps returns n with its id, its kind and its properties props only.
func withProps(n hemigraph.Node, props query.NodeProps) hemigraph.Node {
	out := hemigraph.Node{ID: n.ID, Kind: n.Kind}
	for _, f := range []struct {
		p    query.NodeProps
		copy func()
	}{
		{query.PropTitle, func() { out.Title = n.Title }},
		{query.PropSymbol, func() { out.Symbol = n.Symbol }},
		{query.PropAliases, func() { out.Aliases = n.Aliases }},
		{query.PropDate, func() { out.Date = n.Date }},
		{query.PropPlace, func() { out.Place = n.Place }},
		{query.PropSource, func() { out.Source = n.Source }},
		{query.PropUnresolved, func() { out.Unresolved = n.Unresolved }},
		{query.PropCitedByCount, func() { out.CitedByCount = n.CitedByCount }},
	} {
		if props.Has(f.p) {
			f.copy()
		}
	}
	return out
}

// testLookupNoIDs: asking for no ids finds nothing and is no error.
func testLookupNoIDs(t *testing.T, s Store) {
	graph{nodes: nodes(res1412)}.write(t, s)
	for _, ids := range [][]string{nil, {}} {
		got, _, err := s.LookupNodes(t.Context(), ids, 0, nil)
		check(t, "LookupNodes", err)
		if len(got) != 0 {
			t.Errorf("LookupNodes(%q) = %v, want nothing", ids, idsOf(got))
		}
	}
}

// testLookupSymbolVariants: any printed variant of a symbol finds its node
// (hemigraph.SymbolKey).
func testLookupSymbolVariants(t *testing.T, s Store) {
	g := graph{nodes: nodes(res1412, res1409, declSantiago, doc3096)}
	g.write(t, s)
	tests := []struct {
		symbol string
		want   string
	}{
		{"AG/RES. 1412 (XXVI-O/96)", res1412},
		{"ag/res. 1412 (xxvi-o/96)", res1412},
		{"AG/RES.1412 (XXVI-O/96)", res1412},
		{"AG/RES 1412(XXVI-0/96)", res1412},
		{"  AG/RES. 1412 (XXVI- O/96) ", res1412},
		{"AG/RES. 1409 (XXVI-O/96)", res1409},
		{"COSEGRE/doc.18/95 rev. 3", declSantiago},
		{"cosegre/doc. 18/95 rev.3", declSantiago},
		{"OEA/Ser.P AG/doc.3096/94", doc3096},
		{"AG/doc. 3096/94", doc3096},
	}
	for _, tt := range tests {
		t.Run(tt.symbol, func(t *testing.T) {
			got, _, err := s.LookupSymbol(t.Context(), tt.symbol, 0, nil)
			check(t, "LookupSymbol", err)
			diff(t, "node", g.node(tt.want), got)
		})
	}
}

// testLookupSymbolNotFound: a symbol no node has, or a text that is no
// symbol, is hemigraph.ErrNotFound.
func testLookupSymbolNotFound(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, planSantiago)}.write(t, s)
	for _, symbol := range []string{
		"AG/RES. 1413 (XXVI-O/96)",
		"AG/RES. 1412 (XXVII-O/97)",
		"Plan of Action of the Second Summit of the Americas",
	} {
		_, _, err := s.LookupSymbol(t.Context(), symbol, 0, nil)
		wantErr(t, symbol, err, hemigraph.ErrNotFound)
	}
}

var expandTests = []test{
	{"PrefetchByRelQueryKey", testExpandByKey},
	{"KindsRestrictNodes", testExpandKinds},
	{"NextExpandsFarEnds", testExpandNext},
	{"FirstPerNode", testExpandFirst},
	{"LookupSymbol", testExpandLookupSymbol},
	{"FindNodes", testExpandFindNodes},
	{"Search", testExpandSearch},
	{"Lineage", testExpandLineage},
	{"MaxExpandRels", testExpandMax},
}

// expandGraph is the Santiago and San Salvador conferences with the
// resolution that convened the second and the declarations they produced.
func expandGraph() graph {
	return graph{
		nodes: nodes(res1412, res1494, declSantiago, declSanSalvador, confSantiago, confSanSalvador, ga, session26),
		edges: []hemigraph.Edge{
			cites(res1412, declSantiago, "RECALLING", "first preambular paragraph recalls Santiago declaration"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference in San Salvador"),
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			edge(res1412, hemigraph.RelAdoptedAt, session26, "adopted at the twenty-sixth regular session"),
			edge(confSantiago, hemigraph.RelProduced, declSantiago, "declaration under the conference heading"),
			edge(confSanSalvador, hemigraph.RelProduced, declSanSalvador, "declaration issued by conference participants"),
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "conference in follow-up to Santiago"),
			cites(declSanSalvador, declSantiago, "REAFFIRM", "reaffirms the 1995 Santiago declaration"),
			cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration of November 10, 1995"),
			cites(res1494, res1412, "RECALLING", "recalls resolution 1412"),
		},
	}
}

var (
	outCitesConvenes = query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites, hemigraph.RelConvenes}, Direction: query.Outgoing, First: 10}
	incoming         = query.RelQuery{Direction: query.Incoming, First: 10}
	both             = query.RelQuery{Direction: query.Both, First: 10}
	outProduced      = query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelProduced}, Direction: query.Outgoing, First: 10}
)

// prefetch returns what an expansion of the relation lists qs reads ahead
// for ids.
func (g graph) prefetch(ids []string, qs ...query.RelQuery) query.Prefetch {
	pf := query.Prefetch{}
	for _, id := range ids {
		for _, q := range qs {
			pf.Put(id, q.Key(), g.relations(id, q))
		}
	}
	return pf
}

// testExpandByKey: the relations an expansion reads ahead are filed by
// node id and RelQuery.Key, each list as Relations would return it; a
// node without such relations has its empty list.
func testExpandByKey(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	e := &query.Expand{Rels: []query.RelExpand{{Query: outCitesConvenes}, {Query: incoming}}}
	ids := []string{res1412, confSanSalvador, declSantiago}
	got, pf, err := s.LookupNodes(t.Context(), ids, 0, e)
	check(t, "LookupNodes", err)
	diff(t, "ids", sorted(ids), sorted(idsOf(got)))
	diff(t, "prefetch", g.prefetch(ids, outCitesConvenes, incoming), pf)
	if rels, ok := pf.Get(confSanSalvador, outCitesConvenes, query.Prefetched{}); !ok || len(rels) != 0 {
		t.Errorf("Get(%s, outgoing CITES|CONVENES) = %d relations, %v; want an empty list read ahead", confSanSalvador, len(rels), ok)
	}
}

// testExpandKinds: a relation list restricted to kinds is read for the
// nodes of those kinds only.
func testExpandKinds(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	e := &query.Expand{Rels: []query.RelExpand{
		{Query: outProduced, Kinds: []hemigraph.Kind{hemigraph.KindConference}},
		{Query: incoming, Kinds: []hemigraph.Kind{hemigraph.KindResolution, hemigraph.KindDeclaration}},
	}}
	ids := []string{res1412, confSanSalvador, declSantiago}
	_, pf, err := s.LookupNodes(t.Context(), ids, 0, e)
	check(t, "LookupNodes", err)
	want := g.prefetch([]string{confSanSalvador}, outProduced)
	want.Merge(g.prefetch([]string{res1412, declSantiago}, incoming))
	diff(t, "prefetch", want, pf)
	for _, c := range []struct {
		id string
		q  query.RelQuery
	}{{res1412, outProduced}, {declSantiago, outProduced}, {confSanSalvador, incoming}} {
		if _, ok := pf.Get(c.id, c.q, query.Prefetched{}); ok {
			t.Errorf("Get(%s, %s) was read ahead for a node of another kind", c.id, c.q.Key())
		}
	}
}

// testExpandNext: Next reads ahead the relations of the far ends of a
// list, nested as deep as asked.
func testExpandNext(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	followsUp := query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelFollowsUp}, Direction: query.Outgoing, First: 10}
	convenes := query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelConvenes}, Direction: query.Outgoing, First: 10}
	e := &query.Expand{Rels: []query.RelExpand{{
		Query: convenes,
		Next: &query.Expand{Rels: []query.RelExpand{
			{Query: outProduced},
			{Query: followsUp, Next: &query.Expand{Rels: []query.RelExpand{{Query: outProduced}}}},
		}},
	}}}
	_, pf, err := s.LookupNodes(t.Context(), []string{res1412}, 0, e)
	check(t, "LookupNodes", err)
	want := g.prefetch([]string{res1412}, convenes)
	want.Merge(g.prefetch([]string{confSanSalvador}, outProduced, followsUp))
	want.Merge(g.prefetch([]string{confSantiago}, outProduced))
	diff(t, "prefetch", want, pf)
}

// testExpandFirst: First bounds each node's list, keeping its first
// relations in the contract's order.
func testExpandFirst(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	q := query.RelQuery{Direction: query.Both, First: 2}
	ids := []string{res1412, declSantiago, confSanSalvador}
	_, pf, err := s.LookupNodes(t.Context(), ids, 0, &query.Expand{Rels: []query.RelExpand{{Query: q}}})
	check(t, "LookupNodes", err)
	diff(t, "prefetch", g.prefetch(ids, q), pf)
	for _, id := range ids {
		if rels, _ := pf.Get(id, q, query.Prefetched{}); len(rels) != 2 {
			t.Errorf("%s: %d relations read ahead, want 2", id, len(rels))
		}
	}
}

// testExpandLookupSymbol: a lookup by symbol reads ahead around the node.
func testExpandLookupSymbol(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	n, pf, err := s.LookupSymbol(t.Context(), "ag/res. 1412 (xxvi-o/96)", 0, &query.Expand{Rels: []query.RelExpand{{Query: both}}})
	check(t, "LookupSymbol", err)
	diff(t, "node", g.node(res1412), n)
	diff(t, "prefetch", g.prefetch([]string{res1412}, both), pf)
}

// testExpandFindNodes: a page reads ahead around its own nodes only.
func testExpandFindNodes(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	page, err := s.FindNodes(t.Context(), query.FindQuery{
		Label: "Instrument", First: 2, Order: query.Order{Field: query.OrderID},
		Expand: &query.Expand{Rels: []query.RelExpand{{Query: both}}},
	})
	check(t, "FindNodes", err)
	ids := []string{res1412, res1494}
	diff(t, "page", ids, idsOf(page.Nodes))
	diff(t, "prefetch", g.prefetch(ids, both), page.Prefetch)
}

// testExpandSearch: a search reads ahead around the nodes it found.
func testExpandSearch(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	sp, err := s.Search(t.Context(), query.SearchQuery{Text: "AG/RES. 1412 (XXVI-O/96)", First: 1,
		Expand: &query.Expand{Rels: []query.RelExpand{{Query: incoming}}}})
	check(t, "Search", err)
	if len(sp.Hits) != 1 || sp.Hits[0].Node.ID != res1412 {
		t.Fatalf("hits = %v, want %s first", searchIDs(sp.Hits), res1412)
	}
	diff(t, "prefetch", g.prefetch([]string{res1412}, incoming), sp.Prefetch)
}

// testExpandLineage: a lineage reads ahead around its target and its
// entries.
func testExpandLineage(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	l, err := s.Lineage(t.Context(), query.LineageQuery{ID: confSanSalvador, MaxDepth: 2, Limit: 10,
		Expand: &query.Expand{Rels: []query.RelExpand{{Query: outProduced}}}})
	check(t, "Lineage", err)
	ids := []string{confSanSalvador}
	for _, e := range l.Entries {
		ids = append(ids, e.Node.ID)
	}
	// res1412 convenes the conference (1), which follows up Santiago (1);
	// 1412 cites the Santiago declaration (2).
	diff(t, "lineage", sorted([]string{confSanSalvador, res1412, confSantiago, declSantiago}), sorted(ids))
	diff(t, "prefetch", g.prefetch(ids, outProduced), l.Prefetch)
}

// testExpandMax: an expansion reading more than query.MaxExpandRels
// relation lists, nested ones included, is hemigraph.ErrInvalid for every
// read that takes one; MaxExpandRels lists are read.
func testExpandMax(t *testing.T, s Store) {
	g := expandGraph()
	g.write(t, s)
	flat := func(n int) *query.Expand {
		e := &query.Expand{}
		for i := range n {
			e.Rels = append(e.Rels, query.RelExpand{Query: query.RelQuery{Direction: query.Both, First: i + 1}})
		}
		return e
	}
	nested := &query.Expand{Rels: []query.RelExpand{{Query: both, Next: flat(query.MaxExpandRels)}}}
	ctx := t.Context()
	for name, e := range map[string]*query.Expand{"flat": flat(query.MaxExpandRels + 1), "nested": nested} {
		t.Run(name, func(t *testing.T) {
			_, _, err := s.LookupNodes(ctx, []string{res1412}, 0, e)
			wantErr(t, "LookupNodes", err, hemigraph.ErrInvalid)
			_, _, err = s.LookupSymbol(ctx, "AG/RES. 1412 (XXVI-O/96)", 0, e)
			wantErr(t, "LookupSymbol", err, hemigraph.ErrInvalid)
			_, err = s.FindNodes(ctx, query.FindQuery{Label: "Entity", First: 10, Expand: e})
			wantErr(t, "FindNodes", err, hemigraph.ErrInvalid)
			_, err = s.Search(ctx, query.SearchQuery{Text: "Santiago", First: 10, Expand: e})
			wantErr(t, "Search", err, hemigraph.ErrInvalid)
			_, err = s.Lineage(ctx, query.LineageQuery{ID: confSanSalvador, MaxDepth: 2, Limit: 10, Expand: e})
			wantErr(t, "Lineage", err, hemigraph.ErrInvalid)
		})
	}
	t.Run("at the bound", func(t *testing.T) {
		e := flat(query.MaxExpandRels)
		_, pf, err := s.LookupNodes(ctx, []string{res1412}, 0, e)
		check(t, "LookupNodes", err)
		for _, r := range []query.RelExpand{e.Rels[0], e.Rels[len(e.Rels)-1]} {
			rels, ok := pf.Get(res1412, r.Query, query.Prefetched{})
			if !ok {
				t.Fatalf("list %s was not read ahead", r.Query.Key())
			}
			diff(t, r.Query.Key(), g.relations(res1412, r.Query), rels)
		}
	})
}
