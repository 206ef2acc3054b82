package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/neo4jstore"
)

// lookup returns the node with id, or nil when there is none.
func (r *Resolver) lookup(ctx context.Context, id string) (*hemigraph.Node, error) {
	n, err := r.Store.NodeByID(ctx, id)
	if errors.Is(err, hemigraph.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &n, nil
}

// pageSize reads a `first` argument: def when absent, an error wrapping
// hemigraph.ErrInvalid outside 0..max.
func pageSize(arg string, first *int, def, max int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > max {
		return 0, fmt.Errorf("argument %s: %d is out of 0..%d: %w", arg, *first, max, hemigraph.ErrInvalid)
	}
	return *first, nil
}

// list answers the paged list fields: one page after the cursor, and the
// total only when the query selects totalCount.
func (r *Resolver) list(ctx context.Context, label string, first *int, after *string, filter *model.ListFilter) ([]hemigraph.Node, *model.PageInfo, int, error) {
	n, err := pageSize("first", first, 20, MaxListPage)
	if err != nil {
		return nil, nil, 0, err
	}
	q := neo4jstore.ListQuery{Label: label, First: n}
	if after != nil && *after != "" {
		if q.After, err = decodeCursor(*after); err != nil {
			return nil, nil, 0, err
		}
	}
	if filter != nil {
		if filter.Title != nil {
			q.Title = *filter.Title
		}
		for _, k := range filter.Kinds {
			q.Kinds = append(q.Kinds, kindFromModel[k])
		}
	}
	nodes, err := r.Store.ListNodes(ctx, q)
	if err != nil {
		return nil, nil, 0, err
	}
	info := &model.PageInfo{HasNextPage: len(nodes) > n}
	nodes = nodes[:min(len(nodes), n)]
	if len(nodes) > 0 {
		info.EndCursor = ptr(encodeCursor(nodes[len(nodes)-1].ID))
	}
	total := 0
	if selected(ctx, "totalCount") {
		if total, err = r.Store.CountNodes(ctx, q); err != nil {
			return nil, nil, 0, err
		}
	}
	return nodes, info, total, nil
}

// selected reports whether the current field's selection set asks for name.
func selected(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// rel answers a typed relation field such as cites or convenedBy.
func (r *Resolver) rel(ctx context.Context, id string, first *int, dir neo4jstore.Direction, t hemigraph.RelType) ([]model.Relation, error) {
	n, err := pageSize("first", first, 100, MaxRelations)
	if err != nil {
		return nil, err
	}
	rs, err := r.relationsOf(ctx, id, neo4jstore.RelQuery{Types: []hemigraph.RelType{t}, Direction: dir, First: n})
	if err != nil {
		return nil, err
	}
	return relations(rs), nil
}

// relationsField answers the generic relations(types, direction, first) field.
func (r *Resolver) relationsField(ctx context.Context, id string, types []model.RelationType, direction *model.Direction, first *int) ([]model.Relation, error) {
	n, err := pageSize("first", first, 100, MaxRelations)
	if err != nil {
		return nil, err
	}
	q := neo4jstore.RelQuery{First: n}
	for _, t := range types {
		q.Types = append(q.Types, hemigraph.RelType(t))
	}
	if direction != nil {
		switch *direction {
		case model.DirectionOut:
			q.Direction = neo4jstore.Outgoing
		case model.DirectionIn:
			q.Direction = neo4jstore.Incoming
		}
	}
	rs, err := r.relationsOf(ctx, id, q)
	if err != nil {
		return nil, err
	}
	return relations(rs), nil
}
