package memstore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// pred is a compiled filter: whether node n of store s matches.
type pred func(s *Store, n *node) bool

// compileFilter checks f against the limits of a filter and returns it as
// a predicate. It returns an error wrapping hemigraph.ErrInvalid, with the
// same message as neo4jstore, when f is nested more than
// query.MaxFilterDepth levels, holds more than query.MaxFilterConditions
// conditions or more than query.MaxFilterIDs ids in one list, or names an
// unknown kind or relation type. Conditions are checked and counted in the
// order neo4jstore builds them, so that the first error is the same.
func compileFilter(f *query.Filter) (pred, error) {
	n := 0
	return compileLevel(f, 0, &n)
}

func compileLevel(f *query.Filter, depth int, n *int) (pred, error) {
	if depth > query.MaxFilterDepth {
		return nil, fmt.Errorf("filter: nested more than %d levels: %w", query.MaxFilterDepth, hemigraph.ErrInvalid)
	}
	var conds []pred
	add := func(c pred) error {
		*n++
		if *n > query.MaxFilterConditions {
			return fmt.Errorf("filter: more than %d conditions: %w", query.MaxFilterConditions, hemigraph.ErrInvalid)
		}
		conds = append(conds, c)
		return nil
	}
	ids := func(field string, l []string) error {
		if len(l) > query.MaxFilterIDs {
			return fmt.Errorf("filter %s: more than %d ids: %w", field, query.MaxFilterIDs, hemigraph.ErrInvalid)
		}
		return nil
	}
	if len(f.Kinds) > 0 {
		for _, k := range f.Kinds {
			if !k.Valid() {
				return nil, fmt.Errorf("filter kinds: unknown kind %q: %w", k, hemigraph.ErrInvalid)
			}
		}
		kinds := slices.Clone(f.Kinds)
		if err := add(func(_ *Store, x *node) bool { return slices.Contains(kinds, x.n.Kind) }); err != nil {
			return nil, err
		}
	}
	if t := strings.ToLower(strings.TrimSpace(f.Title)); t != "" {
		c := func(_ *Store, x *node) bool {
			if strings.Contains(strings.ToLower(x.n.Title), t) {
				return true
			}
			return slices.ContainsFunc(x.n.Aliases, func(a string) bool { return strings.Contains(strings.ToLower(a), t) })
		}
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if sp := strings.TrimSpace(f.SymbolPrefix); sp != "" {
		prefix := query.SymbolPrefixKey(sp)
		unspaced := strings.NewReplacer(" ", "", ".", "")
		c := func(_ *Store, x *node) bool {
			key, _ := x.symbolKey()
			return strings.HasPrefix(unspaced.Replace(strings.ToUpper(key)), prefix)
		}
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if pl := strings.ToLower(strings.TrimSpace(f.Place)); pl != "" {
		c := func(_ *Store, x *node) bool {
			place, ok := x.props["place"].(string)
			return ok && strings.Contains(strings.ToLower(place), pl)
		}
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if from := f.DateFrom; from != "" {
		c := func(_ *Store, x *node) bool { d, ok := x.dateStart(); return ok && d >= from }
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if to := f.DateTo; to != "" {
		c := func(_ *Store, x *node) bool { d, ok := x.dateStart(); return ok && d <= to }
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if f.YearFrom != nil {
		from := *f.YearFrom
		c := func(_ *Store, x *node) bool { y, ok := x.year(); return ok && y >= from }
		if err := add(c); err != nil {
			return nil, err
		}
	}
	if f.YearTo != nil {
		to := *f.YearTo
		c := func(_ *Store, x *node) bool { y, ok := x.year(); return ok && y <= to }
		if err := add(c); err != nil {
			return nil, err
		}
	}
	for _, a := range []struct {
		field string
		typ   hemigraph.RelType
		ids   []string
	}{{"adoptedBy", hemigraph.RelAdoptedBy, f.AdoptedBy}, {"adoptedAt", hemigraph.RelAdoptedAt, f.AdoptedAt}} {
		if len(a.ids) == 0 {
			continue
		}
		if err := ids(a.field, a.ids); err != nil {
			return nil, err
		}
		if err := add(relatedPred(a.typ, query.Outgoing, slices.Clone(a.ids))); err != nil {
			return nil, err
		}
	}
	for _, r := range f.Related {
		if !r.Type.Valid() {
			return nil, fmt.Errorf("filter related: unknown relation type %q: %w", r.Type, hemigraph.ErrInvalid)
		}
		if err := ids("related", r.IDs); err != nil {
			return nil, err
		}
		if err := add(relatedPred(r.Type, r.Direction, slices.Clone(r.IDs))); err != nil {
			return nil, err
		}
	}
	if f.Unresolved != nil {
		want := *f.Unresolved
		if err := add(func(_ *Store, x *node) bool { return x.n.Unresolved == want }); err != nil {
			return nil, err
		}
	}
	for i := range f.And {
		c, err := compileLevel(&f.And[i], depth+1, n)
		if err != nil {
			return nil, err
		}
		conds = append(conds, c)
	}
	if len(f.Or) > 0 {
		var alts []pred
		for i := range f.Or {
			c, err := compileLevel(&f.Or[i], depth+1, n)
			if err != nil {
				return nil, err
			}
			alts = append(alts, c)
		}
		conds = append(conds, func(s *Store, x *node) bool {
			return slices.ContainsFunc(alts, func(c pred) bool { return c(s, x) })
		})
	}
	if f.Not != nil {
		c, err := compileLevel(f.Not, depth+1, n)
		if err != nil {
			return nil, err
		}
		conds = append(conds, func(s *Store, x *node) bool { return !c(s, x) })
	}
	return func(s *Store, x *node) bool {
		for _, c := range conds {
			if !c(s, x) {
				return false
			}
		}
		return true
	}, nil
}

// relatedPred holds when a node has a relation of type t in direction d
// (either for query.Both, or any other value, as neo4jstore reads it) to
// one of ids, or to any node when ids is empty.
func relatedPred(t hemigraph.RelType, d query.Direction, ids []string) pred {
	match := func(rels map[string]*edge, far func(*edge) string) bool {
		for _, e := range rels {
			if e.typ == t && (len(ids) == 0 || slices.Contains(ids, far(e))) {
				return true
			}
		}
		return false
	}
	return func(s *Store, x *node) bool {
		if d != query.Incoming && match(s.out[x.id()], func(e *edge) string { return e.to }) {
			return true
		}
		return d != query.Outgoing && match(s.in[x.id()], func(e *edge) string { return e.from })
	}
}
