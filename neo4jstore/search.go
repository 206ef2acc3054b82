package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jrows"
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
// symbol, the symbol words, and for each language one call of its node
// index over the title and alias fields together and one of its
// relationship index over the clause and evidence fields together. Each
// yields n, score, field, text, r; a language's calls yield a null field
// and text, which fieldOf decides for the hits of the page.
//
// A call naming both fields finds what the two calls of one field each
// found (a node matches when either field holds a term), in one pass of
// the index; a node matching in both fields scores the sum of the two.
// Its limit bounds the pair: query.MaxSearchHits per index and language.
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
	words := "(" + strings.Join(terms, " ") + ")"
	limit := p.add(map[string]any{"limit": int64(query.MaxSearchHits)})
	parts = append(parts, fmt.Sprintf("CALL db.index.fulltext.queryNodes('entity_text', %s, %s) YIELD node, score "+
		"RETURN node AS n, score, '%s' AS field, node.symbol AS text, null AS r",
		p.add("symbol:"+words), limit, query.FieldSymbol))
	nodeText := p.add("title:" + words + " OR aliasText:" + words)
	relText := p.add("clauseText:" + words + " OR evidence:" + words)
	for _, l := range langs {
		parts = append(parts,
			fmt.Sprintf("CALL db.index.fulltext.queryNodes('entity_text_%s', %s, %s) YIELD node, score "+
				"RETURN node AS n, score, null AS field, null AS text, null AS r", l, nodeText, limit),
			fmt.Sprintf("CALL db.index.fulltext.queryRelationships('relation_text_%s', %s, %s) YIELD relationship, score "+
				"RETURN startNode(relationship) AS n, score, null AS field, null AS text, relationship AS r", l, relText, limit),
		)
	}
	return strings.Join(parts, "\n  UNION ALL\n  "), nil
}

// matchProps are the node properties a match's field is decided from
// (fieldOf), and the symbol a symbol match prints as its text.
const matchProps = query.PropTitle | query.PropAliases | query.PropSymbol

// searchCypher finds the best match of each node: Sources is the union of
// searchSources, Kinds the kind condition, Best searchBestMatch or
// searchBestScore, End searchPageCypher or searchCountCypher, which cut the
// page after the Cursor in (score descending, id) order and return each Hit.
var searchCypher = newStatement("searchCypher", `
CALL () {
  {{Sources}}
}
WITH n, score, field, text, r WHERE {{Kinds}}
{{Best}}
{{End}}`)

// searchBestMatch keeps each node's best match, its score, field, text and
// relation, the first in a deterministic order among those of equal score.
// searchBestScore keeps only its score, for an answer that prints nothing
// else of the match: an aggregation instead of a sort of every hit.
const (
	searchBestMatch = `WITH n, score, field, text, r ORDER BY score DESC, field, text, coalesce(r.key, '')
WITH n, collect({score: score, field: field, text: text, r: r})[0] AS best`
	searchBestScore = `WITH n, {score: max(score)} AS best`
)

// searchPageCypher is the end of a search that does not count. Each Hit is
// a list (see Search).
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
// q.Expand reads ahead around them, in one statement of at most ten
// sources (searchSources): nine full-text index calls with every language.
// Each node keeps its best match; the field of a match found by a
// language's call over two fields is decided by fieldOf. It returns an error
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
	// A match's field is decided from the node's title and aliases, or its
	// relation's clause and evidence (fieldOf), unless nothing of the
	// match is printed.
	props, rel, best := q.Props, "null", searchBestScore
	if !q.SkipMatch {
		props = props.With(matchProps)
		rel = "CASE WHEN best.r IS NULL THEN null ELSE " + relProj("best.r", "true") + " END"
		best = searchBestMatch
	}
	hit := fmt.Sprintf("[%s, best.score, best.field, best.text, %s, %s]", nodeList("n", props), rel, expandCypher(q.Expand, "n", p))
	endStmt := searchPageCypher
	if q.Count {
		endStmt = searchCountCypher
	}
	end, err := endStmt.fill(frags{"Cursor": cursor, "Hit": hit})
	if err != nil {
		return query.SearchPage{}, err
	}
	p.m["limit"] = int64(q.First + 1)
	recs, err := s.readStatement(ctx, searchCypher, frags{"Sources": sources, "Kinds": kinds, "Best": best, "End": end}, p.m)
	if err != nil {
		return query.SearchPage{}, fmt.Errorf("search %q: %w", q.Text, err)
	}
	out := query.SearchPage{Prefetch: query.Prefetch{}}
	if len(recs) == 0 {
		return out, nil // nothing matched: no row to aggregate
	}
	out.Total = getInt(recs[0], "total")
	l := getList(recs[0], "page")
	if len(l) > q.First {
		out.HasNext, l = true, l[:q.First]
	}
	for _, v := range l { // node, score, field, text, relation, read ahead
		hl := asList(v)
		if len(hl) < 6 {
			continue
		}
		h := query.SearchHit{Node: nodeFromList(props, hl[0]), Field: asString(hl[2]), Text: asString(hl[3])}
		h.Score, _ = hl[1].(float64)
		if hl[4] != nil {
			r := relationFromMap(hl[4])
			h.Relation = &r
		}
		if h.Field == "" && !q.SkipMatch {
			h.Field, h.Text = fieldOf(q.Text, h.Node, h.Relation)
		}
		out.Hits = append(out.Hits, h)
		decodeExpand(q.Expand, h.Node, props, hl[5], out.Prefetch)
	}
	return out, nil
}

// fieldOf decides the field, and its text, of a hit found by a language's
// call over two fields: for a relation r, its clause text (FieldClause) or
// its evidence (FieldEvidence); else the node n's title (FieldTitle) or
// aliases (FieldAlias). The field holding more of the words of text wins,
// the first of the two on a tie or when neither holds one, unless it is
// empty. Words are compared as matchWords does, close to the analyzers'
// case, accent and ending folding.
func fieldOf(text string, n hemigraph.Node, r *hemigraph.Relation) (field, matched string) {
	f1, t1, f2, t2 := query.FieldTitle, "", query.FieldAlias, ""
	if r != nil {
		f1, f2, t2 = query.FieldClause, query.FieldEvidence, r.Evidence
		if r.Clause != nil {
			t1 = r.Clause.Text
		}
	} else {
		t1, t2 = n.Title, neo4jrows.AliasText(n.Aliases)
	}
	ws := foldedWords(text)
	if t1 == "" || (t2 != "" && matchWords(ws, t2) > matchWords(ws, t1)) {
		return f2, t2
	}
	return f1, t1
}

// foldedWords cuts text into words, runs of letters and digits, lower
// cased and without accents ("Declaración" → "declaracion").
func foldedWords(text string) []string {
	// A chain holds state: one per call.
	accents := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if t, _, err := transform.String(accents, text); err == nil {
		text = t
	}
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// matchWords counts the distinct words of ws (of foldedWords) that text
// holds: the same word, or one that differs from it only in an ending of
// up to three letters after a common start of at least three
// ("resolutions" and "resolution", "nacoes" and "nacao", "terrorism" and
// "terror"), as the languages' stemmers fold plurals, genders and
// suffixes.
func matchWords(ws []string, text string) int {
	tw := foldedWords(text)
	n := 0
	for i, w := range ws {
		if slices.Contains(ws[:i], w) {
			continue
		}
		if slices.ContainsFunc(tw, func(t string) bool { return sameStem(w, t) }) {
			n++
		}
	}
	return n
}

// sameStem reports whether a and b are the same word or differ only in
// endings of at most three bytes after a common start of at least three.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return p >= 3 && len(a)-p <= 3 && len(b)-p <= 3
}
