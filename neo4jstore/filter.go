package neo4jstore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
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

// Filter selects nodes. Every condition that is set must hold; And, Or and
// Not combine filters. The zero Filter selects every node. Each condition
// is true or false, never null: a node without a date fails a date
// condition, and so passes its Not.
type Filter struct {
	And []Filter
	Or  []Filter
	Not *Filter

	Kinds []hemigraph.Kind
	// Title is a case-insensitive substring of the title or of an alias.
	Title string
	// SymbolPrefix is the start of a document symbol, in any printed
	// variant; case, spaces and dots are ignored.
	SymbolPrefix string
	// Place is a case-insensitive substring of the place.
	Place string
	// DateFrom and DateTo ("YYYY-MM-DD", inclusive, either may be empty)
	// bound the first day of the node's date.
	DateFrom, DateTo string
	// YearFrom and YearTo (inclusive, nil for open) bound the first year.
	YearFrom, YearTo *int
	// AdoptedBy and AdoptedAt hold ids of bodies, and of sessions or
	// conferences, one of which the node was adopted by or at.
	AdoptedBy, AdoptedAt []string
	// Related relations must all exist.
	Related []Related
	// Unresolved, when set, selects placeholder nodes (true) or known ones.
	Unresolved *bool
}

// Related asks for a relation of a type, in a direction, to one of IDs (to
// any node when IDs is empty).
type Related struct {
	Type      hemigraph.RelType
	Direction Direction
	IDs       []string
}

// Limits on a filter, so that its statement stays small.
const (
	MaxFilterDepth      = 4   // nesting of And, Or and Not
	MaxFilterConditions = 64  // conditions in all, nested ones included
	MaxFilterIDs        = 100 // ids in one list of a filter
)

// cypher returns the filter as a Cypher predicate on the node variable v,
// adding its values to p. It returns an error wrapping hemigraph.ErrInvalid
// when the filter breaks the limits or holds an unknown kind or type.
func filterCypher(f *Filter, v string, p *params) (string, error) {
	n := 0
	return filterBuild(f, v, p, 0, &n)
}

func filterBuild(f *Filter, v string, p *params, depth int, n *int) (string, error) {
	if depth > MaxFilterDepth {
		return "", fmt.Errorf("filter: nested more than %d levels: %w", MaxFilterDepth, hemigraph.ErrInvalid)
	}
	var conds []string
	add := func(c string) error {
		*n++
		if *n > MaxFilterConditions {
			return fmt.Errorf("filter: more than %d conditions: %w", MaxFilterConditions, hemigraph.ErrInvalid)
		}
		conds = append(conds, c)
		return nil
	}
	ids := func(field string, l []string) error {
		if len(l) > MaxFilterIDs {
			return fmt.Errorf("filter %s: more than %d ids: %w", field, MaxFilterIDs, hemigraph.ErrInvalid)
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
		c := fmt.Sprintf("replace(replace(toUpper(coalesce(%s.symbolKey, '')), ' ', ''), '.', '') STARTS WITH %s", v, p.add(SymbolPrefixKey(s)))
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
		pattern := map[Direction]string{
			Outgoing: "(%s)-[%s]->(%s)",
			Incoming: "(%s)<-[%s]-(%s)",
			Both:     "(%s)-[%s]-(%s)",
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

// SymbolPrefixKey normalizes the start of a symbol as Filter.SymbolPrefix
// compares it: a whole symbol is first put in its canonical printed form
// (hemigraph.SymbolKey), then case, spaces and dots are dropped, so that
// "ag/res 1412" and "AG/RES. 1412" are one prefix.
func SymbolPrefixKey(s string) string {
	if sym, err := hemigraph.ParseSymbol(s); err == nil {
		s = sym.String()
	}
	return strings.NewReplacer(" ", "", ".", "").Replace(strings.ToUpper(s))
}
