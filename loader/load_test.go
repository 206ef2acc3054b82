package loader_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/storetest"
)

const corpusDir = "../data/corpus"

func readPaths(t *testing.T, paths ...string) (*loader.Batch, []error) {
	t.Helper()
	b, errs, err := loader.ReadPaths(paths)
	if err != nil {
		t.Fatal(err)
	}
	return b, errs
}

// eachStore runs test on the in-memory store, and on the test Neo4j when
// it is enabled (always in CI); open gives an empty store of that kind (on
// Neo4j, the one database, wiped).
func eachStore(t *testing.T, test func(t *testing.T, open func(t *testing.T) storetest.Store)) {
	t.Helper()
	t.Run("memory", func(t *testing.T) {
		test(t, func(t *testing.T) storetest.Store { return memstore.New() })
	})
	if neo4jtest.Enabled() {
		t.Run("neo4j", func(t *testing.T) {
			test(t, func(t *testing.T) storetest.Store { return neo4jtest.Open(t) })
		})
	}
}

func counts(t *testing.T, s storetest.Store) [2]int {
	t.Helper()
	n, r, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return [2]int{n, r}
}

// TestLoadCorpusTwice loads the bundled corpus twice: the first load
// creates every record, the second creates and changes nothing.
func TestLoadCorpusTwice(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		b, errs := readPaths(t, corpusDir)
		if len(errs) > 0 {
			t.Fatalf("bundled corpus has invalid records: %v", errs)
		}
		l := &loader.Loader{W: s, G: s, BatchSize: 100}
		first, errs, err := l.Load(ctx, b, nil)
		if err != nil || len(errs) > 0 {
			t.Fatalf("first load: %v %v", err, errs)
		}
		// The bulk nodes, and the one placeholder the bundled document adds (a
		// report the corpus does not hold).
		if first.Nodes.Created != len(b.Nodes)+1 || first.Edges.Created == 0 {
			t.Errorf("first load created %d nodes (want %d) and %d edges", first.Nodes.Created, len(b.Nodes)+1, first.Edges.Created)
		}
		after1 := counts(t, s)
		if after1 != [2]int{first.Nodes.Created, first.Edges.Created} {
			t.Errorf("graph holds %v after the first load, summary says %d nodes, %d edges", after1, first.Nodes.Created, first.Edges.Created)
		}

		second, _, err := l.Load(ctx, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := loader.Summary{
			Nodes:     hemigraph.WriteCounts{Unchanged: first.Nodes.Created},
			Edges:     hemigraph.WriteCounts{Unchanged: first.Edges.Created},
			Documents: first.Documents,
			Skipped:   first.Skipped,
		}
		if second.Load == "" || second.Load == first.Load {
			t.Errorf("loads recorded as %q then %q: want two records", first.Load, second.Load)
		}
		second.Took, second.Load = 0, ""
		if diff := cmp.Diff(want, second); diff != "" {
			t.Errorf("second load (-want +got):\n%s", diff)
		}
		if got := counts(t, s); got != after1 {
			t.Errorf("counts after rerun = %v, want %v", got, after1)
		}
	})
}

// TestLoadRefusesBadFile: under the default policy a file with any bad
// record writes nothing, and every bad record is reported with its line.
func TestLoadRefusesBadFile(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		before := counts(t, s)
		b, readErrs := readPaths(t, "testdata/mixed.jsonl")
		l := &loader.Loader{W: s}
		_, errs, err := l.Load(ctx, b, readErrs)
		if !errors.Is(err, loader.ErrRefused) {
			t.Fatalf("Load error = %v, want ErrRefused", err)
		}
		if got := counts(t, s); got != before {
			t.Errorf("refused load changed the graph: %v -> %v", before, got)
		}
		lines := errorLines(errs)
		// 8 errors from the reader, then the duplicate id and the dangling edge.
		want := []string{"3", "4", "5", "8", "10", "12", "13", "14", "11", "7"}
		if diff := cmp.Diff(want, lines); diff != "" {
			t.Errorf("error lines (-want +got):\n%s", diff)
		}
		for _, e := range errs {
			if !errors.Is(e, hemigraph.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", e)
			}
		}
	})
}

// TestLoadSkipInvalid: with SkipInvalid the graph holds exactly the valid
// records.
func TestLoadSkipInvalid(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		b, readErrs := readPaths(t, "testdata/mixed.jsonl")
		l := &loader.Loader{W: s, Policy: loader.SkipInvalid}
		sum, errs, err := l.Load(ctx, b, readErrs)
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) != 10 || sum.Invalid != 10 {
			t.Errorf("%d errors, summary says %d invalid; want 10", len(errs), sum.Invalid)
		}
		if got := counts(t, s); got != [2]int{2, 1} {
			t.Errorf("graph holds %v nodes/rels, want the 2 valid nodes and 1 valid edge", got)
		}
		ns, _, err := s.LookupNodes(ctx, []string{"test-res-1-96"}, 0, nil)
		if err != nil || len(ns) != 1 {
			t.Fatal(ns, err)
		}
		if n := ns[0]; n.Title != "Test Resolution" {
			t.Errorf("title = %q: the duplicate on line 11 must not overwrite the first definition", n.Title)
		}
		rels, err := s.Relations(ctx, []string{"test-res-1-96"}, query.RelQuery{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := rels["test-res-1-96"]; len(got) != 1 || got[0].Type != hemigraph.RelConvenes || got[0].Evidence != "operative 1" {
			t.Errorf("relations = %+v, want the one CONVENES edge with its evidence", got)
		}
	})
}

// TestLoadUpdatesAndEndpointsInGraph: a later load may point edges at nodes
// loaded earlier, and a changed property is an update, not a new node.
func TestLoadUpdatesAndEndpointsInGraph(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		l := &loader.Loader{W: s}
		load := func(jsonl string) loader.Summary {
			t.Helper()
			b, errs := loader.ReadJSONL(strings.NewReader(jsonl), "inline")
			sum, errs, err := l.Load(ctx, b, errs)
			if err != nil || len(errs) > 0 {
				t.Fatalf("load: %v %v", err, errs)
			}
			return sum
		}
		load(`{"node":{"id":"x-body","kind":"Body","title":"X Body","source":"s"}}`)
		sum := load(`{"node":{"id":"x-res","kind":"Resolution","title":"X","source":"s"}}
{"edge":{"from":"x-res","to":"x-body","type":"INSTRUCTS","source":"s"}}`)
		if sum.Nodes.Created != 1 || sum.Edges.Created != 1 {
			t.Errorf("summary %+v, want 1 node and 1 edge created", sum)
		}
		sum = load(`{"node":{"id":"x-body","kind":"Body","title":"X Body, renamed","source":"s"}}`)
		if sum.Nodes != (hemigraph.WriteCounts{Updated: 1}) {
			t.Errorf("nodes %+v, want one update", sum.Nodes)
		}
		if got := counts(t, s); got != [2]int{2, 1} {
			t.Errorf("counts = %v, want 2 nodes, 1 relationship", got)
		}
	})
}

func errorLines(errs []error) []string {
	var out []string
	for _, e := range errs {
		var re *loader.RecordError
		if !errors.As(e, &re) {
			out = append(out, "not a RecordError: "+e.Error())
			continue
		}
		out = append(out, strings.TrimPrefix(re.Pos.String(), "testdata/mixed.jsonl:"))
	}
	return out
}

func TestMain(m *testing.M) {
	// The corpus path is relative to this package.
	if _, err := os.Stat(corpusDir); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// TestLoadRecordedAndUndone loads a file through LoadInputs: the load is
// recorded with who ran it, its input's size and hash, its policy and its
// counts, and undoing it leaves the graph as it was; a refused load is
// recorded too, having written nothing.
func TestLoadRecordedAndUndone(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		in, err := loader.OpenFile(corpusDir + "/oas-facts.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		l := &loader.Loader{W: s, G: s, By: "data-team"}
		sum, errs, err := l.LoadInputs(ctx, []loader.Input{in})
		if err != nil || len(errs) > 0 {
			t.Fatalf("load: %v %v", err, errs)
		}
		rec, err := s.Load(ctx, sum.Load)
		if err != nil {
			t.Fatal(err)
		}
		want := hemigraph.LoadRecord{ID: sum.Load, By: "data-team", Inputs: []hemigraph.LoadInput{{Name: in.Name, Size: in.Size, SHA256: in.SHA256}},
			Options: map[string]string{"policy": "refuse"}, Nodes: sum.Nodes, Edges: sum.Edges, Outcome: hemigraph.LoadDone}
		if diff := cmp.Diff(want, rec, cmpopts.IgnoreFields(hemigraph.LoadRecord{}, "Started", "Finished")); diff != "" {
			t.Errorf("record (-want +got):\n%s", diff)
		}
		if len(in.SHA256) != 64 || in.Size == 0 || rec.Finished.Before(rec.Started) {
			t.Errorf("input %+v, started %v, finished %v", in, rec.Started, rec.Finished)
		}
		res, err := s.Undo(ctx, sum.Load, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.NodesDeleted != sum.Nodes.Created || res.EdgesDeleted != sum.Edges.Created {
			t.Errorf("undo deleted %d nodes and %d edges, the load created %d and %d", res.NodesDeleted, res.EdgesDeleted, sum.Nodes.Created, sum.Edges.Created)
		}
		if got := counts(t, s); got != [2]int{0, 0} {
			t.Errorf("graph after the undo holds %v nodes/rels, want none", got)
		}

		bad, err := os.CreateTemp(t.TempDir(), "bad-*.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		bad.WriteString(`{"node": {"id": "x-1", "kind": "Resolution", "title": "X"}}` + "\n" + `{"node": {"id": "x-2", "kind": "Nonsense", "title": "Y"}}` + "\n")
		bad.Close()
		in, err = loader.OpenFile(bad.Name())
		if err != nil {
			t.Fatal(err)
		}
		sum, _, err = l.LoadInputs(ctx, []loader.Input{in})
		if !errors.Is(err, loader.ErrRefused) {
			t.Fatalf("load of a bad file: %v, want ErrRefused", err)
		}
		if rec, err := s.Load(ctx, sum.Load); err != nil || rec.Outcome != hemigraph.LoadRefused || rec.Invalid != 1 {
			t.Errorf("refused load's record: %+v, %v", rec, err)
		}
		if got := counts(t, s); got != [2]int{0, 0} {
			t.Errorf("a refused load wrote %v", got)
		}
	})
}
