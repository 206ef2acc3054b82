package harness

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/bench/loadgen"
)

// CompareConfig is what Compare measures: two or three servers already
// running over the same graph, the synthetic corpus of Instruments and
// Seed, loaded.
type CompareConfig struct {
	Hemigraph   string // base URL of `hemigraph serve` (its /graphql is queried)
	Raw         string // base URL of `hemigraph-bench rawserve`
	Peer        string // URL of the @neo4j/graphql peer's endpoint; none when empty
	Instruments int
	Seed        uint64
	Queries     []string // names of the server benchmark's queries; all when empty
	Concurrency []int
	Duration    time.Duration // measured per cell and server
	Warmup      time.Duration // unmeasured, before each measurement
	QueryWarmup time.Duration // unmeasured, per server before a query's first cell (warmQuery); none when 0
	Rounds      int           // cells measured per query and concurrency
}

// Compare sends each of the server benchmark's queries to hemigraph and to
// the raw baseline in turn, and to the peer when cfg.Peer is set: first
// each for cfg.QueryWarmup, unmeasured (warmQuery), then one round after
// the other at each concurrency. It writes a table of req/s, p50 and the
// ratios of each round to w; "-" marks a query the peer does not have.
// Where `make bench` starts, loads and measures everything, Compare
// measures servers someone started, in minutes: it is what one runs while
// changing the server, before `make bench` gives the figures of record.
func Compare(ctx context.Context, cfg CompareConfig, w io.Writer) error {
	c := corpus.Generate(corpus.Config{Instruments: cfg.Instruments, Seed: cfg.Seed})
	qs := queries(corpusFile{instruments: c.Instruments, conferences: c.Conferences})
	if len(cfg.Queries) > 0 {
		qs = slices.DeleteFunc(qs, func(q query) bool { return !slices.Contains(cfg.Queries, shortName(q.name)) })
		if len(qs) != len(cfg.Queries) {
			return fmt.Errorf("queries %v: want some of %s", cfg.Queries, strings.Join(queryNames(), ", "))
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "query\tc\themigraph req/s\tp50 ms\traw req/s\tp50 ms\themigraph / raw\t"
	if cfg.Peer != "" {
		head += "peer req/s\tp50 ms\themigraph / peer\t"
	}
	fmt.Fprintln(tw, head)
	for _, q := range qs {
		hg, raw := q.request(targetHemigraph, strings.TrimSuffix(cfg.Hemigraph, "/")+"/graphql"), q.request(targetRaw, strings.TrimSuffix(cfg.Raw, "/"))
		var peer loadgen.Request
		if cfg.Peer != "" {
			peer = q.request(targetPeer, cfg.Peer)
		}
		warmQuery(ctx, cfg.Concurrency, cfg.QueryWarmup, slices.DeleteFunc([]loadgen.Request{hg, raw, peer}, func(r loadgen.Request) bool { return r == nil }))
		for _, conc := range cfg.Concurrency {
			client := loadgen.Client(conc)
			run := loadgen.Run{Concurrency: conc, Duration: cfg.Duration, Warmup: cfg.Warmup}
			for range cfg.Rounds {
				stats := []loadgen.Stats{loadgen.Do(ctx, client, run, hg), loadgen.Do(ctx, client, run, raw)}
				if peer != nil {
					stats = append(stats, loadgen.Do(ctx, client, run, peer))
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				for _, s := range stats {
					if s.Errors > 0 {
						return fmt.Errorf("%s at c = %d: %d errors, the first: %s", q.name, conc, s.Errors, s.FirstErr)
					}
				}
				h, r := stats[0], stats[1]
				fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.2f\t%.1f\t%.2f\t%.2f\t", shortName(q.name), conc, h.RPS, h.P50, r.RPS, r.P50, h.RPS/r.RPS)
				switch {
				case peer != nil:
					p := stats[2]
					fmt.Fprintf(tw, "%.1f\t%.2f\t%.2f\t", p.RPS, p.P50, h.RPS/p.RPS)
				case cfg.Peer != "":
					fmt.Fprint(tw, "-\t-\t-\t")
				}
				fmt.Fprintln(tw)
			}
		}
	}
	return tw.Flush()
}

// shortName is a query's name up to its first space or parenthesis:
// "lineage (depth 4)" is "lineage", "full-text search" stays whole.
func shortName(name string) string {
	if i := strings.Index(name, " ("); i >= 0 {
		name = name[:i]
	}
	return strings.ReplaceAll(name, " ", "-")
}

// queryNames are the short names of the server benchmark's queries.
func queryNames() []string {
	var out []string
	for _, q := range queries(corpusFile{instruments: []string{"i"}, conferences: []string{"c"}}) {
		out = append(out, shortName(q.name))
	}
	return out
}
