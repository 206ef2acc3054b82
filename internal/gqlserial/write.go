package gqlserial

import (
	"bytes"
	"io"
	"strconv"
)

// Raw is a value of an answer already written as JSON: the plain path
// writes an object, and everything under it, into one buffer and hands
// gqlgen the bytes.
type Raw []byte

// MarshalGQL implements graphql.Marshaler.
func (r Raw) MarshalGQL(w io.Writer) { w.Write(r) }

// hex are the digits of a \u00XX escape.
const hex = "0123456789ABCDEF"

// WriteString writes s into b as a JSON string, escaped as gqlgen escapes
// its strings and IDs: a quote, a backslash and the control characters
// below U+0020 (as \t, \r, \n or \u00XX); every other byte, invalid UTF-8
// included, as it is.
func WriteString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// WriteKey writes the key of an object's field, its response name, and the
// colon after it.
func WriteKey(b *bytes.Buffer, name string) {
	WriteString(b, name)
	b.WriteByte(':')
}

// WriteInt writes n into b as gqlgen writes an Int.
func WriteInt(b *bytes.Buffer, n int) {
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(n), 10))
}

// WriteBool writes v into b as gqlgen writes a Boolean.
func WriteBool(b *bytes.Buffer, v bool) {
	b.Write(strconv.AppendBool(b.AvailableBuffer(), v))
}
