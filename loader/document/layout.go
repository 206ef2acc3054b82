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

// clauseSpan is a clause located by lines, before offsets are known.
type clauseSpan struct {
	kind     string
	number   int
	verb     string
	verbFrom string
	first    int // index of the first line
	last     int // index of the last line
	skip     int // bytes of the first line before the clause text ("1. ")
}

// parser holds the state of reading one document's lines.
type parser struct {
	doc   *Document
	lines []line
	spans []clauseSpan
	last  int // index of the last line that belongs to the document
}

// parse reads the document out of its normalized lines.
func parse(source string, lines []line) (*Document, error) {
	symIdx, sym, ok := findSymbolLine(lines)
	if !ok {
		return nil, &Error{source, lines[0].src, "no document symbol found"}
	}
	doc := &Document{
		Source: source, Symbol: sym.String(), ID: sym.ID(), Kind: sym.Kind(), Body: sym.Body(),
		Language: detectLanguage(lines[symIdx+1:]), Clauses: []Clause{},
	}
	if r, ok := sym.Session(); ok {
		doc.Session = &SessionInfo{SessionRef: r, Ordinal: r.Ordinal(), ID: sym.SessionID()}
	}
	p := &parser{doc: doc, lines: lines, last: symIdx}
	start := p.header(symIdx + 1)
	p.body(start)
	offsets := p.buildText(symIdx)
	refs := &refScanner{self: doc.ID}
	doc.Clauses = make([]Clause, 0, len(p.spans))
	for i, s := range p.spans {
		doc.Clauses = append(doc.Clauses, p.clause(i+1, s, offsets, refs))
	}
	return doc, nil
}

// findSymbolLine returns the first line that is a document symbol, or else
// the first line that starts with one.
func findSymbolLine(lines []line) (int, hemigraph.Symbol, bool) {
	starts := -1
	var startSym hemigraph.Symbol
	for i, l := range lines {
		if !maybeSymbol(l.text) {
			continue
		}
		if s, err := hemigraph.ParseSymbol(l.text); err == nil {
			return i, s, true
		}
		if starts < 0 {
			if syms, _, err := hemigraph.ScanCitation(l.text); err == nil && len(syms) == 1 {
				starts, startSym = i, syms[0]
			}
		}
	}
	return starts, startSym, starts >= 0
}

// header reads the lines between the symbol and the first clause: the
// title, the adoption line, the enacting body and classification lines. It
// returns the index of the first clause line.
func (p *parser) header(from int) int {
	var titles []int
	i := from
	for ; i < len(p.lines); i++ {
		t := p.lines[i].text
		if opensClause(t) {
			break
		}
		switch {
		case p.adoption(t):
			p.last = i
		case isEnactor(t) || isClassification(t):
		default:
			titles = append(titles, i)
		}
	}
	if i == len(p.lines) && len(titles) > 1 {
		titles = titles[:1] // no clauses: only the first line can be trusted as a title
	}
	var parts []string
	for _, k := range titles[:min(len(titles), 3)] {
		t := p.lines[k].text
		if len(t) > 300 || strings.ContainsAny(t, "|»•") {
			break
		}
		parts = append(parts, t)
		p.last = max(p.last, k)
	}
	if len(parts) > 0 {
		p.doc.Title = trimQuotes(strings.Join(parts, " "))
	}
	return i
}

// opensClause reports whether a line starts a preambular or operative
// clause or the operative part.
func opensClause(t string) bool {
	if _, _, ok := preambleVerb(t); ok {
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
	plenaryRE = regexp.MustCompile(`(?i)((?:\S+\s+)?\S+)\s+(?:plenary\s+(?:session|meeting)|sesi[oó]n\s+plenaria|s[ée]ance\s+pl[ée]ni[èe]re|sess[ãa]o\s+plen[áa]ria)`)
	adoptedRE = regexp.MustCompile(`(?i)\b(?:adopted|approved|aprobad[ao]|adopt[ée]e?|aprovad[ao])\b`)
	dateDMY   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:er|º|°|o)?\s+(?:de\s+)?(\p{L}+)(?:\s+de|\s+del|,)?\s+(\d{4})\b`)
	dateMDY   = regexp.MustCompile(`(?i)\b(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})\b`)
	dateISO   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	ordinalRE = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th|a|ª|o|º|e|ème|eme|er|re)?\.?$`)
)

// adoption reads an adoption line such as "(Resolution adopted at the
// eighth plenary session, held on June 7, 1996)" in any of the four
// languages, and reports whether t is one.
func (p *parser) adoption(t string) bool {
	if !adoptedRE.MatchString(t) {
		return false
	}
	m := plenaryRE.FindStringSubmatch(t)
	date := findDate(t)
	if m == nil && date == "" {
		return false
	}
	if m != nil && p.doc.Plenary == 0 {
		p.doc.Plenary = parseOrdinal(m[1])
	}
	if date != "" && p.doc.Date == "" {
		p.doc.Date = date
	}
	return true
}

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

func ordinalNumber(w string) int {
	if n, ok := ordinals[w]; ok {
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
	if m := dateISO.FindStringSubmatch(t); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return isoDate(y, mo, d)
	}
	if m := dateDMY.FindStringSubmatch(t); m != nil {
		if mo, ok := months[strings.ToLower(m[2])]; ok {
			y, _ := strconv.Atoi(m[3])
			d, _ := strconv.Atoi(m[1])
			return isoDate(y, mo, d)
		}
	}
	for _, m := range dateMDY.FindAllStringSubmatch(t, 4) {
		if mo, ok := months[strings.ToLower(m[1])]; ok {
			y, _ := strconv.Atoi(m[3])
			d, _ := strconv.Atoi(m[2])
			return isoDate(y, mo, d)
		}
	}
	return ""
}

// isoDate formats a date, or returns "" when it does not exist.
func isoDate(y, m, d int) string {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2099 || t.Day() != d || int(t.Month()) != m {
		return ""
	}
	return t.Format("2006-01-02")
}

// isEnactor reports whether t is an enacting line such as "THE GENERAL
// ASSEMBLY," or "EL CONSEJO PERMANENTE,".
func isEnactor(t string) bool {
	return (strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":")) && !hasLower(t) && strings.Count(t, " ") < 12
}

// isClassification reports whether t is a line of the classification block
// ("OEA/Ser.P", "Original: English", a date, a page number, "corr. 1").
func isClassification(t string) bool {
	lower := strings.ToLower(t)
	switch {
	case strings.HasPrefix(lower, "oea/ser") || strings.HasPrefix(lower, "oas/ser"),
		strings.HasPrefix(lower, "original:"), strings.HasPrefix(lower, "original :"),
		!strings.ContainsFunc(t, unicode.IsLetter),
		len(t) < 40 && findDate(t) != "":
		return true
	}
	if _, err := hemigraph.ParseSymbol(t); err == nil {
		return true
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
		if !isUpperWord(w) || !verbWordAt(w, len(words)) {
			break
		}
		words = append(words, w)
		end = i + len(w)
		i += j + 1
		if len(w) != len(raw) {
			break
		}
	}
	if len(words) == 0 || resolveWords[words[0]] {
		return "", 0, false
	}
	rest := strings.TrimSpace(t[end:])
	if rest != "" && rest[0] != ':' && rest[0] != ',' && !hasLower(rest) && !startsWithSymbol(rest) {
		return "", 0, false
	}
	return strings.Join(words, " "), end, true
}

// startsWithSymbol reports whether the first word of s is a document
// symbol's head, as in "NOTING AG/RES. 1237 (XXIII-O/93)".
func startsWithSymbol(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	return strings.Contains(w, "/") && maybeSymbol(s)
}

// verbWordAt reports whether w can be word number k of a verb phrase.
func verbWordAt(w string, k int) bool {
	if k == 0 {
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
	return i, true
}

// body splits the lines from start into clauses.
func (p *parser) body(start int) {
	b := bodyState{p: p, thatVerb: impliedVerb[p.doc.Language], thatFrom: VerbImplied, lastNumber: 0}
	for i := start; i < len(p.lines); i++ {
		if !b.line(i) {
			break
		}
	}
	if n := len(p.spans); n > 0 {
		p.last = max(p.last, p.spans[n-1].last)
	}
	p.spans = slices.DeleteFunc(p.spans, p.isLeadIn)
}

// isLeadIn reports whether s is a bare lead-in such as "CONSIDERING:",
// whose "That" paragraphs are clauses of their own.
func (p *parser) isLeadIn(s clauseSpan) bool {
	return s.kind == Preambular && s.verbFrom == "" && s.first == s.last &&
		strings.TrimRight(p.lines[s.first].text, " :") == s.verb
}

// bodyState is the state of the clause splitter.
type bodyState struct {
	p          *parser
	operative  bool
	unnumbered bool   // operative paragraphs carry no numbers
	thatVerb   string // verb given to the next "That" paragraph
	thatFrom   string
	lastNumber int
}

// line handles line i and reports whether the document goes on.
func (b *bodyState) line(i int) bool {
	l := b.p.lines[i]
	t := l.text
	if n, skip, ok := numbered(t); ok && (b.operative || n == 1) {
		return b.numbered(i, n, skip)
	}
	if skip, ok := resolveLine(t); ok && !b.operative {
		b.operative = true
		if skip < len(t) {
			b.unnumbered = true
			b.open(clauseSpan{kind: Operative, number: 1, first: i, last: i, skip: skip})
			b.lastNumber = 1
		}
		return true
	}
	if !b.operative {
		if verb, _, ok := preambleVerb(t); ok {
			b.open(clauseSpan{kind: Preambular, verb: verb, first: i, last: i})
			if strings.HasSuffix(t, ":") {
				b.thatVerb, b.thatFrom = verb, VerbInherited
			} else {
				b.thatVerb, b.thatFrom = impliedVerb[b.p.doc.Language], VerbImplied
			}
			return true
		}
		if isThat(t) {
			b.open(clauseSpan{kind: Preambular, verb: b.thatVerb, verbFrom: b.thatFrom, first: i, last: i})
			return true
		}
	}
	if b.operative && (b.unnumbered || b.lastOperativeMissing()) && (l.blankBefore || b.lastOperativeMissing()) && startsOperative(t) {
		b.unnumbered = true
		b.lastNumber++
		b.open(clauseSpan{kind: Operative, number: b.lastNumber, first: i, last: i})
		return true
	}
	if endsDocument(l, b.operative) {
		return false
	}
	if n := len(b.p.spans); n > 0 {
		b.p.spans[n-1].last = i
	}
	return true
}

// lastOperativeMissing reports whether "RESOLVES:" has been read but no
// operative clause yet.
func (b *bodyState) lastOperativeMissing() bool {
	n := len(b.p.spans)
	return n == 0 || b.p.spans[n-1].kind != Operative
}

func (b *bodyState) numbered(i, n, skip int) bool {
	switch {
	case b.operative && b.lastNumber > 0 && n <= b.lastNumber && !b.unnumbered:
		return false // numbering restarts: footnotes or an annex
	case b.lastNumber > 0 && n != b.lastNumber+1:
		b.p.doc.Warnings = append(b.p.doc.Warnings,
			fmt.Sprintf("line %d: operative paragraph %d follows %d", b.p.lines[i].src, n, b.lastNumber))
	}
	b.operative = true
	b.unnumbered = false
	b.lastNumber = n
	b.open(clauseSpan{kind: Operative, number: n, first: i, last: i, skip: skip})
	return true
}

func (b *bodyState) open(s clauseSpan) { b.p.spans = append(b.p.spans, s) }

// startsOperative reports whether an unnumbered paragraph opens with an
// operative infinitive: "To convene", "Convocar", "De convoquer".
func startsOperative(t string) bool {
	w, _, _ := strings.Cut(t, " ")
	switch {
	case w == "To" || w == "De" || strings.HasPrefix(w, "D'") || strings.HasPrefix(w, "D’"):
		return true
	case len(w) < 4:
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	lw := strings.ToLower(w)
	return unicode.IsUpper(r) && (strings.HasSuffix(lw, "ar") || strings.HasSuffix(lw, "er") || strings.HasSuffix(lw, "ir"))
}

// endsDocument reports whether l, which opens no clause, is page furniture
// after the clauses: a separator, a menu-like paragraph, or (after the
// operative part) a short heading such as "FOOTNOTES" or "ANNEX".
func endsDocument(l line, operative bool) bool {
	t := l.text
	switch {
	case !strings.ContainsFunc(t, isLetterOrDigit):
		return true
	case !l.blankBefore:
		return false
	case menuLike(t):
		return true
	case operative && !hasLower(t) && strings.Count(t, " ") < 6:
		return true
	}
	return false
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

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
	return content > 0 && capital*10 >= content*7
}

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

// buildText joins the document's lines, from the symbol line to p.last,
// into Document.Text and returns the offset of each line in it (indexed
// like p.lines).
func (p *parser) buildText(symIdx int) []int {
	offsets := make([]int, len(p.lines))
	size := 0
	for i := symIdx; i <= p.last; i++ {
		size += len(p.lines[i].text) + 2
	}
	var b strings.Builder
	b.Grow(size)
	for i := symIdx; i <= p.last; i++ {
		if i > symIdx {
			b.WriteByte('\n')
			if p.lines[i].blankBefore {
				b.WriteByte('\n')
			}
		}
		offsets[i] = b.Len()
		b.WriteString(p.lines[i].text)
	}
	p.doc.Text = b.String()
	return offsets
}

// clause turns a located span into a Clause with its verb and references.
func (p *parser) clause(index int, s clauseSpan, offsets []int, refs *refScanner) Clause {
	start := offsets[s.first] + s.skip
	end := offsets[s.last] + len(p.lines[s.last].text)
	c := Clause{
		Index: index, Kind: s.kind, Number: s.number, Verb: s.verb, VerbFrom: s.verbFrom,
		Line: p.lines[s.first].src, Start: start, End: end,
		Text: strings.ReplaceAll(p.doc.Text[start:end], "\n", " "),
	}
	lang := p.doc.Language
	verbEnd := 0
	if s.kind == Operative {
		c.Verb, c.VerbEN, verbEnd = operativeVerb(c.Text, lang)
	} else {
		c.VerbEN = verbEnglish(c.Verb, lang)
		if s.verbFrom == "" {
			_, verbEnd, _ = preambleVerb(c.Text)
		}
	}
	c.References = refs.references(c, verbEnd)
	return c
}

// operativeVerb returns the verb phrase that opens an operative clause, its
// English, and the offset just past it (and any adverbs after it).
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
	phrase := []string{strings.ToUpper(w[k].text)}
	end = w[k].end
	if next := k + 1; next < len(w) {
		nw := strings.ToUpper(w[next].text)
		switch {
		case noteVerbs[phrase[0]] && (nw == "NOTE" || nw == "NOTA"):
			phrase, end = append(phrase, nw), w[next].end
		case phrase[0] == "PRIER" && nw == "INSTAMMENT", phrase[0] == "CALL" && (nw == "UPON" || nw == "ON"):
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
	case lang == "en" && strings.HasSuffix(verb, "S"):
		en = "TO " + strings.TrimSuffix(verb, "S") // third person: "Urges", "Requests"
	default:
		en = operativeEN[verb]
		if en == "" {
			en = operativeEN[phrase[0]]
		}
	}
	return verb, en, end
}

func isExpress(w string) bool {
	return w == "EXPRESS" || w == "EXPRESAR" || w == "EXPRESSAR" || w == "EXPRIMER" || w == "REITERATE"
}

// span is a word located in a text.
type span struct {
	text       string
	start, end int
}

// wordsAt returns up to n words of letters at the start of t.
func wordsAt(t string, from, n int) []span {
	var out []span
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
