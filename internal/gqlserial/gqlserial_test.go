package gqlserial_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hemigraph/hemigraph/graph"
	"github.com/hemigraph/hemigraph/internal/gqlserial"
)

// concurrent is what the generator writes for a few of the schema's types
// (graph/lists_gen.go): the fields that run resolvers of their own.
var concurrent = map[string][]string{
	"Instrument": {"cites", "relations"},
	"Entity":     {"adopted", "cites", "relations"},
	"Session":    {"adopted", "relations"},
}

// listSelection parses and validates query against the project's schema
// (as the generated code holds it)
// and returns the selection of the list at the end of path (field names
// from the operation's root), and the list's element type.
func listSelection(t *testing.T, query string, path ...string) (ast.SelectionSet, string) {
	t.Helper()
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	doc, errs := gqlparser.LoadQuery(schema, query)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	sel := doc.Operations[0].SelectionSet
	var f *ast.Field
	for _, name := range path {
		f = nil
		for _, s := range sel {
			if fs, ok := s.(*ast.Field); ok && fs.Name == name {
				f = fs
			}
		}
		if f == nil {
			t.Fatalf("no field %q", name)
		}
		sel = f.SelectionSet
	}
	return sel, f.Definition.Type.Name()
}

func TestSerial(t *testing.T) {
	tests := []struct {
		name  string
		query string
		path  []string
		want  bool
	}{
		{"plain fields", `{ neighbourhood(id: "x") { nodes { id kind title distance } } }`,
			[]string{"neighbourhood", "nodes"}, true},
		{"interface, plain fields", `{ instrumentsLeadingTo(conference: "x") { entries { distance node { id title } path { type verb from { id } } } } }`,
			[]string{"instrumentsLeadingTo", "entries"}, true},
		{"a resolver on an interface", `{ instrumentsLeadingTo(conference: "x") { entries { node { id relations { type } } } } }`,
			[]string{"instrumentsLeadingTo", "entries"}, false},
		{"a resolver in an inline fragment", `{ instrumentsLeadingTo(conference: "x") { entries { node { id ... on Session { adopted { type } } } } } }`,
			[]string{"instrumentsLeadingTo", "entries"}, false},
		{"a resolver in a named fragment", `query { instrumentsLeadingTo(conference: "x") { entries { node { ...f } } } }
			fragment f on Instrument { title cites { type } }`,
			[]string{"instrumentsLeadingTo", "entries"}, false},
		{"a named fragment of plain fields", `query { instrumentsLeadingTo(conference: "x") { entries { node { ...f } } } }
			fragment f on Instrument { title symbol }`,
			[]string{"instrumentsLeadingTo", "entries"}, true},
		{"a deferred fragment", `{ neighbourhood(id: "x") { nodes { id ... @defer { title } } } }`,
			[]string{"neighbourhood", "nodes"}, false},
	}
	l := gqlserial.New(concurrent)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, typ := listSelection(t, tc.query, tc.path...)
			if got := l.Serial(sel, typ); got != tc.want {
				t.Errorf("Serial = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMarshal marshals every element, in order, on the caller's goroutine
// when the list is serial, each in a field context of its own index, a
// panic making that element null and an error of the answer.
func TestMarshal(t *testing.T) {
	sel, typ := listSelection(t, `{ neighbourhood(id: "x") { nodes { id } } }`, "neighbourhood", "nodes")
	l := gqlserial.New(concurrent)
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	var running, most atomic.Int32
	got := l.Marshal(ctx, sel, typ, 4, func(ctx context.Context, i int) graphql.Marshaler {
		if n := running.Add(1); n > most.Load() {
			most.Store(n)
		}
		defer running.Add(-1)
		if idx := graphql.GetFieldContext(ctx).Index; idx == nil || *idx != i {
			t.Errorf("element %d: field context index %v", i, idx)
		}
		if i == 2 {
			panic("element 2 cannot be marshalled")
		}
		return graphql.MarshalInt(i)
	})
	if most.Load() != 1 {
		t.Errorf("%d elements marshalled at once, want 1", most.Load())
	}
	for i, m := range got {
		if (m == graphql.Null) != (i == 2) {
			t.Errorf("element %d = %v", i, m)
		}
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 {
		t.Errorf("errors %v, want the panic's", errs)
	}
}

// plainTable is a part of what the generator writes (graph/plain_gen.go).
var plainTable = map[string]map[string]string{
	"Lineage":      {"entries": "LineageEntry", "target": "Entity", "truncated": ""},
	"LineageEntry": {"distance": "", "node": "Entity", "path": "Relation"},
	"Entity":       {"id": "", "kind": "", "title": ""},
	"Instrument":   {"id": "", "kind": "", "title": "", "symbol": ""},
	"Relation":     {"type": "", "verb": "", "from": "Entity", "to": "Entity"},
}

func TestPlainSelection(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  bool
	}{
		{"plain fields", `{ instrumentsLeadingTo(conference: "x") { entries { distance node { id title } path { type from { id } } } } }`, true},
		{"typename", `{ instrumentsLeadingTo(conference: "x") { entries { __typename node { __typename id } } } }`, true},
		{"a fragment on an implementation", `{ instrumentsLeadingTo(conference: "x") { entries { node { id ... on Instrument { symbol } } } } }`, true},
		{"a fragment field not plain there", `{ instrumentsLeadingTo(conference: "x") { entries { node { id ... on Conference { place } } } } }`, false},
		{"a named fragment", `query { instrumentsLeadingTo(conference: "x") { entries { node { ...f } } } } fragment f on Instrument { title symbol }`, true},
		{"a resolver", `{ instrumentsLeadingTo(conference: "x") { entries { node { id relations { type } } } } }`, false},
		{"conditions", `query($b: Boolean!) { instrumentsLeadingTo(conference: "x") { entries { node { id @include(if: $b) title @skip(if: $b) } } } }`, true},
		{"a deferred fragment", `{ instrumentsLeadingTo(conference: "x") { entries { node { id ... @defer { title } } } } }`, false},
	}
	p := gqlserial.NewPlain(plainTable)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, typ := listSelection(t, tc.query, "instrumentsLeadingTo")
			if got := p.Selection(sel, typ); got != tc.want {
				t.Errorf("Selection = %v, want %v", got, tc.want)
			}
		})
	}
}
