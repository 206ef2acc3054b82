package resolvers

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hemigraph/hemigraph/query"
)

// This file finds, from the selection set of a root field, the properties
// of nodes and relations its answer prints, so that the store reads only
// those (query.NodeProps, query.RelProps). A field it does not know makes
// it ask for every property: a field added to the schema and not here
// costs speed, never a wrong answer.

// nodeTypes are the GraphQL types a node is printed as.
var nodeTypes = []string{"Node", "Entity", "Instrument", "Conference", "Session", "Body", "GraphNode"}

// nodePropFields maps the fields of the node types that print a property
// to it; fields mapped to 0 print none (the id and kind are always read).
// Relation fields are walked by nodes.
var nodePropFields = map[string]query.NodeProps{
	"__typename":   0,
	"id":           query.PropID,
	"kind":         0,
	"title":        query.PropTitle,
	"label":        query.PropSymbol | query.PropTitle,
	"symbol":       query.PropSymbol,
	"aliases":      query.PropAliases,
	"date":         query.PropDate,
	"year":         query.PropDate,
	"place":        query.PropPlace,
	"source":       query.PropSource,
	"unresolved":   query.PropUnresolved,
	"citedByCount": query.PropCitedByCount,
	"distance":     0,
}

// relPropFields maps the fields of Relation, GraphEdge and EdgeProperties
// that print a property of a relation to it, as nodePropFields does for
// nodes. The ends (Relation's from, to and node; GraphEdge's are ids) and
// GraphEdge's properties are walked by rels.
var relPropFields = map[string]query.RelProps{
	"__typename": 0,
	"id":         query.PropKey,
	"type":       0,
	"direction":  0,
	"verb":       query.PropVerb,
	"through":    query.PropThrough,
	"source":     query.PropRelSource,
	"evidence":   query.PropEvidence,
	"document":   query.PropDocument,
	"clause":     query.PropClause,
}

// printed holds the properties a root field's answer prints: of nodes,
// of relations, and of the nodes at the ends (from, to) of relations.
type printed struct {
	opCtx *graphql.OperationContext
	node  query.NodeProps
	rel   query.RelProps
	ends  query.NodeProps
}

// newPrinted returns a printed holding nothing yet: ids and keys only.
func newPrinted(opCtx *graphql.OperationContext) *printed {
	return &printed{opCtx: opCtx, node: query.PropID, rel: query.PropKey, ends: query.PropID}
}

// printedProps returns what the current field prints, starting from none,
// or nil when the request carries no selection to read: a nil printed
// walks nothing and reports every property.
func printedProps(ctx context.Context) *printed {
	if graphql.GetFieldContext(ctx) == nil || !graphql.HasOperationContext(ctx) {
		return nil
	}
	return newPrinted(graphql.GetOperationContext(ctx))
}

// nodes adds what the selection sets print of the nodes they select. A
// relation field read ahead under a node holds the node itself as its near
// end (the store fills it in from the node it read), so what the
// relation's ends print is printed of the node too.
func (s *printed) nodes(sels []ast.SelectionSet) {
	if s == nil {
		return
	}
	for _, sel := range sels {
		for _, f := range graphql.CollectFields(s.opCtx, sel, nodeTypes) {
			p, ok := nodePropFields[f.Name]
			switch {
			case f.Name == "relations" || relFieldNames[f.Name]:
				for _, rf := range graphql.CollectFields(s.opCtx, f.Selections, []string{"Relation"}) {
					if rf.Name == "from" || rf.Name == "to" {
						s.nodes([]ast.SelectionSet{rf.Selections})
					}
				}
			case ok:
				s.node |= p
			default:
				s.node = query.AllNodeProps
			}
		}
	}
}

// rels adds what the selection sets print of the relations they select
// (Relation, GraphEdge), and of the nodes at their ends.
func (s *printed) rels(sels []ast.SelectionSet) {
	if s == nil {
		return
	}
	for _, sel := range sels {
		for _, f := range graphql.CollectFields(s.opCtx, sel, []string{"Relation", "GraphEdge", "EdgeProperties"}) {
			p, ok := relPropFields[f.Name]
			switch {
			case f.Name == "properties":
				s.rels([]ast.SelectionSet{f.Selections})
			case f.Name == "node":
				s.nodes([]ast.SelectionSet{f.Selections})
			case f.Name == "from" || f.Name == "to":
				if len(f.Selections) > 0 { // Relation's ends; GraphEdge's are ids
					end := newPrinted(s.opCtx)
					end.nodes([]ast.SelectionSet{f.Selections})
					s.node |= end.node
					s.ends |= end.node
				}
			case ok:
				s.rel |= p
			default:
				s.rel = query.AllRelProps
			}
		}
	}
}

// asks reports whether the selection sets, of the object type typ, ask
// for any of the fields names: always for a nil printed, which cannot tell.
func (s *printed) asks(sels []ast.SelectionSet, typ string, names ...string) bool {
	if s == nil {
		return true
	}
	for _, sel := range sels {
		for _, f := range graphql.CollectFields(s.opCtx, sel, []string{typ}) {
			if slices.Contains(names, f.Name) {
				return true
			}
		}
	}
	return false
}

// printedByField returns what the current field, a relation field, prints
// of its relations (Rels unused): of their near end, what its from and to
// print; of their far ends, what those and node print; every property
// (zero) when the request carries no selection to read.
func printedByField(ctx context.Context) query.Prefetched {
	pr := printedProps(ctx)
	if pr == nil {
		return query.Prefetched{}
	}
	pr.rels([]ast.SelectionSet{graphql.GetFieldContext(ctx).Field.Selections})
	return query.Prefetched{NearProps: pr.ends, FarProps: pr.node, RelProps: pr.rel}
}

// fieldProps returns what the current field, which returns nodes, prints
// of them: every property (zero) when the request carries no selection to
// read.
func fieldProps(ctx context.Context) query.NodeProps {
	pr := printedProps(ctx)
	pr.nodes(fieldSelections(ctx))
	p, _ := pr.props()
	return p
}

// props returns the properties found, zero (every property) for s nil.
func (s *printed) props() (query.NodeProps, query.RelProps) {
	if s == nil {
		return 0, 0
	}
	return s.node, s.rel
}

// relFieldNames are the relation fields of every node type.
var relFieldNames = func() map[string]bool {
	m := map[string]bool{}
	for _, fs := range relFields {
		for name := range fs {
			m[name] = true
		}
	}
	return m
}()
