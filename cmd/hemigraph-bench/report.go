package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/hemigraph/hemigraph/bench/loadgen"
	"github.com/hemigraph/hemigraph/loader"
)

// Results is every figure of a run.
type Results struct {
	Mode, Command, Date, Took string
	Seed                      uint64
	CPU, LoadAvg              string
	Cores                     int
	MemGB                     float64
	GoVersion, Neo4j, Node    string
	Neo4jMemory, PeerPackages string
	Corpora                   []CorpusResult
	Readers                   []ReaderResult
	Loads                     []LoadResult
	Scaling                   []ScalingResult
	Server                    *ServerResult
	Lineage                   []LineageResult
	Notes                     []string
}

// CorpusResult describes a generated corpus.
type CorpusResult struct {
	Instruments, Nodes, Edges, Rows int
	MB, GenSeconds                  float64
}

// ReaderResult is a reader's throughput on one core.
type ReaderResult struct {
	Name, Command, Detail, Note string
	MBps                        float64
}

// LoadResult compares the loaders on one corpus.
type LoadResult struct {
	Instruments, Rows   int
	Hemigraph, Rerun    HemigraphRun // Hemigraph is the better of HemigraphRuns
	HemigraphRuns       []HemigraphRun
	CeilingRepeat       *SweepRun // the best batch size again, after hemigraph's first load
	RerunCreatesNothing bool
	Ceiling             SweepRun
	Sweep               []SweepRun
	Floor               *FloorResult
	RatioAB, RatioAC    float64
}

// HemigraphRun is one `hemigraph load` process.
type HemigraphRun struct {
	Seconds     float64 // wall time of the process: read, validate, write
	LoadSeconds float64 // the summary's took: validate and write
	RowsPerSec  float64
	PeakRSSMB   float64
	Summary     loader.Summary
}

// SweepRun is one load by the ceiling program.
type SweepRun struct {
	Batch                 int
	Seconds, WriteSeconds float64
	RowsPerSec            float64
	Statements            int
	TimedOut              bool
}

// FloorResult is the per-row floor.
type FloorResult struct {
	Cap                                  string
	NodeRows, EdgeRows                   int
	NodeSeconds, EdgeSeconds, RowsPerSec float64
}

// ScalingResult compares two corpus sizes.
type ScalingResult struct {
	From, To                               int
	RowsRatio, TimeRatio, CeilingTimeRatio float64
}

// ServerResult is the server benchmark.
type ServerResult struct {
	Instruments      int
	Duration, Warmup string
	Concurrency      []int
	Cells            []ServerCell
	Statements       map[string]map[string]float64 // target -> query -> statements per request
	PeakRSSMB        map[string]float64
}

// ServerCell is one query at one concurrency against one target.
type ServerCell struct {
	Query       string
	Concurrency int
	Target      string
	NA          string // why the target was not measured
	Stats       loadgen.Stats
}

// LineageResult is the lineage query at scale.
type LineageResult struct {
	Instruments, Depth, Requests, Conferences int
	Errors                                    int // failed requests, timeouts included
	FirstErr                                  string
	P50, P95, P99                             float64
}

func (b *bench) write() error {
	if b.cfg.jsonOut != "" {
		data, _ := json.MarshalIndent(b.res, "", "  ")
		if err := os.WriteFile(b.cfg.jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(b.cfg.out, []byte(b.res.markdown()), 0o644)
}

func (r *Results) markdown() string {
	var w strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&w, format, a...) }
	p("# hemigraph benchmark results\n\n")
	p("Written by `make bench` / `make bench-full` (scripts/bench.sh → cmd/hemigraph-bench); do not edit by hand.\n")
	p("Every ratio compares figures measured in this same run, on the same Neo4j and data: the machine is shared and noisy, so absolute figures move between runs and only the ratios are meant to be compared.\n\n")
	p("| | |\n|---|---|\n")
	p("| date | %s |\n| mode | %s (seed %d), whole run %s |\n", r.Date, r.Mode, r.Seed, r.Took)
	p("| machine | %s, %d cores, %.0f GB RAM, load average at start %s |\n", r.CPU, r.Cores, r.MemGB, r.LoadAvg)
	p("| software | %s; Neo4j %s (%s); Node %s; %s |\n", r.GoVersion, r.Neo4j, r.Neo4jMemory, r.Node, r.PeerPackages)
	p("| command | `%s` |\n\n", r.Command)

	p("## Targets\n\n| target | figure | met |\n|---|---|---|\n")
	for _, t := range r.targets() {
		p("| %s | %s | %s |\n", t[0], t[1], t[2])
	}

	p("\n## Corpora\n\nSynthetic, `hemigraph-bench gen -n N -seed %d` (bench/corpus): preferential attachment for citations, declarations produced at conferences convened by resolutions, bodies instructed and requested.\n\n", r.Seed)
	p("| instruments | nodes | edges | rows | file MB | generated in s |\n|---:|---:|---:|---:|---:|---:|\n")
	for _, c := range r.Corpora {
		p("| %d | %d | %d | %d | %.1f | %.2f |\n", c.Instruments, c.Nodes, c.Edges, c.Rows, c.MB, c.GenSeconds)
	}

	p("\n## Loader\n\n(a) `hemigraph load -json FILE` (wall time of the process: read, validate, write); (b) the ceiling, bench/baseline.Ceiling: the same rows read from the same file, grouped by label/type over the whole file, `UNWIND $rows MERGE` on the constrained key, no change detection, best batch size of the sweep below; (c) the floor, bench/baseline.FloorFor: one `MERGE` per row, each in its own transaction. Each load starts from an empty graph with the schema in place; the node and relationship counts are checked after every load.\n\n")
	p("| instruments | rows | (a) hemigraph rows/s | (b) ceiling rows/s (batch) | (c) floor rows/s | a/b | a/c | hemigraph s | ceiling s | rerun s | rerun created/updated |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	floor := 0.0
	for _, l := range r.Loads {
		if l.Floor != nil {
			floor = l.Floor.RowsPerSec
		}
	}
	for _, l := range r.Loads {
		fl := "—"
		if l.Floor != nil {
			fl = fmt.Sprintf("%.0f", l.Floor.RowsPerSec)
		} else if floor > 0 {
			fl = fmt.Sprintf("(%.0f, at %d)", floor, r.Loads[0].Instruments)
		}
		s := l.Rerun.Summary
		ceil, ab, cs := "not run", "—", "—"
		if l.Ceiling.RowsPerSec > 0 {
			ceil = fmt.Sprintf("%.0f (%d)", l.Ceiling.RowsPerSec, l.Ceiling.Batch)
			ab, cs = fmt.Sprintf("%.2f", l.RatioAB), fmt.Sprintf("%.1f", l.Ceiling.Seconds)
		}
		p("| %d | %d | %.0f | %s | %s | %s | %.1f× | %.1f | %s | %.1f | %d+%d nodes, %d+%d edges → %s |\n",
			l.Instruments, l.Rows, l.Hemigraph.RowsPerSec, ceil, fl,
			ab, l.RatioAC, l.Hemigraph.Seconds, cs, l.Rerun.Seconds,
			s.Nodes.Created, s.Nodes.Updated, s.Edges.Created, s.Edges.Updated, yesNo(l.RerunCreatesNothing, "creates nothing", "WROTE"))
	}
	p("\nEach side's best sample is compared: hemigraph was loaded twice (before and after a repeat of the ceiling at its best batch size), the ceiling once per swept batch size plus that repeat.\n\n| instruments | hemigraph samples s | ceiling sweep-best s | ceiling repeat s |\n|---:|---|---:|---:|\n")
	for _, l := range r.Loads {
		var ss []string
		for _, h := range l.HemigraphRuns {
			ss = append(ss, fmt.Sprintf("%.1f", h.Seconds))
		}
		rep := 0.0
		if l.CeilingRepeat != nil {
			rep = l.CeilingRepeat.Seconds
		}
		best := 0.0
		for _, sw := range l.Sweep {
			if sw.Batch == l.Ceiling.Batch {
				best = sw.Seconds
			}
		}
		p("| %d | %s | %.1f | %.1f |\n", l.Instruments, strings.Join(ss, ", "), best, rep)
	}
	p("\nhemigraph's own split (summary `took`: validate + write, without reading the file) and peak RSS of the `hemigraph load` process:\n\n| instruments | took s | read+startup s | peak RSS MB | rerun took s |\n|---:|---:|---:|---:|---:|\n")
	for _, l := range r.Loads {
		p("| %d | %.1f | %.1f | %.0f | %.1f |\n", l.Instruments, l.Hemigraph.LoadSeconds, l.Hemigraph.Seconds-l.Hemigraph.LoadSeconds, l.Hemigraph.PeakRSSMB, l.Rerun.LoadSeconds)
	}
	p("\nCeiling batch-size sweep (read + write, wall):\n\n| instruments | batch | statements | s | rows/s |\n|---:|---:|---:|---:|---:|\n")
	for _, l := range r.Loads {
		for _, s := range l.Sweep {
			if s.TimedOut {
				p("| %d | %d | %d done | cut at %.0f | — |\n", l.Instruments, s.Batch, s.Statements, s.Seconds)
				continue
			}
			p("| %d | %d | %d | %.1f | %.0f |\n", l.Instruments, s.Batch, s.Statements, s.Seconds, s.RowsPerSec)
		}
	}
	for _, l := range r.Loads {
		if f := l.Floor; f != nil {
			p("\nFloor, measured on the %d-instrument corpus, each half capped at %s: %d nodes in %.1f s (%.0f/s), %d edges in %.1f s (%.0f/s), taken evenly across kinds and types; rows/s weights the two rates by the corpus's mix of nodes and edges.\n",
				l.Instruments, f.Cap, f.NodeRows, f.NodeSeconds, float64(f.NodeRows)/f.NodeSeconds, f.EdgeRows, f.EdgeSeconds, float64(f.EdgeRows)/f.EdgeSeconds)
		}
	}
	if len(r.Scaling) > 0 {
		p("\nScaling (hemigraph wall time; the ceiling's for comparison):\n\n| from → to | rows × | hemigraph time × | ceiling time × |\n|---|---:|---:|---:|\n")
		for _, s := range r.Scaling {
			ct := "—"
			if s.CeilingTimeRatio > 0 && !math.IsInf(s.CeilingTimeRatio, 0) && !math.IsNaN(s.CeilingTimeRatio) {
				ct = fmt.Sprintf("%.2f", s.CeilingTimeRatio)
			}
			p("| %d → %d | %.2f | %.2f | %s |\n", s.From, s.To, s.RowsRatio, s.TimeRatio, ct)
		}
	}

	p("\n## Readers (one core)\n\n| reader | MB/s | detail | command |\n|---|---:|---|---|\n")
	for _, rr := range r.Readers {
		mb := fmt.Sprintf("%.1f", rr.MBps)
		if rr.Note != "" {
			mb, rr.Detail = "—", rr.Note
		}
		p("| %s | %s | %s | `%s` |\n", rr.Name, mb, strings.ReplaceAll(rr.Detail, "|", "/"), rr.Command)
	}

	if s := r.Server; s != nil {
		p("\n## Server (%d-instrument graph)\n\n", s.Instruments)
		p("Load generator bench/loadgen on 127.0.0.1: for each query and concurrency, the three targets one after the other, %s warm-up then %s measured, at most 200,000 requests; arguments chosen deterministically per request index, the same sequence for every target. (a) `hemigraph serve`; (b) bench/raw: net/http + hand-written Cypher through the Go driver, one statement per request except the lineage, which walks breadth first as hemigraph does (the GraphQL layer's overhead); (c) @neo4j/graphql on @apollo/server (bench/neo4j-graphql), equivalent type definitions, same Neo4j and data; its lineage is one `@cypher` shortest-path statement, since a `@cypher` field is one statement. Latencies in ms.\n\n", s.Warmup, s.Duration)
		p("| query | conc | hemigraph req/s | p50 | p95 | p99 | raw req/s | p50 | p95 | p99 | @neo4j/graphql req/s | p50 | p95 | p99 | a/c req/s | a/b req/s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, row := range s.rows() {
			p("| %s | %d |", row.query, row.conc)
			for _, c := range row.cells {
				switch {
				case c == nil:
					p(" — | | | |")
				case c.NA != "":
					p(" n/a | | | |")
				default:
					st := c.Stats
					errs := ""
					if st.Errors > 0 {
						errs = fmt.Sprintf(" (%d errors)", st.Errors)
					}
					p(" %.0f%s | %.1f | %.1f | %.1f |", st.RPS, errs, st.P50, st.P95, st.P99)
				}
			}
			p(" %s | %s |\n", ratio(row.cells[0], row.cells[2]), ratio(row.cells[0], row.cells[1]))
		}
		var nas []string
		for _, c := range s.Cells {
			if c.NA != "" && c.Concurrency == s.Concurrency[0] {
				nas = append(nas, fmt.Sprintf("- %s / %s: not measured: %s", c.Query, c.Target, c.NA))
			}
		}
		if len(nas) > 0 {
			p("\n%s\n", strings.Join(nas, "\n"))
		}
		p("\nCypher statements per request (mean of 5 requests; hemigraph counted in process with `Store.OnStatement` through `server.New`, the raw baseline by its own counter, @neo4j/graphql from the driver's debug log in a separate counting instance):\n\n| query | hemigraph | raw driver | @neo4j/graphql |\n|---|---:|---:|---:|\n")
		for _, q := range uniqueQueries(s.Cells) {
			p("| %s |", q)
			for _, t := range []string{targetHemigraph, targetRaw, targetPeer} {
				if v, ok := s.Statements[t][q]; ok {
					p(" %.1f |", v)
				} else {
					p(" — |")
				}
			}
			p("\n")
		}
		p("\nPeak RSS (VmHWM) of each server process over the whole server run, concurrency 64 included: hemigraph %.0f MB, raw driver %.0f MB, @neo4j/graphql (node) %.0f MB.\n",
			s.PeakRSSMB[targetHemigraph], s.PeakRSSMB[targetRaw], s.PeakRSSMB[targetPeer])
	}

	if len(r.Lineage) > 0 {
		p("\n## Lineage at scale\n\n`instrumentsLeadingTo(conference, maxDepth: 6)` through `hemigraph serve`, one request at a time, over distinct conferences (first: 200 default cap), after 3 warm-up requests.\n\n| instruments | depth | answered | failed (timeouts) | p50 ms | p95 ms | p99 ms |\n|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, l := range r.Lineage {
			p("| %d | %d | %d | %d | %.1f | %.1f | %.1f |\n", l.Instruments, l.Depth, l.Requests, l.Errors, l.P50, l.P95, l.P99)
		}
		for _, l := range r.Lineage {
			if l.Errors > 0 {
				p("\nAt %d instruments, %d request(s) failed; the percentiles cover the answered ones only. First failure: %s\n", l.Instruments, l.Errors, l.FirstErr)
			}
		}
	}
	if len(r.Notes) > 0 {
		p("\n## Notes\n\n")
		for _, n := range r.Notes {
			p("- %s\n", n)
		}
	}
	return w.String()
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func ratio(a, b *ServerCell) string {
	if a == nil || b == nil || a.NA != "" || b.NA != "" || b.Stats.RPS == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a.Stats.RPS/b.Stats.RPS)
}

type serverRow struct {
	query string
	conc  int
	cells [3]*ServerCell
}

func (s *ServerResult) rows() []serverRow {
	var out []serverRow
	idx := map[string]int{}
	for i := range s.Cells {
		c := &s.Cells[i]
		k := fmt.Sprintf("%s/%d", c.Query, c.Concurrency)
		j, ok := idx[k]
		if !ok {
			j = len(out)
			idx[k] = j
			out = append(out, serverRow{query: c.Query, conc: c.Concurrency})
		}
		switch c.Target {
		case targetHemigraph:
			out[j].cells[0] = c
		case targetRaw:
			out[j].cells[1] = c
		case targetPeer:
			out[j].cells[2] = c
		}
	}
	return out
}

func uniqueQueries(cells []ServerCell) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cells {
		if !seen[c.Query] {
			seen[c.Query] = true
			out = append(out, c.Query)
		}
	}
	return out
}

// targets checks the figures against the targets.
func (r *Results) targets() [][3]string {
	var out [][3]string
	mark := func(ok bool) string { return yesNo(ok, "yes", "**no**") }
	for _, l := range r.Loads {
		if l.RatioAB > 0 {
			out = append(out, [3]string{fmt.Sprintf("loader ≥ 0.9 × ceiling (%d)", l.Instruments), fmt.Sprintf("a/b = %.2f", l.RatioAB), mark(l.RatioAB >= 0.9)})
		}
	}
	for _, l := range r.Loads {
		if l.RatioAC > 0 {
			out = append(out, [3]string{fmt.Sprintf("loader ≥ 30 × floor (%d)", l.Instruments), fmt.Sprintf("a/c = %.1f", l.RatioAC), mark(l.RatioAC >= 30)})
		}
	}
	for _, s := range r.Scaling {
		limit := 1.1 * s.RowsRatio
		out = append(out, [3]string{fmt.Sprintf("%.1f× the rows in ≤ %.1f× the time (%d → %d)", s.RowsRatio, limit, s.From, s.To),
			fmt.Sprintf("%.2f×", s.TimeRatio), mark(s.TimeRatio <= limit)})
	}
	for _, rr := range r.Readers {
		if strings.HasPrefix(rr.Name, "text reader") {
			if rr.Note != "" {
				out = append(out, [3]string{"text reader ≥ 20 MB/s on one core", "not measured", "—"})
			} else {
				out = append(out, [3]string{"text reader ≥ 20 MB/s on one core", fmt.Sprintf("%.1f MB/s", rr.MBps), mark(rr.MBps >= 20)})
			}
		}
	}
	if s := r.Server; s != nil {
		for _, row := range s.rows() {
			a, raw, c := row.cells[0], row.cells[1], row.cells[2]
			if a != nil && c != nil && a.NA == "" && c.NA == "" && c.Stats.RPS > 0 {
				x := a.Stats.RPS / c.Stats.RPS
				out = append(out, [3]string{fmt.Sprintf("server ≥ 2 × @neo4j/graphql: %s, c=%d", row.query, row.conc), fmt.Sprintf("%.2f×", x), mark(x >= 2)})
			}
			if row.query == "lookup" && a != nil && raw != nil && a.NA == "" && raw.Stats.RPS > 0 {
				x := a.Stats.RPS / raw.Stats.RPS
				out = append(out, [3]string{fmt.Sprintf("lookup within 15%% of raw driver, c=%d", row.conc), fmt.Sprintf("%.2f×", x), mark(x >= 0.85)})
			}
		}
		rss := s.PeakRSSMB[targetHemigraph]
		out = append(out, [3]string{"server RSS ≤ 100 MB at concurrency 64", fmt.Sprintf("peak %.0f MB", rss), mark(rss > 0 && rss <= 100)})
	}
	for _, l := range r.Lineage {
		t := fmt.Sprintf("lineage depth 6, p95 ≤ 50 ms (%d instruments)", l.Instruments)
		if l.Instruments < 1000000 {
			t += " — target is set at 1M"
		}
		fig := fmt.Sprintf("p50 %.1f ms, p95 %.1f ms", l.P50, l.P95)
		if l.Errors > 0 {
			fig += fmt.Sprintf(" over %d answered; %d failed (timeouts)", l.Requests, l.Errors)
		}
		out = append(out, [3]string{t, fig, mark(l.P95 <= 50 && l.Errors == 0)})
	}
	return out
}
