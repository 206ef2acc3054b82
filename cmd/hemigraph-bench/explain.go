package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/baseline"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// explainCmd profiles one batch of edges of one type, written the way
// the ceiling writes it and the way neo4jstore does (its create, and the
// read then write it falls back on), each statement in a transaction that is rolled back, on a graph
// holding FILE's nodes:
//
//	hemigraph-bench explain -type CITES -rows 2000 FILE
//
// It prints the plans with rows and db hits, and the time each took. With
// -loader it loads FILE through package loader instead, timing each call
// to the store.
func explainCmd(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, w io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(w)
	typ := fs.String("type", "CITES", "relationship type")
	n := fs.Int("rows", 2000, "rows in the batch")
	viaLoader := fs.Bool("loader", false, "instead: load FILE through package loader, timing each call to the store")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// The type is written into the profiled statements: only the closed set.
	if !hemigraph.RelType(*typ).Valid() {
		return fmt.Errorf("flag -type: %q is not a relationship type", *typ)
	}
	d, db, err := neo4jDriver(getenv)
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: getenv("NEO4J_URI"), Database: db}, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	b := &bench{driver: d, db: db, store: store, log: log}
	if *viaLoader {
		return loaderTimes(ctx, w, b, fs.Arg(0))
	}
	if err := b.wipe(ctx); err != nil {
		return err
	}
	rows, err := baseline.ReadRows(fs.Arg(0))
	if err != nil {
		return err
	}
	if _, err := baseline.Ceiling(ctx, d, db, &baseline.Rows{Nodes: rows.Nodes}, 10000); err != nil {
		return err
	}
	batch := rows.Edges[hemigraph.RelType(*typ)]
	batch = batch[:min(*n, len(batch))]
	create, read, write := neo4jstore.EdgeStatements(hemigraph.RelType(*typ))
	for i := range batch {
		batch[i]["i"] = int64(i)
		batch[i]["first"] = true
	}
	for _, q := range []struct{ name, text string }{
		{"ceiling", strings.Replace(`UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:TYPE {key: row.key}]->(b)
SET r += row.props`, "TYPE", *typ, 1)},
		{"neo4jstore (create)", create},
		{"neo4jstore (read)", read},
		{"neo4jstore (write)", write},
	} {
		fmt.Fprintf(w, "== %s, %d %s rows\n", q.name, len(batch), *typ)
		if err := profile(ctx, w, d, db, q.text, map[string]any{"rows": batch}); err != nil {
			return err
		}
	}
	return nil
}

// profile runs query under PROFILE in a transaction that is rolled back,
// and prints the plan's operators with their rows and db hits.
func profile(ctx context.Context, w io.Writer, d neo4j.DriverWithContext, db, query string, params map[string]any) error {
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	t0 := time.Now()
	res, err := tx.Run(ctx, "PROFILE "+query, params)
	if err != nil {
		return err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return err
	}
	var walk func(p neo4j.ProfiledPlan, depth int)
	walk = func(p neo4j.ProfiledPlan, depth int) {
		fmt.Fprintf(w, "%s%s rows=%d dbHits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), p.Arguments()["Details"])
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	if p := sum.Profile(); p != nil {
		walk(p, 0)
	}
	fmt.Fprintf(w, "took %s (statement, uncommitted)\n", time.Since(t0).Round(time.Millisecond))
	return nil
}

// timedWriter times every call the loader makes to the store.
type timedWriter struct {
	*neo4jstore.Store
	w io.Writer
}

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

func (t timedWriter) MissingIDs(ctx context.Context, ids []string) ([]string, error) {
	t0 := time.Now()
	m, err := t.Store.MissingIDs(ctx, ids)
	fmt.Fprintf(t.w, "MissingIDs %d ids: %s\n", len(ids), time.Since(t0).Round(time.Millisecond))
	return m, err
}

// loaderTimes loads path through package loader into an empty graph,
// timing every call to the store.
func loaderTimes(ctx context.Context, w io.Writer, b *bench, path string) error {
	if err := b.wipe(ctx); err != nil {
		return err
	}
	batch, errs, err := loader.ReadPaths([]string{path})
	if err != nil || len(errs) > 0 {
		return fmt.Errorf("read: %v %v", err, errs)
	}
	t0 := time.Now()
	l := &loader.Loader{W: timedWriter{b.store, w}, G: b.store}
	sum, _, err := l.Load(ctx, batch, nil)
	fmt.Fprintf(w, "load: %s, summary took %s\n", time.Since(t0).Round(time.Millisecond), sum.Took.Round(time.Millisecond))
	return err
}
