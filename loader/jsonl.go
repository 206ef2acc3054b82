package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
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
// record and each error, in the order of the lines, as ReadJSONL returns
// them.
//
// Decoding and validating the lines is most of a read's work, and a load
// validates its whole input before Neo4j has anything to do: the lines are
// read in chunks, which workers, one per CPU, decode and validate, and
// their records reach v in order (jsonlPipeline).
func scanJSONL(r io.Reader, name string, v visitor) {
	r, bad := sniff(r)
	if bad != "" {
		v.err(&RecordError{Pos: Pos{File: name, Line: 1}, Msg: bad})
		return
	}
	jsonlPipeline(r, name, v, jsonlWorkers())
}

// jsonlWorkers is the number of workers decoding lines: one per CPU.
var jsonlWorkers = func() int { return runtime.GOMAXPROCS(0) }

// A jsonlChunk is a run of consecutive lines of the input, read together
// and decoded by one worker.
type jsonlChunk struct {
	buf   []byte        // the lines' bytes, one after the other
	lines []jsonlLine   // where each line is in buf
	out   []jsonlResult // what each line decoded to, once done is closed
	done  chan struct{}
}

type jsonlLine struct {
	n          int // line number, from 1
	start, end int // the line is buf[start:end]
}

// jsonlResult is a decoded line: a record (the node or the edge the
// decoder allocated, and its position), or the error it holds.
type jsonlResult struct {
	pos  Pos
	node *hemigraph.Node
	edge *hemigraph.Edge
	err  error
}

// Chunks: about jsonlChunkBytes bytes of lines each, and at most
// jsonlAhead chunks read ahead of the records handed on, per worker.
var jsonlChunkBytes = 256 << 10

const jsonlAhead = 2

// jsonlPipeline reads r's lines into chunks, has workers decode them and
// hands v the results in order, then the error reading r, if any.
func jsonlPipeline(r io.Reader, name string, v visitor, workers int) {
	workers = max(workers, 1)
	todo := make(chan *jsonlChunk, workers*jsonlAhead)
	inOrder := make(chan *jsonlChunk, workers*jsonlAhead)
	var readErr error
	var lastLine int
	go func() {
		defer close(todo)
		defer close(inOrder)
		lastLine, readErr = readChunks(r, v, func(c *jsonlChunk) {
			inOrder <- c
			todo <- c
		})
	}()
	for range workers {
		go func() {
			for c := range todo {
				c.out = make([]jsonlResult, len(c.lines))
				for i, l := range c.lines {
					c.out[i] = decodeLine(c.buf[l.start:l.end], Pos{File: name, Line: l.n})
				}
				close(c.done)
			}
		}()
	}
	// Should v panic, the chunks still in flight are drained, so that the
	// reader and the workers end.
	defer func() {
		for c := range inOrder {
			<-c.done
		}
	}()
	for c := range inOrder {
		<-c.done
		for _, res := range c.out {
			switch {
			case res.err != nil:
				v.err(res.err)
			case res.node != nil:
				v.node(NodeRecord{Pos: res.pos, Node: *res.node})
			case res.edge != nil:
				v.edge(EdgeRecord{Pos: res.pos, Edge: *res.edge})
			}
		}
	}
	// inOrder is closed after readChunks returned: readErr and lastLine
	// are set.
	if tooLong(readErr) {
		v.err(&RecordError{Pos: Pos{File: name, Line: lastLine + 1}, Msg: "the line is " + errLineTooLong.Error()})
	} else if readErr != nil {
		v.err(fmt.Errorf("read %s after line %d: %w", name, lastLine, readErr))
	}
}

// readChunks reads r's lines, leaving out blank lines and those v passes
// over, into chunks handed to send; it returns the number of the last
// line read and the error that ended the read, if not the end of r.
func readChunks(r io.Reader, v visitor, send func(*jsonlChunk)) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	line := 0
	newChunk := func() *jsonlChunk {
		return &jsonlChunk{buf: make([]byte, 0, jsonlChunkBytes+1024), lines: make([]jsonlLine, 0, 256), done: make(chan struct{})}
	}
	c := newChunk()
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
		start := len(c.buf)
		c.buf = append(c.buf, raw...)
		c.lines = append(c.lines, jsonlLine{n: line, start: start, end: len(c.buf)})
		if len(c.buf) >= jsonlChunkBytes {
			send(c)
			c = newChunk()
		}
	}
	if len(c.lines) > 0 {
		send(c)
	}
	return line, sc.Err()
}

// decodeLine decodes and validates one line of the bulk format.
func decodeLine(raw []byte, pos Pos) jsonlResult {
	if !utf8.Valid(raw) {
		return jsonlResult{err: &RecordError{Pos: pos, Msg: notUTF8}}
	}
	l, ok := decodeFast(raw)
	if !ok {
		var err error
		if l, err = decodeStd(raw, pos); err != nil {
			return jsonlResult{err: err}
		}
	}
	switch {
	case l.Node != nil && l.Edge != nil:
		return jsonlResult{err: &RecordError{Pos: pos, Msg: `a line holds either "node" or "edge", not both`}}
	case l.Node != nil:
		if err := l.Node.Validate(); err != nil {
			return jsonlResult{err: recordError(pos, "node.", err)}
		}
		return jsonlResult{pos: pos, node: l.Node}
	case l.Edge != nil:
		if err := l.Edge.Validate(); err != nil {
			return jsonlResult{err: recordError(pos, "edge.", err)}
		}
		return jsonlResult{pos: pos, edge: l.Edge}
	}
	return jsonlResult{err: &RecordError{Pos: pos, Msg: `want an object with a "node" or an "edge"`}}
}

// decodeStd decodes a line with encoding/json, which gives the format's
// answer for every line, and its errors.
func decodeStd(raw []byte, pos Pos) (Line, error) {
	var l Line
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Line{}, jsonError(pos, err)
	}
	if dec.More() {
		return Line{}, &RecordError{Pos: pos, Msg: "more than one JSON value on the line"}
	}
	return l, nil
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
