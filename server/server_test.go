package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/server"
)

// The tests of this file cover the fields of the first schema (issue 2)
// through the real handler, against the real Neo4j holding the bundled
// corpus. Large answers are compared with golden files (go test -update
// rewrites them); the lineage, whose chains may tie, is checked fact by fact.

const (
	res1412         = "ag-res-1412-xxvi-o-96"
	sanSalvador     = "san-salvador-regional-conference-csbm-1998"
	santiagoConf    = "santiago-regional-conference-csbm-1995"
	santiagoDecl    = "declaration-of-santiago-csbm-1995"
	source1495      = "http://www.summit-americas.org/Hemispheric%20Security/AGRes1495eng.htm"
	generalAssembly = "oas-general-assembly"
)

// TestLookups answers each lookup field and compares the whole response
// with its golden file.
func TestLookups(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		const relFields = `id type direction verb source evidence document node { __typename id title }`
		tests := []struct {
			name  string
			query string
		}{
			{"node instrument", `{ node(id: "` + res1412 + `") { __typename id ... on Instrument { symbol title date year } } }`},
			{"node conference", `{ node(id: "` + sanSalvador + `") { __typename id ... on Conference { title date place } } }`},
			{"node unknown", `{ node(id: "no-such-node") { id } }`},
			{"instrument", `{ instrument(id: "` + res1412 + `") {
			id kind symbol title aliases date year place source unresolved
			convenes { ` + relFields + ` }
			adoptedAt { ` + relFields + ` }
			adoptedBy { ` + relFields + ` }
			cites(first: 3) { ` + relFields + ` }
			citedBy { ` + relFields + ` }
		} }`},
			{"instrument with a conference id", `{ instrument(id: "` + sanSalvador + `") { id } }`},
			{"conference", `{ conference(id: "` + sanSalvador + `") {
			id kind title aliases date year place source
			convenedBy { ` + relFields + ` from { id } to { id } }
			followsUp { ` + relFields + ` }
			produced { ` + relFields + ` }
			citedBy { ` + relFields + ` }
		} }`},
			{"body", `{ body(id: "` + generalAssembly + `") {
			id kind title aliases
			adopted(first: 5) { ` + relFields + ` }
			partOf { ` + relFields + ` }
			parts(first: 5) { ` + relFields + ` }
		} }`},
			{"session", `{ session(id: "ga-26th-regular-session-1996") {
			id kind title date place
			adopted(first: 5) { ` + relFields + ` }
			partOf { ` + relFields + ` }
		} }`},
			{"relations both directions", `{ instrument(id: "` + res1412 + `") {
			out: relations(direction: OUT, types: [CONVENES, ADOPTED_BY]) { ` + relFields + ` }
			in: relations(direction: IN, first: 4) { ` + relFields + ` }
			both: relations(types: [CONVENES, CITES], first: 3) { ` + relFields + ` }
		} }`},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				w := f.post(t, request{Query: tc.query})
				if w.Code != http.StatusOK {
					t.Fatalf("status %d: %s", w.Code, w.Body)
				}
				if resp := decode(t, w.Body.Bytes()); len(resp.Errors) > 0 {
					t.Fatalf("errors: %+v", resp.Errors)
				}
				checkGolden(t, goldenName("lookup", tc.name), w.Body.Bytes())
			})
		}
	})
}

// TestInstrumentBySymbol finds AG/RES. 1412 (XXVI-O/96) from several of its
// printed variants, and nothing from symbols of no instrument.
func TestInstrumentBySymbol(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct {
			symbol string
			want   string // id, "" for null
		}{
			{"AG/RES. 1412 (XXVI-O/96)", res1412},
			{"AG/RES.1412 (XXVI-O/96)", res1412},
			{"ag/res 1412 (xxvi-o/96)", res1412},
			{"ag/res. 1412 (xxvi-0/96)", res1412},
			{"  AG/RES.  1412  (XXVI-O/96) ", res1412},
			{"AG/RES. 1412 (XXVII-O/97)", ""},
			{"not a symbol", ""},
		}
		for _, tc := range tests {
			t.Run(tc.symbol, func(t *testing.T) {
				var got struct {
					InstrumentBySymbol *struct{ ID, Symbol string }
				}
				f.data(t, `query($s: String!) { instrumentBySymbol(symbol: $s) { id symbol } }`, map[string]any{"s": tc.symbol}, &got)
				gotID := ""
				if got.InstrumentBySymbol != nil {
					gotID = got.InstrumentBySymbol.ID
					if got.InstrumentBySymbol.Symbol != "AG/RES. 1412 (XXVI-O/96)" {
						t.Errorf("symbol = %q", got.InstrumentBySymbol.Symbol)
					}
				}
				if gotID != tc.want {
					t.Errorf("instrumentBySymbol(%q) = %q, want %q", tc.symbol, gotID, tc.want)
				}
			})
		}
	})
}

type page struct {
	TotalCount int
	PageInfo   struct {
		HasNextPage bool
		EndCursor   *string
	}
	Edges []struct {
		Cursor string
		Node   struct{ ID, Title string }
	}
}

// walk pages through list (instruments, conferences, bodies) with page size
// n and returns every id seen, in order, and the totalCount of the first page.
func walk(t *testing.T, f *fixture, list, args string, n int) (ids []string, total int) {
	t.Helper()
	q := `query($first: Int, $after: String) { ` + list + `(first: $first, after: $after` + args + `) {
		totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } } } }`
	var after any
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("more than 1000 pages: the cursor does not advance")
		}
		var got map[string]page
		f.data(t, q, map[string]any{"first": n, "after": after}, &got)
		p := got[list]
		if pages == 0 {
			total = p.TotalCount
		}
		for _, e := range p.Edges {
			ids = append(ids, e.Node.ID)
		}
		if len(p.Edges) > 0 && *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor {
			t.Errorf("endCursor %q is not the last edge's cursor %q", *p.PageInfo.EndCursor, p.Edges[len(p.Edges)-1].Cursor)
		}
		if !p.PageInfo.HasNextPage {
			return ids, total
		}
		after = *p.PageInfo.EndCursor
	}
}

// TestListsPageWithoutGapsOrRepeats walks each list page by page, for
// several page sizes: every node exactly once, in id order, as many as
// totalCount says.
func TestListsPageWithoutGapsOrRepeats(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct {
			list  string
			args  string
			count int // nodes of the corpus in the list
		}{
			{"instruments", "", 218},
			{"conferences", "", 35},
			{"bodies", "", 26},
			{"instruments", `, filter: {title: "confidence"}`, -1},
			{"instruments", `, filter: {kinds: [DECLARATION, CONVENTION]}`, 42},
		}
		for _, tc := range tests {
			for _, n := range []int{1, 7, 100} {
				t.Run(fmt.Sprintf("%s%s/first=%d", tc.list, tc.args, n), func(t *testing.T) {
					ids, total := walk(t, f, tc.list, tc.args, n)
					if tc.count >= 0 && len(ids) != tc.count {
						t.Errorf("walked %d nodes, want %d", len(ids), tc.count)
					}
					if total != len(ids) {
						t.Errorf("totalCount = %d, walked %d", total, len(ids))
					}
					if !slices.IsSorted(ids) {
						t.Errorf("ids not in order: %v", ids)
					}
					if c := slices.Compact(slices.Clone(ids)); len(c) != len(ids) {
						t.Errorf("repeated ids: %d distinct of %d", len(c), len(ids))
					}
				})
			}
		}
	})
}

// TestListTitleFilter compares the first page of filtered lists with golden
// files: the title filter matches titles and aliases, case-insensitively.
func TestListTitleFilter(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct{ name, query string }{
			{"instruments confidence", `{ instruments(first: 5, filter: {title: "CONFIDENCE-"}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title aliases } } } }`},
			{"conferences santiago", `{ conferences(first: 3, filter: {title: "santiago"}) { totalCount edges { node { id title date } } } }`},
			{"bodies council", `{ bodies(first: 10, filter: {title: "council"}) { totalCount edges { node { id title } } } }`},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				w := f.post(t, request{Query: tc.query})
				if resp := decode(t, w.Body.Bytes()); len(resp.Errors) > 0 {
					t.Fatalf("errors: %+v", resp.Errors)
				}
				checkGolden(t, goldenName("list", tc.name), w.Body.Bytes())
			})
		}
	})
}

type lineageRel struct {
	Type, Verb, Source, Evidence string
	From, To                     struct{ ID string }
}

type lineageEntry struct {
	Node     struct{ ID, Kind string }
	Distance int
	Path     []lineageRel
}

// TestInstrumentsLeadingTo asks the headline question about the 1998 San
// Salvador conference: AG/RES. 1412 (XXVI-O/96) convened it (distance 1,
// with its source); the Santiago conference of 1995, which it follows up,
// and the Declaration of Santiago, which AG/RES. 1412 recalls, are further
// up.
func TestInstrumentsLeadingTo(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		var got struct {
			InstrumentsLeadingTo struct {
				Target    struct{ ID string }
				Truncated bool
				Entries   []lineageEntry
			}
		}
		f.data(t, `{ instrumentsLeadingTo(conference: "`+sanSalvador+`") {
		target { id } truncated
		entries { node { id kind } distance path { type verb source evidence from { id } to { id } } } } }`, nil, &got)
		l := got.InstrumentsLeadingTo
		if l.Target.ID != sanSalvador || l.Truncated {
			t.Errorf("target %q truncated %v", l.Target.ID, l.Truncated)
		}
		byID := map[string]lineageEntry{}
		for i, e := range l.Entries {
			byID[e.Node.ID] = e
			if i > 0 && e.Distance < l.Entries[i-1].Distance {
				t.Errorf("entry %d (%s) at distance %d after one at %d: not nearest first", i, e.Node.ID, e.Distance, l.Entries[i-1].Distance)
			}
			if len(e.Path) != e.Distance {
				t.Errorf("%s: path of %d relations at distance %d", e.Node.ID, len(e.Path), e.Distance)
				continue
			}
			if e.Path[0].From.ID != e.Node.ID && e.Path[0].To.ID != e.Node.ID {
				t.Errorf("%s: path starts at %+v", e.Node.ID, e.Path[0])
			}
			if last := e.Path[len(e.Path)-1]; last.From.ID != sanSalvador && last.To.ID != sanSalvador {
				t.Errorf("%s: path ends at %+v, not at the conference", e.Node.ID, last)
			}
			at := e.Node.ID // the chain goes on from the node each relation leads to
			for _, r := range e.Path {
				if r.Source == "" {
					t.Errorf("%s: relation %+v has no source", e.Node.ID, r)
				}
				switch at {
				case r.From.ID:
					at = r.To.ID
				case r.To.ID:
					at = r.From.ID
				default:
					t.Errorf("%s: the path breaks at %+v, which does not touch %s", e.Node.ID, r, at)
				}
			}
		}
		tests := []struct {
			id       string
			distance int
			path     []lineageRel
		}{
			{res1412, 1, []lineageRel{{
				Type: "CONVENES", Source: source1495,
				Evidence: "1495 preamble says 1412 convened the follow-up conference",
				From:     struct{ ID string }{res1412}, To: struct{ ID string }{sanSalvador},
			}}},
			{santiagoConf, 1, nil},
			{santiagoDecl, 2, nil},
		}
		for _, tc := range tests {
			t.Run(tc.id, func(t *testing.T) {
				e, ok := byID[tc.id]
				if !ok {
					t.Fatalf("%s is not among the %d entries", tc.id, len(l.Entries))
				}
				if e.Distance != tc.distance {
					t.Errorf("distance = %d, want %d", e.Distance, tc.distance)
				}
				if tc.path != nil {
					if diff := cmp.Diff(tc.path, e.Path); diff != "" {
						t.Errorf("path (-want +got):\n%s", diff)
					}
				}
			})
		}
		// The declaration is reached through AG/RES. 1412, which recalls it.
		if e := byID[santiagoDecl]; len(e.Path) == 2 {
			if p := e.Path[0]; p.Type != "CITES" || p.From.ID != res1412 || p.Verb != "RECALLING" {
				t.Errorf("declaration reached through %+v, want AG/RES. 1412 RECALLING it", p)
			}
		}
		// Distances are unique even when chains tie: compare them all.
		dist := map[string]int{}
		for _, e := range l.Entries {
			dist[e.Node.ID] = e.Distance
		}
		b, _ := json.Marshal(dist)
		checkGolden(t, "lineage-distances", b)
	})
}

// TestErrorCodes checks the codes of user errors and of lookups of nothing.
func TestErrorCodes(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		tests := []struct {
			name  string
			query string
			code  string
		}{
			{"maxDepth 0", `{ instrumentsLeadingTo(conference: "` + sanSalvador + `", maxDepth: 0) { truncated } }`, server.CodeBadUserInput},
			{"maxDepth 9", `{ instrumentsLeadingTo(conference: "` + sanSalvador + `", maxDepth: 9) { truncated } }`, server.CodeBadUserInput},
			{"unknown conference", `{ instrumentsLeadingTo(conference: "no-such-conference") { truncated } }`, server.CodeNotFound},
			{"bad cursor", `{ instruments(after: "not a cursor") { totalCount } }`, server.CodeBadUserInput},
			{"negative first", `{ bodies(first: -1) { totalCount } }`, server.CodeBadUserInput},
			{"relation first too large", `{ body(id: "` + generalAssembly + `") { adopted(first: 1000000) { id } } }`, server.CodePageSize},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				resp := f.query(t, tc.query, nil)
				if diff := cmp.Diff([]string{tc.code}, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s\nerrors: %+v", diff, resp.Errors)
				}
			})
		}
	})
}

// TestHTTPEndpoints checks the probes, CORS and GraphiQL.
func TestHTTPEndpoints(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		_, err := os.Stat("graphiql/assets/vendor/graphiql.min.js")
		graphiqlBuilt := err == nil
		tests := []struct {
			name       string
			method     string
			path       string
			header     map[string]string
			wantStatus int
			wantHeader map[string]string // "" means absent
			wantBody   string            // substring
		}{
			{name: "healthz", method: "GET", path: "/healthz", wantStatus: 200, wantBody: "ok"},
			{name: "readyz", method: "GET", path: "/readyz", wantStatus: 200, wantBody: "ready"},
			{
				name: "preflight from an allowed origin", method: "OPTIONS", path: "/graphql",
				header: map[string]string{
					"Origin": testOrigin, "Access-Control-Request-Method": "POST",
					"Access-Control-Request-Headers": "content-type",
				},
				wantStatus: http.StatusNoContent,
				wantHeader: map[string]string{"Access-Control-Allow-Origin": testOrigin, "Access-Control-Allow-Methods": "POST"},
			},
			{
				name: "preflight from another origin", method: "OPTIONS", path: "/graphql",
				header:     map[string]string{"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
				wantStatus: http.StatusNoContent,
				wantHeader: map[string]string{"Access-Control-Allow-Origin": "", "Access-Control-Allow-Methods": ""},
			},
			{
				name: "GET from an allowed origin", method: "GET", path: "/graphql?query=%7B__typename%7D",
				header:     map[string]string{"Origin": testOrigin},
				wantStatus: 200,
				wantHeader: map[string]string{"Access-Control-Allow-Origin": testOrigin, "Access-Control-Expose-Headers": "X-Request-Id"},
				wantBody:   `{"data":{"__typename":"Query"}}`,
			},
			{
				name: "GET from another origin", method: "GET", path: "/graphql?query=%7B__typename%7D",
				header:     map[string]string{"Origin": "http://evil.example"},
				wantStatus: 200,
				wantHeader: map[string]string{"Access-Control-Allow-Origin": ""},
			},
			{name: "request id echoed", method: "GET", path: "/graphql?query=%7B__typename%7D",
				header: map[string]string{"X-Request-Id": "abc123"}, wantStatus: 200,
				wantHeader: map[string]string{"X-Request-Id": "abc123"}},
		}
		if graphiqlBuilt {
			tests = append(tests, struct {
				name       string
				method     string
				path       string
				header     map[string]string
				wantStatus int
				wantHeader map[string]string
				wantBody   string
			}{name: "graphiql", method: "GET", path: "/", wantStatus: 200,
				wantHeader: map[string]string{"Content-Type": "text/html; charset=utf-8"}, wantBody: "/graphql"})
		} else {
			t.Log("GraphiQL assets not built: checking the 503 page (make assets builds them)")
			tests = append(tests, struct {
				name       string
				method     string
				path       string
				header     map[string]string
				wantStatus int
				wantHeader map[string]string
				wantBody   string
			}{name: "graphiql not built", method: "GET", path: "/", wantStatus: 503, wantBody: "make assets"})
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := httptest.NewRequest(tc.method, tc.path, nil)
				for k, v := range tc.header {
					r.Header.Set(k, v)
				}
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, r)
				if w.Code != tc.wantStatus {
					t.Errorf("status = %d, want %d (%s)", w.Code, tc.wantStatus, w.Body)
				}
				for k, want := range tc.wantHeader {
					if got := w.Header().Get(k); got != want {
						t.Errorf("header %s = %q, want %q", k, got, want)
					}
				}
				if !strings.Contains(w.Body.String(), tc.wantBody) {
					t.Errorf("body %q does not contain %q", w.Body, tc.wantBody)
				}
			})
		}
	})
}

// TestGraphiQLOff: with GraphiQL switched off, "/" is not served.
func TestGraphiQLOff(t *testing.T) {
	h := server.New(server.Config{DisableGraphiQL: true}, nil, nil, neo4jtest.Logger(t))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("GET / with GraphiQL off: status %d, want 404", w.Code)
	}
}
