package harness

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"text/template"
)

//go:embed report.md.tmpl
var reportFS embed.FS

// reportTemplate lays out bench/RESULTS.md. What it cannot say simply
// (the targets, the table of server cells) is worked out by the functions
// below, before or while it runs.
var reportTemplate = template.Must(template.New("report.md.tmpl").Funcs(template.FuncMap{
	"targets":          (*results).targets,
	"lastFloorRate":    lastFloorRate,
	"bestSweepSeconds": bestSweepSeconds,
	"ceilingRan":       ceilingRan,
	"perSec":           perSec,
	"sub":              func(a, b float64) float64 { return a - b },
	"div":              func(a, b float64) float64 { return a / b },
	"positiveFinite":   func(x float64) bool { return x > 0 && !math.IsInf(x, 0) && !math.IsNaN(x) },
	"noPipes":          func(s string) string { return strings.ReplaceAll(s, "|", "/") },
	"serverRows":       (*serverResult).rows,
	"ratio":            ratio,
	"notMeasured":      (*serverResult).notMeasured,
	"uniqueQueries":    uniqueQueries,
	"serverTargets":    func() []string { return []string{targetHemigraph, targetRaw, targetPeer} },
	"statements":       (*serverResult).statements,
	"peakRSS":          (*serverResult).peakRSS,
	"httpLoads":        httpLoads,
}).ParseFS(reportFS, "report.md.tmpl"))

// writeResults writes r as markdown to out and, when jsonOut is set, as
// JSON to jsonOut.
func writeResults(r *results, out, jsonOut string) error {
	if jsonOut != "" {
		data, _ := json.MarshalIndent(r, "", "  ")
		if err := os.WriteFile(jsonOut, data, 0o644); err != nil {
			return err
		}
	}
	md, err := r.markdown()
	if err != nil {
		return err
	}
	return os.WriteFile(out, md, 0o644)
}

// markdown renders r as bench/RESULTS.md.
func (r *results) markdown() ([]byte, error) {
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("render results: %w", err)
	}
	return b.Bytes(), nil
}

// lastFloorRate returns the rows/s of the last floor measured, or 0: the
// figure the report shows for corpora on which no floor was measured.
func lastFloorRate(r *results) float64 {
	floor := 0.0
	for _, l := range r.Loads {
		if l.Floor != nil {
			floor = l.Floor.RowsPerSec
		}
	}
	return floor
}

// ceilingRan reports whether the ceiling was measured on some corpus of r;
// with -sweep 0 it is not.
func ceilingRan(r *results) bool {
	return slices.ContainsFunc(r.Loads, func(l loadResult) bool { return l.Ceiling.RowsPerSec > 0 })
}

// httpLoads returns the loads of r measured over HTTP too.
func httpLoads(r *results) []loadResult {
	var out []loadResult
	for _, l := range r.Loads {
		if l.HTTP != nil {
			out = append(out, l)
		}
	}
	return out
}

// ratio formats a's req/s over b's, or "—" when either was not measured.
func ratio(a, b *serverCell) string {
	if a == nil || b == nil || a.NA != "" || b.NA != "" || b.Stats.RPS == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a.Stats.RPS/b.Stats.RPS)
}

// serverRow is one line of the server table: one query at one
// concurrency, against hemigraph, the raw driver and @neo4j/graphql (nil
// where there is no cell).
type serverRow struct {
	Query string
	Conc  int
	Cells [3]*serverCell
}

// rows gathers s's cells into the server table's lines, in the order the
// queries and concurrencies were first measured.
func (s *serverResult) rows() []serverRow {
	var out []serverRow
	idx := map[string]int{}
	for i := range s.Cells {
		c := &s.Cells[i]
		k := fmt.Sprintf("%s/%d", c.Query, c.Concurrency)
		j, ok := idx[k]
		if !ok {
			j = len(out)
			idx[k] = j
			out = append(out, serverRow{Query: c.Query, Conc: c.Concurrency})
		}
		switch c.Target {
		case targetHemigraph:
			out[j].Cells[0] = c
		case targetRaw:
			out[j].Cells[1] = c
		case targetPeer:
			out[j].Cells[2] = c
		}
	}
	return out
}

// notMeasured returns the cells of the first concurrency that were not
// measured, each saying why.
func (s *serverResult) notMeasured() []serverCell {
	var out []serverCell
	for _, c := range s.Cells {
		if c.NA != "" && c.Concurrency == s.Concurrency[0] {
			out = append(out, c)
		}
	}
	return out
}

// statements formats the statements per request of query q against
// target, or "—" when they were not counted.
func (s *serverResult) statements(target, q string) string {
	if v, ok := s.Statements[target][q]; ok {
		return fmt.Sprintf("%.1f", v)
	}
	return "—"
}

// peakRSS returns the peak RSS in MB of hemigraph, the raw driver and
// @neo4j/graphql, in that order (0 where it is unknown).
func (s *serverResult) peakRSS() []float64 {
	return []float64{s.PeakRSSMB[targetHemigraph], s.PeakRSSMB[targetRaw], s.PeakRSSMB[targetPeer]}
}

// uniqueQueries returns the queries of cells, each once, in order.
func uniqueQueries(cells []serverCell) []string {
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

// target is one line of the report's table of targets.
type target struct {
	Name, Figure, Met string
}

// targets checks the figures against the targets.
func (r *results) targets() []target {
	var out []target
	mark := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	for _, l := range r.Loads {
		if l.RatioAB > 0 {
			out = append(out, target{fmt.Sprintf("loader ≥ 0.9 × ceiling (%d)", l.Instruments), fmt.Sprintf("a/b = %.2f", l.RatioAB), mark(l.RatioAB >= 0.9)})
		}
	}
	for _, l := range r.Loads {
		if l.RatioAC > 0 {
			out = append(out, target{fmt.Sprintf("loader ≥ 30 × floor (%d)", l.Instruments), fmt.Sprintf("a/c = %.1f", l.RatioAC), mark(l.RatioAC >= 30)})
		}
	}
	for _, l := range r.Loads {
		if l.RatioHTTP > 0 {
			out = append(out, target{fmt.Sprintf("load over HTTP ≥ 0.9 × hemigraph load (%d)", l.Instruments), fmt.Sprintf("%.2f×", l.RatioHTTP), mark(l.RatioHTTP >= 0.9)})
		}
	}
	for _, s := range r.Scaling {
		limit := 1.1 * s.RowsRatio
		out = append(out, target{fmt.Sprintf("%.1f× the rows in ≤ %.1f× the time (%d → %d)", s.RowsRatio, limit, s.From, s.To),
			fmt.Sprintf("%.2f×", s.TimeRatio), mark(s.TimeRatio <= limit)})
	}
	for _, rr := range r.Readers {
		if strings.HasPrefix(rr.Name, "text reader") {
			if rr.Note != "" {
				out = append(out, target{"text reader ≥ 20 MB/s on one core", "not measured", "—"})
			} else {
				out = append(out, target{"text reader ≥ 20 MB/s on one core", fmt.Sprintf("%.1f MB/s", rr.MBps), mark(rr.MBps >= 20)})
			}
		}
	}
	if s := r.Server; s != nil {
		for _, row := range s.rows() {
			a, raw, c := row.Cells[0], row.Cells[1], row.Cells[2]
			if a != nil && c != nil && a.NA == "" && c.NA == "" && c.Stats.RPS > 0 {
				x := a.Stats.RPS / c.Stats.RPS
				out = append(out, target{fmt.Sprintf("server ≥ 2 × @neo4j/graphql: %s, c=%d", row.Query, row.Conc), fmt.Sprintf("%.2f×", x), mark(x >= 2)})
			}
			if row.Query == "lookup" && a != nil && raw != nil && a.NA == "" && raw.Stats.RPS > 0 {
				x := a.Stats.RPS / raw.Stats.RPS
				out = append(out, target{fmt.Sprintf("lookup within 15%% of raw driver, c=%d", row.Conc), fmt.Sprintf("%.2f×", x), mark(x >= 0.85)})
			}
		}
		rss := s.PeakRSSMB[targetHemigraph]
		out = append(out, target{"server RSS ≤ 100 MB at concurrency 64", fmt.Sprintf("peak %.0f MB", rss), mark(rss > 0 && rss <= 100)})
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
		out = append(out, target{t, fig, mark(l.P95 <= 50 && l.Errors == 0)})
		if l.RawRequests > 0 && l.RawRPS > 0 {
			x := l.RPS / l.RawRPS
			out = append(out, target{fmt.Sprintf("lineage depth 6 ≥ 0.85 × raw driver walking the same levels (%d instruments)", l.Instruments),
				fmt.Sprintf("%.2f× (p50 %.1f against %.1f ms)", x, l.P50, l.RawP50), mark(x >= 0.85 && l.Errors == 0)})
		}
	}
	if small, large, ok := lineageScale(r.Lineage); ok {
		x := large.P95 / small.P95
		out = append(out, target{fmt.Sprintf("lineage depth 6: p95 at %d instruments ≤ 1.5 × p95 at %d", large.Instruments, small.Instruments),
			fmt.Sprintf("%.2f× (%.1f against %.1f ms)", x, large.P95, small.P95), mark(x <= 1.5 && large.Errors == 0)})
	}
	return out
}

// lineageScale returns the lineage results at the smallest and the largest
// size, when there are two sizes with answers.
func lineageScale(ls []lineageResult) (small, large lineageResult, ok bool) {
	for _, l := range ls {
		if l.Requests == 0 || l.P95 <= 0 {
			continue
		}
		if !ok || l.Instruments < small.Instruments {
			small = l
		}
		if !ok || l.Instruments > large.Instruments {
			large = l
		}
		ok = true
	}
	return small, large, ok && large.Instruments > small.Instruments
}
