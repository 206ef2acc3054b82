package hemigraph

import (
	"fmt"
	"strings"
)

// This file reads symbols and citations from text: ParseSymbol,
// ExpandCitation and the scanners over running text, and the assembly of a
// citation's numbers into symbols. The byte-level lexer is in
// symbol_lexer.go.

// MaxCitationRange is the longest range of document numbers that
// ScanCitation expands. A printed range "AG/RES. 1532 - AG/RES. 1606
// (XXVIII-O/98)" stands for every resolution from 1532 to 1606; a longer
// range is more likely a misprint than a citation, so only its two printed
// endpoints are returned.
const MaxCitationRange = 200

// ParseSymbol parses one printed document symbol. It accepts the printed
// variants of the corpus: spacing and case ("AG/RES.1353 (XXV-O/95)",
// "AG/RES 1643 (XXIX-O/99)", "1445(XXVII-O/97)", "(XXV- O/95)",
// "ag/res. 1412 (xxvi-o/96)"), a zero for the letter O ("XXVII-0/97"), OCR
// misreadings of '/' as 'I' or '1' ("AGIRES.1237 (XXIII-0193)"), and a
// leading classification ("OEA/Ser.P AG/doc.3096/94").
//
// The error wraps ErrInvalid when s is not exactly one symbol: placeholders
// such as "AG/RES….(XXIX-O/99)" or "CP/CSH-.../00", a symbol with neither a
// session nor a year, a combined citation, or trailing text.
func ParseSymbol(s string) (Symbol, error) {
	t := strings.TrimSpace(s)
	syms, n, err := ScanCitation(t)
	switch {
	case err != nil:
		return Symbol{}, fmt.Errorf("parse symbol %q: %w", s, err)
	case n != len(t):
		return Symbol{}, fmt.Errorf("parse symbol %q: unexpected %q after the symbol: %w", s, t[n:], ErrInvalid)
	case len(syms) != 1:
		return Symbol{}, fmt.Errorf("parse symbol %q: a citation of %d symbols, not one: %w", s, len(syms), ErrInvalid)
	}
	return syms[0], nil
}

// ExpandCitation parses a citation that may name several symbols and
// returns each of them: "AG/RES. 1121 and 1123 (XXI-O/91)" (also with the
// Portuguese "e", Spanish "y", French "et", "&" or commas) and ranges
// "AG/RES. 1532 - AG/RES. 1606 (XXVIII-O/98)" (also "to", "a", "au").
// Numbers printed without a session take the session printed after them.
// See MaxCitationRange for how ranges are expanded.
//
// The error wraps ErrInvalid when s is not one whole citation.
func ExpandCitation(s string) ([]Symbol, error) {
	t := strings.TrimSpace(s)
	syms, n, err := ScanCitation(t)
	if err != nil {
		return nil, fmt.Errorf("expand citation %q: %w", s, err)
	}
	if n != len(t) {
		return nil, fmt.Errorf("expand citation %q: unexpected %q after the citation: %w", s, t[n:], ErrInvalid)
	}
	return syms, nil
}

// ScanCitation parses the citation at the start of s, as ExpandCitation
// does, and returns its symbols and the number of bytes of s it spans. It
// stops at the first byte that does not continue the citation, so it can be
// called on running text at each word start; numbers after the last printed
// session or year ("AG/RES. 1288 (XXIV-O/94), 12 states") are not part of the
// citation.
//
// Only ranges that ascend, share one session and span at most
// MaxCitationRange numbers are expanded; any other range yields its two
// endpoints.
//
// The error wraps ErrInvalid when no symbol starts at s.
func ScanCitation(s string) ([]Symbol, int, error) { return scanCitation(s, true) }

// ScanPrinted is ScanCitation without the expansion of ranges: a range
// yields only its two printed endpoints, as a list or a cover prints them.
func ScanPrinted(s string) ([]Symbol, int, error) { return scanCitation(s, false) }

func scanCitation(s string, expand bool) ([]Symbol, int, error) {
	l := &symLexer{s: s}
	l.classification()
	series, typ, err := l.head()
	if err != nil {
		return nil, 0, err
	}
	first, err := l.number()
	if err != nil {
		return nil, 0, fmt.Errorf("no document number after %q: %w", s[:l.i], ErrInvalid)
	}
	items := []citeItem{l.item(first)}
	for {
		save := l.i
		isRange, ok := l.connector()
		if !ok {
			break
		}
		n, ok := l.nextNumber(series, typ)
		if !ok {
			l.i = save
			break
		}
		it := l.item(n)
		it.rangeFromPrev = isRange
		items = append(items, it)
	}
	return finishCitation(series, typ, items, expand)
}

// ScanNumbered reads, at the start of s, a resolution or declaration of
// the General Assembly or the Permanent Council printed by its number alone
// ("AG/RES. 1123", "CP/RES 796"): numbered once for all sessions, it still
// names one document. It returns a Symbol without a sitting or year and the
// bytes it spans, and false when s does not start with one.
func ScanNumbered(s string) (Symbol, int, bool) {
	l := &symLexer{s: s}
	series, typ, err := l.head()
	if err != nil || (series != "AG" && series != "CP") || (typ != "RES" && typ != "DEC") {
		return Symbol{}, 0, false
	}
	n, err := l.number()
	if err != nil || len(l.digits) > 5 {
		return Symbol{}, 0, false
	}
	return Symbol{Series: series, Type: typ, Number: n}, l.i, true
}

// citeItem is one document number of a citation with what was printed
// after it.
type citeItem struct {
	number        int
	sitting       *SessionRef
	year          int
	amendments    []Amendment
	hasTail       bool // a sitting or year was printed after the number
	end           int  // offset just past the item
	rangeFromPrev bool // joined to the previous item by a range connector
}

func finishCitation(series, typ string, items []citeItem, expand bool) ([]Symbol, int, error) {
	last := -1
	for i, it := range items {
		if it.hasTail {
			last = i
		}
	}
	if last < 0 {
		if typ != "INF" {
			return nil, 0, fmt.Errorf("no session or year after %s/%s %d: %w", series, typ, items[0].number, ErrInvalid)
		}
		last = len(items) - 1
	}
	items = items[:last+1]
	for i := last - 1; i >= 0; i-- {
		if !items[i].hasTail {
			next := items[i+1]
			items[i].sitting, items[i].year, items[i].amendments = next.sitting, next.year, next.amendments
		}
	}
	syms := make([]Symbol, 0, len(items))
	for i, it := range items {
		if expand && it.rangeFromPrev && expandable(items[i-1], it) {
			for n := items[i-1].number + 1; n < it.number; n++ {
				syms = append(syms, it.symbol(series, typ, n))
			}
		}
		syms = append(syms, it.symbol(series, typ, it.number))
	}
	return syms, items[last].end, nil
}

func expandable(from, to citeItem) bool {
	span := to.number - from.number + 1
	return span > 2 && span <= MaxCitationRange && from.year == to.year && sameSitting(from.sitting, to.sitting)
}

func sameSitting(a, b *SessionRef) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (it citeItem) symbol(series, typ string, n int) Symbol {
	s := Symbol{Series: series, Type: typ, Number: n, Year: it.year}
	if it.sitting != nil {
		r := *it.sitting
		s.Sitting = &r
	}
	if len(it.amendments) > 0 {
		s.Amendments = append([]Amendment(nil), it.amendments...)
	}
	return s
}
