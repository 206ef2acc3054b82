package document

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
)

// This file lays a document out: it finds the document's own symbol line,
// groups lines into paragraphs, reads the header (title, adoption line,
// enacting line, classification block), and gives every paragraph of the
// body a place — a clause, or a reported skip. Nothing is dropped without
// a report.

// clauseSpan is a clause located by lines, before offsets are known.
type clauseSpan struct {
	kind     string
	number   int
	item     string
	verb     string
	verbFrom string
	first    int // index of the first line
	last     int // index of the last line
	skip     int // bytes of the first line before the clause text ("1. ")
}

// partSpan is a header part or a skipped part located by lines.
type partSpan struct {
	kind        string
	first, last int
}

// para is a paragraph: consecutive lines read as one unit.
type para struct {
	first, last int
	text        string // the lines joined by spaces
}

// parser holds the state of reading one document's lines.
type parser struct {
	doc     *Document
	lines   []line
	paras   []para
	spans   []clauseSpan
	header  []partSpan
	skipped []partSpan
	title   []int // indexes into paras of the title paragraphs
	symLine int   // index of the symbol line; -1 when there is none
}

// parse reads the document out of its normalized lines.
func parse(source string, lines []line, ident Identity) (*Document, error) {
	p := &parser{doc: &Document{Source: source, Clauses: []Clause{}}, lines: splitRunOns(lines), symLine: -1}
	symIdx, sym, printed := p.ownSymbol(ident)
	start := 0
	if symIdx >= 0 {
		start = symIdx + 1
		if symIdx > 0 {
			p.skipped = append(p.skipped, partSpan{SkipBefore, 0, symIdx - 1})
		}
		p.header = append(p.header, partSpan{"symbol", symIdx, symIdx})
		p.symLine = symIdx
	}
	p.doc.Language = ident.Language
	if p.doc.Language == "" {
		if start < len(lines) {
			p.doc.Language = detectLanguage(lines[start:])
		} else {
			p.doc.Language = detectLanguage(lines)
		}
	}
	p.paras = p.paragraphs(start)
	p.read(symIdx >= 0)
	if err := p.identify(ident, sym, printed); err != nil {
		return nil, err
	}
	offsets := p.buildText()
	p.finish(offsets)
	return p.doc, nil
}

// splitRunOns splits lines that run clauses together — text flattened from
// a PDF or a page without paragraph marks, "...; Recall also that ...;
// Bear in mind ..." — before each clause that opens after a ';' or ':',
// as if a blank line stood there.
func splitRunOns(lines []line) []line {
	var out []line
	for _, l := range lines {
		t := l.text
		if len(t) < 200 {
			out = append(out, l)
			continue
		}
		first := true
		for {
			cut := runOnCut(t)
			if cut < 0 {
				break
			}
			out = append(out, line{text: strings.TrimRight(t[:cut], " "), src: l.src, blankBefore: l.blankBefore || !first})
			t, first = t[cut:], false
		}
		out = append(out, line{text: t, src: l.src, blankBefore: l.blankBefore || !first})
	}
	return out
}

// runOnCut returns the offset in t of the first clause that opens after
// "; " or ": " past its start, or -1.
func runOnCut(t string) int {
	for i := 1; i+2 < len(t); i++ {
		if (t[i] != ';' && t[i] != ':') || t[i+1] != ' ' {
			continue
		}
		rest := t[i+2:]
		if _, _, ok := clauseVerb(rest); ok || isThat(rest) || (startsOperative(rest) && !strings.HasPrefix(rest, "To ")) {
			return i + 2
		}
	}
	return -1
}

// ownSymbol finds the line that prints the document's own symbol: the one
// the identity names when it gives a symbol, else the first line that is a
// symbol or starts with one. It returns the line index (-1 when none), the
// symbol, and whether it was printed.
func (p *parser) ownSymbol(ident Identity) (int, hemigraph.Symbol, bool) {
	if ident.Symbol != "" {
		want, err := hemigraph.ParseSymbol(ident.Symbol)
		if err == nil {
			for i, l := range p.lines {
				if s, ok := lineSymbol(l.text); ok && s.ID() == want.ID() {
					return i, s, true
				}
			}
		}
		return -1, hemigraph.Symbol{}, false
	}
	// A list of other documents after the page's own text holds none of
	// its symbols.
	own := p.lines
	for i, l := range own {
		if relatedDocuments(l.text) {
			own = own[:i]
			break
		}
	}
	i, s, ok := findSymbolLine(own)
	if !ok {
		i, s, ok = classifiedSymbol(own)
		if ok {
			p.splitAfterSymbol(i)
		}
	}
	if !ok {
		return -1, hemigraph.Symbol{}, false
	}
	if ident.ID != "" && s.ID() != ident.ID {
		// The identity names the document; a symbol printed first is one
		// the document lists, not its own.
		return -1, hemigraph.Symbol{}, false
	}
	return i, s, true
}

// lineSymbol reads a line that is a symbol, or starts with one that is
// followed by a title (": Title", " - Title") or nothing else.
func lineSymbol(t string) (hemigraph.Symbol, bool) {
	if !maybeSymbol(t) {
		return hemigraph.Symbol{}, false
	}
	if s, err := hemigraph.ParseSymbol(t); err == nil {
		return s, true
	}
	if syms, _, err := hemigraph.ScanCitation(t); err == nil && len(syms) == 1 {
		return syms[0], true
	}
	return hemigraph.Symbol{}, false
}

// findSymbolLine returns the first line that is a document symbol, or else
// the first line that starts with one. A symbol inside a sentence is a
// citation, not the document's own.
func findSymbolLine(lines []line) (int, hemigraph.Symbol, bool) {
	if listOfDocuments(lines) {
		return -1, hemigraph.Symbol{}, false
	}
	starts := -1
	var startSym hemigraph.Symbol
	for i, l := range lines {
		if !maybeSymbol(l.text) {
			continue
		}
		if s, err := hemigraph.ParseSymbol(l.text); err == nil {
			return i, s, true
		}
		if starts < 0 && !listContinues(lines, i) && !tocEntry(l.text) {
			if syms, n, err := hemigraph.ScanCitation(l.text); err == nil && len(syms) == 1 && !continuesSentence(l.text[n:]) {
				starts, startSym = i, syms[0]
			}
		}
	}
	return starts, startSym, starts >= 0
}

// tocEntry reports whether t ends with a leader of dots and a page
// number: an entry of a table of contents.
func tocEntry(t string) bool {
	return tocEntryRE.MatchString(t)
}

var tocEntryRE = regexp.MustCompile(`(?:\.{4,}|…{2,})\s*\d{1,4}\s*$`)

// titleOnSymbolLine returns the offset of a title printed after the symbol
// on its line ("AG/RES. 1413 (XXVI-O/96): Support for Mine-Clearing"), or 0.
func titleOnSymbolLine(t string) int {
	_, n, err := hemigraph.ScanCitation(t)
	if err != nil || n >= len(t) {
		return 0
	}
	i := n
	for i < len(t) && strings.IndexByte(" :-–—", t[i]) >= 0 {
		i++
	}
	if i >= len(t) || !strings.ContainsFunc(t[i:], unicode.IsLetter) {
		return 0
	}
	return i
}

// classifiedSymbol finds the document's symbol in its classification
// block when no line is the symbol alone — a cover flattened into one line,
// "... OEA/Ser.P June 5, 1995 AG/doc.3303/95 rev. 1 Montrouis, Haiti ...":
// the first symbol within a few words after "OEA/Ser.", unless it opens a
// range.
func classifiedSymbol(lines []line) (int, hemigraph.Symbol, bool) {
	for i, l := range lines {
		k := strings.Index(l.text, "OEA/Ser.")
		if k < 0 {
			continue
		}
		t := l.text[k:]
		if j := strings.IndexByte(t, ' '); j > 0 {
			t = t[j:]
		}
		limit := min(len(t), 80)
		for j := 1; j < limit; j++ {
			if t[j-1] != ' ' || !maybeSymbol(t[j:]) || strings.HasPrefix(t[j:], "OEA/") {
				continue
			}
			syms, n, err := hemigraph.ScanPrinted(t[j:])
			if err != nil {
				continue
			}
			if len(syms) == 1 && !strings.HasPrefix(strings.TrimLeft(t[j+n:], " "), "-") {
				return i, syms[0], true
			}
			break
		}
	}
	return -1, hemigraph.Symbol{}, false
}

// splitAfterSymbol cuts line i after the classification block that holds
// the document's symbol, when the line runs on into the text — a page
// flattened into one line — so that the text after it is read as the body.
func (p *parser) splitAfterSymbol(i int) {
	t := p.lines[i].text
	if len(t) < 200 {
		return
	}
	cut := -1
	// After "Original: <language>", else after the symbol's line-worth.
	if k := strings.Index(t, "Original:"); k >= 0 {
		if a, b := nextWord(t, k+len("Original:")); b > a {
			cut = b
		}
	}
	if cut < 0 || cut > 300 {
		return
	}
	head := line{text: strings.TrimSpace(t[:cut]), src: p.lines[i].src, blankBefore: p.lines[i].blankBefore}
	rest := line{text: strings.TrimSpace(t[cut:]), src: p.lines[i].src, blankBefore: true}
	p.lines = slices.Insert(p.lines, i+1, rest)
	p.lines[i] = head
}

// listOfDocuments reports whether three lines or more start with a symbol
// before any line opens a clause: a table of contents or a list of
// documents, none of whose symbols is the page's own.
func listOfDocuments(lines []line) bool {
	n := 0
	for _, l := range lines {
		if opensClause(l.text) {
			return false
		}
		if maybeSymbol(l.text) {
			if _, _, err := hemigraph.ScanCitation(l.text); err == nil {
				if n++; n >= 3 {
					return true
				}
			}
		}
	}
	return false
}

// listContinues reports whether the line before or after lines[i] also
// starts with a symbol: lines[i] is an entry of a list of documents, not
// the symbol line of the document itself.
func listContinues(lines []line, i int) bool {
	for _, k := range []int{i - 1, i + 1} {
		if k < 0 || k >= len(lines) || !maybeSymbol(lines[k].text) {
			continue
		}
		if _, _, err := hemigraph.ScanCitation(lines[k].text); err == nil {
			return true
		}
	}
	return false
}

// continuesSentence reports whether the text after a symbol at the start of
// a line reads as the rest of a sentence ("AG/RES. 1237 (XXIII-O/93), the
// General Assembly ...") rather than a title.
func continuesSentence(rest string) bool {
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return false
	}
	switch rest[0] {
	case ':', '-', '"', '(', '\'':
		return false
	case ',', ';', '.':
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(r)
}

// paragraphs groups the lines from start into paragraphs: a paragraph
// starts after a blank line, at a line that opens a clause, a sub-item or a
// heading, and after a line that ends a sentence well short of the width
// of the lines around it (text wrapped by hand, without blank lines).
func (p *parser) paragraphs(start int) []para {
	var out []para
	width := 0
	for i := start; i < len(p.lines); i++ {
		width = max(width, utf8.RuneCountInString(p.lines[i].text))
	}
	for i := start; i < len(p.lines); i++ {
		l := p.lines[i]
		n := len(out)
		if n == 0 || l.blankBefore || p.breaksBefore(i, width) {
			out = append(out, para{first: i, last: i})
			continue
		}
		out[n-1].last = i
	}
	for k := range out {
		pr := &out[k]
		if pr.first == pr.last {
			pr.text = p.lines[pr.first].text
			continue
		}
		parts := make([]string, 0, pr.last-pr.first+1)
		for i := pr.first; i <= pr.last; i++ {
			parts = append(parts, p.lines[i].text)
		}
		pr.text = strings.Join(parts, " ")
	}
	return out
}

// breaksBefore reports whether line i, which follows line i-1 without a
// blank line, starts a paragraph of its own.
func (p *parser) breaksBefore(i, width int) bool {
	t, prev := p.lines[i].text, p.lines[i-1].text
	switch {
	case opensParagraph(t):
		return true
	case isCaps(prev) != isCaps(t) && (isCaps(prev) || strings.Count(t, " ") < 12) && !numbersOn(t):
		return true // a heading and the text below it
	case headline(prev) && opensSentence(t):
		return true // a headline in title case and the story below it
	case endsStatement(prev) || strings.HasSuffix(prev, ":"):
		r, _ := utf8.DecodeRuneInString(t)
		short := utf8.RuneCountInString(prev)*5 < width*4
		return (unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '(') && (short || strings.HasSuffix(prev, ":") || sectionRE.MatchString(t))
	}
	return false
}

// sectionRE reads a section number opening a line: "II. Background".
var sectionRE = regexp.MustCompile(`^(?:[IVXL]{1,5}|\d{1,2})\.\s+\p{Lu}`)

// headline reports whether t is a line in title case: no sentence end,
// and three in four words of four letters or more capitalized.
func headline(t string) bool {
	if endsStatement(t) || strings.HasSuffix(t, ",") {
		return false
	}
	long, capital := 0, 0
	for _, w := range strings.Fields(t) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		}
	}
	return long >= 3 && capital*4 >= long*3
}

// opensSentence reports whether t starts with a word that opens a sentence
// and never continues a name: "On 15 November ...", "The United States ...".
func opensSentence(t string) bool {
	w, _, _ := strings.Cut(t, " ")
	return sentenceOpeners[w]
}

var sentenceOpeners = set("On", "The", "In", "At", "This", "These", "It", "Its", "During", "After", "Before",
	"Since", "Today", "Yesterday", "When", "As", "With", "En", "El", "La", "Los", "Las", "Le", "Les", "Il", "Em", "Na", "No")

// numbersOn reports whether t starts with a digit and holds no word: a
// line that carries on a list of symbols ("1283 (XXIV-O/94), AG/RES. 12")
// rather than a heading.
func numbersOn(t string) bool {
	return t != "" && t[0] >= '0' && t[0] <= '9' && !hasWord(t)
}

// hasWord reports whether t holds a word of three letters or more.
func hasWord(t string) bool {
	n := 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			n++
		case n >= 3 && (r == ' ' || r == ',' || r == ':' || r == ';'):
			return true
		default:
			n = 0
			if r != ' ' {
				n = -1000 // a letter run glued to other marks ("AG/RES", "XXIV-O") is no word
			}
		}
	}
	return n >= 3
}

// endsStatement reports whether t ends a sentence or a clause.
func endsStatement(t string) bool {
	t = strings.TrimRight(t, ` "'”’)`)
	if strings.HasSuffix(t, ".") {
		// "AG/RES." or "No." at a line's end: the symbol or number goes on
		// below.
		k := strings.LastIndexAny(t[:len(t)-1], " /")
		return !abbreviations[strings.ToLower(t[k+1:])]
	}
	return strings.HasSuffix(t, ";")
}

// abbreviations end a line without ending its sentence.
var abbreviations = set("res.", "dec.", "doc.", "no.", "nos.", "art.", "arts.", "rev.", "corr.", "add.", "ser.",
	"n°.", "núm.", "para.", "p.", "pp.")

// opensParagraph reports whether a line starts a clause, a sub-item or the
// operative part: such a line never continues the line above it.
func opensParagraph(t string) bool {
	if _, _, ok := clauseVerb(t); ok {
		return true
	}
	if isThat(t) {
		return true
	}
	if _, _, ok := numbered(t); ok {
		return true
	}
	if _, _, ok := subItem(t); ok {
		return true
	}
	if _, ok := resolveLine(t); ok {
		return true
	}
	return strings.HasPrefix(t, "To ")
}

// isCaps reports whether t has letters and none of them lower case.
func isCaps(t string) bool {
	return !hasLower(t) && strings.ContainsFunc(t, unicode.IsLetter)
}

// Skip reasons (Span.Kind of Document.Skipped).
const (
	SkipBefore     = "before the document's symbol"
	SkipNavigation = "navigation"
	SkipSeparator  = "separator"
	SkipRelated    = "list of other documents"
)

// Header parts (Span.Kind of Document.Header).
const (
	HeaderSymbol         = "symbol"
	HeaderAdoption       = "adoption"
	HeaderEnactor        = "enactor"
	HeaderClassification = "classification"
	HeaderLeadIn         = "lead-in" // a verb alone above its clauses: "CONSIDERING:"
)

// read gives every paragraph its place: header, clause or skip.
func (p *parser) read(hasSymbol bool) {
	b := &bodyState{p: p}
	inHeader := true
	var headings []int // heading paragraphs of the header, before the title is chosen
	endHeader := func() {
		inHeader = false
		p.chooseTitle(headings, hasSymbol)
	}
	for k := 0; k < len(p.paras); k++ {
		pr := p.paras[k]
		t := pr.text
		if relatedDocuments(t) {
			p.skipped = append(p.skipped, partSpan{SkipRelated, pr.first, p.paras[len(p.paras)-1].last})
			break
		}
		if !strings.ContainsFunc(t, isLetterOrDigit) {
			p.skipped = append(p.skipped, partSpan{SkipSeparator, pr.first, pr.last})
			continue
		}
		if inHeader {
			switch {
			case p.adoption(t):
				p.header = append(p.header, partSpan{HeaderAdoption, pr.first, pr.last})
				continue
			case isEnactor(t):
				p.header = append(p.header, partSpan{HeaderEnactor, pr.first, pr.last})
				endHeader()
				continue
			case isClassification(t):
				p.header = append(p.header, partSpan{HeaderClassification, pr.first, pr.last})
				continue
			case opensClause(t):
				endHeader()
			case furniture(t, true):
				p.skipped = append(p.skipped, partSpan{SkipNavigation, pr.first, pr.last})
				continue
			case headingLike(t) && (!hasSymbol || len(headings) < 3):
				headings = append(headings, k)
				continue
			default:
				endHeader()
			}
		}
		b.para(k)
	}
	if inHeader {
		endHeader()
	}
}

// chooseTitle takes the title among the heading paragraphs of the header:
// with a symbol line, those that follow it; without one, the last run of
// them (at most three) before the body. The other headings (a cover's
// lines) become heading clauses.
func (p *parser) chooseTitle(headings []int, hasSymbol bool) {
	if len(headings) == 0 {
		return
	}
	from := 0
	if !hasSymbol {
		// The last run of adjacent heading paragraphs.
		from = len(headings) - 1
		for from > 0 && headings[from-1] == headings[from]-1 {
			from--
		}
		for _, k := range headings[:from] {
			pr := p.paras[k]
			p.spans = append(p.spans, clauseSpan{kind: Heading, first: pr.first, last: pr.last})
		}
		if len(headings)-from > 3 {
			for _, k := range headings[from : len(headings)-3] {
				pr := p.paras[k]
				p.spans = append(p.spans, clauseSpan{kind: Heading, first: pr.first, last: pr.last})
			}
			from = len(headings) - 3
		}
	}
	size := 0
	for _, k := range headings[from:] {
		size += len(p.paras[k].text)
		if size > 400 && len(p.title) > 0 {
			p.spans = append(p.spans, clauseSpan{kind: Heading, first: p.paras[k].first, last: p.paras[k].last})
			continue
		}
		p.title = append(p.title, k)
	}
	parts := make([]string, 0, len(p.title))
	for _, k := range p.title {
		parts = append(parts, p.paras[k].text)
	}
	p.doc.Title = trimQuotes(strings.Join(parts, " "))
}

// opensClause reports whether a paragraph starts a preambular or operative
// clause or the operative part.
func opensClause(t string) bool {
	if _, _, ok := clauseVerb(t); ok {
		return true
	}
	if isThat(t) {
		return true
	}
	if n, _, ok := numbered(t); ok && n == 1 {
		return true
	}
	_, ok := resolveLine(t)
	return ok
}

var (
	adoptedRE = regexp.MustCompile(`(?i)\b(?:adopted|approved|aprobad[ao]|adopt[ée]e?|aprovad[ao])\b`)
	dateISO   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	ordinalRE = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|a|ª|o|º|e|ème|eme|er|re)?\.?$`)
)

// adoption reads an adoption line such as "(Resolution adopted at the
// eighth plenary session, held on June 7, 1996)" in any of the four
// languages, and reports whether t is one.
func (p *parser) adoption(t string) bool {
	if len(t) > 300 || !strings.ContainsFunc(t, unicode.IsDigit) && !containsFold(t, "plen") {
		return false
	}
	// An adoption line is in brackets or opens with what was adopted:
	// "(Resolution adopted at ...)", "Adopted at the fifth plenary
	// session ...", "Aprobada en ..."; a clause that mentions an adoption
	// is not one.
	if _, _, ok := clauseVerb(t); ok || !(strings.HasPrefix(t, "(") || adoptionOpener.MatchString(t)) {
		return false
	}
	if !containsFold(t, "adopt") && !containsFold(t, "aprob") && !containsFold(t, "approv") && !containsFold(t, "aprov") {
		return false
	}
	if !adoptedRE.MatchString(t) {
		return false
	}
	m := plenaryOrdinal(t)
	date := findDate(t)
	if m == "" && date == "" {
		return false
	}
	if m != "" && p.doc.Plenary == 0 {
		p.doc.Plenary = parseOrdinal(m)
	}
	if date != "" && p.doc.Date == "" {
		p.doc.Date = date
	}
	return true
}

// plenaryWords name a plenary session in the four languages; the ordinal
// stands before them ("eighth plenary session", "octava sesión plenaria")
// or before the noun before them.
var plenaryWords = []string{"plenary", "plenaria", "plénière", "plenária", "plenaria"}

// plenaryOrdinal returns the one or two words before the plenary session's
// "plenary" (or before its noun, as Spanish and French put it first): the
// ordinal parseOrdinal reads; "" when t names no plenary session.
func plenaryOrdinal(t string) string {
	low := strings.ToLower(t)
	for _, w := range plenaryWords {
		i := strings.Index(low, w)
		if i < 0 {
			continue
		}
		a, b := prevWord(t, i)
		switch strings.ToLower(t[a:b]) {
		case "sesión", "sesion", "séance", "seance", "sessão", "sessao", "session":
			a, b = prevWord(t, a) // "octava sesión plenaria"
		}
		if a == b {
			return ""
		}
		if a2, _ := prevWord(t, a); a2 < a && ordinalNumber(strings.ToLower(t[a:b])) > 0 {
			return t[a2:b] // "vigésima primera", "twenty first"
		}
		return t[a:b]
	}
	return ""
}

// adoptionOpener reads the first words of an adoption line without
// brackets.
var adoptionOpener = regexp.MustCompile(`(?i)^(?:\[?(?:resolution|declaration|resoluci[oó]n|declaraci[oó]n|r[ée]solution|d[ée]claration|resolu[çc][ãa]o|declara[çc][ãa]o)\s+)?(?:adopted|approved|aprobad[ao]|adopt[ée]e?|aprovad[ao])\b`)

// parseOrdinal reads "eighth", "the eighth", "8th", "octava", "décima
// primera", "huitième", "8a"; 0 when it cannot.
func parseOrdinal(s string) int {
	words := strings.Fields(strings.ToLower(s))
	last := words[len(words)-1]
	n := ordinalNumber(last)
	if len(words) == 2 {
		if tens := ordinalNumber(words[0]); tens > 0 && tens%10 == 0 && n > 0 && n < 10 {
			return tens + n
		}
	}
	return n
}

// ordinalNumber reads one ordinal word or figure: "eighth", "octava",
// "8th", "8a"; 0 when w is none.
func ordinalNumber(w string) int {
	if n := ordinalWord(w); n > 0 {
		return n
	}
	if m := ordinalRE.FindStringSubmatch(w); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// findDate returns the first date written in t as YYYY-MM-DD: "June 7,
// 1996", "7 June 1996", "7 de junio de 1996", "7 juin 1996", "1996-06-07".
func findDate(t string) string {
	if !hasYear(t) {
		return ""
	}
	if m := dateISO.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return isoDate(y, mo, d)
	}
	// Words and numbers in order; a month with a day before it (day month
	// year) or after it (month day, year), and a year after both.
	type word struct {
		text string
		num  int
	}
	var ws []word
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		switch {
		case unicode.IsLetter(r):
			j := i
			for j < len(t) {
				r2, n := utf8.DecodeRuneInString(t[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n
			}
			ws = append(ws, word{text: t[i:j]})
			i = j
		case isDigitByte(t[i]):
			j := i
			for j < len(t) && isDigitByte(t[j]) {
				j++
			}
			n, _ := strconv.Atoi(t[i:j])
			ws = append(ws, word{num: n, text: t[i:j]})
			i = j
		default:
			i += size
		}
	}
	yearAfter := func(k int) int {
		for end := min(len(ws), k+6); k < end; k++ {
			if ws[k].num >= 1900 && len(ws[k].text) == 4 {
				return ws[k].num
			}
			if ws[k].num == 0 && !dateFiller[strings.ToLower(ws[k].text)] {
				return 0
			}
		}
		return 0
	}
	for k, w := range ws {
		if w.num != 0 {
			continue
		}
		mo, ok := months[strings.ToLower(w.text)]
		if !ok {
			continue
		}
		// "7 de junio de 1996", "7 juin 1996", "7 June 1996", "1er mai 1996"
		for b := k - 1; b >= 0 && b >= k-3; b-- {
			if ws[b].num > 0 && ws[b].num <= 31 && len(ws[b].text) <= 2 {
				if y := yearAfter(k + 1); y > 0 {
					if d := isoDate(y, mo, ws[b].num); d != "" {
						return d
					}
				}
				break
			}
			if !dateFiller[strings.ToLower(ws[b].text)] {
				break
			}
		}
		// "June 7, 1996", "June 7 and 8, 1996"
		if k+1 < len(ws) && ws[k+1].num > 0 && ws[k+1].num <= 31 {
			if y := yearAfter(k + 2); y > 0 {
				if d := isoDate(y, mo, ws[k+1].num); d != "" {
					return d
				}
			}
		}
	}
	return ""
}

// dateFiller are the words that may stand between the parts of a date.
var dateFiller = set("de", "del", "er", "o", "º", "and", "y", "et", "e", "to", "al", "au", "a", "th", "st", "nd", "rd")

// hasYear reports whether t holds four digits that may be a year.
func hasYear(t string) bool {
	run := 0
	for i := 0; i < len(t); i++ {
		if isDigitByte(t[i]) {
			run++
			if run == 4 && (t[i-3] == '1' || t[i-3] == '2') {
				return true
			}
			continue
		}
		run = 0
	}
	return false
}

// isoDate formats a date, or returns "" when it does not exist.
func isoDate(y, m, d int) string {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2099 || t.Day() != d || int(t.Month()) != m {
		return ""
	}
	return t.Format("2006-01-02")
}

// enactorRE reads an enacting line whose upper-case body may be followed by
// where and when it met: "THE SPECIAL CONFERENCE ON SECURITY, held in Mexico
// City on October 27 and 28, 2003,".
var enactorRE = regexp.MustCompile(`^(?:THE|EL|LA|LE|LES|A|O|OS|AS|LOS|LAS)\s[\p{Lu}\s\-'’.]+,(?:\s.*,)?$`)

// titleEnactorRE reads an enacting line in title case: "The Meeting of
// Experts,", "La Comisión de Seguridad Hemisférica,".
var titleEnactorRE = regexp.MustCompile(`^(?:The|El|La|Le|Les|A|O|Os|As|Los|Las)\s\p{Lu}[\p{L}\-]*(?:\s(?:\p{Lu}[\p{L}\-]*|of|on|for|de|del|la|da|do|des|du|sobre|sur))*,$`)

// isEnactor reports whether t is an enacting line such as "THE GENERAL
// ASSEMBLY," or "EL CONSEJO PERMANENTE,".
func isEnactor(t string) bool {
	if (strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":")) && !hasLower(t) && strings.Count(t, " ") < 12 {
		return true
	}
	return len(t) < 200 && enactorRE.MatchString(t) || len(t) < 100 && titleEnactorRE.MatchString(t)
}

// isClassification reports whether t is a line of the classification block
// ("OEA/Ser.P", "Original: English", a date, a page number, "corr. 1").
func isClassification(t string) bool {
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "oea/ser") || strings.HasPrefix(lower, "oas/ser"),
		strings.HasPrefix(lower, "original:"), strings.HasPrefix(lower, "original :"),
		!strings.ContainsFunc(t, unicode.IsLetter),
		len(t) < 40 && strings.ContainsFunc(t, unicode.IsDigit) && findDate(t) != "":
		return true
	}
	if _, err := hemigraph.ParseSymbol(t); err == nil {
		return true
	}
	return false
}

// headingLike reports whether a paragraph reads as a title or heading: no
// sentence end, and either in capitals or short.
func headingLike(t string) bool {
	if len(t) > 300 || endsStatement(t) || strings.HasSuffix(t, ",") || strings.HasPrefix(t, "(") {
		return false
	}
	if isCaps(t) {
		return true
	}
	words := strings.Fields(t)
	if len(words) > 14 {
		return false
	}
	// Title case: most content words capitalized.
	content, capital := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 4 && !unicode.IsUpper(r) {
			continue
		}
		content++
		if unicode.IsUpper(r) || !unicode.IsLetter(r) {
			capital++
		}
	}
	return content > 0 && capital*10 >= content*7
}

// relatedRE matches the heading of a list of other documents that document
// sites append to a page.
var relatedRE = regexp.MustCompile(`(?i)^(?:related documents|documentos relacionados|documents connexes|documentos relacionados|more documents|similar documents|otros documentos|you may also like|recommended documents)\b`)

func relatedDocuments(t string) bool {
	if len(t) < 10 {
		return false
	}
	switch t[0] | 0x20 {
	case 'r', 'd', 'm', 's', 'o', 'y':
		return relatedRE.MatchString(t)
	}
	return false
}

// furniture reports whether a paragraph reads as navigation: menu
// separators, or a short run of capitalized words without sentence
// punctuation, digits or symbols. In the body (header false) only the
// first kind counts: a short capitalized line there is a heading.
func furniture(t string, header bool) bool {
	if sep := strings.Count(t, " | ") + strings.Count(t, "»") + strings.Count(t, "•") + strings.Count(t, " > "); sep > 0 {
		if sep >= 2 || len(t) < 80 {
			return true
		}
	}
	if strings.ContainsFunc(t, unicode.IsDigit) || strings.Contains(t, "/") || isCaps(t) {
		return false
	}
	if !header {
		// In the body, only short menu lines that name nothing ("Print
		// this page", "Related links") and long runs of menu words.
		n := len(strings.Fields(t))
		return menuLike(t) && ((n <= 4 && !strings.ContainsFunc(t, func(r rune) bool { return r == '(' }) && !namesThing(t)) ||
			n > 12 && !(n <= 30 && namesInstrument(t)))
	}
	// A page's title in title case names an instrument or a conference:
	// a heading, not a menu.
	return menuLike(t) && !(len(strings.Fields(t)) <= 30 && namesInstrument(t))
}

// namesInstrument reports whether t holds the singular head noun of an
// instrument or a conference.
func namesInstrument(t string) bool {
	for _, w := range strings.Fields(t) {
		if k, ok := headKinds[strings.Trim(w, ".,;:()")]; ok && k != hemigraph.KindBody {
			return true
		}
	}
	return false
}

// namesThing reports whether t holds a head noun (a name of something).
func namesThing(t string) bool {
	for _, w := range strings.Fields(t) {
		if _, ok := headKind(strings.Trim(w, ".,;:()")); ok {
			return true
		}
	}
	return false
}

// preambleVerb returns the upper-case verb phrase that opens t
// ("RECALLING", "NOTING ALSO", "TENIENDO EN CUENTA") and its length in
// bytes. The phrase must be followed by lower-case text, ':' or ',', or end
// the line; an all-capitals line is a heading, not a clause.
func preambleVerb(t string) (string, int, bool) {
	var words []string
	end, i := 0, 0
	for i < len(t) {
		j := strings.IndexByte(t[i:], ' ')
		if j < 0 {
			j = len(t) - i
		}
		raw := t[i : i+j]
		w := strings.TrimRight(raw, ":,;.")
		if !isUpperWord(w) || !verbWordAt(w, len(words), words) {
			break
		}
		words = append(words, w)
		end = i + len(w)
		i += j + 1
		if len(w) != len(raw) {
			break
		}
	}
	for len(words) > 0 && !endsVerbPhrase(words[len(words)-1]) {
		// "TAKING INTO" without "ACCOUNT" is no phrase: give back the last
		// word.
		words = words[:len(words)-1]
		end = strings.LastIndex(t[:end], " ")
		if end < 0 {
			end = 0
		}
	}
	if len(words) == 0 || resolveWords[words[0]] || (len(words) == 1 && alsoWords[words[0]]) {
		return "", 0, false
	}
	if len(words) == 1 && upperNounsInING[words[0]] && (strings.HasPrefix(t[end:], " OF ") || strings.HasPrefix(t[end:], " ON THE ")) {
		return "", 0, false // "MEETING OF EXPERTS ...": a heading
	}
	rest := strings.TrimSpace(t[end:])
	if rest != "" && rest[0] != ':' && rest[0] != ',' && !hasLower(rest) && !startsWithSymbol(rest) {
		return "", 0, false
	}
	return strings.Join(words, " "), end, true
}

// clauseVerb returns the verb phrase that opens a preamble clause, in upper
// case as printed ("RECALLING", "NOTING ALSO") or in title case ("Recalling",
// "Bearing in mind", "Taking into account"), upper-cased, with its length.
func clauseVerb(t string) (string, int, bool) {
	if v, n, ok := preambleVerb(t); ok {
		return v, n, true
	}
	return titleVerb(t)
}

// titleVerb reads a preamble verb phrase printed in title case: a first
// word in title case that is a participle or a preamble adjective, then
// the lower-case words that continue it, and then lower-case text.
func titleVerb(t string) (string, int, bool) {
	w := wordsAt(t, 0, 5)
	if len(w) < 2 || w[0].start != 0 {
		return "", 0, false
	}
	first := w[0].text
	r, size := utf8.DecodeRuneInString(first)
	if utf8.RuneCountInString(first) < 5 || !unicode.IsUpper(r) || hasUpper(first[size:]) || titleVerbExceptions[first] {
		return "", 0, false
	}
	up := strings.ToUpper(first)
	if !verbWords[up] && !hasVerbEnding(up) {
		return "", 0, false
	}
	words := []string{up}
	end := w[0].end
	for k := 1; k < len(w) && w[k].start == end+1 && t[end] == ' '; k++ {
		u := strings.ToUpper(w[k].text)
		if hasUpper(w[k].text) || !(verbContinuations[u] || isParticiple(u)) {
			break
		}
		words = append(words, u)
		end = w[k].end
	}
	for len(words) > 1 && !endsVerbPhrase(words[len(words)-1]) {
		words = words[:len(words)-1]
		end = strings.LastIndexByte(t[:end], ' ')
	}
	if !endsVerbPhrase(words[0]) {
		return "", 0, false
	}
	rest := strings.TrimLeft(t[end:], " ,:")
	if rest == "" {
		return "", 0, false
	}
	// A preamble clause ends with ';', ',' or ':' (or is cut short); prose
	// that opens with a participle ends its sentence with a period.
	if tail := strings.TrimRight(t, ` "'”’)`); strings.HasSuffix(tail, ".") || strings.HasSuffix(tail, "!") {
		return "", 0, false
	}
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) && !startsWithSymbol(rest) && !strings.HasPrefix(rest, "The ") {
		return "", 0, false
	}
	return strings.Join(words, " "), end, true
}

func hasUpper(s string) bool { return strings.ContainsFunc(s, unicode.IsUpper) }

// endsVerbPhrase reports whether a verb phrase may end with w: not with a
// preposition or adjective waiting for its noun ("INTO", "WITH", "GRAVE").
func endsVerbPhrase(w string) bool { return !phraseMiddles[w] }

// startsWithSymbol reports whether the first word of s is a document
// symbol's head, as in "NOTING AG/RES. 1237 (XXIII-O/93)".
func startsWithSymbol(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	return strings.Contains(w, "/") && maybeSymbol(s)
}

// verbWordAt reports whether w can be word number k of a verb phrase whose
// earlier words are prev.
func verbWordAt(w string, k int, prev []string) bool {
	if k == 0 {
		return verbWords[w] || hasVerbEnding(w) || alsoWords[w]
	}
	if k == 1 && alsoWords[prev[0]] {
		return verbWords[w] || hasVerbEnding(w)
	}
	return verbContinuations[w] || hasVerbEnding(w) || isParticiple(w)
}

// isUpperWord reports whether w is a word of upper-case letters, possibly
// with hyphens or apostrophes.
func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters > 1 || (letters == 1 && len(w) == 1)
}

func hasLower(s string) bool { return strings.ContainsFunc(s, unicode.IsLower) }

// isThat reports whether t opens a "That ..." paragraph.
func isThat(t string) bool {
	for _, w := range thatWords {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// numbered reads an operative paragraph number: "1. To convene" gives 1 and
// the length of "1. ".
func numbered(t string) (n, skip int, ok bool) {
	i := 0
	for i < len(t) && i < 3 && isDigitByte(t[i]) {
		i++
	}
	if i == 0 || i == len(t) {
		return 0, 0, false
	}
	j := i
	if t[j] == ' ' {
		j++
	}
	if j >= len(t) || (t[j] != '.' && t[j] != ')') {
		return 0, 0, false
	}
	j++
	if j < len(t) && t[j] != ' ' {
		return 0, 0, false
	}
	for j < len(t) && t[j] == ' ' {
		j++
	}
	n, _ = strconv.Atoi(t[:i])
	return n, j, n > 0
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// subItemRE reads the label of a lettered, roman-numbered or bulleted
// sub-item: "a.", "b)", "(c)", "iv.", "(ii)", "-", "–", "•".
var subItemRE = regexp.MustCompile(`^(?:\(([a-z]|[ivx]{1,4})\)|([a-z]|[ivx]{1,4})[.)]|([A-Z])[.)]|[-–—•·*])\s+`)

// subItem reads a sub-item label and returns it ("a", "ii", "-") with the
// length of the label and the spaces after it.
func subItem(t string) (label string, skip int, ok bool) {
	if len(t) < 3 || !(t[0] == '(' || t[1] == '.' || t[1] == ')' || t[1] == ' ' || t[0] >= 0x80 ||
		(len(t) > 4 && (t[2] == '.' || t[2] == ')' || t[3] == '.' || t[3] == ')' || t[4] == '.' || t[4] == ')'))) {
		return "", 0, false
	}
	m := subItemRE.FindStringSubmatch(t)
	if m == nil {
		return "", 0, false
	}
	label = m[1] + m[2] + m[3]
	if label == "" {
		label = "-"
	}
	rest := t[len(m[0]):]
	if rest == "" || (m[3] != "" && isCaps(rest)) {
		return "", 0, false // "A. BACKGROUND" is a heading
	}
	return label, len(m[0]), true
}

// resolveLine reports whether t opens the operative part ("RESOLVES:",
// "RESUELVE:", "DÉCIDE :") and returns the offset of any text after it.
func resolveLine(t string) (int, bool) {
	end := strings.IndexAny(t, " :,.")
	if end < 0 {
		end = len(t)
	}
	if !resolveWords[t[:end]] {
		return 0, false
	}
	i := end
	for i < len(t) && (t[i] == ' ' || t[i] == ':' || t[i] == ',' || t[i] == '.') {
		i++
	}
	if i < len(t) && !hasLower(t[i:]) {
		return 0, false // "DECLARATION OF ..." or an all-capitals heading
	}
	return i, true
}

// bodyState is the state of the clause splitter.
type bodyState struct {
	p          *parser
	operative  bool
	notes      bool // numbering restarted: footnotes or an annex
	unnumbered bool // operative paragraphs carry no numbers
	lastNumber int
	// resolveVerb is the word that opened the operative part: the verb of
	// operative paragraphs that print none ("DECLARES").
	resolveVerb string
	// ctx is the clause whose verb the paragraphs that follow inherit: a
	// continuation, a sub-item, a "That" paragraph under a lead-in.
	ctx    *clauseSpan
	leadIn bool // ctx ends with ':' ("CONSIDERING:", "BEARING IN MIND:")
}

// para places paragraph k of the body.
func (b *bodyState) para(k int) {
	p := b.p
	pr := p.paras[k]
	t := pr.text
	span := func(s clauseSpan) {
		s.first, s.last = pr.first, pr.last
		p.spans = append(p.spans, s)
		c := s
		if c.kind == Operative && c.verb == "" {
			// What follows inherits the verb the paragraph prints.
			c.verb, _, _ = operativeVerb(t[min(c.skip, len(t)):], p.doc.Language)
		}
		b.ctx = &c
		b.leadIn = strings.HasSuffix(t, ":")
	}
	inherit := func(s clauseSpan) {
		s.first, s.last = pr.first, pr.last
		p.spans = append(p.spans, s)
	}
	if p.doc.Date == "" && p.adoption(t) {
		p.header = append(p.header, partSpan{HeaderAdoption, pr.first, pr.last})
		return
	}
	if skip, ok := resolveLine(t); ok && !b.notes {
		b.operative = true
		b.resolveVerb = strings.ToUpper(strings.TrimRight(t[:strings.IndexAny(t+" ", " :,.")], " :,."))
		if skip < len(t) {
			b.unnumbered = true
			b.lastNumber++
			span(clauseSpan{kind: Operative, number: b.lastNumber, skip: skip})
			return
		}
		p.header = append(p.header, partSpan{HeaderOperative, pr.first, pr.last})
		b.ctx, b.leadIn = nil, true
		return
	}
	if n, skip, ok := numbered(t); ok {
		switch {
		case b.notes:
		case b.operative && b.lastNumber > 0 && n <= b.lastNumber && !b.unnumbered:
			b.notes = true
		case b.operative || (n == 1 && startsOperative(t[skip:])):
			if b.lastNumber > 0 && n != b.lastNumber+1 {
				p.doc.Warnings = append(p.doc.Warnings,
					fmt.Sprintf("line %d: operative paragraph %d follows %d", p.lines[pr.first].src, n, b.lastNumber))
			}
			b.operative, b.unnumbered, b.lastNumber = true, false, n
			span(clauseSpan{kind: Operative, number: n, skip: skip})
			return
		}
		span(clauseSpan{kind: Paragraph, number: n, skip: skip})
		return
	}
	if label, skip, ok := subItem(t); ok && b.ctx != nil {
		c := *b.ctx
		inherit(clauseSpan{kind: c.kind, number: c.number, item: label, verb: c.verb, verbFrom: VerbInherited, skip: skip})
		return
	}
	if verb, _, ok := clauseVerb(t); ok && !b.notes {
		kind := Preambular
		if b.operative {
			kind = Operative
		}
		if strings.TrimRight(t, " :") == verb || strings.EqualFold(strings.TrimRight(t, " :"), verb) {
			// A bare lead-in ("CONSIDERING:"): the paragraphs below it are
			// its clauses.
			p.header = append(p.header, partSpan{HeaderLeadIn, pr.first, pr.last})
			b.ctx, b.leadIn = &clauseSpan{kind: kind, verb: verb, number: b.lastNumber}, true
			return
		}
		span(clauseSpan{kind: kind, verb: verb, number: b.opNumber(kind)})
		return
	}
	if isThat(t) && !b.notes {
		switch {
		case b.ctx != nil && b.leadIn:
			c := *b.ctx
			inherit(clauseSpan{kind: c.kind, number: c.number, verb: c.verb, verbFrom: VerbInherited})
		case b.operative:
			inherit(clauseSpan{kind: Operative, number: b.nextNumber(), verb: b.resolveVerb, verbFrom: VerbInherited})
		default:
			inherit(clauseSpan{kind: Preambular, verb: impliedVerb[p.doc.Language], verbFrom: VerbImplied})
		}
		return
	}
	if !b.notes && (b.operative || (b.leadIn && b.ctx == nil) || (b.leadIn && b.ctx.kind == Paragraph)) && startsOperative(t) {
		span(clauseSpan{kind: Operative, number: b.nextNumber()})
		b.operative = true
		return
	}
	if furniture(t, false) {
		p.skipped = append(p.skipped, partSpan{SkipNavigation, pr.first, pr.last})
		return
	}
	if isEnactor(t) && !b.operative {
		p.header = append(p.header, partSpan{HeaderEnactor, pr.first, pr.last})
		b.ctx, b.leadIn = nil, false
		return
	}
	if n := len(p.spans); n > 0 && !b.operative && p.spans[n-1].first == p.spans[n-1].last && p.spans[n-1].kind != Preambular &&
		isSymbolLine(p.lines[p.spans[n-1].first].text) && headingLike(t) {
		// The title of a listed document printed under its symbol.
		p.spans[n-1].last = pr.last
		return
	}
	if quoted(t) && len(p.spans) > 0 && endsWithSymbol(p.lines[p.spans[len(p.spans)-1].last].text) {
		// A quoted heading under a symbol is that document's title.
		p.spans[len(p.spans)-1].last = pr.last
		return
	}
	if headingLike(t) && utf8.RuneCountInString(t) < 200 {
		span(clauseSpan{kind: Heading})
		b.ctx, b.leadIn = nil, false
		if b.operative && isCaps(t) {
			b.notes = true // an annex or footnotes after the operative part
		}
		return
	}
	if b.ctx != nil && !b.notes && b.ctx.kind != Paragraph && b.ctx.kind != Heading {
		c := *b.ctx
		inherit(clauseSpan{kind: c.kind, number: c.number, verb: c.verb, verbFrom: VerbInherited})
		return
	}
	span(clauseSpan{kind: Paragraph})
}

// isSymbolLine reports whether t is a symbol and nothing else.
func isSymbolLine(t string) bool {
	if !maybeSymbol(t) {
		return false
	}
	_, err := hemigraph.ParseSymbol(t)
	return err == nil
}

// quoted reports whether t is wholly in quotes.
func quoted(t string) bool {
	for _, q := range quotePairs {
		if strings.HasPrefix(t, q[0]) && strings.HasSuffix(strings.TrimRight(t, ".,;"), q[1]) && len(t) > len(q[0])+len(q[1]) {
			return true
		}
	}
	return false
}

// endsWithSymbol reports whether t ends with a document symbol.
func endsWithSymbol(t string) bool {
	for i := len(t) - 1; i >= 0 && i >= len(t)-40; i-- {
		if i > 0 && t[i-1] != ' ' {
			continue
		}
		if _, n, err := hemigraph.ScanCitation(t[i:]); err == nil && i+n == len(strings.TrimRight(t, " ")) {
			return true
		}
	}
	return false
}

// opNumber is the number of a new clause of kind in the operative part.
func (b *bodyState) opNumber(kind string) int {
	if kind != Operative {
		return 0
	}
	return b.nextNumber()
}

// nextNumber numbers an unnumbered operative paragraph.
func (b *bodyState) nextNumber() int {
	b.unnumbered = true
	b.lastNumber++
	return b.lastNumber
}

// startsOperative reports whether an unnumbered paragraph opens with an
// operative verb: "To convene", "Urges", "Reaffirm that", "Convocar", "De
// convoquer".
func startsOperative(t string) bool {
	w, rest, _ := strings.Cut(t, " ")
	w = strings.TrimRight(w, ",:;")
	switch {
	case w == "To" || w == "De" || strings.HasPrefix(w, "D'") || strings.HasPrefix(w, "D’"):
		return rest != "" && !isCaps(rest)
	case len(w) < 4:
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || isCaps(w) {
		return false
	}
	lw := strings.ToLower(w)
	if englishVerb(lw) != "" {
		return true
	}
	_, known := operativeEN[strings.ToUpper(w)]
	return known
}

// englishVerb returns the base form of an English operative verb printed
// as an imperative or in the third person ("urges" → "urge"), or "".
func englishVerb(w string) string {
	if englishOperative[w] {
		return w
	}
	for _, suffix := range []string{"es", "s"} {
		if b, ok := strings.CutSuffix(w, suffix); ok && englishOperative[b] {
			return b
		}
	}
	return ""
}

// menuLike reports whether t reads as navigation rather than prose: no
// sentence punctuation at its end and mostly capitalized words, or menu
// separators.
func menuLike(t string) bool {
	if strings.ContainsAny(t, "|»•") {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune(".;:,!?)\"'”»", last) {
		return false
	}
	words := strings.Fields(t)
	if len(words) <= 3 {
		return len(t) < 40
	}
	content, capital := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 4 && !unicode.IsUpper(r) {
			continue // short function words: of, the, and, &
		}
		content++
		if unicode.IsUpper(r) || !unicode.IsLetter(r) {
			capital++
		}
	}
	if len(words) > 12 {
		return content > 0 && capital*10 >= content*9
	}
	return content > 0 && capital*10 >= content*7
}

// containsFold reports whether t holds the lower-case ASCII word w in any
// case.
func containsFold(t, w string) bool {
	n := len(w)
	for i := 0; i+n <= len(t); i++ {
		if t[i]|0x20 == w[0] && strings.EqualFold(t[i:i+n], w) {
			return true
		}
	}
	return false
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// trimQuotes removes enclosing quotes and trailing punctuation from a title.
func trimQuotes(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(strings.TrimRight(s, ",;."))
		t = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(t, "\""), "“"), "«")
		t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(t, "\""), "”"), "»")
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

// buildText joins every line into Document.Text and returns the offset of
// each line in it.
func (p *parser) buildText() []int {
	offsets := make([]int, len(p.lines))
	size := 0
	for _, l := range p.lines {
		size += len(l.text) + 2
	}
	var b strings.Builder
	b.Grow(size)
	for i, l := range p.lines {
		if i > 0 {
			b.WriteByte('\n')
			if l.blankBefore {
				b.WriteByte('\n')
			}
		}
		offsets[i] = b.Len()
		b.WriteString(l.text)
	}
	p.doc.Text = b.String()
	return offsets
}

// finish turns located spans into the document's clauses, header and
// skipped parts, in text order, and finds each clause's references.
func (p *parser) finish(offsets []int) {
	text := p.doc.Text
	end := func(i int) int { return offsets[i] + len(p.lines[i].text) }
	part := func(s partSpan) Span {
		a, z := offsets[s.first], end(s.last)
		return Span{Kind: s.kind, Line: p.lines[s.first].src, Start: a, End: z, Text: strings.ReplaceAll(text[a:z], "\n", " ")}
	}
	for _, s := range p.header {
		p.doc.Header = append(p.doc.Header, part(s))
	}
	for _, s := range p.skipped {
		p.doc.Skipped = append(p.doc.Skipped, part(s))
	}
	sortSpans(p.doc.Header)
	sortSpans(p.doc.Skipped)
	refs := &refScanner{self: p.doc.ID, selfKind: p.doc.Kind, toks: make([]tok, 0, 256)}
	p.doc.Clauses = make([]Clause, 0, len(p.spans)+1)
	// "AG/RES. 1972 (XXXIII-O/03): Inter-American Convention against ...":
	// a title printed on the symbol's own line is the title, and headings
	// below it are headings.
	skip := 0
	if p.symLine >= 0 {
		skip = titleOnSymbolLine(p.lines[p.symLine].text)
	}
	switch {
	case skip > 0:
		for _, k := range p.title {
			p.spans = append(p.spans, clauseSpan{kind: Heading, first: p.paras[k].first, last: p.paras[k].last})
		}
		c := p.clause(0, clauseSpan{kind: Title, first: p.symLine, last: p.symLine, skip: skip}, offsets, refs)
		p.doc.Title = trimQuotes(c.Text)
		p.doc.Clauses = append(p.doc.Clauses, c)
	case len(p.title) > 0:
		first, last := p.paras[p.title[0]].first, p.paras[p.title[len(p.title)-1]].last
		p.doc.Clauses = append(p.doc.Clauses, p.clause(0, clauseSpan{kind: Title, first: first, last: last}, offsets, refs))
	}
	sortClauseSpans(p.spans)
	for i, s := range p.spans {
		p.doc.Clauses = append(p.doc.Clauses, p.clause(i+1, s, offsets, refs))
	}
}

// clause turns a located span into a Clause with its verb and references.
func (p *parser) clause(index int, s clauseSpan, offsets []int, refs *refScanner) Clause {
	start := offsets[s.first] + s.skip
	end := offsets[s.last] + len(p.lines[s.last].text)
	c := Clause{
		Index: index, Kind: s.kind, Number: s.number, Item: s.item, Verb: s.verb, VerbFrom: s.verbFrom,
		Line: p.lines[s.first].src, Start: start, End: end,
		Text: strings.ReplaceAll(p.doc.Text[start:end], "\n", " "),
	}
	lang := p.doc.Language
	verbEnd := 0
	switch {
	case s.kind == Operative && s.verbFrom == "":
		c.Verb, c.VerbEN, verbEnd = operativeVerb(c.Text, lang)
		if c.Verb == "" && p.resolveVerb(s) != "" {
			c.Verb, c.VerbFrom = p.resolveVerb(s), VerbInherited
			c.VerbEN = verbEnglish(c.Verb, lang)
		}
	case s.kind == Operative:
		c.VerbEN = operativeEnglish(c.Verb, lang)
	case s.kind == Preambular:
		c.VerbEN = verbEnglish(c.Verb, lang)
		if s.verbFrom == "" {
			_, verbEnd, _ = clauseVerb(c.Text)
		}
	}
	c.References = refs.references(c, verbEnd)
	refs.learnAcronyms(c.References)
	return c
}

// resolveVerb returns the word that opened the operative part before span
// s, for an operative paragraph that prints no verb of its own.
func (p *parser) resolveVerb(s clauseSpan) string {
	verb := ""
	for _, h := range p.header {
		if h.kind == HeaderOperative && h.first < s.first {
			t := p.lines[h.first].text
			verb = strings.ToUpper(strings.TrimRight(t[:strings.IndexAny(t+" ", " :,.")], " :,."))
		}
	}
	return verb
}

// operativeEnglish returns the English of an inherited operative verb:
// "TO REQUEST" stays, "DECLARES" stays, "SOLICITAR" becomes "TO REQUEST".
func operativeEnglish(verb, lang string) string {
	if strings.HasPrefix(verb, "TO ") || lang == "en" {
		return verb
	}
	if en := operativeEN[verb]; en != "" {
		return en
	}
	return verbEnglish(verb, lang)
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func sortClauseSpans(s []clauseSpan) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].first < s[j-1].first; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// operativeVerb returns the verb phrase that opens an operative clause, its
// English, and the offset just past it (and any adverbs after it). It
// returns "" when the clause opens with no verb.
func operativeVerb(t, lang string) (verb, en string, end int) {
	w := wordsAt(t, 0, 6)
	if len(w) == 0 {
		return "", "", 0
	}
	k := 0
	english := strings.EqualFold(w[0].text, "to")
	if english || strings.EqualFold(w[0].text, "de") {
		k = 1
	}
	for k < len(w) && operativeAdverbs[strings.ToUpper(w[k].text)] {
		k++
	}
	if k >= len(w) {
		return "", "", 0
	}
	first := strings.ToUpper(w[k].text)
	third := ""
	if !english && k == 0 {
		switch {
		case lang == "en" || englishVerb(strings.ToLower(w[k].text)) != "":
			third = englishVerb(strings.ToLower(w[k].text))
			if third == "" {
				return "", "", 0
			}
		case operativeEN[first] == "" && !romanceInfinitive(first):
			return "", "", 0
		}
	}
	phrase := []string{first}
	end = w[k].end
	if next := k + 1; next < len(w) {
		nw := strings.ToUpper(w[next].text)
		switch {
		case noteVerbs[phrase[0]] && (nw == "NOTE" || nw == "NOTA"):
			phrase, end = append(phrase, nw), w[next].end
		case phrase[0] == "PRIER" && nw == "INSTAMMENT", (phrase[0] == "CALL" || phrase[0] == "CALLS") && (nw == "UPON" || nw == "ON"):
			phrase, end = append(phrase, nw), w[next].end
		case possessives[nw] && next+1 < len(w) && isExpress(phrase[0]):
			phrase, end = append(phrase, nw, strings.ToUpper(w[next+1].text)), w[next+1].end
		}
	}
	for j := k + len(phrase); j < len(w) && operativeAdverbs[strings.ToUpper(w[j].text)]; j++ {
		end = w[j].end
	}
	verb = strings.Join(phrase, " ")
	switch {
	case english:
		verb = "TO " + verb
		en = verb
	case third != "":
		rest := phrase[1:]
		en = strings.Join(append([]string{"TO " + strings.ToUpper(third)}, rest...), " ")
	default:
		en = operativeEN[verb]
		if en == "" {
			en = operativeEN[phrase[0]]
		}
	}
	return verb, en, end
}

// romanceInfinitive reports whether an upper-case word ends like a Spanish,
// French or Portuguese infinitive.
func romanceInfinitive(w string) bool {
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for _, s := range []string{"AR", "ER", "IR", "RE"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func isExpress(w string) bool {
	return w == "EXPRESS" || w == "EXPRESSES" || w == "EXPRESAR" || w == "EXPRESSAR" || w == "EXPRIMER" || w == "REITERATE"
}

// span is a word located in a text.
type span struct {
	text       string
	start, end int
}

// wordsAt returns up to n words of letters at the start of t.
func wordsAt(t string, from, n int) []span {
	out := make([]span, 0, n)
	i := from
	for i < len(t) && len(out) < n {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if j == i {
			break
		}
		out = append(out, span{t[i:j], i, j})
		i = j
	}
	return out
}
