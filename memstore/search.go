package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// searchHit is one match of a search source: a node, or a relationship and
// its start node.
type searchHit struct {
	n     *node
	score float64
	field string
	text  string
	rel   *edge
}

func (h *searchHit) id() string {
	if h.rel != nil {
		return h.rel.key
	}
	return h.n.id()
}

// Search finds the nodes matching q.Text, best first, and the relations
// q.Expand reads ahead around them.
//
// As in neo4jstore, a search gathers the matches of several sources: the
// nodes whose symbol has the key of the whole text (hemigraph.SymbolKey),
// scored query.SymbolScore, so that a typed symbol in any printed variant
// comes first; the words of the nodes' symbols; and, in each language of
// q.Languages (all of query.Languages when empty), the nodes' titles and
// aliases and the relationships' clause texts and evidence, a relationship
// standing for its start node. Each source keeps its best
// query.MaxSearchHits matches (by score, then node id or relationship
// key). The matches are cut to the nodes of q.Kinds; each node keeps its
// best match (by score, then field, text and relationship key); the hits
// are ordered by score descending, then id, and the page starts strictly
// after q.After in that order. Total, when q.Count is set, counts every
// node matched.
//
// The full-text score is the share of the query's distinct terms that the
// field holds, under the language's analysis (see text.go): a number in
// (0, 1], the same at every call, so that the cursor of a page finds its
// place again. The text's words are never read as a query syntax.
//
// It returns an error wrapping hemigraph.ErrInvalid for an empty text, an
// expansion reading too much, an unknown language, more than
// query.MaxSearchTerms words, an unknown kind or a negative page size.
func (s *Store) Search(ctx context.Context, q query.SearchQuery) (query.SearchPage, error) {
	if strings.TrimSpace(q.Text) == "" {
		return query.SearchPage{}, fmt.Errorf("search text is empty: %w", hemigraph.ErrInvalid)
	}
	if err := checkExpand(q.Expand); err != nil {
		return query.SearchPage{}, err
	}
	langs := q.Languages
	if len(langs) == 0 {
		langs = query.Languages
	}
	for _, l := range langs {
		if !slices.Contains(query.Languages, l) {
			return query.SearchPage{}, fmt.Errorf("search language %q: %w", l, hemigraph.ErrInvalid)
		}
	}
	if len(strings.Fields(q.Text)) > query.MaxSearchTerms {
		return query.SearchPage{}, fmt.Errorf("search text: more than %d words: %w", query.MaxSearchTerms, hemigraph.ErrInvalid)
	}
	kinds, err := compileFilter(&query.Filter{Kinds: q.Kinds})
	if err != nil {
		return query.SearchPage{}, err
	}
	if q.First < 0 {
		return query.SearchPage{}, fmt.Errorf("search %q: page size %d: %w", q.Text, q.First, hemigraph.ErrInvalid)
	}
	if err := checkCtx(ctx, fmt.Sprintf("search %q", q.Text)); err != nil {
		return query.SearchPage{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()

	var hits []searchHit
	key := hemigraph.SymbolKey(q.Text)
	for _, n := range s.nodes {
		if k, ok := n.symbolKey(); ok && k == key {
			hits = append(hits, searchHit{n: n, score: query.SymbolScore, field: query.FieldSymbol, text: n.n.Symbol})
		}
	}
	// keep adds the best query.MaxSearchHits matches of one source.
	keep := func(source []searchHit) {
		slices.SortFunc(source, func(a, b searchHit) int {
			return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.id(), b.id()))
		})
		hits = append(hits, source[:min(len(source), query.MaxSearchHits)]...)
	}
	nodeSource := func(terms []string, field string, text func(*node) (string, termSet)) {
		var source []searchHit
		for _, n := range s.nodes {
			t, set := text(n)
			if sc := score(terms, set); sc > 0 {
				source = append(source, searchHit{n: n, score: sc, field: field, text: t})
			}
		}
		keep(source)
	}
	relSource := func(terms []string, field string, text func(*edge) (string, termSet)) {
		var source []searchHit
		for _, e := range s.edges {
			t, set := text(e)
			if sc := score(terms, set); sc > 0 {
				source = append(source, searchHit{n: s.nodes[e.from], score: sc, field: field, text: t, rel: e})
			}
		}
		keep(source)
	}
	nodeSource(distinct(analyzer("").terms(q.Text)), query.FieldSymbol, func(n *node) (string, termSet) {
		return n.n.Symbol, n.terms.symbol
	})
	for _, l := range langs {
		i := slices.Index(query.Languages, l)
		terms := distinct(analyzer(l).terms(q.Text))
		nodeSource(terms, query.FieldTitle, func(n *node) (string, termSet) { return n.n.Title, n.terms.title[i] })
		nodeSource(terms, query.FieldAlias, func(n *node) (string, termSet) { return n.props.str("aliasText"), n.terms.aliases[i] })
		relSource(terms, query.FieldClause, func(e *edge) (string, termSet) { return e.props.str("clauseText"), e.terms.clause[i] })
		relSource(terms, query.FieldEvidence, func(e *edge) (string, termSet) { return e.props.str("evidence"), e.terms.evidence[i] })
	}

	best := map[string]searchHit{}
	for _, h := range hits {
		if !kinds(s, h.n) {
			continue
		}
		have, ok := best[h.n.id()]
		if !ok || compareMatches(h, have) < 0 {
			best[h.n.id()] = h
		}
	}
	out := query.SearchPage{Prefetch: query.Prefetch{}}
	if q.Count {
		out.Total = len(best)
	}
	var page []searchHit
	for _, h := range best {
		if a := q.After; a != nil && (h.score > a.Score || h.score == a.Score && h.n.id() <= a.ID) {
			continue
		}
		page = append(page, h)
	}
	slices.SortFunc(page, func(a, b searchHit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.n.id(), b.n.id()))
	})
	if len(page) > q.First {
		out.HasNext, page = true, page[:q.First]
	}
	for _, h := range page {
		hit := query.SearchHit{Node: s.view(h.n), Score: h.score, Field: h.field, Text: h.text}
		if h.rel != nil {
			r := s.relation(h.rel, true, true)
			hit.Relation = &r
		}
		out.Hits = append(out.Hits, hit)
		s.expand(q.Expand, h.n.id(), out.Prefetch)
	}
	return out, nil
}

// compareMatches orders the matches of one node, best first: by score
// descending, then field and text, then relationship key (a node's own
// field first).
func compareMatches(a, b searchHit) int {
	ka, kb := "", ""
	if a.rel != nil {
		ka = a.rel.key
	}
	if b.rel != nil {
		kb = b.rel.key
	}
	return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.field, b.field), strings.Compare(a.text, b.text), strings.Compare(ka, kb))
}

// distinct returns terms without repeats, in their first order.
func distinct(terms []string) []string {
	var out []string
	for _, t := range terms {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
