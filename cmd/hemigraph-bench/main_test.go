package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/bench/harness"
	"github.com/hemigraph/hemigraph/internal/golden"
)

// golden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// env returns a getenv over m.
func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// TestUsage checks what the command line prints when asked for help or
// given no command or a wrong one. The golden files were first written by
// the command before it became a thin main.
func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name           string
		args           []string
		stdout, stderr string // golden files, "" for nothing printed
		err            string
	}{
		{"no command", nil, "", "usage.golden", "no command"},
		{"unknown command", []string{"frob"}, "", "usage.golden", `unknown command "frob"`},
		{"gen -h", []string{"gen", "-h"}, "", "usage-gen.golden", flag.ErrHelp.Error()},
		{"run -h", []string{"run", "-h"}, "", "usage-run.golden", flag.ErrHelp.Error()},
		{"rawserve -h", []string{"rawserve", "-h"}, "", "usage-rawserve.golden", flag.ErrHelp.Error()},
		{"explain -h", []string{"explain", "-h"}, "usage-explain.golden", "", flag.ErrHelp.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, env(nil), &stdout, &stderr)
			if err == nil || err.Error() != tc.err {
				t.Errorf("err = %v, want %q", err, tc.err)
			}
			for _, out := range []struct {
				golden string
				got    *bytes.Buffer
			}{{tc.stdout, &stdout}, {tc.stderr, &stderr}} {
				if out.golden == "" {
					if out.got.Len() > 0 {
						t.Errorf("printed %q, want nothing", out.got)
					}
					continue
				}
				checkGolden(t, out.golden, out.got.String())
			}
		})
	}
}

// TestRunGen checks that gen writes the same corpus to stdout and to -o.
func TestRunGen(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"gen", "-n", "30", "-seed", "2"}, env(nil), &stdout, &stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, &stderr)
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	var none bytes.Buffer
	if err := run(context.Background(), []string{"gen", "-n", "30", "-seed", "2", "-o", path}, env(nil), &none, &stderr); err != nil {
		t.Fatalf("gen -o: %v\n%s", err, &stderr)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.Len() == 0 || !bytes.Equal(file, stdout.Bytes()) || none.Len() != 0 {
		t.Errorf("gen -o wrote %d bytes (and %d to stdout), gen %d to stdout: want the same bytes", len(file), none.Len(), stdout.Len())
	}
}

func TestParseGen(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want harness.GenConfig
	}{
		{"defaults", nil, harness.GenConfig{Instruments: 10000, Seed: 1}},
		{"all flags", []string{"-n", "500", "-seed", "9", "-o", "c.jsonl"}, harness.GenConfig{Instruments: 500, Seed: 9, Out: "c.jsonl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseGen(tc.args, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseGen (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := parseGen([]string{"-n", "x"}, &bytes.Buffer{}); err == nil {
		t.Error("parseGen(-n x): no error")
	}
}

func TestParseRawServe(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"default", nil, "127.0.0.1:7812"},
		{"-addr", []string{"-addr", "127.0.0.1:9000"}, "127.0.0.1:9000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseRawServe(tc.args, &bytes.Buffer{})
			if err != nil || got != tc.want {
				t.Errorf("parseRawServe = %q, %v, want %q", got, err, tc.want)
			}
		})
	}
}

func TestParseCompare(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		want    harness.CompareConfig
		wantErr string
	}{
		{"defaults", nil, harness.CompareConfig{Hemigraph: "http://127.0.0.1:8080", Raw: "http://127.0.0.1:7812",
			Instruments: 100000, Seed: 1, Concurrency: []int{1, 16, 64}, Duration: 4 * time.Second, Warmup: time.Second, QueryWarmup: 3 * time.Second, Rounds: 2}, ""},
		{"all flags", []string{"-hemigraph", "http://h:1", "-raw", "http://r:2", "-peer", "http://p:3/", "-instruments", "10000", "-seed", "3",
			"-queries", "lookup,lineage", "-c", "1, 8", "-duration", "2s", "-rounds", "3", "-query-warmup", "0"},
			harness.CompareConfig{Hemigraph: "http://h:1", Raw: "http://r:2", Peer: "http://p:3/", Instruments: 10000, Seed: 3,
				Queries: []string{"lookup", "lineage"}, Concurrency: []int{1, 8}, Duration: 2 * time.Second, Warmup: time.Second, Rounds: 3}, ""},
		{"bad concurrency", []string{"-c", "1,0"}, harness.CompareConfig{}, "-c: bad concurrency"},
		{"no rounds", []string{"-rounds", "0"}, harness.CompareConfig{}, "at least 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseCompare(tc.args, &bytes.Buffer{})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseCompare error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseCompare (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseExplain(t *testing.T) {
	getenv := env(map[string]string{"NEO4J_URI": "bolt://h:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d"})
	db := harness.Neo4j{URI: "bolt://h:7687", User: "u", Password: "p", Database: "d"}
	for _, tc := range []struct {
		name string
		args []string
		want harness.ExplainConfig
	}{
		{"defaults", []string{"c.jsonl"}, harness.ExplainConfig{Type: "CITES", Rows: 2000, File: "c.jsonl", Neo4j: db}},
		{"all flags", []string{"-type", "CONVENES", "-rows", "10", "-after", "30", "-loader", "c.jsonl"},
			harness.ExplainConfig{Type: "CONVENES", Rows: 10, After: 30, Loader: true, File: "c.jsonl", Neo4j: db}},
		{"no file", nil, harness.ExplainConfig{Type: "CITES", Rows: 2000, Neo4j: db}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseExplain(tc.args, getenv, &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseExplain (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRun(t *testing.T) {
	// quick is what `make bench` runs: scripts/bench.sh's command line.
	quick := harness.RunConfig{
		Mode: "quick", Sizes: []int{10000, 100000}, Seed: 1,
		Sweep:     map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000}},
		FloorSize: 10000, FloorCap: 15 * time.Second, Out: "bench/RESULTS.md", Hemigraph: "bin/hemigraph", Peer: "bench/neo4j-graphql",
		ServeSize: 100000, LineageSizes: []int{100000}, LineageN: 100,
		Duration: 2 * time.Second, Warmup: 500 * time.Millisecond, Concurrency: []int{1, 16, 64}, Pairs: true,
		QueryWarmup: 3 * time.Second, Command: "hemigraph-bench run ", Heap: "1g", PageCache: "512m",
	}
	with := func(f func(c *harness.RunConfig)) harness.RunConfig {
		c := quick
		f(&c)
		return c
	}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		want harness.RunConfig
	}{
		{"defaults", nil, nil, quick},
		{"scripts/bench.sh", []string{"-mode", "quick", "-work", "/tmp/w", "-hemigraph", "bin/hemigraph", "-peer", "bench/neo4j-graphql",
			"-out", "bench/RESULTS.md", "-json", "/tmp/w/results.json"},
			map[string]string{"NEO4J_URI": "bolt://127.0.0.1:17787", "NEO4J_HEAP": "2g", "NEO4J_PAGECACHE": "2g"},
			with(func(c *harness.RunConfig) {
				c.Work, c.JSONOut = "/tmp/w", "/tmp/w/results.json"
				c.Command = "hemigraph-bench run -mode quick -work /tmp/w -hemigraph bin/hemigraph -peer bench/neo4j-graphql -out bench/RESULTS.md -json /tmp/w/results.json"
				c.Neo4j = harness.Neo4j{URI: "bolt://127.0.0.1:17787"}
				c.Heap, c.PageCache = "2g", "2g"
			})},
		{"full", []string{"-mode", "full"}, nil, with(func(c *harness.RunConfig) {
			c.Mode, c.Sizes = "full", []int{10000, 100000, 1000000}
			c.Sweep = map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000, 20000}, 1000000: {5000, 10000}}
			c.Duration, c.Warmup = 5*time.Second, time.Second
			c.ServeSize, c.LineageSizes, c.LineageN = 1000000, []int{100000, 1000000}, 200
			c.Command = "hemigraph-bench run -mode full"
		})},
		{"sizes: lineage only at sizes run, served at the largest", []string{"-sizes", "20000, 10000"}, nil, with(func(c *harness.RunConfig) {
			c.Sizes, c.ServeSize, c.LineageSizes = []int{20000, 10000}, 20000, []int{}
			c.Command = "hemigraph-bench run -sizes 20000, 10000"
		})},
		{"sweep at every size", []string{"-sweep", "5000,20000"}, nil, with(func(c *harness.RunConfig) {
			c.Sweep = map[int][]int{10000: {5000, 20000}, 100000: {5000, 20000}}
			c.Command = "hemigraph-bench run -sweep 5000,20000"
		})},
		{"sweep 0: no ceiling", []string{"-sweep", "0"}, nil, with(func(c *harness.RunConfig) {
			c.Sweep = map[int][]int{10000: nil, 100000: nil}
			c.Command = "hemigraph-bench run -sweep 0"
		})},
		{"other flags", []string{"-seed", "7", "-duration", "1s", "-floor-size", "100000", "-serve-size", "-1", "-pairs=false"}, nil,
			with(func(c *harness.RunConfig) {
				c.Seed, c.Duration, c.FloorSize, c.ServeSize, c.Pairs = 7, time.Second, 100000, -1, false
				c.Command = "hemigraph-bench run -seed 7 -duration 1s -floor-size 100000 -serve-size -1 -pairs=false"
			})},
		{"neo4j from the environment", nil, map[string]string{"NEO4J_URI": "bolt://h", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d"},
			with(func(c *harness.RunConfig) {
				c.Neo4j = harness.Neo4j{URI: "bolt://h", User: "u", Password: "p", Database: "d"}
			})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseRun(tc.args, env(tc.env), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("parseRun (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRunErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"mode", []string{"-mode", "medium"}, `-mode "medium": want quick or full`},
		{"sizes", []string{"-sizes", "1,x"}, `-sizes: strconv.Atoi: parsing "x": invalid syntax`},
		{"negative batch", []string{"-sweep", "5,-1"}, `-sweep: bad batch size "-1"`},
		{"not a batch", []string{"-sweep", "5,a"}, `-sweep: bad batch size "a"`},
		{"help", []string{"-h"}, flag.ErrHelp.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseRun(tc.args, env(nil), &bytes.Buffer{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
			if tc.name == "help" && !errors.Is(err, flag.ErrHelp) {
				t.Errorf("err = %v, want flag.ErrHelp", err)
			}
		})
	}
}
