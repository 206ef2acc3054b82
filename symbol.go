package hemigraph

import (
	"fmt"
	"strconv"
	"strings"
)

// This file holds the Symbol type and its canonical forms: the printed
// form (String, SymbolKey), the graph ids (ID, SeriesID, SessionID) and
// what a symbol names (Kind, Session). Reading symbols from text is in
// symbol_scan.go and symbol_lexer.go.

// Symbol is a parsed OAS document symbol such as "AG/RES. 1412 (XXVI-O/96)",
// "AG/doc.3517/97", "CP/RES. 796 (1293/01)" or "CP/CSH-264/00 rev. 1".
//
// The zero Symbol is not a valid symbol; ParseSymbol never returns it
// without an error.
type Symbol struct {
	// Series is the upper-case document series before the type, with its
	// own '/', '.' and '-' kept: "AG", "CP", "CP/GT", "RC.23", "COSEGRE.II".
	Series string `json:"series"`
	// Type is the document type: "RES", "DEC", "doc", "INF", "SA", or the
	// code of a committee series such as "CSH" (printed "CP/CSH-264/00").
	Type string `json:"type"`
	// Number is the document number: 1412 in "AG/RES. 1412 (XXVI-O/96)".
	Number int `json:"number"`
	// Sitting is the parenthesized session of the General Assembly
	// ("XXVI-O/96") or meeting of the Permanent Council ("1293/01"); nil
	// when the symbol has none.
	Sitting *SessionRef `json:"sitting,omitempty"`
	// Year is the full year of the symbol, from its sitting or from a
	// trailing "/yy"; 0 when it has neither (as in "CP/INF.3241").
	Year int `json:"year,omitempty"`
	// Amendments are the "rev.", "add." and "corr." parts, in printed order.
	Amendments []Amendment `json:"amendments,omitempty"`
}

// SessionRef is the sitting named in a symbol: "(XXVI-O/96)" is the
// twenty-sixth regular session of the General Assembly, held in 1996;
// "(1293/01)" is meeting 1293 of the Permanent Council, held in 2001.
type SessionRef struct {
	Number  int  `json:"number"`            // 26 for "XXVI"; 1293 for a council meeting
	Special bool `json:"special,omitempty"` // "-E": a special (extraordinary) session
	Meeting bool `json:"meeting,omitempty"` // Number is a council meeting, printed in Arabic numerals
	Year    int  `json:"year"`              // full year: 1996
}

// Amendment is one "rev. 1", "add. 5" or "corr. 1" part of a symbol.
type Amendment struct {
	Kind   string `json:"kind"` // "rev", "add" or "corr"
	Number int    `json:"number"`
}

// canonical printed form when the symbol parses, else a case- and
// space-normalized form. Two printings of one symbol have one key.
func SymbolKey(s string) string {
	if sym, err := ParseSymbol(s); err == nil {
		return sym.String()
	}
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// String returns the canonical printed form of s: "AG/RES. 1412 (XXVI-O/96)",
// "AG/DEC. 16 (XXVIII-O/98)", "AG/doc.3517/97", "CP/RES. 796 (1293/01)",
// "CP/CSH-264/00 rev. 1", "CICTE/DEC. 1/03 rev. 2". It returns "" for the
// zero Symbol.
func (s Symbol) String() string {
	if s.Number == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(s.Series)
	b.WriteByte('/')
	b.WriteString(s.Type)
	switch s.Type {
	case "RES", "DEC":
		b.WriteString(". ")
	case "doc", "INF", "SA":
		b.WriteByte('.')
	default:
		b.WriteByte('-')
	}
	b.WriteString(strconv.Itoa(s.Number))
	switch {
	case s.Sitting != nil:
		b.WriteString(" (")
		b.WriteString(s.Sitting.String())
		b.WriteByte(')')
	case s.Year != 0:
		fmt.Fprintf(&b, "/%02d", s.Year%100)
	}
	for _, a := range s.Amendments {
		fmt.Fprintf(&b, " %s. %d", a.Kind, a.Number)
	}
	return b.String()
}

// ID returns the canonical graph id of s: the printed form in lower case
// with every run of punctuation and space turned into one '-', and
// amendments written without their dot and space. For example
// "ag-res-1412-xxvi-o-96", "ag-doc-4265-04-add5-corr1", "cp-res-796-1293-01",
// "cp-csh-264-00-rev1", "rc-23-res-1-01". It returns "" for the zero Symbol.
func (s Symbol) ID() string {
	if s.Number == 0 {
		return ""
	}
	parts := []string{slug(s.Series), strings.ToLower(s.Type), strconv.Itoa(s.Number)}
	switch r := s.Sitting; {
	case r != nil && r.Meeting:
		parts = append(parts, strconv.Itoa(r.Number), yy(r.Year))
	case r != nil:
		parts = append(parts, strings.ToLower(roman(r.Number)), r.letter(), yy(r.Year))
	case s.Year != 0:
		parts = append(parts, yy(s.Year))
	}
	for _, a := range s.Amendments {
		parts = append(parts, a.Kind+strconv.Itoa(a.Number))
	}
	return strings.Join(parts, "-")
}

// SeriesID returns the id fragment of the symbol's series, with which ID
// begins: "ag" for AG/, "rc-23" for RC.23/, "cosegre-ii" for COSEGRE.II/,
// "ces-cg" for CES/CG/. It returns "" for the zero Symbol.
func (s Symbol) SeriesID() string { return slug(s.Series) }

// Kind returns the kind of instrument the symbol names: KindResolution for
// RES, KindDeclaration for DEC, and KindReport for documents ("doc"),
// information documents ("INF") and committee series ("CSH-").
func (s Symbol) Kind() Kind {
	switch s.Type {
	case "RES":
		return KindResolution
	case "DEC":
		return KindDeclaration
	}
	return KindReport
}

// Session returns the sitting printed in the symbol and whether there is
// one.
func (s Symbol) Session() (SessionRef, bool) {
	if s.Sitting == nil {
		return SessionRef{}, false
	}
	return *s.Sitting, true
}

// SessionID returns the graph id of the General Assembly session that
// adopted s, such as "ga-26th-regular-session-1996" or
// "ga-24th-special-session-1997", and "" when s is not an AG symbol with a
// session.
func (s Symbol) SessionID() string {
	r := s.Sitting
	if s.Series != "AG" || r == nil || r.Meeting {
		return ""
	}
	return GeneralAssemblySessionID(r.Number, r.Special, r.Year)
}

// GeneralAssemblySessionID returns the graph id of a session of the General
// Assembly: "ga-26th-regular-session-1996", "ga-24th-special-session-1997".
func GeneralAssemblySessionID(number int, special bool, year int) string {
	kind := "regular"
	if special {
		kind = "special"
	}
	return fmt.Sprintf("ga-%s-%s-session-%d", ordinalSuffix(number), kind, year)
}

// String returns the sitting as printed inside the parentheses of a symbol:
// "XXVI-O/96", "XXIV-E/97" or "1293/01".
func (r SessionRef) String() string {
	if r.Meeting {
		return fmt.Sprintf("%d/%s", r.Number, yy(r.Year))
	}
	return fmt.Sprintf("%s-%s/%s", roman(r.Number), strings.ToUpper(r.letter()), yy(r.Year))
}

// Ordinal returns the sitting in words: "twenty-sixth regular session",
// "twenty-fourth special session", or "meeting 1293" for a council meeting.
func (r SessionRef) Ordinal() string {
	if r.Meeting {
		return "meeting " + strconv.Itoa(r.Number)
	}
	return OrdinalWord(r.Number) + " " + r.kindWord() + " session"
}

func (r SessionRef) letter() string {
	if r.Special {
		return "e"
	}
	return "o"
}

func (r SessionRef) kindWord() string {
	if r.Special {
		return "special"
	}
	return "regular"
}

func yy(year int) string { return fmt.Sprintf("%02d", year%100) }

// slug lower-cases s and turns each run of other than letters and digits
// into one '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlnum(c):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		default:
			dash = true
		}
	}
	return b.String()
}
