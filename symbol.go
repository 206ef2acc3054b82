package hemigraph

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxCitationRange is the longest range of document numbers that
// ScanCitation expands. A printed range "AG/RES. 1532 - AG/RES. 1606
// (XXVIII-O/98)" stands for every resolution from 1532 to 1606; a longer
// range is more likely a misprint than a citation, so only its two printed
// endpoints are returned.
const MaxCitationRange = 200

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

// SymbolKey returns the lookup key of a printed document symbol: the
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

// seriesBodies maps a document series to the id of the body, or for a
// conference's own series the conference, that issues it. Ids are those of
// the corpus where it has one.
var seriesBodies = map[string]string{
	"AG":         "oas-general-assembly",
	"CP":         "oas-permanent-council",
	"CIDI":       "cidi",
	"CICTE":      "cicte",
	"CJI":        "inter-american-juridical-committee",
	"CSH":        "oas-committee-on-hemispheric-security",
	"CES":        "special-conference-on-security-2003",
	"CES/CG":     "special-conf-security-general-committee",
	"CEITE":      "first-specialized-conference-terrorism-1996",
	"COSEGRE":    "santiago-regional-conference-csbm-1995",
	"COSEGRE.II": "san-salvador-regional-conference-csbm-1998",
	"RESEGRE":    "miami-meeting-experts-csbm-2003",
	"SEPEIN":     "high-level-meeting-small-island-states-1998",
	"SEPEIN-II":  "second-high-level-meeting-small-island-states-2003",
}

// committeeBodies maps the code of a committee series ("CP/CSH-264/00",
// "CE/SH-18/93") to the committee's id.
var committeeBodies = map[string]string{
	"CSH": "oas-committee-on-hemispheric-security",
	"SH":  "oas-special-committee-on-hemispheric-security",
	"GCI": "special-committee-inter-american-summits-management",
}

// meetingOfConsultation is the body id of the Meeting of Consultation of
// Ministers of Foreign Affairs, whose series are "RC.nn".
const meetingOfConsultation = "meeting-of-consultation-of-ministers-of-foreign-affairs"

// Body returns the id of the body whose document series s belongs to:
// "oas-general-assembly" for AG/, "oas-permanent-council" for CP/,
// "oas-committee-on-hemispheric-security" for CP/CSH-, "cicte" for CICTE/,
// "cidi" for CIDI/, the Meeting of Consultation for RC.nn/; for the series of
// a conference (COSEGRE/, CES/, SEPEIN/, ...) the conference's id. An
// unknown series gives a slug of the series. The body of a series is not
// always the author of a document in it: the Permanent Council writes many
// AG/doc reports.
func (s Symbol) Body() string {
	if id, ok := committeeBodies[s.Type]; ok {
		return id
	}
	if id, ok := seriesBodies[s.Series]; ok {
		return id
	}
	if strings.HasPrefix(s.Series, "RC.") {
		return meetingOfConsultation
	}
	first, _, _ := strings.Cut(s.Series, "/")
	if id, ok := seriesBodies[first]; ok {
		return id
	}
	return slug(s.Series)
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
	} else if d := l.digits; len(d) >= 6 && d[len(d)-3] == '1' {
		// "CP/doc.2492194": an OCR reading of "2492/94", the '/' read as '1'.
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
		n, ok := parseRoman(strings.ToUpper(w))
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

var romanValues = map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}

// parseRoman parses an upper-case Roman numeral in canonical form.
func parseRoman(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		v := romanValues[s[i]]
		if i+1 < len(s) && v < romanValues[s[i+1]] {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || n >= 400 || roman(n) != s {
		return 0, false
	}
	return n, true
}

// Roman formats n (1..399) as an upper-case Roman numeral, as printed in
// the session of a symbol: 26 is "XXVI".
func Roman(n int) string { return roman(n) }

// roman formats n (1..399) as an upper-case Roman numeral.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
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

var (
	ordinalOnes = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"}
	cardinalTens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	ordinalTens  = []string{"", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"}
)

// OrdinalWord returns the English ordinal of n in words ("eighth",
// "twenty-sixth") for 1 <= n <= 99, and the suffixed numeral ("126th")
// otherwise.
func OrdinalWord(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return ordinalSuffix(n)
	case n < 20:
		return ordinalOnes[n]
	case n%10 == 0:
		return ordinalTens[n/10]
	}
	return cardinalTens[n/10] + "-" + ordinalOnes[n%10]
}

// ordinalSuffix returns "1st", "2nd", "26th", "111th".
func ordinalSuffix(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
