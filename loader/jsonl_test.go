package loader_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/internal/golden"
	"github.com/hemigraph/hemigraph/loader"
)

// golden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// TestReadJSONLErrors reads a file mixing valid and bad records: every bad
// line gets one error naming file, line and field, and the valid records
// are kept.
func TestReadJSONLErrors(t *testing.T) {
	f, err := os.Open("testdata/mixed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, errs := loader.ReadJSONL(f, "testdata/mixed.jsonl")
	var out strings.Builder
	for _, e := range errs {
		out.WriteString(e.Error() + "\n")
	}
	checkGolden(t, "mixed.errors.golden", out.String())

	var ids []string
	for _, n := range b.Nodes {
		ids = append(ids, n.Node.ID+"@"+n.Pos.String())
	}
	for _, e := range b.Edges {
		ids = append(ids, e.Edge.From+"->"+e.Edge.To+"@"+e.Pos.String())
	}
	want := []string{
		"test-conference-1995@testdata/mixed.jsonl:1",
		"test-res-1-96@testdata/mixed.jsonl:2",
		"test-res-1-96@testdata/mixed.jsonl:11", // duplicates are the loader's concern
		"test-res-1-96->test-conference-1995@testdata/mixed.jsonl:6",
		"test-res-1-96->no-such-node@testdata/mixed.jsonl:7", // dangling: found by the loader
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("records kept (-want +got):\n%s", diff)
	}
}

func TestReadJSONLLines(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		nodes   int
		edges   int
		wantErr string // substring of the only error; "" for none
	}{
		{"empty", "", 0, 0, ""},
		{"blank lines", "\n\n  \n", 0, 0, ""},
		{"node", `{"node":{"id":"x","kind":"Body","title":"X","source":"s"}}`, 1, 0, ""},
		{"edge", `{"edge":{"from":"x","to":"y","type":"PART_OF","source":"s"}}`, 0, 1, ""},
		{"not an object", `"node"`, 0, 0, `in:1: want an object with a "node" or an "edge", got a JSON string`},
		{"bad JSON", `{"node":`, 0, 0, "in:1: bad JSON"},
		{"neither", `{}`, 0, 0, `in:1: want an object with a "node" or an "edge"`},
		{"two values", `{"node":{"id":"x","kind":"Body","title":"X","source":"s"}} {}`, 0, 0, "in:1: more than one JSON value"},
		{"missing title", `{"node":{"id":"x","kind":"Body","source":"s"}}`, 0, 0, `in:1: field "node.title": missing`},
		{"edge missing type", `{"edge":{"from":"x","to":"y","source":"s"}}`, 0, 0, `in:1: field "edge.type": missing`},
		{"wrong type", `{"node":{"id":"x","kind":"Body","title":"X","aliases":"one"}}`, 0, 0, `in:1: field "node.aliases": want a []string`},
		{"unknown field", `{"nodes":{}}`, 0, 0, `in:1: field "nodes": unknown field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, errs := loader.ReadJSONL(strings.NewReader(tt.in), "in")
			if len(b.Nodes) != tt.nodes || len(b.Edges) != tt.edges {
				t.Errorf("got %d nodes, %d edges; want %d, %d", len(b.Nodes), len(b.Edges), tt.nodes, tt.edges)
			}
			switch {
			case tt.wantErr == "" && len(errs) > 0:
				t.Errorf("errors = %v, want none", errs)
			case tt.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.wantErr)):
				t.Errorf("errors = %v, want one containing %q", errs, tt.wantErr)
			}
		})
	}
}

// TestReadJSONLChunks: cut into many chunks decoded by several workers, a
// read hands on the same records and errors, in the same order, as one
// chunk read by one worker.
func TestReadJSONLChunks(t *testing.T) {
	mixed, err := os.ReadFile("testdata/mixed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	in := strings.Repeat(string(mixed)+"\n\n", 40)
	read := func(chunk, workers int) string {
		loader.SetJSONLChunk(t, chunk, workers)
		b, errs := loader.ReadJSONL(strings.NewReader(in), "in.jsonl")
		var out strings.Builder
		for _, n := range b.Nodes {
			out.WriteString("node " + n.Node.ID + " " + n.Pos.String() + "\n")
		}
		for _, e := range b.Edges {
			out.WriteString("edge " + e.Edge.Key() + " " + e.Pos.String() + "\n")
		}
		for _, e := range errs {
			out.WriteString(e.Error() + "\n")
		}
		return out.String()
	}
	want := read(1<<20, 1)
	if strings.Count(want, "\n") < 40*10 {
		t.Fatalf("too little read: %s", want)
	}
	for _, c := range []struct{ chunk, workers int }{{1, 2}, {40, 3}, {300, 8}} {
		if got := read(c.chunk, c.workers); got != want {
			t.Errorf("chunks of %d bytes, %d workers:\n%s", c.chunk, c.workers, cmp.Diff(want, got))
		}
	}
}
