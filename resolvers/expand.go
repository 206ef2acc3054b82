package resolvers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

// This file turns the selection set of a root field into the relations to
// read ahead (query.Expand), so that the root field's one statement
// also answers the relation fields nested under it. The relation fields'
// resolvers then find their answers in the request's prefetch cache (see
// loader.go); what the expansion did not foresee falls back to the
// batching loader.

// relField is what a typed relation field such as cites or convenedBy
// reads: one relation type in one direction.
type relField struct {
	dir query.Direction
	typ hemigraph.RelType
}

// relFields maps each GraphQL object type and field name to the relations
// the field reads. The field resolvers and the expansion both use it, so
// that they ask the same query.
var relFields = map[string]map[string]relField{
	"Instrument": {
		"cites":       {query.Outgoing, hemigraph.RelCites},
		"citedBy":     {query.Incoming, hemigraph.RelCites},
		"mentions":    {query.Outgoing, hemigraph.RelMentions},
		"mentionedBy": {query.Incoming, hemigraph.RelMentions},
		"convenes":    {query.Outgoing, hemigraph.RelConvenes},
		"instructs":   {query.Outgoing, hemigraph.RelInstructs},
		"requests":    {query.Outgoing, hemigraph.RelRequests},
		"establishes": {query.Outgoing, hemigraph.RelEstablishes},
		"adoptedAt":   {query.Outgoing, hemigraph.RelAdoptedAt},
		"adoptedBy":   {query.Outgoing, hemigraph.RelAdoptedBy},
		"producedBy":  {query.Incoming, hemigraph.RelProduced},
		"followsUp":   {query.Outgoing, hemigraph.RelFollowsUp},
	},
	"Conference": {
		"convenedBy":   {query.Incoming, hemigraph.RelConvenes},
		"produced":     {query.Outgoing, hemigraph.RelProduced},
		"adopted":      {query.Incoming, hemigraph.RelAdoptedAt},
		"followsUp":    {query.Outgoing, hemigraph.RelFollowsUp},
		"followedUpBy": {query.Incoming, hemigraph.RelFollowsUp},
		"citedBy":      {query.Incoming, hemigraph.RelCites},
		"mentionedBy":  {query.Incoming, hemigraph.RelMentions},
		"partOf":       {query.Outgoing, hemigraph.RelPartOf},
	},
	"Session": {
		"adopted":    {query.Incoming, hemigraph.RelAdoptedAt},
		"produced":   {query.Outgoing, hemigraph.RelProduced},
		"convenedBy": {query.Incoming, hemigraph.RelConvenes},
		"partOf":     {query.Outgoing, hemigraph.RelPartOf},
	},
	"Body": {
		"adopted":       {query.Incoming, hemigraph.RelAdoptedBy},
		"instructedBy":  {query.Incoming, hemigraph.RelInstructs},
		"requestedBy":   {query.Incoming, hemigraph.RelRequests},
		"establishedBy": {query.Incoming, hemigraph.RelEstablishes},
		"partOf":        {query.Outgoing, hemigraph.RelPartOf},
		"parts":         {query.Incoming, hemigraph.RelPartOf},
		"citedBy":       {query.Incoming, hemigraph.RelCites},
		"mentionedBy":   {query.Incoming, hemigraph.RelMentions},
	},
}

// entityType is a GraphQL object type implementing Entity, with the kinds
// of node it shows.
type entityType struct {
	name  string
	kinds []hemigraph.Kind
}

var (
	instrumentType = entityType{"Instrument", hemigraph.InstrumentKinds}
	conferenceType = entityType{"Conference", []hemigraph.Kind{hemigraph.KindConference}}
	sessionType    = entityType{"Session", []hemigraph.Kind{hemigraph.KindSession}}
	bodyType       = entityType{"Body", []hemigraph.Kind{hemigraph.KindBody}}
	entityTypes    = []entityType{instrumentType, conferenceType, sessionType, bodyType}
)

// relQuery returns the query of the relation field name of the object type
// typ, from its arguments. ok is false when the field is not a relation
// field. Errors wrap hemigraph.ErrInvalid (and ErrPageSize) for a bad
// `first`.
func relQuery(typ, name string, types []model.RelationType, direction *model.Direction, first *int) (q query.RelQuery, ok bool, err error) {
	n, err := pageSize("first", first, DefaultRelations, MaxRelations)
	if err != nil {
		return q, true, err
	}
	if name == "relations" {
		q = query.RelQuery{First: n}
		for _, t := range types {
			q.Types = append(q.Types, hemigraph.RelType(t))
		}
		if direction != nil {
			switch *direction {
			case model.DirectionOut:
				q.Direction = query.Outgoing
			case model.DirectionIn:
				q.Direction = query.Incoming
			}
		}
		return q, true, nil
	}
	f, ok := relFields[typ][name]
	if !ok {
		return q, false, nil
	}
	return query.RelQuery{Types: []hemigraph.RelType{f.typ}, Direction: f.dir, First: n}, true, nil
}

// maxExpandDepth bounds the nesting the expansion follows; deeper relation
// fields fall back to the batching loader. The server's depth limit keeps
// queries shallower.
const maxExpandDepth = 8

// expandFor returns the relations to read ahead for the nodes of the given
// types selected by each of sels.
func expandFor(opCtx *graphql.OperationContext, sels []ast.SelectionSet, types []entityType) *query.Expand {
	e := &query.Expand{}
	for _, sel := range sels {
		e.Merge(expandSelection(opCtx, sel, types, 0))
	}
	return e
}

func expandSelection(opCtx *graphql.OperationContext, sel ast.SelectionSet, types []entityType, depth int) *query.Expand {
	e, near := &query.Expand{}, &query.Expand{}
	if depth > maxExpandDepth || len(sel) == 0 {
		return e
	}
	for _, t := range types {
		for _, f := range graphql.CollectFields(opCtx, sel, []string{t.name, "Entity", "Node"}) {
			if _, isRel := relFields[t.name][f.Name]; !isRel && f.Name != "relations" {
				continue
			}
			q, ok := relQueryFromArgs(t.name, f.Name, f.ArgumentMap(opCtx.Variables))
			if !ok {
				continue // the field's resolver reports its arguments
			}
			far := &query.Expand{}
			pr := newPrinted(opCtx)
			pr.rels([]ast.SelectionSet{f.Selections})
			for _, rf := range graphql.CollectFields(opCtx, f.Selections, []string{"Relation"}) {
				if rf.Name != "node" && rf.Name != "from" && rf.Name != "to" {
					continue
				}
				sub := expandSelection(opCtx, rf.Selections, entityTypes, depth+1)
				switch {
				case rf.Name == "node":
					far.Merge(sub)
				case q.Direction == query.Both:
					far.Merge(sub)
					near.Merge(sub)
				case (rf.Name == "to") == (q.Direction == query.Outgoing):
					far.Merge(sub)
				default: // the end the relation was reached from: this node
					near.Merge(sub)
				}
			}
			e.Add(query.RelExpand{Query: q, Kinds: t.kinds, Next: far, Props: pr.node, RelProps: pr.rel})
		}
	}
	e.Merge(near)
	return e
}

// relQueryFromArgs reads a relation field's arguments as ast.Field's
// ArgumentMap gives them. ok is false when they are not valid.
func relQueryFromArgs(typ, name string, args map[string]any) (query.RelQuery, bool) {
	var (
		first     *int
		direction *model.Direction
		types     []model.RelationType
	)
	if v, ok := args["first"]; ok && v != nil {
		n, ok := asInt(v)
		if !ok {
			return query.RelQuery{}, false
		}
		first = &n
	}
	if v, ok := args["direction"].(string); ok {
		d := model.Direction(v)
		direction = &d
	}
	if l, ok := args["types"].([]any); ok {
		for _, x := range l {
			s, _ := x.(string)
			types = append(types, model.RelationType(s))
		}
	}
	q, ok, err := relQuery(typ, name, types, direction, first)
	return q, ok && err == nil
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), n == float64(int(n))
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// fieldSelections returns the selection sets of the fields named path,
// followed from the current field: fieldSelections(ctx, "edges", "node")
// gives the selection sets of edges { node { ... } }. Each step collects
// the fields of the object type named by types at that step.
func fieldSelections(ctx context.Context, steps ...step) []ast.SelectionSet {
	fc := graphql.GetFieldContext(ctx)
	opCtx := graphql.GetOperationContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return nil
	}
	sels := []ast.SelectionSet{fc.Field.Selections}
	for _, s := range steps {
		var next []ast.SelectionSet
		for _, sel := range sels {
			for _, f := range graphql.CollectFields(opCtx, sel, []string{s.typ}) {
				if f.Name == s.field {
					next = append(next, f.Selections)
				}
			}
		}
		sels = next
	}
	return sels
}

// wanted reports whether an answer needs the field whose selections
// (fieldSelections) are sels: when the operation selects it, or when the
// resolver runs outside an operation and cannot tell.
func wanted(ctx context.Context, sels []ast.SelectionSet) bool {
	return sels != nil || graphql.GetFieldContext(ctx) == nil
}

// step is one step of fieldSelections: a field of an object type.
type step struct{ typ, field string }

// readAhead returns the expansion for the nodes of the given types reached
// from the current field through steps.
func readAhead(ctx context.Context, types []entityType, steps ...step) *query.Expand {
	opCtx := graphql.GetOperationContext(ctx)
	if opCtx == nil {
		return nil
	}
	return expandFor(opCtx, fieldSelections(ctx, steps...), types)
}

// relField answers a typed relation field such as cites or convenedBy, from
// the request's read-ahead when the root field's statement read it.
func (r *Resolver) relField(ctx context.Context, typ, name, id string, first *int) ([]model.Relation, error) {
	q, ok, err := relQuery(typ, name, nil, nil, first)
	if !ok {
		return nil, fmt.Errorf("%s.%s is not a relation field", typ, name) // a bug, not a user error
	}
	if err != nil {
		return nil, err
	}
	rs, err := r.relationsOf(ctx, id, q)
	if err != nil {
		return nil, err
	}
	return relations(rs), nil
}

// relationsField answers the generic relations(types, direction, first) field.
func (r *Resolver) relationsField(ctx context.Context, typ, id string, types []model.RelationType, direction *model.Direction, first *int) ([]model.Relation, error) {
	q, _, err := relQuery(typ, "relations", types, direction, first)
	if err != nil {
		return nil, err
	}
	rs, err := r.relationsOf(ctx, id, q)
	if err != nil {
		return nil, err
	}
	return relations(rs), nil
}
