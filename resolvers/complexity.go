package resolvers

import (
	"github.com/hemigraph/hemigraph/graph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

// Complexity returns the complexity functions of the schema for
// graph.Config. A list field costs one plus its length (its first, limit
// or number of ids, taken at most at the field's maximum) times the cost
// of one element, so that the server's complexity limit bounds the values
// a query can ask for: three nested relation fields of first: 100 cost a
// million. Other fields cost gqlgen's default, one plus their selection.
func Complexity() graph.ComplexityRoot {
	var c graph.ComplexityRoot
	rel := func(child int, first *int) int {
		return 1 + size(first, DefaultRelations, MaxRelations)*child
	}
	relations := func(child int, _ []model.RelationType, _ *model.Direction, first *int) int {
		return rel(child, first)
	}
	c.Body.Relations = relations
	c.Body.Adopted = rel
	c.Body.InstructedBy = rel
	c.Body.RequestedBy = rel
	c.Body.EstablishedBy = rel
	c.Body.PartOf = rel
	c.Body.Parts = rel
	c.Body.CitedBy = rel
	c.Body.MentionedBy = rel
	c.Conference.Relations = relations
	c.Conference.ConvenedBy = rel
	c.Conference.Produced = rel
	c.Conference.Adopted = rel
	c.Conference.FollowsUp = rel
	c.Conference.FollowedUpBy = rel
	c.Conference.CitedBy = rel
	c.Conference.MentionedBy = rel
	c.Conference.PartOf = rel
	c.Instrument.Relations = relations
	c.Instrument.Cites = rel
	c.Instrument.CitedBy = rel
	c.Instrument.Mentions = rel
	c.Instrument.MentionedBy = rel
	c.Instrument.Convenes = rel
	c.Instrument.Instructs = rel
	c.Instrument.Requests = rel
	c.Instrument.Establishes = rel
	c.Instrument.AdoptedAt = rel
	c.Instrument.AdoptedBy = rel
	c.Instrument.ProducedBy = rel
	c.Instrument.FollowsUp = rel
	c.Session.Relations = relations
	c.Session.Adopted = rel
	c.Session.Produced = rel
	c.Session.ConvenedBy = rel
	c.Session.PartOf = rel
	list := func(child int, first *int, _ *string, _ *model.ListFilter, _ *model.ListOrder) int {
		return 1 + size(first, DefaultListPage, MaxListPage)*child
	}
	c.Query.Instruments, c.Query.Conferences, c.Query.Bodies, c.Query.Sessions = list, list, list, list
	c.Query.Nodes = func(child int, ids []string) int { return 1 + min(len(ids), MaxNodes)*child }
	c.Query.Search = func(child int, _ string, _ []model.Kind, _ []model.Language, first *int, _ *string) int {
		return 1 + size(first, DefaultListPage, MaxListPage)*child
	}
	c.Query.Neighbourhood = func(child int, _ string, _ *int, _ []model.RelationType, limit *int) int {
		return 1 + size(limit, DefaultNeighbours, query.MaxNeighbourhoodNodes)*child
	}
	c.Query.Paths = func(child int, _, _ string, maxDepth *int, _ []model.RelationType, first *int) int {
		return 1 + size(first, DefaultPaths, query.MaxPaths)*size(maxDepth, DefaultPathDepth, query.MaxPathDepth)*child
	}
	c.Query.Timeline = func(child int, _, _ *string, _ []model.Kind, _ *model.ListFilter, first *int) int {
		return 1 + size(first, DefaultTimeline, MaxTimeline)*child
	}
	c.Query.InstrumentsLeadingTo = func(child int, _ string, _ *int, first *int) int {
		return 1 + size(first, DefaultLineage, MaxLineage)*child
	}
	c.Query.Facets = func(child int, _ *model.ListFilter) int {
		return 1 + query.MaxFacetBodies*child
	}
	return c
}

// size is the length a list field's argument asks for: def when absent,
// clamped to 0..max (the resolver refuses what is out of range).
func size(arg *int, def, most int) int {
	if arg == nil {
		return def
	}
	return min(max(*arg, 0), most)
}
