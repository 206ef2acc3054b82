package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/eval"
)

// evalCmd measures the document reader against a gold file: it reads every
// document the gold lists from a folder, resolves it against the catalog,
// and writes a markdown report (and optionally the figures as JSON).
func evalCmd(env environment, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: hemigraph eval [flags] DIR GOLD\n\nDIR holds the documents GOLD lists (by file name); GOLD is a gold file (docs/eval.md).")
		fs.PrintDefaults()
	}
	var (
		catalog = fs.String("catalog", env.get("HEMIGRAPH_CATALOG", "data/corpus"), "bulk files or folder whose nodes references resolve against")
		report  = fs.String("report", "", "write the markdown report to this file instead of standard output")
		jsonOut = fs.String("json", "", "also write the figures as JSON to this file")
		title   = fs.String("title", "Extraction report", "title of the report")
		note    = fs.String("note", "", "a paragraph to put under the title (where DIR came from)")
		manPath = fs.String("manifest", "", "document manifest giving what is known of each file (default DIR/manifest.jsonl when present)")
	)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return errReported
	}
	if len(pos) != 2 {
		fs.Usage()
		return errReported
	}
	dir, goldPath := pos[0], pos[1]
	f, err := os.Open(goldPath)
	if err != nil {
		return err
	}
	g, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", goldPath, err)
	}
	nodes, edges, err := readCatalog(*catalog)
	if err != nil {
		return err
	}
	if *manPath == "" {
		if _, err := os.Stat(filepath.Join(dir, "manifest.jsonl")); err == nil {
			*manPath = filepath.Join(dir, "manifest.jsonl")
		}
	}
	known := map[string]document.Identity{}
	if *manPath != "" {
		data, err := os.ReadFile(*manPath)
		if err != nil {
			return err
		}
		entries, errs := loader.ReadManifest(bytes.NewReader(data), *manPath)
		if len(errs) > 0 {
			return fmt.Errorf("manifest: %w", errors.Join(errs...))
		}
		// Entries are by path relative to the manifest; DIR holds the files.
		for p, id := range entries {
			known[filepath.Base(p)] = id
		}
	}
	read := eval.FileReader(known, g)
	res := eval.Run(dir, g, read, eval.Catalog{Nodes: nodes, Edges: edges})
	info := eval.ReportInfo{
		Title:   *title,
		Date:    time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Command: "hemigraph eval " + shellJoin(args),
	}
	if *note != "" {
		info.Notes = []string{*note}
	}
	out := env.stdout
	if *report != "" {
		rf, err := os.Create(*report)
		if err != nil {
			return err
		}
		defer rf.Close()
		out = rf
	}
	if err := eval.WriteMarkdown(out, res, info); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if *jsonOut != "" {
		data, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*jsonOut, append(data, '\n'), 0o644); err != nil {
			return err
		}
	}
	t := res.Total
	fmt.Fprintf(env.stderr, "precision %.3f  recall %.3f  resolution %.3f  refused %d  coverage %.3f  dropped %d\n",
		t.Precision(), t.Recall(), t.Resolution(), t.Refused, t.Coverage(), t.Dropped)
	return nil
}

// shellJoin joins args as a shell would read them back: an argument with
// spaces or quotes is single-quoted.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$`\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}
