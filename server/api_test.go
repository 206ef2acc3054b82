package server_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/server"
)

// The tests of this file cover the analyst and front-end API (issue 4):
// Relay nodes, filtered and sorted keyset lists, full-text search,
// neighbourhoods, paths, timelines and facets. Answers are checked against
// the corpus file itself wherever the expected answer can be computed.

// TestNodes reads every node of the corpus through nodes(ids), 100 at a
// time: each comes back as the GraphQL type of its kind, unknown ids as
// null, in the order asked.
func TestNodes(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		typeOf := map[hemigraph.Kind]string{
			hemigraph.KindResolution: "Instrument", hemigraph.KindDeclaration: "Instrument",
			hemigraph.KindConvention: "Instrument", hemigraph.KindReport: "Instrument",
			hemigraph.KindPlanOfAction: "Instrument", hemigraph.KindConference: "Conference",
			hemigraph.KindSession: "Session", hemigraph.KindBody: "Body",
		}
		for chunk := range slices.Chunk(c.nodes, 99) {
			ids := []string{"no-such-node"}
			want := []*nodeRef{nil}
			for _, n := range chunk {
				ids = append(ids, n.ID)
				want = append(want, &nodeRef{Typename: typeOf[n.Kind], ID: n.ID})
			}
			var got struct{ Nodes []*nodeRef }
			f.data(t, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, map[string]any{"ids": ids}, &got)
			if diff := gocmp.Diff(want, got.Nodes); diff != "" {
				t.Fatalf("nodes (-want +got):\n%s", diff)
			}
		}
		t.Run("more than 100 ids", func(t *testing.T) {
			ids := make([]string, 101)
			for i := range ids {
				ids[i] = res1412
			}
			resp := f.query(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
			if diff := gocmp.Diff([]string{server.CodePageSize}, resp.codes()); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	})
}

type nodeRef struct {
	Typename string `json:"__typename"`
	ID       string `json:"id"`
}

// symbolPrefix normalizes a symbol or its start as the symbolPrefix filter
// compares them.
func symbolPrefix(s string) string { return query.SymbolPrefixKey(s) }

// TestListFilters walks filtered lists and compares the ids with those the
// corpus file says match.
func TestListFilters(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		isInstrument := func(n hemigraph.Node) bool { return n.Kind.IsInstrument() }
		tests := []struct {
			name   string
			list   string
			filter string
			want   func(hemigraph.Node) bool
		}{
			{"kinds", "instruments", `{kinds: [DECLARATION]}`, func(n hemigraph.Node) bool { return n.Kind == hemigraph.KindDeclaration }},
			{"symbol prefix", "instruments", `{symbolPrefix: "AG/RES."}`, func(n hemigraph.Node) bool {
				return n.Symbol != "" && strings.HasPrefix(symbolPrefix(hemigraph.SymbolKey(n.Symbol)), "AG/RES")
			}},
			{"symbol prefix variant", "instruments", `{symbolPrefix: "ag/res 14"}`, func(n hemigraph.Node) bool {
				return n.Symbol != "" && strings.HasPrefix(symbolPrefix(hemigraph.SymbolKey(n.Symbol)), "AG/RES14")
			}},
			{"symbol prefix of a whole symbol", "instruments", `{symbolPrefix: "ag/res 1412 (xxvi-0/96)"}`, func(n hemigraph.Node) bool { return n.ID == res1412 }},
			{"place", "conferences", `{place: "san salvador"}`, func(n hemigraph.Node) bool {
				return n.Kind == hemigraph.KindConference && strings.Contains(strings.ToLower(n.Place), "san salvador")
			}},
			{"date range", "instruments", `{date: {from: "1995-11", to: "1996"}}`, func(n hemigraph.Node) bool {
				d := dateStart(n)
				return isInstrument(n) && d >= "1995-11-01" && d <= "1996-12-31"
			}},
			{"years", "conferences", `{years: {from: 1996, to: 1997}}`, func(n hemigraph.Node) bool {
				return n.Kind == hemigraph.KindConference && year(n) >= 1996 && year(n) <= 1997
			}},
			{"adopted by", "instruments", `{adoptedBy: ["oas-permanent-council"]}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && c.has(n.ID, hemigraph.RelAdoptedBy, "oas-permanent-council")
			}},
			{"adopted at", "instruments", `{adoptedAt: ["ga-26th-regular-session-1996"]}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && c.has(n.ID, hemigraph.RelAdoptedAt, "ga-26th-regular-session-1996")
			}},
			{"cites a given instrument", "instruments", `{related: [{type: CITES, ids: ["` + santiagoDecl + `"]}]}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && c.has(n.ID, hemigraph.RelCites, santiagoDecl)
			}},
			{"cited by anything", "instruments", `{related: [{type: CITES, direction: IN}]}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && c.hasAny(n.ID, hemigraph.RelCites, false)
			}},
			{"OR", "instruments", `{OR: [{kinds: [CONVENTION]}, {years: {from: 2005}}]}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && (n.Kind == hemigraph.KindConvention || year(n) >= 2005)
			}},
			{"NOT", "instruments", `{NOT: {kinds: [RESOLUTION, REPORT]}}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && n.Kind != hemigraph.KindResolution && n.Kind != hemigraph.KindReport
			}},
			{"NOT of a date keeps undated nodes", "instruments", `{title: "terrorism", NOT: {years: {to: 2001}}}`, func(n hemigraph.Node) bool {
				return isInstrument(n) && titleOrAlias(n, "terrorism") && !(year(n) != 0 && year(n) <= 2001)
			}},
			{"AND", "bodies", `{AND: [{title: "committee"}, {NOT: {title: "security"}}]}`, func(n hemigraph.Node) bool {
				return n.Kind == hemigraph.KindBody && titleOrAlias(n, "committee") && !titleOrAlias(n, "security")
			}},
			{"unresolved", "instruments", `{unresolved: false}`, isInstrument},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, total := walk(t, f, tc.list, ", filter: "+tc.filter, 100)
				want := c.ids(tc.want)
				if len(want) == 0 {
					t.Fatal("the oracle selects nothing: a useless case")
				}
				if diff := gocmp.Diff(want, got); diff != "" {
					t.Errorf("ids (-want +got):\n%s", diff)
				}
				if total != len(want) {
					t.Errorf("totalCount = %d, want %d", total, len(want))
				}
			})
		}
	})
}

// TestListOrders pages through the instruments in every order, seven at a
// time, and compares the sequence with the corpus sorted by the same key:
// no gaps, no repeats, ties broken by id, missing keys last.
func TestListOrders(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		citedBy := c.citedBy()
		var instruments []hemigraph.Node
		for _, n := range c.nodes {
			if n.Kind.IsInstrument() {
				instruments = append(instruments, n)
			}
		}
		keyed := func(key func(hemigraph.Node) string) func(a, b hemigraph.Node, desc bool) int {
			return func(a, b hemigraph.Node, desc bool) int {
				ka, kb := key(a), key(b)
				switch { // missing keys last, whichever the direction
				case ka == "" && kb != "":
					return 1
				case kb == "" && ka != "":
					return -1
				}
				r := cmp.Or(cmp.Compare(ka, kb), cmp.Compare(a.ID, b.ID))
				if desc {
					r = -r
				}
				return r
			}
		}
		orders := map[string]func(a, b hemigraph.Node, desc bool) int{
			"ID":   keyed(func(n hemigraph.Node) string { return n.ID }),
			"DATE": keyed(dateStart),
			"SYMBOL": keyed(func(n hemigraph.Node) string {
				if n.Symbol == "" {
					return ""
				}
				return hemigraph.SymbolKey(n.Symbol)
			}),
			"TITLE": keyed(func(n hemigraph.Node) string { return strings.ToLower(n.Title) }),
			"CITED_BY": func(a, b hemigraph.Node, desc bool) int {
				r := cmp.Or(cmp.Compare(citedBy[a.ID], citedBy[b.ID]), cmp.Compare(a.ID, b.ID))
				if desc {
					r = -r
				}
				return r
			},
		}
		for _, field := range []string{"ID", "DATE", "SYMBOL", "TITLE", "CITED_BY"} {
			for _, dir := range []string{"ASC", "DESC"} {
				t.Run(field+" "+dir, func(t *testing.T) {
					want := slices.Clone(instruments)
					slices.SortFunc(want, func(a, b hemigraph.Node) int { return orders[field](a, b, dir == "DESC") })
					wantIDs := make([]string, len(want))
					for i, n := range want {
						wantIDs[i] = n.ID
					}
					got, _ := walk(t, f, "instruments", fmt.Sprintf(", orderBy: {field: %s, direction: %s}", field, dir), 7)
					if diff := gocmp.Diff(wantIDs, got); diff != "" {
						t.Errorf("order (-want +got):\n%s", diff)
					}
				})
			}
		}
	})
}

// TestCursors: a cursor belongs to the order it was made in.
func TestCursors(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		var got struct {
			Instruments struct{ PageInfo struct{ EndCursor string } }
		}
		f.data(t, `{ instruments(first: 3, orderBy: {field: DATE}) { pageInfo { endCursor } } }`, nil, &got)
		tests := []struct {
			name, args, code string
		}{
			{"same order", `orderBy: {field: DATE}`, ""},
			{"another field", `orderBy: {field: TITLE}`, server.CodeBadUserInput},
			{"another direction", `orderBy: {field: DATE, direction: DESC}`, server.CodeBadUserInput},
			{"the default order", ``, server.CodeBadUserInput},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				resp := f.query(t, `query($after: String) { instruments(first: 3, after: $after, `+tc.args+`) { edges { node { id } } } }`,
					map[string]any{"after": got.Instruments.PageInfo.EndCursor})
				var want []string
				if tc.code != "" {
					want = []string{tc.code}
				}
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
			})
		}
	})
}

// TestTotalCountOnlyWhenSelected: the list statement counts only when the
// query selects totalCount.
func TestTotalCountOnlyWhenSelected(t *testing.T) {
	f := newFixture(t, server.Config{})
	tests := []struct {
		query string
		count bool
	}{
		{`{ instruments(first: 2) { edges { node { id } } } }`, false},
		{`{ instruments(first: 2) { totalCount } }`, true},
		{`{ instruments(first: 2) { ... on InstrumentConnection { totalCount } } }`, true},
		{`{ search(text: "security", first: 2) { edges { node { id } } } }`, false},
		{`{ search(text: "security", first: 2) { totalCount } }`, true},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			f.stmts.reset()
			if resp := f.query(t, tc.query, nil); len(resp.Errors) > 0 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			stmts := f.stmts.list()
			if len(stmts) != 1 {
				t.Fatalf("%d statements, want 1", len(stmts))
			}
			counts := strings.Contains(stmts[0], "count(n) AS total") || strings.Contains(stmts[0], "size(hits) AS total")
			if counts != tc.count {
				t.Errorf("statement counts: %v, want %v:\n%s", counts, tc.count, stmts[0])
			}
		})
	}
}

type searchEdge struct {
	Cursor string
	Score  float64
	Field  string
	Text   string
	Node   struct{ ID, Kind string }
}

type searchPage struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage bool
		EndCursor   *string
	}
	Edges []searchEdge
}

func (f *fixture) search(t *testing.T, args string, vars map[string]any) searchPage {
	t.Helper()
	var got struct{ Search searchPage }
	f.data(t, `query($after: String) { search(`+args+`, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { cursor score field text node { id kind } } } }`, vars, &got)
	return got.Search
}

// TestSearch checks full-text search: symbols in any printed variant,
// analyzers per language, kinds, and escaping of Lucene's syntax.
func TestSearch(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		t.Run("symbol variants find their instrument first", func(t *testing.T) {
			for _, s := range []string{"AG/RES. 1412 (XXVI-O/96)", "ag/res 1412 (xxvi-0/96)", "AG/RES.1412(XXVI-O/96)"} {
				p := f.search(t, `text: "`+s+`", first: 1`, nil)
				if len(p.Edges) != 1 || p.Edges[0].Node.ID != res1412 || p.Edges[0].Field != "SYMBOL" || p.Edges[0].Score != query.SymbolScore {
					t.Errorf("search %q: %+v, want %s matched on its symbol", s, p.Edges, res1412)
				}
			}
		})
		t.Run("english stems", func(t *testing.T) {
			p := f.search(t, `text: "confidence building measure", languages: [ENGLISH], first: 10`, nil)
			found := false
			for _, e := range p.Edges {
				if strings.Contains(e.Text, "Measures") {
					found = true
				}
			}
			if !found {
				t.Errorf("searching for 'measure' found no title with 'Measures': %+v", p.Edges)
			}
		})
		t.Run("spanish aliases", func(t *testing.T) {
			p := f.search(t, `text: "medida fomento confianza", languages: [SPANISH], first: 20`, nil)
			var ids []string
			for _, e := range p.Edges {
				ids = append(ids, e.Node.ID)
				if e.Field != "ALIAS" && e.Field != "TITLE" {
					t.Errorf("%s matched on %s", e.Node.ID, e.Field)
				}
			}
			if !slices.Contains(ids, "declaration-of-san-salvador-csbm-1998") {
				t.Errorf("the Spanish alias of the San Salvador declaration was not found: %v", ids)
			}
		})
		t.Run("kinds", func(t *testing.T) {
			p := f.search(t, `text: "security", kinds: [CONFERENCE], first: 50`, nil)
			if len(p.Edges) == 0 {
				t.Fatal("nothing found")
			}
			for _, e := range p.Edges {
				if e.Node.Kind != "CONFERENCE" {
					t.Errorf("%s is a %s", e.Node.ID, e.Node.Kind)
				}
			}
		})
		t.Run("query syntax is searched for, not run", func(t *testing.T) {
			for _, s := range []string{`title:(* OR "`, `AND OR NOT`, `\`, `security~2 ^3 [a TO z]`} {
				resp := f.query(t, `query($s: String!) { search(text: $s) { totalCount } }`, map[string]any{"s": s})
				if len(resp.Errors) > 0 {
					t.Errorf("search %q: %+v", s, resp.Errors)
				}
			}
		})
		t.Run("empty text", func(t *testing.T) {
			resp := f.query(t, `{ search(text: "  ") { totalCount } }`, nil)
			if diff := gocmp.Diff([]string{server.CodeBadUserInput}, resp.codes()); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
		t.Run("pages", func(t *testing.T) {
			var all []searchEdge
			var after any
			total := -1
			for range 100 {
				p := f.search(t, `text: "security hemispheric", first: 4`, map[string]any{"after": after})
				if total < 0 {
					total = p.TotalCount
				}
				all = append(all, p.Edges...)
				if !p.PageInfo.HasNextPage {
					break
				}
				after = *p.PageInfo.EndCursor
			}
			seen := map[string]bool{}
			for i, e := range all {
				if seen[e.Node.ID] {
					t.Errorf("%s repeated", e.Node.ID)
				}
				seen[e.Node.ID] = true
				if i > 0 && (e.Score > all[i-1].Score || e.Score == all[i-1].Score && e.Node.ID < all[i-1].Node.ID) {
					t.Errorf("hit %d (%s, %v) out of order after (%s, %v)", i, e.Node.ID, e.Score, all[i-1].Node.ID, all[i-1].Score)
				}
			}
			if len(all) != total || total < 10 {
				t.Errorf("walked %d hits, totalCount %d", len(all), total)
			}
		})
	})
}

// TestSearchClauses finds a relation by the text of the clause that states
// it, analyzed in Spanish.
func TestSearchClauses(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		edge := hemigraph.Edge{From: res1412, To: "oas-charter", Type: hemigraph.RelCites, Verb: "REAFIRMANDO",
			Provenance: hemigraph.Provenance{Source: "test", Document: res1412, Clause: &hemigraph.ClauseRef{
				Index: 1, Kind: "preambular", Text: "REAFIRMANDO los principios consagrados en la Carta de la Organización",
				Start: 46, End: 71,
			}}}
		if _, err := f.store.WriteEdges(context.Background(), []hemigraph.Edge{edge}); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Search struct {
				Edges []struct {
					Field    string
					Text     string
					Node     struct{ ID string }
					Relation struct {
						Type   string
						To     struct{ ID string }
						Clause struct{ Text string }
					}
				}
			}
		}
		// "consagrados" is stemmed: the singular finds it.
		f.data(t, `{ search(text: "consagrado", languages: [SPANISH]) {
		edges { field text node { id } relation { type to { id } clause { text } } } } }`, nil, &got)
		if len(got.Search.Edges) != 1 {
			t.Fatalf("%d hits, want 1: %+v", len(got.Search.Edges), got.Search.Edges)
		}
		e := got.Search.Edges[0]
		if e.Field != "CLAUSE" || e.Node.ID != res1412 || e.Relation.Type != "CITES" || e.Relation.To.ID != "oas-charter" ||
			e.Relation.Clause.Text != edge.Clause.Text || e.Text != edge.Clause.Text {
			t.Errorf("hit %+v", e)
		}
	})
}

type graphNode struct {
	ID       string
	Kind     string
	Label    string
	Distance int
}

type graphEdge struct {
	ID, Type, From, To string
	Properties         struct{ Source string }
}

type subgraph struct {
	Nodes     []graphNode
	Edges     []graphEdge
	Truncated bool
}

// TestNeighbourhood checks the subgraph around AG/RES. 1412 against the
// corpus, its limits and its errors.
func TestNeighbourhood(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		const q = `query($id: ID!, $depth: Int, $types: [RelationType!], $limit: Int) {
		neighbourhood(id: $id, depth: $depth, relationTypes: $types, limit: $limit) {
			truncated nodes { id kind label distance } edges { id type from to properties { source } } } }`
		get := func(t *testing.T, vars map[string]any) subgraph {
			var got struct{ Neighbourhood subgraph }
			f.data(t, q, vars, &got)
			return got.Neighbourhood
		}
		t.Run("depth 1 is the node and its neighbours", func(t *testing.T) {
			g := get(t, map[string]any{"id": res1412, "limit": 500})
			want := map[string]bool{res1412: true}
			wantEdges := 0
			for _, e := range c.edges {
				if e.From == res1412 || e.To == res1412 {
					want[e.From], want[e.To] = true, true
				}
			}
			for _, e := range c.edges {
				if want[e.From] && want[e.To] {
					wantEdges++
				}
			}
			got := map[string]bool{}
			for i, n := range g.Nodes {
				got[n.ID] = true
				if wantDist := min(i, 1); n.Distance != wantDist {
					t.Errorf("%s at distance %d, want %d", n.ID, n.Distance, wantDist)
				}
			}
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if len(g.Edges) != wantEdges || g.Truncated {
				t.Errorf("%d edges (truncated %v), want %d among the nodes", len(g.Edges), g.Truncated, wantEdges)
			}
			for _, e := range g.Edges {
				if e.Properties.Source == "" {
					t.Errorf("edge %s has no source", e.ID)
				}
			}
			w := f.post(t, request{Query: q, Variables: map[string]any{"id": res1412, "limit": 500}})
			checkGolden(t, "neighbourhood-1412", w.Body.Bytes())
		})
		t.Run("limit truncates, edges stay among the nodes", func(t *testing.T) {
			g := get(t, map[string]any{"id": res1412, "depth": 2, "limit": 10})
			if !g.Truncated || len(g.Nodes) != 11 {
				t.Errorf("truncated %v with %d nodes, want true with 11", g.Truncated, len(g.Nodes))
			}
			in := map[string]bool{}
			for i, n := range g.Nodes {
				in[n.ID] = true
				if i > 0 && n.Distance < g.Nodes[i-1].Distance {
					t.Errorf("%s (distance %d) after a node at %d", n.ID, n.Distance, g.Nodes[i-1].Distance)
				}
			}
			for _, e := range g.Edges {
				if !in[e.From] || !in[e.To] {
					t.Errorf("edge %s %s->%s leaves the subgraph", e.ID, e.From, e.To)
				}
			}
		})
		t.Run("relation types", func(t *testing.T) {
			g := get(t, map[string]any{"id": res1412, "depth": 3, "types": []string{"CONVENES"}})
			var ids []string
			for _, n := range g.Nodes {
				ids = append(ids, n.ID)
			}
			if diff := gocmp.Diff([]string{res1412, sanSalvador}, ids); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if len(g.Edges) != 1 || g.Edges[0].Type != "CONVENES" {
				t.Errorf("edges %+v, want the one CONVENES", g.Edges)
			}
		})
		for _, tc := range []struct {
			name string
			vars map[string]any
			code string
		}{
			{"depth 4", map[string]any{"id": res1412, "depth": 4}, server.CodeBadUserInput},
			{"depth 0", map[string]any{"id": res1412, "depth": 0}, server.CodeBadUserInput},
			{"limit 0", map[string]any{"id": res1412, "limit": 0}, server.CodeBadUserInput},
			{"limit 501", map[string]any{"id": res1412, "limit": 501}, server.CodePageSize},
			{"unknown node", map[string]any{"id": "no-such-node"}, server.CodeNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp := f.query(t, q, tc.vars)
				if diff := gocmp.Diff([]string{tc.code}, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
			})
		}
	})
}

type path struct {
	Length    int
	Nodes     []struct{ ID string }
	Relations []struct {
		Type, Direction, Source string
		From, To                struct{ ID string }
	}
}

// TestPaths checks shortest paths: consistent chains from one node to the
// other, all of the shortest length, and the errors.
func TestPaths(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		const q = `query($from: ID!, $to: ID!, $depth: Int, $first: Int) {
		paths(from: $from, to: $to, maxDepth: $depth, first: $first) {
			length nodes { id } relations { type direction source from { id } to { id } } } }`
		get := func(t *testing.T, vars map[string]any) []path {
			var got struct{ Paths []path }
			f.data(t, q, vars, &got)
			return got.Paths
		}
		t.Run("direct", func(t *testing.T) {
			ps := get(t, map[string]any{"from": res1412, "to": santiagoConf, "depth": 1})
			if len(ps) != 1 || ps[0].Length != 1 || ps[0].Relations[0].Type != "CITES" || ps[0].Relations[0].Direction != "OUT" {
				t.Errorf("paths %+v, want the one CITES", ps)
			}
		})
		t.Run("three steps", func(t *testing.T) {
			ps := get(t, map[string]any{"from": res1412, "to": "oas-charter", "depth": 4, "first": 16})
			if len(ps) == 0 {
				t.Fatal("no path")
			}
			for _, p := range ps {
				if p.Length != 3 || len(p.Nodes) != 4 || len(p.Relations) != 3 {
					t.Errorf("path of length %d with %d nodes, %d relations, want the shortest, 3", p.Length, len(p.Nodes), len(p.Relations))
					continue
				}
				if p.Nodes[0].ID != res1412 || p.Nodes[3].ID != "oas-charter" {
					t.Errorf("path from %s to %s", p.Nodes[0].ID, p.Nodes[3].ID)
				}
				for i, r := range p.Relations {
					from, to := p.Nodes[i].ID, p.Nodes[i+1].ID
					if r.Direction == "IN" {
						from, to = to, from
					}
					if r.From.ID != from || r.To.ID != to || r.Source == "" {
						t.Errorf("step %d: %+v does not join %s and %s with its source", i, r, p.Nodes[i].ID, p.Nodes[i+1].ID)
					}
				}
			}
		})
		t.Run("too short a depth", func(t *testing.T) {
			if ps := get(t, map[string]any{"from": res1412, "to": "oas-charter", "depth": 2}); len(ps) != 0 {
				t.Errorf("%d paths of at most 2 relations, want none", len(ps))
			}
		})
		for _, tc := range []struct {
			name string
			vars map[string]any
			code string
		}{
			{"unknown from", map[string]any{"from": "no-such-node", "to": res1412}, server.CodeNotFound},
			{"unknown to", map[string]any{"from": res1412, "to": "no-such-node"}, server.CodeNotFound},
			{"same node", map[string]any{"from": res1412, "to": res1412}, server.CodeBadUserInput},
			{"depth 7", map[string]any{"from": res1412, "to": santiagoConf, "depth": 7}, server.CodeBadUserInput},
			{"first 17", map[string]any{"from": res1412, "to": santiagoConf, "first": 17}, server.CodePageSize},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp := f.query(t, q, tc.vars)
				if diff := gocmp.Diff([]string{tc.code}, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
			})
		}
	})
}

// TestTimeline checks the conferences of 1995 to 1998 against the corpus.
func TestTimeline(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		w := f.post(t, request{Query: `{ timeline(from: "1995", to: "1998", kinds: [CONFERENCE]) {
		truncated entries { date start year node { __typename id title } } } }`})
		checkGolden(t, "timeline-conferences-1995-1998", w.Body.Bytes())
		var got struct {
			Data struct {
				Timeline struct {
					Truncated bool
					Entries   []struct {
						Start string
						Node  struct{ ID string }
					}
				}
			}
		}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for i, e := range got.Data.Timeline.Entries {
			ids = append(ids, e.Node.ID)
			if i > 0 && e.Start < got.Data.Timeline.Entries[i-1].Start {
				t.Errorf("%s (%s) after %s", e.Node.ID, e.Start, got.Data.Timeline.Entries[i-1].Start)
			}
		}
		slices.Sort(ids)
		want := c.ids(func(n hemigraph.Node) bool {
			return n.Kind == hemigraph.KindConference && year(n) >= 1995 && year(n) <= 1998
		})
		if diff := gocmp.Diff(want, ids); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		resp := f.query(t, `{ timeline(from: "1995-13") { truncated } }`, nil)
		if diff := gocmp.Diff([]string{server.CodeBadUserInput}, resp.codes()); diff != "" {
			t.Errorf("bad date: codes (-want +got):\n%s", diff)
		}
	})
}

// TestFacets compares the counts of a filter with the corpus.
func TestFacets(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		var got struct {
			Facets struct {
				Total int
				Kinds []struct {
					Kind  string
					Count int
				}
				Years  []struct{ Year, Count int }
				Bodies []struct {
					Body  struct{ ID string }
					Count int
				}
			}
		}
		f.data(t, `{ facets(filter: {kinds: [RESOLUTION, DECLARATION]}) {
		total kinds { kind count } years { year count } bodies { body { id } count } } }`, nil, &got)
		keep := func(n hemigraph.Node) bool {
			return n.Kind == hemigraph.KindResolution || n.Kind == hemigraph.KindDeclaration
		}
		wantKinds, wantYears, wantBodies := map[string]int{}, map[int]int{}, map[string]int{}
		total := 0
		for _, n := range c.nodes {
			if !keep(n) {
				continue
			}
			total++
			wantKinds[strings.ToUpper(string(n.Kind))]++
			if y := year(n); y != 0 {
				wantYears[y]++
			}
			for _, b := range c.nodes {
				if b.Kind == hemigraph.KindBody && c.has(n.ID, hemigraph.RelAdoptedBy, b.ID) {
					wantBodies[b.ID]++
				}
			}
		}
		gotKinds, gotYears, gotBodies := map[string]int{}, map[int]int{}, map[string]int{}
		for _, k := range got.Facets.Kinds {
			gotKinds[k.Kind] = k.Count
		}
		for i, y := range got.Facets.Years {
			gotYears[y.Year] = y.Count
			if i > 0 && y.Year <= got.Facets.Years[i-1].Year {
				t.Errorf("years out of order at %d", y.Year)
			}
		}
		for _, b := range got.Facets.Bodies {
			gotBodies[b.Body.ID] = b.Count
		}
		if got.Facets.Total != total {
			t.Errorf("total = %d, want %d", got.Facets.Total, total)
		}
		for name, d := range map[string]string{
			"kinds":  gocmp.Diff(wantKinds, gotKinds),
			"years":  gocmp.Diff(wantYears, gotYears),
			"bodies": gocmp.Diff(wantBodies, gotBodies),
		} {
			if d != "" {
				t.Errorf("%s (-want +got):\n%s", name, d)
			}
		}
	})
}
