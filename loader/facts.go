package loader

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/hemigraph/hemigraph"
)

// factsFile is the shape of the shared facts file: nodes and edges whose
// fields are those of hemigraph.Node and hemigraph.Edge.
type factsFile struct {
	Nodes []struct {
		ID      string   `json:"id"`
		Kind    string   `json:"kind"`
		Symbol  *string  `json:"symbol"`
		Title   string   `json:"title"`
		Aliases []string `json:"aliases"`
		Date    *string  `json:"date"`
		Place   *string  `json:"place"`
		Source  string   `json:"source"`
	} `json:"nodes"`
	Edges []struct {
		From     string `json:"from"`
		To       string `json:"to"`
		Type     string `json:"type"`
		Verb     string `json:"verb"`
		Source   string `json:"source"`
		Evidence string `json:"evidence"`
	} `json:"edges"`
}

// ConvertFacts reads a facts file (an object with "nodes" and "edges" lists,
// as in the project's shared OAS facts) and returns its records as domain
// nodes and edges, keeping ids, sources and evidence. It returns an error for
// malformed JSON or the first invalid record, naming its list index.
func ConvertFacts(r io.Reader) ([]hemigraph.Node, []hemigraph.Edge, error) {
	var f factsFile
	if err := json.NewDecoder(r).Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("decode facts: %w", err)
	}
	deref := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	nodes := make([]hemigraph.Node, len(f.Nodes))
	for i, n := range f.Nodes {
		nodes[i] = hemigraph.Node{
			ID: n.ID, Kind: hemigraph.Kind(n.Kind), Symbol: deref(n.Symbol), Title: n.Title,
			Aliases: n.Aliases, Date: deref(n.Date), Place: deref(n.Place), Source: n.Source,
		}
		if len(nodes[i].Aliases) == 0 {
			nodes[i].Aliases = nil
		}
		if err := nodes[i].Validate(); err != nil {
			return nil, nil, fmt.Errorf("nodes[%d] (%s): %w", i, n.ID, err)
		}
	}
	edges := make([]hemigraph.Edge, len(f.Edges))
	for i, e := range f.Edges {
		edges[i] = hemigraph.Edge{
			From: e.From, To: e.To, Type: hemigraph.RelType(e.Type), Verb: e.Verb,
			Provenance: hemigraph.Provenance{Source: e.Source, Evidence: e.Evidence},
		}
		if err := edges[i].Validate(); err != nil {
			return nil, nil, fmt.Errorf("edges[%d] (%s -> %s): %w", i, e.From, e.To, err)
		}
	}
	return nodes, edges, nil
}
