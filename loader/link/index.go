package link

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/hemigraph/hemigraph"
)

// Index is what entity resolution knows of the graph: nodes by id, by
// symbol key and by name key (titles and aliases), and which conferences
// follow up which. It is built from a snapshot of the graph (for loads) or
// of the bundled corpus (for parse, which never touches Neo4j).
type Index struct {
	byID      map[string]*hemigraph.Node
	bySymbol  map[string]string   // symbol key -> id
	byBase    map[string][]string // key of the symbol without rev./add./corr. -> ids
	byName    map[string][]string // name key -> ids
	byLoose   map[string][]string // loose name key -> ids
	byBare    map[string][]string // loose name key without a leading ordinal -> ids
	byBag     map[string][]string // the words of a loose name key, sorted -> ids
	byNumber  map[string][]string // "AG/RES. 1881" -> ids: the series whose numbers never repeat
	followers map[string][]string // id -> ids of nodes that FOLLOWS_UP it
	out       map[string][]hemigraph.Edge
}

// NewIndex indexes nodes and the edges among them. Unresolved nodes are
// indexed by id only, so a reference never resolves onto a placeholder.
func NewIndex(nodes []hemigraph.Node, edges []hemigraph.Edge) *Index {
	ix := &Index{
		byID:      make(map[string]*hemigraph.Node, len(nodes)),
		bySymbol:  map[string]string{},
		byBase:    map[string][]string{},
		byName:    map[string][]string{},
		byLoose:   map[string][]string{},
		byBare:    map[string][]string{},
		byBag:     map[string][]string{},
		byNumber:  map[string][]string{},
		followers: map[string][]string{},
		out:       map[string][]hemigraph.Edge{},
	}
	for i := range nodes {
		ix.Add(nodes[i])
	}
	for _, e := range edges {
		ix.AddEdge(e)
	}
	return ix
}

// Add indexes one node (a later node with the same id replaces it).
func (ix *Index) Add(n hemigraph.Node) {
	ix.byID[n.ID] = &n
	if n.Unresolved {
		return
	}
	if n.Symbol != "" {
		ix.bySymbol[hemigraph.SymbolKey(n.Symbol)] = n.ID
		if b := baseKey(n.Symbol); b != "" && !slices.Contains(ix.byBase[b], n.ID) {
			ix.byBase[b] = append(ix.byBase[b], n.ID)
		}
	}
	if k := numberKey(n.Symbol); k != "" && !slices.Contains(ix.byNumber[k], n.ID) {
		ix.byNumber[k] = append(ix.byNumber[k], n.ID)
	}
	for _, name := range append([]string{n.Title}, n.Aliases...) {
		if k := NameKey(name); k != "" && !slices.Contains(ix.byName[k], n.ID) {
			ix.byName[k] = append(ix.byName[k], n.ID)
		}
		loose := LooseKey(name)
		if loose != "" && !slices.Contains(ix.byLoose[loose], n.ID) {
			ix.byLoose[loose] = append(ix.byLoose[loose], n.ID)
		}
		if bare := dropOrdinal(loose); bare != "" && !slices.Contains(ix.byBare[bare], n.ID) {
			ix.byBare[bare] = append(ix.byBare[bare], n.ID)
		}
		if bag := bagKey(loose); bag != "" && !slices.Contains(ix.byBag[bag], n.ID) {
			ix.byBag[bag] = append(ix.byBag[bag], n.ID)
		}
	}
}

// numberKey returns "AG/RES. 1881" for the symbol of a resolution or
// declaration of the General Assembly or the Permanent Council — series
// numbered once for all sessions — and "" for any other.
func numberKey(symbol string) string {
	s, err := hemigraph.ParseSymbol(symbol)
	if err != nil || (s.Series != "AG" && s.Series != "CP") || (s.Type != "RES" && s.Type != "DEC") {
		return ""
	}
	return fmt.Sprintf("%s/%s. %d", s.Series, s.Type, s.Number)
}

// Sessions returns the ids of the sessions of the body titled body
// ("General Assembly, Twenty-fourth Special Session"), special or regular,
// in id order.
func (ix *Index) Sessions(body string, special bool) []string {
	kind := ", Regular Session"
	if special {
		kind = " Special Session"
	}
	var out []string
	for id, n := range ix.byID {
		if n.Kind == hemigraph.KindSession && !n.Unresolved && strings.HasPrefix(n.Title, body+", ") &&
			(strings.HasSuffix(n.Title, kind) || !special && strings.HasSuffix(n.Title, " Regular Session")) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// ByNumber returns the one node whose symbol is a resolution or
// declaration of the General Assembly or Permanent Council with the number
// of s — a citation with a misprinted session, "AG/RES. 1881 (XXXI-O/02)"
// for "(XXXII-O/02)" — when exactly one node has that number.
func (ix *Index) ByNumber(s string) (string, bool) {
	var k string
	if sym, _, err := hemigraph.ScanCitation(s); err == nil && len(sym) == 1 {
		k = numberKey(sym[0].String())
	} else if n, size, ok := hemigraph.ScanNumbered(s); ok && size == len(strings.TrimSpace(s)) {
		k = fmt.Sprintf("%s/%s. %d", n.Series, n.Type, n.Number)
	}
	if ids := ix.byNumber[k]; k != "" && len(ids) == 1 {
		return ids[0], true
	}
	return "", false
}

// ByLooseName returns the ids of the nodes whose title or an alias matches
// name loosely (see LooseKey); when none does and name has no ordinal,
// those whose name does once its ordinal is dropped ("Meeting of the Forum"
// for "First Meeting of the Forum").
func (ix *Index) ByLooseName(name string) []string {
	k := LooseKey(name)
	if k == "" {
		return nil
	}
	if ids := ix.byLoose[k]; len(ids) > 0 {
		return slices.Clone(ids)
	}
	if dropOrdinal(k) == k {
		return slices.Clone(ix.byBare[k])
	}
	return nil
}

// AddEdge indexes one edge.
func (ix *Index) AddEdge(e hemigraph.Edge) {
	if e.Type == hemigraph.RelFollowsUp && !slices.Contains(ix.followers[e.To], e.From) {
		ix.followers[e.To] = append(ix.followers[e.To], e.From)
	}
	ix.out[e.From] = append(ix.out[e.From], e)
}

// Node returns the node with id, if indexed.
func (ix *Index) Node(id string) (hemigraph.Node, bool) {
	n, ok := ix.byID[id]
	if !ok {
		return hemigraph.Node{}, false
	}
	return *n, true
}

// BySymbol returns the id of the node whose symbol has the key of s, or
// else of the one node whose symbol differs from s only by revisions,
// addenda and corrigenda, unless both print different ones ("RC.23/RES. 1/01" finds
// "RC.23/RES. 1/01 rev. 1 corr. 1", "RC.23/RES. 1/01 rev. 2" finds
// "RC.23/RES. 1/01"; "CP/CSH-457/02 rev. 1" does not find "rev. 2").
func (ix *Index) BySymbol(s string) (string, bool) {
	if id, ok := ix.bySymbol[hemigraph.SymbolKey(s)]; ok {
		return id, true
	}
	// A citation without amendments may mean the document in its last
	// revision, and one with amendments the document itself; but a
	// citation of one revision never means another.
	sym, err := hemigraph.ParseSymbol(s)
	if ids := ix.byBase[baseKey(s)]; err == nil && len(ids) == 1 {
		if len(sym.Amendments) == 0 || !ix.amended(ids[0]) {
			return ids[0], true
		}
	}
	return "", false
}

// amended reports whether the symbol of node id has amendments.
func (ix *Index) amended(id string) bool {
	n, ok := ix.byID[id]
	if !ok {
		return false
	}
	sym, err := hemigraph.ParseSymbol(n.Symbol)
	return err == nil && len(sym.Amendments) > 0
}

// baseKey is the symbol key of s without amendments, or "" when s does not
// parse.
func baseKey(s string) string {
	sym, err := hemigraph.ParseSymbol(s)
	if err != nil {
		return ""
	}
	sym.Amendments = nil
	return sym.String()
}

// ByName returns the ids of the nodes whose title or an alias has the name
// key of name, best first: nodes of kind k first (when k is set), then by id.
func (ix *Index) ByName(name string, k hemigraph.Kind) []string {
	ids := slices.Clone(ix.byName[NameKey(name)])
	slices.SortFunc(ids, func(a, b string) int {
		ka, kb := ix.byID[a].Kind == k, ix.byID[b].Kind == k
		if ka != kb {
			if ka {
				return -1
			}
			return 1
		}
		return cmp.Compare(a, b)
	})
	return ids
}

// nameStopPrefixes are dropped from the start of a name key: articles in
// the four OAS languages.
var nameStopPrefixes = []string{"the ", "la ", "el ", "le ", "les ", "l ", "o ", "a ", "os ", "las ", "los "}

var foldAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// NameKey normalizes a name for matching: accents folded, lower case,
// possessive "'s" and every run of punctuation and spaces made one space,
// a leading article dropped. "the Permanent Council's" and "Permanent
// Council" differ only by the possessive.
func NameKey(name string) string {
	s, _, err := transform.String(foldAccents, name)
	if err != nil {
		s = name
	}
	s = strings.ToLower(s)
	s = strings.NewReplacer("’s ", " ", "'s ", " ", "’", " ", "'", " ").Replace(s + " ")
	var b strings.Builder
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	k := strings.TrimSpace(b.String())
	for _, p := range nameStopPrefixes {
		if strings.HasPrefix(k, p) {
			k = k[len(p):]
			break
		}
	}
	return k
}

// slug makes an id fragment of a name: its name key with hyphens.
func slug(name string) string {
	return strings.ReplaceAll(NameKey(name), " ", "-")
}

// ByWords returns the ids of the nodes one of whose names has the same
// words as name in another order ("Second Specialized Inter-American
// Conference" for "Second Inter-American Specialized Conference"), or
// else, for a name of four words or more, the nodes one of whose names
// has all of name's words and at most two more.
func (ix *Index) ByWords(name string) []string {
	bag := bagKey(LooseKey(name))
	if bag == "" {
		return nil
	}
	if ids := ix.byBag[bag]; len(ids) > 0 {
		return slices.Clone(ids)
	}
	words := strings.Fields(bag)
	if len(words) < 4 {
		return nil
	}
	var out []string
	for k, ids := range ix.byBag {
		other := strings.Fields(k)
		if len(other) < len(words) || len(other) > len(words)+2 || !subset(words, other) {
			continue
		}
		for _, id := range ids {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	slices.Sort(out)
	return out
}

// bagKey sorts the words of a loose key, prepositions and conjunctions
// aside.
func bagKey(loose string) string {
	var words []string
	for _, w := range strings.Fields(loose) {
		if !bagStop[w] {
			words = append(words, w)
		}
	}
	if len(words) < 2 {
		return ""
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

var bagStop = map[string]bool{"of": true, "on": true, "and": true, "for": true, "to": true, "in": true, "de": true,
	"del": true, "y": true, "e": true, "et": true, "sobre": true, "para": true, "sur": true, "des": true, "du": true,
	"da": true, "do": true, "das": true, "dos": true, "em": true, "en": true, "al": true, "au": true, "aux": true}

// subset reports whether every word of a (sorted) is in b (sorted).
func subset(a, b []string) bool {
	j := 0
	for _, w := range a {
		for j < len(b) && b[j] < w {
			j++
		}
		if j == len(b) || b[j] != w {
			return false
		}
		j++
	}
	return true
}

// looseArticles are dropped anywhere in a loose key.
var looseArticles = map[string]bool{"the": true, "la": true, "el": true, "los": true, "las": true, "le": true,
	"les": true, "l": true, "o": true, "os": true, "a": true, "as": true}

// looseWords are spelling variants and synonyms made one in a loose key.
var looseWords = map[string]string{"weapons": "arms", "weapon": "arms", "programme": "program",
	"defence": "defense", "centre": "center", "organisation": "organization", "programa": "program",
	"interamerican": "inter american", "interamericana": "inter american", "interamericano": "inter american",
	"interamericanas": "inter american", "interamericanos": "inter american", "interamericain": "inter american",
	"interamericaine": "inter american"}

// nameGlossary gives the English of the words of Spanish, Portuguese and
// French names of the region's instruments, conferences and bodies (accents
// folded), so that a name and its translation have the same words in
// another order: "Tratado Interamericano de Asistencia Recíproca" and
// "Inter-American Treaty of Reciprocal Assistance".
var nameGlossary = func() map[string]string {
	m := map[string]string{}
	for en, others := range map[string][]string{
		"conference": {"conferencia"}, "conferences": {"conferencias", "conferences"},
		"meeting": {"reunion", "reuniao"}, "meetings": {"reuniones", "reunioes"},
		"summit": {"cumbre", "cupula", "sommet"}, "summits": {"cumbres", "cupulas", "sommets"},
		"experts": {"expertos", "peritos"}, "measures": {"medidas", "mesures"},
		"building":   {"fomento", "fortalecimento", "fortalecimiento", "renforcement"},
		"confidence": {"confianza", "confianca", "confiance"}, "security": {"seguridad", "seguranca", "securite"},
		"mechanisms": {"mecanismos", "mecanismes"}, "defense": {"defensa", "defesa"},
		"ministers": {"ministros", "ministres"}, "ministerial": {"ministerielle"},
		"assistance": {"asistencia", "assistencia"}, "reciprocal": {"reciproca", "reciproco", "reciproque"},
		"international": {"internacional"}, "states": {"estados", "etats"},
		"american": {"americana", "americano", "americanas", "americanos", "americain", "americaine",
			"americains", "americaines"},
		"consultation": {"consulta"}, "commission": {"comision", "comissao"}, "committee": {"comite"},
		"hemispheric": {"hemisferica", "hemisferico", "hemispherique"}, "council": {"consejo", "conselho", "conseil"},
		"permanent": {"permanente"}, "assembly": {"asamblea", "assembleia", "assemblee"},
		"general": {"geral", "generale"}, "special": {"especial", "speciale"},
		"specialized": {"especializada", "especializado", "specialisee"}, "terrorism": {"terrorismo", "terrorisme"},
		"against": {"contra", "contre"}, "charter": {"carta", "charte"}, "democratic": {"democratica", "democratique"},
		"principles": {"principios", "principes"}, "plan": {"plano"}, "action": {"accion", "acao"},
		"commitment": {"compromiso", "compromisso"}, "declaration": {"declaracion", "declaracao"},
		"declarations": {"declaraciones", "declaracoes"}, "convention": {"convencion", "convencao"},
		"treaty": {"tratado", "traite"}, "protocol": {"protocolo", "protocole"}, "report": {"informe", "relatorio", "rapport"},
		"resolution": {"resolucion", "resolucao"}, "board": {"junta"}, "peace": {"paz", "paix"},
		"disarmament": {"desarme", "desarmamento", "desarmement"}, "arms": {"armas", "armes"},
		"conventional": {"convencionales", "convencionais", "conventionnelles", "conventionnels"},
		"acquisitions": {"adquisiciones", "aquisicoes"}, "transparency": {"transparencia"},
		"manufacturing": {"fabricacion", "fabricacao"}, "trafficking": {"trafico"}, "illicit": {"ilicitos", "ilicita"},
		"ammunition": {"municiones", "municoes", "munitions"}, "explosives": {"explosivos"},
		"ministers of foreign affairs": {"cancilleres"}, "foreign": {"exteriores", "etrangeres"},
		"affairs": {"relaciones", "relacoes", "affaires"}, "first": {"primera", "primero", "primer", "primeira", "primeiro", "premiere", "premier"},
		"second": {"segunda", "segundo", "deuxieme", "seconde"}, "third": {"tercera", "tercero", "tercer", "terceira", "terceiro", "troisieme"},
		"fourth": {"cuarta", "cuarto", "quarta", "quarto", "quatrieme"}, "fifth": {"quinta", "quinto", "cinquieme"},
		"sixth": {"sexta", "sexto", "sixieme"}, "seventh": {"septima", "septimo", "setima", "setimo", "septieme"},
		"eighth": {"octava", "octavo", "oitava", "oitavo", "huitieme"}, "ninth": {"novena", "noveno", "nona", "nono", "neuvieme"},
		"tenth": {"decima", "decimo", "dixieme"}, "twenty": {"vigesima", "vigesimo"}, "thirty": {"trigesima", "trigesimo"},
	} {
		for _, w := range others {
			m[w] = en
		}
	}
	return m
}()

// looseNames are names written out or abbreviated, made one.
var looseNames = strings.NewReplacer(
	"organization of american states", "oas", "organizacion de estados americanos", "oas",
	"organisation des etats americains", "oas", "organizacao dos estados americanos", "oas",
	"oea", "oas")

// LooseKey normalizes a name further than NameKey, for a second look-up:
// articles dropped everywhere, "Organization of American States" and "OEA"
// read as "OAS" and a leading "OAS" dropped, spelling variants and synonyms
// made one ("Weapons" and "Arms"), and ordinals written as numbers
// ("Twenty-Third" and "23rd" are "23").
func LooseKey(name string) string {
	k := NameKey(name)
	if k == "" {
		return ""
	}
	var words []string
	for _, w := range strings.Fields(k) {
		if looseArticles[w] {
			continue
		}
		if v, ok := looseWords[w]; ok {
			words = append(words, strings.Fields(v)...)
			continue
		}
		if v, ok := nameGlossary[w]; ok {
			words = append(words, strings.Fields(v)...)
			continue
		}
		words = append(words, w)
	}
	k = " " + strings.Join(words, " ") + " "
	k = looseNames.Replace(k)
	k = ordinalsToNumbers(strings.Fields(k))
	k = strings.TrimPrefix(k, "oas ")
	return k
}

// ordinalsToNumbers joins words, writing ordinals as numbers: "twenty
// third" (NameKey splits "twenty-third") and "23rd" become "23".
func ordinalsToNumbers(words []string) string {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if n, ok := hemigraph.ParseEnglishOrdinal(w); ok {
			out = append(out, strconv.Itoa(n))
			continue
		}
		if i+1 < len(words) {
			// The hyphen NameKey took out: "twenty third" is "twenty-third".
			if n, ok := hemigraph.ParseEnglishOrdinal(w + "-" + words[i+1]); ok {
				out = append(out, strconv.Itoa(n))
				i++
				continue
			}
		}
		if m := suffixedOrdinal.FindStringSubmatch(w); m != nil {
			out = append(out, m[1])
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

var suffixedOrdinal = regexp.MustCompile(`^(\d{1,3})(?:st|nd|rd|th|e|o|a)$`)

// dropOrdinal removes a leading ordinal number from a loose key.
func dropOrdinal(k string) string {
	first, rest, ok := strings.Cut(k, " ")
	if ok && isNumber(first) {
		return rest
	}
	return k
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
