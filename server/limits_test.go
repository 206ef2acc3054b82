package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/server"
)

// nested returns a query whose selections nest 2+2k levels deep: node,
// then k times relations { node }, then id.
func nested(k int) string {
	return `{ node(id: "` + res1412 + `") { ... on Entity { ` +
		strings.Repeat(`relations(first: 1) { node { `, k) + "id" + strings.Repeat(" } }", k) + " } } }"
}

// aliases returns a query of n aliased fields inside one root field, or as
// n root fields.
func aliases(n int, atRoot bool) string {
	var b strings.Builder
	if atRoot {
		b.WriteString("{ ")
		for i := range n {
			fmt.Fprintf(&b, `a%d: __typename `, i)
		}
		b.WriteString("}")
		return b.String()
	}
	b.WriteString(`{ node(id: "` + res1412 + `") { `)
	for i := range n {
		fmt.Fprintf(&b, "a%d: id ", i)
	}
	b.WriteString("} }")
	return b.String()
}

// TestLimits sends operations over each limit: each is refused before any
// statement is sent, with its code and the status of a bad request; the
// operations just under the limits run.
func TestLimits(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		manyIDs := `{ nodes(ids: [` + strings.Repeat(`"x", `, 20000) + `]) { id } }`
		tests := []struct {
			name   string
			query  string
			code   string // "" for success
			status int
		}{
			{"depth 12", nested(5), "", 200},
			{"depth 14", nested(6), server.CodeDepthLimit, 422},
			{"100-level nested query", nested(49), server.CodeDepthLimit, 422},
			{"30 aliases", aliases(30, false), "", 200},
			{"1000 aliases", aliases(1000, false), server.CodeAliasLimit, 422},
			{"1000 aliased root fields", aliases(1000, true), server.CodeRootFieldLimit, 422},
			{"10 root fields", aliases(10, true), "", 200},
			{"11 root fields", aliases(11, true), server.CodeRootFieldLimit, 422},
			{"fragments spread in fragments", `{ node(id: "x") { ...A } }
			fragment A on Node { ...B ...B } fragment B on Node { ...C ...C } fragment C on Node { ...D ...D }
			fragment D on Node { ...E ...E } fragment E on Node { ...F ...F } fragment F on Node { x: id y: id }`,
				server.CodeAliasLimit, 422},
			{"20000 tokens", manyIDs, server.CodeTokenLimit, 422},
			{"complexity", `{ instruments(first: 100) { edges { node { cites(first: 100) { node { ... on Instrument {
			cites(first: 100) { id } } } } } } } }`, server.CodeTooComplex, 422},
			{"first: 100000 on a list", `{ instruments(first: 100000) { totalCount } }`, server.CodePageSize, 200},
			{"first: 100000 on a relation", `{ instrument(id: "` + res1412 + `") { cites(first: 100000) { id } } }`, server.CodePageSize, 200},
			{"first: 100000 on search", `{ search(text: "security", first: 100000) { totalCount } }`, server.CodePageSize, 200},
			{"first: 100000 on the timeline", `{ timeline(first: 100000) { truncated } }`, server.CodePageSize, 200},
			{"limit: 100000 on a neighbourhood", `{ neighbourhood(id: "` + res1412 + `", limit: 100000) { truncated } }`, server.CodePageSize, 200},
			{"first: 100000 on the lineage", `{ instrumentsLeadingTo(conference: "` + sanSalvador + `", first: 100000) { truncated } }`, server.CodePageSize, 200},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				f.stmts.reset()
				w := f.post(t, request{Query: tc.query})
				resp := decode(t, w.Body.Bytes())
				var want []string
				if tc.code != "" {
					want = []string{tc.code}
				}
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s\n%s", diff, resp.Errors)
				}
				if w.Code != tc.status {
					t.Errorf("status %d, want %d", w.Code, tc.status)
				}
				if tc.status != 200 && len(f.stmts.list()) > 0 {
					t.Errorf("%d statements sent for a refused operation", len(f.stmts.list()))
				}
			})
		}
	})
}

// TestBodyLimit refuses a 10 MB body, sized or streamed, with 413 and a
// GraphQL error.
func TestBodyLimit(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		body := `{"query": "{ __typename }", "pad": "` + strings.Repeat("x", 10<<20) + `"}`
		for _, tc := range []struct {
			name string
			body io.Reader
		}{
			{"with a length", strings.NewReader(body)},
			{"streamed", io.MultiReader(strings.NewReader(body))}, // no length known
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := httptest.NewRequest(http.MethodPost, "/graphql", tc.body)
				if _, ok := tc.body.(*strings.Reader); !ok {
					r.ContentLength = -1
				}
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, r)
				if w.Code != http.StatusRequestEntityTooLarge {
					t.Errorf("status %d, want 413", w.Code)
				}
				if diff := gocmp.Diff([]string{server.CodeRequestTooLarge}, decode(t, w.Body.Bytes()).codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s", diff)
				}
			})
		}
	})
}

// TestTimeout: a request whose deadline has passed gets TIMEOUT and its
// request id, not data.
func TestTimeout(t *testing.T) {
	eachStore(t, server.Config{RequestTimeout: time.Nanosecond}, func(t *testing.T, f *fixture) {
		resp := f.query(t, `{ instruments { totalCount } }`, nil)
		if diff := gocmp.Diff([]string{server.CodeTimeout}, resp.codes()); diff != "" {
			t.Fatalf("codes (-want +got):\n%s\n%+v", diff, resp.Errors)
		}
		if resp.Errors[0].Extensions["requestId"] == "" {
			t.Error("no request id")
		}
	})
}

// TestInternalErrors: a failure of Neo4j reaches the client as "internal
// error" with the request id, and the log holds the whole error under the
// same id.
func TestInternalErrors(t *testing.T) {
	t.Run("memory", func(t *testing.T) { checkInternalError(t, brokenStore{memstore.New()}) })
	if neo4jtest.Enabled() {
		t.Run("neo4j", func(t *testing.T) {
			s := neo4jtest.Open(t)
			s.Close(context.Background()) // every statement now fails
			checkInternalError(t, s)
		})
	}
}

// brokenStore fails every list, as a store whose database went away.
type brokenStore struct{ store }

func (b brokenStore) FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error) {
	return query.Page{}, fmt.Errorf("list %s: connection refused", q.Label)
}

// checkInternalError asks s for a list that fails: the client sees an
// internal error with the request id, and the log holds the whole error.
func checkInternalError(t *testing.T, s store) {
	var logs bytes.Buffer
	h := server.New(server.Config{}, s, s, slog.New(slog.NewTextHandler(&logs, nil)))
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ instruments { totalCount } }"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Request-Id", "req-42")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	resp := decode(t, w.Body.Bytes())
	if len(resp.Errors) != 1 {
		t.Fatalf("errors: %+v", resp.Errors)
	}
	e := resp.Errors[0]
	want := map[string]any{"code": server.CodeInternal, "requestId": "req-42"}
	if diff := gocmp.Diff(want, e.Extensions); e.Message != "internal error" || diff != "" {
		t.Errorf("error %q, extensions (-want +got):\n%s", e.Message, diff)
	}
	if l := logs.String(); !strings.Contains(l, "request_id=req-42") || !strings.Contains(l, "list Instrument") {
		t.Errorf("the log does not hold the request id and the whole error:\n%s", l)
	}
}

// introspectionQuery is the shape of the query GraphiQL sends to learn the
// schema, nested type references included.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}`

// TestIntrospection: GraphiQL's introspection passes the limits; a server
// with introspection off refuses it with a code.
func TestIntrospection(t *testing.T) {
	for _, tc := range []struct {
		name string
		off  bool
		code string
	}{
		{"on", false, ""},
		{"off", true, server.CodeIntrospectionDisabled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := server.New(server.Config{DisableIntrospection: tc.off}, nil, nil, neo4jtest.Logger(t))
			f := &fixture{h: h}
			for _, q := range []string{introspectionQuery, `{ __type(name: "Instrument") { name } }`} {
				resp := decode(t, f.post(t, request{Query: q}).Body.Bytes())
				var want []string
				if tc.code != "" {
					want = []string{tc.code}
				}
				if diff := gocmp.Diff(want, resp.codes()); diff != "" {
					t.Errorf("codes (-want +got):\n%s\n%+v", diff, resp.Errors)
				}
			}
			// __typename is not introspection.
			if resp := decode(t, f.post(t, request{Query: `{ __typename }`}).Body.Bytes()); len(resp.Errors) > 0 {
				t.Errorf("__typename: %+v", resp.Errors)
			}
		})
	}
}
