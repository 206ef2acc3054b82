package query

import (
	"github.com/hemigraph/hemigraph"
)

// Languages are the languages of the full-text analyzers: for each, the
// schema holds one full-text index over the nodes' titles, aliases and
// symbols (entity_text_LANG) and one over the relations' clause texts and
// evidence (relation_text_LANG), analyzed with the Lucene analyzer of that
// name.
var Languages = []string{"english", "spanish", "french", "portuguese"}

// Search fields, as SearchHit.Field reports them.
const (
	FieldSymbol   = "SYMBOL"
	FieldTitle    = "TITLE"
	FieldAlias    = "ALIAS"
	FieldClause   = "CLAUSE"
	FieldEvidence = "EVIDENCE"
)

// Bounds of a search.
const (
	// MaxSearchHits bounds the hits read from each full-text index call:
	// a search reads at most this many per index call (the symbol words,
	// and each language's node and relation index over both their fields),
	// the same for every page, so that the pages of a search are cut from
	// one set of hits. A search makes up to 9 index calls. When it made one
	// per field and language (17), at 1,000 hits each a first page of 20
	// took 23 ms at the median on the 100,000-instrument benchmark graph,
	// at 100 hits 4.7 ms.
	MaxSearchHits = 100
	// MaxSearchTerms bounds the words of a search text.
	MaxSearchTerms = 32
	// SymbolScore is the score of an exact symbol match, above any
	// full-text score, so that a typed symbol finds its instrument first.
	SymbolScore = 100.0
)

// SearchQuery is a full-text search.
type SearchQuery struct {
	Text      string
	Kinds     []hemigraph.Kind // only nodes of these kinds; all when empty
	Languages []string         // analyzers to search with (of Languages); all when empty
	After     *SearchCursor    // the page starts after this hit; nil for the first page
	First     int
	Count     bool    // also count every matching node
	Expand    *Expand // relations to read ahead around the nodes found
	// Props are the properties the answer prints of the nodes found (zero:
	// all). SkipMatch tells that it prints neither the field, the text nor
	// the relation of any hit's best match, so that a store may leave out
	// what decides them.
	Props     NodeProps
	SkipMatch bool
}

// SearchCursor is the position of a hit in a search's order: score
// descending, then id.
type SearchCursor struct {
	Score float64
	ID    string
}

// SearchHit is a node found by a search, with its best match.
type SearchHit struct {
	Node  hemigraph.Node
	Score float64
	Field string // FieldSymbol, FieldTitle, ...
	Text  string // the text that matched
	// Relation is the relation whose clause or evidence matched, for
	// FieldClause and FieldEvidence.
	Relation *hemigraph.Relation
}

// SearchPage is a page of search hits.
type SearchPage struct {
	Hits     []SearchHit
	HasNext  bool
	Total    int // nodes matching, when counted
	Prefetch Prefetch
}
