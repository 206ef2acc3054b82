package server_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/server"
)

// nestedConference is the nested query of issue 4: conference → convenedBy
// → cites → citedBy, first: 10 at each level.
const nestedConference = `{
  conference(id: "san-salvador-regional-conference-csbm-1998") {
    id title
    convenedBy(first: 10) {
      verb source evidence
      node { id ... on Instrument { symbol
        cites(first: 10) {
          verb source
          node { id ... on Instrument { symbol
            citedBy(first: 10) { verb source node { id } }
          } }
        }
      } }
    }
  }
}`

// TestStatementsPerRootField counts the Cypher statements sent for nested
// queries: each root field is answered by exactly one statement, whatever
// the relation fields nested under it, because the root field's statement
// reads them ahead (built from the selection set). The lineage is the one
// exception, by design: it walks breadth first, one statement per level so
// that it can stop once it has its answer (the first level's also reads the
// target), then reads ahead the nested relations — maxDepth + 1 statements
// at most, in one read transaction.
func TestStatementsPerRootField(t *testing.T) {
	f := newFixture(t, server.Config{})
	tests := []struct {
		name  string
		query string
		want  int
	}{
		{"conference convenedBy cites citedBy", nestedConference, 1},
		{"list with nested relations and totalCount", `{ instruments(first: 10, filter: {kinds: [RESOLUTION]}, orderBy: {field: CITED_BY, direction: DESC}) {
			totalCount edges { node { id
				cites(first: 10) { node { id ... on Instrument { citedBy(first: 5) { node { id } } } } }
				adoptedBy(first: 5) { node { id ... on Body { partOf(first: 5) { node { id } } } } }
			} } } }`, 1},
		{"node with both-way relations and their ends", `{ node(id: "` + res1412 + `") { id ... on Entity {
			relations(first: 20) { type direction
				from { id ... on Entity { relations(types: [ADOPTED_BY], direction: OUT) { node { id } } } }
				to { id ... on Conference { followsUp { node { id } } } } } } } }`, 1},
		{"nodes, aliases and fragments", `query { nodes(ids: ["` + res1412 + `", "` + sanSalvador + `", "oas-general-assembly"]) { ...N } }
			fragment N on Node { id ... on Instrument { a: cites(first: 3) { node { id } } b: cites(first: 5) { node { id } } }
				... on Conference { convenedBy { node { ...M } } } ... on Body { parts(first: 3) { node { id } } } }
			fragment M on Node { id ... on Instrument { c: cites(first: 3) { node { id } } } }`, 1},
		{"relations read ahead with the fields they print", `{ instrument(id: "` + res1412 + `") { id title
			cites(first: 10) { verb source node { id title } } citedBy(first: 10) { verb source node { id title } }
			adoptedAt(first: 5) { node { id title } } } }`, 1},
		{"a node met again deeper, printing more", `{ instrument(id: "` + res1412 + `") { cites(first: 5) { node { id ... on Instrument {
			citedBy(first: 10) { node { id ... on Instrument { cites(first: 5) { verb node { id title date } } } } } } } } } }`, 1},
		{"instrumentBySymbol", `{ instrumentBySymbol(symbol: "ag/res 1412 (xxvi-0/96)") { id convenes { node { ... on Conference { followsUp { node { id } } } } } } }`, 1},
		{"search with nested relations", `{ search(text: "confidence", first: 10) { totalCount edges { score node { id
			... on Instrument { cites(first: 5) { node { id } } } ... on Conference { convenedBy { node { id } } } } } } }`, 1},
		{"lineage with nested relations", `{ instrumentsLeadingTo(conference: "` + sanSalvador + `") {
			target { id ... on Conference { produced { node { id } } } }
			entries { distance node { id ... on Instrument { adoptedAt(first: 10) { node { id } } } } path { type } } } }`, 4 + 1},
		{"timeline with nested relations", `{ timeline(from: "1995", to: "1996") { entries { node { id ... on Instrument { adoptedBy { node { id } } } } } } }`, 1},
		{"two root fields", `{ a: conference(id: "` + sanSalvador + `") { convenedBy { node { id } } } b: neighbourhood(id: "` + res1412 + `") { nodes { id } } }`, 2},
		{"facets, paths, neighbourhood", `{ facets { total } paths(from: "` + res1412 + `", to: "` + santiagoConf + `") { length } neighbourhood(id: "` + res1412 + `", depth: 2) { nodes { id } } }`, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.stmts.reset()
			resp := f.query(t, tc.query, nil)
			if len(resp.Errors) > 0 {
				t.Fatalf("errors: %+v", resp.Errors)
			}
			stmts := f.stmts.list()
			if len(stmts) != tc.want {
				t.Errorf("%d statements, want %d:\n%s", len(stmts), tc.want, strings.Join(stmts, "\n----\n"))
			}
			for _, s := range stmts {
				for _, w := range []string{"MERGE ", "CREATE ", "SET ", "DELETE "} {
					if strings.Contains(s, w) {
						t.Errorf("a read sent a statement with %q:\n%s", w, s)
					}
				}
			}
		})
	}
}

type rel struct {
	Type string
	Node struct{ ID string }
}

// TestReadAheadMatchesTheGraph checks the relations the nested query's one
// statement read ahead against the corpus: at each level, the far ends of
// the relations of the type, in id order, the first 10.
func TestReadAheadMatchesTheGraph(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		c := readCorpus(t)
		want := func(id string, typ hemigraph.RelType, out bool) []string {
			var ids []string
			for _, e := range c.edges {
				switch {
				case e.Type != typ:
				case out && e.From == id:
					ids = append(ids, e.To)
				case !out && e.To == id:
					ids = append(ids, e.From)
				}
			}
			slices.Sort(ids)
			return ids[:min(len(ids), 10)]
		}
		type level struct {
			Node struct {
				ID      string
				Cites   []json.RawMessage
				CitedBy []json.RawMessage
			}
		}
		var got struct {
			Conference struct {
				ConvenedBy []level
			}
		}
		f.data(t, nestedConference, nil, &got)
		far := func(raw []json.RawMessage) ([]string, []level) {
			var ids []string
			var ls []level
			for _, r := range raw {
				var l level
				if err := json.Unmarshal(r, &l); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, l.Node.ID)
				ls = append(ls, l)
			}
			return ids, ls
		}
		checked := 0
		var convenedBy []string
		for _, l1 := range got.Conference.ConvenedBy {
			convenedBy = append(convenedBy, l1.Node.ID)
			cites, l2s := far(l1.Node.Cites)
			if diff := gocmp.Diff(want(l1.Node.ID, hemigraph.RelCites, true), cites); diff != "" {
				t.Errorf("%s cites (-want +got):\n%s", l1.Node.ID, diff)
			}
			for _, l2 := range l2s {
				if !c.byID[l2.Node.ID].Kind.IsInstrument() {
					continue // citedBy is asked on instruments only
				}
				citedBy, _ := far(l2.Node.CitedBy)
				if diff := gocmp.Diff(want(l2.Node.ID, hemigraph.RelCites, false), citedBy); diff != "" {
					t.Errorf("%s citedBy (-want +got):\n%s", l2.Node.ID, diff)
				}
				checked++
			}
		}
		if diff := gocmp.Diff(want(sanSalvador, hemigraph.RelConvenes, false), convenedBy); diff != "" {
			t.Errorf("convenedBy (-want +got):\n%s", diff)
		}
		if checked == 0 {
			t.Error("no third level checked")
		}
	})
}

// TestFallbackLoader: relation fields the root statement did not read
// ahead (under the nodes of paths) are answered by the batching loader,
// with the same answers.
func TestFallbackLoader(t *testing.T) {
	f := newFixture(t, server.Config{})
	const sel = `cites(first: 4) { id type verb source node { id } } citedBy(first: 4) { id node { id } }`
	var viaPath struct {
		Paths []struct {
			Nodes []json.RawMessage
		}
	}
	f.data(t, `{ paths(from: "`+res1412+`", to: "`+santiagoDecl+`", maxDepth: 1) { nodes { id ... on Instrument { `+sel+` } } } }`, nil, &viaPath)
	var viaNodes struct{ Nodes []json.RawMessage }
	f.data(t, `{ nodes(ids: ["`+res1412+`", "`+santiagoDecl+`"]) { id ... on Instrument { `+sel+` } } }`, nil, &viaNodes)
	if len(viaPath.Paths) != 1 {
		t.Fatalf("%d paths, want 1", len(viaPath.Paths))
	}
	got, want := viaPath.Paths[0].Nodes, viaNodes.Nodes
	if diff := gocmp.Diff(jsonStrings(want), jsonStrings(got)); diff != "" {
		t.Errorf("relations through the loader (-read ahead +loader):\n%s", diff)
	}
}

func jsonStrings(l []json.RawMessage) []string {
	out := make([]string, len(l))
	for i, r := range l {
		out[i] = string(r)
	}
	return out
}
