package loader

import (
	"context"
	"fmt"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/link"
)

// loadDocuments resolves documents against the graph as it is after the
// bulk records were written, and writes what they say. Documents are
// resolved one after the other against one growing index, so a reference
// made by two documents lands on one node.
func (l *Loader) loadDocuments(ctx context.Context, docs []*document.Document, sum *Summary, errs *[]error) error {
	var ids, keys []string
	for _, d := range docs {
		ids = append(ids, d.ID)
		keys = append(keys, hemigraph.SymbolKey(d.Symbol))
		for _, c := range d.Clauses {
			for _, r := range c.References {
				if r.Kind == document.RefSymbol {
					ids = append(ids, r.ID)
					keys = append(keys, hemigraph.SymbolKey(r.Symbol))
				}
			}
		}
	}
	nodes, edges, err := l.G.Catalog(ctx, ids, keys)
	if err != nil {
		return fmt.Errorf("load documents: %w", err)
	}
	ix := link.NewIndex(nodes, edges)
	for _, d := range docs {
		res := link.Link(d, ix)
		b := &Batch{}
		for _, n := range res.Nodes {
			b.Nodes = append(b.Nodes, NodeRecord{Pos: Pos{d.Source, 1}, Node: n})
		}
		for _, e := range res.Edges {
			b.Edges = append(b.Edges, EdgeRecord{Pos: Pos{d.Source, clauseLine(d, e)}, Edge: e})
		}
		s, derrs, err := l.writeBatch(ctx, b, nil, nil)
		*errs = append(*errs, derrs...)
		sum.Nodes.Add(s.Nodes)
		sum.Edges.Add(s.Edges)
		sum.Invalid += len(derrs)
		if err != nil {
			return fmt.Errorf("load %s: %w", d.Source, err)
		}
		if len(derrs) == 0 {
			// The document says what this reading says, no more: edges an
			// earlier reading of it stated and this one does not go.
			keep := make([]string, len(res.Edges))
			for i, e := range res.Edges {
				keep[i] = e.Key()
			}
			n, err := l.G.DeleteStaleEdges(ctx, res.ID, keep)
			if err != nil {
				return fmt.Errorf("load %s: %w", d.Source, err)
			}
			sum.Retracted += n
		}
		sum.Documents++
		sum.Skipped += len(d.Skipped)
	}
	return nil
}

func clauseLine(d *document.Document, e hemigraph.Edge) int {
	if e.Clause != nil {
		if c := d.Clause(e.Clause.Index); c != nil {
			return c.Line
		}
	}
	return 1
}

// fold merges placeholder nodes into the nodes they turn out to be once
// those are in the graph (a document loaded before the corpus that names
// its conferences): the placeholder's edges are written again on the real
// node, with the same provenance, and the placeholder is deleted. A first
// pass matches placeholders by symbol and name; a second one matches a
// convened follow-up conference by the conference it follows up, now that
// the first pass has put that one in place. It returns how many
// placeholders it folded.
func (l *Loader) fold(ctx context.Context) (int, error) {
	n1, err := l.foldPass(ctx, false)
	if err != nil {
		return n1, err
	}
	n2, err := l.foldPass(ctx, true)
	return n1 + n2, err
}

func (l *Loader) foldPass(ctx context.Context, followUps bool) (int, error) {
	ph, err := l.G.Unresolved(ctx)
	if err != nil || len(ph) == 0 {
		return 0, err
	}
	edgesOf := make(map[string][]hemigraph.Edge, len(ph))
	var ids, keys []string
	for _, n := range ph {
		es, err := l.G.EdgesOf(ctx, n.ID)
		if err != nil {
			return 0, fmt.Errorf("fold %s: %w", n.ID, err)
		}
		edgesOf[n.ID] = es
		ids = append(ids, n.ID)
		for _, e := range es {
			ids = append(ids, e.From, e.To)
		}
		if n.Symbol != "" {
			keys = append(keys, hemigraph.SymbolKey(n.Symbol))
		}
	}
	nodes, edges, err := l.G.Catalog(ctx, ids, keys)
	if err != nil {
		return 0, fmt.Errorf("fold placeholders: %w", err)
	}
	ix := link.NewIndex(nodes, edges)
	folded := 0
	for _, p := range ph {
		es := edgesOf[p.ID]
		target := ""
		switch {
		case followUps:
			target = link.FollowUpTarget(ix, p, es)
		case p.Symbol != "":
			target, _ = ix.BySymbol(p.Symbol)
		default:
			target = link.NameTarget(ix, p, es)
		}
		if target == "" || target == p.ID {
			continue
		}
		// Read the edges again: folding an earlier placeholder may have
		// moved some of them.
		if es, err = l.G.EdgesOf(ctx, p.ID); err != nil {
			return folded, fmt.Errorf("fold %s: %w", p.ID, err)
		}
		for i := range es {
			if es[i].From == p.ID {
				es[i].From = target
			}
			if es[i].To == p.ID {
				es[i].To = target
			}
		}
		if _, err := l.W.WriteEdges(ctx, es); err != nil {
			return folded, fmt.Errorf("fold %s into %s: %w", p.ID, target, err)
		}
		if _, err := l.G.DeleteNodes(ctx, []string{p.ID}); err != nil {
			return folded, fmt.Errorf("fold %s into %s: %w", p.ID, target, err)
		}
		l.log().Info("placeholder folded", "placeholder", p.ID, "into", target, "edges", len(es))
		folded++
	}
	return folded, nil
}
