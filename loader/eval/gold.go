// Package eval measures the document reader against a gold file: for each
// document, the instrument it is and every reference its text states, as
// read by a person. It reports reference precision and recall, how many
// references land on the right node, relation and verb accuracy, refused
// documents, text coverage and paragraphs lost without a report, with each
// error grouped by cause.
//
// Evaluate is pure: it compares readings already made. Run reads a folder
// of documents with a reader it is given and resolves them against a
// catalog, then calls Evaluate.
package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// Gold is a gold file: what each document of a set is and refers to.
type Gold struct {
	// About says what the set is and how the gold was written.
	About     string    `json:"about,omitempty"`
	Documents []GoldDoc `json:"documents"`
}

// GoldDoc is the gold of one document.
type GoldDoc struct {
	// File is the document's file name, relative to the evaluated folder.
	File string `json:"file"`
	// URL is where the document was read from, if it is a web page.
	URL string `json:"url,omitempty"`
	// Symbol is the document's own symbol, canonical; "" when it has none.
	Symbol string `json:"symbol"`
	// ID is the graph id the document should get: its corpus id when the
	// corpus has it, else the id its symbol gives; "" when neither.
	ID string `json:"id"`
	// Kind is the kind of instrument the document is.
	Kind hemigraph.Kind `json:"kind"`
	// Language is the language of the text: en, es, fr or pt.
	Language string `json:"language"`
	// Notes say what the document is and anything odd about it.
	Notes string `json:"notes,omitempty"`
	// References are the references the text states, in order.
	References []GoldRef `json:"references"`
}

// GoldRef is one reference a document's text states.
type GoldRef struct {
	// Name is the name or symbol as printed, shortened to the name.
	Name string `json:"name"`
	// To is the corpus id of what is referred to; "" when the corpus has
	// no node for it.
	To string `json:"to"`
	// Kind is what a reference outside the corpus is, by its head noun.
	Kind hemigraph.Kind `json:"kind,omitempty"`
	// Type is the relation the document states.
	Type hemigraph.RelType `json:"type"`
	// Verb is the clause verb in English upper case; "" for a paragraph
	// without one.
	Verb string `json:"verb"`
	// Optional marks a reference a careful reader may or may not count: it
	// is neither required of a reader nor held against it. Why says why.
	Optional bool   `json:"optional,omitempty"`
	Why      string `json:"why,omitempty"`
}

// ReadGold reads a gold file and checks it: every document has a file,
// every reference a name, a valid relation type, and a target or a valid
// kind. The error names the document and reference at fault.
func ReadGold(r io.Reader) (*Gold, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var g Gold
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	seen := map[string]bool{}
	for i, d := range g.Documents {
		where := fmt.Sprintf("gold document %d (%s)", i+1, d.File)
		switch {
		case d.File == "":
			return nil, fmt.Errorf("%s: no file: %w", where, hemigraph.ErrInvalid)
		case seen[d.File]:
			return nil, fmt.Errorf("%s: file listed twice: %w", where, hemigraph.ErrInvalid)
		case d.Kind != "" && !d.Kind.Valid():
			return nil, fmt.Errorf("%s: unknown kind %q: %w", where, d.Kind, hemigraph.ErrInvalid)
		}
		seen[d.File] = true
		for j, ref := range d.References {
			at := fmt.Sprintf("%s reference %d (%s)", where, j+1, ref.Name)
			switch {
			case strings.TrimSpace(ref.Name) == "":
				return nil, fmt.Errorf("%s: no name: %w", at, hemigraph.ErrInvalid)
			case !ref.Type.Valid():
				return nil, fmt.Errorf("%s: unknown type %q: %w", at, ref.Type, hemigraph.ErrInvalid)
			case ref.To == "" && !ref.Kind.Valid():
				return nil, fmt.Errorf("%s: a reference outside the corpus needs a kind, got %q: %w", at, ref.Kind, hemigraph.ErrInvalid)
			}
		}
	}
	return &g, nil
}
