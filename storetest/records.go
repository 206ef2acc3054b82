package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var recordTests = []test{
	{"BeginFinishRead", testRecordBeginFinish},
	{"NewestFirstAndPaging", testRecordPaging},
	{"DuplicateAndUnknown", testRecordErrors},
	{"WritesOfALoad", testRecordWrites},
	{"NotEntities", testRecordNotEntities},
}

var undoTests = []test{
	{"CreatedGoes", testUndoCreated},
	{"ChangedComesBack", testUndoChanged},
	{"KindComesBack", testUndoKind},
	{"LaterLoadConflicts", testUndoConflict},
	{"TwiceConflicts", testUndoTwice},
	{"DeletedComesBack", testUndoDeleted},
	{"DeletedWrittenAgainConflicts", testUndoDeletedWrittenAgain},
	{"ChangedMadeAnewByALoadConflicts", undoChangedWrittenAnew("load-c")},
	{"ChangedMadeAnewUnrecordedConflicts", undoChangedWrittenAnew("")},
	{"DeletedByLaterLoadConflicts", testUndoDeletedLater},
	{"DeletedEdgeLostItsNode", testUndoDeletedEdgeOrphan},
}

// begin starts a recorded load id and returns a context whose writes it
// records.
func begin(t *testing.T, s Store, id string, started time.Time) context.Context {
	t.Helper()
	check(t, "BeginLoad", s.BeginLoad(t.Context(), hemigraph.LoadRecord{ID: id, By: "data-team", Started: started,
		Inputs: []hemigraph.LoadInput{{Name: id + ".jsonl", Size: 42, SHA256: "ab12"}}, Options: map[string]string{"policy": "refuse"},
		Outcome: hemigraph.LoadRunning}))
	return hemigraph.WithLoad(t.Context(), id)
}

var t0 = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

// testRecordBeginFinish: a load's record reads back as begun, then as
// finished.
func testRecordBeginFinish(t *testing.T, s Store) {
	begin(t, s, "load-a", t0)
	got, err := s.Load(t.Context(), "load-a")
	check(t, "Load", err)
	want := hemigraph.LoadRecord{ID: "load-a", By: "data-team", Started: t0,
		Inputs: []hemigraph.LoadInput{{Name: "load-a.jsonl", Size: 42, SHA256: "ab12"}}, Options: map[string]string{"policy": "refuse"},
		Outcome: hemigraph.LoadRunning}
	diff(t, "begun", want, got)
	want.Finished, want.Outcome, want.Invalid = t0.Add(time.Second), hemigraph.LoadDone, 2
	want.Nodes, want.Edges = hemigraph.WriteCounts{Created: 3, Unchanged: 1}, hemigraph.WriteCounts{Updated: 2}
	check(t, "FinishLoad", s.FinishLoad(t.Context(), want))
	got, err = s.Load(t.Context(), "load-a")
	check(t, "Load", err)
	diff(t, "finished", want, got)
}

// testRecordPaging: loads list newest first, a page at a time after a
// load.
func testRecordPaging(t *testing.T, s Store) {
	for i, id := range []string{"load-1", "load-2", "load-3", "load-4"} {
		begin(t, s, id, t0.Add(time.Duration(i)*time.Minute))
	}
	begin(t, s, "load-0", t0.Add(3*time.Minute)) // started with load-4: id decides
	var got []string
	after := ""
	for range 10 {
		page, err := s.Loads(t.Context(), 2, after)
		check(t, "Loads", err)
		for _, r := range page {
			got = append(got, r.ID)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].ID
	}
	diff(t, "loads", []string{"load-4", "load-0", "load-3", "load-2", "load-1"}, got)
}

// testRecordErrors: a load id is begun once; an unknown one is not found.
func testRecordErrors(t *testing.T, s Store) {
	begin(t, s, "load-a", t0)
	if err := s.BeginLoad(t.Context(), hemigraph.LoadRecord{ID: "load-a", Started: t0}); !errors.Is(err, hemigraph.ErrConflict) {
		t.Errorf("BeginLoad again: %v, want ErrConflict", err)
	}
	if _, err := s.Load(t.Context(), "load-b"); !errors.Is(err, hemigraph.ErrNotFound) {
		t.Errorf("Load unknown: %v, want ErrNotFound", err)
	}
	if err := s.FinishLoad(t.Context(), hemigraph.LoadRecord{ID: "load-b", Outcome: hemigraph.LoadDone}); !errors.Is(err, hemigraph.ErrNotFound) {
		t.Errorf("FinishLoad unknown: %v, want ErrNotFound", err)
	}
	if _, err := s.Undo(t.Context(), "load-b", false); !errors.Is(err, hemigraph.ErrNotFound) {
		t.Errorf("Undo unknown: %v, want ErrNotFound", err)
	}
}

// testRecordWrites: what a recorded load creates and changes is listed as
// its writes; an unrecorded write is no load's.
func testRecordWrites(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, declSantiago)}.write(t, s) // unrecorded
	ctx := begin(t, s, "load-a", t0)
	retitled := node(declSantiago)
	retitled.Title = "Declaration of Santiago"
	_, err := s.WriteNodes(ctx, []hemigraph.Node{node(res1412), retitled, node(confSanSalvador)})
	check(t, "WriteNodes", err)
	_, err = s.WriteEdges(ctx, []hemigraph.Edge{edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene")})
	check(t, "WriteEdges", err)
	w, err := s.LoadWrites(t.Context(), "load-a")
	check(t, "LoadWrites", err)
	key := edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene").Key()
	diff(t, "writes", hemigraph.LoadWrites{NodesCreated: []string{confSanSalvador}, NodesChanged: []string{declSantiago},
		EdgesCreated: []string{key}}, w)
}

// testRecordNotEntities: load records are not nodes of the graph.
func testRecordNotEntities(t *testing.T, s Store) {
	ctx := begin(t, s, "load-a", t0)
	_, err := s.WriteNodes(ctx, nodes(res1412))
	check(t, "WriteNodes", err)
	n, r, err := s.Counts(t.Context())
	check(t, "Counts", err)
	diff(t, "counts", [2]int{1, 0}, [2]int{n, r})
	page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", First: 10})
	check(t, "FindNodes", err)
	diff(t, "entities", []string{res1412}, idsOf(page.Nodes))
}

// snapshot is what the tests compare a graph by: every node, and every
// relation of every node.
func snapshot(t *testing.T, s Store) (map[string]hemigraph.Node, map[string][]hemigraph.Relation) {
	t.Helper()
	page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", First: 1000})
	check(t, "FindNodes", err)
	byID := map[string]hemigraph.Node{}
	var all []string
	for _, n := range page.Nodes {
		byID[n.ID] = n
		all = append(all, n.ID)
	}
	rels, err := s.Relations(t.Context(), all, query.RelQuery{Direction: query.Outgoing, First: 1000})
	check(t, "Relations", err)
	for id, l := range rels {
		if len(l) == 0 {
			delete(rels, id)
		}
	}
	return byID, rels
}

// testUndoCreated: undoing a load deletes what it created, citations
// counted again.
func testUndoCreated(t *testing.T, s Store) {
	graph{nodes: nodes(declSantiago)}.write(t, s)
	wantNodes, wantRels := snapshot(t, s)
	ctx := begin(t, s, "load-a", t0)
	_, err := s.WriteNodes(ctx, nodes(res1412, confSanSalvador))
	check(t, "WriteNodes", err)
	_, err = s.WriteEdges(ctx, []hemigraph.Edge{
		edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene"),
		cites(res1412, declSantiago, "RECALLING", "recalling the declaration"),
	})
	check(t, "WriteEdges", err)
	if lookup(t, s, declSantiago).CitedByCount != 1 {
		t.Fatalf("citedByCount before the undo is not 1")
	}
	res, err := s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	diff(t, "result", hemigraph.UndoResult{NodesDeleted: 2, EdgesDeleted: 2}, res)
	gotNodes, gotRels := snapshot(t, s)
	diff(t, "nodes", wantNodes, gotNodes)
	diff(t, "relations", wantRels, gotRels)
	rec, err := s.Load(t.Context(), "load-a")
	check(t, "Load", err)
	if rec.Outcome != hemigraph.LoadUndone || rec.Undone.IsZero() {
		t.Errorf("record after undo: outcome %q, undone %v", rec.Outcome, rec.Undone)
	}
}

// testUndoChanged: undoing a load puts back, exactly, the properties it
// overwrote on nodes and relations that existed before it.
func testUndoChanged(t *testing.T, s Store) {
	base := graph{nodes: nodes(res1412, declSantiago, confSanSalvador), edges: []hemigraph.Edge{
		edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene"),
	}}
	base.write(t, s)
	wantNodes, wantRels := snapshot(t, s)
	ctx := begin(t, s, "load-a", t0)
	changed := node(declSantiago)
	changed.Title, changed.Place, changed.Aliases = "Santiago Declaration", "Santiago de Chile", append(changed.Aliases, "Declaración de Santiago")
	_, err := s.WriteNodes(ctx, []hemigraph.Node{changed, node(res1412)})
	check(t, "WriteNodes", err)
	e := edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene the San Salvador conference") // same key, new evidence
	_, err = s.WriteEdges(ctx, []hemigraph.Edge{e, cites(res1412, declSantiago, "RECALLING", "recalling")})
	check(t, "WriteEdges", err)
	res, err := s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	diff(t, "result", hemigraph.UndoResult{NodesRestored: 1, EdgesRestored: 1, EdgesDeleted: 1}, res)
	gotNodes, gotRels := snapshot(t, s)
	diff(t, "nodes", wantNodes, gotNodes)
	diff(t, "relations", wantRels, gotRels)
}

// testUndoKind: a node a load gave another kind is listed under its former
// kind again.
func testUndoKind(t *testing.T, s Store) {
	report := hemigraph.Node{ID: "csbm-meeting-1994", Kind: hemigraph.KindReport, Title: "Meeting of Experts on CSBMs", Date: "1994-03-15"}
	graph{nodes: []hemigraph.Node{report}}.write(t, s)
	ctx := begin(t, s, "load-a", t0)
	conf := report
	conf.Kind = hemigraph.KindConference
	_, err := s.WriteNodes(ctx, []hemigraph.Node{conf})
	check(t, "WriteNodes", err)
	_, err = s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	for _, c := range []struct {
		label string
		want  []string
	}{{"Instrument", []string{report.ID}}, {"Conference", nil}} {
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: c.label, First: 10})
		check(t, "FindNodes", err)
		diff(t, c.label, c.want, idsOf(page.Nodes))
	}
	diff(t, "node", report, lookup(t, s, report.ID))
}

// testUndoConflict: a load whose records a later load changed, or on
// whose nodes a later load wrote, is not undone — unless forced.
func testUndoConflict(t *testing.T, s Store) {
	ctx := begin(t, s, "load-a", t0)
	_, err := s.WriteNodes(ctx, nodes(res1412, confSanSalvador))
	check(t, "WriteNodes", err)
	later := begin(t, s, "load-b", t0.Add(time.Minute))
	retitled := node(res1412)
	retitled.Title = "Confidence- and Security-Building Measures"
	_, err = s.WriteNodes(later, []hemigraph.Node{retitled, node(declSantiago)})
	check(t, "WriteNodes", err)
	_, err = s.WriteEdges(later, []hemigraph.Edge{edge(res1412, hemigraph.RelConvenes, confSanSalvador, "to convene")})
	check(t, "WriteEdges", err)
	before, _ := snapshot(t, s)
	if _, err := s.Undo(t.Context(), "load-a", false); !errors.Is(err, hemigraph.ErrConflict) {
		t.Fatalf("Undo of a load a later one built on: %v, want ErrConflict", err)
	}
	after, _ := snapshot(t, s)
	diff(t, "graph after a refused undo", before, after)
	res, err := s.Undo(t.Context(), "load-a", true)
	check(t, "Undo forced", err)
	diff(t, "forced result", hemigraph.UndoResult{NodesDeleted: 2}, res)
	left, _ := snapshot(t, s)
	diff(t, "left", []string{declSantiago}, sorted(keys(left)))
}

// testUndoTwice: an undone load cannot be undone again.
func testUndoTwice(t *testing.T, s Store) {
	ctx := begin(t, s, "load-a", t0)
	_, err := s.WriteNodes(ctx, nodes(res1412))
	check(t, "WriteNodes", err)
	_, err = s.Undo(t.Context(), "load-a", false)
	check(t, "Undo", err)
	if _, err := s.Undo(t.Context(), "load-a", false); !errors.Is(err, hemigraph.ErrConflict) {
		t.Errorf("second Undo: %v, want ErrConflict", err)
	}
}

func keys(m map[string]hemigraph.Node) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
