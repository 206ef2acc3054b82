package neo4jstore

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
)

// Expand says which relations to read ahead, in the same statement as the
// nodes they hang from: the relations of a node, and, through Next, those
// of the nodes at their far ends. The GraphQL resolvers build it from the
// selection set of a root field, so that a nested query is answered by one
// statement.
type Expand struct {
	Rels []RelExpand
}

// RelExpand reads the relations selected by Query of the nodes of Kinds
// (of every kind when Kinds is empty), and expands their far ends by Next.
type RelExpand struct {
	Query RelQuery
	Kinds []hemigraph.Kind
	Next  *Expand
}

// MaxExpandRels bounds the relation lists one expansion may read, nested
// ones included; the server's depth and complexity limits keep real
// queries far below it.
const MaxExpandRels = 256

// Empty reports whether e reads nothing.
func (e *Expand) Empty() bool { return e == nil || len(e.Rels) == 0 }

// Add adds r to e, merging it with a relation list of the same query: the
// kinds are united and the far-end expansions merged.
func (e *Expand) Add(r RelExpand) {
	key := r.Query.Key()
	for i := range e.Rels {
		have := &e.Rels[i]
		if have.Query.Key() != key {
			continue
		}
		switch {
		case len(have.Kinds) == 0 || len(r.Kinds) == 0:
			have.Kinds = nil
		default:
			for _, k := range r.Kinds {
				if !slices.Contains(have.Kinds, k) {
					have.Kinds = append(have.Kinds, k)
				}
			}
		}
		have.Next = mergeExpand(have.Next, r.Next)
		return
	}
	e.Rels = append(e.Rels, r)
}

// Merge adds every relation list of o to e.
func (e *Expand) Merge(o *Expand) {
	if o == nil {
		return
	}
	for _, r := range o.Rels {
		e.Add(r)
	}
}

func mergeExpand(a, b *Expand) *Expand {
	switch {
	case b.Empty():
		return a
	case a.Empty():
		return b
	}
	out := &Expand{Rels: slices.Clone(a.Rels)}
	out.Merge(b)
	return out
}

// size counts the relation lists of e, nested ones included.
func (e *Expand) size() int {
	if e == nil {
		return 0
	}
	n := len(e.Rels)
	for _, r := range e.Rels {
		n += r.Next.size()
	}
	return n
}

// Check returns an error wrapping hemigraph.ErrInvalid when e reads more
// than MaxExpandRels relation lists.
func (e *Expand) Check() error {
	if n := e.size(); n > MaxExpandRels {
		return fmt.Errorf("read ahead %d relation lists (at most %d): %w", n, MaxExpandRels, hemigraph.ErrInvalid)
	}
	return nil
}

// relProjection is the map a relationship is read as (see relationFromMap);
// %[1]s is its variable and %[2]s the expression telling whether it was
// reached from its start node.
const relProjection = `{type: type(%[1]s), fromId: startNode(%[1]s).id, toId: endNode(%[1]s).id,
  from: properties(startNode(%[1]s)), to: properties(endNode(%[1]s)), props: properties(%[1]s), outgoing: %[2]s}`

func relProj(r, o string) string { return fmt.Sprintf(relProjection, r, o) }

// cypher returns a map expression holding, for the node variable v, one
// list per relation list of e ("e0", "e1", ...), each element a map with
// the relation ("r") and the expansion of its far end ("x"). It returns
// "null" for an empty expansion. The lists are ordered as Relations orders
// them, so a field answered from the expansion and one answered by
// Relations agree.
func expandCypher(e *Expand, v string, p *params) string {
	if e.Empty() {
		return "null"
	}
	parts := make([]string, len(e.Rels))
	for i, re := range e.Rels {
		r, m, o := p.variable("xr"), p.variable("xn"), p.variable("xo")
		where := "true"
		if len(re.Kinds) > 0 {
			ks := make([]string, len(re.Kinds))
			for j, k := range re.Kinds {
				ks[j] = string(k)
			}
			where += " AND " + v + ".kind IN " + p.add(ks)
		}
		if len(re.Query.Types) > 0 {
			ts := make([]string, len(re.Query.Types))
			for j, t := range re.Query.Types {
				ts[j] = string(t)
			}
			where += " AND type(" + r + ") IN " + p.add(ts)
		}
		var match string
		out := fmt.Sprintf("MATCH (%s)-[%s]->(%s) WHERE %s", v, r, m, where)
		in := fmt.Sprintf("MATCH (%s)<-[%s]-(%s) WHERE %s", v, r, m, where)
		switch re.Query.Direction {
		case Outgoing:
			match = fmt.Sprintf("%s WITH %s, %s, true AS %s", out, r, m, o)
		case Incoming:
			match = fmt.Sprintf("%s WITH %s, %s, false AS %s", in, r, m, o)
		default:
			match = fmt.Sprintf("CALL (%s) { %s RETURN %s, %s, true AS %s UNION ALL %s RETURN %s, %s, false AS %s } WITH %s, %s, %s",
				v, out, r, m, o, in, r, m, o, r, m, o)
		}
		parts[i] = fmt.Sprintf("e%d: COLLECT { %s ORDER BY type(%s), %s.id, %s.key, %s DESC LIMIT %s RETURN {r: %s, x: %s} }",
			i, match, r, m, r, o, p.add(int64(re.Query.First)), relProj(r, o), expandCypher(re.Next, m, p))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Prefetch holds relations read ahead by an expansion: by node id, then by
// RelQuery.Key.
type Prefetch map[string]map[string][]hemigraph.Relation

// Get returns the relations of id selected by q, if they were read ahead.
func (p Prefetch) Get(id string, q RelQuery) ([]hemigraph.Relation, bool) {
	rels, ok := p[id][q.Key()]
	return rels, ok
}

// Merge adds the relations of o to p.
func (p Prefetch) Merge(o Prefetch) {
	for id, m := range o {
		if p[id] == nil {
			p[id] = make(map[string][]hemigraph.Relation, len(m))
		}
		for k, rels := range m {
			p[id][k] = rels
		}
	}
}

// Put stores the relations of id selected by the query of key.
func (p Prefetch) Put(id, key string, rels []hemigraph.Relation) {
	if p[id] == nil {
		p[id] = map[string][]hemigraph.Relation{}
	}
	p[id][key] = rels
}

// decodeExpand reads the value of expandCypher for the node id of kind into
// out.
func decodeExpand(e *Expand, id string, kind hemigraph.Kind, v any, out Prefetch) {
	if e.Empty() {
		return
	}
	m, _ := v.(map[string]any)
	for i, re := range e.Rels {
		if len(re.Kinds) > 0 && !slices.Contains(re.Kinds, kind) {
			continue
		}
		l, _ := m["e"+strconv.Itoa(i)].([]any)
		rels := make([]hemigraph.Relation, len(l))
		for j, x := range l {
			xm, _ := x.(map[string]any)
			rels[j] = relationFromMap(xm["r"])
			far := rels[j].Other()
			decodeExpand(re.Next, far.ID, far.Kind, xm["x"], out)
		}
		out.Put(id, re.Query.Key(), rels)
	}
}
