package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

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
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		pos := Pos{File: name, Line: line}
		var l Line
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			errs = append(errs, jsonError(pos, err))
			continue
		}
		if dec.More() {
			errs = append(errs, &RecordError{Pos: pos, Msg: "more than one JSON value on the line"})
			continue
		}
		switch {
		case l.Node != nil && l.Edge != nil:
			errs = append(errs, &RecordError{Pos: pos, Msg: `a line holds either "node" or "edge", not both`})
		case l.Node != nil:
			if err := l.Node.Validate(); err != nil {
				errs = append(errs, recordError(pos, "node.", err))
				continue
			}
			b.Nodes = append(b.Nodes, NodeRecord{Pos: pos, Node: *l.Node})
		case l.Edge != nil:
			if err := l.Edge.Validate(); err != nil {
				errs = append(errs, recordError(pos, "edge.", err))
				continue
			}
			b.Edges = append(b.Edges, EdgeRecord{Pos: pos, Edge: *l.Edge})
		default:
			errs = append(errs, &RecordError{Pos: pos, Msg: `want an object with a "node" or an "edge"`})
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("read %s after line %d: %w", name, line, err))
	}
	return b, errs
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
