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
