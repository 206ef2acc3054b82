// Package loader turns bulk files and documents into the nodes and edges of
// the graph and writes them through a small Writer, validating everything
// before anything is written.
//
// Readers (ReadJSONL, ReadCSV, and package loader/document for texts and web
// pages) are pure functions over io.Reader. Loader orchestrates: it checks
// every record, refuses or filters the invalid ones according to the policy,
// and writes the rest in batches.
package loader

import (
	"errors"
	"fmt"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader/document"
)

// Pos is where a record was read: file and line (from 1).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// String formats p as file:line.
func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// NodeRecord is a node with where it was read.
type NodeRecord struct {
	Pos
	Node hemigraph.Node
}

// EdgeRecord is an edge with where it was read.
type EdgeRecord struct {
	Pos
	Edge hemigraph.Edge
}

// Batch is everything read from a set of inputs, in input order: bulk
// records, and documents whose references are resolved against the graph
// when they are loaded.
type Batch struct {
	Nodes []NodeRecord
	Edges []EdgeRecord
	Docs  []*document.Document
}

// Append adds o's records to b.
func (b *Batch) Append(o *Batch) {
	b.Nodes = append(b.Nodes, o.Nodes...)
	b.Edges = append(b.Edges, o.Edges...)
	b.Docs = append(b.Docs, o.Docs...)
}

// RecordError is one bad record: where it is, which field, and what is wrong.
// It wraps hemigraph.ErrInvalid.
type RecordError struct {
	Pos
	Field string // empty when the whole record is unreadable
	Msg   string
}

// Error formats e as "file:line: field "f": message".
func (e *RecordError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("%s: field %q: %s", e.Pos, e.Field, e.Msg)
}

// Unwrap makes errors.Is(err, hemigraph.ErrInvalid) hold.
func (e *RecordError) Unwrap() error { return hemigraph.ErrInvalid }

// recordError turns a validation error into a RecordError at pos, keeping
// the field a hemigraph.FieldError names.
func recordError(pos Pos, prefix string, err error) *RecordError {
	var fe *hemigraph.FieldError
	if errors.As(err, &fe) {
		return &RecordError{Pos: pos, Field: prefix + fe.Field, Msg: fe.Reason}
	}
	return &RecordError{Pos: pos, Msg: err.Error()}
}
