package hemigraph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Node is a vertex of the graph: an instrument, a conference, a session or a
// body. ID is the graph's canonical id (a slug such as
// "ag-res-1412-xxvi-o-96").
type Node struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Symbol  string   `json:"symbol,omitempty"`  // official document symbol, as printed
	Title   string   `json:"title"`             // official title or name
	Aliases []string `json:"aliases,omitempty"` // other names in use
	Date    string   `json:"date,omitempty"`    // YYYY, YYYY-MM, YYYY-MM-DD, or a range "start/end"
	Place   string   `json:"place,omitempty"`   // city and country
	Source  string   `json:"source,omitempty"`  // URL or document the facts were read from
	// Unresolved marks a node made from a reference in a document that
	// matched no existing node; a later load that knows it may complete it.
	Unresolved bool `json:"unresolved,omitempty"`
	// CitedByCount is the number of distinct nodes citing this one, kept
	// by the store as CITES edges are written; it is not part of the bulk
	// formats.
	CitedByCount int `json:"-"`
}

// Edge is a sourced relationship between two nodes.
type Edge struct {
	From string  `json:"from"`
	To   string  `json:"to"`
	Type RelType `json:"type"`
	// Verb is the clause verb (RECALLING, NOTING, To convene, ...), when the
	// relation was read from a clause.
	Verb string `json:"verb,omitempty"`
	// Through is the id of the body through which an instructed or
	// requested body is to act, when the clause names one.
	Through string `json:"through,omitempty"`
	Provenance
}

// Provenance says where an edge came from.
type Provenance struct {
	Source   string `json:"source"`             // URL or file the relation was read from
	Evidence string `json:"evidence,omitempty"` // short paraphrase or the clause span
	Document string `json:"document,omitempty"` // id of the instrument whose text states it
	// Clause locates the relation in the document's text, when read from one.
	Clause *ClauseRef `json:"clause,omitempty"`
}

// ClauseRef locates a clause of a document.
type ClauseRef struct {
	Index  int    `json:"index"`            // position of the clause in the document, from 1
	Kind   string `json:"kind"`             // "preambular" or "operative"
	Number int    `json:"number,omitempty"` // operative paragraph number, 0 for preamble
	Text   string `json:"text,omitempty"`   // the clause text
	Start  int    `json:"start"`            // byte offset of the reference in the clause text
	End    int    `json:"end"`              // byte offset just past the reference
}

// Key returns the stable identity of the edge: two edges with the same key
// are the same fact and are merged by the loader. The key covers both
// endpoints, the type, the verb, where it was read and the clause location,
// so that two clauses of one document citing the same instrument stay two
// edges. An edge read from a document is identified by the
// document, not by the file it was read from, so the same text loaded from
// another path (or as a web page) lands on the same edges.
func (e Edge) Key() string {
	source := e.Source
	if e.Document != "" {
		source = ""
	}
	var b strings.Builder
	for _, s := range []string{e.From, string(e.Type), e.To, e.Verb, source, e.Document} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	if c := e.Clause; c != nil {
		b.WriteString(strconv.Itoa(c.Index))
		b.WriteByte(0)
		b.WriteString(strconv.Itoa(c.Start))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:12])
}

// ValidID reports whether id is a well-formed canonical id: at most 200
// bytes of lower-case ASCII letters, digits, dots and hyphens, starting
// with a letter or digit. Every id of every record of a load is checked,
// so it is a loop over the bytes rather than a regular expression, which
// took a seventh of a load's validation.
func ValidID(id string) bool {
	if id == "" || len(id) > 200 || id[0] == '.' || id[0] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// Validate checks n and returns a *FieldError (wrapping ErrInvalid) naming
// the first field that breaks a rule.
func (n *Node) Validate() error {
	switch {
	case n.ID == "":
		return invalid("id", "missing")
	case !ValidID(n.ID):
		return invalid("id", "%q is not a canonical id (lower-case letters, digits, '.' and '-')", n.ID)
	case n.Kind == "":
		return invalid("kind", "missing")
	case !n.Kind.Valid():
		return invalid("kind", "unknown kind %q (want one of %s)", n.Kind, joinKinds())
	case strings.TrimSpace(n.Title) == "":
		return invalid("title", "missing")
	}
	if n.Date != "" {
		if _, _, err := ParseDate(n.Date); err != nil {
			return invalid("date", "%v", err)
		}
	}
	return nil
}

// Validate checks e and returns a *FieldError (wrapping ErrInvalid) naming
// the first field that breaks a rule. It does not check that the endpoints
// exist; the loader does.
func (e *Edge) Validate() error {
	switch {
	case e.From == "":
		return invalid("from", "missing")
	case !ValidID(e.From):
		return invalid("from", "%q is not a canonical id", e.From)
	case e.To == "":
		return invalid("to", "missing")
	case !ValidID(e.To):
		return invalid("to", "%q is not a canonical id", e.To)
	case e.Type == "":
		return invalid("type", "missing")
	case !e.Type.Valid():
		return invalid("type", "unknown relationship type %q", e.Type)
	case strings.TrimSpace(e.Source) == "" && e.Document == "":
		return invalid("source", "missing: every edge says where it came from")
	case e.From == e.To && e.Type != RelMentions:
		return invalid("to", "a %s edge cannot point at its own source node", e.Type)
	}
	return nil
}

func joinKinds() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// ParseDate parses the date forms of the corpus: "YYYY", "YYYY-MM",
// "YYYY-MM-DD", or a range "start/end" of those. It returns the first and
// last day covered. It returns an error describing the form it expected.
func ParseDate(s string) (first, last time.Time, err error) {
	from, to, isRange := strings.Cut(s, "/")
	first, _, err = parseOneDate(from)
	if err != nil {
		return first, last, err
	}
	if !isRange {
		_, last, err = parseOneDate(from)
		return first, last, err
	}
	_, last, err = parseOneDate(to)
	if err == nil && last.Before(first) {
		err = errorf("date range %q ends before it starts", s)
	}
	return first, last, err
}

func parseOneDate(s string) (first, last time.Time, err error) {
	for _, f := range []struct {
		layout string
		years  int
		months int
		days   int
	}{{"2006-01-02", 0, 0, 1}, {"2006-01", 0, 1, 0}, {"2006", 1, 0, 0}} {
		if len(s) != len(f.layout) {
			continue
		}
		t, err := time.Parse(f.layout, s)
		if err != nil {
			break
		}
		return t, t.AddDate(f.years, f.months, f.days).AddDate(0, 0, -1), nil
	}
	return first, last, errorf("%q is not a date (want YYYY, YYYY-MM, YYYY-MM-DD or a range start/end)", s)
}

// Relation is an edge as read back from the graph: its id (the edge key),
// its properties and both end nodes.
type Relation struct {
	ID string `json:"id"`
	Edge
	FromNode Node `json:"fromNode"`
	ToNode   Node `json:"toNode"`
	// Outgoing is true when the relation was reached from its From node,
	// false when it was reached from its To node.
	Outgoing bool `json:"outgoing"`
}

// Other returns the node at the far end of r from the node it was reached from.
func (r *Relation) Other() Node {
	if r.Outgoing {
		return r.ToNode
	}
	return r.FromNode
}

// LineageEntry is one node from which a chain of relations leads to a
// conference: the node, the length of the shortest such chain, and the
// chain's first relation, from the node one step nearer the conference,
// with both end nodes. The rest of the chain is that of the node at Via's
// other end (Nearer): an entry of the same lineage, one step nearer, or
// the conference itself. Entries so share what their chains have in
// common, as the walk that found them does; query.Lineage writes the
// whole chains out.
type LineageEntry struct {
	Node     Node     `json:"node"`
	Distance int      `json:"distance"`
	Via      Relation `json:"via"`
}

// Nearer returns the id of the node one step nearer the conference on e's
// chain: the end of e.Via other than e.Node.
func (e *LineageEntry) Nearer() string {
	if e.Via.From == e.Node.ID {
		return e.Via.To
	}
	return e.Via.From
}

// WriteCounts counts what a write of nodes or edges did.
type WriteCounts struct {
	Created   int `json:"created"`           // new nodes or relationships
	Updated   int `json:"updated"`           // existing ones whose properties changed
	Unchanged int `json:"unchanged"`         // existing ones already holding the same properties
	Deleted   int `json:"deleted,omitempty"` // removed by a delete
}

// Add adds o to c.
func (c *WriteCounts) Add(o WriteCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Deleted += o.Deleted
}

// EdgeRef selects relationships to delete: those from the node From to
// the node To, only of Type when it is set, only the one whose key
// (Edge.Key) is Key when it is set.
type EdgeRef struct {
	From string  `json:"from"`
	To   string  `json:"to"`
	Type RelType `json:"type,omitempty"`
	Key  string  `json:"key,omitempty"`
}

// DeleteCounts tells what a delete removed.
type DeleteCounts struct {
	Nodes int `json:"nodes"`
	Edges int `json:"edges"` // the nodes' relationships among them
}
