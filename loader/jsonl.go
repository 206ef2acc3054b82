package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
)

// Line is one record of the JSON Lines bulk format: an object holding
// exactly one of "node" or "edge".
//
//	{"node": {"id": "ag-res-1412-xxvi-o-96", "kind": "Resolution", "symbol": "AG/RES. 1412 (XXVI-O/96)", "title": "...", "date": "1996-06-07", "source": "https://..."}}
//	{"edge": {"from": "ag-res-1412-xxvi-o-96", "to": "san-salvador-regional-conference-csbm-1998", "type": "CONVENES", "source": "https://...", "evidence": "..."}}
//
// Blank lines are skipped. Unknown fields are errors, so a misspelt field is
// reported rather than dropped.
type Line struct {
	Node *hemigraph.Node `json:"node,omitempty"`
	Edge *hemigraph.Edge `json:"edge,omitempty"`
}

// maxLineBytes bounds one JSON line.
const maxLineBytes = 16 << 20

// ReadJSONL reads the JSON Lines bulk format from r; name is used in error
// positions. It returns the records that parsed and validated, and one
// *RecordError per bad line (bad JSON, neither or both of node/edge, a
// missing or invalid field). An error reading r itself is returned last.
func ReadJSONL(r io.Reader, name string) (*Batch, []error) {
	b := &Batch{}
	var errs []error
	scanJSONL(r, name, b.visitor(&errs))
	return b, errs
}

// visitor receives what a reader reads, one record or error at a time, so
// that a load can stream its inputs instead of holding them.
type visitor struct {
	node func(NodeRecord)
	edge func(EdgeRecord)
	err  func(error)
	// skipNodes and skipEdges let a reader pass over the lines of records
	// not wanted without decoding them, when it can tell them by their
	// first key; their errors are then not reported either.
	skipNodes, skipEdges bool
	// edgesOnly has a reader decode only the lines it can tell are edges
	// (first key "edge"; in CSV, the rows of an edges file), passing over
	// the others and their errors: with skipEdges in an earlier read, every
	// line is decoded by exactly one of the two.
	edgesOnly bool
}

// visitor collects into b, and the errors into errs.
func (b *Batch) visitor(errs *[]error) visitor {
	return visitor{
		node: func(r NodeRecord) { b.Nodes = append(b.Nodes, r) },
		edge: func(r EdgeRecord) { b.Edges = append(b.Edges, r) },
		err:  func(e error) { *errs = append(*errs, e) },
	}
}

// scanJSONL reads the JSON Lines bulk format from r, handing v each valid
// record and each error, as ReadJSONL returns them.
func scanJSONL(r io.Reader, name string, v visitor) {
	r, bad := sniff(r)
	if bad != "" {
		v.err(&RecordError{Pos: Pos{File: name, Line: 1}, Msg: bad})
		return
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		if v.skipNodes || v.skipEdges || v.edgesOnly {
			if k := firstKey(raw); k == "node" && v.skipNodes || k == "edge" && v.skipEdges || k != "edge" && v.edgesOnly {
				continue
			}
		}
		pos := Pos{File: name, Line: line}
		if !utf8.Valid(raw) {
			v.err(&RecordError{Pos: pos, Msg: notUTF8})
			continue
		}
		var l Line
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			v.err(jsonError(pos, err))
			continue
		}
		if dec.More() {
			v.err(&RecordError{Pos: pos, Msg: "more than one JSON value on the line"})
			continue
		}
		switch {
		case l.Node != nil && l.Edge != nil:
			v.err(&RecordError{Pos: pos, Msg: `a line holds either "node" or "edge", not both`})
		case l.Node != nil:
			if err := l.Node.Validate(); err != nil {
				v.err(recordError(pos, "node.", err))
				continue
			}
			v.node(NodeRecord{Pos: pos, Node: *l.Node})
		case l.Edge != nil:
			if err := l.Edge.Validate(); err != nil {
				v.err(recordError(pos, "edge.", err))
				continue
			}
			v.edge(EdgeRecord{Pos: pos, Edge: *l.Edge})
		default:
			v.err(&RecordError{Pos: pos, Msg: `want an object with a "node" or an "edge"`})
		}
	}
	if err := sc.Err(); tooLong(err) {
		v.err(&RecordError{Pos: Pos{File: name, Line: line + 1}, Msg: "the line is " + errLineTooLong.Error()})
	} else if err != nil {
		v.err(fmt.Errorf("read %s after line %d: %w", name, line, err))
	}
}

// firstKey returns the first key of the JSON object raw, when it is a
// plain string, or "".
func firstKey(raw []byte) string {
	i := 0
	skip := func() {
		for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
			i++
		}
	}
	skip()
	if i >= len(raw) || raw[i] != '{' {
		return ""
	}
	i++
	skip()
	if i >= len(raw) || raw[i] != '"' {
		return ""
	}
	j := bytes.IndexByte(raw[i+1:], '"')
	if j < 0 || bytes.IndexByte(raw[i+1:i+1+j], '\\') >= 0 {
		return ""
	}
	return string(raw[i+1 : i+1+j])
}

// jsonError names the field of a JSON decoding error where it can.
func jsonError(pos Pos, err error) *RecordError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return &RecordError{Pos: pos, Msg: fmt.Sprintf(`want an object with a "node" or an "edge", got a JSON %s`, te.Value)}
		}
		return &RecordError{Pos: pos, Field: te.Field, Msg: fmt.Sprintf("want a %s, got a JSON %s", te.Type, te.Value)}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return &RecordError{Pos: pos, Field: strings.Trim(f, `"`), Msg: "unknown field"}
	}
	return &RecordError{Pos: pos, Msg: "bad JSON: " + strings.TrimPrefix(msg, "json: ")}
}

// WriteJSONL writes b in the JSON Lines bulk format: nodes first, then edges.
func WriteJSONL(w io.Writer, nodes []hemigraph.Node, edges []hemigraph.Edge) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range nodes {
		if err := enc.Encode(Line{Node: &nodes[i]}); err != nil {
			return fmt.Errorf("write node %s: %w", nodes[i].ID, err)
		}
	}
	for i := range edges {
		if err := enc.Encode(Line{Edge: &edges[i]}); err != nil {
			return fmt.Errorf("write edge %s->%s: %w", edges[i].From, edges[i].To, err)
		}
	}
	return nil
}
