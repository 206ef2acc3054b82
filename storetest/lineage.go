package storetest

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var lineageTests = []test{
	{"EntriesNearestFirstWithChains", testLineageEntries},
	{"StepsAlongAndAgainst", testLineageSteps},
	{"NotThroughBodies", testLineageBodies},
	{"DatedAfterTargetLeftOut", testLineageDated},
	{"ShortestChain", testLineageShortest},
	{"Limit", testLineageLimit},
	{"MaxDepth", testLineageMaxDepth},
	{"Bounds", testLineageBounds},
}

// lineageGraph leads to the San Salvador conference (1998): resolution
// 1412 convened it and the conference follows up Santiago's (distance 1);
// 1412 cites the Santiago declaration, a report of the Permanent Council
// and resolution 1237, and Santiago followed up Buenos Aires (2); the
// declaration cites resolution 1179 (3). Left out: 1288, which instructs
// the Council (no chain through a body); 1801, dated 2001, and 1353, which
// only 1801 cites; 1566, which cites 1412 (influenced by it, not leading
// to the conference); Miami, which follows the conference up.
func lineageGraph() graph {
	return graph{
		nodes: nodes(confSanSalvador, res1412, confSantiago, declSantiago, pc, res1237, confBuenosAires, res1179, res1288,
			res1801, res1353, res1566, confMiami),
		edges: []hemigraph.Edge{
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),           // 0
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),              // 1
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),                        // 2
			cites(res1412, pc, "TAKING NOTE", "takes note of the report of the Permanent Council"),               // 3
			cites(res1412, res1237, "RECALLING", "recalls resolution 1237"),                                      // 4
			edge(confSantiago, hemigraph.RelFollowsUp, confBuenosAires, "follows the Buenos Aires meeting"),      // 5
			edge(res1237, hemigraph.RelConvenes, confBuenosAires, "convenes the meeting of experts"),             // 6
			edge(confSantiago, hemigraph.RelProduced, declSantiago, "declaration under the conference heading"),  // 7
			cites(declSantiago, res1179, "RECALLING", "recalls resolution 1179"),                                 // 8
			edge(res1288, hemigraph.RelInstructs, pc, "instructs the Council to continue its study"),             // 9
			edge(res1801, hemigraph.RelRequests, confSanSalvador, "requests the conference's report (misdated)"), // 10
			cites(res1801, res1353, "RECALLING", "recalls resolution 1353"),                                      // 11
			cites(res1566, res1412, "RECALLING", "recalls resolution 1412"),                                      // 12
			edge(confMiami, hemigraph.RelFollowsUp, confSanSalvador, "follow-up to San Salvador"),                // 13
		},
	}
}

// chain returns the lineage chain along edges from the node id.
func (g graph) chain(edges ...hemigraph.Edge) []hemigraph.Relation {
	out := make([]hemigraph.Relation, len(edges))
	for i, e := range edges {
		out[i] = g.rel(e, true)
	}
	return out
}

// chained is a lineage entry with its whole chain, as the tests state
// what they expect: the store answers each entry's first relation only
// (hemigraph.LineageEntry), and query.Lineage.Chains writes the chains
// out from them.
type chained struct {
	Node     hemigraph.Node
	Distance int
	Path     []hemigraph.Relation
}

// entry returns the lineage entry of id at the end of the chain edges.
func (g graph) entry(id string, edges ...hemigraph.Edge) chained {
	return chained{Node: g.node(id), Distance: len(edges), Path: g.chain(edges...)}
}

// entries returns l's entries with their whole chains.
func entries(l query.Lineage) []chained {
	chains := l.Chains()
	out := make([]chained, len(l.Entries))
	for i, e := range l.Entries {
		out[i] = chained{Node: e.Node, Distance: e.Distance, Path: chains[i]}
	}
	return out
}

// ignoreOutgoing: the contract does not say from which side a chain sees
// its relations.
var ignoreOutgoing = cmpopts.IgnoreFields(hemigraph.Relation{}, "Outgoing")

func lineage(t *testing.T, s Store, q query.LineageQuery) query.Lineage {
	t.Helper()
	l, err := s.Lineage(t.Context(), q)
	check(t, "Lineage", err)
	checkChains(t, l)
	return l
}

// checkChains checks that each entry's chain has its distance as length,
// goes from the entry to the target, and takes lineage steps only
// (hemigraph.LineageStep).
func checkChains(t *testing.T, l query.Lineage) {
	t.Helper()
	for _, e := range entries(l) {
		if len(e.Path) != e.Distance {
			t.Errorf("%s: a chain of %d relations at distance %d", e.Node.ID, len(e.Path), e.Distance)
			continue
		}
		at := e.Node.ID
		for _, r := range e.Path {
			var led string
			switch at {
			case r.From:
				led = r.To
			case r.To:
				led = r.From
			default:
				t.Errorf("%s: the chain breaks at %s, which does not touch %s", e.Node.ID, arrow(r.Edge), at)
			}
			if from, ok := hemigraph.LineageStep(r.Edge, led); !ok || from != at {
				t.Errorf("%s: %s is no lineage step from %s", e.Node.ID, arrow(r.Edge), at)
			}
			at = led
		}
		if at != l.Target.ID {
			t.Errorf("%s: the chain ends at %s, not at the target %s", e.Node.ID, at, l.Target.ID)
		}
	}
}

// entryIDs writes entries as "id@distance".
func entryIDs(l query.Lineage) []string {
	out := make([]string, len(l.Entries))
	for i, e := range l.Entries {
		out[i] = fmt.Sprintf("%s@%d", e.Node.ID, e.Distance)
	}
	return out
}

// fullLineage is lineageGraph's lineage, nearest first, then by id.
var fullLineage = []string{
	res1412 + "@1", confSantiago + "@1",
	res1237 + "@2", confBuenosAires + "@2", declSantiago + "@2", pc + "@2",
	res1179 + "@3",
}

// testLineageEntries: the target, and the nodes leading to it nearest
// first, then by id, each with its distance and a shortest chain of
// relations with both end nodes, from the node to the target.
func testLineageEntries(t *testing.T, s Store) {
	g := lineageGraph()
	g.write(t, s)
	l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth, Limit: 100})
	diff(t, "target", g.node(confSanSalvador), l.Target)
	e := g.edges
	want := []chained{
		g.entry(res1412, e[0]),
		g.entry(confSantiago, e[1]),
		g.entry(res1237, e[4], e[0]),
		g.entry(confBuenosAires, e[5], e[1]),
		g.entry(declSantiago, e[2], e[0]),
		g.entry(pc, e[3], e[0]),
		g.entry(res1179, e[8], e[2], e[0]),
	}
	diff(t, "entries", want, entries(l), ignoreOutgoing)
}

// testLineageSteps: influence flows along CONVENES, PRODUCED, REQUESTS and
// INSTRUCTS (from the node acting to the node acted on) and against CITES
// and FOLLOWS_UP (from the node looked back to); no other relation leads.
func testLineageSteps(t *testing.T, s Store) {
	g := graph{nodes: nodes(confSanSalvador)}
	var want []string
	n := 1500
	for _, typ := range hemigraph.RelTypes {
		for _, toTarget := range []bool{true, false} {
			n++
			id := fmt.Sprintf("ag-res-%d-xxvii-o-97", n)
			dir := "the conference " + string(typ) + " it"
			e := edge(confSanSalvador, typ, id, "the conference "+string(typ))
			if toTarget {
				dir = "it " + string(typ) + " the conference"
				e = edge(id, typ, confSanSalvador, string(typ)+" the conference")
			}
			g.nodes = append(g.nodes, hemigraph.Node{ID: id, Kind: hemigraph.KindResolution,
				Symbol: fmt.Sprintf("AG/RES. %d (XXVII-O/97)", n), Title: "Resolution such that " + dir, Source: srcInventory})
			g.edges = append(g.edges, e)
			if lead, ok := leads[typ]; ok && lead == toTarget {
				want = append(want, id+"@1")
			}
		}
	}
	g.write(t, s)
	l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: 3, Limit: 100})
	diff(t, "entries", want, entryIDs(l))
}

// leads says, for each lineage type, whether a node leads to the target
// when the relation points at the target (true) or away from it (false).
var leads = map[hemigraph.RelType]bool{
	hemigraph.RelConvenes:  true,
	hemigraph.RelProduced:  true,
	hemigraph.RelRequests:  true,
	hemigraph.RelInstructs: true,
	hemigraph.RelCites:     false,
	hemigraph.RelFollowsUp: false,
}

// testLineageBodies: a body may end a chain but the chain does not pass
// through it.
func testLineageBodies(t *testing.T, s Store) {
	g := graph{
		nodes: nodes(confSanSalvador, res1412, pc, res1288, csh),
		edges: []hemigraph.Edge{
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			cites(res1412, pc, "TAKING NOTE", "takes note of the report of the Permanent Council"),
			edge(res1288, hemigraph.RelInstructs, pc, "instructs the Council to continue its study"),
			edge(csh, hemigraph.RelProduced, res1412, "the Committee drafted the resolution"),
		},
	}
	g.write(t, s)
	l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth, Limit: 100})
	diff(t, "entries", []string{res1412 + "@1", csh + "@2", pc + "@2"}, entryIDs(l))
}

// testLineageDated: a node dated after the target's year does not lead to
// it, nor do the nodes only it leads from; a node of the target's year, or
// undated, does; an undated target excludes nothing.
func testLineageDated(t *testing.T, s Store) {
	g := graph{
		nodes: nodes(confSanSalvador, res1801, res1353, res1566, res1240, refSantiago),
		edges: []hemigraph.Edge{
			edge(res1801, hemigraph.RelRequests, confSanSalvador, "requests the conference's report"),
			cites(res1801, res1353, "RECALLING", "recalls resolution 1353"),
			edge(res1566, hemigraph.RelRequests, confSanSalvador, "requests the conference's report"),
			edge(res1240, hemigraph.RelConvenes, confSanSalvador, "convenes a regional conference"),
			edge(res1801, hemigraph.RelConvenes, refSantiago, "convenes a conference in Santiago"),
		},
	}
	g.write(t, s)
	l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth, Limit: 100})
	diff(t, "dated target", []string{res1240 + "@1", res1566 + "@1"}, entryIDs(l))
	l = lineage(t, s, query.LineageQuery{ID: refSantiago, MaxDepth: query.MaxLineageDepth, Limit: 100})
	diff(t, "undated target", []string{res1801 + "@1", res1353 + "@2"}, entryIDs(l))
}

// testLineageShortest: a node reached by chains of several lengths is
// listed once, at the distance of its shortest.
func testLineageShortest(t *testing.T, s Store) {
	g := graph{
		nodes: nodes(confSanSalvador, res1412, confSantiago, declSantiago, res1237),
		edges: []hemigraph.Edge{
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),
			edge(confSantiago, hemigraph.RelProduced, declSantiago, "declaration under the conference heading"),
			cites(declSantiago, res1237, "RECALLING", "recalls resolution 1237"),
			cites(res1412, res1237, "RECALLING", "recalls resolution 1237"),
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
		},
	}
	g.write(t, s)
	l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth, Limit: 100})
	e := g.edges
	want := []chained{
		g.entry(res1412, e[0]),
		g.entry(confSantiago, e[1]),
		g.entry(res1237, e[4], e[0]),
		g.entry(declSantiago, e[5], e[0]),
	}
	diff(t, "entries", want, entries(l), ignoreOutgoing)
}

// testLineageLimit: Limit keeps the first entries of the list.
func testLineageLimit(t *testing.T, s Store) {
	lineageGraph().write(t, s)
	for _, limit := range []int{1, 2, 3, 6, 7, 8} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth, Limit: limit})
			diff(t, "entries", fullLineage[:min(limit, len(fullLineage))], entryIDs(l))
		})
	}
}

// testLineageMaxDepth: MaxDepth bounds the length of the chains.
func testLineageMaxDepth(t *testing.T, s Store) {
	lineageGraph().write(t, s)
	for depth, n := range map[int]int{1: 2, 2: 6, 3: 7, query.MaxLineageDepth: 7} {
		t.Run(fmt.Sprint(depth), func(t *testing.T) {
			l := lineage(t, s, query.LineageQuery{ID: confSanSalvador, MaxDepth: depth, Limit: 100})
			diff(t, "entries", fullLineage[:n], entryIDs(l))
		})
	}
}

// testLineageBounds: a depth out of 1..MaxLineageDepth is
// hemigraph.ErrInvalid; an unknown target is hemigraph.ErrNotFound.
func testLineageBounds(t *testing.T, s Store) {
	lineageGraph().write(t, s)
	tests := []struct {
		name string
		q    query.LineageQuery
		err  error
	}{
		{"depth 0", query.LineageQuery{ID: confSanSalvador, MaxDepth: 0, Limit: 10}, hemigraph.ErrInvalid},
		{"too deep", query.LineageQuery{ID: confSanSalvador, MaxDepth: query.MaxLineageDepth + 1, Limit: 10}, hemigraph.ErrInvalid},
		{"unknown target", query.LineageQuery{ID: "ag-res-9999-xxvi-o-96", MaxDepth: 2, Limit: 10}, hemigraph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Lineage(t.Context(), tt.q)
			wantErr(t, "Lineage", err, tt.err)
		})
	}
}
