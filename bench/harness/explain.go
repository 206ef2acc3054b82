package harness

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/baseline"
	"github.com/hemigraph/hemigraph/internal/neo4jrows"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// ExplainConfig is what Explain profiles.
type ExplainConfig struct {
	Type string // relationship type of the batch
	Rows int    // rows in the batch
	// After is how many of the type's rows, from the file's first, are
	// written (as the ceiling writes them) before the batch, which is the
	// rows after them: a batch in the middle of a load meets the
	// relationships the batches before it left. 0 profiles the first rows
	// on a graph with none.
	After  int
	Loader bool   // instead, load File through package loader, timing each call to the store
	File   string // bulk file whose nodes (and edges) are written
	Neo4j  Neo4j
}

// ceilingEdgeCypher is how the ceiling writes a batch of edges of type
// TYPE.
const ceilingEdgeCypher = `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
SET r += row.props`

// Explain profiles one batch of edges of one type, written the way the
// ceiling writes it and the way neo4jstore does (its create, and the read
// then write it falls back on), on a graph holding cfg.File's nodes and
// the type's first cfg.After rows. Each statement runs explainRounds
// times, in turn with the others, each time in a transaction that is
// rolled back. It prints to w the plans with rows and db hits, and the
// time of each run. With cfg.Loader it loads cfg.File through package
// loader instead, timing each call to the store.
//
// It wipes cfg.Neo4j's database. It fails when cfg.Type is not a
// relationship type, and returns the errors of Neo4j and of reading
// cfg.File.
func Explain(ctx context.Context, cfg ExplainConfig, log *slog.Logger, w io.Writer) error {
	// The type is written into the profiled statements: only the closed set.
	typ := hemigraph.RelType(cfg.Type)
	if !typ.Valid() {
		return fmt.Errorf("flag -type: %q is not a relationship type", cfg.Type)
	}
	d, db, err := cfg.Neo4j.driver()
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: cfg.Neo4j.URI, Database: db}, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if cfg.Loader {
		return loaderTimes(ctx, w, store, log, cfg.File)
	}
	if err := wipe(ctx, store, log); err != nil {
		return err
	}
	rows, err := baseline.ReadRows(cfg.File)
	if err != nil {
		return err
	}
	if _, err := baseline.Ceiling(ctx, d, db, &baseline.Rows{Nodes: rows.Nodes}, 10000); err != nil {
		return err
	}
	batch := rows.Edges[typ]
	if cfg.After > 0 {
		before := batch[:min(cfg.After, len(batch))]
		if _, err := baseline.Ceiling(ctx, d, db, &baseline.Rows{Edges: map[hemigraph.RelType][]map[string]any{typ: before}}, 10000); err != nil {
			return err
		}
		fmt.Fprintf(w, "== %d %s rows written before the batch\n", len(before), cfg.Type)
		batch = batch[len(before):]
	}
	batch = batch[:min(cfg.Rows, len(batch))]
	st := neo4jrows.EdgeStatements(typ)
	create, read, write := st.Create, st.Read, st.Write
	for i := range batch {
		batch[i]["i"] = int64(i)
		batch[i]["first"] = true    // CITES
		batch[i]["type"] = cfg.Type // the other types
	}
	qs := []struct{ name, text string }{
		{"ceiling", strings.Replace(ceilingEdgeCypher, "TYPE", cfg.Type, 1)},
		{"neo4jstore (create)", create},
		{"neo4jstore (read)", read},
		{"neo4jstore (write)", write},
	}
	// Rounds of every statement in turn, so that each time of one has
	// times of the others beside it on a noisy machine.
	plans := make([]neo4j.ProfiledPlan, len(qs))
	times := make([][]string, len(qs))
	for range explainRounds {
		for i, q := range qs {
			p, took, err := profile(ctx, d, db, q.text, st.Args(batch, nil))
			if err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			plans[i], times[i] = p, append(times[i], took.Round(time.Millisecond).String())
		}
	}
	for i, q := range qs {
		fmt.Fprintf(w, "== %s, %d %s rows\n", q.name, len(batch), cfg.Type)
		if plans[i] != nil {
			printPlan(w, plans[i], 0)
		}
		fmt.Fprintf(w, "took %s (statement, uncommitted; the first run compiles the plan)\n", strings.Join(times[i], ", "))
	}
	return nil
}

// explainRounds is how many times Explain runs each statement.
const explainRounds = 3

// profile runs query under PROFILE in a transaction that is rolled back,
// and returns its plan with the operators' rows and db hits, and the time
// it took.
func profile(ctx context.Context, d neo4j.DriverWithContext, db, query string, params map[string]any) (neo4j.ProfiledPlan, time.Duration, error) {
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback(ctx)
	t0 := time.Now()
	res, err := tx.Run(ctx, "PROFILE "+query, params)
	if err != nil {
		return nil, 0, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, 0, err
	}
	return sum.Profile(), time.Since(t0), nil
}

// printPlan prints p's operator with its rows and db hits, then its
// children's, indented by depth.
func printPlan(w io.Writer, p neo4j.ProfiledPlan, depth int) {
	fmt.Fprintf(w, "%s%s rows=%d dbHits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), p.Arguments()["Details"])
	for _, c := range p.Children() {
		printPlan(w, c, depth+1)
	}
}

// timedWriter times every call the loader makes to the store.
type timedWriter struct {
	*neo4jstore.Store
	w io.Writer
}

// WriteNodes writes nodes through the store and prints how long it took.
func (t timedWriter) WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error) {
	t0 := time.Now()
	c, err := t.Store.WriteNodes(ctx, nodes)
	kinds := map[hemigraph.Kind]int{}
	for _, n := range nodes {
		kinds[n.Kind]++
	}
	fmt.Fprintf(t.w, "WriteNodes %d rows, %d kinds: %s\n", len(nodes), len(kinds), time.Since(t0).Round(time.Millisecond))
	return c, err
}

// WriteEdges writes edges through the store and prints how long it took.
func (t timedWriter) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error) {
	t0 := time.Now()
	c, err := t.Store.WriteEdges(ctx, edges)
	types := map[hemigraph.RelType]int{}
	for _, e := range edges {
		types[e.Type]++
	}
	fmt.Fprintf(t.w, "WriteEdges %d rows, %d types: %s\n", len(edges), len(types), time.Since(t0).Round(time.Millisecond))
	return c, err
}

// MissingIDs asks the store and prints how long it took.
func (t timedWriter) MissingIDs(ctx context.Context, ids []string) ([]string, error) {
	t0 := time.Now()
	m, err := t.Store.MissingIDs(ctx, ids)
	fmt.Fprintf(t.w, "MissingIDs %d ids: %s\n", len(ids), time.Since(t0).Round(time.Millisecond))
	return m, err
}

// loaderTimes loads path through package loader into an empty graph,
// timing every call to the store.
func loaderTimes(ctx context.Context, w io.Writer, store *neo4jstore.Store, log *slog.Logger, path string) error {
	if err := wipe(ctx, store, log); err != nil {
		return err
	}
	batch, errs, err := loader.ReadPaths([]string{path})
	if err != nil || len(errs) > 0 {
		return fmt.Errorf("read: %v %v", err, errs)
	}
	t0 := time.Now()
	l := &loader.Loader{W: timedWriter{store, w}, G: store}
	sum, _, err := l.Load(ctx, batch, nil)
	fmt.Fprintf(w, "load: %s, summary took %s\n", time.Since(t0).Round(time.Millisecond), sum.Took.Round(time.Millisecond))
	return err
}
