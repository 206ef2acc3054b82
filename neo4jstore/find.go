package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// nodeAll is the list of every property of the node n (nodeList).
var nodeAll = nodeList("n", query.AllNodeProps)

// lookupNodesCypher reads nodes by id, their properties Node (nodeList),
// and what the expansion reads ahead.
var lookupNodesCypher = newStatement("lookupNodesCypher", `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN {{Node}} AS n, {{Expand}} AS x`)

// LookupNodes returns the nodes with the given ids (those that exist, in
// no particular order), with their properties props besides id and kind
// (zero: every property), and the relations e reads ahead around them, in
// one statement.
func (s *Store) LookupNodes(ctx context.Context, ids []string, props query.NodeProps, e *query.Expand) ([]hemigraph.Node, query.Prefetch, error) {
	if err := e.Check(); err != nil {
		return nil, nil, err
	}
	p := newParams()
	p.m["ids"] = ids
	recs, err := s.readStatement(ctx, lookupNodesCypher, frags{"Node": nodeList("n", props), "Expand": expandCypher(e, "n", p)}, p.m)
	if err != nil {
		return nil, nil, fmt.Errorf("get %d nodes: %w", len(ids), err)
	}
	pf := query.Prefetch{}
	nodes := make([]hemigraph.Node, len(recs))
	for i, r := range recs {
		nodes[i] = nodeFromList(props, r.Values[0]) // n, x
		decodeExpand(e, nodes[i], 0, r.Values[1], pf)
	}
	return nodes, pf, nil
}

// lookupSymbolCypher reads the node of a symbol key, its properties Node
// (nodeList), and what the expansion reads ahead.
var lookupSymbolCypher = newStatement("lookupSymbolCypher", `
MATCH (n:Entity {symbolKey: $key})
WITH n ORDER BY n.unresolved, n.id LIMIT 1
RETURN {{Node}} AS n, {{Expand}} AS x`)

// LookupSymbol returns the node whose symbol has the key of symbol
// (hemigraph.SymbolKey), so that any printed variant finds it, with its
// properties props besides id and kind (zero: every property), and the
// relations e reads ahead around it. It returns an error wrapping
// hemigraph.ErrNotFound when no node has it.
func (s *Store) LookupSymbol(ctx context.Context, symbol string, props query.NodeProps, e *query.Expand) (hemigraph.Node, query.Prefetch, error) {
	if err := e.Check(); err != nil {
		return hemigraph.Node{}, nil, err
	}
	p := newParams()
	p.m["key"] = hemigraph.SymbolKey(symbol)
	recs, err := s.readStatement(ctx, lookupSymbolCypher, frags{"Node": nodeList("n", props), "Expand": expandCypher(e, "n", p)}, p.m)
	if err != nil {
		return hemigraph.Node{}, nil, fmt.Errorf("get node by symbol %q: %w", symbol, err)
	}
	if len(recs) == 0 {
		return hemigraph.Node{}, nil, fmt.Errorf("symbol %q: %w", symbol, hemigraph.ErrNotFound)
	}
	n := nodeFromList(props, recs[0].Values[0]) // n, x
	pf := query.Prefetch{}
	decodeExpand(e, n, 0, recs[0].Values[1], pf)
	return n, pf, nil
}

// key returns the sort key of node variable v as a Cypher expression. A
// missing date or symbol sorts last in either direction: it is replaced by
// a string above every date and symbol ascending, and by "" descending.
func orderKey(o query.Order, v string, p *params) (string, error) {
	last := "\uffff"
	if o.Desc {
		last = ""
	}
	switch o.Field {
	case query.OrderID:
		return v + ".id", nil
	case query.OrderDate:
		return fmt.Sprintf("coalesce(%s.dateStart, %s)", v, p.add(last)), nil
	case query.OrderSymbol:
		return fmt.Sprintf("coalesce(%s.symbolKey, %s)", v, p.add(last)), nil
	case query.OrderTitle:
		return fmt.Sprintf("toLower(%s.title)", v), nil
	case query.OrderCitedBy:
		return fmt.Sprintf("coalesce(%s.citedByCount, 0)", v), nil
	}
	return "", fmt.Errorf("order field %d: %w", o.Field, hemigraph.ErrInvalid)
}

// findCypher reads one page, and the count when asked: the fragments are
// filled in by FindNodes, with labels from listLabels and every value a
// parameter. The page starts strictly after the cursor in (key, id) order,
// so that page 50 costs what page 1 costs.
var findCypher = newStatement("findCypher", `
{{Count}}
CALL () {
  MATCH (n:{{Label}}) WHERE {{Filter}}
  WITH n, {{Key}} AS k
  WHERE {{Cursor}}
  WITH n, k ORDER BY k {{Dir}}, n.id {{Dir}} LIMIT $limit
  RETURN collect([`+nodeAll+`, k, {{Expand}}]) AS page
}
RETURN {{Total}} AS total, page`)

// findCountCypher counts every node a list's filter selects.
var findCountCypher = newStatement("findCountCypher", `CALL () { MATCH (n:{{Label}}) WHERE {{Filter}} RETURN count(n) AS total }`)

// findByIDCypher is findCypher for the order by id, the default: it walks
// the index of the id constraint in order (a range on n.id lets the
// planner seek it, from the cursor on) and stops at the page's end, so a
// page costs the nodes it skips rather than a sort of every match. The
// label is a predicate, since the index is on Entity. Dir is ASC or DESC,
// IDs the range of ids.
var findByIDCypher = newStatement("findByIDCypher", `
{{Count}}
CALL () {
  MATCH (n:Entity) WHERE n:{{Label}} AND {{IDs}} AND {{Filter}}
  WITH n ORDER BY n.id {{Dir}} LIMIT $limit
  RETURN collect([`+nodeAll+`, n.id, {{Expand}}]) AS page
}
RETURN {{Total}} AS total, page`)

// FindNodes returns the page of nodes selected by q, with their cursors,
// and the relations q.Expand reads ahead, in one statement. Errors wrap
// hemigraph.ErrInvalid for an unknown label, order or a filter breaking
// its limits.
func (s *Store) FindNodes(ctx context.Context, q query.FindQuery) (query.Page, error) {
	if !slices.Contains(listLabels, q.Label) {
		return query.Page{}, fmt.Errorf("list label %q: %w", q.Label, hemigraph.ErrInvalid)
	}
	if err := q.Expand.Check(); err != nil {
		return query.Page{}, err
	}
	p := newParams()
	filter, err := filterCypher(&q.Filter, "n", p)
	if err != nil {
		return query.Page{}, err
	}
	key, err := orderKey(q.Order, "n", p)
	if err != nil {
		return query.Page{}, err
	}
	dir, cmp := "ASC", ">"
	if q.Order.Desc {
		dir, cmp = "DESC", "<"
	}
	cursor := "true"
	if q.After != nil {
		ck, cid := p.add(q.After.Key), p.add(q.After.ID)
		cursor = fmt.Sprintf("(k %[1]s %[2]s OR (k = %[2]s AND n.id %[1]s %[3]s))", cmp, ck, cid)
	}
	f := frags{"Count": "", "Total": "0", "Label": q.Label, "Filter": filter, "Dir": dir}
	if q.Count {
		if f["Count"], err = findCountCypher.fill(frags{"Label": q.Label, "Filter": filter}); err != nil {
			return query.Page{}, err
		}
		f["Total"] = "total"
	}
	p.m["limit"] = int64(q.First + 1)
	var stmt string
	if q.Order.Field == query.OrderID {
		f["IDs"] = "n.id >= ''"
		if q.After != nil {
			f["IDs"] = "n.id " + cmp + " " + p.add(q.After.ID)
		}
		f["Expand"] = expandCypher(q.Expand, "n", p)
		stmt, err = findByIDCypher.fill(f)
	} else {
		f["Key"], f["Cursor"], f["Expand"] = key, cursor, expandCypher(q.Expand, "n", p)
		stmt, err = findCypher.fill(f)
	}
	if err != nil {
		return query.Page{}, err
	}
	recs, err := s.read(ctx, stmt, p.m)
	if err != nil {
		return query.Page{}, fmt.Errorf("list %s: %w", q.Label, err)
	}
	out := query.Page{Prefetch: query.Prefetch{}, Total: getInt(recs[0], "total")}
	v, _ := recs[0].Get("page")
	l, _ := v.([]any)
	if len(l) > q.First {
		out.HasNext, l = true, l[:q.First]
	}
	for _, x := range l { // node, key, read ahead
		nl := asList(x)
		if len(nl) < 3 {
			continue
		}
		n := nodeFromList(query.AllNodeProps, nl[0])
		out.Nodes = append(out.Nodes, n)
		out.Cursors = append(out.Cursors, query.Cursor{Key: nl[1], ID: n.ID})
		decodeExpand(q.Expand, n, 0, nl[2], out.Prefetch)
	}
	return out, nil
}

// facetsCypher counts in one statement, each count a subquery that runs
// the filter again rather than collecting the matching nodes.
var facetsCypher = newStatement("facetsCypher", `
CALL () { MATCH (n:{{Label}}) WHERE {{Filter}} RETURN count(n) AS total }
CALL () {
  MATCH (n:{{Label}}) WHERE {{Filter}}
  WITH n.kind AS kind, count(*) AS c ORDER BY c DESC, kind
  RETURN collect({kind: kind, count: c}) AS kinds
}
CALL () {
  MATCH (n:{{Label}}) WHERE {{Filter}} AND n.year IS NOT NULL
  WITH n.year AS year, count(*) AS c ORDER BY year
  RETURN collect({year: year, count: c}) AS years
}
CALL () {
  MATCH (n:{{Label}}) WHERE {{Filter}}
  MATCH (n)-[:ADOPTED_BY]->(b:Entity)
  WITH b, count(DISTINCT n) AS c ORDER BY c DESC, b.id LIMIT $maxBodies
  RETURN collect({body: b`+nodeFields+`, count: c}) AS bodies
}
RETURN total, kinds, years, bodies`)

// Facets counts the nodes of label matching f by kind, by first year and
// by adopting body, in one statement. Errors wrap hemigraph.ErrInvalid for
// an unknown label or a filter breaking its limits.
func (s *Store) Facets(ctx context.Context, label string, f query.Filter) (query.Facets, error) {
	if !slices.Contains(listLabels, label) {
		return query.Facets{}, fmt.Errorf("facets label %q: %w", label, hemigraph.ErrInvalid)
	}
	p := newParams()
	filter, err := filterCypher(&f, "n", p)
	if err != nil {
		return query.Facets{}, err
	}
	p.m["maxBodies"] = int64(query.MaxFacetBodies)
	stmt, err := facetsCypher.fill(frags{"Label": label, "Filter": filter})
	if err != nil {
		return query.Facets{}, err
	}
	recs, err := s.read(ctx, stmt, p.m)
	if err != nil {
		return query.Facets{}, fmt.Errorf("facets of %s: %w", label, err)
	}
	r := recs[0]
	out := query.Facets{Total: getInt(r, "total")}
	for _, x := range listOfMaps(r, "kinds") {
		out.Kinds = append(out.Kinds, query.KindCount{Kind: hemigraph.Kind(asString(x["kind"])), Count: asInt(x["count"])})
	}
	for _, x := range listOfMaps(r, "years") {
		out.Years = append(out.Years, query.YearCount{Year: asInt(x["year"]), Count: asInt(x["count"])})
	}
	for _, x := range listOfMaps(r, "bodies") {
		out.Bodies = append(out.Bodies, query.BodyCount{Body: nodeFromMap(x["body"]), Count: asInt(x["count"])})
	}
	return out, nil
}

func listOfMaps(r *record, key string) []map[string]any {
	v, _ := r.Get(key)
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
