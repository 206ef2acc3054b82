package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

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
func searchSources(q query.SearchQuery, p *params) (string, error) {
	langs := q.Languages
	if len(langs) == 0 {
		langs = query.Languages
	}
	for _, l := range langs {
		if !slices.Contains(query.Languages, l) {
			return "", fmt.Errorf("search language %q: %w", l, hemigraph.ErrInvalid)
		}
	}
	terms := luceneTerms(q.Text)
	if len(terms) > query.MaxSearchTerms {
		return "", fmt.Errorf("search text: more than %d words: %w", query.MaxSearchTerms, hemigraph.ErrInvalid)
	}
	parts := []string{fmt.Sprintf(
		"MATCH (n:Entity {symbolKey: %s}) RETURN n, %s AS score, '%s' AS field, n.symbol AS text, null AS r",
		p.add(hemigraph.SymbolKey(q.Text)), p.add(query.SymbolScore), query.FieldSymbol)}
	if len(terms) == 0 {
		return parts[0], nil
	}
	words := strings.Join(terms, " ")
	limit := p.add(map[string]any{"limit": int64(query.MaxSearchHits)})
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
	parts = append(parts, nodeQuery("entity_text", "symbol", "symbol", query.FieldSymbol))
	for _, l := range langs {
		parts = append(parts,
			nodeQuery("entity_text_"+l, "title", "title", query.FieldTitle),
			nodeQuery("entity_text_"+l, "aliasText", "aliasText", query.FieldAlias),
			relQuery("relation_text_"+l, "clauseText", query.FieldClause),
			relQuery("relation_text_"+l, "evidence", query.FieldEvidence),
		)
	}
	return strings.Join(parts, "\n  UNION ALL\n  "), nil
}

// searchCypher finds the best match of each node: Sources is the union of
// searchSources, Kinds the kind condition, End searchPageCypher or
// searchCountCypher, which cut the page after the Cursor in (score
// descending, id) order and return each Hit.
var searchCypher = newStatement("searchCypher", `
CALL () {
  {{Sources}}
}
WITH n, score, field, text, r WHERE {{Kinds}}
WITH n, score, field, text, r ORDER BY score DESC, field, text
WITH n, collect({score: score, field: field, text: text, r: r})[0] AS best
{{End}}`)

// searchPageCypher is the end of a search that does not count.
var searchPageCypher = newStatement("searchPageCypher", `WITH n, best WHERE {{Cursor}}
WITH n, best ORDER BY best.score DESC, n.id LIMIT $limit
RETURN 0 AS total, collect({{Hit}}) AS page`)

// searchCountCypher is the end of a search that counts its matches; the
// matches are bounded by MaxSearchHits per index call.
var searchCountCypher = newStatement("searchCountCypher", `WITH collect({n: n, best: best}) AS hits
CALL (hits) {
  UNWIND hits AS h
  WITH h.n AS n, h.best AS best WHERE {{Cursor}}
  WITH n, best ORDER BY best.score DESC, n.id LIMIT $limit
  RETURN collect({{Hit}}) AS page
}
RETURN size(hits) AS total, page`)

// Search finds the nodes matching q.Text, best first, and the relations
// q.Expand reads ahead around them, in one statement. It returns an error
// wrapping hemigraph.ErrInvalid for an empty text, too many words, or an
// unknown language or kind.
func (s *Store) Search(ctx context.Context, q query.SearchQuery) (query.SearchPage, error) {
	if strings.TrimSpace(q.Text) == "" {
		return query.SearchPage{}, fmt.Errorf("search text is empty: %w", hemigraph.ErrInvalid)
	}
	if err := q.Expand.Check(); err != nil {
		return query.SearchPage{}, err
	}
	p := newParams()
	sources, err := searchSources(q, p)
	if err != nil {
		return query.SearchPage{}, err
	}
	kinds, err := filterCypher(&query.Filter{Kinds: q.Kinds}, "n", p)
	if err != nil {
		return query.SearchPage{}, err
	}
	cursor := "true"
	if q.After != nil {
		cs, cid := p.add(q.After.Score), p.add(q.After.ID)
		cursor = fmt.Sprintf("(best.score < %[1]s OR (best.score = %[1]s AND n.id > %[2]s))", cs, cid)
	}
	hit := fmt.Sprintf("{n: n{.*}, score: best.score, field: best.field, text: best.text, "+
		"rel: CASE WHEN best.r IS NULL THEN null ELSE %s END, x: %s}", relProj("best.r", "true"), expandCypher(q.Expand, "n", p))
	endStmt := searchPageCypher
	if q.Count {
		endStmt = searchCountCypher
	}
	end, err := endStmt.fill(frags{"Cursor": cursor, "Hit": hit})
	if err != nil {
		return query.SearchPage{}, err
	}
	p.m["limit"] = int64(q.First + 1)
	recs, err := s.readStatement(ctx, searchCypher, frags{"Sources": sources, "Kinds": kinds, "End": end}, p.m)
	if err != nil {
		return query.SearchPage{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := query.SearchPage{Prefetch: query.Prefetch{}}
	if len(recs) == 0 {
		return out, nil // nothing matched: no row to aggregate
	}
	out.Total = getInt(recs[0], "total")
	l := listOfMaps(recs[0], "page")
	if len(l) > q.First {
		out.HasNext, l = true, l[:q.First]
	}
	for _, m := range l {
		h := query.SearchHit{Node: nodeFromMap(m["n"]), Field: asString(m["field"]), Text: asString(m["text"])}
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
