package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/golden"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
)

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// runCmd runs the command line as main would, with env as the environment.
func runCmd(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return env[k] }, &out, &errOut)
	return out.String(), errOut.String(), err
}

// TestParseSeed is the golden extraction of the seed resolution, resolved
// against the bundled corpus, as `hemigraph parse --format json` prints it.
func TestParseSeed(t *testing.T) {
	out, stderr, err := runCmd(t, nil, "parse", "../../data/corpus/documents/ag-res-1412-xxvi-o-96.txt",
		"--format", "json", "-catalog", "../../data/corpus")
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, stderr)
	}
	checkGolden(t, "parse-seed.golden.json", []byte(out))
	for _, want := range []string{
		`"symbol": "AG/RES. 1412 (XXVI-O/96)"`,
		`"date": "1996-06-07"`,
		`"plenary": 8`,
		`"id": "san-salvador-regional-conference-csbm-1998"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCmd(t, nil, "parse", "-catalog", "", empty)
	if err == nil || !strings.Contains(stderr, empty+":1:") {
		t.Errorf("err %v, stderr %q: want an error naming %s:1", err, stderr, empty)
	}
}

// TestLoadCommand runs `hemigraph load` on a file with bad records: refused
// with one line per bad record; with -skip-invalid, the valid ones load.
func TestLoadCommand(t *testing.T) {
	neo4jtest.Open(t) // wipes the graph, or skips without NEO4J_TEST_URI
	env := map[string]string{"NEO4J_URI": os.Getenv(neo4jtest.EnvURI)}
	out, stderr, err := runCmd(t, env, "load", "../../loader/testdata/mixed.jsonl")
	if err == nil {
		t.Fatalf("load of a bad file succeeded:\n%s", out)
	}
	for _, want := range []string{
		`mixed.jsonl:3: field "node.kind": unknown kind "Treaty"`,
		`mixed.jsonl:7: field "edge.to": no node has id "no-such-node"`,
		`mixed.jsonl:11: field "node.id": duplicate id "test-res-1-96"`,
		"load refused: 10 invalid record(s); nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "nodes: 0 created") {
		t.Errorf("summary %q: want nothing created", out)
	}
	out, stderr, err = runCmd(t, env, "load", "-skip-invalid", "../../loader/testdata/mixed.jsonl")
	if err != nil {
		t.Fatalf("load -skip-invalid: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "nodes: 2 created") || !strings.Contains(out, "edges: 1 created") {
		t.Errorf("summary %q: want 2 nodes and 1 edge created", out)
	}
}

func TestUsage(t *testing.T) {
	_, stderr, err := runCmd(t, nil, "frobnicate")
	if err == nil || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("err %v, stderr %q", err, stderr)
	}
}

// TestLoadsAndUndo loads a file, finds the load in `hemigraph loads`, and
// undoes it with `hemigraph load-undo`: the graph is empty again, and the
// load is listed as undone.
func TestLoadsAndUndo(t *testing.T) {
	neo4jtest.Open(t) // wipes the graph, or skips without NEO4J_TEST_URI
	env := map[string]string{"NEO4J_URI": os.Getenv(neo4jtest.EnvURI), "USER": "analyst"}
	out, stderr, err := runCmd(t, env, "load", "-skip-invalid", "../../loader/testdata/mixed.jsonl")
	if err != nil {
		t.Fatalf("load: %v\n%s", err, stderr)
	}
	i := strings.Index(out, "load: load-")
	if i < 0 {
		t.Fatalf("the summary names no load:\n%s", out)
	}
	id := strings.Fields(out[i+len("load: "):])[0]
	list, stderr, err := runCmd(t, env, "loads")
	if err != nil || !strings.Contains(list, id) || !strings.Contains(list, "analyst") || !strings.Contains(list, "done") {
		t.Fatalf("loads: %v\n%s%s", err, list, stderr)
	}
	show, _, err := runCmd(t, env, "loads", id)
	if err != nil || !strings.Contains(show, "created: 2 nodes, 1 relationships") || !strings.Contains(show, "mixed.jsonl") {
		t.Errorf("loads %s: %v\n%s", id, err, show)
	}
	undo, stderr, err := runCmd(t, env, "load-undo", id)
	if err != nil || !strings.Contains(undo, "2 nodes and 1 relationships deleted") {
		t.Fatalf("load-undo: %v\n%s%s", err, undo, stderr)
	}
	if _, stderr, err := runCmd(t, env, "load-undo", id); err == nil || !strings.Contains(stderr, "undone already") {
		t.Errorf("a second load-undo: %v\n%s", err, stderr)
	}
	list, _, _ = runCmd(t, env, "loads", "-json")
	var recs []hemigraph.LoadRecord
	if err := json.Unmarshal([]byte(list), &recs); err != nil || len(recs) != 1 || recs[0].Outcome != hemigraph.LoadUndone {
		t.Errorf("loads -json after the undo: %v %s", err, list)
	}
}
