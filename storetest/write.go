package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var writeTests = []test{
	{"NodesCreatedThenUnchanged", testWriteNodesRerun},
	{"ChangedNodeUpdated", testWriteNodesUpdated},
	{"KindChange", testWriteNodesKindChange},
	{"EmptyFieldKeepsValue", testWriteNodesEmptyField},
	{"PlaceholderCompleted", testWritePlaceholderCompleted},
	{"EdgesCreatedThenUnchanged", testWriteEdgesRerun},
	{"ChangedEdgeUpdated", testWriteEdgesUpdated},
	{"EdgeToMissingNodeWritesNothing", testWriteEdgesMissingEndpoint},
	{"MissingIDs", testMissingIDs},
	{"CitedByCount", testCitedByCount},
	{"Counts", testCounts},
	{"Ping", testPing},
}

// lookup reads one node, or fails the test.
func lookup(t *testing.T, s Store, id string) hemigraph.Node {
	t.Helper()
	got, _, err := s.LookupNodes(t.Context(), []string{id}, 0, nil)
	check(t, "LookupNodes", err)
	if len(got) != 1 {
		t.Fatalf("LookupNodes(%s) = %d nodes, want 1", id, len(got))
	}
	return got[0]
}

func counts(t *testing.T, s Store) (nodes, rels int) {
	t.Helper()
	nodes, rels, err := s.Counts(t.Context())
	check(t, "Counts", err)
	return nodes, rels
}

// testWriteNodesRerun: new nodes are created; writing them again creates
// and changes nothing.
func testWriteNodesRerun(t *testing.T, s Store) {
	ns := nodes(res1412, declSantiago, confSanSalvador, ga, session26)
	got, err := s.WriteNodes(t.Context(), ns)
	check(t, "WriteNodes", err)
	diff(t, "first write", hemigraph.WriteCounts{Created: 5}, got)
	got, err = s.WriteNodes(t.Context(), ns)
	check(t, "WriteNodes", err)
	diff(t, "rerun", hemigraph.WriteCounts{Unchanged: 5}, got)
	if n, _ := counts(t, s); n != 5 {
		t.Errorf("%d nodes, want 5", n)
	}
}

// testWriteNodesUpdated: a node whose properties change is updated, and
// reads back changed; new ones in the same write are created.
func testWriteNodesUpdated(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, declSantiago, confSanSalvador)}.write(t, s)
	retitled := node(res1412)
	retitled.Title = "Confidence- and Security-Building Measures in the Americas"
	got, err := s.WriteNodes(t.Context(), []hemigraph.Node{node(declSantiago), retitled, node(ga)})
	check(t, "WriteNodes", err)
	diff(t, "counts", hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}, got)
	diff(t, "retitled", retitled, lookup(t, s, res1412))

	changes := []struct {
		name   string
		change func(n *hemigraph.Node)
	}{
		{"aliases", func(n *hemigraph.Node) { n.Aliases = append(n.Aliases, "Santiago Declaration on CSBMs") }},
		{"date", func(n *hemigraph.Node) { n.Date = "1995-11-08/1995-11-10" }},
		{"place", func(n *hemigraph.Node) { n.Place = "Santiago de Chile, Chile" }},
		{"symbol", func(n *hemigraph.Node) { n.Symbol = "COSEGRE/doc.18/95 rev. 4" }},
		{"source", func(n *hemigraph.Node) { n.Source = "http://www.oas.org/csh/spanish/mfcdeclsant.asp" }},
	}
	want := node(declSantiago)
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			c.change(&want)
			got, err := s.WriteNodes(t.Context(), []hemigraph.Node{want})
			check(t, "WriteNodes", err)
			diff(t, "counts", hemigraph.WriteCounts{Updated: 1}, got)
			diff(t, "node", want, lookup(t, s, declSantiago))
		})
	}
}

// testWriteNodesKindChange: a node written again with another kind (a
// report corrected into a conference) is listed under its new kind only,
// and the catalog of what references resolve onto takes it in.
func testWriteNodesKindChange(t *testing.T, s Store) {
	report := hemigraph.Node{ID: "csbm-meeting-1994", Kind: hemigraph.KindReport, Title: "Meeting of Experts on CSBMs", Date: "1994-03-15"}
	graph{nodes: []hemigraph.Node{report}}.write(t, s)
	conf := report
	conf.Kind = hemigraph.KindConference
	got, err := s.WriteNodes(t.Context(), []hemigraph.Node{conf})
	check(t, "WriteNodes", err)
	diff(t, "counts", hemigraph.WriteCounts{Updated: 1}, got)
	for _, c := range []struct {
		label string
		want  []string
	}{{"Instrument", nil}, {"Conference", []string{report.ID}}, {"Entity", []string{report.ID}}} {
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: c.label, First: 10})
		check(t, "FindNodes", err)
		var ids []string
		for _, n := range page.Nodes {
			ids = append(ids, n.ID)
		}
		diff(t, c.label, c.want, ids)
	}
	nodes, _, err := s.Catalog(t.Context(), nil, nil)
	check(t, "Catalog", err)
	if !slices.ContainsFunc(nodes, func(n hemigraph.Node) bool { return n.ID == report.ID && n.Kind == hemigraph.KindConference }) {
		t.Errorf("the catalog leaves out the node that became a conference: %+v", nodes)
	}
}

// testWriteNodesEmptyField: a field left empty in a later write keeps the
// value written before; nothing changes.
func testWriteNodesEmptyField(t *testing.T, s Store) {
	full := node(declSantiago)
	graph{nodes: []hemigraph.Node{full}}.write(t, s)
	bare := hemigraph.Node{ID: full.ID, Kind: full.Kind, Title: full.Title}
	got, err := s.WriteNodes(t.Context(), []hemigraph.Node{bare})
	check(t, "WriteNodes", err)
	diff(t, "counts", hemigraph.WriteCounts{Unchanged: 1}, got)
	diff(t, "node", full, lookup(t, s, declSantiago))
}

// testWritePlaceholderCompleted: a placeholder written again as a known
// node is updated and no longer a placeholder.
func testWritePlaceholderCompleted(t *testing.T, s Store) {
	ph := node(res1123)
	graph{nodes: []hemigraph.Node{ph}}.write(t, s)
	known := ph
	known.Unresolved = false
	known.Title = "Support for the Process of Confidence-Building in the Region"
	known.Date = "1991-06-08"
	got, err := s.WriteNodes(t.Context(), []hemigraph.Node{known})
	check(t, "WriteNodes", err)
	diff(t, "counts", hemigraph.WriteCounts{Updated: 1}, got)
	n, _, err := s.LookupSymbol(t.Context(), "AG/RES. 1123 (XXI-O/91)", 0, nil)
	check(t, "LookupSymbol", err)
	diff(t, "node", known, n)
	left, err := s.Unresolved(t.Context())
	check(t, "Unresolved", err)
	diff(t, "placeholders", []hemigraph.Node(nil), left)
}

// writeEdgesGraph is the San Salvador conference's neighbourhood.
func writeEdgesGraph() graph {
	return graph{
		nodes: nodes(res1412, declSantiago, declSanSalvador, confSantiago, confSanSalvador),
		edges: []hemigraph.Edge{
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),
			edge(confSanSalvador, hemigraph.RelProduced, declSanSalvador, "declaration issued by conference participants"),
		},
	}
}

// testWriteEdgesRerun: new relations are created; writing them again
// creates and changes nothing.
func testWriteEdgesRerun(t *testing.T, s Store) {
	g := writeEdgesGraph()
	graph{nodes: g.nodes}.write(t, s)
	got, err := s.WriteEdges(t.Context(), g.edges)
	check(t, "WriteEdges", err)
	diff(t, "first write", hemigraph.WriteCounts{Created: 4}, got)
	got, err = s.WriteEdges(t.Context(), g.edges)
	check(t, "WriteEdges", err)
	diff(t, "rerun", hemigraph.WriteCounts{Unchanged: 4}, got)
	if _, rels := counts(t, s); rels != 4 {
		t.Errorf("%d relations, want 4", rels)
	}
}

// testWriteEdgesUpdated: a relation is identified by its key
// (hemigraph.Edge.Key): new evidence updates it; another clause verb is
// another relation.
func testWriteEdgesUpdated(t *testing.T, s Store) {
	g := writeEdgesGraph()
	g.write(t, s)
	changed := g.edges[0]
	changed.Evidence = "first preambular paragraph recalls the Santiago declaration"
	other := cites(res1412, declSantiago, "BEARING IN MIND", "recalls the recommendations of the Santiago declaration")
	got, err := s.WriteEdges(t.Context(), []hemigraph.Edge{changed, other, g.edges[1]})
	check(t, "WriteEdges", err)
	diff(t, "counts", hemigraph.WriteCounts{Created: 1, Updated: 1, Unchanged: 1}, got)
	rels, err := s.Relations(t.Context(), []string{res1412}, query.RelQuery{Types: []hemigraph.RelType{hemigraph.RelCites}, Direction: query.Outgoing, First: 10})
	check(t, "Relations", err)
	want := []hemigraph.Edge{changed, other}
	slices.SortFunc(want, func(a, b hemigraph.Edge) int { return cmp.Compare(a.Key(), b.Key()) })
	diff(t, "citations", want, edgesOf(rels[res1412]))
	if _, n := counts(t, s); n != 5 {
		t.Errorf("%d relations, want 5", n)
	}
}

func edgesOf(rels []hemigraph.Relation) []hemigraph.Edge {
	out := make([]hemigraph.Edge, len(rels))
	for i, r := range rels {
		out[i] = r.Edge
	}
	return out
}

// testWriteEdgesMissingEndpoint: a write with a relation to a missing
// node writes nothing of the call — neither the valid relations of that
// type nor those of the other types in it — and counts no citation.
func testWriteEdgesMissingEndpoint(t *testing.T, s Store) {
	tests := []struct {
		name  string
		edges []hemigraph.Edge
	}{
		{"same type", []hemigraph.Edge{
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			cites(res1412, res1353, "RECALLING", "recalls resolution 1353, not loaded"),
		}},
		{"other types written first", []hemigraph.Edge{
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(confSanSalvador, hemigraph.RelProduced, res1353, "produced resolution 1353, not loaded"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each case writes nothing, so the next starts from the nodes.
			g := writeEdgesGraph()
			graph{nodes: g.nodes}.write(t, s)
			_, err := s.WriteEdges(t.Context(), tt.edges)
			if err == nil {
				t.Error("a relation to a missing node was written")
			}
			if _, rels := counts(t, s); rels != 0 {
				t.Errorf("%d relations after a failed write, want 0", rels)
			}
			if got := lookup(t, s, declSantiago); got.CitedByCount != 0 {
				t.Errorf("CitedByCount of %s = %d after a failed write", declSantiago, got.CitedByCount)
			}
		})
	}
}

// testMissingIDs: the ids that name no node, in the order given.
func testMissingIDs(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, ga, confSanSalvador)}.write(t, s)
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"some", []string{"ag-res-9999-xxvi-o-96", res1412, "oas-nowhere", ga, "cp-res-796-1293-01"},
			[]string{"ag-res-9999-xxvi-o-96", "oas-nowhere", "cp-res-796-1293-01"}},
		{"order given", []string{"oas-nowhere", confSanSalvador, "ag-res-9999-xxvi-o-96"}, []string{"oas-nowhere", "ag-res-9999-xxvi-o-96"}},
		{"none", []string{res1412, ga}, nil},
		{"no ids", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.MissingIDs(t.Context(), tt.ids)
			check(t, "MissingIDs", err)
			diff(t, "missing", tt.want, got)
		})
	}
}

// testCitedByCount: a node's citedByCount is the number of distinct nodes
// citing it, as reads show it: a second clause of a citing node, a rerun,
// a changed citation, a mention or a failed write add nothing; deleting a
// citing node takes it away.
func testCitedByCount(t *testing.T, s Store) {
	graph{nodes: nodes(res1412, res1494, res1409, res1566, declSantiago, res1353)}.write(t, s)
	batch := []hemigraph.Edge{
		cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
		cites(res1412, declSantiago, "NOTING", "notes the Santiago declaration"),
		cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration"),
		cites(res1409, declSantiago, "RECALLING", "recalls the Santiago declaration"),
		cites(res1412, res1353, "RECALLING", "recalls resolution 1353"),
		edge(res1566, hemigraph.RelMentions, res1353, "mentions resolution 1353"),
	}
	changed := batch[2]
	changed.Evidence = "stresses the Santiago declaration of November 10, 1995"
	steps := []struct {
		name  string
		write []hemigraph.Edge
		fails bool
		del   []string
		want  map[string]int
	}{
		{"first", batch, false, nil, map[string]int{declSantiago: 3, res1353: 1, res1412: 0}},
		{"rerun", batch, false, nil, map[string]int{declSantiago: 3, res1353: 1}},
		{"a new citing node", []hemigraph.Edge{cites(res1566, res1353, "RECALLING", "recalls resolution 1353")}, false, nil,
			map[string]int{res1353: 2}},
		{"its second clause", []hemigraph.Edge{cites(res1566, res1353, "TAKING NOTE", "notes resolution 1353")}, false, nil,
			map[string]int{res1353: 2}},
		{"a failed write", []hemigraph.Edge{
			cites(res1409, res1353, "RECALLING", "recalls resolution 1353"),
			cites(res1409, "ag-res-1179-xxii-o-92", "RECALLING", "recalls resolution 1179, not loaded"),
		}, true, nil, map[string]int{res1353: 2}},
		{"a changed citation", []hemigraph.Edge{changed}, false, nil, map[string]int{declSantiago: 3}},
		{"a citing node deleted", nil, false, []string{res1412}, map[string]int{declSantiago: 2, res1353: 1}},
	}
	for _, st := range steps {
		if st.write != nil {
			_, err := s.WriteEdges(t.Context(), st.write)
			if st.fails != (err != nil) {
				t.Fatalf("%s: WriteEdges err = %v", st.name, err)
			}
		}
		if st.del != nil {
			_, err := s.DeleteNodes(t.Context(), st.del)
			check(t, "DeleteNodes", err)
		}
		page, err := s.FindNodes(t.Context(), query.FindQuery{Label: "Entity", First: 10, Order: query.Order{Field: query.OrderCitedBy, Desc: true}})
		check(t, "FindNodes", err)
		keys := map[string]any{}
		for _, c := range page.Cursors {
			keys[c.ID] = c.Key
		}
		for id, n := range st.want {
			if got := lookup(t, s, id).CitedByCount; got != n {
				t.Errorf("%s: CitedByCount of %s = %d, want %d", st.name, id, got, n)
			}
			if keys[id] != int64(n) {
				t.Errorf("%s: cursor key of %s by citations = %v, want %d", st.name, id, keys[id], n)
			}
		}
	}
}

// testCounts: the numbers of nodes and relations, from an empty store on.
func testCounts(t *testing.T, s Store) {
	if n, r := counts(t, s); n != 0 || r != 0 {
		t.Errorf("an empty store counts %d nodes and %d relations", n, r)
	}
	writeEdgesGraph().write(t, s)
	if n, r := counts(t, s); n != 5 || r != 4 {
		t.Errorf("%d nodes and %d relations, want 5 and 4", n, r)
	}
}

// testPing: a store that answers pings without error.
func testPing(t *testing.T, s Store) {
	check(t, "Ping", s.Ping(t.Context()))
}

var loadTests = []test{
	{"Catalog", testCatalog},
	{"Unresolved", testUnresolved},
	{"EdgesOf", testEdgesOf},
	{"DeleteNodes", testDeleteNodes},
	{"DeleteEdges", testDeleteEdges},
	{"DeleteStaleEdges", testDeleteStaleEdges},
	{"FoldPlaceholder", testFoldPlaceholder},
}

// catalogGraph holds nodes of every kind, a placeholder among them, and
// the follow-ups and convocations entity resolution reads.
func catalogGraph() graph {
	return graph{
		nodes: nodes(res1412, res1409, res1237, doc3096, cosegre9, declSantiago, citaac, planSantiago,
			confSanSalvador, confSantiago, confBuenosAires, session26, ga, refSantiago),
		edges: []hemigraph.Edge{
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),
			edge(confSantiago, hemigraph.RelFollowsUp, confBuenosAires, "follows the Buenos Aires meeting"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(res1237, hemigraph.RelConvenes, confBuenosAires, "convenes the meeting of experts"),
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			edge(res1409, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
		},
	}
}

// testCatalog: every node but resolutions and reports, those with the
// given ids or symbol keys, every FOLLOWS_UP relation and the CONVENES
// relations from the given ids.
func testCatalog(t *testing.T, s Store) {
	g := catalogGraph()
	g.write(t, s)
	named := []string{declSantiago, citaac, planSantiago, confSanSalvador, confSantiago, confBuenosAires, session26, ga, refSantiago}
	follows := []string{confSanSalvador + " -FOLLOWS_UP-> " + confSantiago, confSantiago + " -FOLLOWS_UP-> " + confBuenosAires}
	tests := []struct {
		name      string
		ids, keys []string
		nodes     []string
		edges     []string
	}{
		{"nothing asked", nil, nil, named, follows},
		{"ids and keys", []string{res1412, "ag-res-9999-xxvi-o-96"}, []string{hemigraph.SymbolKey("AG/doc. 3096/94")},
			append(slices.Clone(named), res1412, doc3096),
			append(slices.Clone(follows), res1412+" -CONVENES-> "+confSanSalvador)},
		{"a named node asked again", []string{confSantiago, res1237}, nil, append(slices.Clone(named), res1237),
			append(slices.Clone(follows), res1237+" -CONVENES-> "+confBuenosAires)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, es, err := s.Catalog(t.Context(), tt.ids, tt.keys)
			check(t, "Catalog", err)
			slices.SortFunc(ns, func(a, b hemigraph.Node) int { return cmp.Compare(a.ID, b.ID) })
			want := make([]hemigraph.Node, 0, len(tt.nodes))
			for _, id := range sorted(tt.nodes) {
				want = append(want, g.node(id))
			}
			diff(t, "nodes", want, ns)
			diff(t, "edges", sorted(tt.edges), sorted(arrows(es, sameEdge)))
		})
	}
}

// testUnresolved: the placeholder nodes, and only them.
func testUnresolved(t *testing.T, s Store) {
	g := catalogGraph()
	g.nodes = append(g.nodes, node(res1123))
	g.write(t, s)
	got, err := s.Unresolved(t.Context())
	check(t, "Unresolved", err)
	slices.SortFunc(got, func(a, b hemigraph.Node) int { return cmp.Compare(a.ID, b.ID) })
	diff(t, "placeholders", []hemigraph.Node{g.node(res1123), g.node(refSantiago)}, got)
}

// testEdgesOf: every relation from or to a node, with its provenance,
// once, a relation from the node to itself included.
func testEdgesOf(t *testing.T, s Store) {
	g := relationGraph()
	g.nodes = append(g.nodes, node(citaac))
	g.edges = append(g.edges, edge(res1412, hemigraph.RelMentions, res1412, "the resolution refers to its own annex"))
	g.write(t, s)
	byKey := func(a, b hemigraph.Edge) int { return cmp.Compare(a.Key(), b.Key()) }
	for _, id := range []string{res1412, declSantiago, citaac} {
		t.Run(id, func(t *testing.T) {
			var want []hemigraph.Edge
			for _, e := range g.edges {
				if e.From == id || e.To == id {
					want = append(want, e)
				}
			}
			got, err := s.EdgesOf(t.Context(), id)
			check(t, "EdgesOf", err)
			slices.SortFunc(want, byKey)
			slices.SortFunc(got, byKey)
			diff(t, "edges", want, got)
		})
	}
}

// testDeleteNodes: deleting nodes deletes their relations and recounts
// the citations of the nodes they cited.
func testDeleteNodes(t *testing.T, s Store) {
	g := relationGraph()
	g.write(t, s)
	if got := lookup(t, s, declSantiago).CitedByCount; got != 2 {
		t.Fatalf("CitedByCount of %s = %d before, want 2", declSantiago, got)
	}
	_, rels := counts(t, s)
	dc, err := s.DeleteNodes(t.Context(), []string{res1412, ga, "no-such-node", res1412})
	check(t, "DeleteNodes", err)
	diff(t, "deleted", hemigraph.DeleteCounts{Nodes: 2, Edges: rels - 1}, dc)
	got, _, err := s.LookupNodes(t.Context(), []string{res1412, ga, declSantiago}, 0, nil)
	check(t, "LookupNodes", err)
	diff(t, "left", []string{declSantiago}, idsOf(got))
	if n, r := counts(t, s); n != 6 || r != 1 {
		t.Errorf("%d nodes and %d relations, want 6 and 1 (1494 citing the declaration)", n, r)
	}
	if got := lookup(t, s, declSantiago).CitedByCount; got != 1 {
		t.Errorf("CitedByCount of %s = %d after, want 1", declSantiago, got)
	}
	edges, err := s.EdgesOf(t.Context(), res1494)
	check(t, "EdgesOf", err)
	diff(t, "edges of 1494", []string{res1494 + " -CITES-> " + declSantiago}, arrows(edges, sameEdge))
}

// testDeleteStaleEdges: the relations a document stated that are not
// kept — from the document's node, and among the nodes it points to — are
// deleted and counted; relations without the document, or stated by
// another, stay; the citations of the nodes it stops citing are
// recounted.
func testDeleteStaleEdges(t *testing.T, s Store) {
	stated := func(e hemigraph.Edge, doc string, clause int) hemigraph.Edge {
		e.Document = doc
		e.Clause = &hemigraph.ClauseRef{Index: clause, Kind: "operative", Number: clause, Start: 0, End: 10}
		return e
	}
	g := graph{
		nodes: nodes(res1412, res1494, res1353, declSantiago, confSanSalvador, confSantiago, ga),
		edges: []hemigraph.Edge{
			stated(cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"), res1412, 1),           // kept
			stated(cites(res1412, res1353, "RECALLING", "recalls resolution 1353"), res1412, 2),                         // stale
			stated(edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the conference"), res1412, 3),        // stale
			stated(edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"), res1412, 3), // stale, among
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),                          // no document
			stated(cites(res1494, res1412, "RECALLING", "recalls resolution 1412"), res1494, 1),                         // another's
			stated(edge(res1494, hemigraph.RelMentions, res1353, "mentions resolution 1353"), res1494, 2),               // another's
		},
	}
	g.write(t, s)
	n, err := s.DeleteStaleEdges(t.Context(), res1412, []string{g.edges[0].Key()})
	check(t, "DeleteStaleEdges", err)
	if n != 3 {
		t.Errorf("deleted %d, want 3", n)
	}
	left := func(id string) []string {
		es, err := s.EdgesOf(t.Context(), id)
		check(t, "EdgesOf", err)
		return sorted(arrows(es, sameEdge))
	}
	diff(t, "edges of 1412", sorted([]string{
		res1412 + " -CITES-> " + declSantiago, res1412 + " -ADOPTED_BY-> " + ga, res1494 + " -CITES-> " + res1412,
	}), left(res1412))
	diff(t, "edges of the conference", []string(nil), left(confSanSalvador))
	if got := lookup(t, s, res1353).CitedByCount; got != 0 {
		t.Errorf("CitedByCount of %s = %d, want 0 once 1412 stops citing it", res1353, got)
	}
	if got := lookup(t, s, declSantiago).CitedByCount; got != 1 {
		t.Errorf("CitedByCount of %s = %d, want 1", declSantiago, got)
	}
	n, err = s.DeleteStaleEdges(t.Context(), res1412, []string{g.edges[0].Key()})
	check(t, "DeleteStaleEdges", err)
	if n != 0 {
		t.Errorf("deleted %d again, want 0", n)
	}
	n, err = s.DeleteStaleEdges(t.Context(), res1494, nil)
	check(t, "DeleteStaleEdges", err)
	if n != 2 {
		t.Errorf("deleted %d of 1494's with nothing kept, want 2", n)
	}
	if got := lookup(t, s, res1412).CitedByCount; got != 0 {
		t.Errorf("CitedByCount of %s = %d, want 0", res1412, got)
	}
}

// testFoldPlaceholder folds a placeholder into the node it turns out to be
// as the loader does: its relations read with EdgesOf are written again on
// the real node, and the placeholder is deleted.
func testFoldPlaceholder(t *testing.T, s Store) {
	mention := hemigraph.Edge{From: res1494, To: refSantiago, Type: hemigraph.RelCites, Verb: "EMPHASIZING",
		Provenance: hemigraph.Provenance{Source: srcInventory, Evidence: "stresses the Santiago Conference", Document: res1494,
			Clause: &hemigraph.ClauseRef{Index: 3, Kind: "preambular",
				Text: "EMPHASIZING the importance of the Santiago Conference;", Start: 34, End: 52}}}
	graph{nodes: nodes(res1494, refSantiago), edges: []hemigraph.Edge{mention}}.write(t, s)
	graph{nodes: nodes(confSantiago)}.write(t, s)

	ph, err := s.Unresolved(t.Context())
	check(t, "Unresolved", err)
	diff(t, "placeholders", []string{refSantiago}, idsOf(ph))
	es, err := s.EdgesOf(t.Context(), refSantiago)
	check(t, "EdgesOf", err)
	diff(t, "edges of the placeholder", []hemigraph.Edge{mention}, es)
	for i := range es {
		es[i].To = confSantiago
	}
	got, err := s.WriteEdges(t.Context(), es)
	check(t, "WriteEdges", err)
	diff(t, "counts", hemigraph.WriteCounts{Created: 1}, got)
	_, err = s.DeleteNodes(t.Context(), []string{refSantiago})
	check(t, "DeleteNodes", err)

	ph, err = s.Unresolved(t.Context())
	check(t, "Unresolved", err)
	diff(t, "placeholders after", []string(nil), idsOf(ph))
	moved := mention
	moved.To = confSantiago
	es, err = s.EdgesOf(t.Context(), confSantiago)
	check(t, "EdgesOf", err)
	diff(t, "edges of the conference", []hemigraph.Edge{moved}, es)
	if got := lookup(t, s, confSantiago).CitedByCount; got != 1 {
		t.Errorf("CitedByCount of %s = %d, want 1", confSantiago, got)
	}
	if n, r := counts(t, s); n != 2 || r != 1 {
		t.Errorf("%d nodes and %d relations, want 2 and 1", n, r)
	}
}
