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

// cypher returns the filter as a Cypher predicate on the node variable v,
// adding its values to p. It returns an error wrapping hemigraph.ErrInvalid
// when the filter breaks the limits or holds an unknown kind or type.
func filterCypher(f *query.Filter, v string, p *params) (string, error) {
	n := 0
	return filterBuild(f, v, p, 0, &n)
}

func filterBuild(f *query.Filter, v string, p *params, depth int, n *int) (string, error) {
	if depth > query.MaxFilterDepth {
		return "", fmt.Errorf("filter: nested more than %d levels: %w", query.MaxFilterDepth, hemigraph.ErrInvalid)
	}
	var conds []string
	add := func(c string) error {
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
		ks := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			if !k.Valid() {
				return "", fmt.Errorf("filter kinds: unknown kind %q: %w", k, hemigraph.ErrInvalid)
			}
			ks[i] = string(k)
		}
		if err := add(v + ".kind IN " + p.add(ks)); err != nil {
			return "", err
		}
	}
	if t := strings.ToLower(strings.TrimSpace(f.Title)); t != "" {
		ref := p.add(t)
		c := fmt.Sprintf("(toLower(%[1]s.title) CONTAINS %[2]s OR any(a IN coalesce(%[1]s.aliases, []) WHERE toLower(a) CONTAINS %[2]s))", v, ref)
		if err := add(c); err != nil {
			return "", err
		}
	}
	if s := strings.TrimSpace(f.SymbolPrefix); s != "" {
		c := fmt.Sprintf("replace(replace(toUpper(coalesce(%s.symbolKey, '')), ' ', ''), '.', '') STARTS WITH %s", v, p.add(query.SymbolPrefixKey(s)))
		if err := add(c); err != nil {
			return "", err
		}
	}
	if s := strings.ToLower(strings.TrimSpace(f.Place)); s != "" {
		if err := add(fmt.Sprintf("coalesce(toLower(%s.place) CONTAINS %s, false)", v, p.add(s))); err != nil {
			return "", err
		}
	}
	if f.DateFrom != "" {
		if err := add(fmt.Sprintf("coalesce(%s.dateStart >= %s, false)", v, p.add(f.DateFrom))); err != nil {
			return "", err
		}
	}
	if f.DateTo != "" {
		if err := add(fmt.Sprintf("coalesce(%s.dateStart <= %s, false)", v, p.add(f.DateTo))); err != nil {
			return "", err
		}
	}
	if f.YearFrom != nil {
		if err := add(fmt.Sprintf("coalesce(%s.year >= %s, false)", v, p.add(int64(*f.YearFrom)))); err != nil {
			return "", err
		}
	}
	if f.YearTo != nil {
		if err := add(fmt.Sprintf("coalesce(%s.year <= %s, false)", v, p.add(int64(*f.YearTo)))); err != nil {
			return "", err
		}
	}
	if len(f.AdoptedBy) > 0 {
		if err := ids("adoptedBy", f.AdoptedBy); err != nil {
			return "", err
		}
		b := p.variable("b")
		if err := add(fmt.Sprintf("EXISTS { (%s)-[:ADOPTED_BY]->(%s:Entity) WHERE %s.id IN %s }", v, b, b, p.add(f.AdoptedBy))); err != nil {
			return "", err
		}
	}
	if len(f.AdoptedAt) > 0 {
		if err := ids("adoptedAt", f.AdoptedAt); err != nil {
			return "", err
		}
		b := p.variable("b")
		if err := add(fmt.Sprintf("EXISTS { (%s)-[:ADOPTED_AT]->(%s:Entity) WHERE %s.id IN %s }", v, b, b, p.add(f.AdoptedAt))); err != nil {
			return "", err
		}
	}
	for _, r := range f.Related {
		if !r.Type.Valid() {
			return "", fmt.Errorf("filter related: unknown relation type %q: %w", r.Type, hemigraph.ErrInvalid)
		}
		if err := ids("related", r.IDs); err != nil {
			return "", err
		}
		rv, mv := p.variable("r"), p.variable("m")
		pattern := map[query.Direction]string{
			query.Outgoing: "(%s)-[%s]->(%s)",
			query.Incoming: "(%s)<-[%s]-(%s)",
			query.Both:     "(%s)-[%s]-(%s)",
		}[r.Direction]
		c := "EXISTS { MATCH " + fmt.Sprintf(pattern, v, rv, mv) + " WHERE type(" + rv + ") = " + p.add(string(r.Type))
		if len(r.IDs) > 0 {
			c += " AND " + mv + ".id IN " + p.add(r.IDs)
		}
		if err := add(c + " }"); err != nil {
			return "", err
		}
	}
	if f.Unresolved != nil {
		if err := add(fmt.Sprintf("coalesce(%s.unresolved, false) = %s", v, p.add(*f.Unresolved))); err != nil {
			return "", err
		}
	}
	for _, g := range f.And {
		c, err := filterBuild(&g, v, p, depth+1, n)
		if err != nil {
			return "", err
		}
		conds = append(conds, c)
	}
	if len(f.Or) > 0 {
		var alts []string
		for _, g := range f.Or {
			c, err := filterBuild(&g, v, p, depth+1, n)
			if err != nil {
				return "", err
			}
			alts = append(alts, c)
		}
		conds = append(conds, "("+strings.Join(alts, " OR ")+")")
	}
	if f.Not != nil {
		c, err := filterBuild(f.Not, v, p, depth+1, n)
		if err != nil {
			return "", err
		}
		conds = append(conds, "NOT "+c)
	}
	if len(conds) == 0 {
		return "true", nil
	}
	return "(" + strings.Join(conds, " AND ") + ")", nil
}
