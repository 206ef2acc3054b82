package loader

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
)

// decodeFast decodes one line of the bulk format without reflection, when
// the line is in the form writers of the format produce: keys spelt exactly
// as the format has them, each at most once; strings, integers, booleans
// and arrays of strings where the fields have them; no null; nothing after
// the object. For any other line it returns false, and the line is decoded
// by encoding/json, whose answer, and whose errors, are the format's
// (decodeLine).
//
// Decoding is most of a load's validation, and encoding/json spends most
// of it scanning each line twice and matching fields by reflection; this
// takes a fraction of that on the lines loads are made of. A fuzz test
// holds it to encoding/json: whatever it accepts, encoding/json decodes to
// the same Line.
//
// raw must be valid UTF-8 (decodeLine checks it first).
func decodeFast(raw []byte) (Line, bool) {
	d := fastDecoder{b: raw}
	var l Line
	ok := d.object(func(key []byte) bool {
		switch string(key) {
		case "node":
			if l.Node != nil {
				return false
			}
			l.Node = new(hemigraph.Node)
			return d.node(l.Node)
		case "edge":
			if l.Edge != nil {
				return false
			}
			l.Edge = new(hemigraph.Edge)
			return d.edge(l.Edge)
		}
		return false
	})
	d.space()
	if !ok || d.i != len(d.b) {
		return Line{}, false
	}
	return l, true
}

// fastDecoder reads the JSON in b from i on, failing (returning false) on
// anything decodeFast leaves to encoding/json.
type fastDecoder struct {
	b []byte
	i int
}

// Fields of a node or an edge, as bits, to refuse a key seen twice (where
// encoding/json would keep the last value, or merge two objects).
const (
	fID = 1 << iota
	fKind
	fSymbol
	fTitle
	fAliases
	fDate
	fPlace
	fSource
	fUnresolved
	fFrom
	fTo
	fType
	fVerb
	fThrough
	fEvidence
	fDocument
	fClause
	fIndex
	fNumber
	fText
	fStart
	fEnd
)

func (d *fastDecoder) node(n *hemigraph.Node) bool {
	var seen uint32
	return d.object(func(key []byte) bool {
		var bit uint32
		var ok bool
		switch string(key) {
		case "id":
			bit = fID
			n.ID, ok = d.str()
		case "kind":
			bit = fKind
			var s string
			s, ok = d.str()
			n.Kind = hemigraph.Kind(s)
		case "symbol":
			bit = fSymbol
			n.Symbol, ok = d.str()
		case "title":
			bit = fTitle
			n.Title, ok = d.str()
		case "aliases":
			bit = fAliases
			n.Aliases, ok = d.strs()
		case "date":
			bit = fDate
			n.Date, ok = d.str()
		case "place":
			bit = fPlace
			n.Place, ok = d.str()
		case "source":
			bit = fSource
			n.Source, ok = d.str()
		case "unresolved":
			bit = fUnresolved
			n.Unresolved, ok = d.boolean()
		default:
			return false
		}
		return once(&seen, bit, ok)
	})
}

func (d *fastDecoder) edge(e *hemigraph.Edge) bool {
	var seen uint32
	return d.object(func(key []byte) bool {
		var bit uint32
		var ok bool
		switch string(key) {
		case "from":
			bit = fFrom
			e.From, ok = d.str()
		case "to":
			bit = fTo
			e.To, ok = d.str()
		case "type":
			bit = fType
			var s string
			s, ok = d.str()
			e.Type = hemigraph.RelType(s)
		case "verb":
			bit = fVerb
			e.Verb, ok = d.str()
		case "through":
			bit = fThrough
			e.Through, ok = d.str()
		case "source":
			bit = fSource
			e.Source, ok = d.str()
		case "evidence":
			bit = fEvidence
			e.Evidence, ok = d.str()
		case "document":
			bit = fDocument
			e.Document, ok = d.str()
		case "clause":
			bit = fClause
			e.Clause = new(hemigraph.ClauseRef)
			ok = d.clause(e.Clause)
		default:
			return false
		}
		return once(&seen, bit, ok)
	})
}

func (d *fastDecoder) clause(c *hemigraph.ClauseRef) bool {
	var seen uint32
	return d.object(func(key []byte) bool {
		var bit uint32
		var ok bool
		switch string(key) {
		case "index":
			bit = fIndex
			c.Index, ok = d.integer()
		case "kind":
			bit = fKind
			c.Kind, ok = d.str()
		case "number":
			bit = fNumber
			c.Number, ok = d.integer()
		case "text":
			bit = fText
			c.Text, ok = d.str()
		case "start":
			bit = fStart
			c.Start, ok = d.integer()
		case "end":
			bit = fEnd
			c.End, ok = d.integer()
		default:
			return false
		}
		return once(&seen, bit, ok)
	})
}

// once marks the field bit as seen, and reports whether it was not seen
// before and its value decoded (ok).
func once(seen *uint32, bit uint32, ok bool) bool {
	if *seen&bit != 0 {
		return false
	}
	*seen |= bit
	return ok
}

// space passes over JSON's white space.
func (d *fastDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// expect passes over white space and then c, if it is next.
func (d *fastDecoder) expect(c byte) bool {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// object reads an object, calling member for each key with the decoder
// on the key's value; member reads the value.
func (d *fastDecoder) object(member func(key []byte) bool) bool {
	if !d.expect('{') {
		return false
	}
	if d.expect('}') {
		return true
	}
	for {
		d.space()
		key, ok := d.plainKey()
		if !ok || !d.expect(':') {
			return false
		}
		d.space()
		if !member(key) {
			return false
		}
		if d.expect(',') {
			continue
		}
		return d.expect('}')
	}
}

// plainKey reads a key without escapes, returning its bytes.
func (d *fastDecoder) plainKey() ([]byte, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false
	}
	for j := d.i + 1; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			key := d.b[d.i+1 : j]
			d.i = j + 1
			return key, true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// str reads a string.
func (d *fastDecoder) str() (string, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", false
	}
	for j := d.i + 1; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			s := string(d.b[d.i+1 : j])
			d.i = j + 1
			return s, true
		case c == '\\':
			return d.escaped(j)
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// escaped reads the rest of a string that has escapes, from its first
// backslash at j.
func (d *fastDecoder) escaped(j int) (string, bool) {
	out := make([]byte, 0, j-d.i+16)
	out = append(out, d.b[d.i+1:j]...)
	for j < len(d.b) {
		c := d.b[j]
		switch {
		case c == '"':
			d.i = j + 1
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			j++
			continue
		}
		if j+1 >= len(d.b) {
			return "", false
		}
		switch e := d.b[j+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(d.b[j+2:])
			if !ok {
				return "", false
			}
			j += 6
			if utf16.IsSurrogate(r) {
				// A pair stands for one rune; anything else is left to
				// encoding/json, which has its own replacements.
				if j+1 >= len(d.b) || d.b[j] != '\\' || d.b[j+1] != 'u' {
					return "", false
				}
				r2, ok := hex4(d.b[j+2:])
				if !ok {
					return "", false
				}
				r = utf16.DecodeRune(r, r2)
				if r == utf8.RuneError {
					return "", false
				}
				j += 6
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", false
		}
		j += 2
	}
	return "", false
}

// hex4 reads the four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// strs reads an array of strings; an empty array is an empty slice, not
// nil, as encoding/json has it.
func (d *fastDecoder) strs() ([]string, bool) {
	if !d.expect('[') {
		return nil, false
	}
	out := []string{}
	if d.expect(']') {
		return out, true
	}
	for {
		d.space()
		s, ok := d.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
		if d.expect(',') {
			continue
		}
		if d.expect(']') {
			return out, true
		}
		return nil, false
	}
}

// boolean reads true or false.
func (d *fastDecoder) boolean() (bool, bool) {
	rest := d.b[d.i:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		d.i += 4
		return true, d.delimited()
	case len(rest) >= 5 && string(rest[:5]) == "false":
		d.i += 5
		return false, d.delimited()
	}
	return false, false
}

// integer reads an integer in JSON's form (no fraction, no exponent, no
// leading zero) that fits an int.
func (d *fastDecoder) integer() (int, bool) {
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	if d.i == digits || d.b[digits] == '0' && d.i-digits > 1 || !d.delimited() {
		return 0, false
	}
	n, err := strconv.Atoi(string(d.b[start:d.i]))
	return n, err == nil
}

// delimited reports whether a literal or a number just read ends there:
// at the end, at white space, or at a ',', '}' or ']'.
func (d *fastDecoder) delimited() bool {
	if d.i == len(d.b) {
		return true
	}
	switch d.b[d.i] {
	case ' ', '\t', '\n', '\r', ',', '}', ']':
		return true
	}
	return false
}
