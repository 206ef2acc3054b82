package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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

// RunConfig is what Run measures, and where it writes the results.
type RunConfig struct {
	Mode  string // "quick" or "full", as reported
	Sizes []int  // instrument counts of the corpora, measured in this order
	Seed  uint64 // corpus seed
	// Sweep lists the ceiling's batch sizes per corpus size; a size
	// without an entry sweeps 2000 and 10000, one with an empty list runs
	// no ceiling.
	Sweep     map[int][]int
	FloorSize int           // corpus size on which the per-row floor is measured
	FloorCap  time.Duration // time cap of each half (nodes, edges) of the floor
	Work      string        // folder for the generated corpora; a temporary one, removed after, when empty
	Out       string        // results file (markdown)
	JSONOut   string        // also every figure as JSON, when set
	Hemigraph string        // the hemigraph binary under test
	Peer      string        // folder of the @neo4j/graphql peer, npm ci done
	// ServeSize is the corpus size of the server benchmark; none when it
	// is not one of Sizes.
	ServeSize    int
	LineageSizes []int // corpus sizes at which the lineage is measured
	LineageN     int   // lineage requests per size (at most one per conference)
	// Duration and Warmup are the measured and warm-up time of each
	// server cell, at each of Concurrency.
	Duration, Warmup time.Duration
	Concurrency      []int
	// QueryWarmup is each target's unmeasured time on a query before the
	// query's first server cell (warmQuery); none when 0.
	QueryWarmup time.Duration
	// Pairs loads once more with the ceiling's best batch size and with
	// hemigraph after the sweep, each side's best sample being compared.
	Pairs    bool
	RepoRoot string // where `go test ./loader/document` is run
	Command  string // the command line, as reported
	Neo4j    Neo4j
	// Heap and PageCache are the throwaway Neo4j's memory settings, as
	// reported.
	Heap, PageCache string
}

// Run runs the benchmark of cfg: it generates the corpora, measures the
// readers, then for each size the loaders, and at cfg.ServeSize the
// servers, and writes the results to cfg.Out (and cfg.JSONOut). The raw
// driver's server is this executable, run as `rawserve -addr ADDR`.
//
// It wipes cfg.Neo4j's database. When a measurement fails, what was
// measured is written with a note and the measurement's error returned.
func Run(ctx context.Context, cfg RunConfig, log *slog.Logger) error {
	if cfg.Work == "" {
		dir, err := os.MkdirTemp("", "hemigraph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.Work = dir
	}
	b, err := newBench(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer b.close()
	if err := b.all(ctx); err != nil {
		// Write what was measured, then fail.
		b.res.Notes = append(b.res.Notes, "the run stopped early: "+err.Error())
		writeResults(b.res, cfg.Out, cfg.JSONOut)
		return err
	}
	return writeResults(b.res, cfg.Out, cfg.JSONOut)
}

// graphStore is what the benchmark asks of hemigraph's store between
// loads; *neo4jstore.Store satisfies it.
type graphStore interface {
	schemaWiper
	Counts(ctx context.Context) (nodes, rels int, err error)
	Close(ctx context.Context) error
}

// schemaWiper empties a graph and puts its schema back.
type schemaWiper interface {
	Wipe(ctx context.Context) error
	EnsureSchema(ctx context.Context) error
}

// bench is one benchmark run.
type bench struct {
	cfg    RunConfig
	log    *slog.Logger
	driver neo4j.DriverWithContext
	db     string
	store  graphStore
	res    *results
	// corpora by size: path and its record counts.
	files map[int]corpusFile
}

// corpusFile is a generated corpus on disk.
type corpusFile struct {
	path         string
	nodes, edges int
	instruments  []string
	conferences  []string
}

// newBench connects to cfg.Neo4j and records the machine the run is on.
func newBench(ctx context.Context, cfg RunConfig, log *slog.Logger) (*bench, error) {
	d, db, err := cfg.Neo4j.driver()
	if err != nil {
		return nil, err
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		d.Close(context.Background())
		return nil, fmt.Errorf("reach neo4j: %w", err)
	}
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: cfg.Neo4j.URI, User: cfg.Neo4j.User,
		Password: cfg.Neo4j.Password, Database: db, TxTimeout: 10 * time.Minute}, log)
	if err != nil {
		d.Close(context.Background())
		return nil, err
	}
	b := &bench{cfg: cfg, log: log, driver: d, db: db, store: store, files: map[int]corpusFile{}}
	b.res = &results{Mode: cfg.Mode, Seed: cfg.Seed, Command: cfg.Command}
	b.machine(ctx)
	return b, nil
}

// close releases the store and the driver.
func (b *bench) close() {
	b.store.Close(context.Background())
	b.driver.Close(context.Background())
}

// all runs every measurement of the benchmark, in order.
func (b *bench) all(ctx context.Context) error {
	start := time.Now()
	if err := b.readers(ctx); err != nil {
		return err
	}
	if err := b.warmUp(ctx); err != nil {
		return err
	}
	for _, n := range b.cfg.Sizes {
		if err := b.loadSize(ctx, n); err != nil {
			return fmt.Errorf("loader benchmark at %d: %w", n, err)
		}
		if n == b.cfg.ServeSize {
			// The graph now holds this corpus, loaded by hemigraph.
			if err := b.servers(ctx, n); err != nil {
				return fmt.Errorf("server benchmark at %d: %w", n, err)
			}
		}
		if slices.Contains(b.cfg.LineageSizes, n) {
			if err := b.lineage(ctx, n); err != nil {
				return fmt.Errorf("lineage at %d: %w", n, err)
			}
		}
	}
	b.res.Scaling = scaling(b.res.Loads)
	b.res.Took = time.Since(start).Round(time.Second).String()
	return nil
}

// warmUp loads the smallest corpus once with the ceiling and once with
// hemigraph, unmeasured, so that no measured load pays for a cold JVM
// (JIT, plan cache) in Neo4j.
func (b *bench) warmUp(ctx context.Context) error {
	cf, err := b.corpus(min(b.cfg.Sizes[0], 10000))
	if err != nil {
		return err
	}
	b.log.Info("warm-up (not measured)")
	if err := wipe(ctx, b.store, b.log); err != nil {
		return err
	}
	rows, err := baseline.ReadRows(cf.path)
	if err != nil {
		return err
	}
	if _, err := baseline.Ceiling(ctx, b.driver, b.db, rows, 2000); err != nil {
		return err
	}
	if err := wipe(ctx, b.store, b.log); err != nil {
		return err
	}
	_, err = b.hemigraphLoad(ctx, cf.path)
	return err
}

// ---- corpora ----

// corpus returns the corpus of n instruments, generating it into the
// work folder the first time.
func (b *bench) corpus(n int) (corpusFile, error) {
	if f, ok := b.files[n]; ok {
		return f, nil
	}
	path := filepath.Join(b.cfg.Work, fmt.Sprintf("corpus-%d-seed%d.jsonl", n, b.cfg.Seed))
	t0 := time.Now()
	f, err := os.Create(path)
	if err != nil {
		return corpusFile{}, err
	}
	c, err := writeCorpus(f, corpus.Config{Instruments: n, Seed: b.cfg.Seed})
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
	b.res.Corpora = append(b.res.Corpora, corpusResult{Instruments: n, Nodes: cf.nodes, Edges: cf.edges,
		Rows: cf.nodes + cf.edges, MB: float64(info.Size()) / 1e6, GenSeconds: took.Seconds()})
	b.log.Info("corpus generated", "instruments", n, "nodes", cf.nodes, "edges", cf.edges, "took", took.Round(time.Millisecond))
	return cf, nil
}

// ---- readers ----

// readBenchArgs runs the document reader's own benchmark on one core.
var readBenchArgs = []string{"test", "-run", "^$", "-bench", "^BenchmarkRead$", "-benchtime", "2s", "-cpu", "1", "./loader/document"}

// readers measures the text reader (loader/document's BenchmarkRead, run
// by go test on one core) and the bulk JSONL reader, on one core.
func (b *bench) readers(ctx context.Context) error {
	// The document reader, through its own benchmark.
	cmd := exec.CommandContext(ctx, "go", readBenchArgs...)
	cmd.Dir = b.cfg.RepoRoot
	outb, err := cmd.CombinedOutput()
	b.res.Readers = append(b.res.Readers, textReader(string(outb), err))

	// The JSONL bulk reader on the 10k corpus, one core.
	small := min(b.cfg.Sizes[0], 10000)
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
	b.res.Readers = append(b.res.Readers, readerResult{Name: fmt.Sprintf("JSONL bulk reader (loader.ReadJSONL, %d-instrument corpus, %.1f MB)", small, float64(len(data))/1e6),
		Command: "hemigraph-bench run (testing.Benchmark, GOMAXPROCS=1)", MBps: mbps, Detail: r.String()})
	return nil
}

var mbpsRE = regexp.MustCompile(`([0-9.]+) MB/s`)

// textReader reads the text reader's throughput from the output of `go
// test -bench ^BenchmarkRead$` and the error it ended with.
func textReader(out string, err error) readerResult {
	rr := readerResult{Name: "text reader (loader/document BenchmarkRead)", Command: "go " + strings.Join(readBenchArgs, " ")}
	if err != nil {
		rr.Note = "not measured: " + firstLine(out, err)
	} else if m := mbpsRE.FindStringSubmatch(out); m != nil {
		rr.MBps, _ = strconv.ParseFloat(m[1], 64)
		rr.Detail = benchLine(out)
	} else {
		rr.Note = "BenchmarkRead reports no MB/s (b.SetBytes missing): " + benchLine(out)
	}
	return rr
}

// benchLine returns the BenchmarkRead line of out, its fields separated by
// single spaces, or all of out trimmed when there is none.
func benchLine(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "BenchmarkRead") {
			return strings.Join(strings.Fields(l), " ")
		}
	}
	return strings.TrimSpace(out)
}

// firstLine returns the first line of out that is not blank, or err's
// text when there is none.
func firstLine(out string, err error) string {
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return err.Error()
}

// ---- loader ----

// loadSize measures the loaders on the corpus of n instruments: the
// ceiling's sweep, the floor (at FloorSize), hemigraph's loads and rerun,
// and the same file over HTTP (POST /load).
func (b *bench) loadSize(ctx context.Context, n int) error {
	cf, err := b.corpus(n)
	if err != nil {
		return err
	}
	lr := loadResult{Instruments: n, Rows: cf.nodes + cf.edges}
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
	sweep, set := b.cfg.Sweep[n]
	if !set {
		sweep = []int{2000, 10000}
	}
	for _, batch := range sweep {
		if err := wipe(ctx, b.store, b.log); err != nil {
			return err
		}
		// A batch size can be pathological (see the results' notes): a
		// load is cut at four times the best so far, or at loadTimeout.
		limit := cutLimit(lr.Sweep, loadTimeout)
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
			lr.Sweep = append(lr.Sweep, sweepRun{Batch: batch, Seconds: limit.Seconds(), Statements: r.Statements, TimedOut: true})
			// End every statement still running, the cut load's last one.
			if _, err := terminateRunning(ctx, b.driver, b.db, 0); err != nil {
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
		lr.Sweep = append(lr.Sweep, sweepRun{Batch: batch, Seconds: took.Seconds(), WriteSeconds: r.Took.Seconds(),
			RowsPerSec: perSec(lr.Rows, took.Seconds()), Statements: r.Statements})
	}
	best := bestSweep(lr.Sweep)
	lr.Ceiling = best

	// (c) the floor, on the smallest corpus only.
	if n == b.cfg.FloorSize {
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
	runA := func() (hemigraphRun, error) {
		if err := wipe(ctx, b.store, b.log); err != nil {
			return hemigraphRun{}, err
		}
		b.log.Info("hemigraph load", "instruments", n)
		r, err := b.hemigraphLoad(ctx, cf.path)
		if err != nil {
			return r, err
		}
		r.RowsPerSec = perSec(lr.Rows, r.Seconds)
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
	again.RowsPerSec = perSec(lr.Rows, again.Seconds)
	lr.Rerun = again
	lr.RerunCreatesNothing = createsNothing(again.Summary)

	lr.HemigraphRuns = []hemigraphRun{first}
	lr.Hemigraph = first
	if b.cfg.Pairs && best.Batch > 0 {
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

	if err := b.httpLoads(ctx, cf, &lr, check); err != nil {
		return err
	}
	lr.setRatios(b.res.floorRate())
	b.res.Loads = append(b.res.Loads, lr)
	return nil
}

// ceilingAgain loads cf with the ceiling at batch once more, keeping the
// better sample as the ceiling.
func (b *bench) ceilingAgain(ctx context.Context, cf corpusFile, lr *loadResult, batch int, check func(string) error) error {
	if err := wipe(ctx, b.store, b.log); err != nil {
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
	again := sweepRun{Batch: batch, Seconds: took.Seconds(), WriteSeconds: r.Took.Seconds(),
		RowsPerSec: perSec(lr.Rows, took.Seconds()), Statements: r.Statements}
	lr.CeilingRepeat = &again
	if again.RowsPerSec > lr.Ceiling.RowsPerSec {
		lr.Ceiling = again
	}
	return nil
}

// floor measures the per-row floor: nodes one by one for up to FloorCap,
// then (the rest of the nodes written by the ceiling, untimed, so that
// every edge has its endpoints) edges one by one for up to FloorCap, taken
// evenly across the file. Its rows/s weights the two rates by the
// corpus's own mix of nodes and edges.
func (b *bench) floor(ctx context.Context, cf corpusFile) (*floorResult, error) {
	if err := wipe(ctx, b.store, b.log); err != nil {
		return nil, err
	}
	rows, err := baseline.ReadRows(cf.path)
	if err != nil {
		return nil, err
	}
	fr := &floorResult{Cap: b.cfg.FloorCap.String()}
	b.log.Info("floor: nodes")
	nodes := sample(rows, true)
	rn, err := baseline.FloorFor(ctx, b.driver, b.db, nodes, b.cfg.FloorCap)
	if err != nil {
		return nil, err
	}
	fr.NodeRows, fr.NodeSeconds = rn.Rows, rn.Took.Seconds()
	if _, err := baseline.Ceiling(ctx, b.driver, b.db, &baseline.Rows{Nodes: rows.Nodes}, 10000); err != nil {
		return nil, err
	}
	b.log.Info("floor: edges")
	re, err := baseline.FloorFor(ctx, b.driver, b.db, sample(rows, false), b.cfg.FloorCap)
	if err != nil {
		return nil, err
	}
	fr.EdgeRows, fr.EdgeSeconds = re.Rows, re.Took.Seconds()
	fr.RowsPerSec = floorRowsPerSec(cf.nodes, cf.edges, perSec(rn.Rows, rn.Took.Seconds()), perSec(re.Rows, re.Took.Seconds()))
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
	return interleave(groups)
}

// interleave returns every element of groups, in proportion: at each step
// it takes the next element of the group most behind its share (the
// first of equals). Each group's elements keep their order.
func interleave[T any](groups [][]T) []T {
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	out := make([]T, 0, total)
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
func (b *bench) hemigraphLoad(ctx context.Context, path string) (hemigraphRun, error) {
	args := []string{"load", "-json", "-log-level", "warn", path}
	cmd := exec.CommandContext(ctx, b.cfg.Hemigraph, args...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+b.cfg.Neo4j.URI)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return hemigraphRun{}, fmt.Errorf("hemigraph load: %w", err)
	}
	stop := watchPeakRSS(cmd.Process.Pid)
	err := cmd.Wait()
	took := time.Since(t0)
	peak := stop()
	if err != nil {
		return hemigraphRun{}, fmt.Errorf("hemigraph load: %w: %s", err, tail(stderr.String()))
	}
	var sum loader.Summary
	if err := json.Unmarshal(lastLine(stdout.Bytes()), &sum); err != nil {
		return hemigraphRun{}, fmt.Errorf("hemigraph load printed no JSON summary: %w: %s", err, stdout.String())
	}
	return hemigraphRun{Seconds: took.Seconds(), LoadSeconds: sum.Took.Seconds(), Summary: sum, PeakRSSMB: peak}, nil
}

// lastLine returns the last line of b that is not trailing white space.
func lastLine(b []byte) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return lines[len(lines)-1]
}

// tail returns the last 2000 bytes of s.
func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

// loadTimeout bounds one measured load.
const loadTimeout = 30 * time.Minute

// runningCypher lists the transactions running on the server for at least
// $ms milliseconds (the seconds part of elapsedTime, in ms: days are not
// counted, which no transaction here lasts), but the query that lists them.
const runningCypher = `SHOW TRANSACTIONS YIELD transactionId, currentQuery, elapsedTime
WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' AND elapsedTime.milliseconds >= $ms
RETURN collect(transactionId) AS ids`

// terminateRunning ends the transactions that have run on the server of d
// for at least olderThan, and returns how many it ended; when it ended
// some, it gives Neo4j two seconds to let go of them.
func terminateRunning(ctx context.Context, d neo4j.DriverWithContext, db string, olderThan time.Duration) (int, error) {
	res, err := neo4j.ExecuteQuery(ctx, d, runningCypher, map[string]any{"ms": olderThan.Milliseconds()},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return 0, fmt.Errorf("list transactions: %w", err)
	}
	v, _ := res.Records[0].Get("ids")
	ids, _ := v.([]any)
	if len(ids) == 0 {
		return 0, nil
	}
	if _, err := neo4j.ExecuteQuery(ctx, d, `TERMINATE TRANSACTIONS $ids`, map[string]any{"ids": ids},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		return 0, fmt.Errorf("terminate transactions: %w", err)
	}
	time.Sleep(2 * time.Second)
	return len(ids), nil
}

// wipe empties the graph and puts the schema back.
func wipe(ctx context.Context, s schemaWiper, log *slog.Logger) error {
	t0 := time.Now()
	if err := s.Wipe(ctx); err != nil {
		return err
	}
	if err := s.EnsureSchema(ctx); err != nil {
		return err
	}
	log.Info("wiped", "took", time.Since(t0).Round(time.Millisecond))
	return nil
}

// ---- machine ----

// componentsCypher asks Neo4j its name, version and edition.
const componentsCypher = `CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v`

// machine records what the run ran on.
func (b *bench) machine(ctx context.Context) {
	r := b.res
	r.Date = time.Now().UTC().Format("2006-01-02 15:04 MST")
	r.Cores = runtime.NumCPU()
	r.GoVersion = runtime.Version()
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		r.CPU = cpuModel(f)
		f.Close()
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		r.MemGB = memTotalGB(string(data))
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		r.LoadAvg = loadAverage(string(data))
	}
	res, err := neo4j.ExecuteQuery(ctx, b.driver, componentsCypher,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("system"))
	if err == nil && len(res.Records) > 0 {
		v, _ := res.Records[0].Get("v")
		r.Neo4j = fmt.Sprint(v)
	}
	if out, err := exec.CommandContext(ctx, "node", "--version").Output(); err == nil {
		r.Node = strings.TrimSpace(string(out))
	}
	if data, err := os.ReadFile(filepath.Join(b.cfg.Peer, "package-lock.json")); err == nil {
		r.PeerPackages = peerVersions(data)
	}
	r.Neo4jMemory = fmt.Sprintf("heap %s, page cache %s", b.cfg.Heap, b.cfg.PageCache)
}

// cpuModel returns the first "model name" of /proc/cpuinfo, or "".
func cpuModel(cpuinfo io.Reader) string {
	sc := bufio.NewScanner(cpuinfo)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// memTotalGB returns MemTotal, the first line of /proc/meminfo, in GiB.
func memTotalGB(meminfo string) float64 {
	var kb float64
	fmt.Sscanf(strings.TrimPrefix(strings.SplitN(meminfo, "\n", 2)[0], "MemTotal:"), "%f", &kb)
	return kb / 1024 / 1024
}

// loadAverage returns the three load averages of /proc/loadavg, or ""
// when it holds fewer fields.
func loadAverage(loadavg string) string {
	f := strings.Fields(loadavg)
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// peerVersions reads the installed versions of the peer's packages from
// its package-lock.json, or "" when it cannot be read.
func peerVersions(lockfile []byte) string {
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if json.Unmarshal(lockfile, &lock) != nil {
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
