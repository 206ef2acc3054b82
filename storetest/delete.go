package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph"
)

// testDeleteEdges: a reference deletes the relations from one node to
// another, narrowed by type and by key; a reference that selects nothing
// deletes nothing; the citations of the nodes no longer cited are counted
// again.
func testDeleteEdges(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	nodes0, rels0 := counts(t, s)
	recalls := g.edges[0] // 1412 CITES the declaration, RECALLING
	tests := []struct {
		name string
		refs []hemigraph.EdgeRef
		want int
	}{
		{"nothing between them", []hemigraph.EdgeRef{{From: declSantiago, To: res1412}}, 0},
		{"unknown node", []hemigraph.EdgeRef{{From: "no-such-node", To: res1412}}, 0},
		{"another type", []hemigraph.EdgeRef{{From: res1494, To: res1412, Type: hemigraph.RelConvenes}}, 0},
		{"by key", []hemigraph.EdgeRef{{From: res1412, To: declSantiago, Key: recalls.Key()}}, 1},
		{"by type, twice", []hemigraph.EdgeRef{{From: res1494, To: res1412, Type: hemigraph.RelMentions},
			{From: res1494, To: res1412, Type: hemigraph.RelMentions}}, 1},
		{"all between them", []hemigraph.EdgeRef{{From: res1494, To: res1412}}, 1},
	}
	deleted := 0
	for _, tt := range tests {
		n, err := s.DeleteEdges(t.Context(), tt.refs)
		check(t, "DeleteEdges "+tt.name, err)
		if n != tt.want {
			t.Errorf("%s: deleted %d, want %d", tt.name, n, tt.want)
		}
		deleted += n
	}
	if n, r := counts(t, s); n != nodes0 || r != rels0-deleted {
		t.Errorf("%d nodes and %d relations, want %d and %d", n, r, nodes0, rels0-deleted)
	}
	// 1412 still cites the declaration (BEARING IN MIND), 1494 no longer
	// cites 1412.
	if got := lookup(t, s, declSantiago).CitedByCount; got != 2 {
		t.Errorf("CitedByCount of %s = %d, want 2", declSantiago, got)
	}
	if got := lookup(t, s, res1412).CitedByCount; got != 0 {
		t.Errorf("CitedByCount of %s = %d, want 0", res1412, got)
	}
}

// testUndoDeleted: undoing a load that deleted nodes, with their
// relations, and relations on their own, brings back exactly what was
// there, citations counted again; the load lists what it deleted.
func testUndoDeleted(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	wantNodes, wantRels := snapshot(t, s)
	ctx := begin(t, s, "load-a", t0)
	dc, err := s.DeleteNodes(ctx, []string{res1494})
	check(t, "DeleteNodes", err)
	recalls := g.edges[0]
	n, err := s.DeleteEdges(ctx, []hemigraph.EdgeRef{{From: res1412, To: declSantiago, Key: recalls.Key()}})
	check(t, "DeleteEdges", err)
	if dc.Nodes != 1 || dc.Edges != 3 || n != 1 {
		t.Fatalf("deleted %+v and %d relations, want 1 node with 3 relations, and 1", dc, n)
	}
	w, err := s.LoadWrites(t.Context(), "load-a")
	check(t, "LoadWrites", err)
	gone := []string{g.edges[6].Key(), g.edges[7].Key(), g.edges[8].Key(), recalls.Key()}
	diff(t, "writes", hemigraph.LoadWrites{NodesDeleted: []string{res1494}, EdgesDeleted: sorted(gone)}, w)
	res, err := s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	diff(t, "result", hemigraph.UndoResult{NodesRestored: 1, EdgesRestored: 4}, res)
	gotNodes, gotRels := snapshot(t, s)
	diff(t, "nodes", wantNodes, gotNodes)
	diff(t, "relations", wantRels, gotRels)
}

// testUndoDeletedWrittenAgain: a load whose deleted node a later load
// wrote again is not undone — unless forced, when the node is as the
// first load found it.
func testUndoDeletedWrittenAgain(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, declSantiago), edges: []hemigraph.Edge{cites(res1412, declSantiago, "RECALLING", "recalls")}}.write(t, s)
	want := lookup(t, s, declSantiago)
	ctx := begin(t, s, "load-a", t0)
	_, err := s.DeleteNodes(ctx, []string{declSantiago})
	check(t, "DeleteNodes", err)
	later := begin(t, s, "load-b", t0.Add(time.Minute))
	again := node(declSantiago)
	again.Title = "Santiago Declaration"
	_, err = s.WriteNodes(later, []hemigraph.Node{again})
	check(t, "WriteNodes", err)
	before, beforeRels := snapshot(t, s)
	_, err = s.Undo(t.Context(), "load-a", false)
	if want := "node " + declSantiago + " was written again by load load-b"; !errors.Is(err, hemigraph.ErrConflict) || !strings.Contains(err.Error(), want) {
		t.Fatalf("Undo of a delete a later load wrote over: %v, want ErrConflict saying %q", err, want)
	}
	after, afterRels := snapshot(t, s)
	diff(t, "graph after a refused undo", before, after)
	diff(t, "relations after a refused undo", beforeRels, afterRels)
	res, err := s.Undo(t.Context(), "load-a", true)
	check(t, "Undo forced", err)
	diff(t, "forced result", hemigraph.UndoResult{NodesRestored: 1, EdgesRestored: 1}, res)
	diff(t, "node", want, lookup(t, s, declSantiago))
}

// undoChangedWrittenAnew returns a test: a load whose changed node a later
// load deleted and another write (under the load id anew, or unrecorded
// when anew is "") made anew is not undone, since undoing it would put
// what the first load found over the new node; the refusal names the
// write that made the node anew.
func undoChangedWrittenAnew(anew string) func(*testing.T, Store) {
	return func(t *testing.T, s Store) {
		graph{nodes: nodes(res1412)}.write(t, s) // unrecorded
		ctx := begin(t, s, "load-a", t0)
		retitled := node(res1412)
		retitled.Title = "Confidence- and Security-Building Measures"
		_, err := s.WriteNodes(ctx, []hemigraph.Node{retitled})
		check(t, "WriteNodes", err)
		_, err = s.DeleteNodes(begin(t, s, "load-b", t0.Add(time.Minute)), []string{res1412})
		check(t, "DeleteNodes", err)
		ctx, by := t.Context(), "an unrecorded write"
		if anew != "" {
			ctx, by = begin(t, s, anew, t0.Add(2*time.Minute)), "load "+anew
		}
		// A batch all new first, so that a store that writes a batch
		// differently when the last one was all new (neo4jstore's create)
		// makes the node anew that way.
		for _, id := range []string{res1409, res1412} {
			_, err = s.WriteNodes(ctx, nodes(id))
			check(t, "WriteNodes", err)
		}
		before, beforeRels := snapshot(t, s)
		_, err = s.Undo(t.Context(), "load-a", false)
		if want := res1412 + " was changed again by " + by; !errors.Is(err, hemigraph.ErrConflict) || !strings.Contains(err.Error(), want) {
			t.Fatalf("Undo of a change to a node made anew since: %v, want ErrConflict saying %q", err, want)
		}
		after, afterRels := snapshot(t, s)
		diff(t, "graph after a refused undo", before, after)
		diff(t, "relations after a refused undo", beforeRels, afterRels)
	}
}

// testUndoDeletedLater: a load whose records a later load deleted is not
// undone; once the later load is undone, it is.
func testUndoDeletedLater(t *testing.T, s Store) {
	ctx := begin(t, s, "load-a", t0)
	_, err := s.WriteNodes(ctx, nodes(res1412, declSantiago))
	check(t, "WriteNodes", err)
	_, err = s.WriteEdges(ctx, []hemigraph.Edge{cites(res1412, declSantiago, "RECALLING", "recalls")})
	check(t, "WriteEdges", err)
	later := begin(t, s, "load-b", t0.Add(time.Minute))
	_, err = s.DeleteNodes(later, []string{declSantiago})
	check(t, "DeleteNodes", err)
	if _, err := s.Undo(t.Context(), "load-a", false); !errors.Is(err, hemigraph.ErrConflict) {
		t.Fatalf("Undo of a load whose node a later load deleted: %v, want ErrConflict", err)
	}
	_, err = s.Undo(t.Context(), "load-b", false)
	check(t, "Undo of the later load", err)
	diff(t, "back", sorted([]string{declSantiago, res1412}), sorted(keys(mustSnapshot(t, s))))
	res, err := s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	diff(t, "result", hemigraph.UndoResult{NodesDeleted: 2, EdgesDeleted: 1}, res)
	if n, r := counts(t, s); n != 0 || r != 0 {
		t.Errorf("%d nodes and %d relations left, want none", n, r)
	}
}

// testUndoDeletedEdgeOrphan: a relation a load deleted cannot come back
// once a later load deleted one of its nodes: the undo is refused, and
// forced it brings back what it can.
func testUndoDeletedEdgeOrphan(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, res1494, declSantiago), edges: []hemigraph.Edge{
		cites(res1412, declSantiago, "RECALLING", "recalls"),
		cites(res1494, res1412, "RECALLING", "recalls 1412"),
	}}.write(t, s)
	ctx := begin(t, s, "load-a", t0)
	_, err := s.DeleteEdges(ctx, []hemigraph.EdgeRef{{From: res1412, To: declSantiago}, {From: res1494, To: res1412}})
	check(t, "DeleteEdges", err)
	later := begin(t, s, "load-b", t0.Add(time.Minute))
	_, err = s.DeleteNodes(later, []string{declSantiago})
	check(t, "DeleteNodes", err)
	if _, err := s.Undo(t.Context(), "load-a", false); !errors.Is(err, hemigraph.ErrConflict) {
		t.Fatalf("Undo of a deleted relation whose node is gone: %v, want ErrConflict", err)
	}
	res, err := s.Undo(t.Context(), "load-a", true)
	check(t, "Undo forced", err)
	diff(t, "forced result", hemigraph.UndoResult{EdgesRestored: 1}, res)
	if got := lookup(t, s, res1412).CitedByCount; got != 1 {
		t.Errorf("CitedByCount of %s = %d, want 1", res1412, got)
	}
}

func mustSnapshot(t *testing.T, s Store) map[string]hemigraph.Node {
	t.Helper()
	n, _ := snapshot(t, s)
	return n
}
