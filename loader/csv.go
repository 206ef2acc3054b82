package loader

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// CSV bulk files come in two shapes, told apart by their header row:
//
//	nodes: id,kind,symbol,title,aliases,date,place,source   (id, kind, title required)
//	edges: from,to,type,verb,through,source,evidence,document (from, to, type required)
//
// Columns may come in any order; optional ones may be left out; an unknown
// column is an error. aliases holds several names separated by " | ".
// Empty cells are empty fields.
var (
	nodeColumns = []string{"id", "kind", "symbol", "title", "aliases", "date", "place", "source"}
	edgeColumns = []string{"from", "to", "type", "verb", "through", "source", "evidence", "document"}
)

// ReadCSV reads a nodes or an edges CSV file (see above); name is used in
// error positions. It returns the records that parsed and validated and one
// *RecordError per bad row or bad header.
func ReadCSV(r io.Reader, name string) (*Batch, []error) {
	b := &Batch{}
	var errs []error
	scanCSV(r, name, b.visitor(&errs))
	return b, errs
}

// scanCSV reads a nodes or an edges CSV file, handing v each valid record
// and each error, as ReadCSV returns them.
func scanCSV(r io.Reader, name string, v visitor) {
	r, bad := sniff(r)
	if bad != "" {
		v.err(&RecordError{Pos: Pos{name, 1}, Msg: bad})
		return
	}
	cr := csv.NewReader(&lineLimit{r: r, max: maxLineBytes})
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return
	}
	if err != nil {
		v.err(csvError(name, err))
		return
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")))
	}
	var cols []string
	isNodes := false
	switch {
	case slices.Contains(header, "from") || slices.Contains(header, "to"):
		cols = edgeColumns
	case slices.Contains(header, "id"):
		cols, isNodes = nodeColumns, true
	default:
		v.err(&RecordError{Pos: Pos{name, 1}, Msg: "header names neither a nodes file (id,kind,title,...) nor an edges file (from,to,type,...)"})
		return
	}
	if isNodes && (v.skipNodes || v.edgesOnly) || !isNodes && v.skipEdges {
		return
	}
	for _, h := range header {
		if !slices.Contains(cols, h) {
			v.err(&RecordError{Pos: Pos{name, 1}, Field: h, Msg: "unknown column (want " + strings.Join(cols, ",") + ")"})
			return
		}
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			v.err(csvError(name, err))
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return // the reader itself failed
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		pos := Pos{name, line}
		if !validUTF8(row) {
			v.err(&RecordError{Pos: pos, Msg: notUTF8})
			continue
		}
		if len(row) != len(header) {
			v.err(&RecordError{Pos: pos, Msg: fmt.Sprintf("%d cells, header has %d", len(row), len(header))})
			continue
		}
		get := func(col string) string {
			if i := slices.Index(header, col); i >= 0 {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if isNodes {
			n := hemigraph.Node{ID: get("id"), Kind: hemigraph.Kind(get("kind")), Symbol: get("symbol"), Title: get("title"),
				Date: get("date"), Place: get("place"), Source: get("source")}
			for _, a := range strings.Split(get("aliases"), "|") {
				if a = strings.TrimSpace(a); a != "" {
					n.Aliases = append(n.Aliases, a)
				}
			}
			if err := n.Validate(); err != nil {
				v.err(recordError(pos, "", err))
				continue
			}
			v.node(NodeRecord{Pos: pos, Node: n})
			continue
		}
		e := hemigraph.Edge{From: get("from"), To: get("to"), Type: hemigraph.RelType(get("type")), Verb: get("verb"), Through: get("through"),
			Provenance: hemigraph.Provenance{Source: get("source"), Evidence: get("evidence"), Document: get("document")}}
		if err := e.Validate(); err != nil {
			v.err(recordError(pos, "", err))
			continue
		}
		v.edge(EdgeRecord{Pos: pos, Edge: e})
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RecordError{Pos: Pos{name, pe.Line}, Msg: "bad CSV: " + pe.Err.Error()}
	}
	var lt *LineTooLongError
	if errors.As(err, &lt) {
		return &RecordError{Pos: Pos{name, lt.Line}, Msg: "the line is " + errLineTooLong.Error()}
	}
	return fmt.Errorf("read %s: %w", name, err)
}
