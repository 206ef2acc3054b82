// Package harness is the benchmark of hemigraph at scale beside its
// baselines, on one Neo4j, in one run, as cmd/hemigraph-bench drives it:
//
//   - Gen writes a synthetic corpus (bench/corpus) in the JSON Lines bulk
//     format;
//   - Run measures the readers, the loader against the ceiling and the
//     floor (bench/baseline), the server against the raw driver
//     (bench/raw) and @neo4j/graphql (bench/neo4j-graphql), and the
//     lineage query at scale, and writes the results as markdown from an
//     embedded template (and as JSON);
//   - RawServe serves the raw-driver baseline over HTTP;
//   - Explain profiles one batch of edges as neo4jstore and as the
//     ceiling write it.
//
// Run and Explain wipe the database they are given: point them only at a
// throwaway Neo4j (scripts/bench.sh starts one).
package harness

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/loader"
)

// Neo4j tells where the benchmark's Neo4j is and how to log in to it.
type Neo4j struct {
	URI      string // required
	User     string // no authentication when empty
	Password string
	Database string // "neo4j" when empty
}

// database returns the database name, defaulted.
func (n Neo4j) database() string {
	if n.Database == "" {
		return "neo4j"
	}
	return n.Database
}

// driver returns a driver for n (not yet connected) and the database
// name. It fails when no URI is set.
func (n Neo4j) driver() (neo4j.DriverWithContext, string, error) {
	if n.URI == "" {
		return nil, "", errors.New("NEO4J_URI is not set (scripts/bench.sh starts a throwaway Neo4j and sets it)")
	}
	auth := neo4j.NoAuth()
	if n.User != "" {
		auth = neo4j.BasicAuth(n.User, n.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(n.URI, auth, func(c *neo4j.Config) { c.MaxConnectionPoolSize = 64 })
	if err != nil {
		return nil, "", fmt.Errorf("neo4j driver: %w", err)
	}
	return d, n.database(), nil
}

// GenConfig is what Gen writes.
type GenConfig struct {
	Instruments int    // instruments in the corpus
	Seed        uint64 // the corpus is a pure function of size and seed
	Out         string // output file; the stdout given to Gen when empty
}

// Gen writes the corpus of cfg in the JSON Lines bulk format to cfg.Out,
// or to stdout when cfg.Out is empty. It returns the error of creating,
// writing or closing the file.
func Gen(cfg GenConfig, stdout io.Writer) error {
	c := corpus.Config{Instruments: cfg.Instruments, Seed: cfg.Seed}
	if cfg.Out == "" {
		_, err := writeCorpus(stdout, c)
		return err
	}
	f, err := os.Create(cfg.Out)
	if err != nil {
		return err
	}
	if _, err := writeCorpus(f, c); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeCorpus generates cfg's corpus and writes it in the bulk format.
func writeCorpus(w io.Writer, cfg corpus.Config) (*corpus.Corpus, error) {
	c := corpus.Generate(cfg)
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := loader.WriteJSONL(bw, c.Nodes, c.Edges); err != nil {
		return nil, fmt.Errorf("write corpus: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("write corpus: %w", err)
	}
	return c, nil
}
