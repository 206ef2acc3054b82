package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/loader/link"
)

// parseCmd prints what loading documents would write — the instrument, its
// clauses, its references and how each resolves against a catalog (the
// bundled corpus by default) — without touching Neo4j.
func parseCmd(env environment, args []string) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: hemigraph parse [flags] FILE...\n\nFILE is a resolution text (.txt) or web page (.htm, .html). A document whose text prints no\nsymbol is named by -symbol or -id, by a manifest.jsonl beside it, or by its file name or -url.")
		fs.PrintDefaults()
	}
	var (
		format  = fs.String("format", "text", "output format: text or json")
		catalog = fs.String("catalog", env.get("HEMIGRAPH_CATALOG", "data/corpus"), "bulk files or folder whose nodes references resolve against; empty for none")
		ident   identityFlags
	)
	ident.register(fs)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return errReported
	}
	if len(files) == 0 || (*format != "text" && *format != "json") {
		fs.Usage()
		return errReported
	}
	nodes, edges, err := readCatalog(*catalog)
	if err != nil {
		return err
	}
	ix := link.NewIndex(nodes, edges)
	for _, path := range files {
		if !loader.IsDocument(path) {
			fmt.Fprintf(env.stderr, "%s: not a document (want .txt, .htm or .html)\n", path)
			return errReported
		}
	}
	b, recErrs, err := loader.ReadPathsWith(files, loader.ReadOptions{Identity: ident.id})
	if err != nil {
		return err
	}
	failed := len(recErrs) > 0
	for _, e := range recErrs {
		fmt.Fprintln(env.stderr, e)
	}
	var out []*link.Result
	for _, doc := range b.Docs {
		out = append(out, link.Link(doc, ix))
	}
	if *format == "json" {
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, r := range out {
			printResolution(env.stdout, r)
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// readCatalog reads the nodes and edges of the bulk files under path; an
// empty path is an empty catalog.
func readCatalog(path string) ([]hemigraph.Node, []hemigraph.Edge, error) {
	if path == "" {
		return nil, nil, nil
	}
	b, errs, err := loader.ReadPaths([]string{path})
	if err != nil {
		return nil, nil, fmt.Errorf("read catalog: %w", err)
	}
	if len(errs) > 0 {
		return nil, nil, fmt.Errorf("read catalog: %w", errs[0])
	}
	nodes := make([]hemigraph.Node, len(b.Nodes))
	for i, n := range b.Nodes {
		nodes[i] = n.Node
	}
	edges := make([]hemigraph.Edge, len(b.Edges))
	for i, e := range b.Edges {
		edges[i] = e.Edge
	}
	return nodes, edges, nil
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" || !strings.HasPrefix(rest[0], "-") {
			pos = append(pos, rest[0])
			args = rest[1:]
			if rest[0] == "--" {
				return append(pos[:len(pos)-1], args...), nil
			}
			continue
		}
		args = rest
	}
}

func printResolution(w io.Writer, r *link.Result) {
	d := r.Document
	fmt.Fprintf(w, "%s\n  %s  %s  id %s  body %s\n", d.Source, d.Symbol, d.Kind, d.ID, d.Body)
	if d.Session != nil {
		fmt.Fprintf(w, "  session: %s (%d)", d.Session.Ordinal, d.Session.Year)
	}
	if d.Plenary > 0 {
		fmt.Fprintf(w, ", plenary %d", d.Plenary)
	}
	if d.Date != "" {
		fmt.Fprintf(w, ", adopted %s", d.Date)
	}
	fmt.Fprintf(w, ", language %s, identity %s\n", d.Language, d.IdentityFrom)
	refs := map[int][]link.Ref{}
	for _, rr := range r.Refs {
		refs[rr.Clause] = append(refs[rr.Clause], rr)
	}
	for _, c := range d.Clauses {
		label := c.Kind
		if c.Number > 0 {
			label = fmt.Sprintf("%s %d", c.Kind, c.Number)
		}
		if c.Item != "" {
			label += " (" + c.Item + ")"
		}
		fmt.Fprintf(w, "  [%d] %s %s: %s\n", c.Index, label, c.Verb, abbreviate(c.Text, 100))
		for _, rr := range refs[c.Index] {
			fmt.Fprintf(w, "      %-10s %s  <- %q (%s)\n", rr.Relation, rr.ID, abbreviate(rr.Text, 70), rr.Rule)
		}
	}
	for _, n := range r.Nodes {
		if !n.Unresolved {
			continue
		}
		var from []string
		for _, rr := range r.Refs {
			if rr.ID == n.ID {
				from = append(from, fmt.Sprintf("[%d]", rr.Clause))
			}
		}
		fmt.Fprintf(w, "  placeholder %s %s %q from clause %s\n", n.Kind, n.ID, n.Title, strings.Join(from, " "))
	}
	for _, sk := range d.Skipped {
		fmt.Fprintf(w, "  skipped line %d (%s, offsets %d-%d): %s\n", sk.Line, sk.Kind, sk.Start, sk.End, abbreviate(sk.Text, 80))
	}
	fmt.Fprintf(w, "  writes %d nodes, %d edges\n", len(r.Nodes), len(r.Edges))
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
