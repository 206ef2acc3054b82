package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/bench/baseline"
	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// config is what `run` is told by its flags.
type config struct {
	mode        string
	sizes       []int
	seed        uint64
	sweep       map[int][]int // batch sizes swept per corpus size; the largest size's list is used above it
	floorSize   int
	floorCap    time.Duration
	work        string
	out         string
	jsonOut     string
	hemigraph   string
	peer        string
	serveSize   int
	lineageSize []int
	lineageN    int
	duration    time.Duration
	warmup      time.Duration
	concurrency []int
	pairs       bool
	repoRoot    string
	command     string
}

func runCmd(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		mode      = fs.String("mode", "quick", "quick (make bench: 10k and 100k) or full (make bench-full: adds 1M)")
		sizes     = fs.String("sizes", "", "instrument counts of the corpora (default by mode)")
		seed      = fs.Uint64("seed", 1, "corpus seed")
		work      = fs.String("work", "", "folder for the generated corpora (default a temporary one)")
		out       = fs.String("out", "bench/RESULTS.md", "results file (markdown)")
		jsonOut   = fs.String("json", "", "also write every figure as JSON here")
		hg        = fs.String("hemigraph", "bin/hemigraph", "the hemigraph binary under test")
		peer      = fs.String("peer", "bench/neo4j-graphql", "folder of the @neo4j/graphql peer (npm ci done)")
		duration  = fs.Duration("duration", 0, "measured time per server cell (default by mode)")
		floorSize = fs.Int("floor-size", 10000, "corpus size on which the per-row floor is measured")
		serveSize = fs.Int("serve-size", 0, "corpus size of the server benchmark (default: the largest; -1 for none)")
		sweepFlag = fs.String("sweep", "", "ceiling batch sizes to sweep at every size, e.g. 10000,20000 (default by mode and size)")
		pairs     = fs.Bool("pairs", true, "after the sweep, load with the ceiling's best batch size and with hemigraph once more each")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config{
		mode: *mode, seed: *seed, work: *work, out: *out, jsonOut: *jsonOut, hemigraph: *hg, peer: *peer,
		floorSize: *floorSize, floorCap: 15 * time.Second, concurrency: []int{1, 16, 64},
		command: "hemigraph-bench run " + strings.Join(args, " "),
	}
	switch *mode {
	case "quick":
		cfg.sizes = []int{10000, 100000}
		cfg.sweep = map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000}}
		cfg.duration, cfg.warmup = 2*time.Second, 500*time.Millisecond
		cfg.lineageSize, cfg.lineageN = []int{100000}, 100
	case "full":
		cfg.sizes = []int{10000, 100000, 1000000}
		cfg.sweep = map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000, 20000}, 1000000: {5000, 10000}}
		cfg.duration, cfg.warmup = 5*time.Second, time.Second
		cfg.lineageSize, cfg.lineageN = []int{100000, 1000000}, 200
	default:
		return fmt.Errorf("-mode %q: want quick or full", *mode)
	}
	if *sizes != "" {
		cfg.sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return fmt.Errorf("-sizes: %w", err)
			}
			cfg.sizes = append(cfg.sizes, n)
		}
	}
	if *duration > 0 {
		cfg.duration = *duration
	}
	if *sweepFlag != "" {
		var list []int
		for _, f := range strings.Split(*sweepFlag, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 0 {
				return fmt.Errorf("-sweep: bad batch size %q", f)
			}
			if n > 0 { // -sweep 0: no ceiling at all
				list = append(list, n)
			}
		}
		cfg.sweep = map[int][]int{}
		for _, n := range cfg.sizes {
			cfg.sweep[n] = list
		}
	}
	cfg.pairs = *pairs
	cfg.serveSize = *serveSize
	if cfg.serveSize == 0 {
		cfg.serveSize = slices.Max(cfg.sizes)
	}
	cfg.lineageSize = slices.DeleteFunc(cfg.lineageSize, func(n int) bool { return !slices.Contains(cfg.sizes, n) })
	wd, _ := os.Getwd()
	cfg.repoRoot = wd
	if cfg.work == "" {
		dir, err := os.MkdirTemp("", "hemigraph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.work = dir
	}
	b, err := newBench(ctx, cfg, getenv, log)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.all(ctx); err != nil {
		// Write what was measured, then fail.
		b.res.Notes = append(b.res.Notes, "the run stopped early: "+err.Error())
		b.write()
		return err
	}
	return b.write()
}

// bench is one benchmark run.
type bench struct {
	cfg    config
	getenv func(string) string
	log    *slog.Logger
	driver neo4j.DriverWithContext
	db     string
	store  *neo4jstore.Store
	res    *Results
	// corpora by size: path and its record counts.
	files map[int]corpusFile
}

type corpusFile struct {
	path         string
	nodes, edges int
	instruments  []string
	conferences  []string
}

func newBench(ctx context.Context, cfg config, getenv func(string) string, log *slog.Logger) (*bench, error) {
	d, db, err := neo4jDriver(getenv)
	if err != nil {
		return nil, err
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		return nil, fmt.Errorf("reach neo4j: %w", err)
	}
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: getenv("NEO4J_URI"), User: getenv("NEO4J_USER"),
		Password: getenv("NEO4J_PASSWORD"), Database: db, TxTimeout: 10 * time.Minute}, log)
	if err != nil {
		return nil, err
	}
	b := &bench{cfg: cfg, getenv: getenv, log: log, driver: d, db: db, store: store, files: map[int]corpusFile{}}
	b.res = &Results{Mode: cfg.mode, Seed: cfg.seed, Command: cfg.command}
	b.machine(ctx)
	return b, nil
}

func (b *bench) close() {
	b.store.Close(context.Background())
	b.driver.Close(context.Background())
}

func (b *bench) all(ctx context.Context) error {
	start := time.Now()
	if err := b.readers(ctx); err != nil {
		return err
	}
	if err := b.warmUp(ctx); err != nil {
		return err
	}
	for _, n := range b.cfg.sizes {
		if err := b.loadSize(ctx, n); err != nil {
			return fmt.Errorf("loader benchmark at %d: %w", n, err)
		}
		if n == b.cfg.serveSize {
			// The graph now holds this corpus, loaded by hemigraph.
			if err := b.servers(ctx, n); err != nil {
				return fmt.Errorf("server benchmark at %d: %w", n, err)
			}
		}
		if slices.Contains(b.cfg.lineageSize, n) {
			if err := b.lineage(ctx, n); err != nil {
				return fmt.Errorf("lineage at %d: %w", n, err)
			}
		}
	}
	b.scaling()
	b.res.Took = time.Since(start).Round(time.Second).String()
	return nil
}

// warmUp loads the smallest corpus once with the ceiling and once with
// hemigraph, unmeasured, so that no measured load pays for a cold JVM
// (JIT, plan cache) in Neo4j.
func (b *bench) warmUp(ctx context.Context) error {
	cf, err := b.corpus(min(b.cfg.sizes[0], 10000))
	if err != nil {
		return err
	}
	b.log.Info("warm-up (not measured)")
	if err := b.wipe(ctx); err != nil {
		return err
	}
	rows, err := baseline.ReadRows(cf.path)
	if err != nil {
		return err
	}
	if _, err := baseline.Ceiling(ctx, b.driver, b.db, rows, 2000); err != nil {
		return err
	}
	if err := b.wipe(ctx); err != nil {
		return err
	}
	_, err = b.hemigraphLoad(ctx, cf.path)
	return err
}

// ---- corpora ----

func (b *bench) corpus(n int) (corpusFile, error) {
	if f, ok := b.files[n]; ok {
		return f, nil
	}
	path := filepath.Join(b.cfg.work, fmt.Sprintf("corpus-%d-seed%d.jsonl", n, b.cfg.seed))
	t0 := time.Now()
	f, err := os.Create(path)
	if err != nil {
		return corpusFile{}, err
	}
	c, err := writeCorpus(f, corpus.Config{Instruments: n, Seed: b.cfg.seed})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return corpusFile{}, fmt.Errorf("generate %d: %w", n, err)
	}
	took := time.Since(t0)
	info, _ := os.Stat(path)
	cf := corpusFile{path: path, nodes: len(c.Nodes), edges: len(c.Edges), instruments: c.Instruments, conferences: c.Conferences}
	b.files[n] = cf
	b.res.Corpora = append(b.res.Corpora, CorpusResult{Instruments: n, Nodes: cf.nodes, Edges: cf.edges,
		Rows: cf.nodes + cf.edges, MB: float64(info.Size()) / 1e6, GenSeconds: took.Seconds()})
	b.log.Info("corpus generated", "instruments", n, "nodes", cf.nodes, "edges", cf.edges, "took", took.Round(time.Millisecond))
	return cf, nil
}

// ---- readers ----

// readers measures the text reader (loader/document's BenchmarkRead, run
// by go test on one core) and the bulk JSONL reader, on one core.
func (b *bench) readers(ctx context.Context) error {
	// The document reader, through its own benchmark.
	args := []string{"test", "-run", "^$", "-bench", "^BenchmarkRead$", "-benchtime", "2s", "-cpu", "1", "./loader/document"}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = b.cfg.repoRoot
	outb, err := cmd.CombinedOutput()
	rr := ReaderResult{Name: "text reader (loader/document BenchmarkRead)", Command: "go " + strings.Join(args, " ")}
	if err != nil {
		rr.Note = "not measured: " + firstLine(string(outb), err)
	} else if m := regexp.MustCompile(`([0-9.]+) MB/s`).FindStringSubmatch(string(outb)); m != nil {
		rr.MBps, _ = strconv.ParseFloat(m[1], 64)
		rr.Detail = benchLine(string(outb))
	} else {
		rr.Note = "BenchmarkRead reports no MB/s (b.SetBytes missing): " + benchLine(string(outb))
	}
	b.res.Readers = append(b.res.Readers, rr)

	// The JSONL bulk reader on the 10k corpus, one core.
	small := min(b.cfg.sizes[0], 10000)
	cf, err := b.corpus(small)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(cf.path)
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(1)
	r := testing.Benchmark(func(tb *testing.B) {
		tb.SetBytes(int64(len(data)))
		tb.ReportAllocs()
		for tb.Loop() {
			if _, errs := loader.ReadJSONL(bytes.NewReader(data), "corpus.jsonl"); len(errs) > 0 {
				tb.Fatal(errs[0])
			}
		}
	})
	runtime.GOMAXPROCS(prev)
	mbps := float64(r.Bytes) * float64(r.N) / 1e6 / r.T.Seconds()
	b.res.Readers = append(b.res.Readers, ReaderResult{Name: fmt.Sprintf("JSONL bulk reader (loader.ReadJSONL, %d-instrument corpus, %.1f MB)", small, float64(len(data))/1e6),
		Command: "hemigraph-bench run (testing.Benchmark, GOMAXPROCS=1)", MBps: mbps, Detail: r.String()})
	return nil
}

func benchLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "BenchmarkRead") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	return strings.TrimSpace(out)
}

func firstLine(out string, err error) string {
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return err.Error()
}

// ---- loader ----

func (b *bench) loadSize(ctx context.Context, n int) error {
	cf, err := b.corpus(n)
	if err != nil {
		return err
	}
	lr := LoadResult{Instruments: n, Rows: cf.nodes + cf.edges}
	check := func(what string) error {
		nodes, rels, err := b.store.Counts(ctx)
		if err != nil {
			return err
		}
		if nodes != cf.nodes || rels != cf.edges {
			return fmt.Errorf("%s left %d nodes and %d relationships, want %d and %d", what, nodes, rels, cf.nodes, cf.edges)
		}
		return nil
	}

	// (b) the ceiling, batch size swept.
	sweep := b.cfg.sweep[n]
	if _, set := b.cfg.sweep[n]; !set {
		sweep = []int{2000, 10000}
	}
	for _, batch := range sweep {
		if err := b.wipe(ctx); err != nil {
			return err
		}
		// A batch size can be pathological (see the results' notes): a
		// load is cut at four times the best so far, or at loadTimeout.
		limit := loadTimeout
		for _, s := range lr.Sweep {
			if !s.TimedOut {
				limit = min(limit, time.Duration(4*s.Seconds*float64(time.Second)))
			}
		}
		b.log.Info("ceiling", "instruments", n, "batch", batch, "limit", limit.Round(time.Second))
		t0 := time.Now()
		rows, err := baseline.ReadRows(cf.path)
		if err != nil {
			return err
		}
		lctx, cancel := context.WithTimeout(ctx, limit)
		r, err := baseline.Ceiling(lctx, b.driver, b.db, rows, batch)
		cancel()
		if err != nil && ctx.Err() == nil && lctx.Err() != nil {
			b.res.Notes = append(b.res.Notes, fmt.Sprintf("ceiling at %d instruments, batch %d: cut after %s (%d statements done, %d rows); its last statement was still running",
				n, batch, limit.Round(time.Second), r.Statements, r.Rows))
			lr.Sweep = append(lr.Sweep, SweepRun{Batch: batch, Seconds: limit.Seconds(), Statements: r.Statements, TimedOut: true})
			if err := b.terminateAll(ctx); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		took := time.Since(t0)
		if err := check("the ceiling"); err != nil {
			return err
		}
		lr.Sweep = append(lr.Sweep, SweepRun{Batch: batch, Seconds: took.Seconds(), WriteSeconds: r.Took.Seconds(),
			RowsPerSec: float64(lr.Rows) / took.Seconds(), Statements: r.Statements})
	}
	var best SweepRun
	for _, s := range lr.Sweep {
		if !s.TimedOut && s.RowsPerSec > best.RowsPerSec {
			best = s
		}
	}
	lr.Ceiling = best

	// (c) the floor, on the smallest corpus only.
	if n == b.cfg.floorSize {
		fl, err := b.floor(ctx, cf)
		if err != nil {
			return err
		}
		lr.Floor = fl
	}

	// (a) hemigraph load, then the rerun; then the ceiling's best batch
	// size once more and hemigraph once more, so that each side has a
	// sample next to the other's (the machine is noisy): each side's best
	// sample is compared. The graph is left as hemigraph loaded it.
	runA := func() (HemigraphRun, error) {
		if err := b.wipe(ctx); err != nil {
			return HemigraphRun{}, err
		}
		b.log.Info("hemigraph load", "instruments", n)
		r, err := b.hemigraphLoad(ctx, cf.path)
		if err != nil {
			return r, err
		}
		r.RowsPerSec = float64(lr.Rows) / r.Seconds
		return r, check("hemigraph load")
	}
	first, err := runA()
	if err != nil {
		return err
	}
	b.log.Info("hemigraph load again", "instruments", n)
	again, err := b.hemigraphLoad(ctx, cf.path)
	if err != nil {
		return err
	}
	if err := check("the rerun"); err != nil {
		return err
	}
	again.RowsPerSec = float64(lr.Rows) / again.Seconds
	lr.Rerun = again
	lr.RerunCreatesNothing = again.Summary.Nodes.Created == 0 && again.Summary.Nodes.Updated == 0 &&
		again.Summary.Edges.Created == 0 && again.Summary.Edges.Updated == 0

	lr.HemigraphRuns = []HemigraphRun{first}
	lr.Hemigraph = first
	if b.cfg.pairs && best.Batch > 0 {
		if err := b.ceilingAgain(ctx, cf, &lr, best.Batch, check); err != nil {
			return err
		}
		last, err := runA()
		if err != nil {
			return err
		}
		lr.HemigraphRuns = append(lr.HemigraphRuns, last)
		if last.RowsPerSec > first.RowsPerSec {
			lr.Hemigraph = last
		}
	}

	if lr.Ceiling.RowsPerSec > 0 {
		lr.RatioAB = lr.Hemigraph.RowsPerSec / lr.Ceiling.RowsPerSec
	}
	if lr.Floor != nil {
		lr.RatioAC = lr.Hemigraph.RowsPerSec / lr.Floor.RowsPerSec
	} else if f := b.floorRate(); f > 0 {
		lr.RatioAC = lr.Hemigraph.RowsPerSec / f
	}
	b.res.Loads = append(b.res.Loads, lr)
	return nil
}

// ceilingAgain loads cf with the ceiling at batch once more, keeping the
// better sample as the ceiling.
func (b *bench) ceilingAgain(ctx context.Context, cf corpusFile, lr *LoadResult, batch int, check func(string) error) error {
	if err := b.wipe(ctx); err != nil {
		return err
	}
	t0 := time.Now()
	rows, err := baseline.ReadRows(cf.path)
	if err != nil {
		return err
	}
	r, err := baseline.Ceiling(ctx, b.driver, b.db, rows, batch)
	if err != nil {
		return err
	}
	took := time.Since(t0)
	if err := check("the ceiling"); err != nil {
		return err
	}
	again := SweepRun{Batch: batch, Seconds: took.Seconds(), WriteSeconds: r.Took.Seconds(),
		RowsPerSec: float64(lr.Rows) / took.Seconds(), Statements: r.Statements}
	lr.CeilingRepeat = &again
	if again.RowsPerSec > lr.Ceiling.RowsPerSec {
		lr.Ceiling = again
	}
	return nil
}

func (b *bench) floorRate() float64 {
	for _, l := range b.res.Loads {
		if l.Floor != nil {
			return l.Floor.RowsPerSec
		}
	}
	return 0
}

// floor measures the per-row floor: nodes one by one for up to floorCap,
// then (the rest of the nodes written by the ceiling, untimed, so that
// every edge has its endpoints) edges one by one for up to floorCap, taken
// evenly across the file. Its rows/s weights the two rates by the
// corpus's own mix of nodes and edges.
func (b *bench) floor(ctx context.Context, cf corpusFile) (*FloorResult, error) {
	if err := b.wipe(ctx); err != nil {
		return nil, err
	}
	rows, err := baseline.ReadRows(cf.path)
	if err != nil {
		return nil, err
	}
	fr := &FloorResult{Cap: b.cfg.floorCap.String()}
	b.log.Info("floor: nodes")
	nodes := sample(rows, true)
	rn, err := baseline.FloorFor(ctx, b.driver, b.db, nodes, b.cfg.floorCap)
	if err != nil {
		return nil, err
	}
	fr.NodeRows, fr.NodeSeconds = rn.Rows, rn.Took.Seconds()
	if _, err := baseline.Ceiling(ctx, b.driver, b.db, &baseline.Rows{Nodes: rows.Nodes}, 10000); err != nil {
		return nil, err
	}
	b.log.Info("floor: edges")
	re, err := baseline.FloorFor(ctx, b.driver, b.db, sample(rows, false), b.cfg.floorCap)
	if err != nil {
		return nil, err
	}
	fr.EdgeRows, fr.EdgeSeconds = re.Rows, re.Took.Seconds()
	nodeRate, edgeRate := float64(rn.Rows)/rn.Took.Seconds(), float64(re.Rows)/re.Took.Seconds()
	fr.RowsPerSec = float64(cf.nodes+cf.edges) / (float64(cf.nodes)/nodeRate + float64(cf.edges)/edgeRate)
	return fr, nil
}

// sample returns the nodes (or the edges) of rows interleaved evenly
// across kinds (or types), so that a time-capped prefix is a fair sample.
func sample(rows *baseline.Rows, nodes bool) []baseline.Row {
	var groups [][]baseline.Row
	if nodes {
		for k, rs := range rows.Nodes {
			groups = append(groups, baseline.NodeRows(k, rs))
		}
	} else {
		for t, rs := range rows.Edges {
			groups = append(groups, baseline.EdgeRows(t, rs))
		}
	}
	slices.SortFunc(groups, func(a, b []baseline.Row) int { return strings.Compare(a[0].Query, b[0].Query) })
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	out := make([]baseline.Row, 0, total)
	// Proportional interleaving: at each step take from the group most
	// behind its share.
	taken := make([]int, len(groups))
	for len(out) < total {
		bi, bv := -1, 2.0
		for i, g := range groups {
			if taken[i] == len(g) {
				continue
			}
			if v := float64(taken[i]) / float64(len(g)); v < bv {
				bi, bv = i, v
			}
		}
		out = append(out, groups[bi][taken[bi]])
		taken[bi]++
	}
	return out
}

// hemigraphLoad runs `hemigraph load -json FILE` and returns its wall time
// and summary.
func (b *bench) hemigraphLoad(ctx context.Context, path string) (HemigraphRun, error) {
	args := []string{"load", "-json", "-log-level", "warn", path}
	cmd := exec.CommandContext(ctx, b.cfg.hemigraph, args...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+b.getenv("NEO4J_URI"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	err := cmd.Run()
	took := time.Since(t0)
	if err != nil {
		return HemigraphRun{}, fmt.Errorf("hemigraph load: %w: %s", err, tail(stderr.String()))
	}
	var sum loader.Summary
	if err := json.Unmarshal(lastLine(stdout.Bytes()), &sum); err != nil {
		return HemigraphRun{}, fmt.Errorf("hemigraph load printed no JSON summary: %w: %s", err, stdout.String())
	}
	peak := 0.0
	if ps := cmd.ProcessState; ps != nil {
		if ru, ok := ps.SysUsage().(*syscallRusage); ok {
			peak = float64(ru.Maxrss) / 1024
		}
	}
	return HemigraphRun{Seconds: took.Seconds(), LoadSeconds: sum.Took.Seconds(), Summary: sum, PeakRSSMB: peak}, nil
}

func lastLine(b []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return lines[len(lines)-1]
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// loadTimeout bounds one measured load.
const loadTimeout = 30 * time.Minute

// terminateAll ends every transaction running on the server but the
// query that lists them, after a load was cut short.
func (b *bench) terminateAll(ctx context.Context) error {
	res, err := neo4j.ExecuteQuery(ctx, b.driver, `SHOW TRANSACTIONS YIELD transactionId, currentQuery
WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN collect(transactionId) AS ids`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(b.db))
	if err != nil {
		return fmt.Errorf("list transactions: %w", err)
	}
	v, _ := res.Records[0].Get("ids")
	ids, _ := v.([]any)
	if len(ids) == 0 {
		return nil
	}
	if _, err := neo4j.ExecuteQuery(ctx, b.driver, `TERMINATE TRANSACTIONS $ids`, map[string]any{"ids": ids},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(b.db)); err != nil {
		return fmt.Errorf("terminate transactions: %w", err)
	}
	time.Sleep(2 * time.Second)
	return nil
}

func (b *bench) wipe(ctx context.Context) error {
	t0 := time.Now()
	if err := b.store.Wipe(ctx); err != nil {
		return err
	}
	if err := b.store.EnsureSchema(ctx); err != nil {
		return err
	}
	b.log.Info("wiped", "took", time.Since(t0).Round(time.Millisecond))
	return nil
}

// ---- scaling ----

func (b *bench) scaling() {
	for i := 1; i < len(b.res.Loads); i++ {
		lo, hi := b.res.Loads[i-1], b.res.Loads[i]
		sr := ScalingResult{
			From: lo.Instruments, To: hi.Instruments,
			RowsRatio: float64(hi.Rows) / float64(lo.Rows),
			TimeRatio: hi.Hemigraph.Seconds / lo.Hemigraph.Seconds,
		}
		if lo.Ceiling.RowsPerSec > 0 && hi.Ceiling.RowsPerSec > 0 {
			sr.CeilingTimeRatio = (float64(hi.Rows) / hi.Ceiling.RowsPerSec) / (float64(lo.Rows) / lo.Ceiling.RowsPerSec)
		}
		b.res.Scaling = append(b.res.Scaling, sr)
	}
}

// ---- machine ----

func (b *bench) machine(ctx context.Context) {
	r := b.res
	r.Date = time.Now().UTC().Format("2006-01-02 15:04 MST")
	r.Cores = runtime.NumCPU()
	r.GoVersion = runtime.Version()
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				r.CPU = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(data), "\n", 2)[0], "MemTotal:"), "%f", &kb)
		r.MemGB = kb / 1024 / 1024
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		r.LoadAvg = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	res, err := neo4j.ExecuteQuery(ctx, b.driver, `CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("system"))
	if err == nil && len(res.Records) > 0 {
		v, _ := res.Records[0].Get("v")
		r.Neo4j = fmt.Sprint(v)
	}
	if out, err := exec.CommandContext(ctx, "node", "--version").Output(); err == nil {
		r.Node = strings.TrimSpace(string(out))
	}
	r.PeerPackages = peerVersions(b.cfg.peer)
	r.Neo4jMemory = fmt.Sprintf("heap %s, page cache %s", orDefault(b.getenv("NEO4J_HEAP"), "1g"), orDefault(b.getenv("NEO4J_PAGECACHE"), "512m"))
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// peerVersions reads the installed versions of the peer's packages from
// its lockfile.
func peerVersions(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return ""
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return ""
	}
	var out []string
	for _, p := range []string{"@neo4j/graphql", "@apollo/server", "graphql", "neo4j-driver"} {
		if v, ok := lock.Packages["node_modules/"+p]; ok {
			out = append(out, p+" "+v.Version)
		}
	}
	return strings.Join(out, ", ")
}
