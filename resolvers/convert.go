package resolvers

import (
	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/query"
)

var kindToModel = map[hemigraph.Kind]model.Kind{
	hemigraph.KindResolution:   model.KindResolution,
	hemigraph.KindDeclaration:  model.KindDeclaration,
	hemigraph.KindConvention:   model.KindConvention,
	hemigraph.KindReport:       model.KindReport,
	hemigraph.KindPlanOfAction: model.KindPlanOfAction,
	hemigraph.KindConference:   model.KindConference,
	hemigraph.KindSession:      model.KindSession,
	hemigraph.KindBody:         model.KindBody,
}

var kindFromModel = func() map[model.Kind]hemigraph.Kind {
	m := make(map[model.Kind]hemigraph.Kind, len(kindToModel))
	for k, v := range kindToModel {
		m[v] = k
	}
	return m
}()

func ptr[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func aliases(n *hemigraph.Node) []string {
	if n.Aliases == nil {
		return []string{}
	}
	return n.Aliases
}

// nodeOptionals are a node's optional values, allocated with the model
// object that points into them: one allocation per object, where each
// pointer was one (a lineage or a neighbourhood converts hundreds).
type nodeOptionals struct {
	symbol, date, place, source string
	year                        int
	hasYear                     bool
}

func optionalsOf(n *hemigraph.Node) nodeOptionals {
	o := nodeOptionals{symbol: n.Symbol, date: n.Date, place: n.Place, source: n.Source}
	if n.Date != "" {
		if first, _, err := hemigraph.ParseDate(n.Date); err == nil {
			o.year, o.hasYear = first.Year(), true
		}
	}
	return o
}

// str points at s, or is nil when s is empty.
func str(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

// yearOf points at the year of the node's date, or is nil when it has none.
func (o *nodeOptionals) yearOf() *int {
	if !o.hasYear {
		return nil
	}
	return &o.year
}

// entity converts a node into the GraphQL type of its kind.
func entity(n hemigraph.Node) model.Entity {
	switch {
	case n.Kind.IsInstrument():
		return instrument(n)
	case n.Kind == hemigraph.KindConference:
		return conference(n)
	case n.Kind == hemigraph.KindSession:
		return session(n)
	default:
		return body(n)
	}
}

// withOptionals allocates a model object of type M together with the
// optional values of n, and has fill set the object, pointing into them.
func withOptionals[M any](n *hemigraph.Node, fill func(m *M, o *nodeOptionals)) *M {
	c := &struct {
		m M
		o nodeOptionals
	}{o: optionalsOf(n)}
	fill(&c.m, &c.o)
	return &c.m
}

func instrument(n hemigraph.Node) *model.Instrument {
	return withOptionals(&n, func(m *model.Instrument, o *nodeOptionals) {
		*m = model.Instrument{ID: n.ID, Kind: kindToModel[n.Kind], Symbol: str(&o.symbol), Title: n.Title,
			Aliases: aliases(&n), Date: str(&o.date), Year: o.yearOf(), Place: str(&o.place), Source: str(&o.source),
			Unresolved: n.Unresolved, CitedByCount: n.CitedByCount}
	})
}

func conference(n hemigraph.Node) *model.Conference {
	return withOptionals(&n, func(m *model.Conference, o *nodeOptionals) {
		*m = model.Conference{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
			Date: str(&o.date), Year: o.yearOf(), Place: str(&o.place), Source: str(&o.source),
			Unresolved: n.Unresolved, CitedByCount: n.CitedByCount}
	})
}

func session(n hemigraph.Node) *model.Session {
	return withOptionals(&n, func(m *model.Session, o *nodeOptionals) {
		*m = model.Session{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
			Date: str(&o.date), Year: o.yearOf(), Place: str(&o.place), Source: str(&o.source),
			Unresolved: n.Unresolved, CitedByCount: n.CitedByCount}
	})
}

func body(n hemigraph.Node) *model.Body {
	return withOptionals(&n, func(m *model.Body, o *nodeOptionals) {
		*m = model.Body{ID: n.ID, Kind: kindToModel[n.Kind], Title: n.Title, Aliases: aliases(&n),
			Date: str(&o.date), Year: o.yearOf(), Place: str(&o.place), Source: str(&o.source),
			Unresolved: n.Unresolved, CitedByCount: n.CitedByCount}
	})
}

func relation(r hemigraph.Relation) model.Relation {
	return relationWith(r, entity)
}

// relOptionals are a relation's optional values, allocated together (see
// nodeOptionals).
type relOptionals struct {
	verb, through, source, evidence, document string
}

func relOptionalsOf(r *hemigraph.Relation) *relOptionals {
	return &relOptionals{verb: r.Verb, through: r.Through, source: r.Source, evidence: r.Evidence, document: r.Document}
}

// relationWith converts a relation, its end nodes by conv.
func relationWith(r hemigraph.Relation, conv func(hemigraph.Node) model.Entity) model.Relation {
	o := relOptionalsOf(&r)
	m := model.Relation{
		ID:        r.ID,
		Type:      model.RelationType(r.Type),
		From:      conv(r.FromNode),
		To:        conv(r.ToNode),
		Node:      conv(r.Other()),
		Direction: model.DirectionOut,
		Verb:      str(&o.verb),
		Through:   str(&o.through),
		Source:    str(&o.source),
		Evidence:  str(&o.evidence),
		Document:  str(&o.document),
	}
	if !r.Outgoing {
		m.Direction = model.DirectionIn
	}
	m.Clause = clause(r.Clause)
	return m
}

func relations(rs []hemigraph.Relation) []model.Relation {
	out := make([]model.Relation, len(rs))
	for i, r := range rs {
		out[i] = relation(r)
	}
	return out
}

// shared converts the nodes of one answer whose nodes with the same id
// are the same (a lineage's target, entries and the ends of its chains):
// each once, shared by every place it appears. A lineage of 50 entries
// names its target and the nodes between in every path; converting each
// appearance was a third of the objects the answer allocated.
type shared struct {
	nodes map[string]model.Entity
}

func newShared() *shared {
	return &shared{nodes: map[string]model.Entity{}}
}

// of returns n converted, the conversion of the first node of its id.
func (c *shared) of(n hemigraph.Node) model.Entity {
	if e, ok := c.nodes[n.ID]; ok {
		return e
	}
	e := entity(n)
	c.nodes[n.ID] = e
	return e
}

// lineageEntries converts the first n entries of l, their nodes through
// c, and when paths is set writes out each one's path: its first relation
// (hemigraph.LineageEntry.Via), converted once for every path it is in,
// then the path of the entry one step nearer the target. The paths share
// one array, which nothing changes afterwards.
func lineageEntries(l query.Lineage, n int, paths bool, c *shared) []model.LineageEntry {
	out := make([]model.LineageEntry, n)
	for i := range out {
		out[i] = model.LineageEntry{Node: c.of(l.Entries[i].Node), Distance: l.Entries[i].Distance}
	}
	if !paths {
		return out
	}
	via := make([]model.Relation, n)
	steps := 0
	for i := range out {
		via[i] = relationWith(l.Entries[i].Via, c.of)
		steps += out[i].Distance
	}
	// A chain goes on through entries nearer the target, which come
	// before it (query.Lineage.Next), so within the first n.
	next := l.Next()
	all := make([]model.Relation, steps)
	for i := range out {
		d := out[i].Distance
		path := all[:0:d]
		all = all[d:]
		for at := i; at >= 0 && at < n && len(path) < d; at = next[at] {
			path = append(path, via[at])
		}
		out[i].Path = path
	}
	return out
}

// clause converts a clause reference.
func clause(c *hemigraph.ClauseRef) *model.Clause {
	if c == nil {
		return nil
	}
	return &model.Clause{Index: c.Index, Kind: c.Kind, Number: ptr(c.Number), Text: ptr(c.Text), Start: c.Start, End: c.End}
}

// graphNode converts a node of a subgraph.
func graphNode(n query.GraphNode) model.GraphNode {
	label := n.Symbol
	if label == "" {
		label = n.Title
	}
	o := &struct{ nodeOptionals }{optionalsOf(&n.Node)}
	return model.GraphNode{ID: n.ID, Kind: kindToModel[n.Kind], Label: label, Title: n.Title, Symbol: str(&o.symbol),
		Date: str(&o.date), Year: o.yearOf(), Place: str(&o.place), CitedByCount: n.CitedByCount, Distance: n.Distance}
}

// graphEdge converts an edge of a subgraph.
func graphEdge(r hemigraph.Relation) model.GraphEdge {
	p := &struct {
		m model.EdgeProperties
		o relOptionals
	}{o: relOptionals{verb: r.Verb, source: r.Source, evidence: r.Evidence, document: r.Document}}
	p.m = model.EdgeProperties{Verb: str(&p.o.verb), Source: str(&p.o.source), Evidence: str(&p.o.evidence),
		Document: str(&p.o.document), Clause: clause(r.Clause)}
	return model.GraphEdge{ID: r.ID, Type: model.RelationType(r.Type), From: r.From, To: r.To, Properties: &p.m}
}
