// Command hemigraph-bench measures hemigraph at scale beside its baselines,
// on one Neo4j, in one run, and writes the results as markdown.
//
//	hemigraph-bench gen -n 100000 -seed 1 -o corpus.jsonl   write a synthetic corpus
//	hemigraph-bench run [flags]                              the whole benchmark (make bench)
//	hemigraph-bench rawserve -addr 127.0.0.1:7812            the raw-driver HTTP baseline
//	hemigraph-bench explain -type CITES FILE                 PROFILE one edge batch, ours and the ceiling's
//	hemigraph-bench soak [flags]                             10 minutes of mixed queries and loads (make soak)
//	hemigraph-bench compare -hemigraph URL -raw URL          running servers against each other, query by query
//
// Neo4j is reached through NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD,
// NEO4J_DATABASE). The benchmark wipes that database: point it only at a
// throwaway server (scripts/bench.sh starts one). NEO4J_HEAP and
// NEO4J_PAGECACHE are that server's memory settings, as reported.
//
// This file only turns flags and environment into the configurations of
// package bench/harness, which does the work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hemigraph/hemigraph/bench/harness"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "hemigraph-bench:", err)
		os.Exit(1)
	}
}

const usage = `usage: hemigraph-bench COMMAND [flags]

commands:
  gen       write a synthetic corpus in the JSON Lines bulk format
  run       run the benchmark and write the results file
  rawserve  serve the raw-driver baseline over HTTP
  explain   profile one edge batch as neo4jstore and as the ceiling write it
  soak      serve mixed queries and loads for minutes and report errors, latency and memory
  compare   send the server benchmark's queries to a running hemigraph and raw baseline in turn
`

// run runs the command line args with the environment getenv, as main
// does.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	switch args[0] {
	case "gen":
		cfg, err := parseGen(args[1:], stderr)
		if err != nil {
			return err
		}
		return harness.Gen(cfg, stdout)
	case "run":
		cfg, err := parseRun(args[1:], getenv, stderr)
		if err != nil {
			return err
		}
		cfg.RepoRoot, _ = os.Getwd()
		return harness.Run(ctx, cfg, log)
	case "rawserve":
		addr, err := parseRawServe(args[1:], stderr)
		if err != nil {
			return err
		}
		return harness.RawServe(ctx, addr, neo4jEnv(getenv), log)
	case "soak":
		cfg, err := parseSoak(args[1:], getenv, stderr)
		if err != nil {
			return err
		}
		return harness.Soak(ctx, cfg, log)
	case "compare":
		cfg, err := parseCompare(args[1:], stderr)
		if err != nil {
			return err
		}
		return harness.Compare(ctx, cfg, stdout)
	case "explain":
		// explain prints its usage with its output, on stdout.
		cfg, err := parseExplain(args[1:], getenv, stdout)
		if err != nil {
			return err
		}
		return harness.Explain(ctx, cfg, log, stdout)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// neo4jEnv reads where Neo4j is from the environment.
func neo4jEnv(getenv func(string) string) harness.Neo4j {
	return harness.Neo4j{URI: getenv("NEO4J_URI"), User: getenv("NEO4J_USER"),
		Password: getenv("NEO4J_PASSWORD"), Database: getenv("NEO4J_DATABASE")}
}

// parseGen reads the flags of gen; usage and flag errors go to stderr.
func parseGen(args []string, stderr io.Writer) (harness.GenConfig, error) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of instruments")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("o", "", "output file (default stdout)")
	if err := fs.Parse(args); err != nil {
		return harness.GenConfig{}, err
	}
	return harness.GenConfig{Instruments: *n, Seed: *seed, Out: *out}, nil
}

// parseRawServe reads the flags of rawserve and returns the address to
// listen on.
func parseRawServe(args []string, stderr io.Writer) (string, error) {
	fs := flag.NewFlagSet("rawserve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:7812", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	return *addr, nil
}

// parseCompare reads the flags of compare.
func parseCompare(args []string, stderr io.Writer) (harness.CompareConfig, error) {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	hg := fs.String("hemigraph", "http://127.0.0.1:8080", "base URL of `hemigraph serve`")
	raw := fs.String("raw", "http://127.0.0.1:7812", "base URL of `hemigraph-bench rawserve`")
	peer := fs.String("peer", "", "URL of the @neo4j/graphql peer (`node bench/neo4j-graphql/server.mjs`); not measured when empty")
	n := fs.Int("instruments", 100000, "instruments of the synthetic corpus both serve")
	seed := fs.Uint64("seed", 1, "its seed")
	qs := fs.String("queries", "", "comma-separated queries (lookup, nested-relations, filtered-list-page, full-text-search, lineage, neighbourhood); all when empty")
	cs := fs.String("c", "1,16,64", "comma-separated concurrencies")
	d := fs.Duration("duration", 4*time.Second, "measured time per server and cell")
	rounds := fs.Int("rounds", 2, "cells per query and concurrency, each server in turn")
	qw := fs.Duration("query-warmup", harness.QueryWarmup, "unmeasured time per server on a query before its first cell; 0 for none")
	if err := fs.Parse(args); err != nil {
		return harness.CompareConfig{}, err
	}
	cfg := harness.CompareConfig{Hemigraph: *hg, Raw: *raw, Peer: *peer, Instruments: *n, Seed: *seed, Duration: *d, Warmup: time.Second, QueryWarmup: *qw, Rounds: *rounds}
	if *qs != "" {
		cfg.Queries = strings.Split(*qs, ",")
	}
	for _, f := range strings.Split(*cs, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c < 1 {
			return harness.CompareConfig{}, fmt.Errorf("-c: bad concurrency %q", f)
		}
		cfg.Concurrency = append(cfg.Concurrency, c)
	}
	if *rounds < 1 || *n < 1 {
		return harness.CompareConfig{}, fmt.Errorf("-rounds and -instruments must be at least 1")
	}
	return cfg, nil
}

// parseExplain reads the flags and the FILE argument of explain.
func parseExplain(args []string, getenv func(string) string, w io.Writer) (harness.ExplainConfig, error) {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(w)
	typ := fs.String("type", "CITES", "relationship type")
	n := fs.Int("rows", 2000, "rows in the batch")
	after := fs.Int("after", 0, "write the type's first `N` rows before the batch, which is the rows after them")
	viaLoader := fs.Bool("loader", false, "instead: load FILE through package loader, timing each call to the store")
	if err := fs.Parse(args); err != nil {
		return harness.ExplainConfig{}, err
	}
	return harness.ExplainConfig{Type: *typ, Rows: *n, After: *after, Loader: *viaLoader, File: fs.Arg(0), Neo4j: neo4jEnv(getenv)}, nil
}

// parseRun reads the flags of run, the defaults of its -mode filled in,
// and the environment: Neo4j's address and, as reported, its memory.
// RepoRoot is left for the caller.
func parseRun(args []string, getenv func(string) string, stderr io.Writer) (harness.RunConfig, error) {
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
		return harness.RunConfig{}, err
	}
	cfg := harness.RunConfig{
		Mode: *mode, Seed: *seed, Work: *work, Out: *out, JSONOut: *jsonOut, Hemigraph: *hg, Peer: *peer,
		FloorSize: *floorSize, FloorCap: 15 * time.Second, Concurrency: []int{1, 16, 64}, QueryWarmup: harness.QueryWarmup,
		Command:   "hemigraph-bench run " + strings.Join(args, " "),
		Neo4j:     neo4jEnv(getenv),
		Heap:      orDefault(getenv("NEO4J_HEAP"), "1g"),
		PageCache: orDefault(getenv("NEO4J_PAGECACHE"), "512m"),
	}
	switch *mode {
	case "quick":
		cfg.Sizes = []int{10000, 100000}
		cfg.Sweep = map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000}}
		cfg.Duration, cfg.Warmup = 2*time.Second, 500*time.Millisecond
		cfg.LineageSizes, cfg.LineageN = []int{100000}, 100
	case "full":
		cfg.Sizes = []int{10000, 100000, 1000000}
		cfg.Sweep = map[int][]int{10000: {1000, 2000, 5000, 10000, 20000}, 100000: {2000, 5000, 10000, 20000}, 1000000: {5000, 10000}}
		cfg.Duration, cfg.Warmup = 5*time.Second, time.Second
		cfg.LineageSizes, cfg.LineageN = []int{100000, 1000000}, 200
	default:
		return harness.RunConfig{}, fmt.Errorf("-mode %q: want quick or full", *mode)
	}
	if *sizes != "" {
		cfg.Sizes = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return harness.RunConfig{}, fmt.Errorf("-sizes: %w", err)
			}
			cfg.Sizes = append(cfg.Sizes, n)
		}
	}
	if *duration > 0 {
		cfg.Duration = *duration
	}
	if *sweepFlag != "" {
		var list []int
		for _, f := range strings.Split(*sweepFlag, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 0 {
				return harness.RunConfig{}, fmt.Errorf("-sweep: bad batch size %q", f)
			}
			if n > 0 { // -sweep 0: no ceiling at all
				list = append(list, n)
			}
		}
		cfg.Sweep = map[int][]int{}
		for _, n := range cfg.Sizes {
			cfg.Sweep[n] = list
		}
	}
	cfg.Pairs = *pairs
	cfg.ServeSize = *serveSize
	if cfg.ServeSize == 0 {
		cfg.ServeSize = slices.Max(cfg.Sizes)
	}
	cfg.LineageSizes = slices.DeleteFunc(cfg.LineageSizes, func(n int) bool { return !slices.Contains(cfg.Sizes, n) })
	return cfg, nil
}

// orDefault returns s, or d when s is empty.
func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// parseSoak reads the flags of soak and the environment: Neo4j's address
// and, as reported, its memory.
func parseSoak(args []string, getenv func(string) string, stderr io.Writer) (harness.SoakConfig, error) {
	fs := flag.NewFlagSet("soak", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		n           = fs.Int("n", 100000, "instruments in the graph served")
		seed        = fs.Uint64("seed", 1, "corpus seed")
		work        = fs.String("work", "", "folder for the generated corpora (default a temporary one)")
		out         = fs.String("out", "bench/SOAK.md", "report file (markdown)")
		hg          = fs.String("hemigraph", "bin/hemigraph", "the hemigraph binary under test")
		duration    = fs.Duration("duration", 10*time.Minute, "measured time")
		interval    = fs.Duration("interval", time.Minute, "time per row of the report")
		concurrency = fs.Int("concurrency", 64, "workers sending queries")
		load        = fs.Bool("load", true, "run loads back to back beside the queries")
		loadNodes   = fs.Int("load-nodes", 20000, "nodes each load beside the queries revises")
	)
	if err := fs.Parse(args); err != nil {
		return harness.SoakConfig{}, err
	}
	if *duration <= 0 || *interval <= 0 {
		return harness.SoakConfig{}, harness.ErrNoSoak
	}
	return harness.SoakConfig{
		Neo4j: neo4jEnv(getenv), Hemigraph: *hg, Work: *work, Instruments: *n, Seed: *seed,
		Duration: *duration, Interval: *interval, Concurrency: *concurrency, Load: *load, LoadNodes: *loadNodes, Out: *out,
		Command: "hemigraph-bench soak " + strings.Join(args, " "),
		Heap:    orDefault(getenv("NEO4J_HEAP"), "1g"), PageCache: orDefault(getenv("NEO4J_PAGECACHE"), "512m"),
	}, nil
}
