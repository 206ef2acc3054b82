package loader_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/storetest"
)

// TestStreamMatchesLoad loads the same inputs by Load (held in memory) and
// by LoadStream (read as needed), under both policies and with the edges
// read before the nodes they join, with ids and edges repeated, and with
// the edge keys kept on disk: same summary, same errors, same graph.
func TestStreamMatchesLoad(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		policy  loader.Policy
		keyRuns int // edge keys held in memory before a run goes to disk; 0 for the default
	}{
		{"corpus", []string{corpusDir + "/oas-facts.jsonl"}, loader.RefuseAll, 0},
		{"bad records refused", []string{"testdata/mixed.jsonl"}, loader.RefuseAll, 0},
		{"bad records skipped", []string{"testdata/mixed.jsonl"}, loader.SkipInvalid, 0},
		{"edges before their nodes", []string{"testdata/edges.csv", "testdata/nodes.csv"}, loader.RefuseAll, 0},
		{"small batches", []string{corpusDir + "/oas-facts.jsonl"}, loader.SkipInvalid, 0},
		{"repeated ids and edges", []string{"testdata/repeats.jsonl"}, loader.SkipInvalid, 0},
		{"repeated, edge keys on disk", []string{"testdata/repeats.jsonl", "testdata/repeats.jsonl"}, loader.SkipInvalid, 2},
		{"corpus, edge keys on disk", []string{corpusDir + "/oas-facts.jsonl"}, loader.RefuseAll, 100},
		{"bad records, edge keys on disk", []string{"testdata/mixed.jsonl", "testdata/edges.csv", "testdata/nodes.csv"}, loader.SkipInvalid, 1},
		// The validation decodes a line of an edge in its second read only,
		// telling it by its first key; the others in its first.
		{"lines told apart by their first key", []string{"testdata/firstkeys.jsonl", "testdata/neither.csv", "testdata/mixed.jsonl"}, loader.SkipInvalid, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.keyRuns > 0 {
				loader.SetKeyRunSize(t, tc.keyRuns)
			}
			tmp := t.TempDir()
			var inputs []loader.Input
			for _, p := range tc.paths {
				in, err := loader.OpenFile(p)
				if err != nil {
					t.Fatal(err)
				}
				inputs = append(inputs, in)
			}
			batch := 0
			if tc.name == "small batches" {
				batch = 7
			}
			held, streamed := memstore.New(), memstore.New()
			b, readErrs, err := loader.ReadPaths(tc.paths)
			if err != nil {
				t.Fatal(err)
			}
			l1 := &loader.Loader{W: held, G: held, Policy: tc.policy, BatchSize: batch}
			sum1, errs1, err1 := l1.Load(ctx, b, readErrs)
			l2 := &loader.Loader{W: streamed, G: streamed, Policy: tc.policy, BatchSize: batch, TempDir: tmp}
			sum2, errs2, err2 := l2.LoadStream(ctx, inputs, nil, nil)
			if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
				t.Errorf("the load left %v in its temporary folder (%v)", left, err)
			}
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("errors: held %v, streamed %v", err1, err2)
			}
			ignore := cmpopts.IgnoreFields(loader.Summary{}, "Took", "Load")
			if diff := cmp.Diff(sum1, sum2, ignore); diff != "" {
				t.Errorf("summary (-held +streamed):\n%s", diff)
			}
			if diff := cmp.Diff(errStrings(errs1), errStrings(errs2), cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
				t.Errorf("errors (-held +streamed):\n%s", diff)
			}
			if diff := cmp.Diff(graphOf(t, held), graphOf(t, streamed)); diff != "" {
				t.Errorf("graph (-held +streamed):\n%s", diff)
			}
		})
	}
}

func errStrings(errs []error) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

// graphOf reads back every node and relation of s, with all their fields.
func graphOf(t *testing.T, s storetest.Store) []string {
	t.Helper()
	page, err := s.FindNodes(context.Background(), query.FindQuery{Label: "Entity", First: 100000})
	if err != nil {
		t.Fatal(err)
	}
	var ids, out []string
	for _, n := range page.Nodes {
		ids = append(ids, n.ID)
		out = append(out, fmt.Sprintf("%+v", n))
	}
	rels, err := s.Relations(context.Background(), ids, query.RelQuery{Direction: query.Outgoing, First: 100000})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		for _, r := range rels[id] {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
		}
	}
	return out
}

// failingWriter is a memory store whose write number failAt (counted from
// 1) fails; it counts the writes asked of it after that.
type failingWriter struct {
	*memstore.Store
	failAt, calls, after int
}

var errWriteFailed = errors.New("the database went away")

func (w *failingWriter) write() error {
	w.calls++
	switch {
	case w.calls == w.failAt:
		return errWriteFailed
	case w.calls > w.failAt:
		w.after++
	}
	return nil
}

func (w *failingWriter) WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error) {
	if err := w.write(); err != nil {
		return hemigraph.WriteCounts{}, err
	}
	return w.Store.WriteNodes(ctx, nodes)
}

func (w *failingWriter) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error) {
	if err := w.write(); err != nil {
		return hemigraph.WriteCounts{}, err
	}
	return w.Store.WriteEdges(ctx, edges)
}

// TestStreamWriteFails: when a batch fails, the streamed load stops: it
// returns that error, asks for no write after it, and its summary counts
// the batches written before, which stay.
func TestStreamWriteFails(t *testing.T) {
	for _, failAt := range []int{1, 3, 12} {
		t.Run(fmt.Sprint(failAt), func(t *testing.T) {
			in, err := loader.OpenFile(corpusDir + "/oas-facts.jsonl")
			if err != nil {
				t.Fatal(err)
			}
			w := &failingWriter{Store: memstore.New(), failAt: failAt}
			l := &loader.Loader{W: w, G: w.Store, BatchSize: 50}
			sum, _, err := l.LoadStream(context.Background(), []loader.Input{in}, nil, nil)
			if !errors.Is(err, errWriteFailed) {
				t.Fatalf("LoadStream: %v, want the write's error", err)
			}
			if w.after != 0 || w.calls != failAt {
				t.Errorf("%d writes asked, %d after the failure; want %d and none", w.calls, w.after, failAt)
			}
			n, r, err := w.Counts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := sum.Nodes.Created + sum.Edges.Created; got != n+r {
				t.Errorf("summary counts %d created, the store holds %d", got, n+r)
			}
		})
	}
}
