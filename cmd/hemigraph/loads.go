package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hemigraph/hemigraph"
)

// loadsCmd lists the recorded loads, newest first, or shows one with what
// it wrote.
func loadsCmd(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("loads", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: hemigraph loads [flags] [ID]\n\nWithout ID, lists the recorded loads, newest first; with ID, shows that load and what it created, changed and deleted.")
		fs.PrintDefaults()
	}
	var common commonFlags
	first := fs.Int("n", 20, "loads to list")
	after := fs.String("after", "", "list the loads after this one (the next page)")
	asJSON := fs.Bool("json", false, "print JSON")
	common.register(fs, env)
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) > 1 {
		fs.Usage()
		return errReported
	}
	log, err := common.logger(env.stderr)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if len(rest) == 1 {
		rec, err := store.Load(ctx, rest[0])
		if err != nil {
			return err
		}
		w, err := store.LoadWrites(ctx, rest[0])
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(env.stdout).Encode(struct {
				hemigraph.LoadRecord
				Writes hemigraph.LoadWrites `json:"writes"`
			}{rec, w})
		}
		printLoad(env.stdout, rec)
		fmt.Fprintf(env.stdout, "created: %d nodes, %d relationships; changed: %d nodes, %d relationships; deleted: %d nodes, %d relationships\n",
			len(w.NodesCreated), len(w.EdgesCreated), len(w.NodesChanged), len(w.EdgesChanged), len(w.NodesDeleted), len(w.EdgesDeleted))
		for _, l := range []struct {
			what string
			ids  []string
		}{{"node created", w.NodesCreated}, {"node changed", w.NodesChanged}, {"node deleted", w.NodesDeleted}} {
			for i, id := range l.ids {
				if i == 10 {
					fmt.Fprintf(env.stdout, "  ... %d more\n", len(l.ids)-10)
					break
				}
				fmt.Fprintf(env.stdout, "  %s %s\n", l.what, id)
			}
		}
		return nil
	}
	recs, err := store.Loads(ctx, *first, *after)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(env.stdout).Encode(recs)
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tBY\tSTARTED\tOUTCOME\tNODES c/u\tEDGES c/u\tINVALID\tINPUTS")
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d/%d\t%d/%d\t%d\t%s\n", r.ID, r.By, r.Started.Format(time.DateTime), r.Outcome,
			r.Nodes.Created, r.Nodes.Updated, r.Edges.Created, r.Edges.Updated, r.Invalid, inputNames(r.Inputs))
	}
	return tw.Flush()
}

// printLoad writes one load's record.
func printLoad(w io.Writer, r hemigraph.LoadRecord) {
	fmt.Fprintf(w, "load %s by %s, started %s", r.ID, r.By, r.Started.Format(time.RFC3339))
	if !r.Finished.IsZero() {
		fmt.Fprintf(w, ", finished %s", r.Finished.Format(time.RFC3339))
	}
	fmt.Fprintf(w, ": %s\n", r.Outcome)
	if r.Error != "" {
		fmt.Fprintf(w, "error: %s\n", r.Error)
	}
	if !r.Undone.IsZero() {
		fmt.Fprintf(w, "undone %s\n", r.Undone.Format(time.RFC3339))
	}
	for _, in := range r.Inputs {
		fmt.Fprintf(w, "input %s (%d bytes, sha256 %s)\n", in.Name, in.Size, in.SHA256)
	}
	fmt.Fprintf(w, "nodes: %d created, %d updated, %d unchanged; edges: %d created, %d updated, %d unchanged; invalid: %d\n",
		r.Nodes.Created, r.Nodes.Updated, r.Nodes.Unchanged, r.Edges.Created, r.Edges.Updated, r.Edges.Unchanged, r.Invalid)
	if r.Nodes.Deleted+r.Edges.Deleted > 0 {
		fmt.Fprintf(w, "deleted: %d nodes, %d edges\n", r.Nodes.Deleted, r.Edges.Deleted)
	}
}

func inputNames(ins []hemigraph.LoadInput) string {
	names := make([]string, len(ins))
	for i, in := range ins {
		names[i] = in.Name
	}
	s := strings.Join(names, ", ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// loadUndoCmd undoes a recorded load.
func loadUndoCmd(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("load-undo", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: hemigraph load-undo [flags] ID\n\nReverts a recorded load: deletes what it created and puts back what it changed or deleted.\nRefused when a later load changed the same records, unless -force.")
		fs.PrintDefaults()
	}
	var common commonFlags
	force := fs.Bool("force", false, "undo even what a later load built on: its writes on this load's nodes go too")
	common.register(fs, env)
	rest, err := parseInterspersed(fs, args)
	if err != nil || len(rest) != 1 {
		fs.Usage()
		return errReported
	}
	log, err := common.logger(env.stderr)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, env, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	res, err := store.Undo(ctx, rest[0], *force)
	if errors.Is(err, hemigraph.ErrConflict) {
		fmt.Fprintf(env.stderr, "hemigraph: %v\n(use -force to undo anyway)\n", err)
		return errReported
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "load %s undone: %d nodes and %d relationships deleted, %d nodes and %d relationships restored\n",
		rest[0], res.NodesDeleted, res.EdgesDeleted, res.NodesRestored, res.EdgesRestored)
	return nil
}
