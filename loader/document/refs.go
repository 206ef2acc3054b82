package document

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
)

// This file finds what a clause refers to. Symbols are found exactly (by
// hemigraph.ScanCitation at each word start); names are found by a
// heuristic over capitalized noun phrases: a run of capitalized words and
// connectors ("of", "on", "de la", ...) is a name when it contains a head
// noun (Declaration, Convention, Conference, Meeting, Committee, Council,
// Secretariat, Board, Summit, ...). A bare head ("the Conference") is
// anaphora and is not a reference; a run naming two things joined by "and"
// ("the Permanent Council and the General Secretariat") is split; a
// possessive ("the Permanent Council's Committee") gives the committee with
// PartOf the council.

// headKinds maps the head nouns of names to the kind of thing they name.
var headKinds = func() map[string]hemigraph.Kind {
	m := map[string]hemigraph.Kind{}
	for kind, words := range map[hemigraph.Kind][]string{
		hemigraph.KindDeclaration: {"Declaration", "Declaración", "Déclaration", "Declaração"},
		hemigraph.KindConvention: {"Convention", "Convención", "Convenção", "Treaty", "Tratado", "Traité",
			"Protocol", "Protocolo", "Protocole", "Charter", "Carta", "Charte"},
		hemigraph.KindConference: {"Conference", "Conferencia", "Conférence", "Conferência", "Meeting", "Reunión",
			"Réunion", "Reunião", "Summit", "Cumbre", "Sommet", "Cúpula", "Ministerial"},
		hemigraph.KindBody: {"Committee", "Comité", "Comitê", "Commission", "Comisión", "Comissão", "Council",
			"Consejo", "Conseil", "Conselho", "Secretariat", "Secretaría", "Secrétariat", "Secretaria", "Board",
			"Junta", "Assembly", "Asamblea", "Assemblée", "Assembléia", "Assembleia", "Group", "Grupo", "Groupe",
			"Unit", "Unidad", "Unité", "Unidade", "Office", "Oficina", "Department", "Departamento", "Fund",
			"Fondo", "Fonds", "Fundo", "Register", "Registro", "Registre", "Center", "Centre", "Centro",
			"Institute", "Instituto", "Court", "Corte", "Tribunal", "Agency", "Forum", "Foro", "Fórum"},
		hemigraph.KindReport:       {"Report", "Informe", "Rapport", "Relatório"},
		hemigraph.KindPlanOfAction: {"Plan"},
	} {
		for _, w := range words {
			m[w] = kind
		}
	}
	return m
}()

// acronymKinds are acronyms that name something on their own.
var acronymKinds = map[string]hemigraph.Kind{
	"CICTE": hemigraph.KindBody, "CICAD": hemigraph.KindBody, "CIDI": hemigraph.KindBody, "CJI": hemigraph.KindBody,
	"IADB": hemigraph.KindBody, "JID": hemigraph.KindBody, "CSH": hemigraph.KindBody, "CHS": hemigraph.KindBody,
	"IACHR": hemigraph.KindBody, "CIDH": hemigraph.KindBody, "CIM": hemigraph.KindBody, "OPANAL": hemigraph.KindBody,
	"SICA": hemigraph.KindBody, "CARICOM": hemigraph.KindBody, "CIFTA": hemigraph.KindConvention,
}

// connectors may join the capitalized words of a name.
var connectors = set("of", "on", "for", "the", "and", "to", "against", "in", "de", "del", "la", "las", "los",
	"el", "y", "sobre", "para", "contra", "contre", "en", "des", "du", "le", "les", "et", "sur", "pour", "d'", "l'", "d’",
	"l’", "da", "do", "das", "dos", "e", "em", "no", "na", "à", "au", "aux")

// elided are the words French and Portuguese write with an apostrophe
// before the next word: "l'Assemblée", "d'experts", "qu'il".
var elided = set("l", "d", "qu", "s", "n", "j", "c", "m", "t")

// topicPrepositions join a body to what it deals with; before a head noun
// they end a name: "Consejo Permanente sobre la Reunión de Expertos" is two.
var topicPrepositions = set("on", "sobre", "sur", "about", "regarding", "concerning", "acerca")

// conjunctions may join two names.
var conjunctions = set("and", "y", "e", "et")

// stopStarts are capitalized words that do not start a name.
var stopStarts = set("The", "This", "That", "These", "Those", "Its", "Their", "A", "An", "In", "On", "Of",
	"For", "To", "And", "By", "With", "At", "As", "From", "El", "La", "Los", "Las", "Lo", "Le", "Les", "L'",
	"L’", "Un", "Una", "Une", "Uma", "Um", "O", "Os", "Que", "Qu'", "Del", "Des", "Du", "Da", "Do", "Al",
	"Au", "Em", "Na", "No", "Su", "Sus", "Sa", "Son", "Ses", "Seu", "Sua", "Whereas", "Member", "States")

// lowerAdjectives follow a head in French names: "Conseil permanent",
// "Secrétariat général".
var lowerAdjectives = set("permanent", "permanente", "général", "générale", "spécial", "spéciale",
	"interaméricain", "interaméricaine", "régional", "régionale", "continental", "continentale",
	"hémisphérique", "extraordinaire")

// objectWords may stand between an operative verb and its object.
var objectWords = set("the", "a", "an", "its", "to", "upon", "al", "la", "el", "los", "las", "su", "sus",
	"le", "les", "l'", "l’", "au", "aux", "à", "sa", "son", "ses", "de", "o", "os", "as", "ao", "aos", "seu",
	"sua", "um", "uma", "un", "una", "une", "que")

// gatheringNouns head the description of a convened conference.
var gatheringNouns = set("conference", "conferences", "meeting", "meetings", "summit", "session", "forum",
	"conferencia", "reunión", "cumbre", "sesión", "foro", "conférence", "réunion", "sommet", "séance",
	"conferência", "reunião", "cúpula", "sessão", "fórum")

// heldWords follow a gathering noun in "the conference held in Santiago".
var heldWords = set("held", "celebrada", "realizada", "tenue")

// throughWords start the phrases throughRE reads.
var throughWords = set("through", "por", "par", "a")

var (
	// heldInRE reads "conference held in Santiago, Chile" from its start.
	heldInRE = regexp.MustCompile(`^(?i:(?:conference|meeting|summit|conferencia|reuni[oó]n|cumbre|conf[ée]rence|r[ée]union|sommet|confer[êe]ncia|reuni[ãa]o|c[úu]pula) (?:held|celebrada|realizada|tenue) (?:in|en|em|à|a) )\p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*)*(?:, \p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*)*)?`)
	// throughRE finds the body an instructed body is to act through.
	throughRE = regexp.MustCompile(`^(?i)(?:through|por intermedio de|por conducto de|a través de|por medio de|par l['’]intermédiaire de|par l['’]entremise de|por intermédio d[aeo]s?|por meio d[aeo]s?)\s+`)
	// followUpRE finds a follow-up in the description of a conference.
	followUpRE = regexp.MustCompile(`(?i)follow[\s-]up|seguimiento|suivi|acompanhamento|seguimento`)
	// descriptionEndRE ends the description of a convened conference.
	descriptionEndRE = regexp.MustCompile(`[.;:,]|\s(?:to be held|with a view|in order to|during|which|que se|qui se|a celebrarse|a realizarse)\b`)
)

// claim is a byte range of a clause already taken by a symbol or title.
type claim struct{ start, end int }

func claimed(claims []claim, start, end int) bool {
	for _, c := range claims {
		if start < c.end && c.start < end {
			return true
		}
	}
	return false
}

// refScanner finds the references of the clauses of one document. It keeps
// a token buffer from clause to clause.
type refScanner struct {
	self string // id of the document, never a reference of its own
	toks []tok
}

// references finds the references of clause c, whose verb ends at verbEnd
// in c.Text, and types their relations.
func (s *refScanner) references(c Clause, verbEnd int) []Reference {
	t := c.Text
	refs, claims := symbolRefs(t, s.self)
	s.toks = tokenize(s.toks[:0], t, verbEnd)
	names := nameRefs(t, s.toks, claims)
	names = append(names, heldInRefs(t, s.toks, claims)...)
	refs = append(refs, dropOverlaps(names)...)
	slices.SortStableFunc(refs, func(a, b Reference) int { return a.Start - b.Start })
	refs = dedupe(refs)
	if c.Kind == Preambular {
		for i := range refs {
			refs[i].Relation = hemigraph.RelCites
		}
		return refs
	}
	return typeOperative(t, s.toks, c.VerbEN, verbEnd, refs)
}

// symbolRefs finds the symbols cited in t with their quoted titles.
func symbolRefs(t, self string) ([]Reference, []claim) {
	var refs []Reference
	var claims []claim
	for i := 0; i < len(t); i++ {
		if !isASCIILetter(t[i]) || (i > 0 && (isASCIILetter(t[i-1]) || isDigitByte(t[i-1]) || t[i-1] == '/' || t[i-1] == '.')) {
			continue
		}
		if !maybeSymbol(t[i:]) {
			continue
		}
		syms, n, err := hemigraph.ScanCitation(t[i:])
		if err != nil {
			continue
		}
		end := i + n
		title, ts, te := quotedTitleAfter(t, end)
		for _, s := range syms {
			if s.ID() == self {
				continue
			}
			refs = append(refs, Reference{Kind: RefSymbol, Symbol: s.String(), ID: s.ID(), QuotedTitle: title,
				EntityKind: s.Kind(), Start: i, End: end})
		}
		claims = append(claims, claim{i, end})
		if title != "" {
			claims = append(claims, claim{ts, te})
			end = te
		}
		i = end - 1
	}
	return refs, claims
}

// maybeSymbol is a cheap test that a symbol may start s: a '/' within its
// first word or two, or an OCR-mangled "AGIRES".
func maybeSymbol(s string) bool {
	if strings.IndexByte(s[:min(len(s), 24)], '/') > 0 {
		return true
	}
	if len(s) < 6 {
		return false
	}
	a, b, c := s[0]|0x20, s[1]|0x20, s[2]|0x20 // ASCII lower case
	return (a == 'a' && b == 'g' || a == 'c' && b == 'p') && (c == 'i' || c == 'l' || s[2] == '1' || s[2] == '|')
}

var quotePairs = [][2]string{{`"`, `"`}, {"“", "”"}, {"«", "»"}, {"„", "“"}, {"“", `"`}}

// quotedTitleAfter returns the quoted title that follows a citation ending
// at p, and its byte range (quotes included).
func quotedTitleAfter(t string, p int) (string, int, int) {
	j := p
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j < len(t) && t[j] == ',' {
		j++
	}
	for j < len(t) && t[j] == ' ' {
		j++
	}
	for _, q := range quotePairs {
		if !strings.HasPrefix(t[j:], q[0]) {
			continue
		}
		body := t[j+len(q[0]):]
		k := strings.Index(body, q[1])
		if k < 0 || k > 400 {
			continue
		}
		title := trimQuotes(body[:k])
		if title == "" {
			return "", 0, 0
		}
		return title, j, j + len(q[0]) + k + len(q[1])
	}
	return "", 0, 0
}

// tok is a word or punctuation mark of a clause.
type tok struct {
	start, end int
	word       string // the word; "" for punctuation
	cap        bool   // starts with an upper-case letter
	upper      bool   // two or more letters, all upper case
	possessive bool   // followed by "'s" (not part of word)
	hyphen     bool   // ends with '-', as "Confidence-" in "Confidence- and Security-Building"
	punct      rune   // the mark of a punctuation token
}

func (k tok) lower() string {
	if !k.cap {
		return k.word
	}
	return strings.ToLower(k.word)
}

// tokenize splits t from offset from into words and punctuation, appended
// to toks.
func tokenize(toks []tok, t string, from int) []tok {
	i := from
	for i < len(t) {
		if t[i] == ' ' {
			i++
			continue
		}
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		switch {
		case isWordRune(r):
			k, next := wordAt(t, i)
			toks = append(toks, k)
			i = next
		default:
			toks = append(toks, tok{start: i, end: i + size, punct: r})
			i += size
		}
	}
	return toks
}

// wordAt reads the word at i: letters, digits and hyphens, an elided
// article ("l'", "d'") as a word of its own, and a possessive "'s" as a flag.
// It returns the token and the offset after it.
func wordAt(t string, i int) (tok, int) {
	j := i
	k := tok{start: i}
	for j < len(t) {
		r, size := rune(t[j]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[j:])
		}
		if isWordRune(r) || r == '-' {
			j += size
			continue
		}
		if r != '\'' && r != '’' {
			break
		}
		after := t[j+size:]
		if strings.HasPrefix(after, "s") && (len(after) == 1 || !startsWithLetter(after[1:])) {
			k.possessive = true
			k.end = j
			k.word = t[i:j]
			return finishTok(k), j + size + 1
		}
		if elided[strings.ToLower(t[i:j])] {
			k.end = j + size
			k.word = t[i:k.end]
			return finishTok(k), k.end
		}
		if !startsWithLetter(after) {
			break
		}
		j += size
	}
	k.end = j
	k.word = t[i:j]
	return finishTok(k), j
}

// isWordRune reports whether r is a letter or digit, with an ASCII fast
// path.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func finishTok(k tok) tok {
	if c := k.word[0]; c < utf8.RuneSelf {
		k.cap = 'A' <= c && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(k.word)
		k.cap = unicode.IsUpper(r)
	}
	k.hyphen = strings.HasSuffix(k.word, "-")
	if !k.cap {
		return k
	}
	letters, upper := 0, true
	for _, c := range k.word {
		if unicode.IsLetter(c) {
			letters++
			upper = upper && unicode.IsUpper(c)
		}
	}
	k.upper = upper && letters >= 2
	return k
}

// headKind returns the kind a head noun names, accepting plurals
// ("Meetings") and "Secretaria-Geral".
func headKind(w string) (hemigraph.Kind, bool) {
	if k, ok := headKinds[w]; ok {
		return k, true
	}
	if len(w) > 4 && strings.HasSuffix(w, "s") {
		if k, ok := headKinds[w[:len(w)-1]]; ok {
			return k, true
		}
	}
	if first, rest, ok := strings.Cut(w, "-"); ok && (rest == "Geral" || rest == "General" || rest == "Général") {
		k, ok := headKinds[first]
		return k, ok
	}
	return "", false
}

func isHead(k tok) bool {
	_, ok := headKind(k.word)
	return ok
}

// isNameWord reports whether k can be part of a name: capitalized and not a
// month.
func isNameWord(k tok) bool {
	if !k.cap {
		return false
	}
	_, month := months[k.word] // months has capitalized keys too
	return !month
}

// nameRefs finds named references in t, tokenized as toks, outside claims.
func nameRefs(t string, toks []tok, claims []claim) []Reference {
	var refs []Reference
	for i := 0; i < len(toks); {
		k := toks[i]
		if k.word == "" || !isNameWord(k) || stopStarts[k.word] || claimed(claims, k.start, k.end) {
			i++
			continue
		}
		j := extendName(toks, i, claims)
		run := runRefs(t, toks, i, j)
		refs = append(refs, run...)
		i = j + 1
		if n := len(run); n > 0 && run[n-1].Acronym != "" {
			i = j + 4 // past "(CICTE)"
		}
	}
	return refs
}

// extendName returns the index of the last token of the name run that
// starts at toks[i].
func extendName(toks []tok, i int, claims []claim) int {
	last := i
	for k := i + 1; k < len(toks); k++ {
		tk := toks[k]
		if tk.word == "" || claimed(claims, tk.start, tk.end) {
			break
		}
		switch {
		case isNameWord(tk):
			last = k
		case lowerAdjectives[tk.word] && k == last+1 && isHead(toks[k-1]):
			last = k
		case connectors[tk.lower()] && !toks[k-1].possessive:
			continue
		default:
			return last
		}
	}
	return last
}

// runRefs turns the run toks[i..j] into references: it splits it at
// possessives and at "and" between two names, trims it, and keeps the parts
// that have a head noun.
func runRefs(t string, toks []tok, i, j int) []Reference {
	var refs []Reference
	owner := ""
	segStart := i
	for k := i; k <= j; k++ {
		if !toks[k].possessive && k < j {
			continue
		}
		parts := splitCoordination(toks, segStart, k)
		for n, p := range parts {
			ref, ok := partRef(t, toks, p[0], p[1])
			if !ok {
				continue
			}
			if toks[k].possessive && n == len(parts)-1 {
				owner = ref.Name // the owner is not a reference of its own
				continue
			}
			if n == 0 {
				ref.PartOf = owner
			}
			refs = append(refs, ref)
		}
		if !toks[k].possessive {
			owner = ""
		}
		segStart = k + 1
	}
	if n := len(refs); n > 0 && refs[n-1].End == toks[j].end {
		refs[n-1].Acronym = acronymAfter(toks, j)
	}
	return refs
}

// splitCoordination splits toks[a..b] where it joins two names: at a
// conjunction with a head noun on each side, and at a topic preposition
// followed (after articles) by a head noun.
func splitCoordination(toks []tok, a, b int) [][2]int {
	var parts [][2]int
	start := a
	for c := a + 1; c < b; c++ {
		w := toks[c].lower()
		split := conjunctions[w] && !toks[c-1].hyphen && hasHead(toks[start:c]) && hasHead(toks[c+1:b+1])
		if !split && topicPrepositions[w] && hasHead(toks[start:c]) {
			n := c + 1
			for n <= b && connectors[toks[n].lower()] {
				n++
			}
			split = n <= b && isHead(toks[n])
		}
		if split {
			parts = append(parts, [2]int{start, c - 1})
			start = c + 1
		}
	}
	return append(parts, [2]int{start, b})
}

func hasHead(toks []tok) bool { return slices.ContainsFunc(toks, isHead) }

// partRef makes a reference of toks[a..b] when it names something.
func partRef(t string, toks []tok, a, b int) (Reference, bool) {
	for a <= b && (connectors[toks[a].lower()] || stopStarts[toks[a].word] || !toks[a].cap) {
		a++
	}
	for b >= a && (connectors[toks[b].lower()] || toks[b].hyphen) {
		b--
	}
	if a > b {
		return Reference{}, false
	}
	h := a
	for h <= b && !isHead(toks[h]) {
		h++
	}
	if h > b {
		if a == b && toks[a].upper {
			if kind, ok := acronymKinds[toks[a].word]; ok {
				return nameRef(t, toks, a, b, kind), true
			}
		}
		return Reference{}, false
	}
	for k := h - 1; k > a; k-- {
		if connectors[toks[k].lower()] {
			a = k + 1 // "Member States of the Permanent Council": the name starts after the last connector
			break
		}
	}
	if a == b && !strings.Contains(toks[a].word, "-") {
		return Reference{}, false // a bare head noun ("the Conference") refers back, not by name
	}
	kind, _ := headKind(toks[h].word)
	return nameRef(t, toks, a, b, kind), true
}

func nameRef(t string, toks []tok, a, b int, kind hemigraph.Kind) Reference {
	return Reference{Kind: RefName, Name: t[toks[a].start:toks[b].end], EntityKind: kind,
		Start: toks[a].start, End: toks[b].end}
}

// acronymAfter returns "CICTE" when toks[j] is followed by "(CICTE)".
func acronymAfter(toks []tok, j int) string {
	if j+3 < len(toks) && toks[j+1].punct == '(' && toks[j+2].upper && toks[j+3].punct == ')' {
		return toks[j+2].word
	}
	return ""
}

// heldInRefs finds descriptions such as "the conference held in Santiago,
// Chile" in t, tokenized as toks.
func heldInRefs(t string, toks []tok, claims []claim) []Reference {
	var refs []Reference
	for k := 1; k < len(toks); k++ {
		if !heldWords[toks[k].word] || toks[k-1].word == "" {
			continue
		}
		start := toks[k-1].start // the gathering noun before "held"
		m := heldInRE.FindStringIndex(t[start:min(len(t), start+200)])
		if m == nil || claimed(claims, start, start+m[1]) {
			continue
		}
		refs = append(refs, Reference{Kind: RefName, Name: t[start : start+m[1]],
			EntityKind: hemigraph.KindConference, Start: start, End: start + m[1]})
	}
	return refs
}

// dropOverlaps keeps, of named references whose spans overlap, the one that
// starts first (the longest when they start together).
func dropOverlaps(refs []Reference) []Reference {
	slices.SortStableFunc(refs, func(a, b Reference) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := refs[:0]
	for _, r := range refs {
		if n := len(out); n > 0 && r.Start < out[n-1].End {
			continue
		}
		out = append(out, r)
	}
	return out
}

// dedupe keeps the first reference to each instrument or name. Clauses
// have few references; a map is used only for the rare long ones.
func dedupe(refs []Reference) []Reference {
	out := refs[:0]
	if len(refs) <= 32 {
		for _, r := range refs {
			if !slices.ContainsFunc(out, r.same) {
				out = append(out, r)
			}
		}
		return out
	}
	seen := make(map[string]bool, len(refs))
	for _, r := range refs {
		key := r.Kind + ":" + r.ID
		if r.Kind == RefName {
			key = r.Kind + ":" + strings.ToLower(r.Name)
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

// same reports whether r and o refer to the same instrument or name.
func (r Reference) same(o Reference) bool {
	if r.Kind != o.Kind {
		return false
	}
	if r.Kind == RefSymbol {
		return r.ID == o.ID
	}
	return strings.EqualFold(r.Name, o.Name)
}

// typeOperative types the references of an operative clause: the object of
// its verb gets the verb's relation, everything else RelMentions.
func typeOperative(t string, toks []tok, verbEN string, verbEnd int, refs []Reference) []Reference {
	for i := range refs {
		refs[i].Relation = hemigraph.RelMentions
	}
	rel, ok := operativeRelation[verbEN]
	if !ok {
		return refs
	}
	at := skipObjectWords(t, verbEnd)
	if rel == hemigraph.RelConvenes {
		if d, ok := convened(t, at, refs); ok {
			return insertRef(refs, d)
		}
	}
	obj := slices.IndexFunc(refs, func(r Reference) bool { return r.Start == at })
	if obj < 0 {
		return refs
	}
	refs[obj].Relation = rel
	if rel == hemigraph.RelInstructs || rel == hemigraph.RelRequests {
		refs[obj].Through = through(t, toks, refs)
	}
	return refs
}

// skipObjectWords returns the offset of the first word at or after i that
// is not an article, possessive or preposition.
func skipObjectWords(t string, i int) int {
	for {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		for j < len(t) && t[j] != ' ' {
			j++
		}
		w := strings.ToLower(t[i:j])
		switch {
		case objectWords[w]:
			i = j
		case strings.HasPrefix(w, "l'"):
			return i + len("l'")
		case strings.HasPrefix(w, "l’"):
			return i + len("l’")
		default:
			return i
		}
	}
}

// convened returns the description of the conference a "To convene"
// clause convenes when it is not a name: "a regional conference to follow
// up on the Santiago Regional Conference on ...".
func convened(t string, at int, refs []Reference) (Reference, bool) {
	if at >= len(t) || slices.ContainsFunc(refs, func(r Reference) bool { return r.Start == at }) {
		return Reference{}, false // the object is a name: it gets the relation itself
	}
	words := wordsAt(t, at, 4)
	if !slices.ContainsFunc(words, func(w span) bool { return gatheringNouns[strings.ToLower(w.text)] }) {
		return Reference{}, false
	}
	end := len(t)
	if m := descriptionEndRE.FindStringIndex(t[at:]); m != nil {
		end = at + m[0]
	}
	name := strings.TrimRight(t[at:end], " ")
	d := Reference{Kind: RefName, Name: name, EntityKind: hemigraph.KindConference,
		Relation: hemigraph.RelConvenes, Start: at, End: at + len(name)}
	if m := followUpRE.FindStringIndex(name); m != nil {
		from := at + m[1]
		for _, r := range refs {
			if r.Start >= from && r.End <= d.End && r.EntityKind == hemigraph.KindConference {
				d.FollowsUp = r.Name
				break
			}
		}
	}
	return d, true
}

// through returns the name of the body named after "through its" in t,
// tokenized as toks.
func through(t string, toks []tok, refs []Reference) string {
	for _, k := range toks {
		if !throughWords[k.lower()] {
			continue
		}
		m := throughRE.FindStringIndex(t[k.start:min(len(t), k.start+40)])
		if m == nil {
			continue
		}
		at := skipObjectWords(t, k.start+m[1])
		for _, r := range refs {
			if r.Start == at && r.Kind == RefName {
				return r.Name
			}
		}
		return ""
	}
	return ""
}

// insertRef inserts r in refs, kept in order of Start.
func insertRef(refs []Reference, r Reference) []Reference {
	i, _ := slices.BinarySearchFunc(refs, r.Start, func(a Reference, start int) int { return a.Start - start })
	return slices.Insert(refs, i, r)
}
