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
		hemigraph.KindDeclaration: {"Declaration", "Declaración", "Déclaration", "Declaração", "Commitment",
			"Compromiso", "Compromisso", "Engagement", "Consensus", "Consenso", "Principles", "Principios",
			"Princípios", "Principes"},
		hemigraph.KindConvention: {"Convention", "Convención", "Convenção", "Treaty", "Tratado", "Traité",
			"Protocol", "Protocolo", "Protocole", "Charter", "Carta", "Charte", "Statute", "Estatuto", "Statut",
			"Agreement", "Acuerdo", "Accord", "Acordo", "Rules", "Reglamento", "Règlement", "Regimento"},
		hemigraph.KindConference: {"Conference", "Conferencia", "Conférence", "Conferência", "Meeting", "Reunión",
			"Réunion", "Reunião", "Summit", "Cumbre", "Sommet", "Cúpula", "Ministerial"},
		hemigraph.KindBody: {"Committee", "Comité", "Comitê", "Commission", "Comisión", "Comissão", "Council",
			"Consejo", "Conseil", "Conselho", "Secretariat", "Secretaría", "Secrétariat", "Secretaria", "Board",
			"Junta", "Assembly", "Asamblea", "Assemblée", "Assembléia", "Assembleia", "Group", "Grupo", "Groupe",
			"Unit", "Unidad", "Unité", "Unidade", "Office", "Oficina", "Department", "Departamento", "Fund",
			"Fondo", "Fonds", "Fundo", "Register", "Registro", "Registre", "Center", "Centre", "Centro",
			"Institute", "Instituto", "Court", "Corte", "Tribunal", "Agency", "Forum", "Foro", "Fórum", "Organ",
			"Órgano", "Organe", "Órgão", "Bureau", "Union", "Unión", "Instrument"},
		hemigraph.KindReport: {"Report", "Informe", "Rapport", "Relatório", "List", "Lista", "Liste",
			"Inventory", "Inventario", "Inventaire", "Inventário"},
		hemigraph.KindPlanOfAction: {"Plan", "Plano", "Program", "Programme", "Programa", "Agenda", "Strategy",
			"Estrategia", "Stratégie", "Estratégia"},
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
	"IDB": hemigraph.KindBody, "BID": hemigraph.KindBody, "PAHO": hemigraph.KindBody, "ECLAC": hemigraph.KindBody,
	"CEPAL": hemigraph.KindBody, "UNDP": hemigraph.KindBody, "PNUD": hemigraph.KindBody,
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

// heldHeads are the nouns heldInRE reads before a "held".
var heldHeads = set("conference", "meeting", "summit", "conferencia", "reunión", "reunion", "cumbre", "conférence",
	"réunion", "sommet", "conferência", "reunião", "cúpula", "cupula")

// throughWords start the phrases throughRE reads.
var throughWords = set("through", "por", "par", "a")

var (
	// heldInRE reads "conference held in Santiago, Chile" from its start.
	heldInRE = regexp.MustCompile(`^(?i:(?:conference|meeting|summit|conferencia|reuni[oó]n|cumbre|conf[ée]rence|r[ée]union|sommet|confer[êe]ncia|reuni[ãa]o|c[úu]pula) (?:held|celebrada|realizada|tenue) (?:in|en|em|à|a) )\p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*)*(?:, \p{Lu}[\p{L}\-]*(?: \p{Lu}[\p{L}\-]*)*)?`)
	// throughRE finds the body an instructed body is to act through.
	throughRE = regexp.MustCompile(`^(?i)(?:through|por intermedio de|por conducto de|a través de|por medio de|par l['’]intermédiaire de|par l['’]entremise de|por intermédio d[aeo]s?|por meio d[aeo]s?)\s+`)
	// followUpRE finds a follow-up in the description of a conference.
	followUpRE = regexp.MustCompile(`(?i)follow[\s-]up|seguimiento|suivi|acompanhamento|seguimento`)
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
	self     string         // id of the document, never a reference of its own
	selfKind hemigraph.Kind // kind of the document
	toks     []tok
	// acronyms are those the document defines — "the Unit for the
	// Promotion of Democracy (UPD)" — with the kind of what they name, so
	// that the acronym alone refers to it later on.
	acronyms map[string]hemigraph.Kind
}

// definedAcronyms finds the acronyms the document defined earlier, standing
// alone in t outside claims.
func (s *refScanner) definedAcronyms(t string, claims []claim) []Reference {
	if len(s.acronyms) == 0 {
		return nil
	}
	var refs []Reference
	for i, k := range s.toks {
		kind, ok := s.acronyms[k.word]
		if !ok || !k.upper || claimed(claims, k.start, k.end) || (i > 0 && s.toks[i-1].punct == '(') {
			continue
		}
		refs = append(refs, Reference{Kind: RefName, Name: k.word, Acronym: k.word, EntityKind: kind, Start: k.start, End: k.end})
	}
	return refs
}

// learnAcronyms remembers the acronyms that refs define.
func (s *refScanner) learnAcronyms(refs []Reference) {
	for _, r := range refs {
		if r.Acronym == "" || r.Name == r.Acronym || acronymKinds[r.Acronym] != "" || keptAcronyms[r.Acronym] ||
			!initialsOf(r.Name, r.Acronym) {
			continue
		}
		if s.acronyms == nil {
			s.acronyms = map[string]hemigraph.Kind{}
		}
		s.acronyms[r.Acronym] = r.EntityKind
	}
}

// initialsOf reports whether acronym is made of the initials of name's
// capitalized words, in order, starting with the first: "UPD" of "Unit for
// the Promotion of Democracy", not "OAS" of "Permanent Council of the
// Organization of American States".
func initialsOf(name, acronym string) bool {
	var initials []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			initials = append(initials, r)
		}
	}
	j := 0
	for i, r := range acronym {
		for j < len(initials) && initials[j] != r {
			if i == 0 {
				return false
			}
			j++
		}
		if j == len(initials) {
			return false
		}
		j++
	}
	return true
}

// ownName reports whether r, found in the title t, is the document's own
// name: a name of the document's kind that opens its title ("REPORT OF THE
// PERMANENT COUNCIL ON ...", "DECLARATION OF QUEBEC CITY"). A title that
// names another kind of thing — a resolution titled after the convention
// it adopts — refers to it.
func (s *refScanner) ownName(t string, r Reference) bool {
	lead := strings.TrimLeft(t[:r.Start], ` "“'«`)
	return lead == "" && r.Session == nil && (r.EntityKind == s.selfKind ||
		(s.selfKind.IsInstrument() && r.EntityKind.IsInstrument() && r.EntityKind != hemigraph.KindResolution &&
			s.selfKind != hemigraph.KindResolution))
}

// foldCaps writes a line in capitals in title case, connectors in lower
// case and acronyms kept, so that its names can be found by their
// capitals. It reports false when the folded text would not keep every
// byte offset.
func foldCaps(t string) (string, bool) {
	var b strings.Builder
	b.Grow(len(t))
	i := 0
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsLetter(r) {
			b.WriteString(t[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(t) {
			r2, n := utf8.DecodeRuneInString(t[j:])
			if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
				break
			}
			j += n
		}
		w := t[i:j]
		lw := strings.ToLower(w)
		switch {
		case afterTo(b.String()) && englishOperative[lw]:
			b.WriteString(lw) // "TO SERVE": a verb, which ends the name before it
		case acronymKinds[w] != "" || keptAcronyms[w]:
			b.WriteString(w)
		case connectors[lw] || foldedLower[lw] || elided[strings.TrimRight(lw, "'’")]:
			b.WriteString(lw)
		default:
			_, n := utf8.DecodeRuneInString(w)
			b.WriteString(w[:n])
			b.WriteString(strings.ToLower(w[n:]))
		}
		i = j
	}
	out := b.String()
	return out, len(out) == len(t)
}

// foldCapsRuns folds the runs of three words or more in capitals inside
// mixed text — a flattened table of contents, "... 3. APPLICATION OF THE
// INTER-AMERICAN DEMOCRATIC CHARTER ...... 87" — as foldCaps folds a line.
func foldCapsRuns(t string) string {
	var out []byte
	runStart, runWords, i := -1, 0, 0
	flush := func(end int) {
		if runStart >= 0 && runWords >= 3 {
			if f, ok := foldCaps(t[runStart:end]); ok {
				if out == nil {
					out = []byte(t)
				}
				copy(out[runStart:end], f)
			}
		}
		runStart, runWords = -1, 0
	}
	for i < len(t) {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		for j < len(t) && t[j] != ' ' {
			j++
		}
		if i == j {
			break
		}
		w := strings.Trim(t[i:j], ".,;:()\"'")
		switch {
		case len(w) >= 2 && isUpperWord(w) && strings.ContainsFunc(w, unicode.IsLetter):
			if runStart < 0 {
				runStart = i
			}
			runWords++
		default:
			flush(i)
		}
		i = j
	}
	flush(len(t))
	if out == nil {
		return t
	}
	return string(out)
}

// afterTo reports whether folded text ends with the word "to".
func afterTo(folded string) bool { return strings.HasSuffix(folded, " to ") }

// foldedLower are words written in lower case when a line in capitals is
// folded, besides the connectors: they end a name.
var foldedLower = set("at", "its", "by", "with", "from", "as", "into", "during", "held", "a", "an", "su", "sus",
	"sa", "son", "ses", "seu", "sua", "que", "which", "who", "adopted", "approved", "aprobada", "aprobado")

// keptAcronyms stay in capitals when a line in capitals is folded.
var keptAcronyms = set("OAS", "OEA", "UN", "ONU", "USA", "CSBM", "CSBMS", "II", "III", "IV", "VI", "XX")

// references finds the references of clause c, whose verb ends at verbEnd
// in c.Text, and types their relations.
func (s *refScanner) references(c Clause, verbEnd int) []Reference {
	t := c.Text
	// A range of symbols is a citation of the whole series in a clause with
	// a verb; a list or a cover prints only its ends.
	expand := c.Kind == Preambular || c.Kind == Operative
	refs, claims := symbolRefs(t, s.self, expand, !expand)
	un := append(assemblyNumberRefs(t, claims), unResolutionRefs(t, claims)...)
	for _, r := range un {
		claims = append(claims, claim{r.Start, r.End})
	}
	refs = append(refs, un...)
	// Names are found by their capitals: a line in capitals is read as if
	// in title case.
	nt := t
	if c.Kind != Preambular && c.Kind != Operative {
		if isCaps(t) {
			if f, ok := foldCaps(t); ok {
				nt = f
			}
		} else if strings.Contains(t, "....") || strings.Contains(t, "……") {
			nt = foldCapsRuns(t) // a table of contents flattened into a paragraph
		}
	}
	s.toks = tokenize(s.toks[:0], nt, verbEnd)
	// Coordinated names that share a head come first: the names around
	// them end where they start.
	dist := distributedRefs(nt, s.toks, claims)
	for _, d := range dist {
		claims = append(claims, claim{d.Start, d.End})
	}
	names := nameRefs(nt, s.toks, claims)
	names = append(names, heldInRefs(nt, s.toks, claims)...)
	names = append(names, descriptionRefs(nt, s.toks, claims)...)
	names = append(names, sessionRefs(t, claims)...)
	names = append(names, s.definedAcronyms(nt, claims)...)
	names = dropOverlaps(names)
	if c.Kind == Title {
		names = slices.DeleteFunc(names, func(r Reference) bool { return s.ownName(t, r) })
	}
	names = append(names, dist...)
	names = symbolDecides(t, names, refs, claims)
	for i := range names {
		names[i].Name = t[names[i].Start:names[i].End]
		if names[i].Session == nil || names[i].Session.Number == 0 {
			names[i].Year = statedYear(t[names[i].End:])
			if names[i].Year == 0 {
				names[i].Year = statedYear(names[i].Name[max(0, strings.Index(names[i].Name, " held ")):])
			}
		}
	}
	refs = append(refs, names...)
	slices.SortStableFunc(refs, func(a, b Reference) int { return a.Start - b.Start })
	refs = dedupe(refs)
	if c.Kind == Preambular {
		for i := range refs {
			refs[i].Relation = hemigraph.RelCites
		}
		return refs
	}
	if c.VerbFrom == VerbInherited && c.Item == "" {
		// A paragraph that continues the clause above has no object of
		// that clause's verb.
		for i := range refs {
			refs[i].Relation = hemigraph.RelMentions
		}
		return refs
	}
	return typeOperative(t, s.toks, c.VerbEN, verbEnd, refs)
}

// symbolDecides drops the name of an instrument that its printed symbol
// follows — "the Annual Report of the Permanent Council (AG/doc.4156/03 add.
// 4)", "the report of the General Secretariat, CP/doc.3573/01" — so that
// the symbol alone says which document it is.
func symbolDecides(t string, names []Reference, syms []Reference, claims []claim) []Reference {
	out := names[:0]
	for _, r := range names {
		// A convention has no document symbol of its own: the symbol after
		// its name is that of the report or resolution the clause is about
		// ("the report ... on the status of the Convention ... (CP/doc...)").
		if r.EntityKind.IsInstrument() && r.EntityKind != hemigraph.KindConvention &&
			(symbolFollows(t[r.End:], r.End, claims) || symbolInBrackets(t, r, syms)) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// hasOCRHead reports whether t holds "AGIRES", "AG1RES", "AG|RES" or the
// like: a symbol whose '/' was misread, which has no '/' to find it by.
func hasOCRHead(t string) bool {
	for i := 0; i+5 < len(t); i++ {
		if t[i]|0x20 != 'a' || t[i+1]|0x20 != 'g' && t[i+1]|0x20 != 'p' {
			continue
		}
		switch t[i+2] {
		case 'I', 'l', '1', '|', 'i', 'L':
			if t[i+3]|0x20 == 'r' || t[i+3]|0x20 == 'd' {
				return true
			}
		}
	}
	return false
}

// symbolFollows reports whether rest, which starts at offset at, opens with
// a symbol claim after at most a bracket, a comma and spaces, or an acronym
// in parentheses and a comma ("(CICTE), CP/doc.3430/01").
func symbolFollows(rest string, at int, claims []claim) bool {
	i := 0
	if strings.HasPrefix(strings.TrimLeft(rest, " "), "(") {
		if m := acronymParen.FindStringIndex(rest); m != nil {
			i = m[1]
		}
	}
	for i < len(rest) && i < 8 && strings.IndexByte(" ([,", rest[i]) >= 0 {
		i++
	}
	for _, c := range claims {
		if c.start == at+i {
			return true
		}
	}
	return false
}

var acronymParen = regexp.MustCompile(`^\s*\(\p{Lu}{2,10}\)`)

// symbolInBrackets reports whether the description r is followed, later in
// the same sentence and before any other instrument, by a symbol of its kind
// in brackets: "the report of the Permanent Council on the Special Meeting
// (AG/doc.3517/97)" is the document the symbol names.
func symbolInBrackets(t string, r Reference, syms []Reference) bool {
	stop := strings.IndexAny(t[r.End:], ";.")
	if stop < 0 {
		stop = len(t) - r.End
	}
	for _, s := range syms {
		if s.Start < r.End || s.Start > r.End+stop || s.EntityKind != r.EntityKind {
			continue
		}
		open := strings.TrimRight(t[r.End:s.Start], " ")
		return strings.HasSuffix(open, "(") || strings.HasSuffix(open, "[")
	}
	return false
}

// symbolRefs finds the symbols cited in t with their quoted titles; with
// expand, a range stands for every document in it.
func symbolRefs(t, self string, expand, listEntry bool) ([]Reference, []claim) {
	var refs []Reference
	var claims []claim
	slash := strings.IndexByte(t, '/') // the next '/': a symbol starts at most 23 bytes before one
	ocr := hasOCRHead(t)
	for i := 0; i < len(t); i++ {
		if !ocr {
			if slash < 0 {
				break
			}
			if slash < i {
				if slash = strings.IndexByte(t[i:], '/'); slash < 0 {
					break
				}
				slash += i
			}
			if i < slash-23 {
				i = slash - 24 // the loop's i++ lands on slash-23
				continue
			}
		}
		if !isASCIILetter(t[i]) || (i > 0 && (isASCIILetter(t[i-1]) || isDigitByte(t[i-1]) || t[i-1] == '/' || t[i-1] == '.')) {
			continue
		}
		if !maybeSymbol(t[i:]) {
			continue
		}
		scan := hemigraph.ScanPrinted
		if expand {
			scan = hemigraph.ScanCitation
		}
		syms, n, err := scan(t[i:])
		if err != nil {
			s, n2, ok := hemigraph.ScanNumbered(t[i:])
			if !ok || (i+n2 < len(t) && (isDigitByte(t[i+n2]) || t[i+n2] == '/')) {
				continue
			}
			syms, n = []hemigraph.Symbol{s}, n2
		}
		end := i + n
		title, ts, te := quotedTitleAfter(t, end)
		if title == "" && listEntry && strings.TrimLeft(t[:i], " -–•*·") == "" {
			title, ts, te = listTitleAfter(t, end)
		}
		if title == "" && len(syms) == 1 {
			title, ts, te = headedTitleAfter(t, end, syms[0].Kind())
		}
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

// listTitleAfter returns the title that follows a symbol opening a list
// entry ("AG/DEC. 17 (XXVIII-O/98) Declaration on the Question of the
// Malvinas Islands 7", "AG/RES. 1413 (XXVI-O/96): Support for ..."): the
// rest of the entry, without a trailing page number, unless it reads as the
// rest of a sentence.
func listTitleAfter(t string, p int) (string, int, int) {
	rest := t[p:]
	if continuesSentence(rest) {
		return "", 0, 0
	}
	start := p + len(rest) - len(strings.TrimLeft(rest, " :-–"))
	end := len(t)
	body := strings.TrimRight(t[start:end], " 0123456789.")
	if body == "" || strings.ContainsAny(body, ";") {
		return "", 0, 0
	}
	return trimQuotes(body), start, start + len(body)
}

// headedTitleAfter returns the title printed right after a declaration's
// symbol in a flattened list ("AG/DEC. 9 (XXV-O/95) Declaration on the
// Question of the Malvinas Islands ..... 9"): a name whose head noun is of
// the symbol's kind, up to a leader of dots, the next symbol or the end of
// the sentence.
func headedTitleAfter(t string, p int, kind hemigraph.Kind) (string, int, int) {
	if kind != hemigraph.KindDeclaration {
		return "", 0, 0
	}
	start := p
	for start < len(t) && t[start] == ' ' {
		start++
	}
	if start == p {
		return "", 0, 0
	}
	word, _, _ := strings.Cut(t[start:min(len(t), start+40)], " ")
	if k, ok := headKinds[word]; !ok || k != kind {
		return "", 0, 0
	}
	end := min(len(t), start+300)
	for _, stop := range []string{"..", ";", "\n", ". "} {
		if k := strings.Index(t[start:end], stop); k >= 0 {
			end = start + k
		}
	}
	for k := start + len(word); k < end; k++ {
		if t[k-1] == ' ' && maybeSymbol(t[k:]) {
			if _, _, err := hemigraph.ScanPrinted(t[k:]); err == nil {
				end = k
				break
			}
		}
	}
	body := strings.TrimRight(t[start:end], " 0123456789.")
	return body, start, start + len(body)
}

// titledWords may stand between a symbol and its quoted title.
var titledWords = []string{"titled", "entitled", "intitulada", "titulada", "denominada", "intitulé", "intitulée", "intitulado"}

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
	for _, w := range titledWords {
		if len(t)-j > len(w) && strings.EqualFold(t[j:j+len(w)], w) && t[j+len(w)] == ' ' {
			j += len(w)
			for j < len(t) && (t[j] == ' ' || t[j] == ':') {
				j++
			}
			break
		}
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
	month      bool   // a capitalized month name
	head       bool   // a head noun (headKind), worked out once
}

func (k tok) lower() string {
	if !k.cap {
		return k.word
	}
	return strings.ToLower(k.word)
}

// in reports whether the word in lower case is in set, without allocating
// for a short ASCII word.
func (k tok) in(set map[string]bool) bool {
	if !k.cap {
		return set[k.word]
	}
	if len(k.word) > 24 {
		return set[strings.ToLower(k.word)]
	}
	var buf [24]byte
	for i := 0; i < len(k.word); i++ {
		c := k.word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return set[string(buf[:len(k.word)])]
}

// tokenize splits t from offset from into words and punctuation, appended
// to toks.
func tokenize(toks []tok, t string, from int) []tok {
	i := from
	for i < len(t) {
		if t[i] == ' ' {
			if i+1 < len(t) && t[i+1] == ' ' && i > from {
				// Two spaces: a line or paragraph break inside the
				// clause, which no name crosses.
				toks = append(toks, tok{start: i, end: i + 1, punct: '\n'})
				for i < len(t) && t[i] == ' ' {
					i++
				}
				continue
			}
			i++
			continue
		}
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		switch {
		case isWordRune(r):
			toks = append(toks, tok{})
			i = wordAt(t, i, &toks[len(toks)-1])
		default:
			toks = append(toks, tok{start: i, end: i + size, punct: r})
			i += size
		}
	}
	return toks
}

// wordAt reads the word at i: letters, digits and hyphens, an elided
// article ("l'", "d'") as a word of its own, and a possessive "'s" as a flag.
// It fills k and returns the offset after it.
func wordAt(t string, i int, k *tok) int {
	j := i
	k.start = i
	for j < len(t) {
		if c := t[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++ // letters, digits and '-': the common case
			continue
		}
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
			finishTok(k)
			return j + size + 1
		}
		if elided[strings.ToLower(t[i:j])] {
			k.end = j + size
			k.word = t[i:k.end]
			finishTok(k)
			return k.end
		}
		if !startsWithLetter(after) {
			break
		}
		j += size
	}
	k.end = j
	k.word = t[i:j]
	finishTok(k)
	return j
}

// isWordRune reports whether r is a letter or digit, with an ASCII fast
// path.
// asciiWord holds the ASCII bytes of a word: letters, digits and '-'.
var asciiWord = func() (a [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		a[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
	}
	return a
}()

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

func finishTok(k *tok) {
	if c := k.word[0]; c < utf8.RuneSelf {
		k.cap = 'A' <= c && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(k.word)
		k.cap = unicode.IsUpper(r)
	}
	k.hyphen = strings.HasSuffix(k.word, "-")
	if !k.cap {
		return
	}
	_, k.month = months[k.word] // months has capitalized keys too
	_, k.head = headKind(k.word)
	letters, upper := 0, true
	for _, c := range k.word {
		if unicode.IsLetter(c) {
			letters++
			upper = upper && unicode.IsUpper(c)
		}
	}
	k.upper = upper && letters >= 2
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

func isHead(k tok) bool { return k.head }

// isNameWord reports whether k can be part of a name: capitalized and not a
// month.
func isNameWord(k tok) bool {
	return k.cap && !k.month
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
		j = producedBy(t, toks, i, j, claims)
		for j+1 < len(toks) && toks[j+1].punct == ',' && instrumentHead(toks[i:j+1]) {
			end := listEnd(toks, j+1, claims)
			if end < 0 {
				break
			}
			j = end
		}
		run := runRefs(t, toks, i, j)
		refs = append(refs, run...)
		i = j + 1
		if n := len(run); n > 0 && run[n-1].Acronym != "" {
			i = j + 4 // past "(CICTE)"
		}
	}
	return refs
}

// producedBy extends a generic name toks[i..j] ("the Plan of Action") over
// the meeting that produced it — "emanating from the 2001 Quebec City
// Summit of the Americas", "adopted at the Second Summit" — which says
// which one it is. It returns the new last index, or j.
func producedBy(t string, toks []tok, i, j int, claims []claim) int {
	if j+3 >= len(toks) {
		return j
	}
	link := toks[j+1].word
	if !(link == "emanating" || link == "adopted" || link == "approved" || link == "resulting") ||
		!(toks[j+2].word == "from" || toks[j+2].word == "at" || toks[j+2].word == "by") {
		return j
	}
	if !toks[i].in(genericFirst) || !genericNames[looseName(t[toks[i].start:toks[j].end])] {
		return j
	}
	k := j + 3
	for k < len(toks) && (toks[k].word == "the" || isDigits(toks[k].word)) {
		k++
	}
	if k >= len(toks) || !isNameWord(toks[k]) || claimed(claims, toks[k].start, toks[k].end) {
		return j
	}
	last := extendName(toks, k, claims)
	if !hasHead(toks[k : last+1]) {
		return j
	}
	return last
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
		case tk.word == "The" || tk.word == "This" || tk.word == "These":
			return last // a sentence begins: "... Against Terrorism The Organization ..."
		case isNameWord(tk):
			last = k
		case lowerAdjectives[tk.word] && k == last+1 && isHead(toks[k-1]):
			last = k
		case tk.in(connectors) && !toks[k-1].possessive:
			continue
		default:
			return last
		}
	}
	return last
}

// listEnd returns the index of the last token of an enumeration of
// capitalized words that continues a name after its comma at toks[k] —
// "Firearms, Ammunition, Explosives, and Other Related Materials", "to
// Prevent, Combat, and Eliminate Terrorism" — or -1 when none does: the
// words after the comma must run, comma by comma, to a conjunction and a
// last capitalized word.
func listEnd(toks []tok, k int, claims []claim) int {
	i := k
	for i < len(toks) && toks[i].punct == ',' {
		i++
		if i < len(toks) && toks[i].in(conjunctions) {
			i++
			if i < len(toks) && isNameWord(toks[i]) && !claimed(claims, toks[i].start, toks[i].end) {
				return extendName(toks, i, claims)
			}
			return -1
		}
		if i >= len(toks) || !isNameWord(toks[i]) || stopStarts[toks[i].word] {
			return -1
		}
		for i < len(toks) && isNameWord(toks[i]) {
			i++
		}
		if i < len(toks) && toks[i].in(conjunctions) {
			if i+1 < len(toks) && isNameWord(toks[i+1]) {
				return extendName(toks, i+1, claims)
			}
			return -1
		}
	}
	return -1
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
				// "the Declaration and the Plan of Action of Lima": a bare
				// head shares the complement of the name it is joined to.
				if n+1 < len(parts) {
					ref, ok = sharedComplement(t, toks, p, parts[n+1])
				}
				if !ok {
					continue
				}
			}
			if toks[k].possessive && n == len(parts)-1 && k < j {
				owner = ref.Name // the owner is not a reference of its own
				continue
			}
			if n == 0 {
				ref.PartOf = owner
			}
			refs = append(refs, ref)
			if inner, ok := innerInstrument(t, toks, p, ref); ok {
				refs = append(refs, inner)
			}
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

// innerInstrument finds the instrument named inside the name of a body or
// a conference — "the Organ of Consultation in Application of the
// Inter-American Treaty of Reciprocal Assistance", "the Conference of the
// States Parties to the Convention against ..." — and gives it as a
// reference of its own.
func innerInstrument(t string, toks []tok, p [2]int, outer Reference) (Reference, bool) {
	if outer.EntityKind != hemigraph.KindBody && outer.EntityKind != hemigraph.KindConference {
		return Reference{}, false
	}
	for k := p[0] + 1; k < p[1]; k++ {
		if toks[k].start < outer.Start || !toks[k].in(connectors) || toks[k].in(conjunctions) {
			continue
		}
		a := k + 1
		for a <= p[1] && toks[a].in(connectors) {
			a++
		}
		if a > p[1] || !isNameWord(toks[a]) {
			continue
		}
		h := a
		for h <= p[1] && !isHead(toks[h]) {
			h++
		}
		if h > p[1] || h-a > 3 {
			continue
		}
		if kind, _ := headKind(toks[h].word); !kind.IsInstrument() {
			continue
		}
		if ref, ok := partRef(t, toks, a, p[1]); ok && ref.EntityKind.IsInstrument() && ref.End == outer.End {
			ref.Within = true
			return ref, true
		}
		return Reference{}, false
	}
	return Reference{}, false
}

// headPhrases are words that continue a head noun after "of" as one head:
// "Plan of Action", "Declaration of Principles", "Meeting of Experts".
var headPhrases = set("Action", "Principles", "Consultation", "Experts", "Ministers", "Work", "Acción", "Acción",
	"Principios", "Consulta", "Expertos", "Ministros", "Ação", "Peritos", "Action", "Principes", "Experts")

// sharedComplement makes a reference of the bare head noun in toks[p] when
// the name q it is coordinated with has a complement ("of Lima to
// Prevent, ..."): the head with that complement, in Full.
func sharedComplement(t string, toks []tok, p, q [2]int) (Reference, bool) {
	a, b := p[0], p[1]
	for a <= b && (toks[a].in(connectors) || !toks[a].cap) {
		a++
	}
	for b >= a && toks[b].in(connectors) {
		b--
	}
	if a != b || !isHead(toks[a]) {
		return Reference{}, false
	}
	h := q[0]
	for h <= q[1] && !isHead(toks[h]) {
		h++
	}
	for c := h + 1; c < q[1]; c++ {
		if !toks[c].in(ofWords) {
			continue
		}
		if headPhrases[toks[c+1].word] {
			c++
			continue
		}
		kind, _ := headKind(toks[a].word)
		r := nameRef(t, toks, a, a, kind)
		r.Full = toks[a].word + " " + t[toks[c].start:toks[q[1]].end]
		return r, true
	}
	return Reference{}, false
}

// splitCoordination splits toks[a..b] where it joins two names: at a
// conjunction with a head noun on each side, and at a topic preposition
// followed (after articles) by a head noun.
func splitCoordination(toks []tok, a, b int) [][2]int {
	var parts [][2]int
	start := a
	for c := a + 1; c < b; c++ {
		split := toks[c].in(conjunctions) && !toks[c-1].hyphen && hasHead(toks[start:c]) &&
			(hasHead(toks[c+1:b+1]) || knownAcronymAt(toks, c+1, b))
		if !split && toks[c].in(topicPrepositions) && hasHead(toks[start:c]) {
			n := c + 1
			for n <= b && toks[n].in(connectors) {
				n++
			}
			// A head within the first words after it: "on the
			// High-Level Meeting on ...", "on the Special Conference".
			for k := n; k <= b && k < n+4 && !split; k++ {
				split = isHead(toks[k])
				if !toks[k].cap {
					break
				}
			}
		}
		if split {
			parts = append(parts, [2]int{start, c - 1})
			start = c + 1
		}
	}
	return append(parts, [2]int{start, b})
}

func hasHead(toks []tok) bool { return slices.ContainsFunc(toks, isHead) }

// knownAcronymAt reports whether toks[a..b], articles aside, is one acronym
// that names something: "the Permanent Council and the IADB".
func knownAcronymAt(toks []tok, a, b int) bool {
	for a <= b && toks[a].in(articles) {
		a++
	}
	return a == b && toks[a].upper && acronymKinds[toks[a].word] != ""
}

// instrumentHead reports whether toks hold the head noun of an instrument
// (a convention, declaration, plan, ...): the names that enumerate.
func instrumentHead(toks []tok) bool {
	return slices.ContainsFunc(toks, func(k tok) bool {
		kind, ok := headKind(k.word)
		return ok && kind.IsInstrument()
	})
}

// partRef makes a reference of toks[a..b] when it names something.
func partRef(t string, toks []tok, a, b int) (Reference, bool) {
	for a <= b && (toks[a].in(connectors) || stopStarts[toks[a].word] || !toks[a].cap) {
		a++
	}
	for b >= a && (toks[b].in(connectors) || toks[b].hyphen || toks[b].in(trailingFurniture)) {
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
	for k := h + 1; k <= b && !toks[k].in(connectors); k++ {
		if toks[k].in(documentTails) {
			return Reference{}, false // "Treaty Document 105-49", "Treaty Text": a kind of page, not a treaty
		}
		if toks[k].in(personTitles) {
			b = k - 1 // "the Disarmament Agency Deputy Director ...": the person is not part of the name
			break
		}
	}
	for k := h - 1; k > a; k-- {
		if toks[k].in(connectors) {
			a = k + 1 // "Member States of the Permanent Council": the name starts after the last connector
			break
		}
	}
	if a == b && !strings.Contains(toks[a].word, "-") {
		if isCharter(toks[a].word) && a > 0 && toks[a-1].in(possessiveWords) {
			// "Article 1 of its Charter": the Organization's own.
			r := nameRef(t, toks, a, b, hemigraph.KindConvention)
			r.Full = "Charter of the Organization of American States"
			return r, true
		}
		return Reference{}, false // a bare head noun ("the Conference") refers back, not by name
	}
	if b-a < 5 && toks[a].in(genericFirst) && genericNames[looseName(t[toks[a].start:toks[b].end])] {
		return Reference{}, false // "the Plan of Action": which one, the text around it says
	}
	if _, _, plural := pluralHead(toks[h].word); plural && genericBefore(toks[a:h]) {
		return Reference{}, false // "Declarations and Resolutions", "the Regional Conferences": a class
	}
	kind, _ := headKind(toks[h].word)
	return nameRef(t, toks, a, b, kind), true
}

// personTitles after a body's name begin a person's title.
var personTitles = set("director", "deputy", "ambassador", "chairman", "chairwoman", "chairperson", "president",
	"minister", "mr", "mrs", "ms", "dr", "spokesman", "spokeswoman", "spokesperson")

// trailingFurniture are page words that a flattened page leaves after a
// name: "... Small Island States Total Page".
var trailingFurniture = set("total", "page", "pages", "print", "top")

// documentTails, printed after a head noun, make the whole a kind of page
// or paper rather than the thing the head names.
var documentTails = set("document", "documents", "doc", "docs", "text", "texts", "online", "page", "pages",
	"website", "room", "series")

// genericBefore reports whether the words before a plural head say only
// what kind of things they are ("Regional", "Special", "Annual"), not which.
func genericBefore(toks []tok) bool {
	for _, k := range toks {
		if !k.in(genericModifiers) {
			return false
		}
	}
	return true
}

// genericModifiers qualify a head without naming one thing.
var genericModifiers = set("regional", "special", "annual", "inter-american", "interamerican", "hemispheric",
	"international", "ministerial", "national", "subregional", "regular", "extraordinary", "technical",
	"preparatory", "informal", "high-level", "other", "several", "various", "related", "relevant", "respective",
	"final", "draft", "joint", "bilateral", "multilateral", "american", "oas", "the")

// possessiveWords stand before a bare "Charter" that is the OAS Charter.
var possessiveWords = set("its", "su", "sua", "sa", "seu")

func isCharter(w string) bool { return w == "Charter" || w == "Carta" || w == "Charte" }

// looseName lower-cases a name, folds its accents and makes every run of
// other than letters one space: "Plan de Acción" is "plan de accion".
func looseName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if f, ok := accentFold[r]; ok {
			r = f
		}
		if !unicode.IsLetter(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentFold = map[rune]rune{'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ã': 'a', 'õ': 'o', 'ç': 'c',
	'â': 'a', 'ê': 'e', 'ô': 'o', 'à': 'a', 'è': 'e', 'ñ': 'n', 'ü': 'u', 'î': 'i', 'û': 'u', 'ë': 'e', 'ï': 'i'}

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
		if w := toks[k].word; w == "" || (w[0] != 'h' && w[0] != 'c' && w[0] != 'r' && w[0] != 't') || !heldWords[w] ||
			toks[k-1].word == "" || !toks[k-1].in(heldHeads) {
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
		if n := len(out); n > 0 && r.Start < out[n-1].End && !(r.Within && r.End <= out[n-1].End) {
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
			key = r.Kind + ":" + strings.ToLower(r.Name) + "\x00" + strings.ToLower(r.Full)
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
	return strings.EqualFold(r.Name, o.Name) && strings.EqualFold(r.Full, o.Full)
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
	end := descriptionEnd(t, at)
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

// descriptionEndPhrases end the description of a convened conference.
var descriptionEndPhrases = []string{" to be held", " with a view", " in order to", " during", " which", " que se",
	" qui se", " a celebrarse", " a realizarse"}

// descriptionEnd returns where the description of a convened conference
// that starts at at in t ends: at the first punctuation mark or phrase
// that leaves it ("to be held", "with a view", ...).
func descriptionEnd(t string, at int) int {
	end := len(t)
	if i := strings.IndexAny(t[at:], ".;:,"); i >= 0 {
		end = at + i
	}
	for _, p := range descriptionEndPhrases {
		if i := strings.Index(t[at:end], p); i >= 0 {
			if j := at + i + len(p); j == len(t) || !isWordByte(t[j]) {
				end = at + i
			}
		}
	}
	return end
}

// through returns the name of the body named after "through its" in t,
// tokenized as toks.
func through(t string, toks []tok, refs []Reference) string {
	for _, k := range toks {
		if !k.in(throughWords) {
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
