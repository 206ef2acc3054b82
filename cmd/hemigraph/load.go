package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph/loader"
)

func load(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: hemigraph load [flags] PATH...\n\nPATH is a bulk file (.jsonl, .csv), a document (.txt, .htm, .html) or a folder of them.\nA manifest.jsonl beside documents gives what is known of each (symbol, id, URL, ...).\nBy default a load with any invalid record is refused and writes nothing.")
		fs.PrintDefaults()
	}
	var (
		common   commonFlags
		skip     = fs.Bool("skip-invalid", false, "load the valid records and report the invalid ones, instead of refusing the whole load")
		batch    = fs.Int("batch-size", loader.DefaultBatchSize, "rows per write statement")
		asJSON   = fs.Bool("json", false, "print the summary as JSON")
		progress = fs.Bool("progress", isTerminal(env.stderr), "show a progress bar (default: when stderr is a terminal)")
		ident    identityFlags
	)
	common.register(fs, env)
	ident.register(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return errReported
	}
	if len(paths) == 0 {
		fs.Usage()
		return errReported
	}
	log, err := common.logger(env.stderr)
	if err != nil {
		return err
	}
	bulk, docs, recErrs, described, err := loader.OpenPaths(paths, loader.ReadOptions{Identity: ident.id})
	if err != nil {
		return err
	}
	for _, d := range docs.Docs {
		for _, sk := range d.Skipped {
			fmt.Fprintf(env.stderr, "%s:%d: skipped %s (offsets %d-%d): %s\n", d.Source, sk.Line, sk.Kind, sk.Start, sk.End, abbreviate(sk.Text, 80))
		}
	}
	store, err := openStore(ctx, env, log)
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	l := &loader.Loader{W: store, G: store, Log: log, BatchSize: *batch, By: osUser(env), Inputs: described}
	if *skip {
		l.Policy = loader.SkipInvalid
	}
	if *progress {
		l.Progress = progressBar(env.stderr)
	}
	sum, errs, err := l.LoadStream(ctx, bulk, docs, recErrs)
	if *progress {
		fmt.Fprintln(env.stderr)
	}
	for _, e := range errs {
		fmt.Fprintln(env.stderr, e)
	}
	printSummary(env.stdout, sum, *asJSON)
	if err != nil {
		if len(errs) > 0 && l.Policy == loader.RefuseAll {
			fmt.Fprintf(env.stderr, "hemigraph: load refused: %d invalid record(s); nothing was written (use -skip-invalid to load the valid ones)\n", len(errs))
			return errReported
		}
		return fmt.Errorf("load: %w", err)
	}
	if len(errs) > 0 {
		fmt.Fprintf(env.stderr, "hemigraph: %d invalid record(s) skipped\n", len(errs))
	}
	return nil
}

func printSummary(w io.Writer, s loader.Summary, asJSON bool) {
	if asJSON {
		json.NewEncoder(w).Encode(s)
		return
	}
	fmt.Fprintf(w, "nodes: %d created, %d updated, %d unchanged\n", s.Nodes.Created, s.Nodes.Updated, s.Nodes.Unchanged)
	fmt.Fprintf(w, "edges: %d created, %d updated, %d unchanged\n", s.Edges.Created, s.Edges.Updated, s.Edges.Unchanged)
	if s.Documents > 0 {
		fmt.Fprintf(w, "documents: %d, parts skipped: %d (listed above)\n", s.Documents, s.Skipped)
	}
	fmt.Fprintf(w, "invalid records: %d\ntook: %s\n", s.Invalid, s.Took.Round(time.Millisecond))
	if s.Load != "" {
		fmt.Fprintf(w, "load: %s (hemigraph loads %s; hemigraph load-undo %s)\n", s.Load, s.Load, s.Load)
	}
}

// osUser names who runs a command, for load records: $USER, else the
// account's name, else "cli".
func osUser(env environment) string {
	if u := env.getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "cli"
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressBar draws a one-line bar on w, redrawn in place.
func progressBar(w io.Writer) func(done, total int) {
	const width = 30
	return func(done, total int) {
		if total == 0 {
			return
		}
		n := width * done / total
		fmt.Fprintf(w, "\rloading [%s%s] %d/%d rows", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
	}
}
