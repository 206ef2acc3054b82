package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// nodeProps returns the properties a write of n merges into its node, as
// neo4jstore.NodeProps computes them: empty fields are left out, so that
// they never erase a value; unresolved is always written; symbolKey
// (hemigraph.SymbolKey), year and dateStart (the first day of the date)
// and aliasText are derived.
func nodeProps(n *hemigraph.Node) props {
	p := props{"id": n.ID, "kind": string(n.Kind), "title": n.Title, "unresolved": n.Unresolved}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("symbol", n.Symbol)
	if n.Symbol != "" {
		p["symbolKey"] = hemigraph.SymbolKey(n.Symbol)
	}
	set("date", n.Date)
	set("place", n.Place)
	set("source", n.Source)
	if len(n.Aliases) > 0 {
		p["aliases"] = slices.Clone(n.Aliases)
		p["aliasText"] = strings.Join(n.Aliases, " | ")
	}
	if n.Date != "" {
		if first, _, err := hemigraph.ParseDate(n.Date); err == nil {
			p["year"] = int64(first.Year())
			p["dateStart"] = first.Format("2006-01-02")
		}
	}
	return p
}

// edgeProps returns the properties a write of e merges into its
// relationship, as neo4jstore.EdgeProps computes them, with the key
// (hemigraph.Edge.Key); empty fields are left out.
func edgeProps(e *hemigraph.Edge) props {
	p := props{"key": e.Key()}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("verb", e.Verb)
	set("through", e.Through)
	set("source", e.Source)
	set("evidence", e.Evidence)
	set("document", e.Document)
	if c := e.Clause; c != nil {
		p["clauseIndex"] = int64(c.Index)
		p["clauseKind"] = c.Kind
		if c.Number != 0 {
			p["clauseNumber"] = int64(c.Number)
		}
		set("clauseText", c.Text)
		p["spanStart"] = int64(c.Start)
		p["spanEnd"] = int64(c.End)
	}
	return p
}

// kindLabels are the labels a node of kind k carries besides Entity.
func kindLabels(k hemigraph.Kind) []string {
	if k.IsInstrument() {
		return []string{string(k), "Instrument"}
	}
	return []string{string(k)}
}

// WriteNodes merges nodes into the graph, kind by kind in the order of
// hemigraph.Kinds, with the outcome of neo4jstore's one statement: a node
// is created when its id is new; otherwise its properties are merged
// (empty fields never erase a value) and its kind's labels added, and it
// counts as updated when that changed anything, as unchanged when not.
// Rows of one batch are compared with the graph as it was before the
// batch, so a node listed twice in a batch is created once and updated
// once. Nodes of a kind outside hemigraph.Kinds are skipped, as neo4jstore
// skips them; nodes are not validated. It returns an error only when ctx
// is done.
func (s *Store) WriteNodes(ctx context.Context, nodes []hemigraph.Node) (hemigraph.WriteCounts, error) {
	if err := checkCtx(ctx, fmt.Sprintf("write %d nodes", len(nodes))); err != nil {
		return hemigraph.WriteCounts{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	load := hemigraph.LoadOf(ctx)
	byKind := map[hemigraph.Kind][]props{}
	for i := range nodes {
		byKind[nodes[i].Kind] = append(byKind[nodes[i].Kind], nodeProps(&nodes[i]))
	}
	var total hemigraph.WriteCounts
	for _, k := range hemigraph.Kinds {
		rows := byKind[k]
		if len(rows) == 0 {
			continue
		}
		labels := kindLabels(k)
		var write []props
		for _, p := range rows {
			n := s.nodes[p.str("id")]
			if n == nil || !slices.Equal(n.labels, append([]string{"Entity"}, labels...)) || changes(n.props, p) {
				write = append(write, p)
			}
		}
		counts := hemigraph.WriteCounts{Unchanged: len(rows) - len(write)}
		for _, p := range write {
			id := p.str("id")
			n := s.nodes[id]
			if n == nil {
				n = &node{props: props{}, labels: []string{"Entity"}}
				s.nodes[id] = n
				counts.Created++
				if load != "" {
					n.props["createdBy"] = load
				}
			} else if load != "" {
				s.changes[load] = append(s.changes[load], change{id: id, before: maps.Clone(n.props), labels: slices.Clone(n.labels)})
			}
			maps.Copy(n.props, p)
			if load != "" {
				n.props["loadId"] = load
			}
			// A node whose kind changed loses its former kind's labels.
			n.labels = append([]string{"Entity"}, labels...)
			n.decode()
		}
		counts.Updated = len(write) - counts.Created
		total.Add(counts)
	}
	return total, nil
}

// WriteEdges merges relationships into the graph, type by type in the
// order of hemigraph.RelTypes, with the outcome of neo4jstore's one
// transaction: a relationship is identified by its key
// (hemigraph.Edge.Key); it is created when new, else its properties are
// merged and it counts as updated or unchanged as for WriteNodes. A call
// in which an endpoint is missing writes nothing and returns an error
// naming the first type with such a row. CITES keep the targets'
// citedByCount (the number of distinct citing nodes). Edges of a type
// outside hemigraph.RelTypes are skipped; edges are not validated.
func (s *Store) WriteEdges(ctx context.Context, edges []hemigraph.Edge) (hemigraph.WriteCounts, error) {
	if err := checkCtx(ctx, fmt.Sprintf("write %d edges", len(edges))); err != nil {
		return hemigraph.WriteCounts{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	load := hemigraph.LoadOf(ctx)
	type row struct {
		from, to string
		p        props
	}
	byType := map[hemigraph.RelType][]row{}
	for i := range edges {
		e := &edges[i]
		byType[e.Type] = append(byType[e.Type], row{e.From, e.To, edgeProps(e)})
	}
	// The call is one transaction in neo4jstore: any missing endpoint
	// refuses all of it.
	for _, t := range hemigraph.RelTypes {
		rows := byType[t]
		missing := 0
		for _, r := range rows {
			if s.nodes[r.from] == nil || s.nodes[r.to] == nil {
				missing++
			}
		}
		if missing > 0 {
			return hemigraph.WriteCounts{}, fmt.Errorf("write %d %s edges: %d of %d rows have an endpoint that does not exist", len(rows), t, missing, len(rows))
		}
	}
	var total hemigraph.WriteCounts
	for _, t := range hemigraph.RelTypes {
		rows := byType[t]
		if len(rows) == 0 {
			continue
		}
		var write []row
		for _, r := range rows {
			if e := s.edges[r.p.str("key")]; e == nil || changes(e.props, r.p) {
				write = append(write, r)
			}
		}
		counts := hemigraph.WriteCounts{Unchanged: len(rows) - len(write)}
		for _, r := range write {
			key := r.p.str("key")
			e := s.edges[key]
			if e == nil {
				e = &edge{key: key, from: r.from, to: r.to, typ: t, props: props{}}
				s.link(e)
				counts.Created++
				if load != "" {
					e.props["createdBy"] = load
				}
			} else if load != "" {
				s.changes[load] = append(s.changes[load], change{edge: true, id: key, before: maps.Clone(e.props)})
			}
			maps.Copy(e.props, r.p)
			if load != "" {
				e.props["loadId"] = load
			}
			e.decode()
		}
		counts.Updated = len(write) - counts.Created
		total.Add(counts)
	}
	return total, nil
}

// link adds e to the graph's indexes.
func (s *Store) link(e *edge) {
	s.edges[e.key] = e
	for _, x := range []struct {
		m  map[string]map[string]*edge
		id string
	}{{s.out, e.from}, {s.in, e.to}} {
		if x.m[x.id] == nil {
			x.m[x.id] = map[string]*edge{}
		}
		x.m[x.id][e.key] = e
	}
}

// unlink removes e from the graph.
func (s *Store) unlink(e *edge) {
	delete(s.edges, e.key)
	delete(s.out[e.from], e.key)
	delete(s.in[e.to], e.key)
}

// MissingIDs returns those of ids that name no node in the graph, in the
// order given (an id missing twice is listed twice): nil for no ids, an
// empty list when none is missing, as neo4jstore returns them. It returns
// an error only when ctx is done.
func (s *Store) MissingIDs(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if err := checkCtx(ctx, fmt.Sprintf("check %d node ids", len(ids))); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []string{}
	for _, id := range ids {
		if s.nodes[id] == nil {
			out = append(out, id)
		}
	}
	return out, nil
}
