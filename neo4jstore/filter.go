package neo4jstore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// params collects the parameters of a statement built from a query's
// shape. Every value goes in as a generated parameter ($p0, $p1, ...);
// nothing a client sent is ever written into the statement's text.
type params struct {
	m    map[string]any
	n    int // parameters added
	vars int // variables named
}

func newParams() *params { return &params{m: map[string]any{}} }

// add stores v under a new name and returns the reference to it, "$pN".
func (p *params) add(v any) string {
	name := "p" + strconv.Itoa(p.n)
	p.n++
	p.m[name] = v
	return "$" + name
}

// variable returns a new variable name starting with prefix, so that the
// parts of a built statement never capture each other's variables.
func (p *params) variable(prefix string) string {
	p.vars++
	return prefix + "_" + strconv.Itoa(p.vars)
}

// filterCypher returns the filter as a Cypher predicate on the node
// variable v, adding its values to p. It returns an error wrapping
// hemigraph.ErrInvalid when the filter breaks the limits or holds an
// unknown kind or type.
func filterCypher(f *query.Filter, v string, p *params) (string, error) {
	b := &filterBuilder{v: v, p: p}
	c := b.build(f, 0)
	if b.err != nil {
		return "", b.err
	}
	return c, nil
}

// filterBuilder builds the predicate of a filter, counting its conditions
// against the limits. It keeps the first error it meets; after it, it
// builds nothing more.
type filterBuilder struct {
	v     string  // the node variable
	p     *params // where values go
	conds int     // conditions so far, nested ones included
	err   error
}

// fail records err unless an error is already recorded.
func (b *filterBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// cond counts one condition, failing past MaxFilterConditions, and returns
// it.
func (b *filterBuilder) cond(c string) string {
	if b.conds++; b.conds > query.MaxFilterConditions {
		b.fail(fmt.Errorf("filter: more than %d conditions: %w", query.MaxFilterConditions, hemigraph.ErrInvalid))
	}
	return c
}

// ids checks a list of ids of the filter against MaxFilterIDs.
func (b *filterBuilder) ids(field string, l []string) {
	if len(l) > query.MaxFilterIDs {
		b.fail(fmt.Errorf("filter %s: more than %d ids: %w", field, query.MaxFilterIDs, hemigraph.ErrInvalid))
	}
}

func (b *filterBuilder) build(f *query.Filter, depth int) string {
	if depth > query.MaxFilterDepth {
		b.fail(fmt.Errorf("filter: nested more than %d levels: %w", query.MaxFilterDepth, hemigraph.ErrInvalid))
	}
	if b.err != nil {
		return ""
	}
	v, p := b.v, b.p
	var conds []string
	add := func(c string) { conds = append(conds, b.cond(c)) }
	if len(f.Kinds) > 0 {
		ks := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			if !k.Valid() {
				b.fail(fmt.Errorf("filter kinds: unknown kind %q: %w", k, hemigraph.ErrInvalid))
			}
			ks[i] = string(k)
		}
		add(v + ".kind IN " + p.add(ks))
	}
	if t := strings.ToLower(strings.TrimSpace(f.Title)); t != "" {
		ref := p.add(t)
		add("(toLower(" + v + ".title) CONTAINS " + ref + " OR any(a IN coalesce(" + v + ".aliases, []) WHERE toLower(a) CONTAINS " + ref + "))")
	}
	if s := strings.TrimSpace(f.SymbolPrefix); s != "" {
		add("replace(replace(toUpper(coalesce(" + v + ".symbolKey, '')), ' ', ''), '.', '') STARTS WITH " + p.add(query.SymbolPrefixKey(s)))
	}
	if s := strings.ToLower(strings.TrimSpace(f.Place)); s != "" {
		add("coalesce(toLower(" + v + ".place) CONTAINS " + p.add(s) + ", false)")
	}
	if f.DateFrom != "" {
		add("coalesce(" + v + ".dateStart >= " + p.add(f.DateFrom) + ", false)")
	}
	if f.DateTo != "" {
		add("coalesce(" + v + ".dateStart <= " + p.add(f.DateTo) + ", false)")
	}
	if f.YearFrom != nil {
		add("coalesce(" + v + ".year >= " + p.add(int64(*f.YearFrom)) + ", false)")
	}
	if f.YearTo != nil {
		add("coalesce(" + v + ".year <= " + p.add(int64(*f.YearTo)) + ", false)")
	}
	for _, a := range []struct {
		field, rel string
		ids        []string
	}{{"adoptedBy", "ADOPTED_BY", f.AdoptedBy}, {"adoptedAt", "ADOPTED_AT", f.AdoptedAt}} {
		if len(a.ids) == 0 {
			continue
		}
		b.ids(a.field, a.ids)
		x := p.variable("b")
		add("EXISTS { (" + v + ")-[:" + a.rel + "]->(" + x + ":Entity) WHERE " + x + ".id IN " + p.add(a.ids) + " }")
	}
	for _, r := range f.Related {
		if !r.Type.Valid() {
			b.fail(fmt.Errorf("filter related: unknown relation type %q: %w", r.Type, hemigraph.ErrInvalid))
		}
		b.ids("related", r.IDs)
		rv, mv := p.variable("r"), p.variable("m")
		pattern := map[query.Direction]string{
			query.Outgoing: "(" + v + ")-[" + rv + "]->(" + mv + ")",
			query.Incoming: "(" + v + ")<-[" + rv + "]-(" + mv + ")",
			query.Both:     "(" + v + ")-[" + rv + "]-(" + mv + ")",
		}[r.Direction]
		c := "EXISTS { MATCH " + pattern + " WHERE type(" + rv + ") = " + p.add(string(r.Type))
		if len(r.IDs) > 0 {
			c += " AND " + mv + ".id IN " + p.add(r.IDs)
		}
		add(c + " }")
	}
	if f.Unresolved != nil {
		add("coalesce(" + v + ".unresolved, false) = " + p.add(*f.Unresolved))
	}
	for i := range f.And {
		conds = append(conds, b.build(&f.And[i], depth+1))
	}
	if len(f.Or) > 0 {
		alts := make([]string, len(f.Or))
		for i := range f.Or {
			alts[i] = b.build(&f.Or[i], depth+1)
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if f.Not != nil {
		conds = append(conds, "NOT "+b.build(f.Not, depth+1))
	}
	if len(conds) == 0 {
		return "true"
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}
