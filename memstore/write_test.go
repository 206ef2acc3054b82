package memstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
)

// TestWriteCounts writes a sequence of batches and checks what each
// reports, as neo4jstore counts it: created, updated (a property changed)
// and unchanged; a rerun changes nothing; a row listed twice in a batch is
// created once and updated once.
func TestWriteCounts(t *testing.T) {
	s := memstore.New()
	node := func(id, title string) hemigraph.Node {
		return hemigraph.Node{ID: id, Kind: hemigraph.KindResolution, Title: title}
	}
	edge := func(from, to, evidence string) hemigraph.Edge {
		return hemigraph.Edge{From: from, To: to, Type: hemigraph.RelRequests, Provenance: hemigraph.Provenance{Source: "test", Evidence: evidence}}
	}
	steps := []struct {
		name  string
		nodes []hemigraph.Node
		edges []hemigraph.Edge
		want  hemigraph.WriteCounts
	}{
		{"new nodes", []hemigraph.Node{node("a", "A"), node("b", "B")}, nil, hemigraph.WriteCounts{Created: 2}},
		{"same, changed, new", []hemigraph.Node{node("a", "A"), node("b", "B2"), node("c", "C")}, nil,
			hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}},
		{"node rerun", []hemigraph.Node{node("a", "A"), node("b", "B2"), node("c", "C")}, nil, hemigraph.WriteCounts{Unchanged: 3}},
		{"one node twice", []hemigraph.Node{node("d", "D"), node("d", "D")}, nil, hemigraph.WriteCounts{Created: 1, Updated: 1}},
		{"empty fields erase nothing", []hemigraph.Node{{ID: "a", Kind: hemigraph.KindResolution, Title: "A"}}, nil,
			hemigraph.WriteCounts{Unchanged: 1}},
		{"a new field", []hemigraph.Node{{ID: "a", Kind: hemigraph.KindResolution, Title: "A", Date: "1996"}}, nil,
			hemigraph.WriteCounts{Updated: 1}},
		{"another kind", []hemigraph.Node{{ID: "c", Kind: hemigraph.KindDeclaration, Title: "C"}}, nil,
			hemigraph.WriteCounts{Updated: 1}},
		{"unknown kind skipped", []hemigraph.Node{{ID: "z", Kind: "Treaty", Title: "Z"}}, nil, hemigraph.WriteCounts{}},
		{"new edges", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "x")}, hemigraph.WriteCounts{Created: 2}},
		{"same, changed, new edges", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "y"), edge("b", "c", "x")},
			hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}},
		{"edge rerun", nil, []hemigraph.Edge{edge("a", "b", "x"), edge("a", "c", "y"), edge("b", "c", "x")},
			hemigraph.WriteCounts{Unchanged: 3}},
		{"one edge twice", nil, []hemigraph.Edge{edge("d", "a", "x"), edge("d", "a", "x")}, hemigraph.WriteCounts{Created: 1, Updated: 1}},
		{"two types", nil, []hemigraph.Edge{edge("d", "a", "x"), e("d", hemigraph.RelCites, "a")},
			hemigraph.WriteCounts{Created: 1, Unchanged: 1}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var got hemigraph.WriteCounts
			var err error
			if st.nodes != nil {
				got, err = s.WriteNodes(t.Context(), st.nodes)
			} else {
				got, err = s.WriteEdges(t.Context(), st.edges)
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(st.want, got); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
	nodes, rels, err := s.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if nodes != 4 || rels != 5 {
		t.Errorf("graph has %d nodes and %d relationships, want 4 and 5", nodes, rels)
	}
}

// TestWriteMerge checks what a write leaves behind: empty fields keep the
// values written before, derived values follow the date and symbol, and a
// node that changes kind keeps the labels of both (as Neo4j does).
func TestWriteMerge(t *testing.T) {
	s := memstore.New()
	ctx := t.Context()
	first := hemigraph.Node{ID: "r", Kind: hemigraph.KindResolution, Title: "Old", Symbol: "AG/RES. 1412 (XXVI-O/96)",
		Date: "1996-06-07", Place: "Panama", Aliases: []string{"one"}, Source: "s1"}
	if _, err := s.WriteNodes(ctx, []hemigraph.Node{first}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteNodes(ctx, []hemigraph.Node{{ID: "r", Kind: hemigraph.KindConference, Title: "New", Date: "1997"}}); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.LookupNodes(ctx, []string{"r"}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []hemigraph.Node{{ID: "r", Kind: hemigraph.KindConference, Title: "New", Symbol: "AG/RES. 1412 (XXVI-O/96)",
		Date: "1997", Place: "Panama", Aliases: []string{"one"}, Source: "s1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged node (-want +got):\n%s", diff)
	}
	tests := []struct {
		name   string
		label  string
		filter query.Filter
		want   []string
	}{
		{"year from the new date", "Entity", query.Filter{YearFrom: new(1997), YearTo: new(1997)}, []string{"r"}},
		{"date start from the new date", "Entity", query.Filter{DateFrom: "1997-01-01", DateTo: "1997-01-01"}, []string{"r"}},
		{"symbol key kept", "Entity", query.Filter{SymbolPrefix: "ag/res 1412"}, []string{"r"}},
		{"no longer an instrument", "Instrument", query.Filter{}, nil},
		{"and a conference", "Conference", query.Filter{}, []string{"r"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := s.FindNodes(ctx, query.FindQuery{Label: tc.label, Filter: tc.filter, First: 10})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(page.Nodes)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWriteEdgesMissingEndpoint: a call with a missing endpoint names the
// type of the row and writes nothing, of that type or of the types before
// it.
func TestWriteEdgesMissingEndpoint(t *testing.T) {
	s := seeded(t, []hemigraph.Node{n("a", hemigraph.KindResolution, ""), n("b", hemigraph.KindResolution, "")}, nil)
	_, err := s.WriteEdges(t.Context(), []hemigraph.Edge{
		e("a", hemigraph.RelCites, "b"),
		e("a", hemigraph.RelMentions, "b"), e("a", hemigraph.RelMentions, "nobody"),
	})
	if err == nil || !strings.Contains(err.Error(), "MENTIONS") {
		t.Fatalf("err = %v, want one naming the MENTIONS batch", err)
	}
	_, rels, _ := s.Counts(t.Context())
	if rels != 0 {
		t.Errorf("%d relationships written, want none", rels)
	}
	missing, err := s.MissingIDs(t.Context(), []string{"a", "nobody", "b", "nobody"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"nobody", "nobody"}, missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
}

// TestCitedByCount: the count of distinct citing nodes follows writes,
// reruns, refused batches and deletions.
func TestCitedByCount(t *testing.T) {
	var nodes []hemigraph.Node
	for _, id := range []string{"a", "b", "c", "x", "y"} {
		nodes = append(nodes, n(id, hemigraph.KindResolution, ""))
	}
	cites := func(from, to, verb string) hemigraph.Edge {
		c := e(from, hemigraph.RelCites, to)
		c.Verb = verb
		return c
	}
	edges := []hemigraph.Edge{
		cites("a", "x", "RECALLING"), cites("a", "x", "NOTING"),
		cites("b", "x", "RECALLING"), cites("c", "x", "RECALLING"),
		cites("a", "y", "RECALLING"), e("b", hemigraph.RelMentions, "y"),
	}
	s := seeded(t, nodes, edges)
	ctx := t.Context()
	counts := func() string {
		page, err := s.FindNodes(ctx, query.FindQuery{Label: "Entity", First: 10, Order: query.Order{Field: query.OrderCitedBy, Desc: true}})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i, n := range page.Nodes {
			if k := page.Cursors[i].Key.(int64); int(k) != n.CitedByCount {
				t.Errorf("%s: cursor key %d, citedByCount %d", n.ID, k, n.CitedByCount)
			}
			out = append(out, n.ID+":"+string(rune('0'+n.CitedByCount)))
		}
		return strings.Join(out, " ")
	}
	steps := []struct {
		name  string
		write []hemigraph.Edge
		del   []string
		want  string
	}{
		{"written", nil, nil, "x:3 y:1 c:0 b:0 a:0"},
		{"rerun", edges, nil, "x:3 y:1 c:0 b:0 a:0"},
		{"one more citing node", []hemigraph.Edge{cites("c", "y", "NOTING")}, nil, "x:3 y:2 c:0 b:0 a:0"},
		{"a second clause", []hemigraph.Edge{cites("c", "y", "RECALLING")}, nil, "x:3 y:2 c:0 b:0 a:0"},
		{"a refused batch", []hemigraph.Edge{cites("b", "y", "RECALLING"), cites("b", "nobody", "RECALLING")}, nil, "x:3 y:2 c:0 b:0 a:0"},
		{"deleting a citing node", nil, []string{"a"}, "x:2 y:1 c:0 b:0"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.write != nil {
				s.WriteEdges(ctx, st.write) // the refused batch fails
			}
			if st.del != nil {
				if _, err := s.DeleteNodes(ctx, st.del); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(st.want, counts()); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEdgeRoundTrip: an edge reads back as written, its key as its id.
func TestEdgeRoundTrip(t *testing.T) {
	in := hemigraph.Edge{From: "a", To: "b", Type: hemigraph.RelInstructs, Verb: "Instructs", Through: "c",
		Provenance: hemigraph.Provenance{Document: "a", Evidence: "instructs the council",
			Clause: &hemigraph.ClauseRef{Index: 3, Kind: "operative", Number: 2, Text: "2. To instruct", Start: 3, End: 12}}}
	s := seeded(t, []hemigraph.Node{n("a", hemigraph.KindResolution, ""), n("b", hemigraph.KindBody, ""), n("c", hemigraph.KindBody, "")},
		[]hemigraph.Edge{in})
	got, err := s.EdgesOf(t.Context(), "b")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]hemigraph.Edge{in}, got); diff != "" {
		t.Errorf("EdgesOf (-want +got):\n%s", diff)
	}
	rels, err := s.Relations(t.Context(), []string{"a"}, query.RelQuery{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := rels["a"][0]; r.ID != in.Key() || r.FromNode.ID != "a" || r.ToNode.ID != "b" || !r.Outgoing {
		t.Errorf("relation = %+v", r)
	}
}

// TestContextDone: a store refuses work under a context that is done.
func TestContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s := memstore.New()
	if err := s.Ping(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Ping: err = %v", err)
	}
	if _, err := s.WriteNodes(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteNodes: err = %v", err)
	}
}
