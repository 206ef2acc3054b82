package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/server"
)

// The attacks of the OWASP GraphQL cheat sheet and hostile arguments, on
// every store: each must be answered with data or a coded user error —
// never an internal error, a hang, or a changed graph.

// graphSum is a store's graph summed up: its counts and a checksum over
// every node (as the contract reads it) and the edges of each.
func graphSum(t *testing.T, s store) string {
	t.Helper()
	ctx := context.Background()
	nodes, rels, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d %d\n", nodes, rels)
	q := query.FindQuery{Label: "Entity", First: 100}
	for {
		p, err := s.FindNodes(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range p.Nodes {
			fmt.Fprintf(h, "%+v\n", n)
			edges, err := s.EdgesOf(ctx, n.ID)
			if err != nil {
				t.Fatal(err)
			}
			lines := make([]string, len(edges))
			for i, e := range edges {
				lines[i] = fmt.Sprintf("%+v", e)
			}
			slices.Sort(lines)
			fmt.Fprintln(h, strings.Join(lines, "\n"))
		}
		if !p.HasNext || len(p.Cursors) == 0 {
			break
		}
		q.After = &p.Cursors[len(p.Cursors)-1]
	}
	return fmt.Sprintf("%d nodes, %d relationships, %s", nodes, rels, hex.EncodeToString(h.Sum(nil))[:16])
}

// userCodes are the codes a hostile request may get: refusals of the
// request or of an argument.
var userCodes = map[string]bool{
	server.CodeBadUserInput: true, server.CodeNotFound: true, server.CodePageSize: true,
	server.CodeTooComplex: true, server.CodeDepthLimit: true, server.CodeAliasLimit: true,
	server.CodeRootFieldLimit: true, server.CodeTokenLimit: true, server.CodeRequestTooLarge: true,
	server.CodeIntrospectionDisabled: true, server.CodeBadRequest: true,
	"GRAPHQL_PARSE_FAILED": true, "GRAPHQL_VALIDATION_FAILED": true,
}

// checkAnswered fails unless w is an answer with data or coded user
// errors only, and returns the codes.
func checkAnswered(t *testing.T, w *httptest.ResponseRecorder) []string {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("status %d: %.500s", w.Code, w.Body)
	}
	r := decode(t, w.Body.Bytes())
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		if !userCodes[c] {
			t.Errorf("error %q with code %q, want data or a user error: %.300s", e.Message, c, w.Body)
		}
	}
	if len(r.Errors) == 0 && (len(r.Data) == 0 || string(r.Data) == "null") {
		t.Errorf("neither data nor errors: %.300s", w.Body)
	}
	return r.codes()
}

// postRaw sends body to /graphql as JSON.
func postRaw(f *fixture, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

func TestOWASPAttacks(t *testing.T) {
	repeat := func(s string, n int) string { return strings.Repeat(s, n) }
	var aliased strings.Builder
	for i := range 200 {
		fmt.Fprintf(&aliased, "a%d: id ", i)
	}
	var deepFragments strings.Builder
	deepFragments.WriteString(`{ instrument(id: "ag-res-1412-xxvi-o-96") { ...F0 } }`)
	for i := range 40 {
		fmt.Fprintf(&deepFragments, " fragment F%d on Instrument { cites(first: 2) { node { ... on Instrument { ...F%d } } } }", i, i+1)
	}
	deepFragments.WriteString(" fragment F40 on Instrument { id }")
	for _, tc := range []struct {
		name string
		body string
		// want is the code the request must get; "" accepts data or any
		// user error.
		want string
	}{
		{"batched operations", `[{"query": "{ node(id: \"ag-res-1412-xxvi-o-96\") { id } }"}, {"query": "{ node(id: \"x\") { id } }"}]`, ""},
		{"a thousand batched operations", "[" + strings.TrimSuffix(repeat(`{"query": "{ __typename }"},`, 1000), ",") + "]", ""},
		{"alias duplication", jsonQuery(`{ node(id: "ag-res-1412-xxvi-o-96") { ` + aliased.String() + ` } }`), server.CodeAliasLimit},
		{"aliased root fields", jsonQuery("{ " + strings.Repeat(`n: node(id: "ag-res-1412-xxvi-o-96") { id } `, 100) + " }"), ""},
		{"field duplication", jsonQuery(`{ node(id: "ag-res-1412-xxvi-o-96") { ` + repeat("id ", 3000) + ` } }`), ""},
		{"field duplication past the token limit", jsonQuery(`{ node(id: "ag-res-1412-xxvi-o-96") { ` + repeat("id ", 20000) + ` } }`), server.CodeTokenLimit},
		{"deep fragments", jsonQuery(deepFragments.String()), server.CodeDepthLimit},
		{"circular fragments", jsonQuery(`{ instrument(id: "ag-res-1412-xxvi-o-96") { ...A } } fragment A on Instrument { cites { node { ...B } } } fragment B on Node { ... on Instrument { ...A } }`), "GRAPHQL_VALIDATION_FAILED"},
		{"self-referencing fragment", jsonQuery(`{ node(id: "x") { ...A } } fragment A on Node { ...A }`), "GRAPHQL_VALIDATION_FAILED"},
		{"directive overloading", jsonQuery(`{ node(id: "ag-res-1412-xxvi-o-96") ` + repeat("@include(if: true) ", 2000) + ` { id } }`), ""},
		{"unknown directives", jsonQuery(`{ __typename ` + repeat("@aa ", 3000) + ` }`), ""},
		{"huge variable", `{"query": "query($t: String!) { search(text: $t, first: 5) { edges { node { id } } } }", "variables": {"t": "` + repeat("security ", 100000) + `"}}`, ""},
		{"many ids", `{"query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", "variables": {"ids": [` + strings.TrimSuffix(repeat(`"x",`, 50000), ",") + `]}}`, server.CodePageSize},
		{"deeply nested variable", `{"query": "query($f: ListFilter) { instruments(filter: $f) { totalCount } }", "variables": {"f": ` + repeat(`{"AND": [`, 2000) + `{}` + repeat(`]}`, 2000) + `}}`, ""},
		{"nested JSON past the decoder's depth", `{"query": "{ __typename }", "variables": {"v": ` + repeat(`[`, 20000) + repeat(`]`, 20000) + `}}`, ""},
		{"body past the limit", `{"query": "{ __typename }", "variables": {"v": "` + repeat("x", 2<<20) + `"}}`, server.CodeRequestTooLarge},
		{"not JSON", `{"query": `, ""},
		{"binary body", "\x00\x01\x02\xff\xfe{", ""},
		{"query of the wrong type", `{"query": 42}`, ""},
		{"operation name not in the document", `{"query": "query A { __typename }", "operationName": "B"}`, ""},
		{"many operations, none chosen", `{"query": "query A { __typename } query B { __typename }"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
				before := graphSum(t, f.store)
				start := time.Now()
				w := postRaw(f, tc.body)
				took := time.Since(start)
				codes := checkAnswered(t, w)
				if tc.want != "" && !slices.Contains(codes, tc.want) {
					t.Errorf("codes %v, want %s: %.300s", codes, tc.want, w.Body)
				}
				if took > 10*time.Second {
					t.Errorf("took %s", took)
				}
				if after := graphSum(t, f.store); after != before {
					t.Errorf("the graph changed: %s, then %s", before, after)
				}
			})
		})
	}
}

// jsonQuery is the JSON body of a query without variables.
func jsonQuery(q string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"query": %q}`, q)
	return b.String()
}

func TestIntrospectionDisabledEverywhere(t *testing.T) {
	for _, q := range []string{
		`{ __schema { types { name } } }`,
		`{ __type(name: "Query") { fields { name } } }`,
		`{ s: __schema { queryType { name } } }`,
		`{ ...F } fragment F on Query { __schema { queryType { name } } }`,
		`{ ... on Query { __type(name: "Instrument") { name } } }`,
		`{ node(id: "ag-res-1412-xxvi-o-96") { id } __schema { types { name } } }`,
	} {
		t.Run(q, func(t *testing.T) {
			f := newMemoryFixture(t, server.Config{DisableIntrospection: true})
			codes := checkAnswered(t, postRaw(f, jsonQuery(q)))
			if !slices.Contains(codes, server.CodeIntrospectionDisabled) {
				t.Errorf("codes %v, want %s", codes, server.CodeIntrospectionDisabled)
			}
		})
	}
	f := newMemoryFixture(t, server.Config{DisableIntrospection: true})
	if codes := checkAnswered(t, postRaw(f, jsonQuery(`{ __typename }`))); len(codes) > 0 {
		t.Errorf("__typename refused: %v", codes)
	}
}

// hostile are the payloads tried in every string argument: Cypher and
// Lucene injections, syntax, and text no one types.
var hostile = []string{
	`' OR 1=1 //`,
	`"}) MATCH (n) DETACH DELETE n //`,
	`x') DETACH DELETE n RETURN n //`,
	"`) MATCH (n) SET n.title = 'pwned' //",
	`$p0`, `{{Filter}}`, `{{Expand}}`, `\u0027`, `n.id = n.id OR true`,
	`'; CALL db.labels() YIELD label RETURN label //`,
	`*:*`, `title:*`, `AND OR ( " * ~ \`, `"unclosed`, `(((`, `)))`, `\`, `\\`, `a~`, `a~0.1`, `a^10`,
	`[a TO z]`, `{a TO z}`, `/.*/`, `+-&&||!(){}[]^"~*?:\/`, `* * *`, `?`, `NOT`, `AND`, `OR`,
	strings.Repeat("a* ", 500), strings.Repeat("(", 1000),
	"\x00", "\u202etxet", "🛡️ seguridad", "\xff\xfe", "ag-res-1412-xxvi-o-96\n) DETACH DELETE (n",
	strings.Repeat("x", 70000), "",
}

// stringArgs are the queries taking each string argument of the schema,
// the value as $v.
var stringArgs = []struct{ name, query, typ string }{
	{"node id", `query($v: ID!) { node(id: $v) { id } }`, "ID!"},
	{"nodes ids", `query($v: ID!) { nodes(ids: [$v]) { id } }`, "ID!"},
	{"instrument id", `query($v: ID!) { instrument(id: $v) { id } }`, "ID!"},
	{"conference id", `query($v: ID!) { conference(id: $v) { id } }`, "ID!"},
	{"body id", `query($v: ID!) { body(id: $v) { id } }`, "ID!"},
	{"session id", `query($v: ID!) { session(id: $v) { id } }`, "ID!"},
	{"symbol", `query($v: String!) { instrumentBySymbol(symbol: $v) { id } }`, "String!"},
	{"cursor", `query($v: String) { instruments(first: 2, after: $v) { edges { node { id } } } }`, "String"},
	{"search text", `query($v: String!) { search(text: $v, first: 5) { totalCount edges { node { id } } } }`, "String!"},
	{"search cursor", `query($v: String) { search(text: "security", after: $v) { edges { node { id } } } }`, "String"},
	{"title filter", `query($v: String) { instruments(filter: {title: $v}) { totalCount edges { node { id } } } }`, "String"},
	{"symbol prefix filter", `query($v: String) { instruments(filter: {symbolPrefix: $v}) { edges { node { id } } } }`, "String"},
	{"place filter", `query($v: String) { conferences(filter: {place: $v}) { edges { node { id } } } }`, "String"},
	{"date filter", `query($v: String) { instruments(filter: {date: {from: $v, to: $v}}) { edges { node { id } } } }`, "String"},
	{"adopted by", `query($v: ID!) { instruments(filter: {adoptedBy: [$v]}) { edges { node { id } } } }`, "ID!"},
	{"adopted at", `query($v: ID!) { instruments(filter: {adoptedAt: [$v]}) { edges { node { id } } } }`, "ID!"},
	{"related ids", `query($v: ID!) { instruments(filter: {related: [{type: CITES, ids: [$v]}]}) { edges { node { id } } } }`, "ID!"},
	{"facets", `query($v: String) { facets(filter: {title: $v, NOT: {place: $v}}) { total } }`, "String"},
	{"neighbourhood", `query($v: ID!) { neighbourhood(id: $v) { nodes { id } } }`, "ID!"},
	{"paths from", `query($v: ID!) { paths(from: $v, to: "ag-res-1412-xxvi-o-96") { nodes { id } } }`, "ID!"},
	{"paths to", `query($v: ID!) { paths(from: "ag-res-1412-xxvi-o-96", to: $v) { nodes { id } } }`, "ID!"},
	{"timeline from", `query($v: String) { timeline(from: $v, to: $v) { entries { node { id } } } }`, "String"},
	{"lineage", `query($v: ID!) { instrumentsLeadingTo(conference: $v) { entries { node { id } } } }`, "ID!"},
}

func TestInjection(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		before := graphSum(t, f.store)
		for _, a := range stringArgs {
			t.Run(a.name, func(t *testing.T) {
				for _, v := range hostile {
					w := f.post(t, request{Query: a.query, Variables: map[string]any{"v": v}})
					if w.Code >= 500 {
						t.Fatalf("%q: status %d: %.300s", v, w.Code, w.Body)
					}
					r := decode(t, w.Body.Bytes())
					for _, e := range r.Errors {
						if c, _ := e.Extensions["code"].(string); !userCodes[c] {
							t.Errorf("%.60q: error %q with code %q", v, e.Message, c)
						}
					}
				}
			})
		}
		if after := graphSum(t, f.store); after != before {
			t.Errorf("the graph changed: %s, then %s", before, after)
		}
	})
}
