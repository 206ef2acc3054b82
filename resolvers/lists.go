package resolvers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

// cursor is what an opaque cursor holds: the order it was made in, the
// sort key (or search score) and the id of a node.
type cursor struct {
	Order string  `json:"o"`
	Key   any     `json:"k,omitempty"`
	Score float64 `json:"s,omitempty"`
	ID    string  `json:"i"`
}

func (c cursor) encode() string {
	b, _ := json.Marshal(c) // strings, numbers: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of the list in order. It returns an error
// wrapping hemigraph.ErrInvalid for anything else, a cursor of another
// order included.
func decodeCursor(s, order string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return c, fmt.Errorf("argument after: %q is not a cursor of this list: %w", s, hemigraph.ErrInvalid)
	}
	if c.Order != order {
		return c, fmt.Errorf("argument after: the cursor was made for the order %s, not %s: %w", c.Order, order, hemigraph.ErrInvalid)
	}
	return c, nil
}

var orderFields = map[model.ListOrderField]query.OrderField{
	model.ListOrderFieldID:      query.OrderID,
	model.ListOrderFieldDate:    query.OrderDate,
	model.ListOrderFieldSymbol:  query.OrderSymbol,
	model.ListOrderFieldTitle:   query.OrderTitle,
	model.ListOrderFieldCitedBy: query.OrderCitedBy,
}

// listOrder converts the orderBy argument, and names it for cursors.
func listOrder(o *model.ListOrder) (query.Order, string, error) {
	if o == nil {
		return query.Order{}, "ID:ASC", nil
	}
	f, ok := orderFields[o.Field]
	if !ok {
		return query.Order{}, "", fmt.Errorf("argument orderBy: unknown field %q: %w", o.Field, hemigraph.ErrInvalid)
	}
	dir := model.OrderDirectionAsc
	if o.Direction != nil {
		dir = *o.Direction
	}
	return query.Order{Field: f, Desc: dir == model.OrderDirectionDesc}, string(o.Field) + ":" + string(dir), nil
}

// listFilter converts a filter argument. Errors wrap hemigraph.ErrInvalid.
func listFilter(f *model.ListFilter) (query.Filter, error) {
	var out query.Filter
	if f == nil {
		return out, nil
	}
	for _, g := range f.And {
		c, err := listFilter(&g)
		if err != nil {
			return out, err
		}
		out.And = append(out.And, c)
	}
	for _, g := range f.Or {
		c, err := listFilter(&g)
		if err != nil {
			return out, err
		}
		out.Or = append(out.Or, c)
	}
	if f.Not != nil {
		c, err := listFilter(f.Not)
		if err != nil {
			return out, err
		}
		out.Not = &c
	}
	out.Kinds = kinds(f.Kinds)
	out.Title = deref(f.Title)
	out.SymbolPrefix = deref(f.SymbolPrefix)
	out.Place = deref(f.Place)
	if d := f.Date; d != nil {
		var err error
		if out.DateFrom, out.DateTo, err = dateRange(d.From, d.To); err != nil {
			return out, err
		}
	}
	if y := f.Years; y != nil {
		out.YearFrom, out.YearTo = y.From, y.To
	}
	out.AdoptedBy, out.AdoptedAt = f.AdoptedBy, f.AdoptedAt
	for _, r := range f.Related {
		rel := query.Related{Type: hemigraph.RelType(r.Type), Direction: query.Outgoing, IDs: r.Ids}
		if r.Direction != nil {
			rel.Direction = direction(*r.Direction)
		}
		out.Related = append(out.Related, rel)
	}
	out.Unresolved = f.Unresolved
	return out, nil
}

// dateRange reads the ends of a date range (YYYY, YYYY-MM or YYYY-MM-DD)
// as the first day of from and the last day of to, "" for an open end.
func dateRange(from, to *string) (string, string, error) {
	var a, b string
	if from != nil && *from != "" {
		first, _, err := hemigraph.ParseDate(*from)
		if err != nil || strings.Contains(*from, "/") {
			return "", "", fmt.Errorf("date from: %q is not YYYY, YYYY-MM or YYYY-MM-DD: %w", *from, hemigraph.ErrInvalid)
		}
		a = first.Format("2006-01-02")
	}
	if to != nil && *to != "" {
		_, last, err := hemigraph.ParseDate(*to)
		if err != nil || strings.Contains(*to, "/") {
			return "", "", fmt.Errorf("date to: %q is not YYYY, YYYY-MM or YYYY-MM-DD: %w", *to, hemigraph.ErrInvalid)
		}
		b = last.Format("2006-01-02")
	}
	return a, b, nil
}

func direction(d model.Direction) query.Direction {
	switch d {
	case model.DirectionOut:
		return query.Outgoing
	case model.DirectionIn:
		return query.Incoming
	}
	return query.Both
}

func kinds(ks []model.Kind) []hemigraph.Kind {
	var out []hemigraph.Kind
	for _, k := range ks {
		out = append(out, kindFromModel[k])
	}
	return out
}

func relTypes(ts []model.RelationType) []hemigraph.RelType {
	var out []hemigraph.RelType
	for _, t := range ts {
		out = append(out, hemigraph.RelType(t))
	}
	return out
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// listPage is a page of a list with its Relay page info and cursors.
type listPage struct {
	nodes   []hemigraph.Node
	cursors []string
	info    *model.PageInfo
	total   int
}

// list answers the paged list fields: one statement reads the page after
// the cursor, the relations nested under the edges' nodes (types t, reached
// through the connection and edge types conn and edge), and the total when
// the query selects totalCount.
func (r *Resolver) list(ctx context.Context, label string, t entityType, first *int, after *string, filter *model.ListFilter, orderBy *model.ListOrder) (listPage, error) {
	var out listPage
	n, err := pageSize("first", first, DefaultListPage, MaxListPage)
	if err != nil {
		return out, err
	}
	order, orderName, err := listOrder(orderBy)
	if err != nil {
		return out, err
	}
	f, err := listFilter(filter)
	if err != nil {
		return out, err
	}
	conn, edge := t.name+"Connection", t.name+"Edge"
	q := query.FindQuery{
		Label: label, Filter: f, Order: order, First: n,
		Count:  selected(ctx, conn, "totalCount"),
		Expand: readAhead(ctx, []entityType{t}, step{conn, "edges"}, step{edge, "node"}),
	}
	if after != nil && *after != "" {
		c, err := decodeCursor(*after, orderName)
		if err != nil {
			return out, err
		}
		key := c.Key
		switch order.Field {
		case query.OrderID:
			key = c.ID
		case query.OrderCitedBy:
			k, ok := asInt(key)
			if !ok {
				return out, fmt.Errorf("argument after: %q is not a cursor of this list: %w", *after, hemigraph.ErrInvalid)
			}
			key = int64(k)
		default:
			if _, ok := key.(string); !ok {
				return out, fmt.Errorf("argument after: %q is not a cursor of this list: %w", *after, hemigraph.ErrInvalid)
			}
		}
		q.After = &query.Cursor{Key: key, ID: c.ID}
	}
	page, err := r.Store.FindNodes(ctx, q)
	if err != nil {
		return out, err
	}
	prime(ctx, page.Prefetch)
	out.nodes, out.total = page.Nodes, page.Total
	for _, c := range page.Cursors {
		key := c.Key
		if order.Field == query.OrderID {
			key = nil // the id is the key
		}
		out.cursors = append(out.cursors, cursor{Order: orderName, Key: key, ID: c.ID}.encode())
	}
	out.info = pageInfo(out.cursors, page.HasNext, q.After != nil)
	return out, nil
}

func pageInfo(cursors []string, hasNext, hasPrevious bool) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return info
}
