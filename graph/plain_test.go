package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/internal/gqlserial"
)

// The plain path (plain_gen.go, written by internal/gqlgen) must answer
// exactly what gqlgen's own marshalling answers: same data, same errors
// with the same paths. These tests run each query twice on fixed answers
// of the resolvers, with the generated table of plain fields and with an
// empty one (every object through gqlgen's path), and compare.

// stubRoot answers the lineage and the paths with fixed values, and the
// citations of an instrument.
type stubRoot struct {
	ResolverRoot
	q stubQuery
}

func (r stubRoot) Query() QueryResolver { return r.q }

func (r stubRoot) Instrument() InstrumentResolver { return stubInstrument{cites: r.q.cites} }

// stubInstrument answers the citations of an instrument: none when the
// first is asked for, so that an answer can hold no list of objects.
type stubInstrument struct {
	InstrumentResolver
	cites []model.Relation
}

func (i stubInstrument) Cites(_ context.Context, _ *model.Instrument, first *int) ([]model.Relation, error) {
	if first != nil && *first == 1 {
		return nil, nil
	}
	return i.cites, nil
}

type stubQuery struct {
	QueryResolver
	lineage *model.Lineage
	paths   []model.Path
	cites   []model.Relation
}

func (q stubQuery) InstrumentsLeadingTo(context.Context, string, *int, *int) (*model.Lineage, error) {
	return q.lineage, nil
}

func (q stubQuery) Paths(context.Context, string, string, *int, []model.RelationType, *int) ([]model.Path, error) {
	return q.paths, nil
}

func ptr[T any](v T) *T { return &v }

// stubData builds the answers; broken leaves a value the schema requires
// missing (a relation without its from node).
func stubData(broken bool) stubQuery {
	res := model.Instrument{ID: "ag-res-1412-xxvi-o-96", Kind: model.KindResolution, Symbol: ptr("AG/RES. 1412 (XXVI-O/96)"),
		Title: "Confidence- & security-building measures \"in the Americas\"", Aliases: []string{"Res. 1412"}, Year: ptr(1996), CitedByCount: 3}
	santiago := &model.Conference{ID: "santiago-1995", Kind: model.KindConference, Title: "Regional Conference on CSBMs\n(Conferência Regional)\t\x1b", Place: ptr("Santiago de Chile \\ \"Chile\"")}
	sanSalvador := model.Conference{ID: "san-salvador-1998", Kind: model.KindConference, Title: "Regional Conference, San Salvador"}
	convenes := model.Relation{ID: "r1", Type: model.RelationTypeConvenes, From: res, To: sanSalvador, Node: sanSalvador,
		Direction: model.DirectionOut, Verb: ptr("TO CONVENE"), Source: ptr("https://www.oas.org/"),
		Clause: &model.Clause{Index: 7, Kind: "operative", Number: ptr(2), Start: 12, End: 40}}
	follows := model.Relation{ID: "r2", Type: model.RelationTypeFollowsUp, From: santiago, To: &res, Node: santiago, Direction: model.DirectionIn}
	if broken {
		follows.From = nil
	}
	return stubQuery{
		lineage: &model.Lineage{Target: sanSalvador, Entries: []model.LineageEntry{
			{Node: res, Distance: 1, Path: []model.Relation{convenes}},
			{Node: santiago, Distance: 2, Path: []model.Relation{follows, convenes}},
		}},
		paths: []model.Path{{Length: 2, Nodes: []model.Entity{santiago, res, sanSalvador}, Relations: []model.Relation{follows, convenes}}},
		cites: []model.Relation{convenes, follows},
	}
}

var plainQueries = []struct {
	name, query string
	vars        map[string]any
	plain       bool // the answer, or a list in it, takes the plain path
}{
	{"lineage", `{ instrumentsLeadingTo(conference: "x") { truncated target { id } entries { distance
		node { id kind title } path { type verb source from { id } to { id } } } } }`, nil, true},
	{"aliases, typename and fragments", `query { l: instrumentsLeadingTo(conference: "x") { __typename entries {
		d: distance node { __typename ...N ... on Instrument { symbol year aliases } ... on Conference { place } }
		path { ...R clause { index kind number text start end } } } } }
		fragment N on Entity { id title citedByCount }
		fragment R on Relation { id type direction verb through evidence document node { id } }`, nil, true},
	{"conditions", `query($with: Boolean!) { instrumentsLeadingTo(conference: "x") { entries {
		node { id title @include(if: $with) kind @skip(if: $with) } path { type @include(if: $with) verb } } } }`,
		map[string]any{"with": true}, true},
	{"conditions off", `query($with: Boolean!) { instrumentsLeadingTo(conference: "x") { entries {
		node { id title @include(if: $with) kind @skip(if: $with) } path { type @include(if: $with) verb } } } }`,
		map[string]any{"with": false}, true},
	{"interface lists", `{ paths(from: "a", to: "b") { length nodes { id ... on Conference { place } } relations { type from { id } } } }`, nil, true},
	{"a field with arguments", `{ paths(from: "a", to: "b") { nodes { id ... on Instrument { cites(first: 1) { type } } } } }`, nil, false},
	{"a list under a resolver", `{ paths(from: "a", to: "b") { length nodes { id ... on Instrument {
		cites(first: 2) { type verb from { id ... on Conference { place } } node { __typename id } } } } } }`, nil, true},
}

// stubServer serves the executable schema over q's answers.
func stubServer(q stubQuery) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: stubRoot{q: q}}))
	srv.AddTransport(transport.POST{})
	return srv
}

// answer runs query on srv.
func answer(t testing.TB, srv http.Handler, query string, vars map[string]any) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	return w.Body.Bytes()
}

// withoutPlain runs f with every object marshalled through gqlgen's path.
func withoutPlain(f func()) {
	saved := plain
	plain = gqlserial.NewPlain(nil)
	defer func() { plain = saved }()
	f()
}

func TestPlainMatchesGqlgen(t *testing.T) {
	for _, broken := range []bool{false, true} {
		srv := stubServer(stubData(broken))
		for _, tc := range plainQueries {
			name := tc.name
			if broken {
				name += ", a required value missing"
			}
			t.Run(name, func(t *testing.T) {
				got := answer(t, srv, tc.query, tc.vars)
				var want []byte
				withoutPlain(func() { want = answer(t, srv, tc.query, tc.vars) })
				if !bytes.Equal(got, want) {
					t.Errorf("plain path:\n%s\ngqlgen's path:\n%s", got, want)
				}
				wantErrors := broken && strings.Contains(tc.query, "from {")
				if bytes.Contains(got, []byte(`"errors"`)) != wantErrors {
					t.Errorf("errors in the answer: %v, want %v: %s", !wantErrors, wantErrors, got)
				}
			})
		}
	}
}

// TestPlainTaken: the plain path is taken where the selection allows, and
// only there (it allocates far less than gqlgen's path).
func TestPlainTaken(t *testing.T) {
	srv := stubServer(stubData(false))
	for _, tc := range plainQueries {
		t.Run(tc.name, func(t *testing.T) {
			allocs := func() float64 {
				return testing.AllocsPerRun(20, func() { answer(t, srv, tc.query, tc.vars) })
			}
			withPlain := allocs()
			var without float64
			withoutPlain(func() { without = allocs() })
			taken := withPlain < 0.9*without
			if taken != tc.plain {
				t.Errorf("allocations %.0f with the plain path, %.0f without: taken = %v, want %v", withPlain, without, taken, tc.plain)
			}
		})
	}
}
