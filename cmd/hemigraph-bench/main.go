// Command hemigraph-bench measures hemigraph at scale beside its baselines,
// on one Neo4j, in one run, and writes the results as markdown.
//
//	hemigraph-bench gen -n 100000 -seed 1 -o corpus.jsonl   write a synthetic corpus
//	hemigraph-bench run [flags]                              the whole benchmark (make bench)
//	hemigraph-bench rawserve -addr 127.0.0.1:7812            the raw-driver HTTP baseline
//	hemigraph-bench explain -type CITES FILE                 PROFILE one edge batch, ours and the ceiling's
//
// Neo4j is reached through NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD,
// NEO4J_DATABASE). The benchmark wipes that database: point it only at a
// throwaway server (scripts/bench.sh starts one).
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/bench/raw"
	"github.com/hemigraph/hemigraph/loader"
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
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command")
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	switch args[0] {
	case "gen":
		return genCmd(args[1:], stderr)
	case "run":
		return runCmd(ctx, args[1:], getenv, log, stderr)
	case "rawserve":
		return rawServe(ctx, args[1:], getenv, log, stderr)
	case "explain":
		return explainCmd(ctx, args[1:], getenv, log, stdout)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func genCmd(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of instruments")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("o", "", "output file (default stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	_, err := writeCorpus(w, corpus.Config{Instruments: *n, Seed: *seed})
	return err
}

// writeCorpus generates cfg's corpus and writes it in the bulk format.
func writeCorpus(w io.Writer, cfg corpus.Config) (*corpus.Corpus, error) {
	c := corpus.Generate(cfg)
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := loader.WriteJSONL(bw, c.Nodes, c.Edges); err != nil {
		return nil, err
	}
	return c, bw.Flush()
}

func neo4jDriver(getenv func(string) string) (neo4j.DriverWithContext, string, error) {
	uri := getenv("NEO4J_URI")
	if uri == "" {
		return nil, "", errors.New("NEO4J_URI is not set (scripts/bench.sh starts a throwaway Neo4j and sets it)")
	}
	auth := neo4j.NoAuth()
	if u := getenv("NEO4J_USER"); u != "" {
		auth = neo4j.BasicAuth(u, getenv("NEO4J_PASSWORD"), "")
	}
	d, err := neo4j.NewDriverWithContext(uri, auth, func(c *neo4j.Config) { c.MaxConnectionPoolSize = 64 })
	if err != nil {
		return nil, "", err
	}
	db := getenv("NEO4J_DATABASE")
	if db == "" {
		db = "neo4j"
	}
	return d, db, nil
}

func rawServe(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stderr io.Writer) error {
	fs := flag.NewFlagSet("rawserve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:7812", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, db, err := neo4jDriver(getenv)
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	if err := d.VerifyConnectivity(ctx); err != nil {
		return err
	}
	s := &raw.Server{Driver: d, Database: db}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	log.Info("raw baseline serving", "addr", ln.Addr().String())
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
