package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
	// a search reads at most this many per field and language, the same
	// for every page, so that the pages of a search are cut from one set
	// of hits. A search reads up to 18 index calls; at 1,000 hits each, a
	// first page of 20 took 23 ms at the median on the 100,000-instrument
	// benchmark graph, at 100 hits 4.7 ms.
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

// luceneSpecial are the characters of Lucene's query syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// luceneTerms splits text into words and escapes Lucene's syntax in each,
// so that the text is searched for, never interpreted; the words are lower
// cased, so that AND, OR and NOT are words too.
func luceneTerms(text string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		var b strings.Builder
		for _, r := range w {
			if strings.ContainsRune(luceneSpecial, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		out = append(out, b.String())
	}
	return out
}

// searchSources returns the union of the queries of a search: the exact
// symbol, the symbol words, and for each language the title, alias, clause
// and evidence fields. Each yields n, score, field, text, r.
func searchSources(q SearchQuery, p *params) (string, error) {
	langs := q.Languages
	if len(langs) == 0 {
		langs = Languages
	}
	for _, l := range langs {
		if !slices.Contains(Languages, l) {
			return "", fmt.Errorf("search language %q: %w", l, hemigraph.ErrInvalid)
		}
	}
	terms := luceneTerms(q.Text)
	if len(terms) > MaxSearchTerms {
		return "", fmt.Errorf("search text: more than %d words: %w", MaxSearchTerms, hemigraph.ErrInvalid)
	}
	parts := []string{fmt.Sprintf(
		"MATCH (n:Entity {symbolKey: %s}) RETURN n, %s AS score, '%s' AS field, n.symbol AS text, null AS r",
		p.add(hemigraph.SymbolKey(q.Text)), p.add(SymbolScore), FieldSymbol)}
	if len(terms) == 0 {
		return parts[0], nil
	}
	words := strings.Join(terms, " ")
	limit := p.add(map[string]any{"limit": int64(MaxSearchHits)})
	nodeQuery := func(index, field, prop, name string) string {
		return fmt.Sprintf("CALL db.index.fulltext.queryNodes('%s', %s, %s) YIELD node, score "+
			"RETURN node AS n, score, '%s' AS field, node.%s AS text, null AS r",
			index, p.add(field+":("+words+")"), limit, name, prop)
	}
	relQuery := func(index, field, name string) string {
		return fmt.Sprintf("CALL db.index.fulltext.queryRelationships('%s', %s, %s) YIELD relationship, score "+
			"RETURN startNode(relationship) AS n, score, '%s' AS field, relationship.%s AS text, relationship AS r",
			index, p.add(field+":("+words+")"), limit, name, field)
	}
	parts = append(parts, nodeQuery("entity_text", "symbol", "symbol", FieldSymbol))
	for _, l := range langs {
		parts = append(parts,
			nodeQuery("entity_text_"+l, "title", "title", FieldTitle),
			nodeQuery("entity_text_"+l, "aliasText", "aliasText", FieldAlias),
			relQuery("relation_text_"+l, "clauseText", FieldClause),
			relQuery("relation_text_"+l, "evidence", FieldEvidence),
		)
	}
	return strings.Join(parts, "\n  UNION ALL\n  "), nil
}

// searchCypher finds the best match of each node: SOURCES is the union of
// searchSources, KINDS the kind condition; the page is cut after the
// cursor (CURSOR) in (score descending, id) order.
const searchCypher = `
CALL () {
  %[1]s
}
WITH n, score, field, text, r WHERE %[2]s
WITH n, score, field, text, r ORDER BY score DESC, field, text
WITH n, collect({score: score, field: field, text: text, r: r})[0] AS best
%[3]s`

// searchPageCypher is the end of a search that does not count.
const searchPageCypher = `WITH n, best WHERE %[1]s
WITH n, best ORDER BY best.score DESC, n.id LIMIT $limit
RETURN 0 AS total, collect(%[2]s) AS page`

// searchCountCypher is the end of a search that counts its matches; the
// matches are bounded by MaxSearchHits per index call.
const searchCountCypher = `WITH collect({n: n, best: best}) AS hits
CALL (hits) {
  UNWIND hits AS h
  WITH h.n AS n, h.best AS best WHERE %[1]s
  WITH n, best ORDER BY best.score DESC, n.id LIMIT $limit
  RETURN collect(%[2]s) AS page
}
RETURN size(hits) AS total, page`

// Search finds the nodes matching q.Text, best first, and the relations
// q.Expand reads ahead around them, in one statement. It returns an error
// wrapping hemigraph.ErrInvalid for an empty text, too many words, or an
// unknown language or kind.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchPage, error) {
	if strings.TrimSpace(q.Text) == "" {
		return SearchPage{}, fmt.Errorf("search text is empty: %w", hemigraph.ErrInvalid)
	}
	if err := q.Expand.Check(); err != nil {
		return SearchPage{}, err
	}
	p := newParams()
	sources, err := searchSources(q, p)
	if err != nil {
		return SearchPage{}, err
	}
	kinds, err := filterCypher(&Filter{Kinds: q.Kinds}, "n", p)
	if err != nil {
		return SearchPage{}, err
	}
	cursor := "true"
	if q.After != nil {
		cs, cid := p.add(q.After.Score), p.add(q.After.ID)
		cursor = fmt.Sprintf("(best.score < %[1]s OR (best.score = %[1]s AND n.id > %[2]s))", cs, cid)
	}
	hit := fmt.Sprintf("{n: n{.*}, score: best.score, field: best.field, text: best.text, "+
		"rel: CASE WHEN best.r IS NULL THEN null ELSE %s END, x: %s}", relProj("best.r", "true"), expandCypher(q.Expand, "n", p))
	end := fmt.Sprintf(searchPageCypher, cursor, hit)
	if q.Count {
		end = fmt.Sprintf(searchCountCypher, cursor, hit)
	}
	p.m["limit"] = int64(q.First + 1)
	recs, err := s.read(ctx, fmt.Sprintf(searchCypher, sources, kinds, end), p.m)
	if err != nil {
		return SearchPage{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := SearchPage{Prefetch: Prefetch{}}
	if len(recs) == 0 {
		return out, nil // nothing matched: no row to aggregate
	}
	out.Total = getInt(recs[0], "total")
	l := listOfMaps(recs[0], "page")
	if len(l) > q.First {
		out.HasNext, l = true, l[:q.First]
	}
	for _, m := range l {
		h := SearchHit{Node: nodeFromMap(m["n"]), Field: asString(m["field"]), Text: asString(m["text"])}
		h.Score, _ = m["score"].(float64)
		if m["rel"] != nil {
			r := relationFromMap(m["rel"])
			h.Relation = &r
		}
		out.Hits = append(out.Hits, h)
		decodeExpand(q.Expand, h.Node.ID, h.Node.Kind, m["x"], out.Prefetch)
	}
	return out, nil
}
