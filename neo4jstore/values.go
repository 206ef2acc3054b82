package neo4jstore

import (
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

type record = neo4j.Record

func getInt(r *record, key string) int {
	v, _ := r.Get(key)
	return asInt(v)
}

func asInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func getList(r *record, key string) []any {
	v, _ := r.Get(key)
	l, _ := v.([]any)
	return l
}

func getStrings(r *record, key string) []string {
	v, _ := r.Get(key)
	return asStrings(v)
}

// nodeFields projects the properties of a node that the model holds
// (nodeFromMap): reads return them rather than every property, since the
// others serve indexes and undo (symbolKey, aliasText, year, dateStart,
// createdBy, loadId) and no answer prints them. nodeOf projects the node
// an expression (not a variable) yields. Relationships are read whole
// (properties(r)): they hold two such properties (createdBy, loadId), and
// a projection would add a null for each of the many fields most of them
// lack.
const nodeFields = `{.id, .kind, .title, .symbol, .aliases, .date, .place, .source, .unresolved, .citedByCount}`

// isVariable reports whether expr is a variable's name, as the statements
// name them (letters, digits and underscores), rather than an expression.
func isVariable(expr string) bool {
	for i := 0; i < len(expr); i++ {
		if c := expr[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return expr != ""
}

func nodeOf(expr string) string { return "[x IN [" + expr + "] | x" + nodeFields + "][0]" }

// nodeProjection is the projection of the node properties p (nodeFields
// for every property): its id and kind always, then each property of
// nodeListProps that p has.
func nodeProjection(p query.NodeProps) string {
	if p.Has(query.AllNodeProps) {
		return nodeFields
	}
	return "{" + nodePropNames("", p) + "}"
}

// nodePropNames lists, after v (a variable, or "" inside a map
// projection), the node's id and kind, then each property of
// nodeListProps that p has, in that order.
func nodePropNames(v string, p query.NodeProps) string {
	var b strings.Builder
	b.WriteString(v + ".id, " + v + ".kind")
	for _, f := range nodeListProps {
		if p.Has(f.p) {
			b.WriteString(", " + v + "." + f.name)
		}
	}
	return b.String()
}

// nodeListProps are the node properties, after its id and kind, that a
// projection may leave out, in the order nodeList writes them; nodeFromList
// and nodeFromMap read each with setNodeProp.
var nodeListProps = []struct {
	p    query.NodeProps
	name string
}{
	{query.PropTitle, "title"},
	{query.PropSymbol, "symbol"},
	{query.PropAliases, "aliases"},
	{query.PropDate, "date"},
	{query.PropPlace, "place"},
	{query.PropSource, "source"},
	{query.PropUnresolved, "unresolved"},
	{query.PropCitedByCount, "citedByCount"},
}

// setNodeProp sets the property p of nodeListProps of n from its value v.
// A switch rather than a function per property: a call through a function
// value made every node it reads escape to the heap, hundreds per answer.
func setNodeProp(n *hemigraph.Node, p query.NodeProps, v any) {
	switch p {
	case query.PropTitle:
		n.Title = asString(v)
	case query.PropSymbol:
		n.Symbol = asString(v)
	case query.PropAliases:
		if a := asStrings(v); len(a) > 0 {
			n.Aliases = a
		}
	case query.PropDate:
		n.Date = asString(v)
	case query.PropPlace:
		n.Place = asString(v)
	case query.PropSource:
		n.Source = asString(v)
	case query.PropUnresolved:
		n.Unresolved, _ = v.(bool)
	case query.PropCitedByCount:
		n.CitedByCount = asInt(v)
	}
}

// nodeList is the expression of the node properties p of the node v,
// which nodeFromList reads: the list of its id and kind, then each
// property of nodeListProps that p has. A list costs the driver less to
// decode than the map of nodeProjection: no key per property, no map. For
// every property it is the map (nodeFields), which Neo4j plans as one
// expression: a statement reading hundreds of relation lists ahead, each
// with its far ends, took far longer to plan with the lists.
func nodeList(v string, p query.NodeProps) string {
	if p.Has(query.AllNodeProps) {
		if !isVariable(v) {
			return nodeOf(v) // a map projection needs a variable
		}
		return v + nodeFields
	}
	return "[" + nodePropNames(v, p) + "]"
}

// nodeFromList reads a node from the properties p as nodeList returns
// them: a list, or the map of every property.
func nodeFromList(p query.NodeProps, v any) hemigraph.Node {
	if _, ok := v.(map[string]any); ok {
		return nodeFromMap(v)
	}
	l, _ := v.([]any)
	if len(l) < 2 {
		return hemigraph.Node{}
	}
	n := hemigraph.Node{ID: asString(l[0]), Kind: hemigraph.Kind(asString(l[1]))}
	i := 2
	for _, f := range nodeListProps {
		if !p.Has(f.p) {
			continue
		}
		if i < len(l) {
			setNodeProp(&n, f.p, l[i])
		}
		i++
	}
	return n
}

// relPropList is the expression of the properties p of the relationship
// r, which relationFromList reads: the list of its key, then each property
// of relListProps that p has; properties(r) for every property, which
// Neo4j plans as one expression where the list is twelve (a statement
// reading hundreds of relation lists ahead took twice as long to plan).
func relPropList(r string, p query.RelProps) string {
	if p.Has(query.AllRelProps) {
		return "properties(" + r + ")"
	}
	var b strings.Builder
	b.WriteString("[" + r + ".key")
	for _, f := range relListProps {
		if p.Has(f.p) {
			for _, n := range f.names {
				b.WriteString(", " + r + "." + n)
			}
		}
	}
	b.WriteString("]")
	return b.String()
}

// relListProps are the relationship properties, after its key, that a
// list may leave out, in the order relPropList writes them; a relationship
// is read from the values of each with setRelProp (relationFromList, and
// relationFrom from a map of them).
var relListProps = []struct {
	p     query.RelProps
	names []string
}{
	{query.PropVerb, []string{"verb"}},
	{query.PropThrough, []string{"through"}},
	{query.PropRelSource, []string{"source"}},
	{query.PropEvidence, []string{"evidence"}},
	{query.PropDocument, []string{"document"}},
	{query.PropClause, []string{"clauseIndex", "clauseKind", "clauseNumber", "clauseText", "spanStart", "spanEnd"}},
}

// setRelProp sets the property p of relListProps of r from its values v,
// one per name. A switch, as setNodeProp.
func setRelProp(r *hemigraph.Relation, p query.RelProps, v []any) {
	switch p {
	case query.PropVerb:
		r.Verb = asString(v[0])
	case query.PropThrough:
		r.Through = asString(v[0])
	case query.PropRelSource:
		r.Source = asString(v[0])
	case query.PropEvidence:
		r.Evidence = asString(v[0])
	case query.PropDocument:
		r.Document = asString(v[0])
	case query.PropClause:
		if v[0] != nil {
			r.Clause = &hemigraph.ClauseRef{Index: asInt(v[0]), Kind: asString(v[1]), Number: asInt(v[2]),
				Text: asString(v[3]), Start: asInt(v[4]), End: asInt(v[5])}
		}
	}
}

// nodeFromMap reads a node from its projection (nodeFields).
func nodeFromMap(v any) hemigraph.Node {
	m, _ := v.(map[string]any)
	n := hemigraph.Node{ID: asString(m["id"]), Kind: hemigraph.Kind(asString(m["kind"]))}
	for _, f := range nodeListProps {
		setNodeProp(&n, f.p, m[f.name])
	}
	return n
}

// ends orders the two ends of a relationship reached from near: its start
// and its end, near first when it was reached from its start (outgoing).
func ends[T any](near, far T, outgoing bool) (start, end T) {
	if outgoing {
		return near, far
	}
	return far, near
}

// relationFromMap reads a relationship from the map built by relProjection,
// whose ends' ids are those of its "from" and "to" nodes.
func relationFromMap(v any) hemigraph.Relation {
	m, _ := v.(map[string]any)
	from, to := nodeFromMap(m["from"]), nodeFromMap(m["to"])
	r := relationFrom(m["type"], from.ID, to.ID, m["props"])
	r.FromNode, r.ToNode = from, to
	r.Outgoing, _ = m["outgoing"].(bool)
	return r
}

// relationFrom reads a relationship from its type, the ids of its start and
// end nodes, and the map of its properties (properties(r)).
func relationFrom(typ, fromID, toID, props any) hemigraph.Relation {
	p, _ := props.(map[string]any)
	r := relationEdge(typ, fromID, toID)
	r.ID = asString(p["key"])
	var vals [6]any
	for _, f := range relListProps {
		for i, n := range f.names {
			vals[i] = p[n]
		}
		setRelProp(&r, f.p, vals[:len(f.names)])
	}
	return r
}

// relationFromList reads a relationship from its type, the ids of its start
// and end nodes, and its properties p as relPropList returns them: a list,
// or the map of every property.
func relationFromList(typ, fromID, toID any, p query.RelProps, props any) hemigraph.Relation {
	if _, ok := props.(map[string]any); ok {
		return relationFrom(typ, fromID, toID, props)
	}
	l := asList(props)
	r := relationEdge(typ, fromID, toID)
	if len(l) == 0 {
		return r
	}
	r.ID = asString(l[0])
	i := 1
	for _, f := range relListProps {
		if !p.Has(f.p) {
			continue
		}
		if n := len(f.names); i+n <= len(l) {
			setRelProp(&r, f.p, l[i:i+n])
		}
		i += len(f.names)
	}
	return r
}

// relationEdge is the relationship of a type between two nodes.
func relationEdge(typ, fromID, toID any) hemigraph.Relation {
	return hemigraph.Relation{Edge: hemigraph.Edge{From: asString(fromID), To: asString(toID), Type: hemigraph.RelType(asString(typ))}}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
