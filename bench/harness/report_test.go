package harness

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/loadgen"
	"github.com/hemigraph/hemigraph/internal/golden"
	"github.com/hemigraph/hemigraph/loader"
)

// golden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// TestMarkdown renders hand-built results, no Neo4j involved, and
// compares them with testdata/report-NAME.golden. The golden files were
// first written by the report code this template replaced.
func TestMarkdown(t *testing.T) {
	fx := fixtures()
	for _, name := range []string{"full", "stopped", "empty"} {
		t.Run(name, func(t *testing.T) {
			got, err := fx[name].markdown()
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "report-"+name+".golden", got)
		})
	}
}

// fixtures returns hand-built results, one per golden file, that together
// take every branch of the report.
func fixtures() map[string]*results {
	sum := func(nc, nu, ec, eu int) loader.Summary {
		return loader.Summary{Nodes: hemigraph.WriteCounts{Created: nc, Updated: nu}, Edges: hemigraph.WriteCounts{Created: ec, Updated: eu}, Took: 3 * time.Second}
	}
	cell := func(q string, conc int, target string, rps, p50, p95, p99 float64, errs int) serverCell {
		return serverCell{Query: q, Concurrency: conc, Target: target, Stats: loadgen.Stats{Requests: 1000, Errors: errs, RPS: rps, P50: p50, P95: p95, P99: p99}}
	}
	full := &results{
		Mode: "quick", Command: "hemigraph-bench run -mode quick -out bench/RESULTS.md", Date: "2026-11-29 10:16 UTC", Took: "12m16s",
		Seed: 1, CPU: "AMD EPYC", LoadAvg: "1.43 1.54 1.54", Cores: 2, MemGB: 23.6,
		GoVersion: "go1.26.8", Neo4j: "Neo4j Kernel 5.26.30 community", Node: "v20.20.2",
		Neo4jMemory: "heap 2g, page cache 2g", PeerPackages: "@neo4j/graphql 7.6.3, graphql 16.15.0",
		Corpora: []corpusResult{
			{Instruments: 10000, Nodes: 10349, Edges: 51605, Rows: 61954, MB: 15.93, GenSeconds: 0.0912},
			{Instruments: 100000, Nodes: 103315, Edges: 516237, Rows: 619552, MB: 161.04, GenSeconds: 0.785},
			{Instruments: 1000000, Nodes: 1030000, Edges: 5160000, Rows: 6190000, MB: 1610.2, GenSeconds: 8.25},
		},
		Readers: []readerResult{
			{Name: "text reader (loader/document BenchmarkRead)", Command: "go test -run ^$ -bench ^BenchmarkRead$ ./loader/document", MBps: 23.84, Detail: "BenchmarkRead 100 | 2000 ns/op 23.84 MB/s"},
			{Name: "JSONL bulk reader (loader.ReadJSONL, 10000-instrument corpus, 15.9 MB)", Command: "hemigraph-bench run (testing.Benchmark, GOMAXPROCS=1)", MBps: 61.25, Detail: "      10	 260000000 ns/op	  61.25 MB/s"},
		},
		Loads: []loadResult{
			{
				Instruments: 10000, Rows: 61954,
				Hemigraph:           hemigraphRun{Seconds: 4.6, LoadSeconds: 4.1, RowsPerSec: 13456.3, PeakRSSMB: 143.2, Summary: sum(10349, 0, 51605, 0)},
				Rerun:               hemigraphRun{Seconds: 4.3, LoadSeconds: 3.9, RowsPerSec: 14407.9, PeakRSSMB: 140, Summary: sum(0, 0, 0, 0)},
				HemigraphRuns:       []hemigraphRun{{Seconds: 4.6}, {Seconds: 4.74}},
				CeilingRepeat:       &sweepRun{Batch: 20000, Seconds: 5.1, RowsPerSec: 12147.8, Statements: 12},
				RerunCreatesNothing: true,
				Ceiling:             sweepRun{Batch: 20000, Seconds: 5.14, WriteSeconds: 4.9, RowsPerSec: 12054.1, Statements: 12},
				Sweep: []sweepRun{
					{Batch: 1000, Seconds: 7.25, RowsPerSec: 8545.4, Statements: 70},
					{Batch: 20000, Seconds: 5.3, RowsPerSec: 11689.4, Statements: 12},
					{Batch: 50000, Seconds: 21.2, Statements: 3, TimedOut: true},
				},
				Floor:   &floorResult{Cap: "15s", NodeRows: 1200, EdgeRows: 900, NodeSeconds: 15.01, EdgeSeconds: 15.02, RowsPerSec: 69.9},
				RatioAB: 1.1163, RatioAC: 192.51,
				HTTP:     &hemigraphRun{Seconds: 4.5, LoadSeconds: 4.0, RowsPerSec: 13767.6, PeakRSSMB: 160.4, Summary: sum(10349, 0, 51605, 0)},
				HTTPRuns: []hemigraphRun{{Seconds: 4.5}, {Seconds: 4.8}}, RatioHTTP: 1.0231,
			},
			{
				Instruments: 100000, Rows: 619552,
				Hemigraph:     hemigraphRun{Seconds: 55.3, LoadSeconds: 50.8, RowsPerSec: 11207.1, PeakRSSMB: 1035.4, Summary: sum(103315, 0, 516237, 0)},
				Rerun:         hemigraphRun{Seconds: 19.5, LoadSeconds: 16.1, Summary: sum(0, 2, 3, 0)},
				HemigraphRuns: []hemigraphRun{{Seconds: 55.3}, {Seconds: 61.46}},
				CeilingRepeat: &sweepRun{Batch: 10000, Seconds: 50.2},
				Ceiling:       sweepRun{Batch: 10000, Seconds: 46.7, RowsPerSec: 13259.2, Statements: 68},
				Sweep:         []sweepRun{{Batch: 10000, Seconds: 46.7, RowsPerSec: 13259.2, Statements: 68}},
				RatioAB:       0.8452, RatioAC: 160.33,
				HTTP:     &hemigraphRun{Seconds: 64.1, LoadSeconds: 58.9, RowsPerSec: 9665.4, PeakRSSMB: 1102.7},
				HTTPRuns: []hemigraphRun{{Seconds: 64.1}, {Seconds: 66.0}}, RatioHTTP: 0.8624,
			},
			{
				Instruments: 1000000, Rows: 6190000,
				Hemigraph: hemigraphRun{Seconds: 600.25, LoadSeconds: 560, RowsPerSec: 10312.4, PeakRSSMB: 9000},
				Rerun:     hemigraphRun{Seconds: 200},
				RatioAC:   147.5,
			},
		},
		Scaling: []scalingResult{
			{From: 10000, To: 100000, RowsRatio: 10.0002, TimeRatio: 12.012, CeilingTimeRatio: 9.08},
			{From: 100000, To: 1000000, RowsRatio: 9.991, TimeRatio: 10.85, CeilingTimeRatio: math.Inf(1)},
		},
		Server: &serverResult{
			Instruments: 100000, Duration: "2s", Warmup: "500ms", QueryWarmup: "3s", Concurrency: []int{1, 16},
			Cells: []serverCell{
				cell("lookup", 1, targetHemigraph, 1500.4, 0.6, 1.1, 2.25, 0),
				cell("lookup", 1, targetRaw, 2727.9, 0.35, 0.5, 0.9, 0),
				cell("lookup", 1, targetPeer, 612.4, 1.6, 2.5, 4.05, 0),
				cell("lookup", 16, targetHemigraph, 5000, 3.1, 5.2, 8.3, 3),
				cell("lookup", 16, targetRaw, 6578.9, 2.4, 4, 6, 0),
				cell("lookup", 16, targetPeer, 1193.3, 13, 20, 30.5, 0),
				cell("neighbourhood", 1, targetHemigraph, 800, 1.2, 2, 3, 0),
				cell("neighbourhood", 1, targetRaw, 900, 1, 1.5, 2, 0),
				{Query: "neighbourhood", Concurrency: 1, Target: targetPeer, NA: "no such query"},
				cell("neighbourhood", 16, targetHemigraph, 2000, 7, 9, 12, 0),
				{Query: "neighbourhood", Concurrency: 16, Target: targetPeer, NA: "no such query"},
			},
			Statements: map[string]map[string]float64{
				targetHemigraph: {"lookup": 1, "neighbourhood": 2.4},
				targetRaw:       {"lookup": 1},
				targetPeer:      {"lookup": 1.2},
			},
			PeakRSSMB: map[string]float64{targetHemigraph: 60.4, targetRaw: 25.5, targetPeer: 310},
		},
		Lineage: []lineageResult{
			{Instruments: 100000, Depth: 6, Requests: 100, Conferences: 500, P50: 26.31, P95: 48.94, P99: 60.2,
				RPS: 33.1, RawRequests: 100, RawP50: 21.4, RawP95: 40.2, RawRPS: 41.5},
			{Instruments: 1000000, Depth: 6, Requests: 195, Errors: 5, Conferences: 5000, FirstErr: "context deadline exceeded", P50: 40, P95: 80.05, P99: 120},
		},
		Notes: []string{"ceiling at 10000 instruments, batch 50000: cut after 21s (3 statements done, 0 rows); its last statement was still running", "a second note"},
	}
	stopped := &results{
		Mode: "full", Command: "hemigraph-bench run -mode full -sizes 10000,20000", Date: "2026-12-01 08:00 UTC", Seed: 7,
		CPU: "Intel Xeon", Cores: 8, MemGB: 62.8, LoadAvg: "0.10 0.20 0.30", GoVersion: "go1.26.8", Neo4jMemory: "heap 8g, page cache 8g",
		Corpora: []corpusResult{{Instruments: 10000, Nodes: 10349, Edges: 51605, Rows: 61954, MB: 15.9, GenSeconds: 0.1}},
		Readers: []readerResult{{Name: "text reader (loader/document BenchmarkRead)", Command: "go test ./loader/document", Note: "not measured: exit status 1"}},
		Loads: []loadResult{{
			Instruments: 10000, Rows: 61954,
			Hemigraph:     hemigraphRun{Seconds: 4.6, LoadSeconds: 4.1, RowsPerSec: 13456.3},
			HemigraphRuns: []hemigraphRun{{Seconds: 4.6}},
			Sweep:         []sweepRun{{Batch: 2000, Seconds: 1800, Statements: 40, TimedOut: true}},
		}},
		Scaling: []scalingResult{},
		Notes:   []string{"the run stopped early: loader benchmark at 20000: hemigraph load: exit status 1"},
	}
	return map[string]*results{"full": full, "stopped": stopped, "empty": {}}
}
