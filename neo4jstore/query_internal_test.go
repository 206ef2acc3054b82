package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// TestFilterCypher builds filters: values go into parameters, never into
// the statement, and the statement names them $p0, $p1, ...
func TestFilterCypher(t *testing.T) {
	three := 1996
	tests := []struct {
		name   string
		filter query.Filter
		want   string
		params map[string]any
	}{
		{"empty", query.Filter{}, "true", map[string]any{}},
		{"kinds and title", query.Filter{Kinds: []hemigraph.Kind{hemigraph.KindDeclaration}, Title: "  Santiago' OR 1=1 "},
			"(n.kind IN $p0 AND (toLower(n.title) CONTAINS $p1 OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $p1)))",
			map[string]any{"p0": []string{"Declaration"}, "p1": "santiago' or 1=1"}},
		{"symbol prefix and years", query.Filter{SymbolPrefix: "ag/res 14", YearFrom: &three},
			"(replace(replace(toUpper(coalesce(n.symbolKey, '')), ' ', ''), '.', '') STARTS WITH $p0 AND coalesce(n.year >= $p1, false))",
			map[string]any{"p0": "AG/RES14", "p1": int64(1996)}},
		{"related, OR and NOT", query.Filter{
			Related: []query.Related{{Type: hemigraph.RelCites, Direction: query.Incoming, IDs: []string{"x"}}},
			Or:      []query.Filter{{Place: "Lima"}, {AdoptedBy: []string{"b"}}},
			Not:     &query.Filter{Unresolved: new(bool)},
		},
			"(EXISTS { MATCH (n)<-[r_1]-(m_2) WHERE type(r_1) = $p0 AND m_2.id IN $p1 } AND " +
				"((coalesce(toLower(n.place) CONTAINS $p2, false)) OR (EXISTS { (n)-[:ADOPTED_BY]->(b_3:Entity) WHERE b_3.id IN $p3 })) AND " +
				"NOT (coalesce(n.unresolved, false) = $p4))",
			map[string]any{"p0": "CITES", "p1": []string{"x"}, "p2": "lima", "p3": []string{"b"}, "p4": false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newParams()
			got, err := filterCypher(&tc.filter, "n", p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("cypher (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.params, p.m); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFilterLimits refuses filters too deep, too large or naming unknown
// kinds and types.
func TestFilterLimits(t *testing.T) {
	deep := query.Filter{}
	for range query.MaxFilterDepth + 1 {
		deep = query.Filter{Not: &deep}
	}
	var wide query.Filter
	for range query.MaxFilterConditions + 1 {
		wide.And = append(wide.And, query.Filter{Title: "x"})
	}
	tests := []struct {
		name   string
		filter query.Filter
	}{
		{"too deep", deep},
		{"too many conditions", wide},
		{"too many ids", query.Filter{AdoptedBy: make([]string, query.MaxFilterIDs+1)}},
		{"unknown kind", query.Filter{Kinds: []hemigraph.Kind{"Treaty"}}},
		{"unknown type", query.Filter{Related: []query.Related{{Type: "LIKES"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := filterCypher(&tc.filter, "n", newParams()); !errors.Is(err, hemigraph.ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

// TestLuceneTerms escapes Lucene's syntax, so that a search text is only
// ever searched for.
func TestLuceneTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Confidence-building  MEASURES", []string{`confidence\-building`, "measures"}},
		{`title:(* OR "x") AND NOT y~2`, []string{`title\:\(\*`, "or", `\"x\"\)`, "and", "not", `y\~2`}},
		{`AG/RES. 1412 [a TO b] ^3 \ ! &&`, []string{`ag\/res.`, "1412", `\[a`, "to", `b\]`, `\^3`, `\\`, `\!`, `\&\&`}},
		{"   ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, luceneTerms(tc.text)); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTxTimeout: a read's transaction timeout is the store's, or the time
// left before the context's deadline when that is shorter.
func TestTxTimeout(t *testing.T) {
	s := &Store{txTimeout: time.Minute}
	soon, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	late, cancel2 := context.WithTimeout(context.Background(), time.Hour)
	defer cancel2()
	past, cancel3 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel3()
	tests := []struct {
		name     string
		ctx      context.Context
		min, max time.Duration
		err      error
	}{
		{"no deadline", context.Background(), time.Minute, time.Minute, nil},
		{"a later deadline", late, time.Minute, time.Minute, nil},
		{"a sooner deadline", soon, time.Millisecond, 2 * time.Second, nil},
		{"a passed deadline", past, 0, 0, context.DeadlineExceeded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := s.TxTimeout(tc.ctx)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if d < tc.min || d > tc.max {
				t.Errorf("timeout %v, want within %v..%v", d, tc.min, tc.max)
			}
		})
	}
}

// TestExpandCypher: an expansion reads each relation list with its own
// variables and parameters, ordered as Relations orders them; the types
// asked for are written into the pattern when they are of the closed set,
// and otherwise given as a parameter.
func TestExpandCypher(t *testing.T) {
	e := &query.Expand{}
	e.Add(query.RelExpand{Query: query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 10},
		Kinds: []hemigraph.Kind{hemigraph.KindResolution},
		Next:  &query.Expand{Rels: []query.RelExpand{{Query: query.RelQuery{Direction: query.Both, First: 3}}}}})
	// The same query again merges: kinds united, far ends merged.
	e.Add(query.RelExpand{Query: query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 10},
		Kinds: []hemigraph.Kind{hemigraph.KindReport}})
	if len(e.Rels) != 1 || len(e.Rels[0].Kinds) != 2 || len(e.Rels[0].Next.Rels) != 1 {
		t.Fatalf("merged expansion %+v", e)
	}
	e.Add(query.RelExpand{Query: query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites, hemigraph.RelFollowsUp}, Direction: query.Incoming, First: 5}})
	e.Add(query.RelExpand{Query: query.RelQuery{Types: []hemigraph.RelType{"NOT_A_TYPE"}, Direction: query.Incoming, First: 5}})
	p := newParams()
	got := expandCypher(e, "n", p)
	for _, want := range []string{
		// One known type: in the pattern, and not sorted on.
		"e0: COLLECT { MATCH (n)-[xr_1:CITES]->(xn_2) WHERE true AND n.kind IN $p0 WITH xr_1, xn_2, true AS xo_3",
		"ORDER BY xn_2.id, xr_1.key, xo_3 DESC LIMIT $p1",
		// Any type: sorted on it.
		"CALL (xn_2) { MATCH (xn_2)-[xr_4]->(xn_5) WHERE true RETURN xr_4, xn_5, true AS xo_6 UNION ALL MATCH (xn_2)<-[xr_4]-(xn_5) WHERE true RETURN xr_4, xn_5, false AS xo_6 }",
		"ORDER BY type(xr_4), xn_5.id, xr_4.key, xo_6 DESC LIMIT $p2",
		// Two known types: an alternation, sorted on the type.
		"e1: COLLECT { MATCH (n)<-[xr_7:CITES|FOLLOWS_UP]-(xn_8) WHERE true WITH xr_7, xn_8, false AS xo_9 ORDER BY type(xr_7), xn_8.id",
		// A type outside the closed set: a parameter.
		"e2: COLLECT { MATCH (n)<-[xr_10]-(xn_11) WHERE true AND type(xr_10) IN $p4 WITH",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("expansion lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Resolution") || strings.Contains(got, "NOT_A_TYPE") {
		t.Errorf("values written into the statement:\n%s", got)
	}
}

// TestSchemaName: every schema statement names what it creates or drops,
// so that EnsureSchema can tell whether it is needed.
func TestSchemaName(t *testing.T) {
	seen := map[string]bool{}
	for _, q := range slices.Concat(retiredStatements, schemaStatements, fulltextStatements) {
		name, drop := schemaName(q)
		if name == "" || strings.ContainsAny(name, " ()") || drop != strings.HasPrefix(q, "DROP ") {
			t.Errorf("schemaName(%q) = %q, %v", q, name, drop)
		}
		if seen[name] {
			t.Errorf("two statements name %q", name)
		}
		seen[name] = true
	}
	if name, drop := schemaName("CREATE FULLTEXT INDEX entity_text_french IF NOT EXISTS FOR (n:Entity) ON EACH [n.title]"); name != "entity_text_french" || drop {
		t.Errorf("full-text index: %q %v", name, drop)
	}
}

// TestProjections builds the projections of the properties a query
// prints: every property for the zero value and for all of them; the id
// and kind of a node and the key of a relation always.
func TestProjections(t *testing.T) {
	const allRel = "properties(r)"
	nodes := []struct {
		p    query.NodeProps
		want string
	}{
		{0, nodeFields},
		{query.AllNodeProps, nodeFields},
		{query.PropID, "{.id, .kind}"},
		{query.PropID | query.PropTitle | query.PropCitedByCount, "{.id, .kind, .title, .citedByCount}"},
		{query.PropSymbol | query.PropDate, "{.id, .kind, .symbol, .date}"},
	}
	for _, tc := range nodes {
		if got := nodeProjection(tc.p); got != tc.want {
			t.Errorf("nodeProjection(%b) = %s, want %s", tc.p, got, tc.want)
		}
	}
	rels := []struct {
		p    query.RelProps
		want string
	}{
		{0, allRel},
		{query.AllRelProps, allRel},
		{query.PropKey, "[r.key]"},
		{query.PropKey | query.PropVerb | query.PropRelSource, "[r.key, r.verb, r.source]"},
		{query.PropClause, "[r.key, r.clauseIndex, r.clauseKind, r.clauseNumber, r.clauseText, r.spanStart, r.spanEnd]"},
		{query.AllRelProps &^ query.PropDocument, "[r.key, r.verb, r.through, r.source, r.evidence, " +
			"r.clauseIndex, r.clauseKind, r.clauseNumber, r.clauseText, r.spanStart, r.spanEnd]"},
	}
	for _, tc := range rels {
		if got := relPropList("r", tc.p); got != tc.want {
			t.Errorf("relPropList(r, %b) = %s, want %s", tc.p, got, tc.want)
		}
	}
	// Every property of nodeFields has its bit: all of them one by one
	// project nodeFields.
	var all []string
	for _, f := range nodeListProps {
		all = append(all, "."+f.name)
	}
	if got := "{.id, .kind, " + strings.Join(all, ", ") + "}"; got != nodeFields {
		t.Errorf("the properties projected one by one make %s, not %s", got, nodeFields)
	}
}

// TestNodeList: a node read back from nodeList (a list, the map for every
// property) holds the properties asked for and only those, for each
// property alone and for all of them, as from its map (nodeFromMap); a
// list cut short or not a list reads as far as it goes.
func TestNodeList(t *testing.T) {
	full := hemigraph.Node{ID: "ag-res-1412-xxvi-o-96", Kind: hemigraph.KindResolution, Title: "Confidence-building measures",
		Symbol: "AG/RES. 1412 (XXVI-O/96)", Aliases: []string{"Res. 1412"}, Date: "1996-06-07", Place: "Panama City",
		Source: "https://www.oas.org/", Unresolved: true, CitedByCount: 3}
	// copyProp copies each property of nodeListProps from full.
	copyProp := map[query.NodeProps]func(to, from *hemigraph.Node){
		query.PropTitle:        func(to, from *hemigraph.Node) { to.Title = from.Title },
		query.PropSymbol:       func(to, from *hemigraph.Node) { to.Symbol = from.Symbol },
		query.PropAliases:      func(to, from *hemigraph.Node) { to.Aliases = from.Aliases },
		query.PropDate:         func(to, from *hemigraph.Node) { to.Date = from.Date },
		query.PropPlace:        func(to, from *hemigraph.Node) { to.Place = from.Place },
		query.PropSource:       func(to, from *hemigraph.Node) { to.Source = from.Source },
		query.PropUnresolved:   func(to, from *hemigraph.Node) { to.Unresolved = from.Unresolved },
		query.PropCitedByCount: func(to, from *hemigraph.Node) { to.CitedByCount = from.CitedByCount },
	}
	if len(copyProp) != len(nodeListProps) {
		t.Fatalf("the test copies %d properties, nodeListProps has %d", len(copyProp), len(nodeListProps))
	}
	// values are what Neo4j answers for each property of full, by name.
	values := map[string]any{"title": full.Title, "symbol": full.Symbol, "aliases": []any{"Res. 1412"}, "date": full.Date,
		"place": full.Place, "source": full.Source, "unresolved": true, "citedByCount": int64(3)}
	// read is what Neo4j answers for nodeList(p): the map of every
	// property, else the list.
	read := func(p query.NodeProps) any {
		if p.Has(query.AllNodeProps) {
			m := map[string]any{"id": full.ID, "kind": string(full.Kind)}
			for k, v := range values {
				m[k] = v
			}
			return m
		}
		out := []any{full.ID, string(full.Kind)}
		for _, f := range nodeListProps {
			if p.Has(f.p) {
				out = append(out, values[f.name])
			}
		}
		return out
	}
	cases := []query.NodeProps{query.PropID, query.AllNodeProps, 0}
	for _, f := range nodeListProps {
		cases = append(cases, query.PropID|f.p)
	}
	for _, p := range cases {
		got := nodeFromList(p, read(p))
		want := hemigraph.Node{ID: full.ID, Kind: full.Kind}
		for _, f := range nodeListProps {
			if p.Has(f.p) {
				copyProp[f.p](&want, &full)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("nodeFromList(%b) = %+v, want %+v", p, got, want)
		}
		if p.Has(query.AllNodeProps) && !reflect.DeepEqual(got, full) {
			t.Errorf("nodeFromList(all) = %+v, want %+v", got, full)
		}
		expr := nodeList("b", p)
		if l, ok := read(p).([]any); ok && strings.Count(expr, "b.") != len(l) {
			t.Errorf("nodeList(b, %b) = %s: %d properties, the list read has %d", p, expr, strings.Count(expr, "b."), len(l))
		}
		if p.Has(query.AllNodeProps) && expr != "b"+nodeFields {
			t.Errorf("nodeList(b, all) = %s, want the map b%s", expr, nodeFields)
		}
	}
	m := map[string]any{"id": full.ID, "kind": string(full.Kind)}
	for k, v := range values {
		m[k] = v
	}
	if got := nodeFromMap(m); !reflect.DeepEqual(got, full) {
		t.Errorf("nodeFromMap = %+v, want %+v", got, full)
	}
	if got, want := nodeList("f.n", query.AllNodeProps), "[x IN [f.n] | x"+nodeFields+"][0]"; got != want {
		t.Errorf("nodeList(f.n, all) = %s, want %s (a map projection needs a variable)", got, want)
	}
	if got := nodeList("b", query.PropID|query.PropTitle|query.PropCitedByCount); got != "[b.id, b.kind, b.title, b.citedByCount]" {
		t.Errorf("nodeList = %s", got)
	}
	if got := nodeFromList(query.AllNodeProps, []any{"x", "Body", "A title"}); got.ID != "x" || got.Title != "A title" || got.Symbol != "" {
		t.Errorf("a list cut short: %+v", got)
	}
	if got := nodeFromList(query.AllNodeProps, nil); !reflect.DeepEqual(got, hemigraph.Node{}) {
		t.Errorf("not a list: %+v", got)
	}
}

// TestRelationLists: a relationship read from what relPropList returns (the
// list of the properties asked for, the map of every property) equals the
// one read from the map of those properties (relationFrom), for every
// property alone and for all.
func TestRelationLists(t *testing.T) {
	props := map[string]any{"key": "k1", "verb": "RECALLS", "through": "x", "source": "https://www.oas.org/",
		"evidence": "first preambular paragraph", "document": "doc", "clauseIndex": int64(3), "clauseKind": "preambular",
		"clauseNumber": int64(1), "clauseText": "Recalling", "spanStart": int64(0), "spanEnd": int64(9), "createdBy": "load-1"}
	full := relationFrom("CITES", "a", "b", props)
	if full.Clause == nil || full.Verb != "RECALLS" || full.ID != "k1" || full.From != "a" || full.Type != "CITES" {
		t.Fatalf("relationFrom = %+v", full)
	}
	cases := []query.RelProps{query.PropKey, query.AllRelProps, 0}
	for _, f := range relListProps {
		cases = append(cases, query.PropKey|f.p)
	}
	for _, p := range cases {
		expr := relPropList("r", p)
		var read any
		want := map[string]any{}
		if expr == "properties(r)" {
			read, want = props, props
		} else {
			var list []any
			for _, name := range strings.Split(strings.Trim(expr, "[]"), ", ") {
				name = strings.TrimPrefix(name, "r.")
				list = append(list, props[name])
				want[name] = props[name]
			}
			read = list
		}
		got := relationFromList("CITES", "a", "b", p, read)
		if w := relationFrom("CITES", "a", "b", want); !reflect.DeepEqual(got, w) {
			t.Errorf("relationFromList(%b) = %+v, want %+v", p, got, w)
		}
		if p.Has(query.AllRelProps) && !reflect.DeepEqual(got, full) {
			t.Errorf("relationFromList(all) = %+v, want %+v", got, full)
		}
	}
	if got := relationFromList("CITES", "a", "b", query.AllRelProps, nil); got.ID != "" || got.Type != "CITES" {
		t.Errorf("no list: %+v", got)
	}
}
