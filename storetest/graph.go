package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

var neighbourhoodTests = []test{
	{"Depth", testNeighbourhoodDepth},
	{"Types", testNeighbourhoodTypes},
	{"LimitAndTruncated", testNeighbourhoodLimit},
	{"EdgesAmongChosenNodes", testNeighbourhoodEdges},
	{"EdgeLimit", testNeighbourhoodEdgeLimit},
	{"Nodes", testNeighbourhoodNodes},
	{"Alone", testNeighbourhoodAlone},
	{"Bounds", testNeighbourhoodBounds},
}

// neighbourhoodGraph is centred on the San Salvador conference: at one
// relation the resolution that convened it, its declaration, the
// conference it follows up and the one following it up; at two the
// Santiago declaration and the General Assembly; at three two
// resolutions.
func neighbourhoodGraph() graph {
	return graph{
		nodes: nodes(confSanSalvador, res1412, declSanSalvador, confSantiago, confMiami, declSantiago, ga, res1409, res1494),
		edges: []hemigraph.Edge{
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			edge(confSanSalvador, hemigraph.RelProduced, declSanSalvador, "declaration issued by conference participants"),
			edge(confSanSalvador, hemigraph.RelFollowsUp, confSantiago, "in follow-up to Santiago"),
			edge(confMiami, hemigraph.RelFollowsUp, confSanSalvador, "follow-up to Santiago and San Salvador"),
			edge(confMiami, hemigraph.RelMentions, declSanSalvador, "review of CSBMs under both declarations"),
			edge(res1412, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			cites(declSanSalvador, declSantiago, "REAFFIRM", "reaffirms the Santiago declaration"),
			edge(confSantiago, hemigraph.RelProduced, declSantiago, "declaration under the conference heading"),
			cites(res1412, declSantiago, "RECALLING", "recalls the Santiago declaration"),
			edge(res1409, hemigraph.RelAdoptedBy, ga, "adopted at the eighth plenary session"),
			cites(res1494, declSantiago, "EMPHASIZING", "stresses the Santiago declaration"),
		},
	}
}

// at writes a node of a subgraph as "id@distance".
func at(n query.GraphNode) string { return fmt.Sprintf("%s@%d", n.ID, n.Distance) }

// neighbours checks that sg starts with the centre at distance 0 and goes
// nearest first, and returns its nodes as "id@distance", sorted by
// distance then id (the contract leaves the order of equals open).
func neighbours(t *testing.T, sg query.Subgraph, centre string) []string {
	t.Helper()
	if len(sg.Nodes) == 0 || sg.Nodes[0].ID != centre || sg.Nodes[0].Distance != 0 {
		t.Fatalf("the subgraph does not start with its centre %s: %v", centre, sg.Nodes)
	}
	out := make([]string, len(sg.Nodes))
	for i, n := range sg.Nodes {
		if i > 0 && n.Distance < sg.Nodes[i-1].Distance {
			t.Errorf("%s after %s: not nearest first", at(n), at(sg.Nodes[i-1]))
		}
		out[i] = at(n)
	}
	slices.SortStableFunc(out[1:], func(a, b string) int {
		return cmp.Or(cmp.Compare(a[len(a)-1], b[len(b)-1]), cmp.Compare(a, b))
	})
	return out
}

func subEdges(sg query.Subgraph) []string { return sorted(arrows(sg.Edges, relEdge)) }

func neighbourhood(t *testing.T, s Store, q query.NeighbourhoodQuery) query.Subgraph {
	t.Helper()
	sg, err := s.Neighbourhood(t.Context(), q)
	check(t, "Neighbourhood", err)
	return sg
}

// testNeighbourhoodDepth: Depth bounds the relations between the centre and
// a node, in either direction; each node has its shortest distance.
func testNeighbourhoodDepth(t *testing.T, s Store) {
	neighbourhoodGraph().write(t, s)
	d1 := []string{confSanSalvador + "@0", res1412 + "@1", declSanSalvador + "@1", confMiami + "@1", confSantiago + "@1"}
	d2 := append(slices.Clone(d1), declSantiago+"@2", ga+"@2")
	d3 := append(slices.Clone(d2), res1409+"@3", res1494+"@3")
	tests := []struct {
		depth int
		want  []string
	}{{1, d1}, {2, d2}, {3, d3}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.depth), func(t *testing.T) {
			sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: tt.depth, Limit: 50})
			diff(t, "nodes", sortedAt(tt.want), neighbours(t, sg, confSanSalvador))
			if sg.Truncated {
				t.Error("Truncated with room to spare")
			}
		})
	}
}

// sortedAt sorts "id@distance" strings as neighbours does.
func sortedAt(l []string) []string {
	out := slices.Clone(l)
	slices.SortStableFunc(out[1:], func(a, b string) int {
		return cmp.Or(cmp.Compare(a[len(a)-1], b[len(b)-1]), cmp.Compare(a, b))
	})
	return out
}

// testNeighbourhoodTypes: Types restricts the relations followed and
// drawn.
func testNeighbourhoodTypes(t *testing.T, s Store) {
	neighbourhoodGraph().write(t, s)
	sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 3, Limit: 50,
		Types: []hemigraph.RelType{hemigraph.RelFollowsUp}})
	diff(t, "nodes", sortedAt([]string{confSanSalvador + "@0", confMiami + "@1", confSantiago + "@1"}), neighbours(t, sg, confSanSalvador))
	diff(t, "edges", sorted([]string{confSanSalvador + " -FOLLOWS_UP-> " + confSantiago, confMiami + " -FOLLOWS_UP-> " + confSanSalvador}),
		subEdges(sg))

	sg = neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 1, Limit: 50,
		Types: []hemigraph.RelType{hemigraph.RelFollowsUp}})
	diff(t, "nodes at depth 1", sortedAt([]string{confSanSalvador + "@0", confMiami + "@1", confSantiago + "@1"}), neighbours(t, sg, confSanSalvador))

	sg = neighbourhood(t, s, query.NeighbourhoodQuery{ID: declSantiago, Depth: 2, Limit: 50,
		Types: []hemigraph.RelType{hemigraph.RelCites, hemigraph.RelAdoptedBy}})
	diff(t, "nodes", sortedAt([]string{declSantiago + "@0", res1412 + "@1", declSanSalvador + "@1", res1494 + "@1", ga + "@2"}),
		neighbours(t, sg, declSantiago))
}

// testNeighbourhoodLimit: Limit keeps the nearest nodes besides the centre
// and Truncated says that some were left out.
func testNeighbourhoodLimit(t *testing.T, s Store) {
	neighbourhoodGraph().write(t, s)
	d1 := []string{confSanSalvador + "@0", res1412 + "@1", declSanSalvador + "@1", confMiami + "@1", confSantiago + "@1"}
	tests := []struct {
		name      string
		depth     int
		limit     int
		want      []string
		truncated bool
	}{
		{"cut after the nearest", 2, 4, d1, true},
		{"exactly all", 2, 6, append(slices.Clone(d1), declSantiago+"@2", ga+"@2"), false},
		{"more than all", 1, 5, d1, false},
		{"exactly all at depth 1", 1, 4, d1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: tt.depth, Limit: tt.limit})
			diff(t, "nodes", sortedAt(tt.want), neighbours(t, sg, confSanSalvador))
			if sg.Truncated != tt.truncated {
				t.Errorf("Truncated = %v, want %v", sg.Truncated, tt.truncated)
			}
		})
	}
	t.Run("one", func(t *testing.T) {
		sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 3, Limit: 1})
		if len(sg.Nodes) != 2 || sg.Nodes[1].Distance != 1 || !sg.Truncated {
			t.Errorf("limit 1: %v, truncated %v; want the centre and one node at distance 1, truncated", sg.Nodes, sg.Truncated)
		}
	})
}

// testNeighbourhoodEdges: the edges are every relation among the nodes
// chosen, the centre included, of the types followed, and no other.
func testNeighbourhoodEdges(t *testing.T, s Store) {
	g := neighbourhoodGraph()
	g.write(t, s)
	sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 1, Limit: 50})
	diff(t, "edges", sorted([]string{
		res1412 + " -CONVENES-> " + confSanSalvador,
		confSanSalvador + " -PRODUCED-> " + declSanSalvador,
		confSanSalvador + " -FOLLOWS_UP-> " + confSantiago,
		confMiami + " -FOLLOWS_UP-> " + confSanSalvador,
		confMiami + " -MENTIONS-> " + declSanSalvador, // between two nodes at distance 1
	}), subEdges(sg))
	// Each edge is the relation written, with its key as id.
	byKey := map[string]hemigraph.Edge{}
	for _, e := range g.edges {
		byKey[e.Key()] = e
	}
	for _, r := range sg.Edges {
		diff(t, arrow(r.Edge), byKey[r.ID], r.Edge)
	}
	// With a limit, only the edges among the nodes kept.
	sg = neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 2, Limit: 5})
	kept := map[string]bool{}
	for _, n := range sg.Nodes {
		kept[n.ID] = true
	}
	if len(kept) != 6 || !sg.Truncated {
		t.Errorf("limit 5 kept %d nodes besides the centre, truncated %v; want 5, truncated", len(kept)-1, sg.Truncated)
	}
	for _, r := range sg.Edges {
		if !kept[r.From] || !kept[r.To] {
			t.Errorf("edge %s reaches a node left out by the limit", arrow(r.Edge))
		}
	}
}

// testNeighbourhoodEdgeLimit: at most query.EdgesPerNode × Limit edges;
// more is Truncated.
func testNeighbourhoodEdgeLimit(t *testing.T, s Store) {
	g := graph{nodes: nodes(declSantiago, res1494)}
	verbs := []string{"RECALLING", "EMPHASIZING", "REAFFIRMING", "TAKING NOTE", "BEARING IN MIND"}
	for _, v := range verbs {
		g.edges = append(g.edges, cites(res1494, declSantiago, v, "a clause of 1494 on the Santiago declaration"))
	}
	g.write(t, s)
	sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: declSantiago, Depth: 1, Limit: 1})
	if len(sg.Edges) != query.EdgesPerNode || !sg.Truncated {
		t.Errorf("%d edges, truncated %v; want %d, truncated", len(sg.Edges), sg.Truncated, query.EdgesPerNode)
	}
	sg = neighbourhood(t, s, query.NeighbourhoodQuery{ID: declSantiago, Depth: 1, Limit: 2})
	if len(sg.Edges) != len(verbs) || sg.Truncated {
		t.Errorf("%d edges, truncated %v; want %d, not truncated", len(sg.Edges), sg.Truncated, len(verbs))
	}
}

// testNeighbourhoodNodes: the nodes read back as written, with the number
// of distinct nodes citing them.
func testNeighbourhoodNodes(t *testing.T, s Store) {
	g := neighbourhoodGraph()
	g.write(t, s)
	sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: declSanSalvador, Depth: 1, Limit: 50})
	for _, n := range sg.Nodes {
		want := g.node(n.ID)
		diff(t, n.ID, query.GraphNode{Node: want, Distance: n.Distance, CitedByCount: want.CitedByCount}, n)
	}
	for _, n := range sg.Nodes {
		if n.ID == declSantiago && n.CitedByCount != 3 {
			t.Errorf("CitedByCount of %s = %d, want 3", declSantiago, n.CitedByCount)
		}
	}
}

// testNeighbourhoodAlone: a node without relations is its own
// neighbourhood.
func testNeighbourhoodAlone(t *testing.T, s Store) {
	g := graph{nodes: nodes(citaac, res1412)}
	g.write(t, s)
	sg := neighbourhood(t, s, query.NeighbourhoodQuery{ID: citaac, Depth: 3, Limit: 10})
	diff(t, "subgraph", query.Subgraph{Nodes: []query.GraphNode{{Node: g.node(citaac)}}}, sg)
}

// testNeighbourhoodBounds: a depth or limit out of range, or an unknown
// relation type, is hemigraph.ErrInvalid; an unknown centre is
// hemigraph.ErrNotFound.
func testNeighbourhoodBounds(t *testing.T, s Store) {
	neighbourhoodGraph().write(t, s)
	tests := []struct {
		name string
		q    query.NeighbourhoodQuery
		err  error
	}{
		{"depth 0", query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 0, Limit: 10}, hemigraph.ErrInvalid},
		{"too deep", query.NeighbourhoodQuery{ID: confSanSalvador, Depth: query.MaxNeighbourhoodDepth + 1, Limit: 10}, hemigraph.ErrInvalid},
		{"limit 0", query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 1, Limit: 0}, hemigraph.ErrInvalid},
		{"limit too large", query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 1, Limit: query.MaxNeighbourhoodNodes + 1}, hemigraph.ErrInvalid},
		{"unknown type", query.NeighbourhoodQuery{ID: confSanSalvador, Depth: 1, Limit: 10, Types: []hemigraph.RelType{"SUPERSEDES"}}, hemigraph.ErrInvalid},
		{"unknown centre", query.NeighbourhoodQuery{ID: "ag-res-9999-xxvi-o-96", Depth: 1, Limit: 10}, hemigraph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Neighbourhood(t.Context(), tt.q)
			wantErr(t, "Neighbourhood", err, tt.err)
		})
	}
	t.Run("at the bounds", func(t *testing.T) {
		neighbourhood(t, s, query.NeighbourhoodQuery{ID: confSanSalvador, Depth: query.MaxNeighbourhoodDepth, Limit: query.MaxNeighbourhoodNodes})
	})
}

var pathTests = []test{
	{"ShortestFirst", testPathsShortestFirst},
	{"FirstAndMaxDepth", testPathsFirstAndDepth},
	{"EitherDirection", testPathsDirection},
	{"Types", testPathsTypes},
	{"NoPath", testPathsNone},
	{"Bounds", testPathsBounds},
}

// pathGraph joins resolution 1353 to the San Salvador conference by two
// paths: through resolution 1412, which cites 1353 and convened the
// conference (two relations), and through the declarations of Santiago
// and San Salvador (three).
func pathGraph() graph {
	return graph{
		nodes: nodes(res1353, res1412, confSanSalvador, declSantiago, declSanSalvador, citaac),
		edges: []hemigraph.Edge{
			cites(res1412, res1353, "RECALLING", "recalls resolution 1353"),
			edge(res1412, hemigraph.RelConvenes, confSanSalvador, "convenes the follow-up conference"),
			cites(res1353, declSantiago, "WELCOMING", "welcomes the Santiago declaration"),
			cites(declSanSalvador, declSantiago, "REAFFIRM", "reaffirms the Santiago declaration"),
			edge(confSanSalvador, hemigraph.RelProduced, declSanSalvador, "declaration issued by conference participants"),
		},
	}
}

// path builds the expected path through the nodes ids along edges, each
// relation seen from the node before it.
func (g graph) path(ids []string, edges ...hemigraph.Edge) query.Path {
	p := query.Path{Nodes: make([]hemigraph.Node, len(ids))}
	for i, id := range ids {
		p.Nodes[i] = g.node(id)
	}
	for i, e := range edges {
		p.Relations = append(p.Relations, g.rel(e, e.From == ids[i]))
	}
	return p
}

func paths(t *testing.T, s Store, q query.PathsQuery) []query.Path {
	t.Helper()
	ps, err := s.Paths(t.Context(), q)
	check(t, "Paths", err)
	return ps
}

// testPathsShortestFirst: the paths come shortest first, each with its
// nodes in order and its relations seen from the node before them.
func testPathsShortestFirst(t *testing.T, s Store) {
	g := pathGraph()
	g.write(t, s)
	e := g.edges
	want := []query.Path{
		g.path([]string{res1353, res1412, confSanSalvador}, e[0], e[1]),
		g.path([]string{res1353, declSantiago, declSanSalvador, confSanSalvador}, e[2], e[3], e[4]),
	}
	diff(t, "paths", want, paths(t, s, query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 4, First: 5}))
}

// testPathsFirstAndMaxDepth: First bounds the paths, keeping the
// shortest; MaxDepth bounds their length.
func testPathsFirstAndDepth(t *testing.T, s Store) {
	g := pathGraph()
	g.write(t, s)
	e := g.edges
	short := g.path([]string{res1353, res1412, confSanSalvador}, e[0], e[1])
	long := g.path([]string{res1353, declSantiago, declSanSalvador, confSanSalvador}, e[2], e[3], e[4])
	tests := []struct {
		name  string
		depth int
		first int
		want  []query.Path
	}{
		{"first 1", 4, 1, []query.Path{short}},
		{"depth 2", 2, 5, []query.Path{short}},
		{"depth 3", 3, 5, []query.Path{short, long}},
		{"depth 1", 1, 5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, "paths", tt.want, paths(t, s, query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: tt.depth, First: tt.first}))
		})
	}
}

// testPathsDirection: relations are followed either way; from the other
// end the same path is seen the other way round.
func testPathsDirection(t *testing.T, s Store) {
	g := pathGraph()
	g.write(t, s)
	e := g.edges
	want := []query.Path{
		g.path([]string{confSanSalvador, res1412, res1353}, e[1], e[0]),
		g.path([]string{confSanSalvador, declSanSalvador, declSantiago, res1353}, e[4], e[3], e[2]),
	}
	got := paths(t, s, query.PathsQuery{From: confSanSalvador, To: res1353, MaxDepth: 6, First: 16})
	diff(t, "paths", want, got)
	for _, p := range got {
		for i, r := range p.Relations {
			if r.Outgoing != (r.From == p.Nodes[i].ID) {
				t.Errorf("relation %s seen from %s: Outgoing = %v", arrow(r.Edge), p.Nodes[i].ID, r.Outgoing)
			}
		}
	}
}

// testPathsTypes: Types restricts the relations a path may follow.
func testPathsTypes(t *testing.T, s Store) {
	g := pathGraph()
	g.write(t, s)
	e := g.edges
	got := paths(t, s, query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 6, First: 16,
		Types: []hemigraph.RelType{hemigraph.RelCites, hemigraph.RelProduced}})
	diff(t, "paths", []query.Path{g.path([]string{res1353, declSantiago, declSanSalvador, confSanSalvador}, e[2], e[3], e[4])}, got)
	got = paths(t, s, query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 6, First: 16,
		Types: []hemigraph.RelType{hemigraph.RelCites}})
	diff(t, "paths over CITES", []query.Path(nil), got)
}

// testPathsNone: two nodes with no path between them have no paths, and
// that is no error.
func testPathsNone(t *testing.T, s Store) {
	pathGraph().write(t, s)
	diff(t, "paths", []query.Path(nil), paths(t, s, query.PathsQuery{From: res1353, To: citaac, MaxDepth: 6, First: 16}))
}

// testPathsBounds: a depth or number of paths out of range, a path from a
// node to itself or an unknown type are hemigraph.ErrInvalid; an unknown
// end is hemigraph.ErrNotFound.
func testPathsBounds(t *testing.T, s Store) {
	pathGraph().write(t, s)
	missing := "ag-res-9999-xxvi-o-96"
	tests := []struct {
		name string
		q    query.PathsQuery
		err  error
	}{
		{"depth 0", query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 0, First: 1}, hemigraph.ErrInvalid},
		{"too deep", query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: query.MaxPathDepth + 1, First: 1}, hemigraph.ErrInvalid},
		{"first 0", query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 2, First: 0}, hemigraph.ErrInvalid},
		{"too many", query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 2, First: query.MaxPaths + 1}, hemigraph.ErrInvalid},
		{"to itself", query.PathsQuery{From: res1353, To: res1353, MaxDepth: 2, First: 1}, hemigraph.ErrInvalid},
		{"unknown type", query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: 2, First: 1, Types: []hemigraph.RelType{"SUPERSEDES"}}, hemigraph.ErrInvalid},
		{"unknown start", query.PathsQuery{From: missing, To: confSanSalvador, MaxDepth: 2, First: 1}, hemigraph.ErrNotFound},
		{"unknown end", query.PathsQuery{From: res1353, To: missing, MaxDepth: 2, First: 1}, hemigraph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Paths(t.Context(), tt.q)
			wantErr(t, "Paths", err, tt.err)
		})
	}
	t.Run("at the bounds", func(t *testing.T) {
		paths(t, s, query.PathsQuery{From: res1353, To: confSanSalvador, MaxDepth: query.MaxPathDepth, First: query.MaxPaths})
	})
}
