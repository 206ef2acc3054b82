package document

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// This file finds references that are not capitalized names: sessions
// ("the twenty-sixth regular session of the General Assembly", "su
// trigésimo segundo período ordinario de sesiones"), United Nations
// resolutions ("resolutions 48/75 K and 49/75 D"), and lower-case
// descriptions that pick out one thing ("the report of the Permanent
// Council on ...", "the special meeting of the Committee on Hemispheric
// Security held on October 7, 1996", "its meeting held on May 17, 2002").

// SessionSpec is the session a session reference names.
type SessionSpec struct {
	Number  int  `json:"number"`            // 26 for "twenty-sixth"
	Special bool `json:"special,omitempty"` // special (extraordinary) session
	// Body is the body whose session it is, as printed ("General Assembly",
	// "CICTE"); "" when the text names none (the document's own body).
	Body string `json:"body,omitempty"`
}

var (
	// sessionOfRE reads the body after a session: " of the General Assembly".
	sessionOfRE = regexp.MustCompile(`^\s+(?i:of|de|da|do|del)\s+(?i:the\s+|la\s+|l['’]|el\s+|a\s+|o\s+)?(\p{Lu}[\p{L}\-]*(?:\s+(?:\p{Lu}[\p{L}\-]*|générale|général|permanente|permanent|geral|of|on|the|de|la|del|against|contra))*)`)
	// sessionAtRE reads the body before a session: "the General Assembly at
	// its", "la Asamblea General en su", "the Assembly's".
	sessionAtRE = regexp.MustCompile(`((?:\p{Lu}[\p{L}\-]*\s+(?:(?:of|the|de|la|los|del|des|da|dos)\s+)*)*\p{Lu}[\p{L}\-]*)(?:\s+(?:at|in|during|en|durante|à|lors de|em|no|na)\s+(?:its|their|su|sus|sa|son|seu|sua)|['’]s)\s*$`)
)

// sessionRefs finds the sessions named in t outside claims.
func sessionRefs(t string, claims []claim) []Reference {
	var refs []Reference
	for _, h := range sessionHits(t) {
		start, end := h.ordStart, h.end
		spec := SessionSpec{Number: h.number, Special: h.special}
		if of := sessionOfRE.FindStringSubmatchIndex(t[end:]); of != nil {
			body := strings.TrimSpace(t[end+of[2] : end+of[3]])
			body = trimTrailingConnectors(body)
			if body != "" {
				spec.Body = body
				end = end + of[2] + len(body)
			}
		}
		if spec.Body == "" {
			if at := sessionAtRE.FindStringSubmatch(t[max(0, start-80):start]); at != nil {
				spec.Body = at[1]
			}
		}
		if claimed(claims, start, end) {
			continue
		}
		refs = append(refs, Reference{Kind: RefName, Name: t[start:end], EntityKind: hemigraph.KindSession,
			Session: &spec, Start: start, End: end})
	}
	return refs
}

// acronymLead reads an acronym in brackets that opens a text.
var acronymLead = regexp.MustCompile(`^\(\p{Lu}{2,10}\)\s*`)

// sessionPlaceRE reads where an unnumbered session met: " in Lima, Peru".
var sessionPlaceRE = regexp.MustCompile(`^\s+in\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*(?:,\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*)?`)

// sessionHit is a session named in a text: its ordinal and where the
// name ends.
type sessionHit struct {
	ordStart, ordEnd, end int
	number                int
	special               bool
}

// sessionKinds are the words that say which kind of session.
var sessionKinds = map[string]bool{"regular": false, "ordinary": false, "special": true, "extraordinary": true,
	"ordinaire": false, "extraordinaire": true, "ordinario": false, "extraordinario": true, "ordinário": false,
	"extraordinário": true}

// sessionHits finds "<ordinal> regular session", "<ordinal> session
// ordinaire" and "<ordinal> período ordinario de sesiones" in t.
func sessionHits(t string) []sessionHit {
	if !mentionsSession(t) {
		return nil
	}
	var out []sessionHit
	for i := 0; i < len(t); i++ {
		c := t[i] | 0x20
		if c != 's' && c != 'p' && c != 'g' || (i > 0 && isWordByte(t[i-1])) {
			continue
		}
		switch {
		case hasWordFold(t, i, "general assembly"):
			// "the 21st General Assembly", "the XXXI OAS General Assembly".
			at := i
			if a, b := prevWord(t, i); b > a && (t[a:b] == "OAS" || t[a:b] == "OEA") {
				at = a
			}
			if h, ok := ordinalBefore(t, at); ok {
				h.end = i + len("general assembly")
				out = append(out, h)
			}
		case hasWordFold(t, i, "session"):
			end := i + len("session")
			kindAt, kindEnd := prevWord(t, i)
			kind, ok := sessionKinds[strings.ToLower(t[kindAt:kindEnd])]
			if ok { // "twenty-sixth regular session"
				if h, ok := ordinalBefore(t, kindAt); ok {
					h.end, h.special = end, kind
					out = append(out, h)
				} else if kind && t[kindAt] == 'S' && t[i] == 'S' {
					// "the Special Session of the General Assembly", "in
					// Special Session in Lima, Peru": which one, its place
					// or date says.
					h := sessionHit{ordStart: kindAt, ordEnd: kindAt, end: end, special: true}
					if m := sessionPlaceRE.FindStringIndex(t[end:]); m != nil {
						h.end = end + m[1]
					}
					out = append(out, h)
				}
				continue
			}
			// "32e session ordinaire"
			nextAt, nextEnd := nextWord(t, end)
			if kind, ok := sessionKinds[strings.ToLower(t[nextAt:nextEnd])]; ok {
				if h, ok := ordinalBefore(t, i); ok {
					h.end, h.special = nextEnd, kind
					out = append(out, h)
				}
			}
		case hasWordFold(t, i, "período") || hasWordFold(t, i, "periodo"):
			end := i + len("período")
			if hasWordFold(t, i, "periodo") {
				end = i + len("periodo")
			}
			kAt, kEnd := nextWord(t, end)
			kind, ok := sessionKinds[strings.ToLower(t[kAt:kEnd])]
			if !ok {
				continue
			}
			dAt, dEnd := nextWord(t, kEnd)
			sAt, sEnd := nextWord(t, dEnd)
			if !strings.EqualFold(t[dAt:dEnd], "de") || !(strings.EqualFold(t[sAt:sEnd], "sesiones") || strings.EqualFold(t[sAt:sEnd], "sessões")) {
				continue
			}
			if h, ok := ordinalBefore(t, i); ok {
				h.end, h.special = sEnd, kind
				out = append(out, h)
			}
		}
	}
	return out
}

// mentionsSession reports, in one pass, whether t holds "ssion", "ssem"
// or "riod"/"ríod" in any case: whether sessionHits has anything to find.
func mentionsSession(t string) bool {
	for i := 0; i+4 < len(t); i++ {
		switch t[i] | 0x20 {
		case 's':
			if t[i+1]|0x20 == 's' && (t[i+2]|0x20 == 'i' && t[i+3]|0x20 == 'o' || t[i+2]|0x20 == 'e' && t[i+3]|0x20 == 'm') {
				return true
			}
		case 'r':
			if t[i+1]|0x20 == 'i' && t[i+2]|0x20 == 'o' || t[i+1] == 0xC3 && (t[i+2] == 0xAD || t[i+2] == 0x8D) {
				return true
			}
		}
	}
	return false
}

// ordinalBefore reads the ordinal that ends before i: one word
// ("twenty-sixth", "26th", "32e", "XXXII") or two ("vigésimo sexto").
func ordinalBefore(t string, i int) (sessionHit, bool) {
	a, b := prevWord(t, i)
	if a == b {
		return sessionHit{}, false
	}
	if a2, _ := prevWord(t, a); a2 < a {
		if n := ordinalValue(t[a2:b]); n > 0 && n < 100 && strings.ContainsRune(t[a2:b], ' ') {
			return sessionHit{ordStart: a2, ordEnd: b, number: n}, true
		}
	}
	if n := ordinalValue(t[a:b]); n > 0 && n < 100 {
		return sessionHit{ordStart: a, ordEnd: b, number: n}, true
	}
	return sessionHit{}, false
}

// prevWord returns the bounds of the word that ends before i (spaces
// skipped); equal bounds when there is none.
func prevWord(t string, i int) (int, int) {
	b := i
	for b > 0 && t[b-1] == ' ' {
		b--
	}
	a := b
	for a > 0 && (isWordByte(t[a-1]) || t[a-1] == '-' || t[a-1] >= 0x80) {
		a--
	}
	return a, b
}

// nextWord returns the bounds of the word that starts at or after i.
func nextWord(t string, i int) (int, int) {
	for i < len(t) && t[i] == ' ' {
		i++
	}
	j := i
	for j < len(t) && (isWordByte(t[j]) || t[j] >= 0x80) {
		j++
	}
	return i, j
}

func isWordByte(c byte) bool { return isASCIILetter(c) || isDigitByte(c) }

// hasWordFold reports whether t holds the word w (any case) at i, ending
// there: "session" but not "sessions".
func hasWordFold(t string, i int, w string) bool {
	end := i + len(w)
	if end > len(t) || !strings.EqualFold(t[i:end], w) {
		return false
	}
	return end == len(t) || !(isWordByte(t[end]) || t[end] >= 0x80)
}

// trimTrailingConnectors drops connectors a greedy match took at the end
// of a name: "General Assembly of the" → "General Assembly".
func trimTrailingConnectors(s string) string {
	for {
		i := strings.LastIndexByte(s, ' ')
		if i < 0 || !connectors[strings.ToLower(s[i+1:])] {
			return s
		}
		s = s[:i]
	}
}

// ordinalValue reads an ordinal as printed before "session": "twenty-sixth",
// "26th", "32e", "32o", "XXXII", "vigésimo sexto"; 0 when it is none.
func ordinalValue(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	low := strings.ToLower(s)
	if n := ordinalWord(low); n > 0 {
		return n
	}
	if m := ordinalRE.FindStringSubmatch(low); m != nil && !isDigits(low) {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	// A Roman numeral of at least two letters: a lone "I" is a word.
	if n, ok := hemigraph.ParseRoman(s); ok && len(s) >= 2 {
		return n
	}
	return 0
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// unResolutionRE finds United Nations resolutions by number: "resolution
// 49/139", "resolutions 48/75 K and 49/75 D", "A/RES/55/255", "Security
// Council resolution 1540 (2004)".
var (
	unResolutionRE = regexp.MustCompile(`(?i)\b(?:resolutions?|resoluci[oó]n(?:es)?|r[ée]solutions?|resolu[çc](?:[ãa]o|[õo]es))\s+((?:A/RES/)?\d{1,3}/\d{1,3}(?:\s?[A-Z](?:\b|\s))?(?:(?:\s*,\s*|\s+(?:and|y|et|e)\s+)(?:A/RES/)?\d{1,3}/\d{1,3}(?:\s?[A-Z]\b)?)*)`)
	unNumberRE     = regexp.MustCompile(`(?:A/RES/)?(\d{1,3})/(\d{1,3})(?:\s?([A-Z])\b)?`)
)

// numberAfterResolution reports whether the word "resolution" (in any of
// the four languages, singular or plural) is followed by a number with a
// '/' in t: the cheap test before unResolutionRE runs.
func numberAfterResolution(t string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], "solu")
		if i < 0 {
			return false
		}
		i += from
		from = i + 4
		j := from
		for j < len(t) && t[j] != ' ' {
			j++
		}
		for j < len(t) && t[j] == ' ' {
			j++
		}
		if j < len(t) && isDigitByte(t[j]) && strings.IndexByte(t[j:min(len(t), j+8)], '/') > 0 {
			return true
		}
	}
}

// securityCouncilRE finds a resolution of the United Nations Security
// Council by number: "Security Council resolution 1373 (2001)", "UN
// Security Council Resolution 1540".
var securityCouncilRE = regexp.MustCompile(`(?i)\bsecurity council(?:'s)?\s+resolutions?\s+(\d{3,4})\b`)

// assemblyNumberRE finds a General Assembly resolution cited by number and
// session without its series: "resolution 1353 (XXV-O/95)", OCR'd as
// "(XX-0/95)" too.
var assemblyNumberRE = regexp.MustCompile(`(?i)\bresolu(?:tion|ción|ção)s?\s+(\d{3,4})\s*\(([IVXL]{1,7})\s*-\s*[OE0]\s*/\s*(\d{2})\)`)

// assemblyNumberRefs finds General Assembly resolutions cited by number and
// session in t, outside claims. The two digits of the year decide the
// session when the numeral is misprinted.
func assemblyNumberRefs(t string, claims []claim) []Reference {
	var refs []Reference
	for off := 0; ; {
		// Only a window after each "resolu..." followed by a digit is worth
		// the expression.
		k := strings.Index(t[off:], "esolu")
		if k < 0 {
			break
		}
		at := off + k - 1
		off += k + len("esolu")
		sp := strings.IndexByte(t[off:min(len(t), off+10)], ' ')
		if at < 0 || sp < 0 || off+sp+1 >= len(t) || !isDigitByte(t[off+sp+1]) {
			continue
		}
		w := t[at:min(len(t), off+sp+40)]
		m := assemblyNumberRE.FindStringSubmatchIndex(w)
		if m == nil || m[0] != 0 {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += at
			}
		}
		start := m[2]
		if claimed(claims, start, m[1]) {
			continue
		}
		yy, _ := strconv.Atoi(t[m[6]:m[7]])
		year := 1900 + yy
		if yy < 70 {
			year = 2000 + yy
		}
		if year < 1971 {
			continue
		}
		kind := "O"
		if c := t[m[5]+1 : m[6]-1]; strings.ContainsAny(strings.TrimSpace(strings.Trim(c, " -/")), "Ee") {
			kind = "E"
		}
		text := fmt.Sprintf("AG/RES. %s (%s-%s/%02d)", t[m[2]:m[3]], hemigraph.Roman(year-1970), kind, yy)
		if kind == "E" {
			text = fmt.Sprintf("AG/RES. %s (%s-E/%02d)", t[m[2]:m[3]], strings.ToUpper(t[m[4]:m[5]]), yy)
		}
		sym, err := hemigraph.ParseSymbol(text)
		if err != nil {
			continue
		}
		refs = append(refs, Reference{Kind: RefSymbol, Symbol: sym.String(), ID: sym.ID(), EntityKind: hemigraph.KindResolution,
			Start: start, End: m[1]})
	}
	return refs
}

// unResolutionRefs finds United Nations General Assembly resolutions cited
// by number in t, outside claims. Each gets the symbol "49/139" (or
// "53/77E") and the id "unga-res-49-139" ("unga-res-53-77e"); a Security
// Council resolution the symbol "S/RES/1373" and the id "unsc-res-1373".
func unResolutionRefs(t string, claims []claim) []Reference {
	var refs []Reference
	if containsFold(t, "security council") {
		for _, m := range securityCouncilRE.FindAllStringSubmatchIndex(t, -1) {
			start := m[0]
			if i := strings.LastIndex(t[:start], " "); i >= 0 && strings.EqualFold(strings.Trim(t[i+1:start], " "), "UN") {
				start = i + 1
			}
			if claimed(claims, start, m[1]) {
				continue
			}
			n := t[m[2]:m[3]]
			refs = append(refs, Reference{Kind: RefSymbol, Symbol: "S/RES/" + n, ID: "unsc-res-" + n,
				EntityKind: hemigraph.KindResolution, Start: start, End: m[1]})
		}
	}
	if !numberAfterResolution(t) {
		return refs
	}
	for _, m := range unResolutionRE.FindAllStringSubmatchIndex(t, -1) {
		list := t[m[2]:m[3]]
		for _, n := range unNumberRE.FindAllStringSubmatchIndex(list, -1) {
			start, end := m[2]+n[0], m[2]+n[1]
			if claimed(claims, start, end) {
				continue
			}
			session, number := list[n[2]:n[3]], list[n[4]:n[5]]
			letter := ""
			if n[6] >= 0 {
				letter = list[n[6]:n[7]]
			}
			sym := session + "/" + number + letter
			for end > start && t[end-1] == ' ' {
				end--
			}
			refs = append(refs, Reference{Kind: RefSymbol, Symbol: sym,
				ID:         "unga-res-" + session + "-" + number + strings.ToLower(letter),
				EntityKind: hemigraph.KindResolution, Start: start, End: end})
		}
	}
	return refs
}

// descHeads are the lower-case head nouns of descriptions, with the kind
// they describe.
var descHeads = map[string]hemigraph.Kind{
	"report": hemigraph.KindReport, "informe": hemigraph.KindReport, "rapport": hemigraph.KindReport,
	"relatório": hemigraph.KindReport, "meeting": hemigraph.KindConference, "reunión": hemigraph.KindConference,
	"réunion": hemigraph.KindConference, "reunião": hemigraph.KindConference, "conference": hemigraph.KindConference,
	"summit": hemigraph.KindConference, "declaration": hemigraph.KindDeclaration, "meetings": hemigraph.KindConference,
	"statement": hemigraph.KindDeclaration, "sesión": hemigraph.KindConference,
}

// descDeterminers make a description definite.
var descDeterminers = set("the", "its", "their", "el", "la", "su", "le", "son", "sa", "o", "a", "seu", "sua")

// descAdjectives may stand between the determiner and the head.
var descAdjectives = set("annual", "final", "special", "regular", "informal", "joint", "high-level", "extraordinary",
	"ministerial", "hemispheric", "regional", "respective", "latest", "recent", "preliminary", "progress",
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "next", "last",
	"anual", "especial", "extraordinaria", "ordinaria", "primera", "segunda", "tercera", "annuel", "spéciale",
	"especial", "anual", "technical", "expert", "experts", "summary", "plenary")

// heldDateRE reads what follows "held" in a description: a date or a
// place, "on October 7 and 8, 1996", "in Washington, D.C.".
var heldDateRE = regexp.MustCompile(`^held\s+(?:on|in|at|from)\s+(?:\p{Lu}[\p{L}.\-]*|\d{1,2})(?:(?:,?\s+|\s+(?:and|to|in|of|-)\s+)(?:\p{Lu}[\p{L}.\-]*|\d{1,4}))*`)

// onDateRE reads "on <Month> <day>[, <year>]" or "on <day> <Month>
// [<year>]", perhaps after the participle that dates it.
var onDateRE = regexp.MustCompile(`^(?:(?:held|approved|adopted|issued|signed)\s+)?on\s+(?:(\p{Lu}\p{Ll}+)\s+\d{1,2}(?:\s+(?:and|to|-)\s+\d{1,2})?(?:,?\s+\d{4})?|\d{1,2}\s+(\p{Lu}\p{Ll}+)(?:\s+\d{4})?)`)

// datedOn returns the length of the date complement that opens t, or 0.
func datedOn(t string) int {
	w, _, _ := strings.Cut(t[:min(len(t), 12)], " ")
	switch w {
	case "on", "held", "approved", "adopted", "issued", "signed":
	default:
		return 0
	}
	m := onDateRE.FindStringSubmatchIndex(t)
	if m == nil {
		return 0
	}
	month := ""
	if m[2] >= 0 {
		month = t[m[2]:m[3]]
	} else if m[4] >= 0 {
		month = t[m[4]:m[5]]
	}
	if _, ok := months[month]; !ok {
		return 0
	}
	return m[1]
}

// yearRE finds a year.
var yearRE = regexp.MustCompile(`\b(19[4-9]\d|20[0-4]\d)\b`)

// statedYear returns the year that the text right after a reference gives
// the thing: "held in Santiago in November 1995", "(1995)", "of 1996".
func statedYear(rest string) int {
	rest = strings.TrimLeft(rest, " ,")
	if m := acronymLead.FindStringIndex(rest); m != nil {
		rest = rest[m[1]:] // "(OAS) at Washington on November 13, 1997"
	}
	switch {
	case strings.HasPrefix(rest, "("):
		if len(rest) >= 6 && rest[5] == ')' {
			if m := yearRE.FindString(rest[1:5]); m != "" {
				y, _ := strconv.Atoi(m)
				return y
			}
		}
		return 0
	case strings.HasPrefix(rest, "held "), strings.HasPrefix(rest, "celebrada "), strings.HasPrefix(rest, "realizada "),
		strings.HasPrefix(rest, "tenue "), strings.HasPrefix(rest, "of "), strings.HasPrefix(rest, "in "),
		strings.HasPrefix(rest, "at "), strings.HasPrefix(rest, "on "):
	default:
		return 0
	}
	end := len(rest)
	if i := strings.IndexAny(rest, ";:"); i >= 0 {
		end = i
	}
	end = min(end, 90)
	if m := yearRE.FindString(rest[:end]); m != "" {
		y, _ := strconv.Atoi(m)
		return y
	}
	return 0
}

// descriptionRefs finds lower-case definite descriptions in t, tokenized
// as toks: a determiner, adjectives, a head noun (report, meeting, ...),
// and a complement that makes it one thing — "of" and a name, or "held"
// and a date or place. The description runs to the end of the complement.
func descriptionRefs(t string, toks []tok, claims []claim) []Reference {
	var refs []Reference
	for i, k := range toks {
		if k.word == "" || k.cap {
			continue
		}
		kind, ok := descHeads[k.word]
		if !ok {
			continue
		}
		// Back over adjectives to a determiner.
		a := i - 1
		for a >= 0 && toks[a].word != "" && !toks[a].cap && descAdjectives[toks[a].word] {
			a--
		}
		if a < 0 || !toks[a].in(descDeterminers) {
			continue
		}
		start := toks[a+1].start
		if a+1 == i {
			start = k.start
		}
		end := -1
		// "of" and a name.
		if i+1 < len(toks) && (toks[i+1].word == "of" || toks[i+1].word == "de" || toks[i+1].word == "del") {
			j := i + 2
			for j < len(toks) && toks[j].in(connectors) && !toks[j].cap {
				j++
			}
			if j < len(toks) && isNameWord(toks[j]) && !claimed(claims, toks[j].start, toks[j].end) {
				last := extendName(toks, j, claims)
				// The owner ends where a topic names another thing: "the
				// report of the Permanent Council on the Special Meeting".
				for c := j + 1; c < last; c++ {
					if toks[c].in(topicPrepositions) && hasHead(toks[c+1:last+1]) {
						last = c - 1
						break
					}
				}
				for last > j && toks[last].in(connectors) {
					last--
				}
				end = toks[last].end
			}
		}
		// "held on <date>" / "held in <place>".
		rest := t[k.end:]
		if end >= 0 {
			rest = t[end:]
		}
		trimmed := strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(trimmed, "held ") {
			trimmed = ""
		}
		if m := heldDateRE.FindStringIndex(trimmed); m != nil {
			end = len(t) - len(trimmed) + m[1]
		} else if n := datedOn(strings.TrimLeft(rest, " ")); n > 0 {
			// "its meeting on July 23, 1999", "the statement approved on
			// September 11, 2001": the date makes it one thing.
			end = len(t) - len(strings.TrimLeft(rest, " ")) + n
		}
		if end < 0 || claimed(claims, start, end) {
			continue
		}
		refs = append(refs, Reference{Kind: RefName, Name: t[start:end], EntityKind: kind, Start: start, End: end})
	}
	return refs
}

// distributedRefs finds coordinated names that share a plural head and
// its complement — "the Declarations of Santiago and San Salvador on
// Confidence- and Security-Building Measures", "the Charters of the OAS and
// the United Nations", "the regional conferences of Santiago and San
// Salvador" — and gives one reference per name, each spanning the phrase,
// with the name in full in Full.
func distributedRefs(t string, toks []tok, claims []claim) []Reference {
	refs := sharedHeadAfter(t, toks, claims)
	for i := 0; i+2 < len(toks); i++ {
		k := toks[i]
		singular, kind, ok := pluralHead(k.word)
		if !ok || !toks[i+1].in(ofWords) {
			continue
		}
		// The conjuncts: runs of capitalized words (articles allowed before
		// each), separated by commas and one conjunction, each perhaps
		// followed by a year in parentheses.
		j := i + 2
		var conj [][2]int
		for j < len(toks) {
			if len(conj) > 0 && toks[j].in(ofWords) && !toks[j].cap {
				j++ // "the Charters of the United Nations and of the OAS"
			}
			for j < len(toks) && toks[j].in(articles) && !toks[j].cap {
				j++
			}
			if j >= len(toks) || !isNameWord(toks[j]) || claimed(claims, toks[j].start, toks[j].end) {
				break
			}
			a := j
			for j+1 < len(toks) && (isNameWord(toks[j+1]) || (toks[j+1].in(nameConnectors) && j+2 < len(toks) && isNameWord(toks[j+2]))) {
				j++
			}
			conj = append(conj, [2]int{a, j})
			j++
			if j+2 < len(toks) && toks[j].punct == '(' && isDigits(toks[j+1].word) && toks[j+2].punct == ')' {
				j += 3
			}
			if j < len(toks) && toks[j].punct == ',' {
				j++
			}
			if j < len(toks) && toks[j].in(conjunctions) {
				j++
				continue
			}
			if j < len(toks) && !isNameWord(toks[j]) && len(conj) > 1 {
				break
			}
			if j < len(toks) && toks[j].in(articles) {
				continue
			}
			if j >= len(toks) || !isNameWord(toks[j]) {
				break
			}
		}
		if len(conj) < 2 || allPlural(toks, conj) {
			continue // "the Reports of the Organs, Agencies, and Entities" names a class
		}
		end := toks[conj[len(conj)-1][1]].end
		// A shared tail: "on Confidence- and Security-Building Measures".
		tail := ""
		if j < len(toks) && toks[j].in(topicPrepositions) && j+1 < len(toks) && isNameWord(toks[j+1]) {
			last := extendName(toks, j+1, claims)
			for c := j + 2; c < last; c++ {
				if toks[c].in(conjunctions) && !toks[c-1].hyphen && hasHead(toks[c+1:last+1]) {
					last = c - 1
					for last > j && toks[last].in(connectors) {
						last--
					}
					break
				}
			}
			tail = " " + t[toks[j].start:toks[last].end]
			end = toks[last].end
		}
		start := k.start
		if claimed(claims, start, end) {
			continue
		}
		head := strings.ToUpper(singular[:1]) + singular[1:]
		for _, c := range conj {
			full := head + " " + toks[i+1].word + " " + t[toks[c[0]].start:toks[c[1]].end] + tail
			refs = append(refs, Reference{Kind: RefName, Name: t[start:end], Full: full, EntityKind: kind,
				Start: start, End: end})
		}
		i = j - 1
	}
	return refs
}

// sharedHeadAfter finds two names that share a plural head printed after
// them — "the United Nations and OAS Charters", "the Santiago and San
// Salvador Declarations" — and gives one reference per name, in full.
func sharedHeadAfter(t string, toks []tok, claims []claim) []Reference {
	var refs []Reference
	for i := 2; i < len(toks); i++ {
		singular, kind, ok := pluralHead(toks[i].word)
		if !ok || !toks[i].cap {
			continue
		}
		// Back over B, the conjunction, A.
		b1 := i - 1
		b0 := b1
		for b0-1 >= 0 && isNameWord(toks[b0-1]) {
			b0--
		}
		if b0 > b1 || !isNameWord(toks[b1]) || b0-1 < 1 || !toks[b0-1].in(conjunctions) {
			continue
		}
		a1 := b0 - 2
		a0 := a1
		for a0-1 >= 0 && isNameWord(toks[a0-1]) && !stopStarts[toks[a0-1].word] {
			a0--
		}
		if a1 < 0 || !isNameWord(toks[a1]) || stopStarts[toks[a0].word] || claimed(claims, toks[a0].start, toks[i].end) {
			continue
		}
		head := strings.ToUpper(singular[:1]) + singular[1:]
		start, end := toks[a0].start, toks[i].end
		// A complement after the head is shared too: "the Second and
		// Third Summits of the Americas".
		tail := ""
		if i+2 < len(toks) && toks[i+1].in(ofWords) {
			j := i + 2
			for j < len(toks) && toks[j].in(articles) {
				j++
			}
			if j < len(toks) && isNameWord(toks[j]) {
				last := extendName(toks, j, claims)
				tail = " " + t[toks[i+1].start:toks[last].end]
				end = toks[last].end
			}
		}
		for _, c := range [][2]int{{a0, a1}, {b0, b1}} {
			full := t[toks[c[0]].start:toks[c[1]].end] + " " + head + tail
			refs = append(refs, Reference{Kind: RefName, Name: t[start:end], Full: full, EntityKind: kind, Start: start, End: end})
		}
	}
	return refs
}

// allPlural reports whether every conjunct is one plural word.
func allPlural(toks []tok, conj [][2]int) bool {
	for _, c := range conj {
		if c[0] != c[1] || !strings.HasSuffix(toks[c[0]].word, "s") {
			return false
		}
	}
	return true
}

// ofWords join a plural head to its complement.
var ofWords = set("of", "de", "da", "do", "des", "du")

// articles may precede each conjunct.
var articles = set("the", "la", "el", "los", "las", "le", "les", "l'", "o", "a", "os", "as")

// nameConnectors may stand inside one conjunct: "San Carlos de Bariloche".
var nameConnectors = set("de", "del", "do", "da", "of")

// pluralHead returns the singular of a plural head noun ("Declarations",
// "conferences", "Charters") and its kind.
func pluralHead(w string) (string, hemigraph.Kind, bool) {
	if len(w) < 5 || w[len(w)-1] != 's' {
		return "", "", false
	}
	h, ok := pluralHeads[w]
	return h.singular, h.kind, ok
}

// pluralHeads maps the plurals of head nouns, capitalized or not, to their
// singular in lower case and their kind.
var pluralHeads = func() map[string]struct {
	singular string
	kind     hemigraph.Kind
} {
	m := map[string]struct {
		singular string
		kind     hemigraph.Kind
	}{}
	for head, kind := range headKinds {
		low := strings.ToLower(head[:1]) + head[1:]
		for _, plural := range []string{head + "s", head + "es", low + "s", low + "es"} {
			m[plural] = struct {
				singular string
				kind     hemigraph.Kind
			}{low, kind}
		}
	}
	// Spanish and Portuguese plurals that change the stem.
	for plural, singular := range map[string]string{"Declaraciones": "Declaración", "Declarações": "Declaração",
		"Convenciones": "Convención", "Convenções": "Convenção", "Reuniones": "Reunión", "Reuniões": "Reunião",
		"Comisiones": "Comisión", "Comissões": "Comissão"} {
		kind := headKinds[singular]
		for _, w := range []string{plural, strings.ToLower(plural[:1]) + plural[1:]} {
			m[w] = struct {
				singular string
				kind     hemigraph.Kind
			}{strings.ToLower(singular[:1]) + singular[1:], kind}
		}
	}
	return m
}()
