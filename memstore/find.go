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

// listLabels are the labels a list may be asked for.
var listLabels = []string{"Entity", "Instrument", "Conference", "Body", "Session"}

// LookupNodes returns the nodes with the given ids (those that exist, in
// the order asked, an id asked twice returned twice) and the relations e
// reads ahead around them. The nodes hold every property, props or not:
// they are at hand. It returns an error wrapping hemigraph.ErrInvalid when
// e reads too much (query.Expand.Check).
func (s *Store) LookupNodes(ctx context.Context, ids []string, _ query.NodeProps, e *query.Expand) ([]hemigraph.Node, query.Prefetch, error) {
	if err := checkExpand(e); err != nil {
		return nil, nil, err
	}
	if err := checkCtx(ctx, fmt.Sprintf("get %d nodes", len(ids))); err != nil {
		return nil, nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	pf := query.Prefetch{}
	nodes := make([]hemigraph.Node, 0, len(ids))
	for _, id := range ids {
		if n := s.nodes[id]; n != nil {
			nodes = append(nodes, s.view(n))
			s.expand(e, id, pf)
		}
	}
	return nodes, pf, nil
}

// LookupSymbol returns the node whose symbol has the key of symbol
// (hemigraph.SymbolKey), so that any printed variant finds it — of several,
// a known node before a placeholder, then the smallest id — with every
// property (it ignores props), and the relations e reads ahead around it.
// It returns an error wrapping hemigraph.ErrNotFound when no node has it,
// hemigraph.ErrInvalid when e reads too much.
func (s *Store) LookupSymbol(ctx context.Context, symbol string, _ query.NodeProps, e *query.Expand) (hemigraph.Node, query.Prefetch, error) {
	if err := checkExpand(e); err != nil {
		return hemigraph.Node{}, nil, err
	}
	if err := checkCtx(ctx, fmt.Sprintf("get node by symbol %q", symbol)); err != nil {
		return hemigraph.Node{}, nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	key := hemigraph.SymbolKey(symbol)
	var best *node
	for _, n := range s.nodes {
		if k, ok := n.symbolKey(); !ok || k != key {
			continue
		}
		if best == nil || cmp.Or(cmpBool(n.n.Unresolved, best.n.Unresolved), strings.Compare(n.id(), best.id())) < 0 {
			best = n
		}
	}
	if best == nil {
		return hemigraph.Node{}, nil, fmt.Errorf("symbol %q: %w", symbol, hemigraph.ErrNotFound)
	}
	pf := query.Prefetch{}
	s.expand(e, best.id(), pf)
	return s.view(best), pf, nil
}

// orderKey returns the sort key of n for o, as neo4jstore's orderKey: the
// id; the first day of the date or the symbol key, a missing one replaced
// by "\uffff" ascending and "" descending so that it sorts last either
// way; the title in lower case; the citedByCount as an int64.
func (s *Store) orderKey(o query.Order, n *node) any {
	last := "\uffff"
	if o.Desc {
		last = ""
	}
	switch o.Field {
	case query.OrderDate:
		if d, ok := n.dateStart(); ok {
			return d
		}
		return last
	case query.OrderSymbol:
		if k, ok := n.symbolKey(); ok {
			return k
		}
		return last
	case query.OrderTitle:
		return strings.ToLower(n.n.Title)
	case query.OrderCitedBy:
		return int64(s.citedBy(n.id()))
	}
	return n.id()
}

// compareKeys compares two sort keys of one order: strings, or integers.
// A cursor's key may be any number for the order by citations; ok is false
// when the two cannot be compared (Cypher's comparison is then null, and
// no node follows the cursor).
func compareKeys(a, b any) (c int, ok bool) {
	if x, isStr := a.(string); isStr {
		y, isStr := b.(string)
		return strings.Compare(x, y), isStr
	}
	x, okx := number(a)
	y, oky := number(b)
	return cmp.Compare(x, y), okx && oky
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case int:
		return float64(n), true
	case int32:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// FindNodes returns the page of nodes selected by q — of the label, matching
// the filter, in the order asked with ties broken by id in the same
// direction, strictly after the cursor in (key, id) order — with their
// cursors, whether more follow, the count of every match when asked, and
// the relations q.Expand reads ahead. Errors wrap hemigraph.ErrInvalid for
// an unknown label or order, an expansion reading too much, a filter
// breaking its limits, or a negative page size.
func (s *Store) FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error) {
	if !slices.Contains(listLabels, q.Label) {
		return query.Page{}, fmt.Errorf("list label %q: %w", q.Label, hemigraph.ErrInvalid)
	}
	if err := checkExpand(q.Expand); err != nil {
		return query.Page{}, err
	}
	match, err := compileFilter(&q.Filter)
	if err != nil {
		return query.Page{}, err
	}
	if q.Order.Field < query.OrderID || q.Order.Field > query.OrderCitedBy {
		return query.Page{}, fmt.Errorf("order field %d: %w", q.Order.Field, hemigraph.ErrInvalid)
	}
	if q.First < 0 {
		return query.Page{}, fmt.Errorf("list %s: page size %d: %w", q.Label, q.First, hemigraph.ErrInvalid)
	}
	if err := checkCtx(ctx, "list "+q.Label); err != nil {
		return query.Page{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	type item struct {
		n   *node
		key any
	}
	dir := 1
	if q.Order.Desc {
		dir = -1
	}
	var items []item
	total := 0
	for _, n := range s.nodes {
		if !n.hasLabel(q.Label) || !match(s, n) {
			continue
		}
		total++
		it := item{n, s.orderKey(q.Order, n)}
		if a := q.After; a != nil {
			if q.Order.Field == query.OrderID {
				if dir*strings.Compare(n.id(), a.ID) <= 0 {
					continue
				}
			} else {
				c, ok := compareKeys(it.key, a.Key)
				if !ok || dir*c < 0 || c == 0 && dir*strings.Compare(n.id(), a.ID) <= 0 {
					continue
				}
			}
		}
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b item) int {
		c, _ := compareKeys(a.key, b.key)
		return dir * cmp.Or(c, strings.Compare(a.n.id(), b.n.id()))
	})
	out := query.Page{Prefetch: query.Prefetch{}}
	if q.Count {
		out.Total = total
	}
	if len(items) > q.First {
		out.HasNext, items = true, items[:q.First]
	}
	for _, it := range items {
		out.Nodes = append(out.Nodes, s.view(it.n))
		out.Cursors = append(out.Cursors, query.Cursor{Key: it.key, ID: it.n.id()})
		s.expand(q.Expand, it.n.id(), out.Prefetch)
	}
	return out, nil
}

// Facets counts the nodes of label matching f: in all; by kind, largest
// first then by kind; by first year, in year order (undated nodes are left
// out); and by adopting body (ADOPTED_BY), largest first then by id, at
// most query.MaxFacetBodies. Errors wrap hemigraph.ErrInvalid for an
// unknown label or a filter breaking its limits.
func (s *Store) Facets(ctx context.Context, label string, f query.Filter) (query.Facets, error) {
	if !slices.Contains(listLabels, label) {
		return query.Facets{}, fmt.Errorf("facets label %q: %w", label, hemigraph.ErrInvalid)
	}
	match, err := compileFilter(&f)
	if err != nil {
		return query.Facets{}, err
	}
	if err := checkCtx(ctx, "facets of "+label); err != nil {
		return query.Facets{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out query.Facets
	kinds := map[hemigraph.Kind]int{}
	years := map[int]int{}
	bodies := map[string]int{}
	for _, n := range s.nodes {
		if !n.hasLabel(label) || !match(s, n) {
			continue
		}
		out.Total++
		kinds[n.n.Kind]++
		if y, ok := n.year(); ok {
			years[y]++
		}
		var adopted []string
		for _, e := range s.out[n.id()] {
			if e.typ == hemigraph.RelAdoptedBy && !slices.Contains(adopted, e.to) {
				adopted = append(adopted, e.to)
				bodies[e.to]++
			}
		}
	}
	for k, c := range kinds {
		out.Kinds = append(out.Kinds, query.KindCount{Kind: k, Count: c})
	}
	slices.SortFunc(out.Kinds, func(a, b query.KindCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(string(a.Kind), string(b.Kind)))
	})
	for y, c := range years {
		out.Years = append(out.Years, query.YearCount{Year: y, Count: c})
	}
	slices.SortFunc(out.Years, func(a, b query.YearCount) int { return cmp.Compare(a.Year, b.Year) })
	for id, c := range bodies {
		out.Bodies = append(out.Bodies, query.BodyCount{Body: s.view(s.nodes[id]), Count: c})
	}
	slices.SortFunc(out.Bodies, func(a, b query.BodyCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Body.ID, b.Body.ID))
	})
	out.Bodies = out.Bodies[:min(len(out.Bodies), query.MaxFacetBodies)]
	return out, nil
}
