package document

import (
	"strings"

	"github.com/hemigraph/hemigraph"
)

// This file holds the vocabulary of the four languages of the OAS: the
// preamble verbs and their English equivalents, the words that open the
// operative part, operative infinitives, ordinals (the domain's words,
// hemigraph.ParseOrdinal) and months.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// verbWords open a preamble verb phrase although they lack a verb ending.
var verbWords = set(
	"AWARE", "MINDFUL", "CONSCIOUS", "CONVINCED", "CONCERNED", "DEEPLY", "GRAVELY", "PLEASED",
	"DETERMINED", "ALARMED", "DESIROUS", "NOTING", "HAVING", "TENDO", "AYANT",
	"VISTO", "CONSCIENTE", "CONSCIENTES", "CONVENCIDA", "CONVENCIDO", "PREOCUPADA", "PERSUADIDA",
	"VU", "CONVAINCUE", "PRÉOCCUPÉE", "SOUCIEUSE",
	"CIENTE", "CONVICTA",
)

// verbContinuations may follow the first word of a preamble verb phrase.
var verbContinuations = set(
	"ALSO", "FURTHER", "FURTHERMORE", "MOREOVER", "AGAIN", "NOTE", "INTO", "ACCOUNT", "IN", "MIND",
	"SEEN", "WITH", "SATISFACTION", "CONCERN", "APPRECIATION", "INTEREST", "PARTICULAR", "ESPECIALLY",
	"CONSIDERATION", "GRAVE", "DEEP", "GREAT", "SERIOUS", "PROFOUND", "ALARM", "REGRET", "GRATITUDE",
	"APPROVAL", "PLEASURE", "RECOGNITION", "REGARD", "DUE", "MOST", "SPECIAL", "PARTICULARLY",
	"TOO", "CONSIDERACIÓN", "PROFUNDA", "GRAN", "PARTICULAR", "ESPECIAL", "PROFONDE", "GRANDE", "VIVE",
	"NOTA", "EN", "CUENTA", "PRESENTE", "ASIMISMO", "ADEMÁS", "TAMBIÉN", "IGUALMENTE", "CON",
	"SATISFACCIÓN", "PREOCUPACIÓN", "BENEPLÁCITO", "VISTO",
	"COMPTE", "ÉGALEMENT", "AUSSI", "AVEC", "VU", "DE",
	"TAMBÉM", "EM", "CONTA", "COM", "AINDA", "OUTROSSIM",
)

// phraseMiddles may continue a preamble verb phrase but not end it: "TAKING
// INTO" waits for "ACCOUNT", "NOTING WITH" for its noun.
var phraseMiddles = set("INTO", "WITH", "IN", "CON", "EN", "AVEC", "COM", "EM", "GRAVE", "DEEP", "GREAT",
	"SERIOUS", "PROFOUND", "DUE", "MOST", "SPECIAL", "PROFUNDA", "GRAN", "ESPECIAL", "PROFONDE", "GRANDE", "VIVE")

// alsoWords mark a repeated verb: "NOTING ALSO", "RECORDANDO ASIMISMO".
var alsoWords = set("ALSO", "FURTHER", "FURTHERMORE", "MOREOVER", "AGAIN", "ASIMISMO", "ADEMÁS",
	"TAMBIÉN", "IGUALMENTE", "ÉGALEMENT", "AUSSI", "TAMBÉM", "AINDA", "OUTROSSIM")

// preambleEN maps preamble verbs of Spanish, French and Portuguese to the
// English of OAS translations.
var preambleEN = map[string]string{
	// Spanish (and Portuguese where spelled alike)
	"RECORDANDO": "RECALLING", "CONSIDERANDO": "CONSIDERING", "TOMANDO NOTA": "TAKING NOTE",
	"TENIENDO EN CUENTA": "BEARING IN MIND", "TENIENDO PRESENTE": "BEARING IN MIND",
	"TOMANDO EN CUENTA": "TAKING INTO ACCOUNT", "VISTO": "HAVING SEEN", "HABIENDO VISTO": "HAVING SEEN",
	"RECONOCIENDO": "RECOGNIZING", "REAFIRMANDO": "REAFFIRMING", "DESTACANDO": "EMPHASIZING",
	"SUBRAYANDO": "UNDERSCORING", "OBSERVANDO": "NOTING", "SEÑALANDO": "NOTING", "RESALTANDO": "EMPHASIZING",
	"ACOGIENDO": "WELCOMING", "ACOGIENDO CON BENEPLÁCITO": "WELCOMING", "REITERANDO": "REITERATING",
	"CONSCIENTE": "AWARE", "CONSCIENTES": "AWARE", "PREOCUPADA": "CONCERNED", "CONVENCIDA": "CONVINCED",
	"CONVENCIDO": "CONVINCED", "PERSUADIDA": "CONVINCED", "TOMANDO NOTA CON SATISFACCIÓN": "NOTING WITH SATISFACTION",
	// French
	"RAPPELANT": "RECALLING", "NOTANT": "NOTING", "PRENANT NOTE": "TAKING NOTE", "TENANT COMPTE": "BEARING IN MIND",
	"CONSIDÉRANT": "CONSIDERING", "AYANT VU": "HAVING SEEN", "RECONNAISSANT": "RECOGNIZING",
	"RÉAFFIRMANT": "REAFFIRMING", "SOULIGNANT": "EMPHASIZING", "ACCUEILLANT": "WELCOMING",
	"RÉITÉRANT": "REITERATING", "CONVAINCUE": "CONVINCED", "PRÉOCCUPÉE": "CONCERNED",
	"PRENANT NOTE AVEC SATISFACTION": "NOTING WITH SATISFACTION",
	// Portuguese
	"TENDO VISTO": "HAVING SEEN", "RESSALTANDO": "EMPHASIZING", "LEVANDO EM CONTA": "BEARING IN MIND",
	"TENDO PRESENTE": "BEARING IN MIND", "RECONHECENDO": "RECOGNIZING", "SALIENTANDO": "EMPHASIZING",
	"ACOLHENDO": "WELCOMING", "ASSINALANDO": "NOTING", "CIENTE": "AWARE", "CONVICTA": "CONVINCED",
	"ENFATIZANDO": "EMPHASIZING",
}

// impliedVerb is the verb of "That" paragraphs with no lead-in, by language.
var impliedVerb = map[string]string{"en": "CONSIDERING", "es": "CONSIDERANDO", "fr": "CONSIDÉRANT", "pt": "CONSIDERANDO"}

// resolveWords open the operative part.
var resolveWords = set("RESOLVES", "DECIDES", "DECLARES", "AGREES", "RESUELVE", "DECIDE", "DECLARA",
	"ACUERDA", "DÉCIDE", "RÉSOUT", "DÉCLARE", "CONVIENT", "RESOLVE", "ACORDA", "DECLARE", "AGREE",
	"DECLARAN", "ACUERDAN", "DÉCLARENT", "DECLARAM", "RESUELVEN", "RESOLVEM")

// englishOperative are the English verbs that open an operative paragraph
// as an imperative or in the third person ("Urges", "Reaffirm that").
var englishOperative = set("convene", "convoke", "instruct", "request", "urge", "encourage", "invite", "reaffirm",
	"reiterate", "express", "note", "take", "support", "recommend", "call", "ask", "entrust", "establish", "create",
	"decide", "declare", "approve", "adopt", "welcome", "thank", "congratulate", "continue", "emphasize", "stress",
	"underscore", "recognize", "acknowledge", "agree", "commit", "endorse", "appeal", "exhort", "renew",
	"highlight", "promote", "affirm", "condemn", "reject", "commend", "direct", "mandate", "hold", "transmit",
	"designate", "authorize", "accept", "charge", "resolve", "uphold", "recall", "acknowledge", "pledge",
	"undertake", "request", "reiterate", "underline", "applaud", "deplore", "regret", "endeavor", "strengthen",
	"serve", "consider", "prevent", "combat", "eliminate", "promote", "review", "examine", "follow")

// thatWords open a "That" paragraph.
var thatWords = []string{"That ", "THAT ", "Que ", "QUE ", "Qu'", "Qu’"}

// verbEnglish returns the English of a preamble verb, or "" when unknown.
func verbEnglish(verb, lang string) string {
	if lang == "en" {
		return verb
	}
	words := strings.Fields(verb)
	also := false
	for len(words) > 1 && alsoWords[words[len(words)-1]] {
		words, also = words[:len(words)-1], true
	}
	en, ok := preambleEN[strings.Join(words, " ")]
	if !ok {
		return ""
	}
	if also {
		en += " ALSO"
	}
	return en
}

// hasVerbEnding reports whether an upper-case word ends like a participle
// or gerund of one of the four languages.
func hasVerbEnding(w string) bool {
	if len(w) < 6 {
		return false
	}
	for _, s := range []string{"ING", "ANDO", "ENDO", "ANT"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return len(w) >= 7 && strings.HasSuffix(w, "ED")
}

// isParticiple reports whether w may continue a verb phrase as a past
// participle: "HAVING EXAMINED", "AYANT EXAMINÉ", "HABIENDO EXAMINADO".
func isParticiple(w string) bool {
	for _, s := range []string{"ED", "É", "ÉE", "ADO", "IDO", "ADA", "IDA"} {
		if len(w) >= 5 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// operativeEN maps the infinitives of Spanish, French and Portuguese
// operative paragraphs (upper case, fixed phrases included) to English.
var operativeEN = map[string]string{
	// Spanish
	"CONVOCAR": "TO CONVENE", "ENCOMENDAR": "TO INSTRUCT", "ENCARGAR": "TO INSTRUCT", "INSTRUIR": "TO INSTRUCT",
	"SOLICITAR": "TO REQUEST", "PEDIR": "TO REQUEST", "INSTAR": "TO URGE", "EXHORTAR": "TO URGE",
	"ESTABLECER": "TO ESTABLISH", "CREAR": "TO ESTABLISH", "INVITAR": "TO INVITE", "AGRADECER": "TO THANK",
	"EXPRESAR SU RECONOCIMIENTO": "TO EXPRESS ITS APPRECIATION", "EXPRESAR SU SATISFACCIÓN": "TO EXPRESS ITS SATISFACTION",
	"REAFIRMAR": "TO REAFFIRM", "APROBAR": "TO APPROVE", "ADOPTAR": "TO ADOPT", "TOMAR NOTA": "TO TAKE NOTE",
	"APOYAR": "TO SUPPORT", "ALENTAR": "TO ENCOURAGE", "RECOMENDAR": "TO RECOMMEND", "DECLARAR": "TO DECLARE",
	"REITERAR": "TO REITERATE", "CONTINUAR": "TO CONTINUE", "FELICITAR": "TO CONGRATULATE", "ACOGER": "TO WELCOME",
	// Portuguese
	"ENCARREGAR": "TO INSTRUCT", "EXORTAR": "TO URGE", "ESTABELECER": "TO ESTABLISH", "CRIAR": "TO ESTABLISH",
	"CONVIDAR": "TO INVITE", "EXPRESSAR SEU RECONHECIMENTO": "TO EXPRESS ITS APPRECIATION",
	"EXPRESSAR SUA SATISFAÇÃO": "TO EXPRESS ITS SATISFACTION", "APROVAR": "TO APPROVE", "ADOTAR": "TO ADOPT",
	"APOIAR": "TO SUPPORT", "INCENTIVAR": "TO ENCOURAGE",
	// French
	"CONVOQUER": "TO CONVENE", "CHARGER": "TO INSTRUCT", "DEMANDER": "TO REQUEST", "PRIER": "TO REQUEST",
	"PRIER INSTAMMENT": "TO URGE", "EXHORTER": "TO URGE", "INVITER": "TO INVITE", "ÉTABLIR": "TO ESTABLISH",
	"CRÉER": "TO ESTABLISH", "REMERCIER": "TO THANK", "EXPRIMER SA RECONNAISSANCE": "TO EXPRESS ITS APPRECIATION",
	"EXPRIMER SA SATISFACTION": "TO EXPRESS ITS SATISFACTION", "RÉAFFIRMER": "TO REAFFIRM",
	"APPROUVER": "TO APPROVE", "ADOPTER": "TO ADOPT", "PRENDRE NOTE": "TO TAKE NOTE", "APPUYER": "TO SUPPORT",
	"ENCOURAGER": "TO ENCOURAGE", "RECOMMANDER": "TO RECOMMEND", "RÉITÉRER": "TO REITERATE",
}

// operativeAdverbs are skipped between "To" and its verb, or after a
// Romance infinitive: "To also request", "Solicitar asimismo".
var operativeAdverbs = set("ALSO", "FURTHER", "ONCE", "AGAIN", "HEREBY", "STRONGLY", "RESPECTFULLY",
	"URGENTLY", "FORMALLY", "LIKEWISE", "SIMILARLY", "THEREFORE", "ACCORDINGLY", "ASIMISMO", "TAMBIÉN",
	"NUEVAMENTE", "IGUALMENTE", "ÉGALEMENT", "AUSSI", "TAMBÉM", "NOVAMENTE", "OUTROSSIM")

// possessives follow "express" in fixed phrases: "TO EXPRESS ITS APPRECIATION".
var possessives = set("ITS", "SU", "SA", "SON", "SEU", "SUA", "SES", "SUS")

// noteVerbs take "note" in a fixed phrase: "TO TAKE NOTE".
var noteVerbs = set("TAKE", "TAKES", "TOMAR", "PRENDRE")

// operativeRelation maps the English operative verb to the relation it
// gives its object.
var operativeRelation = map[string]hemigraph.RelType{
	"TO CONVENE":   hemigraph.RelConvenes,
	"TO INSTRUCT":  hemigraph.RelInstructs,
	"TO ENTRUST":   hemigraph.RelInstructs,
	"TO CHARGE":    hemigraph.RelInstructs,
	"TO REQUEST":   hemigraph.RelRequests,
	"TO ASK":       hemigraph.RelRequests,
	"TO CALL UPON": hemigraph.RelRequests,
	"TO ESTABLISH": hemigraph.RelEstablishes,
	"TO CREATE":    hemigraph.RelEstablishes,
}

// maxOrdinalWord is the largest ordinal in words the reader takes for a
// session or a plenary session ("sixtieth"); the words run further
// (hemigraph.ParseOrdinal reads English to "ninety-ninth").
const maxOrdinalWord = 60

// ordinalWord reads an ordinal in words up to maxOrdinalWord, in any of
// the four languages: "eighth", "octava", "vigésimo sexto"; 0 when s is
// none.
func ordinalWord(s string) int {
	if n, ok := hemigraph.ParseOrdinal(s); ok && n <= maxOrdinalWord {
		return n
	}
	return 0
}

// months maps month names of the four languages to month numbers.
var months = func() map[string]int {
	m := map[string]int{}
	for i, names := range [][]string{
		{"january", "enero", "janvier", "janeiro"}, {"february", "febrero", "février", "fevereiro"},
		{"march", "marzo", "mars", "março"}, {"april", "abril", "avril"}, {"may", "mayo", "mai", "maio"},
		{"june", "junio", "juin", "junho"}, {"july", "julio", "juillet", "julho"}, {"august", "agosto", "août"},
		{"september", "septiembre", "setiembre", "septembre", "setembro"}, {"october", "octubre", "octobre", "outubro"},
		{"november", "noviembre", "novembre", "novembro"}, {"december", "diciembre", "décembre", "dezembro"},
	} {
		for _, n := range names {
			m[n] = i + 1
			m[strings.ToUpper(n[:1])+n[1:]] = i + 1
		}
	}
	return m
}()

// stopwords are frequent words that tell the four languages apart.
var stopwords = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "that", "on", "for", "its", "with", "is", "by"},
	"es": {"el", "la", "los", "las", "del", "y", "que", "en", "por", "con", "su", "para", "una", "al"},
	"fr": {"le", "la", "les", "des", "du", "et", "que", "en", "pour", "dans", "sur", "une", "au", "aux", "est"},
	"pt": {"o", "os", "as", "da", "do", "das", "dos", "e", "que", "em", "para", "com", "uma", "ao", "na", "no"},
}

var languages = []string{"en", "es", "fr", "pt"}

// stopwordLangs maps each stop word to the languages it counts for.
var stopwordLangs = func() map[string][]int {
	m := map[string][]int{}
	for i, l := range languages {
		for _, w := range stopwords[l] {
			m[w] = append(m[w], i)
		}
	}
	return m
}()

// detectLanguage guesses the language of lines by counting stop words in
// their first few thousand words; English wins ties.
func detectLanguage(lines []line) string {
	var counts [4]int
	seen := 0
	for _, l := range lines {
		if seen > 16<<10 || decided(counts) {
			break
		}
		countStopwords(l.text, &counts)
		seen += len(l.text)
	}
	best := 0
	for i := range counts {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return languages[best]
}

// decided reports whether one language leads the stop word counts by far
// enough that reading on would not change the answer.
func decided(counts [4]int) bool {
	first, second := 0, 0
	for _, c := range counts {
		switch {
		case c > first:
			first, second = c, first
		case c > second:
			second = c
		}
	}
	return first >= 40 && first >= 3*second
}

func countStopwords(text string, counts *[4]int) {
	start := -1
	for i := 0; i <= len(text); i++ {
		letter := i < len(text) && (isASCIILetter(text[i]) || text[i] >= 0x80)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			if i-start <= 4 && text[start] >= 'a' { // stop words are lower case
				for _, l := range stopwordLangs[text[start:i]] {
					counts[l]++
				}
			}
			start = -1
		}
	}
}

// genericNames are names that need the text around them to say which
// instrument they are — "the Plan of Action", "the Declaration of
// Principles" without whose — and are read, like a bare head noun, as
// referring back rather than naming (by their name key).
var genericNames = set("plan of action", "program of action", "programme of action", "work program",
	"work plan", "declaration of principles", "annual report", "final report", "rules of procedure", "agenda",
	"statute", "plan de accion", "plano de acao", "plan d action", "informe anual", "informe final",
	"political declaration", "draft resolution", "draft declaration", "proyecto de resolucion", "draft agenda",
	"final declaration", "declaracion final", "joint declaration")

// genericFirst are the first words of genericNames.
var genericFirst = func() map[string]bool {
	m := map[string]bool{}
	for n := range genericNames {
		w, _, _ := strings.Cut(n, " ")
		m[w] = true
	}
	return m
}()

// titleVerbExceptions are title-case words that end like a participle but
// open prose, not a preamble clause.
// upperNounsInING are the title-case exceptions in capitals: the nouns
// and prepositions in -ing that open headings ("MEETING OF EXPERTS").
var upperNounsInING = func() map[string]bool {
	m := map[string]bool{}
	for w := range titleVerbExceptions {
		m[strings.ToUpper(w)] = true
	}
	return m
}()

var titleVerbExceptions = set("According", "Regarding", "Concerning", "Including", "Following", "During",
	"Notwithstanding", "Pending", "Nothing", "Something", "Everything", "Building", "Meeting", "Training",
	"Strengthening", "Funding", "Beginning", "Morning", "Evening", "Setting", "Being", "Using", "Making")
