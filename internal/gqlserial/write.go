package gqlserial

import (
	"bytes"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Writer is what the plain path writes one object of an answer into, with
// everything under it, before it hands gqlgen the bytes (Marshaler): its
// JSON, and the fields collected from each selection on each type, which
// are the same wherever the selection is met again in the object (the
// entries of a list, the nodes of every relation of every path).
type Writer struct {
	bytes.Buffer
	collected []collected
}

// free holds Writers between answers: an answer's JSON is written into a
// Writer and then copied into gqlgen's response, so the Writer's buffer
// can serve the next answer rather than grow again from nothing (for a
// lineage of 200 entries, twice the answer's size in allocations). A
// channel rather than a sync.Pool: the collector empties a pool every
// other cycle, which an answer of a hundred kilobytes brings about every
// few requests.
var free = make(chan *Writer, maxFree)

// maxFree Writers wait in free, each with a buffer of at most maxPooled
// bytes (a rare large answer does not hold its memory for the small
// ones): what the server keeps for them is bounded by their product.
const (
	maxFree   = 8
	maxPooled = 512 << 10
)

// NewWriter returns an empty Writer, one given back if there is one. Give
// it back with Marshaler once written, or with Free when what was written
// is not used.
func NewWriter() *Writer {
	select {
	case w := <-free:
		return w
	default:
		return new(Writer)
	}
}

// Free gives w back; w must not be used afterwards.
func (w *Writer) Free() {
	if w.Cap() > maxPooled {
		return
	}
	w.Reset()
	clear(w.collected) // they point into the operation's document
	w.collected = w.collected[:0]
	select {
	case free <- w:
	default:
	}
}

// Marshaler returns what w holds as a value of the answer, and gives w
// back (Free) once the value is marshalled. gqlgen marshals each
// value of an answer once; a second MarshalGQL writes null, never what
// the Writer may hold by then for another answer.
func (w *Writer) Marshaler() graphql.Marshaler { return &written{w} }

// written is what Marshaler returns.
type written struct{ w *Writer }

// MarshalGQL implements graphql.Marshaler.
func (m *written) MarshalGQL(out io.Writer) {
	if m.w == nil {
		out.Write(null)
		return
	}
	out.Write(m.w.Bytes())
	m.w.Free()
	m.w = nil
}

var null = []byte("null")

// collected are the fields a selection collects on an object type: the
// selection by its first element and length, the type by its list of
// implementors (one per type, generated).
type collected struct {
	first  *ast.Selection
	n      int
	impl   *string
	fields []graphql.CollectedField
}

// maxCollected bounds what a Writer remembers: past it, a selection met on
// a type it has not seen is collected every time, as gqlgen does.
const maxCollected = 64

// Fields returns the fields sel collects on the object type whose
// implementors are impl (graphql.CollectFields), collecting each pair of
// selection and type once per Writer: the variables an operation's
// conditions read do not change while its answer is written.
func (w *Writer) Fields(op *graphql.OperationContext, sel ast.SelectionSet, impl []string) []graphql.CollectedField {
	if len(sel) == 0 || len(impl) == 0 {
		return graphql.CollectFields(op, sel, impl)
	}
	first, p := &sel[0], &impl[0]
	for _, c := range w.collected {
		if c.first == first && c.n == len(sel) && c.impl == p {
			return c.fields
		}
	}
	f := graphql.CollectFields(op, sel, impl)
	if len(w.collected) < maxCollected {
		w.collected = append(w.collected, collected{first: first, n: len(sel), impl: p, fields: f})
	}
	return f
}

// hex are the digits of a \u00XX escape.
const hex = "0123456789ABCDEF"

// Quote writes s as a JSON string, escaped as gqlgen escapes its strings
// and IDs: a quote, a backslash and the control characters below U+0020
// (as \t, \r, \n or \u00XX); every other byte, invalid UTF-8 included, as
// it is.
func (w *Writer) Quote(s string) {
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		w.WriteString(s[start:i])
		switch c {
		case '\t':
			w.WriteString(`\t`)
		case '\r':
			w.WriteString(`\r`)
		case '\n':
			w.WriteString(`\n`)
		case '"', '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
		default:
			w.WriteString(`\u00`)
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// Key writes the key of an object's field, its response name, and the
// colon after it.
func (w *Writer) Key(name string) {
	w.Quote(name)
	w.WriteByte(':')
}

// Int writes n as gqlgen writes an Int.
func (w *Writer) Int(n int) {
	w.Write(strconv.AppendInt(w.AvailableBuffer(), int64(n), 10))
}

// Bool writes v as gqlgen writes a Boolean.
func (w *Writer) Bool(v bool) {
	w.Write(strconv.AppendBool(w.AvailableBuffer(), v))
}

// Enum writes the value of an enum as gqlgen's generated enums write
// themselves (strconv.Quote): a value made of letters, digits and
// underscores, as every name of a GraphQL enum is, between quotes.
func (w *Writer) Enum(v string) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			w.WriteString(strconv.Quote(v))
			return
		}
	}
	w.WriteByte('"')
	w.WriteString(v)
	w.WriteByte('"')
}
