package eval

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/link"
)

// Catalog is the graph a set's references are resolved against: the
// bundled corpus, as hemigraph parse uses it.
type Catalog struct {
	Nodes []hemigraph.Node
	Edges []hemigraph.Edge
}

// ReadFunc reads the document at path and returns it with the bytes of
// the file.
type ReadFunc func(path string) (*document.Document, []byte, error)

// Run reads every document of the gold from dir with read, resolves each
// against its own fresh index of the catalog (so that no document's
// placeholders change how another resolves), and evaluates the readings.
func Run(dir string, g *Gold, read ReadFunc, cat Catalog) *Result {
	ids := make(map[string]bool, len(cat.Nodes))
	for _, n := range cat.Nodes {
		ids[n.ID] = true
	}
	readings := make(map[string]Reading, len(g.Documents))
	for _, gd := range g.Documents {
		doc, input, err := read(filepath.Join(dir, filepath.FromSlash(gd.File)))
		if err != nil {
			readings[gd.File] = Reading{Input: input, Err: err}
			continue
		}
		ix := link.NewIndex(cat.Nodes, cat.Edges)
		readings[gd.File] = Reading{Input: input, Resolution: link.Link(doc, ix)}
	}
	return Evaluate(g, readings, func(id string) bool { return ids[id] })
}

// FileReader returns a ReadFunc that reads a document file with the
// identity known gives its file name (from a manifest), or else with the
// URL the gold gives it: what a data team loading the same pages would
// know of them.
func FileReader(known map[string]document.Identity, g *Gold) ReadFunc {
	urls := make(map[string]string, len(g.Documents))
	for _, d := range g.Documents {
		urls[d.File] = d.URL
	}
	return func(path string) (*document.Document, []byte, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		name := filepath.Base(path)
		id, ok := known[name]
		if !ok {
			id = document.Identity{URL: urls[name]}
		}
		doc, err := document.ReadAs(bytes.NewReader(data), name, id)
		return doc, data, err
	}
}
