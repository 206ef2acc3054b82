package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/google/go-cmp/cmp"

	synthetic "github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/server"
	"github.com/hemigraph/hemigraph/server/explorer"
)

// The ids the browser tests use are server_test.go's: sanSalvador,
// res1412, santiagoDecl.

// loadDocuments loads the corpus's documents on top of the corpus, as make
// run does: AG/RES. 1412 (XXVI-O/96) then has the relations read from its
// clauses.
func loadDocuments(t *testing.T, f *fixture) {
	t.Helper()
	b, errs, err := loader.ReadPaths([]string{"../data/corpus/documents"})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	l := &loader.Loader{W: f.store, G: f.store}
	if _, errs, err := l.Load(context.Background(), b, nil); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
}

// timings collects the figures the browser tests measure (not assert).
type timings struct {
	mu      sync.Mutex
	Entries []timing `json:"entries"`
}

type timing struct {
	Store  string  `json:"store"`
	What   string  `json:"what"`
	Nodes  int     `json:"nodes"`
	Edges  int     `json:"edges"`
	Millis float64 `json:"ms"`
}

func (tm *timings) add(t *testing.T, what string, nodes, edges int, ms float64) {
	store := "memory"
	if strings.Contains(t.Name(), "/neo4j") {
		store = "neo4j"
	}
	tm.mu.Lock()
	tm.Entries = append(tm.Entries, timing{store, what, nodes, edges, ms})
	tm.mu.Unlock()
	t.Logf("timing (%s): %s: %.0f ms (%d nodes, %d edges)", store, what, ms, nodes, edges)
}

func (tm *timings) write(t *testing.T, name string) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if len(tm.Entries) == 0 {
		return
	}
	b, _ := json.MarshalIndent(tm, "", "  ")
	writeArtifact(t, name, append(b, '\n'))
}

// drawnFigures returns how long the page took, from the start of its
// navigation, to its first drawing, and what it drew.
func drawnFigures(tb *tab) (ms float64, nodes, edges int) {
	tb.t.Helper()
	v := eval[struct {
		Ms    float64 `json:"ms"`
		Nodes int     `json:"nodes"`
		Edges int     `json:"edges"`
	}](tb, `({ ms: window.hemigraph.firstDrawn, nodes: window.hemigraph.cy.nodes(':visible').length, edges: window.hemigraph.cy.edges(':visible').length })`)
	return v.Ms, v.Nodes, v.Edges
}

// TestExplorerInBrowser drives the explorer in a headless Chromium through
// its views, over the in-memory store and over Neo4j when it is enabled,
// each holding the bundled corpus and its documents, as make run loads
// them. Screenshots of each view and the timings go to the artifacts
// folder (.cache/explorer-test, or HEMIGRAPH_ARTIFACTS); with -update the
// screenshots of the in-memory run also replace docs/explorer-*.png.
func TestExplorerInBrowser(t *testing.T) {
	browserCtx := startBrowser(t)
	tm := &timings{}
	defer tm.write(t, "timings.json")
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		loadDocuments(t, f)
		s := newSite(t, f.h)
		shots := strings.HasSuffix(t.Name(), "/memory")
		shot := func(tb *tab, name string) {
			if shots {
				tb.screenshot(name)
			}
		}

		t.Run("lineage draws what the API answers", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?conference=" + sanSalvador)
			var want struct {
				InstrumentsLeadingTo struct {
					Target    struct{ ID string }
					Truncated bool
					Entries   []struct {
						Distance int
						Node     struct{ ID string }
						Path     []struct{ ID string }
					}
				}
			}
			f.data(t, `query($c: ID!) { instrumentsLeadingTo(conference: $c) { truncated target { id }
				entries { distance node { id } path { id } } } }`, map[string]any{"c": sanSalvador}, &want)
			l := want.InstrumentsLeadingTo
			wantIDs := []string{l.Target.ID}
			wantDistance := map[string]int{l.Target.ID: 0}
			var chainEdges []string
			for _, e := range l.Entries {
				wantIDs = append(wantIDs, e.Node.ID)
				wantDistance[e.Node.ID] = e.Distance
				for _, r := range e.Path {
					chainEdges = append(chainEdges, r.ID)
				}
			}
			slices.Sort(wantIDs)
			if l.Truncated || len(l.Entries) < 10 {
				t.Fatalf("the corpus's lineage: truncated %v, %d entries; want the whole lineage of at least 10", l.Truncated, len(l.Entries))
			}
			if diff := cmp.Diff(wantIDs, tb.ids("nodes")); diff != "" {
				t.Errorf("nodes drawn (-want +got):\n%s", diff)
			}
			if wantDistance[res1412] != 1 {
				t.Errorf("the API has %s at distance %d, want 1", res1412, wantDistance[res1412])
			}
			gotDistance := eval[map[string]int](tb, `Object.fromEntries(window.hemigraph.cy.nodes().map(n => [n.id(), n.data('distance')]))`)
			if diff := cmp.Diff(wantDistance, gotDistance); diff != "" {
				t.Errorf("distances drawn (-want +got):\n%s", diff)
			}
			// Layers: the conference on the right, each distance in its own
			// column, nearer to the right.
			xs := eval[map[string]float64](tb, `Object.fromEntries(window.hemigraph.cy.nodes().map(n => [n.id(), n.position('x')]))`)
			for id, d := range wantDistance {
				for id2, d2 := range wantDistance {
					if d < d2 && xs[id] <= xs[id2] {
						t.Errorf("%s (distance %d) is drawn left of %s (distance %d)", id, d, id2, d2)
					}
				}
			}
			edges := tb.ids("edges")
			for _, id := range chainEdges {
				if _, ok := slices.BinarySearch(edges, id); !ok {
					t.Errorf("the chain relation %s is not drawn", id)
				}
			}
			ms, n, e := drawnFigures(tb)
			tm.add(t, "first drawn lineage view of "+sanSalvador, n, e, ms)
			if status := eval[string](tb, `document.querySelector('#status').textContent`); !strings.Contains(status, fmt.Sprintf("%d nodes lead to", len(l.Entries))) {
				t.Errorf("status %q does not say how many nodes lead to the conference", status)
			}
			t.Run("clicking the CONVENES edge shows its clause", func(t *testing.T) {
				tb.t = t
				id := eval[string](tb, fmt.Sprintf(`window.hemigraph.cy.edges('[type = "CONVENES"][source = %q][target = %q]').filter(e => e.data('clauseText')).map(e => e.id())[0] || ''`, res1412, sanSalvador))
				if id == "" {
					t.Fatalf("no CONVENES relation with a clause from %s to %s is drawn", res1412, sanSalvador)
				}
				tb.clickElement(id)
				tb.wait("the edge's clause in the panel", `(document.querySelector('#panel blockquote.clause') || {}).textContent?.startsWith('To convene')`)
				panel := eval[string](tb, `document.querySelector('#panel').innerText`)
				for _, want := range []string{"CONVENES", "operative 1", "Document", res1412, "Source"} {
					if !strings.Contains(panel, want) {
						t.Errorf("the panel lacks %q:\n%s", want, panel)
					}
				}
				if mark := eval[string](tb, `(document.querySelector('#panel blockquote.clause mark') || {}).textContent || ''`); mark == "" {
					t.Error("the clause does not mark the reference")
				}
				if loc := eval[string](tb, `location.search`); !strings.Contains(loc, "sel="+url.QueryEscape(id)) {
					t.Errorf("the URL %q does not keep the selected relation", loc)
				}
				shot(tb, "explorer-lineage.png")
				source := eval[string](tb, fmt.Sprintf(`window.hemigraph.cy.getElementById(%q).data('sourceURL') || ''`, id))
				if source == "" || !strings.Contains(panel, source) {
					t.Errorf("the panel does not show the source %q", source)
				}
				// The same step stated by another page has its source as a link.
				other := eval[string](tb, fmt.Sprintf(`window.hemigraph.cy.edges('[type = "CONVENES"][source = %q][target = %q]').filter(e => /^https?:/.test(e.data('sourceURL') || '')).map(e => e.id())[0] || ''`, res1412, sanSalvador))
				if other == "" {
					t.Fatalf("the CONVENES relation of the corpus, with its URL, is not drawn")
				}
				tb.clickElement(other)
				tb.wait("the other relation's source link", `document.querySelectorAll('#panel a[href^="http"]').length > 0`)
			})

			t.Run("clicking a node shows its details", func(t *testing.T) {
				tb.t = t
				tb.clickElement(res1412)
				tb.wait("the node's details", `document.querySelector('#panel .details') && !document.querySelector('#panel .details').hasAttribute('aria-busy')`)
				panel := eval[string](tb, `document.querySelector('#panel').innerText`)
				for _, want := range []string{"AG/RES. 1412 (XXVI-O/96)", "Resolution", "1996", "Cited by", "Unresolved", "Relations", "Open this node as a query in GraphiQL"} {
					if !strings.Contains(panel, want) {
						t.Errorf("the panel lacks %q:\n%s", want, panel)
					}
				}
			})
		})

		t.Run("expanding a node adds its neighbours once", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?node=" + res1412)
			before := tb.ids("nodes")
			beforeEdges := tb.ids("edges")
			// Expand the neighbour with the most neighbours of its own that
			// are not drawn yet.
			type graph struct {
				Neighbourhood struct {
					Nodes []struct{ ID string }
					Edges []struct{ ID string }
				}
			}
			neighbours := func(id string) graph {
				var g graph
				f.data(t, `query($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 100) { nodes { id } edges { id } } }`, map[string]any{"id": id}, &g)
				return g
			}
			best, bestNew := "", 0
			var bestGraph graph
			for _, id := range before {
				if id == res1412 {
					continue
				}
				g := neighbours(id)
				fresh := 0
				for _, n := range g.Neighbourhood.Nodes {
					if _, ok := slices.BinarySearch(before, n.ID); !ok {
						fresh++
					}
				}
				if fresh > bestNew || fresh == bestNew && best > id {
					best, bestNew, bestGraph = id, fresh, g
				}
			}
			if bestNew == 0 {
				t.Fatal("no neighbour of the centre has neighbours of its own to add")
			}
			draws := tb.draws()
			tb.clickElement(best)
			tb.settled(draws)
			tb.wait("the expansion's end", fmt.Sprintf(`window.hemigraph.draws > %d && document.querySelector('#cy').dataset.state === 'drawn'`, draws))
			wantNodes := slices.Clone(before)
			for _, n := range bestGraph.Neighbourhood.Nodes {
				wantNodes = append(wantNodes, n.ID)
			}
			slices.Sort(wantNodes)
			wantNodes = slices.Compact(wantNodes)
			wantEdges := slices.Clone(beforeEdges)
			for _, e := range bestGraph.Neighbourhood.Edges {
				wantEdges = append(wantEdges, e.ID)
			}
			slices.Sort(wantEdges)
			wantEdges = slices.Compact(wantEdges)
			gotNodes, gotEdges := tb.ids("nodes"), tb.ids("edges")
			if diff := cmp.Diff(wantNodes, gotNodes); diff != "" {
				t.Errorf("nodes after expanding %s (-want +got):\n%s", best, diff)
			}
			if diff := cmp.Diff(wantEdges, gotEdges); diff != "" {
				t.Errorf("edges after expanding %s (-want +got):\n%s", best, diff)
			}
			if len(slices.Compact(slices.Clone(gotNodes))) != len(gotNodes) {
				t.Error("a node is drawn twice")
			}
			// Each relation once: no two edges of the same type, verb and
			// source between the same nodes, whatever their ids.
			dupes := eval[int](tb, `(() => {
				const seen = new Set(); let d = 0;
				window.hemigraph.cy.edges().forEach(e => {
					const k = [e.data('source'), e.data('target'), e.data('type'), e.data('verb'), e.data('sourceURL'), e.data('clauseIndex'), e.data('evidence')].join('|');
					if (seen.has(k)) d++; else seen.add(k);
				});
				return d; })()`)
			if dupes > 0 {
				t.Errorf("%d relations are drawn twice", dupes)
			}
			if loc := eval[string](tb, `location.search`); !strings.Contains(loc, "expand="+best) {
				t.Errorf("the URL %q does not keep the expansion of %s", loc, best)
			}
			// Expanding it again adds nothing.
			draws = tb.draws()
			tb.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`void window.hemigraph.cy.getElementById(%q).emit('tap')`, best)))
			tb.wait("the second expansion's end", fmt.Sprintf(`window.hemigraph.draws > %d && document.querySelector('#cy').dataset.state === 'drawn'`, draws))
			if diff := cmp.Diff(gotNodes, tb.ids("nodes")); diff != "" {
				t.Errorf("expanding %s again changed the nodes (-before +after):\n%s", best, diff)
			}
			shot(tb, "explorer-neighbourhood.png")

			t.Run("a shared URL reopens the same view", func(t *testing.T) {
				tb.t = t
				// Narrow and select, then share.
				tb.do(chromedp.Evaluate[chromedp.Void](`(() => {
					const b = document.querySelector('#kind-checks input[value="BODY"]');
					b.checked = false; b.dispatchEvent(new Event('change', { bubbles: true }));
				})()`))
				tb.clickElement(res1412)
				tb.wait("the selection in the URL", `location.search.includes('sel=')`)
				shared := eval[string](tb, `location.href`)
				want := struct {
					Nodes, Edges, Visible []string
					Selected              string
				}{tb.ids("nodes"), tb.ids("edges"), visibleIDs(tb), eval[string](tb, `window.hemigraph.cy.$(':selected').id()`)}
				other := newTab(t, browserCtx, s)
				other.do(chromedp.Navigate(shared))
				other.settled(0)
				other.wait("the selection", `window.hemigraph.cy.$(':selected').length === 1`)
				got := struct {
					Nodes, Edges, Visible []string
					Selected              string
				}{other.ids("nodes"), other.ids("edges"), visibleIDs(other), eval[string](other, `window.hemigraph.cy.$(':selected').id()`)}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("the view reopened from %s (-shared +reopened):\n%s", shared, diff)
				}
				if n := eval[int](other, `document.querySelectorAll('#kind-checks input:not(:checked)').length`); n != 1 {
					t.Errorf("the reopened view has %d kinds unticked, want 1", n)
				}
			})
		})

		t.Run("paths", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?from=" + santiagoDecl + "&to=" + sanSalvador)
			var want struct {
				Paths []struct {
					Nodes     []struct{ ID string }
					Relations []struct{ ID string }
				}
			}
			f.data(t, `query($a: ID!, $b: ID!) { paths(from: $a, to: $b) { nodes { id } relations { id } } }`, map[string]any{"a": santiagoDecl, "b": sanSalvador}, &want)
			if len(want.Paths) == 0 {
				t.Fatalf("no path from %s to %s in the corpus", santiagoDecl, sanSalvador)
			}
			var nodes, edges []string
			for _, p := range want.Paths {
				for _, n := range p.Nodes {
					nodes = append(nodes, n.ID)
				}
				for _, r := range p.Relations {
					edges = append(edges, r.ID)
				}
			}
			slices.Sort(nodes)
			slices.Sort(edges)
			if diff := cmp.Diff(slices.Compact(nodes), tb.ids("nodes")); diff != "" {
				t.Errorf("nodes of the paths (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(slices.Compact(edges), tb.ids("edges")); diff != "" {
				t.Errorf("relations of the paths (-want +got):\n%s", diff)
			}
			xs := eval[map[string]float64](tb, `Object.fromEntries(window.hemigraph.cy.nodes().map(n => [n.id(), n.position('x')]))`)
			if xs[santiagoDecl] >= xs[sanSalvador] {
				t.Errorf("the path's start is drawn right of its end")
			}
			shot(tb, "explorer-paths.png")
		})

		t.Run("timeline", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?conference=" + sanSalvador + "&layout=timeline")
			// Later dates are drawn further right.
			type dated struct {
				ID   string  `json:"id"`
				Year float64 `json:"year"`
				X    float64 `json:"x"`
			}
			nodes := eval[[]dated](tb, `window.hemigraph.cy.nodes().filter(n => n.data('year') != null).map(n => ({ id: n.id(), year: n.data('year'), x: n.position('x') }))`)
			if len(nodes) < 5 {
				t.Fatalf("%d dated nodes on the timeline", len(nodes))
			}
			for _, a := range nodes {
				for _, b := range nodes {
					if a.Year < b.Year && a.X >= b.X {
						t.Errorf("%s (%v) is drawn right of %s (%v)", a.ID, a.Year, b.ID, b.Year)
					}
				}
			}
			if n := eval[int](tb, `document.querySelectorAll('#axis text').length`); n < 2 {
				t.Errorf("the year axis has %d labels", n)
			}
			shot(tb, "explorer-timeline.png")
			// The year range narrows the view.
			all := len(eval[[]string](tb, `window.hemigraph.cy.nodes(':visible').map(n => n.id())`))
			draws := tb.draws()
			tb.do(
				chromedp.SetValue(chromedp.ID("years-from"), "1995"),
				chromedp.SetValue(chromedp.ID("years-to"), "1996"),
				chromedp.Evaluate[chromedp.Void](`document.querySelector('#years-to').dispatchEvent(new Event('change'))`),
			)
			tb.settled(draws)
			years := eval[[]float64](tb, `window.hemigraph.cy.nodes(':visible').filter(n => !n.data('anchor')).map(n => n.data('year'))`)
			if len(years) == 0 || len(years)+1 >= all {
				t.Errorf("the years 1995-1996 leave %d of %d nodes", len(years)+1, all)
			}
			for _, y := range years {
				if y < 1995 || y > 1996 {
					t.Errorf("a node of %v shows within 1995-1996", y)
				}
			}
			if loc := eval[string](tb, `location.search`); !strings.Contains(loc, "years=1995-1996") {
				t.Errorf("the URL %q does not keep the years", loc)
			}
		})

		t.Run("exports parse", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?conference=" + sanSalvador)
			nodes, edges := len(tb.ids("nodes")), len(tb.ids("edges"))
			for _, format := range []string{"png", "svg", "graphml", "gexf", "nodes.csv", "edges.csv"} {
				t.Run(format, func(t *testing.T) {
					name, data := tb.download(fmt.Sprintf(`[data-export=%q]`, format))
					if !strings.HasSuffix(name, "."+format) || !strings.HasPrefix(name, "hemigraph-lineage-") {
						t.Errorf("file name %q", name)
					}
					switch format {
					case "png":
						img, err := png.Decode(bytes.NewReader(data))
						if err != nil {
							t.Fatal(err)
						}
						if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 200 {
							t.Errorf("PNG of %v", b)
						}
					case "svg":
						var doc struct {
							XMLName xml.Name
							Groups  []struct {
								Class string `xml:"class,attr"`
								G     []struct {
									Class string `xml:"class,attr"`
								} `xml:"g"`
							} `xml:"g"`
						}
						if err := xml.Unmarshal(data, &doc); err != nil {
							t.Fatal(err)
						}
						got := map[string]int{}
						for _, g := range doc.Groups {
							got[g.Class] += len(g.G)
						}
						if doc.XMLName.Local != "svg" || got["nodes"] != nodes || got["edges"] != edges {
							t.Errorf("SVG <%s> with %v, want %d nodes and %d edges", doc.XMLName.Local, got, nodes, edges)
						}
					case "graphml":
						var doc struct {
							XMLName xml.Name
							Keys    []struct {
								ID string `xml:"id,attr"`
							} `xml:"key"`
							Graph struct {
								EdgeDefault string `xml:"edgedefault,attr"`
								Nodes       []struct {
									ID   string `xml:"id,attr"`
									Data []struct {
										Key   string `xml:"key,attr"`
										Value string `xml:",chardata"`
									} `xml:"data"`
								} `xml:"node"`
								Edges []struct {
									Source string `xml:"source,attr"`
									Target string `xml:"target,attr"`
								} `xml:"edge"`
							} `xml:"graph"`
						}
						if err := xml.Unmarshal(data, &doc); err != nil {
							t.Fatal(err)
						}
						if doc.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" || doc.Graph.EdgeDefault != "directed" {
							t.Errorf("GraphML root %v, edgedefault %q", doc.XMLName, doc.Graph.EdgeDefault)
						}
						if len(doc.Graph.Nodes) != nodes || len(doc.Graph.Edges) != edges {
							t.Errorf("GraphML with %d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), nodes, edges)
						}
						ids := map[string]bool{}
						for _, n := range doc.Graph.Nodes {
							ids[n.ID] = true
						}
						for _, e := range doc.Graph.Edges {
							if !ids[e.Source] || !ids[e.Target] {
								t.Errorf("GraphML edge %s -> %s has an end that is not a node", e.Source, e.Target)
							}
						}
						keys := map[string]bool{}
						for _, k := range doc.Keys {
							keys[k.ID] = true
						}
						for _, n := range doc.Graph.Nodes {
							for _, d := range n.Data {
								if !keys[d.Key] {
									t.Errorf("GraphML data of undeclared key %q", d.Key)
								}
							}
						}
					case "gexf":
						var doc struct {
							XMLName xml.Name
							Graph   struct {
								Nodes []struct {
									ID string `xml:"id,attr"`
								} `xml:"nodes>node"`
								Edges []struct {
									Source string `xml:"source,attr"`
								} `xml:"edges>edge"`
							} `xml:"graph"`
						}
						if err := xml.Unmarshal(data, &doc); err != nil {
							t.Fatal(err)
						}
						if doc.XMLName.Space != "http://gexf.net/1.3" || len(doc.Graph.Nodes) != nodes || len(doc.Graph.Edges) != edges {
							t.Errorf("GEXF %v with %d nodes and %d edges, want %d and %d", doc.XMLName, len(doc.Graph.Nodes), len(doc.Graph.Edges), nodes, edges)
						}
					case "nodes.csv", "edges.csv":
						rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
						if err != nil {
							t.Fatal(err)
						}
						want, first := nodes, "id,kind,label,title,symbol,date,year,place,citedByCount,unresolved,distance"
						if format == "edges.csv" {
							want, first = edges, "id,from,to,type,verb,document,clauseIndex,clauseKind,clauseNumber,clauseText,evidence,source"
						}
						if len(rows) != want+1 || strings.Join(rows[0], ",") != first {
							t.Errorf("%s: %d rows after the header %q, want %d after %q", format, len(rows)-1, strings.Join(rows[0], ","), want, first)
						}
						if format == "edges.csv" && !strings.Contains(string(data), "To convene") {
							t.Error("edges.csv lacks the clause texts")
						}
					}
				})
			}
		})

		t.Run("table", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?conference=" + sanSalvador + "&table=1")
			nodes, edges := len(tb.ids("nodes")), len(tb.ids("edges"))
			rows := eval[[]int](tb, `[document.querySelectorAll('#nodes-table tbody tr').length, document.querySelectorAll('#edges-table tbody tr').length]`)
			if rows[0] != nodes || rows[1] != edges {
				t.Errorf("the tables have %v rows, want %d nodes and %d relations", rows, nodes, edges)
			}
			// Sort by "Cited by", descending: the header says so.
			tb.do(chromedp.Click(chromedp.CSS(`#nodes-table th[data-key="citedByCount"] button`)),
				chromedp.Click(chromedp.CSS(`#nodes-table th[data-key="citedByCount"] button`)))
			if s := eval[string](tb, `document.querySelector('#nodes-table th[data-key="citedByCount"]').getAttribute('aria-sort')`); s != "descending" {
				t.Errorf("aria-sort %q after two clicks, want descending", s)
			}
			counts := eval[[]int](tb, `[...document.querySelectorAll('#nodes-table tbody tr')].map(r => +r.cells[5].textContent)`)
			if !slices.IsSortedFunc(counts, func(a, b int) int { return b - a }) {
				t.Errorf("cited-by counts not descending: %v", counts)
			}
			// Keyboard: Tab reaches the current row, arrows move, Enter opens.
			tb.do(chromedp.Focus(chromedp.CSS(`#nodes-table tbody tr[tabindex="0"]`)),
				chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
			third := eval[string](tb, `document.querySelectorAll('#nodes-table tbody tr')[2].dataset.id`)
			if focused := eval[string](tb, `document.activeElement.dataset.id || ''`); focused != third {
				t.Errorf("focus on %q after two arrows down, want the third row %q", focused, third)
			}
			tb.wait("the row's details", fmt.Sprintf(`(document.querySelector('#panel .mono') || {}).textContent === %q`, third))
			if sel := eval[string](tb, `window.hemigraph.cy.$(':selected').id()`); sel != third {
				t.Errorf("selected %q in the graph, want %q", sel, third)
			}
			tb.do(chromedp.KeyEvent(kb.End))
			if last := eval[bool](tb, `document.activeElement === [...document.querySelectorAll('#nodes-table tbody tr')].at(-1)`); !last {
				t.Error("End does not reach the last row")
			}
			shot(tb, "explorer-table.png")
		})

		t.Run("an unknown id says so", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.do(chromedp.Navigate(s.URL + "/explore?conference=no-such-conference"))
			tb.wait("the error", `document.querySelector('#cy').dataset.state === 'error'`)
			if alert := eval[string](tb, `document.querySelector('#alert').textContent`); !strings.Contains(alert, "NOT_FOUND") {
				t.Errorf("the alert %q does not say the node is not found", alert)
			}
		})

		t.Run("back and forward go between views", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?conference=" + sanSalvador + "&sel=" + res1412)
			tb.wait("the node's details", `document.querySelector('#panel .buttons')`)
			draws := tb.draws()
			tb.do(chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#panel .buttons button')].find(b => b.textContent === 'Neighbourhood').click()`))
			tb.settled(draws)
			if loc := eval[string](tb, `location.search`); loc != "?node="+res1412 {
				t.Fatalf("the panel's Neighbourhood opened %q", loc)
			}
			draws = tb.draws()
			tb.do(chromedp.NavigateBack())
			tb.settled(draws)
			if v := eval[string](tb, `window.hemigraph.state.view`); v != "lineage" {
				t.Errorf("back shows the %s view, want the lineage", v)
			}
			draws = tb.draws()
			tb.do(chromedp.NavigateForward())
			tb.settled(draws)
			if v := eval[string](tb, `window.hemigraph.state.view`); v != "neighbourhood" {
				t.Errorf("forward shows the %s view, want the neighbourhood", v)
			}
		})

		t.Run("basic accessibility", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore?node=" + res1412 + "&sel=" + res1412)
			tb.wait("the node's details", `document.querySelector('#panel .details') && !document.querySelector('#panel .details').hasAttribute('aria-busy')`)
			unlabelled := eval[[]string](tb, `[...document.querySelectorAll('input, select, textarea')]
				.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
				.map(e => e.outerHTML.slice(0, 80))`)
			if len(unlabelled) > 0 {
				t.Errorf("fields without a label: %q", unlabelled)
			}
			unnamed := eval[[]string](tb, `[...document.querySelectorAll('button, a[href]')]
				.filter(e => !e.textContent.trim() && !e.getAttribute('aria-label') && !e.getAttribute('title'))
				.map(e => e.outerHTML.slice(0, 80))`)
			if len(unnamed) > 0 {
				t.Errorf("buttons and links without a name: %q", unnamed)
			}
			// Contrast of every text shown, with the background it is on
			// (WCAG AA: 4.5:1, 3:1 for large text).
			low := eval[[]string](tb, `(() => {
				const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
				const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
				const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3); } return [255, 255, 255]; };
				const out = [];
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					const el = n.parentElement;
					if (!n.textContent.trim() || !el || !el.checkVisibility() || el.closest('svg, noscript, .visually-hidden, .skip')) continue;
					const st = getComputedStyle(el);
					const a = lum(rgb(st.color)), b = lum(background(el));
					const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
					const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
					const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
					if (ratio < need) out.push(n.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2));
				}
				return out;
			})()`)
			if len(low) > 0 {
				t.Errorf("text below the contrast AA asks for: %q", low)
			}
			// Focus order: the skip link, the start page, the search, the
			// view's tab (one stop for the tab list), GraphiQL, then the
			// settings of the view.
			var order []string
			tb.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
			for range 6 {
				tb.do(chromedp.KeyEvent(kb.Tab))
				order = append(order, eval[string](tb, `(e => e.id || e.className || e.tagName)(document.activeElement)`))
			}
			want := []string{"skip", "brand", "search", "tab-neighbourhood", "graphiql-link", "nb-node"}
			if diff := cmp.Diff(want, order); diff != "" {
				t.Errorf("focus order (-want +got):\n%s", diff)
			}
		})

		t.Run("search opens a view", func(t *testing.T) {
			tb := newTab(t, browserCtx, s)
			tb.open("/explore")
			if eval[bool](tb, `document.querySelector('#welcome').hidden`) {
				t.Error("the explorer without a view does not welcome")
			}
			tb.do(chromedp.SendKeys(chromedp.ID("search"), "ag/res 1412 (xxvi-0/96)"))
			tb.wait("the search results", `document.querySelectorAll('#search-results [role=option][data-id]').length > 0`)
			if first := eval[string](tb, `document.querySelector('#search-results [role=option]').dataset.id`); first != res1412 {
				t.Errorf("first result %q, want %s", first, res1412)
			}
			draws := tb.draws()
			tb.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
			tb.settled(draws)
			if loc := eval[string](tb, `location.search`); loc != "?node="+res1412 {
				t.Errorf("the search opened %q, want the neighbourhood of %s", loc, res1412)
			}
			// A conference opens its lineage.
			tb.do(chromedp.Evaluate[chromedp.Void](`void (document.querySelector('#search').value = '')`), chromedp.SendKeys(chromedp.ID("search"), "San Salvador Regional Conference"))
			tb.wait("the search results", fmt.Sprintf(`[...document.querySelectorAll('#search-results [role=option]')].some(o => o.dataset.id === %q)`, sanSalvador))
			draws = tb.draws()
			tb.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#search-results [data-id=%q]').click()`, sanSalvador)))
			tb.settled(draws)
			if loc := eval[string](tb, `location.search`); loc != "?conference="+sanSalvador {
				t.Errorf("choosing the conference opened %q, want its lineage", loc)
			}
		})

		t.Run("GraphiQL opens the README's examples and links to the explorer", func(t *testing.T) {
			gs := newSite(t, f.h) // GraphiQL sends query texts: a site of its own
			tb := newTab(t, browserCtx, gs)
			tb.do(chromedp.Navigate(gs.URL + "/"))
			tb.wait("GraphiQL's tabs", `document.querySelectorAll('.graphiql-tab').length >= 3`)
			tabs := eval[[]string](tb, `[...document.querySelectorAll('.graphiql-tab .graphiql-tab-button')].map(t => t.textContent.trim())`)
			if diff := cmp.Diff([]string{"LeadingToSanSalvador", "InstrumentBySymbol", "ConfidenceConferences"}, tabs); diff != "" {
				t.Errorf("GraphiQL's tabs (-want +got):\n%s", diff)
			}
			if href := eval[string](tb, `(document.querySelector('.graphiql-logo a') || {}).getAttribute?.('href') || ''`); href != explorer.Path {
				t.Errorf("GraphiQL links to %q, want %s", href, explorer.Path)
			}
			// The explorer's link to a node's data opens it in a tab.
			ex := newTab(t, browserCtx, gs)
			ex.open("/explore?node=" + res1412 + "&sel=" + res1412)
			ex.wait("the GraphiQL link", `document.querySelector('#panel a.graphiql')`)
			link := eval[string](ex, `document.querySelector('#panel a.graphiql').href`)
			tb.do(chromedp.Navigate(link))
			tb.wait("the linked query", `[...document.querySelectorAll('.graphiql-tab')].some(t => t.textContent.includes('NodeDetails'))`)
			tb.do(chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)))
			tb.wait("the answer", `(document.querySelector('.graphiql-response') || {}).textContent?.includes('AG/RES. 1412 (XXVI-O/96)')`)
		})

		t.Run("persisted queries only", func(t *testing.T) {
			reqs := s.graphqlRequests()
			if len(reqs) == 0 {
				t.Fatal("the explorer made no GraphQL request")
			}
			known := map[string]string{}
			for _, q := range explorer.Queries() {
				known[q.Hash] = q.Name
			}
			ops := map[string]int{}
			for _, r := range reqs {
				ops[r.Operation]++
				if r.HasText || r.Method != "GET" || known[r.Hash] != r.Operation {
					t.Errorf("request %+v: want a GET of a registered hash, without the query's text", r)
				}
			}
			t.Logf("GraphQL requests by operation: %v", ops)
		})
	})
}

// visibleIDs returns the ids of the nodes the filters leave, sorted.
func visibleIDs(tb *tab) []string {
	ids := eval[[]string](tb, `window.hemigraph.cy.nodes().not('.hidden').map(n => n.id())`)
	slices.Sort(ids)
	return ids
}

// TestExplorerLargeNeighbourhood measures how long the explorer takes to
// draw a neighbourhood of 500 nodes (the API's limit), on a synthetic
// corpus in memory. The figure is logged and kept in the artifacts, not
// asserted.
func TestExplorerLargeNeighbourhood(t *testing.T) {
	browserCtx := startBrowser(t)
	m := memstore.New()
	c := synthetic.Generate(synthetic.Config{Instruments: 3000, Seed: 1})
	ctx := context.Background()
	if _, err := m.WriteNodes(ctx, c.Nodes); err != nil {
		t.Fatal(err)
	}
	if _, err := m.WriteEdges(ctx, c.Edges); err != nil {
		t.Fatal(err)
	}
	f := assemble(t, m, &statementLog{}, server.Config{})
	// The first instrument whose neighbourhood at depth 2 fills the limit.
	centre := ""
	for _, id := range c.Instruments {
		var g struct{ Neighbourhood struct{ Truncated bool } }
		f.data(t, `query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 500) { truncated } }`, map[string]any{"id": id}, &g)
		if g.Neighbourhood.Truncated {
			centre = id
			break
		}
	}
	if centre == "" {
		t.Fatal("no instrument of the synthetic corpus has 500 nodes within 2 relations")
	}
	s := newSite(t, f.h)
	tm := &timings{}
	defer tm.write(t, "timings-large.json")
	for i := range 3 {
		tb := newTab(t, browserCtx, s)
		tb.open(fmt.Sprintf("/explore?node=%s&depth=2&limit=500", centre))
		ms, n, e := drawnFigures(tb)
		if n != 501 {
			t.Errorf("drew %d nodes, want 500 and the centre", n)
		}
		load := eval[struct {
			Ms       float64 `json:"ms"`
			FetchMs  float64 `json:"fetchMs"`
			LayoutMs float64 `json:"layoutMs"`
		}](tb, `window.hemigraph.loads[0]`)
		tm.add(t, fmt.Sprintf("500-node neighbourhood, run %d: navigation start to drawn", i+1), n, e, ms)
		tm.add(t, fmt.Sprintf("500-node neighbourhood, run %d: request to drawn", i+1), n, e, load.Ms)
		tm.add(t, fmt.Sprintf("500-node neighbourhood, run %d: of which the API's answer", i+1), n, e, load.FetchMs)
		tm.add(t, fmt.Sprintf("500-node neighbourhood, run %d: of which the layout (fCoSE)", i+1), n, e, load.LayoutMs)
		if i == 0 {
			tb.screenshot("explorer-neighbourhood-500.png")
		}
	}
}
