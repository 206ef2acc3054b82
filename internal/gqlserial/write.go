package gqlserial

import (
	"bytes"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Raw is a value of an answer already written as JSON: the plain path
// writes an object, and everything under it, into one Writer and hands
// gqlgen the bytes.
type Raw []byte

// MarshalGQL implements graphql.Marshaler.
func (r Raw) MarshalGQL(w io.Writer) { w.Write(r) }

// Writer is what the plain path writes one object of an answer into: its
// JSON, and the fields collected from each selection on each type, which
// are the same wherever the selection is met again in the object (the
// entries of a list, the nodes of every relation of every path).
type Writer struct {
	bytes.Buffer
	collected []collected
}

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
