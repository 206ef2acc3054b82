package server_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph/server"
)

// TestPrintedPropsAreRead checks that a query selecting one field of the
// nodes or relations of a lineage, a neighbourhood or a search (or of its
// matches) gets that field right: the store reads only the properties a query prints, and each
// answer must agree, leaf for leaf, with the same query selecting every
// field. The near end of a relation read ahead under an entry is the entry
// itself, so the fields printed there are asked for too.
func TestPrintedPropsAreRead(t *testing.T) {
	const (
		nodeAll = `kind title aliases date year place source unresolved citedByCount ... on Instrument { symbol }`
		relAll  = `id verb through source evidence document clause { index kind number text start end }`
	)
	lineage := func(node, rel string) string {
		return `{ instrumentsLeadingTo(conference: "` + sanSalvador + `", maxDepth: 4) {
			target { id ` + node + ` }
			entries { distance node { id ` + node + ` }
				path { type ` + rel + ` from { id ` + node + ` } to { id ` + node + ` } node { id ` + node + ` } } } } }`
	}
	nearEnd := func(node string) string {
		return `{ instrumentsLeadingTo(conference: "` + sanSalvador + `", first: 20) {
			target { id ... on Conference { convenedBy(first: 5) { to { id ` + node + ` } } } }
			entries { node { id ... on Instrument { cites(first: 3) { from { id ` + node + ` } node { id } } } } } } }`
	}
	const (
		graphNodeAll = `kind label title symbol date year place citedByCount distance`
		graphEdgeAll = `type from to properties { verb source evidence document clause { index kind number text start end } }`
	)
	neighbourhood := func(node, edge string) string {
		return `{ neighbourhood(id: "` + res1412 + `", depth: 2, limit: 60) { nodes { id ` + node + ` } edges { id ` + edge + ` } } }`
	}

	// Each check's query selects one field more than its bare query.
	type check struct{ name, query, bare, full string }
	var checks []check
	for _, f := range fields(nodeAll) {
		checks = append(checks,
			check{"lineage node " + f, lineage(f, ""), lineage("", ""), lineage(nodeAll, relAll)},
			check{"lineage near end " + f, nearEnd(f), nearEnd(""), nearEnd(nodeAll)})
	}
	for _, f := range fields(relAll) {
		checks = append(checks, check{"lineage relation " + f, lineage("", f), lineage("", ""), lineage(nodeAll, relAll)})
	}
	for _, f := range fields(graphNodeAll) {
		checks = append(checks, check{"neighbourhood node " + f, neighbourhood(f, ""), neighbourhood("", ""), neighbourhood(graphNodeAll, graphEdgeAll)})
	}
	for _, f := range append(fields(graphEdgeAll), "properties { verb }", "properties { clause { text start } }") {
		checks = append(checks, check{"neighbourhood edge " + f, neighbourhood("", f), neighbourhood("", ""), neighbourhood(graphNodeAll, graphEdgeAll)})
	}
	search := func(node, match string) string {
		return `{ search(text: "follow-up conference", first: 15) { edges { score node { id ` + node + ` } ` + match + ` } } }`
	}
	const matchAll = `field text relation { id type verb source evidence from { id title } to { id title } }`
	for _, f := range fields(nodeAll) {
		checks = append(checks, check{"search node " + f, search(f, ""), search("", ""), search(nodeAll, matchAll)})
	}
	for _, f := range fields(matchAll) {
		checks = append(checks, check{"search match " + f, search("", f), search("", ""), search(nodeAll, matchAll)})
	}
	// Relations read ahead: the far ends and the relations print what the
	// query asks; the same relations read ahead for two places (two root
	// fields, or a node met again deeper) that print different fields
	// each get theirs.
	nested := func(node, rel string) string {
		return `{ instrument(id: "` + res1412 + `") { id
			cites(first: 10) { ` + rel + ` node { id ` + node + ` } }
			convenes(first: 5) { type to { id ` + node + ` } }
			citedBy(first: 5) { node { id ... on Instrument { cites(first: 3) { from { id ` + node + ` } } } } } } }`
	}
	twoRoots := func(node string) string {
		return `{ a: instrument(id: "` + res1412 + `") { cites(first: 10) { node { id } } }
			b: instrument(id: "` + res1412 + `") { cites(first: 10) { node { id ` + node + ` } } } }`
	}
	metAgain := func(node string) string {
		return `{ instrument(id: "` + res1412 + `") { cites(first: 5) { node { id ... on Instrument {
			citedBy(first: 10) { node { id ... on Instrument { cites(first: 5) { node { id ` + node + ` } } } } } } } } } }`
	}
	// The node met again prints its own fields where it is met first, and
	// another field of its relations' far ends deeper: neither reading
	// holds everything the other does.
	metAgainNear := func(node string) string {
		return `{ instrument(id: "` + res1412 + `") { cites(first: 5) { from { id ` + node + ` } node { id ... on Instrument {
			citedBy(first: 10) { node { id ... on Instrument { cites(first: 5) { node { id date } } } } } } } } } }`
	}
	for _, f := range fields(nodeAll) {
		checks = append(checks,
			check{"read ahead node " + f, nested(f, ""), nested("", ""), nested(nodeAll, relAll)},
			check{"read ahead for two root fields " + f, twoRoots(f), twoRoots(""), twoRoots(nodeAll)},
			check{"read ahead for a node met again " + f, metAgain(f), metAgain(""), metAgain(nodeAll)})
	}
	for _, f := range fields(`kind title date year source ... on Instrument { symbol }`) { // the fields AG/RES. 1412 has
		checks = append(checks, check{"read ahead for a node met again, its own " + f, metAgainNear(f), metAgainNear(""), metAgainNear(nodeAll)})
	}
	for _, f := range fields(relAll) {
		checks = append(checks, check{"read ahead relation " + f, nested("", f), nested("", ""), nested(nodeAll, relAll)})
	}
	// The fields no node or relation of these answers has a value for in
	// the bundled corpus: their checks can only show that asking for them
	// breaks nothing.
	unset := map[string]bool{}
	for _, name := range []string{
		"lineage node unresolved", "lineage near end unresolved", "search node unresolved",
		"read ahead node unresolved", "read ahead for two root fields unresolved", "read ahead for a node met again unresolved",
		"read ahead relation through", "read ahead relation document", "read ahead relation clause { index kind number text start end }",
		"lineage relation through", "lineage relation document", "lineage relation clause { index kind number text start end }",
		"neighbourhood edge properties { clause { index kind number text start end } }", "neighbourhood edge properties { clause { text start } }",
	} {
		unset[name] = true
	}

	eachStore(t, server.Config{}, func(t *testing.T, fx *fixture) {
		answers := map[string]any{}
		answer := func(t *testing.T, q string) any {
			if a, ok := answers[q]; ok {
				return a
			}
			var a any
			fx.data(t, q, nil, &a)
			answers[q] = a
			return a
		}
		for _, c := range checks {
			t.Run(c.name, func(t *testing.T) {
				got, full := answer(t, c.query), answer(t, c.full)
				switch more := leaves(got) > leaves(answer(t, c.bare)); {
				case !more && !unset[c.name]:
					t.Fatalf("no value of the field is set in the answer: the check would prove nothing\n%v", got)
				case more && unset[c.name]:
					t.Errorf("the answer has values of a field listed as unset in this corpus: take it off the list")
				}
				if path, ok := within(got, full, "data"); !ok {
					t.Errorf("%s differs from the answer of the query selecting every field\nquery: %s", path, c.query)
				}
			})
		}
	})
}

// fields splits a selection into its top-level fields, a field with its
// sub-selection or a fragment with its braces being one.
func fields(sel string) []string {
	var out []string
	depth, start := 0, -1
	words := strings.Fields(strings.NewReplacer("{", " { ", "}", " } ").Replace(sel))
	for i, w := range words {
		switch {
		case w == "{":
			depth++
		case w == "}":
			depth--
		case depth == 0 && w != "on" && (i == 0 || words[i-1] != "on"):
			if start >= 0 {
				out = append(out, strings.Join(words[start:i], " "))
			}
			start = i
		}
	}
	return append(out, strings.Join(words[start:], " "))
}

// leaves counts the values of v that are set: not null, "", false, 0 or
// empty.
func leaves(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := 0
		for _, x := range v {
			n += leaves(x)
		}
		return n
	case []any:
		n := 0
		for _, x := range v {
			n += leaves(x)
		}
		return n
	}
	switch v {
	case nil, "", false, float64(0):
		return 0
	}
	return 1
}

// within reports whether every value of got is in full at the same place
// (the same fields, lists of the same length, equal leaves), and the first
// place where it is not.
func within(got, full any, at string) (string, bool) {
	switch g := got.(type) {
	case map[string]any:
		f, ok := full.(map[string]any)
		if !ok {
			return at, false
		}
		for k, v := range g {
			if p, ok := within(v, f[k], at+"."+k); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		f, ok := full.([]any)
		if !ok || len(f) != len(g) {
			return fmt.Sprintf("%s (%d values, %d when every field is selected)", at, len(g), len(f)), false
		}
		for i := range g {
			if p, ok := within(g[i], f[i], fmt.Sprintf("%s[%d]", at, i)); !ok {
				return p, false
			}
		}
		return "", true
	}
	if !reflect.DeepEqual(got, full) {
		return fmt.Sprintf("%s: %v, %v when every field is selected", at, got, full), false
	}
	return "", true
}
