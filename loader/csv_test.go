package loader_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/loader"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		file      string
		wantNodes []string
		wantEdges []string
		wantErrs  []string
	}{
		{
			file:      "testdata/nodes.csv",
			wantNodes: []string{"test-conf-1995", "test-res-1-96"},
			wantErrs: []string{
				`testdata/nodes.csv:4: field "kind": unknown kind "Treaty" (want one of Resolution, Declaration, Convention, Report, PlanOfAction, Conference, Session, Body)`,
				`testdata/nodes.csv:5: field "id": missing`,
				`testdata/nodes.csv:6: 2 cells, header has 8`,
			},
		},
		{
			file:      "testdata/edges.csv",
			wantEdges: []string{"test-res-1-96 CONVENES test-conf-1995"},
			wantErrs: []string{
				`testdata/edges.csv:3: field "type": unknown relationship type "LIKES"`,
				`testdata/edges.csv:4: field "source": missing: every edge says where it came from`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, errs := loader.ReadCSV(f, tt.file)
			var nodes, edges, msgs []string
			for _, n := range b.Nodes {
				nodes = append(nodes, n.Node.ID)
			}
			for _, e := range b.Edges {
				edges = append(edges, e.Edge.From+" "+string(e.Edge.Type)+" "+e.Edge.To)
			}
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if diff := cmp.Diff(tt.wantNodes, nodes); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantEdges, edges); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, msgs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCSVFields(t *testing.T) {
	b, errs := loader.ReadCSV(strings.NewReader("title,kind,id,aliases\n\"Conference, with comma\",Conference,c-1,A | B\n"), "in.csv")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := hemigraph.Node{ID: "c-1", Kind: hemigraph.KindConference, Title: "Conference, with comma", Aliases: []string{"A", "B"}}
	if diff := cmp.Diff(want, b.Nodes[0].Node); diff != "" {
		t.Errorf("node (-want +got):\n%s", diff)
	}
	_, errs = loader.ReadCSV(strings.NewReader("id,kind,title,colour\n"), "in.csv")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), `in.csv:1: field "colour": unknown column`) {
		t.Errorf("errors %v: want the unknown column named", errs)
	}
}
