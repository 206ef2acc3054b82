package harness

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/baseline"
	"github.com/hemigraph/hemigraph/loader"
)

func TestCutLimit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sweep []sweepRun
		want  time.Duration
	}{
		{"nothing yet", nil, loadTimeout},
		{"four times the only load", []sweepRun{{Seconds: 10}}, 40 * time.Second},
		{"four times the best load", []sweepRun{{Seconds: 10}, {Seconds: 2.5}, {Seconds: 7}}, 10 * time.Second},
		{"cut loads do not count", []sweepRun{{Seconds: 1, TimedOut: true}, {Seconds: 3}}, 12 * time.Second},
		{"never above the timeout", []sweepRun{{Seconds: 3600}}, loadTimeout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cutLimit(tc.sweep, loadTimeout); got != tc.want {
				t.Errorf("cutLimit = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBestSweep(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sweep []sweepRun
		want  sweepRun
	}{
		{"empty", nil, sweepRun{}},
		{"fastest", []sweepRun{{Batch: 1000, RowsPerSec: 10}, {Batch: 2000, RowsPerSec: 30}, {Batch: 5000, RowsPerSec: 20}}, sweepRun{Batch: 2000, RowsPerSec: 30}},
		{"first of equals", []sweepRun{{Batch: 1000, RowsPerSec: 30}, {Batch: 2000, RowsPerSec: 30}}, sweepRun{Batch: 1000, RowsPerSec: 30}},
		{"cut loads are never best", []sweepRun{{Batch: 1000, RowsPerSec: 10}, {Batch: 2000, RowsPerSec: 99, TimedOut: true}}, sweepRun{Batch: 1000, RowsPerSec: 10}},
		{"all cut", []sweepRun{{Batch: 1000, Seconds: 60, TimedOut: true}}, sweepRun{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, bestSweep(tc.sweep)); diff != "" {
				t.Errorf("bestSweep (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBestSweepSeconds(t *testing.T) {
	for _, tc := range []struct {
		name string
		l    loadResult
		want float64
	}{
		{"no ceiling", loadResult{}, 0},
		{"the sweep's load at the best batch", loadResult{Ceiling: sweepRun{Batch: 2000, Seconds: 4},
			Sweep: []sweepRun{{Batch: 1000, Seconds: 9}, {Batch: 2000, Seconds: 5}}}, 5},
		{"the last of two at that batch", loadResult{Ceiling: sweepRun{Batch: 2000},
			Sweep: []sweepRun{{Batch: 2000, Seconds: 5}, {Batch: 2000, Seconds: 6}}}, 6},
		{"batch not swept", loadResult{Ceiling: sweepRun{Batch: 3000}, Sweep: []sweepRun{{Batch: 2000, Seconds: 5}}}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bestSweepSeconds(tc.l); got != tc.want {
				t.Errorf("bestSweepSeconds = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCreatesNothing(t *testing.T) {
	counts := func(c, u int) hemigraph.WriteCounts {
		return hemigraph.WriteCounts{Created: c, Updated: u, Unchanged: 5}
	}
	for _, tc := range []struct {
		name string
		sum  loader.Summary
		want bool
	}{
		{"only unchanged", loader.Summary{Nodes: counts(0, 0), Edges: counts(0, 0)}, true},
		{"a node created", loader.Summary{Nodes: counts(1, 0), Edges: counts(0, 0)}, false},
		{"a node updated", loader.Summary{Nodes: counts(0, 1), Edges: counts(0, 0)}, false},
		{"an edge created", loader.Summary{Nodes: counts(0, 0), Edges: counts(1, 0)}, false},
		{"an edge updated", loader.Summary{Nodes: counts(0, 0), Edges: counts(0, 1)}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := createsNothing(tc.sum); got != tc.want {
				t.Errorf("createsNothing = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFloorRowsPerSec(t *testing.T) {
	for _, tc := range []struct {
		name               string
		nodes, edges       int
		nodeRate, edgeRate float64
		want               float64
	}{
		// 100 nodes at 100/s and 300 edges at 300/s: 400 rows in 2 s.
		{"mixed", 100, 300, 100, 300, 200},
		{"same rate", 10, 90, 50, 50, 50},
		{"nodes only", 10, 0, 40, 1, 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := floorRowsPerSec(tc.nodes, tc.edges, tc.nodeRate, tc.edgeRate); got != tc.want {
				t.Errorf("floorRowsPerSec = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSetRatios(t *testing.T) {
	for _, tc := range []struct {
		name      string
		l         loadResult
		floorRate float64
		ab, ac    float64
	}{
		{"own floor", loadResult{Hemigraph: hemigraphRun{RowsPerSec: 1200}, Ceiling: sweepRun{RowsPerSec: 1000},
			Floor: &floorResult{RowsPerSec: 10}}, 40, 1.2, 120},
		{"floor of another corpus", loadResult{Hemigraph: hemigraphRun{RowsPerSec: 900}, Ceiling: sweepRun{RowsPerSec: 1000}}, 30, 0.9, 30},
		{"no ceiling, no floor", loadResult{Hemigraph: hemigraphRun{RowsPerSec: 900}}, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.l.setRatios(tc.floorRate)
			if tc.l.RatioAB != tc.ab || tc.l.RatioAC != tc.ac {
				t.Errorf("a/b, a/c = %v, %v, want %v, %v", tc.l.RatioAB, tc.l.RatioAC, tc.ab, tc.ac)
			}
		})
	}
}

func TestFloorRates(t *testing.T) {
	r := &results{Loads: []loadResult{{}, {Floor: &floorResult{RowsPerSec: 70}}, {}, {Floor: &floorResult{RowsPerSec: 80}}}}
	if got := r.floorRate(); got != 70 {
		t.Errorf("floorRate = %v, want the first floor's, 70", got)
	}
	if got := lastFloorRate(r); got != 80 {
		t.Errorf("lastFloorRate = %v, want the last floor's, 80", got)
	}
	none := &results{Loads: []loadResult{{}}}
	if a, b := none.floorRate(), lastFloorRate(none); a != 0 || b != 0 {
		t.Errorf("without a floor: floorRate, lastFloorRate = %v, %v, want 0, 0", a, b)
	}
}

func TestScaling(t *testing.T) {
	load := func(n, rows int, seconds, ceiling float64) loadResult {
		return loadResult{Instruments: n, Rows: rows, Hemigraph: hemigraphRun{Seconds: seconds}, Ceiling: sweepRun{RowsPerSec: ceiling}}
	}
	for _, tc := range []struct {
		name  string
		loads []loadResult
		want  []scalingResult
	}{
		{"one size", []loadResult{load(10, 100, 1, 100)}, nil},
		{"three sizes", []loadResult{load(10, 100, 2, 100), load(100, 1000, 30, 50), load(1000, 10000, 300, 0)}, []scalingResult{
			// ceiling: 100 rows at 100/s is 1 s, 1000 rows at 50/s 20 s.
			{From: 10, To: 100, RowsRatio: 10, TimeRatio: 15, CeilingTimeRatio: 20},
			// no ceiling at 1000: no ceiling ratio.
			{From: 100, To: 1000, RowsRatio: 10, TimeRatio: 10},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, scaling(tc.loads)); diff != "" {
				t.Errorf("scaling (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInterleave(t *testing.T) {
	for _, tc := range []struct {
		name   string
		groups [][]string
		want   []string
	}{
		{"none", nil, []string{}},
		{"one group keeps its order", [][]string{{"a1", "a2", "a3"}}, []string{"a1", "a2", "a3"}},
		{"in proportion", [][]string{{"a1", "a2", "a3", "a4"}, {"b1", "b2"}}, []string{"a1", "b1", "a2", "a3", "b2", "a4"}},
		{"equal groups alternate", [][]string{{"a1", "a2"}, {"b1", "b2"}, {"c1", "c2"}}, []string{"a1", "b1", "c1", "a2", "b2", "c2"}},
		{"an empty group", [][]string{{}, {"b1", "b2"}}, []string{"b1", "b2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, interleave(tc.groups)); diff != "" {
				t.Errorf("interleave (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSample checks that the floor's sample holds every row of its half
// once, each kind's rows in file order, the kinds interleaved.
func TestSample(t *testing.T) {
	row := func(id string) map[string]any { return map[string]any{"id": id} }
	rows := &baseline.Rows{
		Nodes: map[hemigraph.Kind][]map[string]any{
			hemigraph.KindResolution: {row("r1"), row("r2"), row("r3"), row("r4")},
			hemigraph.KindBody:       {row("b1"), row("b2")},
		},
		Edges: map[hemigraph.RelType][]map[string]any{
			hemigraph.RelCites: {row("c1")},
		},
	}
	ids := func(rs []baseline.Row) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Params["id"].(string))
		}
		return out
	}
	nodes := sample(rows, true)
	got := ids(nodes)
	if len(got) != 6 {
		t.Fatalf("sample of the nodes = %v, want their 6 rows", got)
	}
	var res, bodies []string
	for _, id := range got {
		if strings.HasPrefix(id, "r") {
			res = append(res, id)
		} else {
			bodies = append(bodies, id)
		}
	}
	if diff := cmp.Diff([]string{"r1", "r2", "r3", "r4"}, res); diff != "" {
		t.Errorf("resolutions out of order (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"b1", "b2"}, bodies); diff != "" {
		t.Errorf("bodies out of order (-want +got):\n%s", diff)
	}
	if got[0][0] == got[1][0] {
		t.Errorf("sample of the nodes = %v, want the kinds interleaved", got)
	}
	if diff := cmp.Diff([]string{"c1"}, ids(sample(rows, false))); diff != "" {
		t.Errorf("sample of the edges (-want +got):\n%s", diff)
	}
}

func TestTextReader(t *testing.T) {
	const bench = "goos: linux\nBenchmarkRead   \t  100\t  2000 ns/op\t  23.84 MB/s\nPASS\n"
	for _, tc := range []struct {
		name string
		out  string
		err  error
		want readerResult
	}{
		{"measured", bench, nil, readerResult{MBps: 23.84, Detail: "BenchmarkRead 100 2000 ns/op 23.84 MB/s"}},
		{"failed", "\n  # loader/document\n  x.go:1: oops\n", errors.New("exit status 1"),
			readerResult{Note: "not measured: # loader/document"}},
		{"failed silently", "", errors.New("exit status 2"), readerResult{Note: "not measured: exit status 2"}},
		{"no MB/s", "BenchmarkRead 100 2000 ns/op\n", nil,
			readerResult{Note: "BenchmarkRead reports no MB/s (b.SetBytes missing): BenchmarkRead 100 2000 ns/op"}},
		{"no benchmark line", "  ok nothing\n", nil,
			readerResult{Note: "BenchmarkRead reports no MB/s (b.SetBytes missing): ok nothing"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.want.Name = "text reader (loader/document BenchmarkRead)"
			tc.want.Command = "go test -run ^$ -bench ^BenchmarkRead$ -benchtime 2s -cpu 1 ./loader/document"
			if diff := cmp.Diff(tc.want, textReader(tc.out, tc.err)); diff != "" {
				t.Errorf("textReader (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLastLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"one line", `{"a":1}`, `{"a":1}`},
		{"trailing newline", "warn: x\n{\"a\":1}\n\n", `{"a":1}`},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(lastLine([]byte(tc.in))); got != tc.want {
				t.Errorf("lastLine = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTail(t *testing.T) {
	long := strings.Repeat("a", 100) + strings.Repeat("b", 2000)
	for _, tc := range []struct{ name, in, want string }{
		{"short", "oops", "oops"},
		{"long", long, strings.Repeat("b", 2000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tail(tc.in); got != tc.want {
				t.Errorf("tail = %q…, want %q…", got[:min(10, len(got))], tc.want[:min(10, len(tc.want))])
			}
		})
	}
}

func TestMachineFiles(t *testing.T) {
	t.Run("cpu model", func(t *testing.T) {
		for _, tc := range []struct{ name, in, want string }{
			{"first model name", "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nmodel name\t: other\n", "AMD EPYC 7B13"},
			{"none", "processor\t: 0\n", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := cpuModel(strings.NewReader(tc.in)); got != tc.want {
					t.Errorf("cpuModel = %q, want %q", got, tc.want)
				}
			})
		}
	})
	t.Run("memory", func(t *testing.T) {
		for _, tc := range []struct {
			name, in string
			want     float64
		}{
			{"MemTotal", "MemTotal:       25165824 kB\nMemFree: 1 kB\n", 24},
			{"unreadable", "nonsense\n", 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := memTotalGB(tc.in); got != tc.want {
					t.Errorf("memTotalGB = %v, want %v", got, tc.want)
				}
			})
		}
	})
	t.Run("load average", func(t *testing.T) {
		for _, tc := range []struct{ name, in, want string }{
			{"three of five", "1.43 1.54 1.54 2/345 6789\n", "1.43 1.54 1.54"},
			{"too short", "1.43\n", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := loadAverage(tc.in); got != tc.want {
					t.Errorf("loadAverage = %q, want %q", got, tc.want)
				}
			})
		}
	})
}

func TestPeerVersions(t *testing.T) {
	for _, tc := range []struct{ name, lock, want string }{
		{"in order, missing ones left out", `{"packages": {
			"": {"version": "1.0.0"},
			"node_modules/neo4j-driver": {"version": "5.28.3"},
			"node_modules/@neo4j/graphql": {"version": "7.6.3"},
			"node_modules/graphql": {"version": "16.15.0"}}}`,
			"@neo4j/graphql 7.6.3, graphql 16.15.0, neo4j-driver 5.28.3"},
		{"not JSON", `{`, ""},
		{"no packages", `{}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := peerVersions([]byte(tc.lock)); got != tc.want {
				t.Errorf("peerVersions = %q, want %q", got, tc.want)
			}
		})
	}
}
