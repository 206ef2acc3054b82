package storetest

import (
	"cmp"
	"errors"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

// The ids of the hand-written nodes the tests draw their graphs from, as
// the bundled corpus (data/corpus/oas-facts.jsonl) spells them.
const (
	res1123         = "ag-res-1123-xxi-o-91" // a placeholder: cited, never loaded
	res1179         = "ag-res-1179-xxii-o-92"
	res1237         = "ag-res-1237-xxiii-o-93"
	res1240         = "ag-res-1240-xxiii-o-93"
	res1288         = "ag-res-1288-xxiv-o-94"
	res1353         = "ag-res-1353-xxv-o-95"
	res1409         = "ag-res-1409-xxvi-o-96"
	res1412         = "ag-res-1412-xxvi-o-96"
	res1494         = "ag-res-1494-xxvii-o-97"
	res1566         = "ag-res-1566-xxviii-o-98"
	res1801         = "ag-res-1801-xxxi-o-01"
	doc3096         = "ag-doc-3096-94"
	cosegre9        = "cosegre-ii-doc-9-98"
	declSantiago    = "declaration-of-santiago-csbm-1995"
	declSanSalvador = "declaration-of-san-salvador-csbm-1998"
	citaac          = "citaac"
	planSantiago    = "santiago-summit-plan-of-action-1998"
	confBuenosAires = "buenos-aires-meeting-experts-csbm-1994"
	confSantiago    = "santiago-regional-conference-csbm-1995"
	confSanSalvador = "san-salvador-regional-conference-csbm-1998"
	confMiami       = "miami-meeting-experts-csbm-2003"
	session26       = "ga-26th-regular-session-1996"
	ga              = "oas-general-assembly"
	pc              = "oas-permanent-council"
	csh             = "oas-committee-on-hemispheric-security"
	refSantiago     = "ref-conference-santiago-conference" // a placeholder named by a document
)

// Sources the facts are read from.
const (
	srcRes1412   = "http://www.oas.org/juridico/english/ga-res96/Res-1412.htm"
	srcInventory = "http://www.oas.org/csh/english/csbminventory.asp"
	srcSalvador  = "http://www.summit-americas.org/Hemispheric%20Security/SanSalvador-eng.htm"
)

// corpus holds the nodes by id. Titles, dates and places follow the
// corpus; a few are bent to give a test what it checks (the lower-case
// title of 1240, the dates of 1288 and 1801).
var corpus = func() map[string]hemigraph.Node {
	nodes := []hemigraph.Node{
		{ID: res1123, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1123 (XXI-O/91)", Title: "AG/RES. 1123 (XXI-O/91)",
			Source: srcRes1412, Unresolved: true},
		{ID: res1179, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1179 (XXII-O/92)",
			Title: "Cooperation for Security and Development in the Hemisphere - Regional Contributions to Global Security",
			Date:  "1992-05-23", Source: "http://www.summit-americas.org/Hemispheric%20Security/AGRes1415eng.htm"},
		{ID: res1237, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1237 (XXIII-O/93)",
			Title: "Meeting of Experts on Confidence- and Security-Building Measures in the Region", Date: "1993-06-11", Source: srcRes1412},
		{ID: res1240, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1240 (XXIII-O/93)", Title: "ag/res. 1240 (xxiii-o/93)",
			Source: srcInventory},
		{ID: res1288, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1288 (XXIV-O/94)",
			Title: "Confidence- and Security-Building Measures in the Region", Date: "1994-06-10", Source: srcRes1412},
		{ID: res1353, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1353 (XXV-O/95)", Title: "Cooperation for Hemispheric Security",
			Date: "1995-06-09", Source: "http://www.summit-americas.org/Hemispheric%20Security/AGRes1415eng.htm"},
		{ID: res1409, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1409 (XXVI-O/96)",
			Title:   "Confidence- and Security-Building Measures in the Americas",
			Aliases: []string{"Confidence- and Security-Building Measures"}, Date: "1996-06-07",
			Source: "http://www.oas.org/juridico/english/ga-res96/Res-1409.htm"},
		{ID: res1412, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1412 (XXVI-O/96)", Title: "AG/RES. 1412 (XXVI-O/96)",
			Date: "1996-06-07", Source: srcRes1412},
		{ID: res1494, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1494 (XXVII-O/97)",
			Title:   "Confidence- and Security-Building Measures in the Americas",
			Aliases: []string{"Medidas de fortalecimento da confiança e da segurança"}, Date: "1997-06-05", Source: srcInventory},
		{ID: res1566, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1566 (XXVIII-O/98)",
			Title:   "Confidence- and Security-Building in the Americas",
			Aliases: []string{"Confidence- and Security-Building in the Hemisphere"}, Date: "1998-06-02", Source: srcInventory},
		{ID: res1801, Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1801 (XXXI-O/01)",
			Title: "Confidence- and Security-Building in the Americas", Date: "2001-06-05",
			Source: "https://webarchive.library.unt.edu/eot2008/20081104061135/http://www.state.gov/p/wha/rls/63682.htm"},
		{ID: doc3096, Kind: hemigraph.KindReport, Symbol: "AG/doc.3096/94",
			Title:   "Report of the Permanent Council on the Implementation of Resolution AG/RES. 1237 (XXIII-O/93)",
			Aliases: []string{"OEA/Ser.P AG/doc.3096/94"}, Date: "1994-05-27",
			Source: "http://www.summit-americas.org/Hemispheric%20Security/AGDoc1237-3096eng.htm"},
		{ID: cosegre9, Kind: hemigraph.KindReport, Symbol: "COSEGRE.II/doc.9/98",
			Title:   "Final Report San Salvador Regional Conference on Confidence- and Security-Building Measures in Follow-up to the Santiago Conference",
			Aliases: []string{"Informe Final, Conferencia Regional de San Salvador"}, Date: "1998-10-19",
			Source: "http://oas.org/csh/english/csbmreportscosegre9.asp"},
		{ID: declSantiago, Kind: hemigraph.KindDeclaration, Symbol: "COSEGRE/doc.18/95 rev. 3",
			Title: "Declaration of Santiago on Confidence- and Security-Building Measures",
			Aliases: []string{"Declaración de Santiago sobre Medidas de Fomento de la Confianza y de la Seguridad",
				"Declaration of Santiago"},
			Date: "1995-11-10", Place: "Santiago, Chile",
			Source: "http://www.summit-americas.org/Hemispheric%20Security/Santiago-Security-eng.htm"},
		{ID: declSanSalvador, Kind: hemigraph.KindDeclaration, Symbol: "COSEGRE.II/doc.7/98 rev. 3",
			Title:   "Declaration of San Salvador on Confidence- and Security-Building Measures",
			Aliases: []string{"San Salvador Declaration"}, Date: "1998-02-28", Place: "San Salvador, El Salvador", Source: srcSalvador},
		{ID: citaac, Kind: hemigraph.KindConvention,
			Title:   "Inter-American Convention on Transparency in Conventional Weapons Acquisitions",
			Aliases: []string{"CITAAC"}, Date: "1999-06-07", Place: "Guatemala City, Guatemala",
			Source: "http://www.oas.org/csh/english/docc&t%20convweap.asp"},
		{ID: planSantiago, Kind: hemigraph.KindPlanOfAction, Title: "Plan of Action of the Second Summit of the Americas",
			Aliases: []string{"Santiago Plan of Action"}, Source: "https://2009-2017.state.gov/p/wha/rls/139384.htm"},
		{ID: confBuenosAires, Kind: hemigraph.KindConference,
			Title:   "Meeting of Experts on Confidence- and Security-Building Measures",
			Aliases: []string{"Buenos Aires Meeting of Experts on Confidence- and Security-Building Measures"},
			Date:    "1994-03-15/1994-03-18", Place: "Buenos Aires, Argentina", Source: srcRes1412},
		{ID: confSantiago, Kind: hemigraph.KindConference, Title: "Regional Conference on Confidence- and Security-Building Measures",
			Aliases: []string{"Santiago Conference"}, Date: "1995-11-08/1995-11-10", Place: "Santiago, Chile",
			Source: "http://www.oas.org/csh/spanish/mfcdeclsant.asp"},
		{ID: confSanSalvador, Kind: hemigraph.KindConference,
			Title:   "San Salvador Regional Conference on Confidence- and Security-Building Measures in follow-up to the Santiago Conference",
			Aliases: []string{"Second Regional Conference on Confidence- and Security-Building Measures"},
			Date:    "1998-02-25/1998-02-27", Place: "San Salvador, El Salvador", Source: srcSalvador},
		{ID: confMiami, Kind: hemigraph.KindConference, Title: "Meeting of Experts on Confidence- and Security-Building Measures",
			Date: "2003-02-03/2003-02-04", Place: "Miami, United States", Source: "https://2009-2017.state.gov/p/wha/rls/61859.htm"},
		{ID: session26, Kind: hemigraph.KindSession, Title: "General Assembly, Twenty-sixth Regular Session",
			Date: "1996-06", Place: "Panama City, Panama", Source: srcRes1412},
		{ID: ga, Kind: hemigraph.KindBody, Title: "General Assembly of the Organization of American States",
			Aliases: []string{"General Assembly", "OAS General Assembly"},
			Source:  "http://www.oas.org/juridico/english/ga-res96/Res-1409.htm"},
		{ID: pc, Kind: hemigraph.KindBody, Title: "Permanent Council of the Organization of American States",
			Aliases: []string{"Permanent Council"}, Source: srcRes1412},
		{ID: csh, Kind: hemigraph.KindBody, Title: "Committee on Hemispheric Security",
			Aliases: []string{"CSH", "Comisión de Seguridad Hemisférica"}, Source: srcRes1412},
		{ID: refSantiago, Kind: hemigraph.KindConference, Title: "Santiago Conference", Source: srcRes1412, Unresolved: true},
	}
	m := make(map[string]hemigraph.Node, len(nodes))
	for _, n := range nodes {
		m[n.ID] = n
	}
	return m
}()

// node returns a copy of the corpus node id.
func node(id string) hemigraph.Node {
	n, ok := corpus[id]
	if !ok {
		panic("storetest: no fixture node " + id)
	}
	n.Aliases = slices.Clone(n.Aliases)
	return n
}

// nodes returns copies of the corpus nodes ids.
func nodes(ids ...string) []hemigraph.Node {
	out := make([]hemigraph.Node, len(ids))
	for i, id := range ids {
		out[i] = node(id)
	}
	return out
}

// edge returns a relation read from the inventory of the Committee on
// Hemispheric Security, with evidence.
func edge(from string, typ hemigraph.RelType, to, evidence string) hemigraph.Edge {
	return hemigraph.Edge{From: from, To: to, Type: typ, Provenance: hemigraph.Provenance{Source: srcInventory, Evidence: evidence}}
}

// cites returns a CITES relation with its clause verb.
func cites(from, to, verb, evidence string) hemigraph.Edge {
	e := edge(from, hemigraph.RelCites, to, evidence)
	e.Verb = verb
	return e
}

// graph is the graph a test writes, and what the store should answer
// about it.
type graph struct {
	nodes []hemigraph.Node
	edges []hemigraph.Edge
}

// write writes g's nodes, then its edges, through the store's own writes.
func (g graph) write(t *testing.T, s Store) {
	t.Helper()
	if len(g.nodes) > 0 {
		if _, err := s.WriteNodes(t.Context(), g.nodes); err != nil {
			t.Fatalf("WriteNodes: %v", err)
		}
	}
	if len(g.edges) > 0 {
		if _, err := s.WriteEdges(t.Context(), g.edges); err != nil {
			t.Fatalf("WriteEdges: %v", err)
		}
	}
}

// node returns the node id as a read returns it: with the number of
// distinct nodes citing it.
func (g graph) node(id string) hemigraph.Node {
	for _, n := range g.nodes {
		if n.ID == id {
			n.Aliases = slices.Clone(n.Aliases)
			n.CitedByCount = g.citedBy(id)
			return n
		}
	}
	panic("storetest: the graph has no node " + id)
}

// citedBy counts the distinct nodes citing id.
func (g graph) citedBy(id string) int {
	citing := map[string]bool{}
	for _, e := range g.edges {
		if e.Type == hemigraph.RelCites && e.To == id {
			citing[e.From] = true
		}
	}
	return len(citing)
}

// rel returns e as a read returns it, reached from its From node when
// outgoing.
func (g graph) rel(e hemigraph.Edge, outgoing bool) hemigraph.Relation {
	return hemigraph.Relation{ID: e.Key(), Edge: e, FromNode: g.node(e.From), ToNode: g.node(e.To), Outgoing: outgoing}
}

// relations returns the relations of id that q selects, in the order of
// the contract: by type, far-end id and key, at most q.First.
func (g graph) relations(id string, q query.RelQuery) []hemigraph.Relation {
	var out []hemigraph.Relation
	for _, e := range g.edges {
		if len(q.Types) > 0 && !slices.Contains(q.Types, e.Type) {
			continue
		}
		if e.From == id && q.Direction != query.Incoming {
			out = append(out, g.rel(e, true))
		}
		if e.To == id && q.Direction != query.Outgoing {
			out = append(out, g.rel(e, false))
		}
	}
	slices.SortFunc(out, compareRelations)
	return out[:min(len(out), q.First)]
}

// compareRelations orders relations as the contract lists them.
func compareRelations(a, b hemigraph.Relation) int {
	far := func(r hemigraph.Relation) string { return r.Other().ID }
	outFirst := func(r hemigraph.Relation) int {
		if r.Outgoing {
			return 0
		}
		return 1
	}
	return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(far(a), far(b)), cmp.Compare(a.ID, b.ID),
		cmp.Compare(outFirst(a), outFirst(b)))
}

// arrow writes a relation as "from -TYPE-> to", for lists whose order or
// membership a test checks.
func arrow(e hemigraph.Edge) string { return e.From + " -" + string(e.Type) + "-> " + e.To }

func arrows[E any](l []E, edge func(E) hemigraph.Edge) []string {
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = arrow(edge(x))
	}
	return out
}

func relEdge(r hemigraph.Relation) hemigraph.Edge { return r.Edge }
func sameEdge(e hemigraph.Edge) hemigraph.Edge    { return e }

// idsOf returns the ids of nodes, in their order.
func idsOf(nodes []hemigraph.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID
	}
	return out
}

// sorted returns a sorted copy of l.
func sorted(l []string) []string {
	out := slices.Clone(l)
	slices.Sort(out)
	return out
}

// equate makes an empty and a nil slice or map equal: a store may return
// either for "none".
var equate = cmpopts.EquateEmpty()

// ignoreScore leaves full-text scores out of a comparison: they are the
// analyzer's business.
var ignoreScore = cmpopts.IgnoreFields(query.SearchHit{}, "Score")

// diff reports a difference between want and got, as (-want +got).
func diff(t *testing.T, what string, want, got any, opts ...gocmp.Option) {
	t.Helper()
	if d := gocmp.Diff(want, got, append(opts, equate)...); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}

// wantErr checks that err wraps target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want one wrapping %q", what, target)
		return
	}
	if !errors.Is(err, target) {
		t.Errorf("%s: err = %v, want one wrapping %q", what, err, target)
	}
}

// check fails the test at once on an unexpected error.
func check(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// intp returns a pointer to n, for the open bounds of a filter.
func intp(n int) *int { return &n }

// boolp returns a pointer to b.
func boolp(b bool) *bool { return &b }
