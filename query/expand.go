package query

import (
	"fmt"
	"slices"

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
// Props and RelProps are the properties the answer prints of the far ends
// and of the relations (zero: all).
type RelExpand struct {
	Query    RelQuery
	Kinds    []hemigraph.Kind
	Next     *Expand
	Props    NodeProps
	RelProps RelProps
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
		have.Props, have.RelProps = have.Props.With(r.Props), have.RelProps.With(r.RelProps)
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

// Prefetch holds relations read ahead by an expansion: by node id, then by
// RelQuery.Key, the relations as read for each place of a query (see Add).
type Prefetch map[string]map[string][]Prefetched

// Prefetched are the relations of a node read ahead for one RelQuery, and
// the properties read (zero: every property) of their near end (the node
// they were read for), of their far ends, and of themselves.
type Prefetched struct {
	Rels                []hemigraph.Relation
	NearProps, FarProps NodeProps
	RelProps            RelProps
}

// Has reports whether f holds every property of g.
func (f Prefetched) Has(g Prefetched) bool {
	return f.NearProps.Has(g.NearProps) && f.FarProps.Has(g.FarProps) && f.RelProps.Has(g.RelProps)
}

// Get returns the relations of id selected by q, if they were read ahead
// with at least the properties of need (its Rels unused).
func (p Prefetch) Get(id string, q RelQuery, need Prefetched) ([]hemigraph.Relation, bool) {
	for _, f := range p[id][q.Key()] {
		if f.Has(need) {
			return f.Rels, true
		}
	}
	return nil, false
}

// Merge adds the relations of o to p (see Add).
func (p Prefetch) Merge(o Prefetch) {
	for id, m := range o {
		for k, fs := range m {
			for _, f := range fs {
				p.Add(id, k, f)
			}
		}
	}
}

// Put stores the relations of id selected by the query of key, read with
// every property.
func (p Prefetch) Put(id, key string, rels []hemigraph.Relation) {
	p.Add(id, key, Prefetched{Rels: rels})
}

// Add stores f, the relations of id selected by the query of key. The same
// relations may be read ahead for two places of a query that print
// different properties: each reading is kept unless another one already
// kept holds every property it holds, and a reading that holds every
// property of those kept replaces them.
func (p Prefetch) Add(id, key string, f Prefetched) {
	if p[id] == nil {
		p[id] = map[string][]Prefetched{}
	}
	have := p[id][key]
	for _, h := range have {
		if h.Has(f) {
			return
		}
	}
	have = slices.DeleteFunc(have, f.Has)
	p[id][key] = append(have, f)
}
