package loader

import (
	"cmp"
	"slices"
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
	for _, name := range append([]string{n.Title}, n.Aliases...) {
		if k := NameKey(name); k != "" && !slices.Contains(ix.byName[k], n.ID) {
			ix.byName[k] = append(ix.byName[k], n.ID)
		}
	}
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
// else of the one node whose symbol differs from s only by its revisions,
// addenda and corrigenda ("RC.23/RES. 1/01" finds "RC.23/RES. 1/01 rev. 1
// corr. 1").
func (ix *Index) BySymbol(s string) (string, bool) {
	if id, ok := ix.bySymbol[hemigraph.SymbolKey(s)]; ok {
		return id, true
	}
	if ids := ix.byBase[baseKey(s)]; len(ids) == 1 {
		return ids[0], true
	}
	return "", false
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
