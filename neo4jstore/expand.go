package neo4jstore

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// relProjection is the map a relationship is read as (see relationFromMap);
// %[1]s is its variable and %[2]s the expression telling whether it was
// reached from its start node.
const relProjection = `{type: type(%[1]s), from: %[3]s, to: %[4]s, props: %[5]s, outgoing: %[2]s}`

func relProj(r, o string) string {
	return fmt.Sprintf(relProjection, r, o, nodeOf("startNode("+r+")"), nodeOf("endNode("+r+")"), "properties("+r+")")
}

// farRelList is the list a relationship read ahead is read as, with the
// expansion of its far end (see expandedRelation): its type, its far end
// node only (the near end is the node it was read ahead for), its
// properties, whether it was reached from its start node, and what is
// read ahead around the far end. The ids of its ends are not read: the
// direction tells which end is which. %[1]s is the relationship's
// variable, %[2]s the expression telling its direction, %[3]s the far
// end's list (nodeList), %[4]s the expression of the relationship's
// properties (relPropList), %[5]s the far end's expansion. A list, not a
// map: the driver decodes no key for it.
const farRelList = `[type(%[1]s), %[3]s, %[4]s, %[2]s, %[5]s]`

// cypher returns a map expression holding, for the node variable v, one
// list per relation list of e ("e0", "e1", ...), each element the list of
// the relation and the expansion of its far end (farRelList). It returns
// "null" for an empty expansion. The lists are ordered as Relations orders
// them, so a field answered from the expansion and one answered by
// Relations agree.
//
// The relation types asked for are written into the pattern
// ([r:CITES|FOLLOWS_UP]) when all of them are of the closed set
// (hemigraph.RelTypes), so that Neo4j expands only the relationships of
// those types; a type given as a parameter can only filter every
// relationship of the node after expanding it. With one type asked for,
// the lists are not sorted on it: every relation has it.
func expandCypher(e *query.Expand, v string, p *params) string {
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
		rel, order := r, "type("+r+"), "
		if len(re.Query.Types) == 1 {
			order = ""
		}
		if len(re.Query.Types) > 0 {
			if knownTypes(re.Query.Types) {
				rel = r + ":" + relTypeAlternatives(re.Query.Types)
			} else {
				ts := make([]string, len(re.Query.Types))
				for j, t := range re.Query.Types {
					ts[j] = string(t)
				}
				where += " AND type(" + r + ") IN " + p.add(ts)
			}
		}
		var match string
		out := fmt.Sprintf("MATCH (%s)-[%s]->(%s) WHERE %s", v, rel, m, where)
		in := fmt.Sprintf("MATCH (%s)<-[%s]-(%s) WHERE %s", v, rel, m, where)
		switch re.Query.Direction {
		case query.Outgoing:
			match = fmt.Sprintf("%s WITH %s, %s, true AS %s", out, r, m, o)
		case query.Incoming:
			match = fmt.Sprintf("%s WITH %s, %s, false AS %s", in, r, m, o)
		default:
			match = fmt.Sprintf("CALL (%s) { %s RETURN %s, %s, true AS %s UNION ALL %s RETURN %s, %s, false AS %s } WITH %s, %s, %s",
				v, out, r, m, o, in, r, m, o, r, m, o)
		}
		parts[i] = fmt.Sprintf("e%d: COLLECT { %s ORDER BY %s%s.id, %s.key, %s DESC LIMIT %s RETURN %s }",
			i, match, order, m, r, o, p.add(int64(re.Query.First)),
			fmt.Sprintf(farRelList, r, o, nodeList(m, re.Props), relPropList(r, re.RelProps), expandCypher(re.Next, m, p)))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// knownTypes reports whether every type of ts is of the closed set, and
// so may be written into a statement.
func knownTypes(ts []hemigraph.RelType) bool {
	for _, t := range ts {
		if !t.Valid() {
			return false
		}
	}
	return true
}

// decodeExpand reads the value of expandCypher for the node n, read with
// the properties props, into out.
func decodeExpand(e *query.Expand, n hemigraph.Node, props query.NodeProps, v any, out query.Prefetch) {
	if e.Empty() {
		return
	}
	m, _ := v.(map[string]any)
	for i, re := range e.Rels {
		if len(re.Kinds) > 0 && !slices.Contains(re.Kinds, n.Kind) {
			continue
		}
		l, _ := m["e"+strconv.Itoa(i)].([]any)
		rels := make([]hemigraph.Relation, len(l))
		for j, x := range l {
			var next any
			rels[j], next = expandedRelation(x, n, re.Props, re.RelProps)
			decodeExpand(re.Next, rels[j].Other(), re.Props, next, out)
		}
		out.Add(n.ID, re.Query.Key(), query.Prefetched{Rels: rels, NearProps: props, FarProps: re.Props, RelProps: re.RelProps})
	}
}

// expandedRelation reads a relationship read ahead for the node near
// (farRelList), its ends filled in, the far end read with the properties
// props and the relationship with relProps; and returns the expansion of
// its far end.
func expandedRelation(v any, near hemigraph.Node, props query.NodeProps, relProps query.RelProps) (hemigraph.Relation, any) {
	l := asList(v)
	if len(l) < 5 {
		return hemigraph.Relation{}, nil
	}
	outgoing, _ := l[3].(bool)
	from, to := ends(near, nodeFromList(props, l[1]), outgoing)
	r := relationFromList(l[0], from.ID, to.ID, relProps, l[2])
	r.Outgoing, r.FromNode, r.ToNode = outgoing, from, to
	return r, l[4]
}
