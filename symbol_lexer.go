package hemigraph

import (
	"fmt"
	"strconv"
	"strings"
)

// This file holds the byte-level lexer of document symbols: series and
// type, number, sitting or year, amendments and the connectors of a
// citation, with the OCR misreadings of the corpus.

// symLexer reads symbols byte by byte, so that offsets into the text stay
// exact; it matches ASCII letters case-insensitively.
type symLexer struct {
	s      string
	i      int
	digits string // the digits of the last document number read
}

var (
	errNoSymbol = fmt.Errorf("no document symbol: %w", ErrInvalid)
	errNoNumber = fmt.Errorf("no document number: %w", ErrInvalid)
)

func (l *symLexer) peek() byte {
	if l.i < len(l.s) {
		return l.s[l.i]
	}
	return 0
}

func (l *symLexer) peekAt(k int) byte {
	if l.i+k < len(l.s) {
		return l.s[l.i+k]
	}
	return 0
}

// space skips ASCII white space and no-break spaces.
func (l *symLexer) space() {
	for l.i < len(l.s) {
		switch {
		case l.s[l.i] == ' ' || l.s[l.i] == '\t' || l.s[l.i] == '\n' || l.s[l.i] == '\r':
			l.i++
		case strings.HasPrefix(l.s[l.i:], "\u00a0"):
			l.i += len("\u00a0")
		default:
			return
		}
	}
}

// dash consumes a hyphen or an en or em dash.
func (l *symLexer) dash() bool {
	if l.peek() == '-' {
		l.i++
		return true
	}
	for _, d := range []string{"\u2010", "\u2011", "\u2013", "\u2014"} {
		if strings.HasPrefix(l.s[l.i:], d) {
			l.i += len(d)
			return true
		}
	}
	return false
}

// run returns the longest run of bytes at l.i satisfying ok, and advances.
func (l *symLexer) run(ok func(byte) bool) string {
	j := l.i
	for j < len(l.s) && ok(l.s[j]) {
		j++
	}
	w := l.s[l.i:j]
	l.i = j
	return w
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }

// head reads "SERIES/TYPE".
func (l *symLexer) head() (series, typ string, err error) {
	var segs []string
	for {
		w := l.run(isLetter)
		if len(w) < 2 || len(w) > 12 {
			return "", "", errNoSymbol
		}
		if len(segs) == 0 {
			if ser, t, ok := l.ocrHead(w); ok {
				return ser, t, nil
			}
		}
		seg := strings.ToUpper(w)
		for l.seriesSuffix(&seg) {
		}
		save := l.i
		l.space()
		if l.peek() == '/' {
			l.i++
			l.space()
			if isLetter(l.peek()) {
				if !oneCase(w) {
					return "", "", errNoSymbol
				}
				segs = append(segs, seg)
				continue
			}
		}
		l.i = save
		if len(segs) == 0 {
			return "", "", errNoSymbol
		}
		typ, ok := canonicalType(w)
		if !ok {
			return "", "", errNoSymbol
		}
		return strings.Join(segs, "/"), typ, nil
	}
}

// classification skips a leading "OEA/Ser.X" and its sub-parts, which a
// symbol may follow after white space.
func (l *symLexer) classification() {
	rest := l.s[l.i:]
	if len(rest) < 9 || !strings.EqualFold(rest[:8], "OEA/Ser.") {
		return
	}
	j := strings.IndexAny(rest, " \t\n")
	if j < 0 {
		return
	}
	l.i += j
	l.space()
}

// ocrHead recognizes "AGIRES", "AG1RES" and "AG|RES": a misread '/'.
func (l *symLexer) ocrHead(w string) (series, typ string, ok bool) {
	u := strings.ToUpper(w)
	if len(u) < 2 || (u[:2] != "AG" && u[:2] != "CP") {
		return "", "", false
	}
	rest := u[2:]
	if rest == "" && (l.peek() == '1' || l.peek() == '|') {
		save := l.i
		l.i++
		t := strings.ToUpper(l.run(isLetter))
		if t == "RES" || t == "DEC" || t == "DOC" {
			typ, _ := canonicalType(t)
			return u[:2], typ, true
		}
		l.i = save
		return "", "", false
	}
	if len(rest) == 4 && (rest[0] == 'I' || rest[0] == 'L') {
		if t := rest[1:]; t == "RES" || t == "DEC" || t == "DOC" {
			typ, _ := canonicalType(t)
			return u[:2], typ, true
		}
	}
	return "", "", false
}

// seriesSuffix extends seg with ".23", ".II" or "-II" when a '/' follows, as
// in "RC.23/RES" or "SEPEIN-II/doc".
func (l *symLexer) seriesSuffix(seg *string) bool {
	c := l.peek()
	if c != '.' && c != '-' {
		return false
	}
	j := l.i + 1
	k := j
	for k < len(l.s) && k-j < 5 && isAlnum(l.s[k]) {
		k++
	}
	if k == j || k-j > 4 || k >= len(l.s) || l.s[k] != '/' || k+1 >= len(l.s) || !isLetter(l.s[k+1]) {
		return false
	}
	*seg += string(c) + strings.ToUpper(l.s[j:k])
	l.i = k
	return true
}

// oneCase reports whether the letters of w are all upper or all lower case,
// which keeps words such as "Santiago/Chile" from reading as a series.
func oneCase(w string) bool {
	return w == strings.ToUpper(w) || w == strings.ToLower(w)
}

// canonicalType returns the canonical spelling of a document type.
func canonicalType(w string) (string, bool) {
	u := strings.ToUpper(w)
	switch u {
	case "RES", "DEC", "INF", "SA":
		return u, true
	case "DOC":
		return "doc", true
	}
	if len(u) < 2 || len(u) > 6 || !oneCase(w) {
		return "", false
	}
	return u, true
}

// number reads the separator after the type and the document number.
func (l *symLexer) number() (int, error) {
	save := l.i
	l.space()
	if l.peek() == '.' {
		l.i++
		l.space()
	} else if l.dash() {
		l.space()
	}
	d := l.run(isDigit)
	if len(d) == 0 || (len(d) > 6 && (len(d) > 7 || d[4] != '1')) || isLetter(l.peek()) {
		l.i = save
		return 0, errNoNumber
	}
	n, _ := strconv.Atoi(d)
	if n == 0 {
		l.i = save
		return 0, errNoNumber
	}
	l.digits = d
	return n, nil
}

// item reads what follows a document number: a sitting or a year, then
// amendments.
func (l *symLexer) item(n int) citeItem {
	it := citeItem{number: n}
	if r, ok := l.sitting(); ok {
		it.sitting, it.year, it.hasTail = r, r.Year, true
	} else if y, ok := l.year(); ok {
		it.year, it.hasTail = y, true
	} else if d := l.digits; len(d) >= 6 && d[len(d)-3] == '1' && strings.Trim(d[:len(d)-3], "0") != "" {
		// "CP/doc.2492194": an OCR reading of "2492/94", the '/' read as '1'.
		// A number of zeros before the '1' ("000100") is no document number.
		it.number, _ = strconv.Atoi(d[:len(d)-3])
		y, _ := strconv.Atoi(d[len(d)-2:])
		it.year, it.hasTail = 1900+y, true
		if y < 50 {
			it.year = 2000 + y
		}
	}
	it.amendments = l.amendments()
	it.end = l.i
	return it
}

// sitting reads "(XXVI-O/96)", "(XXIII-0193)" or "(1293/01)".
func (l *symLexer) sitting() (*SessionRef, bool) {
	save := l.i
	fail := func() (*SessionRef, bool) { l.i = save; return nil, false }
	l.space()
	if l.peek() != '(' {
		return fail()
	}
	l.i++
	l.space()
	var r SessionRef
	if w := l.run(isRomanDigit); w != "" {
		n, ok := ParseRoman(strings.ToUpper(w))
		if !ok {
			return fail()
		}
		r.Number = n
		l.space()
		if !l.dash() {
			// "(XXVIIO/97)": the dash left out before the session letter.
			if c := l.peek(); !(c == 'O' || c == 'o' || c == '0' || c == 'E' || c == 'e') || l.peekAt(1) != '/' {
				return fail()
			}
		}
		l.space()
		switch l.peek() {
		case 'O', 'o', '0':
		case 'E', 'e':
			r.Special = true
		default:
			return fail()
		}
		l.i++
		l.space()
		if !l.sittingSlash() {
			return fail()
		}
	} else {
		d := l.run(isDigit)
		if len(d) == 0 || len(d) > 5 {
			return fail()
		}
		r.Number, _ = strconv.Atoi(d)
		r.Meeting = true
		l.space()
		if l.peek() != '/' {
			return fail()
		}
		l.i++
	}
	l.space()
	y, ok := l.yearDigits()
	l.space()
	if !ok || l.peek() != ')' || r.Number == 0 {
		return fail()
	}
	l.i++
	r.Year = y
	return &r, true
}

// sittingSlash consumes the '/' before the year of a session, or an 'I',
// 'l', '1' or '|' misread for it when exactly two digits and ')' follow.
func (l *symLexer) sittingSlash() bool {
	switch c := l.peek(); {
	case c == '/':
		l.i++
		return true
	case c == 'I' || c == 'l' || c == '1' || c == '|':
		if isDigit(l.peekAt(1)) && isDigit(l.peekAt(2)) && !isDigit(l.peekAt(3)) {
			l.i++
			return true
		}
	}
	return false
}

func isRomanDigit(c byte) bool {
	switch c {
	case 'I', 'V', 'X', 'L', 'C', 'i', 'v', 'x', 'l', 'c':
		return true
	}
	return false
}

// year reads a trailing "/97" or "/1997".
func (l *symLexer) year() (int, bool) {
	save := l.i
	l.space()
	if l.peek() != '/' {
		l.i = save
		return 0, false
	}
	l.i++
	l.space()
	y, ok := l.yearDigits()
	if !ok {
		l.i = save
	}
	return y, ok
}

// yearDigits reads a two- or four-digit year: two-digit years from 50 are
// 19xx, below 50 20xx.
func (l *symLexer) yearDigits() (int, bool) {
	save := l.i
	d := l.run(isDigit)
	if (len(d) != 2 && len(d) != 4) || isLetter(l.peek()) {
		l.i = save
		return 0, false
	}
	y, _ := strconv.Atoi(d)
	switch {
	case len(d) == 4 && (y < 1900 || y > 2099):
		l.i = save
		return 0, false
	case len(d) == 4:
		return y, true
	case y >= 50:
		return 1900 + y, true
	}
	return 2000 + y, true
}

// amendments reads " rev. 1", " add. 5", ", corr.1" and the like.
func (l *symLexer) amendments() []Amendment {
	var out []Amendment
	for {
		save := l.i
		l.space()
		if l.peek() == ',' {
			l.i++
			l.space()
		}
		w := strings.ToLower(l.run(isLetter))
		if w != "rev" && w != "add" && w != "corr" {
			l.i = save
			return out
		}
		if l.peek() == '.' {
			l.i++
		}
		l.space()
		d := l.run(isDigit)
		if len(d) == 0 || len(d) > 3 || isLetter(l.peek()) {
			l.i = save
			return out
		}
		n, _ := strconv.Atoi(d)
		out = append(out, Amendment{Kind: w, Number: n})
	}
}

// connector reads what joins two numbers of a citation: ",", "and", "e",
// "y", "et", "&" (a list) or a dash, "to", "a", "au", "through" (a range).
func (l *symLexer) connector() (isRange, ok bool) {
	save := l.i
	l.space()
	comma := l.peek() == ','
	if comma {
		l.i++
		l.space()
	}
	switch {
	case l.dash():
		isRange = true
	case l.peek() == '&':
		l.i++
	case strings.HasPrefix(l.s[l.i:], "à "):
		l.i += len("à")
		isRange = true
	default:
		wstart := l.i
		switch strings.ToLower(l.run(isLetter)) {
		case "and", "e", "y", "et":
		case "to", "a", "au", "through":
			isRange = true
		default:
			l.i = wstart
			if !comma {
				l.i = save
				return false, false
			}
		}
	}
	l.space()
	return isRange, true
}

// nextNumber reads the next number of a citation, optionally after its own
// "SERIES/TYPE" head, which must repeat the first one.
func (l *symLexer) nextNumber(series, typ string) (int, bool) {
	save := l.i
	if isLetter(l.peek()) {
		s, t, err := l.head()
		if err != nil || s != series || t != typ {
			l.i = save
			return 0, false
		}
	}
	n, err := l.number()
	if err != nil {
		l.i = save
		return 0, false
	}
	return n, true
}
