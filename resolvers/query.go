package resolvers

import (
	"context"
	"fmt"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

// lookup returns the node with id, or nil when there is none, reading ahead
// the relations selected under the current field for the given types.
func (r *Resolver) lookup(ctx context.Context, id string, types []entityType) (*hemigraph.Node, error) {
	nodes, pf, err := r.Store.LookupNodes(ctx, []string{id}, fieldProps(ctx), readAhead(ctx, types))
	if err != nil || len(nodes) == 0 {
		return nil, err
	}
	prime(ctx, pf)
	return &nodes[0], nil
}

var languages = map[model.Language]string{
	model.LanguageEnglish:    "english",
	model.LanguageSpanish:    "spanish",
	model.LanguageFrench:     "french",
	model.LanguagePortuguese: "portuguese",
}

// searchOrder names the order of search cursors.
const searchOrder = "SEARCH"

// search answers the search field with one statement: the page, the
// relations nested under its nodes, and the total when selected.
func (r *Resolver) search(ctx context.Context, text string, ks []model.Kind, langs []model.Language, first *int, after *string) (*model.SearchConnection, error) {
	n, err := pageSize("first", first, DefaultListPage, MaxListPage)
	if err != nil {
		return nil, err
	}
	q := query.SearchQuery{
		Text: text, Kinds: kinds(ks), First: n,
		Count:  selected(ctx, "SearchConnection", "totalCount"),
		Expand: readAhead(ctx, entityTypes, step{"SearchConnection", "edges"}, step{"SearchEdge", "node"}),
	}
	pr := printedProps(ctx)
	pr.nodes(fieldSelections(ctx, step{"SearchConnection", "edges"}, step{"SearchEdge", "node"}))
	q.Props, _ = pr.props()
	q.SkipMatch = !pr.asks(fieldSelections(ctx, step{"SearchConnection", "edges"}), "SearchEdge", "field", "text", "relation")
	for _, l := range langs {
		q.Languages = append(q.Languages, languages[l])
	}
	if after != nil && *after != "" {
		c, err := decodeCursor(*after, searchOrder)
		if err != nil {
			return nil, err
		}
		q.After = &query.SearchCursor{Score: c.Score, ID: c.ID}
	}
	page, err := r.Store.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	prime(ctx, page.Prefetch)
	out := &model.SearchConnection{TotalCount: page.Total, Edges: make([]model.SearchEdge, len(page.Hits))}
	cursors := make([]string, len(page.Hits))
	for i, h := range page.Hits {
		cursors[i] = cursor{Order: searchOrder, Score: h.Score, ID: h.Node.ID}.encode()
		e := model.SearchEdge{Cursor: cursors[i], Node: entity(h.Node), Score: h.Score,
			Field: model.SearchField(h.Field), Text: ptr(h.Text)}
		if h.Relation != nil {
			rel := relation(*h.Relation)
			e.Relation = &rel
		}
		out.Edges[i] = e
	}
	out.PageInfo = pageInfo(cursors, page.HasNext, q.After != nil)
	return out, nil
}

// timeline answers the timeline field: the dated nodes of the range in
// date order, a list sorted by date under the hood.
func (r *Resolver) timeline(ctx context.Context, from, to *string, ks []model.Kind, filter *model.ListFilter, first *int) (*model.Timeline, error) {
	n, err := pageSize("first", first, DefaultTimeline, MaxTimeline)
	if err != nil {
		return nil, err
	}
	f, err := listFilter(filter)
	if err != nil {
		return nil, err
	}
	rng := query.Filter{Kinds: kinds(ks)}
	if rng.DateFrom, rng.DateTo, err = dateRange(from, to); err != nil {
		return nil, err
	}
	if rng.DateFrom == "" {
		rng.DateFrom = "0000-01-01" // undated nodes are not on a timeline
	}
	page, err := r.Store.FindNodes(ctx, query.FindQuery{
		Label: "Entity", Filter: query.Filter{And: []query.Filter{rng, f}},
		Order: query.Order{Field: query.OrderDate}, First: n,
		Expand: readAhead(ctx, entityTypes, step{"Timeline", "entries"}, step{"TimelineEntry", "node"}),
	})
	if err != nil {
		return nil, err
	}
	prime(ctx, page.Prefetch)
	out := &model.Timeline{Truncated: page.HasNext, Entries: make([]model.TimelineEntry, 0, len(page.Nodes))}
	for _, node := range page.Nodes {
		first, _, err := hemigraph.ParseDate(node.Date)
		if err != nil {
			return nil, fmt.Errorf("timeline: node %s: %w", node.ID, err) // the loader validates dates
		}
		out.Entries = append(out.Entries, model.TimelineEntry{Date: node.Date, Start: first.Format("2006-01-02"),
			Year: first.Year(), Node: entity(node)})
	}
	return out, nil
}
