package harness

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/bench/loadgen"
	"github.com/hemigraph/hemigraph/loader"
)

// SoakConfig is what Soak runs.
type SoakConfig struct {
	Neo4j       Neo4j
	Hemigraph   string        // the hemigraph binary under test
	Work        string        // folder for the corpora; a temporary one when empty
	Instruments int           // size of the graph served (the 100k corpus)
	Seed        uint64        // its seed
	Duration    time.Duration // measured time, in Interval slices
	Interval    time.Duration // one row of the report
	Concurrency int           // workers sending the mixed queries
	// Load runs `hemigraph load` back to back beside the queries: the
	// first LoadNodes nodes of the corpus with their titles revised, and
	// the edges among them (so each load updates LoadNodes nodes),
	// alternating two revisions.
	Load      bool
	LoadNodes int
	Out       string // the report (markdown)
	Command   string // the command line, as reported
	// Heap and PageCache are Neo4j's memory settings, as reported.
	Heap, PageCache string
}

// soakMinute is one interval of the soak.
type soakMinute struct {
	Index      int
	Stats      loadgen.Stats
	RSSMB      float64
	Goroutines float64
	InUse      float64 // Neo4j connections held by transactions, the most of four samples
}

// soakLoad is one load run beside the queries.
type soakLoad struct {
	Start   time.Duration // since the measurement began
	Took    time.Duration
	Summary loader.Summary
	Err     string
}

// Soak loads the corpus of cfg into cfg.Neo4j (wiped first), serves it
// with `hemigraph serve` and sends it the benchmark's mixed queries at
// cfg.Concurrency for cfg.Duration, with loads running alongside; every
// interval it records errors, p50/p99, the server's RSS, goroutines and
// Neo4j connections in use (from its /metrics). It writes the report to
// cfg.Out. It is a report, not a test: it returns an error only when it
// cannot run.
func Soak(ctx context.Context, cfg SoakConfig, log *slog.Logger) error {
	if cfg.Work == "" {
		dir, err := os.MkdirTemp("", "hemigraph-soak-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.Work = dir
	}
	b, err := newBench(ctx, RunConfig{Neo4j: cfg.Neo4j, Hemigraph: cfg.Hemigraph, Seed: cfg.Seed, Work: cfg.Work,
		Heap: cfg.Heap, PageCache: cfg.PageCache}, log)
	if err != nil {
		return err
	}
	defer b.close()
	cf, err := b.corpus(cfg.Instruments)
	if err != nil {
		return err
	}
	if err := wipe(ctx, b.store, log); err != nil {
		return err
	}
	first, err := b.hemigraphLoad(ctx, cf.path)
	if err != nil {
		return err
	}
	log.Info("soak: graph loaded", "rows", cf.nodes+cf.edges, "took", time.Duration(first.Seconds*float64(time.Second)).Round(time.Second))
	var revised []string
	if cfg.Load {
		for k := 1; k <= 2; k++ {
			p := filepath.Join(cfg.Work, fmt.Sprintf("revised-%d.jsonl", k))
			if err := reviseTitles(cfg.Instruments, cfg.Seed, cfg.LoadNodes, k, p); err != nil {
				return err
			}
			revised = append(revised, p)
		}
	}

	hg, err := b.startHemigraph(ctx)
	if err != nil {
		return err
	}
	defer hg.stop()
	base := strings.TrimSuffix(hg.url, "/graphql")
	req := mixed(queries(cf), hg.url)

	// Warm the plans, unmeasured.
	loadgen.Do(ctx, loadgen.Client(cfg.Concurrency), loadgen.Run{Concurrency: cfg.Concurrency, Duration: 10 * time.Second}, req)

	start := time.Now()
	lctx, stopLoads := context.WithCancel(ctx)
	var (
		loads   []soakLoad
		loadsMu sync.Mutex
		wg      sync.WaitGroup
	)
	if cfg.Load {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; lctx.Err() == nil; k++ {
				t0 := time.Now()
				run, err := b.hemigraphLoad(lctx, revised[k%len(revised)])
				l := soakLoad{Start: t0.Sub(start), Took: time.Since(t0), Summary: run.Summary}
				if err != nil {
					if lctx.Err() != nil {
						l.Err = "stopped at the end of the soak"
					} else {
						l.Err = shorten(err.Error())
					}
				}
				loadsMu.Lock()
				loads = append(loads, l)
				loadsMu.Unlock()
				log.Info("soak: load", "took", l.Took.Round(time.Second), "err", l.Err)
			}
		}()
	}

	var rows []soakMinute
	client := loadgen.Client(cfg.Concurrency)
	for i := 0; time.Since(start) < cfg.Duration && ctx.Err() == nil; i++ {
		// Connections in use, sampled during the interval.
		inUse := make(chan float64, 1)
		go func() {
			peak := 0.0
			for j := 1; j <= 4; j++ {
				time.Sleep(cfg.Interval / 5)
				peak = max(peak, scrape(base + "/metrics")["hemigraph_neo4j_connections_in_use"])
			}
			inUse <- peak
		}()
		st := loadgen.Do(ctx, client, loadgen.Run{Concurrency: cfg.Concurrency, Duration: cfg.Interval, MaxRequests: math.MaxInt32},
			offset{req, i * 10_000_000})
		m := scrape(base + "/metrics")
		row := soakMinute{Index: i + 1, Stats: st, RSSMB: rssMB(hg.cmd.Process.Pid), Goroutines: m["go_goroutines"],
			InUse: <-inUse}
		rows = append(rows, row)
		log.Info("soak", "minute", row.Index, "requests", st.Requests, "errors", st.Errors, "p50", st.P50, "p99", st.P99,
			"rss_mb", row.RSSMB, "goroutines", row.Goroutines)
	}
	stopLoads()
	wg.Wait()
	rep := soakReport{Config: cfg, Rows: rows, Loads: loads, FirstLoad: first, Rows0: cf.nodes + cf.edges,
		Machine: b.res, Metrics: scrapeText(base + "/metrics")}
	return os.WriteFile(cfg.Out, []byte(rep.markdown()), 0o644)
}

// mixedRequest sends the queries in turn, the i-th request being query
// i mod n with that query's argument i/n.
type mixedRequest struct{ reqs []loadgen.Request }

func mixed(qs []query, url string) mixedRequest {
	var m mixedRequest
	for _, q := range qs {
		r := q.request(targetHemigraph, url)
		if g, ok := r.(loadgen.GraphQL); ok {
			// Named, so that the server's metrics tell the queries apart.
			g.Query = strings.Replace(g.Query, "query(", "query "+operationName(q.name)+"(", 1)
			r = g
		}
		if r != nil {
			m.reqs = append(m.reqs, r)
		}
	}
	return m
}

// operationName makes a GraphQL operation name of a query's name:
// "lineage (depth 4)" is LineageDepth4.
func operationName(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func (m mixedRequest) New(ctx context.Context, i int) (*http.Request, error) {
	return m.reqs[i%len(m.reqs)].New(ctx, i/len(m.reqs))
}

// Check fails on any GraphQL error or an empty answer.
func (m mixedRequest) Check(body []byte) error {
	if bytes.Contains(body, []byte(`"errors"`)) {
		return fmt.Errorf("graphql errors: %.300s", body)
	}
	if !bytes.Contains(body, []byte(`"data"`)) {
		return fmt.Errorf("no data: %.300s", body)
	}
	return nil
}

// offset numbers a request sequence from n, so that each interval asks
// other arguments.
type offset struct {
	r loadgen.Request
	n int
}

func (o offset) New(ctx context.Context, i int) (*http.Request, error) { return o.r.New(ctx, i+o.n) }
func (o offset) Check(body []byte) error                               { return o.r.Check(body) }

// reviseTitles writes the first nodes of the corpus of n instruments and
// seed with " (rev. k)" after their titles, and the edges among them:
// loading it updates those nodes.
func reviseTitles(n int, seed uint64, nodes, k int, path string) error {
	c := corpus.Generate(corpus.Config{Instruments: n, Seed: seed})
	c.Nodes = c.Nodes[:min(nodes, len(c.Nodes))]
	kept := map[string]bool{}
	for i := range c.Nodes {
		c.Nodes[i].Title += fmt.Sprintf(" (rev. %d)", k)
		kept[c.Nodes[i].ID] = true
	}
	c.Edges = slices.DeleteFunc(c.Edges, func(e hemigraph.Edge) bool { return !kept[e.From] || !kept[e.To] })
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := loader.WriteJSONL(bw, c.Nodes, c.Edges); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rssMB returns a process's resident set (VmRSS) in MB, 0 when unknown.
func rssMB(pid int) float64 { return statusMB(pid, "VmRSS:") }

// scrapeText returns the metrics served at url, "" when they cannot be
// read.
func scrapeText(url string) string {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// scrape returns the unlabelled samples of the metrics at url by name.
func scrape(url string) map[string]float64 {
	out := map[string]float64{}
	for _, l := range strings.Split(scrapeText(url), "\n") {
		if l == "" || l[0] == '#' || strings.Contains(l, "{") {
			continue
		}
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		if v, err := strconv.ParseFloat(f[1], 64); err == nil {
			out[f[0]] = v
		}
	}
	return out
}

// soakReport is what SOAK.md shows.
type soakReport struct {
	Config    SoakConfig
	Rows      []soakMinute
	Loads     []soakLoad
	FirstLoad hemigraphRun
	Rows0     int
	Machine   *results
	Metrics   string
}

// selected returns the lines of the metrics text whose name has one of
// prefixes.
func selected(text string, prefixes ...string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if l == "" || l[0] == '#' {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				b.WriteString(l + "\n")
				break
			}
		}
	}
	return b.String()
}

func (r soakReport) markdown() string {
	var b strings.Builder
	c := r.Config
	fmt.Fprintf(&b, "# Soak\n\n")
	fmt.Fprintf(&b, "`make soak` (%s): %s of the benchmark's mixed queries (lookup, nested relations, filtered list page, full-text search, lineage at depth 4, neighbourhood, in turn) at concurrency %d against `hemigraph serve`, on the graph of the %d-instrument synthetic corpus (%d rows, seed %d)",
		c.Command, c.Duration, c.Concurrency, c.Instruments, r.Rows0, c.Seed)
	if c.Load {
		fmt.Fprintf(&b, ", while `hemigraph load` runs back to back beside them, each load the first %d nodes of the corpus with their titles revised and the edges among them (so each updates %d nodes, alternately \"(rev. 1)\" and \"(rev. 2)\", and records what it changed)", c.LoadNodes, c.LoadNodes)
	}
	fmt.Fprintf(&b, ". A report, not a test: it is run by hand and committed.\n\n")
	m := r.Machine
	fmt.Fprintf(&b, "Run %s on %s (%d cores, %.0f GB, load average before %s), %s, %s (%s), hemigraph's first load of the graph %.0f s.\n\n",
		m.Date, m.CPU, m.Cores, m.MemGB, m.LoadAvg, m.GoVersion, m.Neo4j, m.Neo4jMemory, r.FirstLoad.Seconds)

	var total, errs int
	firstErr := ""
	for _, row := range r.Rows {
		total += row.Stats.Requests + row.Stats.Errors
		errs += row.Stats.Errors
		if firstErr == "" {
			firstErr = row.Stats.FirstErr
		}
	}
	fmt.Fprintf(&b, "## Summary\n\n")
	fmt.Fprintf(&b, "- requests: %d, errors: **%d**", total, errs)
	if firstErr != "" {
		fmt.Fprintf(&b, " (first: `%s`)", shorten(firstErr))
	}
	b.WriteString("\n")
	if len(r.Rows) >= 3 {
		warm := r.Rows[1:] // the first interval is the warm-up
		p99s, rss, gor := column(warm, func(m soakMinute) float64 { return m.Stats.P99 }),
			column(warm, func(m soakMinute) float64 { return m.RSSMB }), column(warm, func(m soakMinute) float64 { return m.Goroutines })
		fmt.Fprintf(&b, "- p99 after the first interval: %.1f–%.1f ms (first %.1f, last %.1f: drift %+.0f%%)\n",
			minOf(p99s), maxOf(p99s), p99s[0], p99s[len(p99s)-1], 100*(p99s[len(p99s)-1]-p99s[0])/p99s[0])
		fmt.Fprintf(&b, "- hemigraph's RSS after the first interval: %.0f–%.0f MB (first %.0f, last %.0f: drift %+.0f MB)\n",
			minOf(rss), maxOf(rss), rss[0], rss[len(rss)-1], rss[len(rss)-1]-rss[0])
		fmt.Fprintf(&b, "- goroutines after the first interval: %.0f–%.0f (first %.0f, last %.0f)\n",
			minOf(gor), maxOf(gor), gor[0], gor[len(gor)-1])
	}
	fmt.Fprintf(&b, "- loads beside the queries: %d", len(r.Loads))
	failed := 0
	for _, l := range r.Loads {
		if l.Err != "" && l.Err != "stopped at the end of the soak" {
			failed++
		}
	}
	fmt.Fprintf(&b, ", failed: %d\n\n", failed)

	fmt.Fprintf(&b, "## Per %s\n\n", c.Interval)
	fmt.Fprintf(&b, "| # | requests | req/s | errors | p50 ms | p99 ms | RSS MB | goroutines | Neo4j connections in use |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range r.Rows {
		fmt.Fprintf(&b, "| %d | %d | %.0f | %d | %.1f | %.1f | %.0f | %.0f | %.0f |\n", row.Index, row.Stats.Requests, row.Stats.RPS,
			row.Stats.Errors, row.Stats.P50, row.Stats.P99, row.RSSMB, row.Goroutines, row.InUse)
	}
	if len(r.Loads) > 0 {
		fmt.Fprintf(&b, "\n## Loads beside the queries\n\n| started at | took | nodes updated | nodes unchanged | edges unchanged | error |\n|---:|---:|---:|---:|---:|---|\n")
		for _, l := range r.Loads {
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %s |\n", l.Start.Round(time.Second), l.Took.Round(time.Second),
				l.Summary.Nodes.Updated, l.Summary.Nodes.Unchanged, l.Summary.Edges.Unchanged, l.Err)
		}
	}
	sel := selected(r.Metrics, "hemigraph_graphql_requests_total", "hemigraph_neo4j_transactions_total", "hemigraph_neo4j_transaction_retries_total",
		"hemigraph_neo4j_unavailable_total", "go_goroutines", "go_memstats_heap_inuse_bytes", "process_resident_memory_bytes")
	if sel != "" {
		var tw bytes.Buffer
		w := tabwriter.NewWriter(&tw, 0, 0, 1, ' ', 0)
		fmt.Fprint(w, sel)
		w.Flush()
		fmt.Fprintf(&b, "\n## The server's own counters at the end (/metrics)\n\n```\n%s```\n", tw.String())
	}
	return b.String()
}

func column(rows []soakMinute, f func(soakMinute) float64) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// ErrNoSoak is returned when a soak is asked of no time.
var ErrNoSoak = errors.New("soak: -duration and -interval must be positive")
