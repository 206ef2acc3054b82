package server_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/server"
)

// TestDocumentEdges loads the seed resolution on top of the corpus, as make
// run does, and reads its operative clauses back through GraphQL: each edge
// shows the clause number, verb and text, the body acted through, and the
// instrument's citation counter.
func TestDocumentEdges(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		b, errs, err := loader.ReadPaths([]string{"../data/corpus/documents/ag-res-1412-xxvi-o-96.txt"})
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		l := &loader.Loader{W: f.store, G: f.store}
		if _, errs, err := l.Load(context.Background(), b, nil); err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		type rel struct {
			Verb    string
			Through *string
			Node    struct{ ID string }
			Clause  *struct {
				Number int
				Kind   string
				Text   string
			}
		}
		var got struct {
			InstrumentBySymbol struct {
				Convenes  []rel
				Instructs []rel
			}
			Instrument struct{ CitedByCount int }
		}
		f.data(t, `{ instrument(id: "declaration-of-santiago-csbm-1995") { citedByCount }
	  instrumentBySymbol(symbol: "AG/RES. 1412 (XXVI-O/96)") {
		convenes { verb through node { id } clause { number kind text } }
		instructs { verb through node { id } clause { number kind text } }
	} }`, nil, &got)

		type fact struct {
			Number        int
			Verb, To, Via string
			HasText       bool
		}
		var facts []fact
		for _, r := range append(got.InstrumentBySymbol.Convenes, got.InstrumentBySymbol.Instructs...) {
			if r.Clause == nil {
				continue // the corpus's own edge, read from another page
			}
			via := ""
			if r.Through != nil {
				via = *r.Through
			}
			facts = append(facts, fact{r.Clause.Number, r.Verb, r.Node.ID, via, r.Clause.Kind == "operative" && len(r.Clause.Text) > 40})
		}
		want := []fact{
			{1, "TO CONVENE", "san-salvador-regional-conference-csbm-1998", "", true},
			{3, "TO INSTRUCT", "oas-general-secretariat", "", true},
			{2, "TO INSTRUCT", "oas-permanent-council", "oas-committee-on-hemispheric-security", true},
		}
		if diff := cmp.Diff(want, facts); diff != "" {
			t.Errorf("edges from the seed's operative clauses (-want +got):\n%s", diff)
		}
		// The seed cites the declaration too, but AG/RES. 1412 already cited it
		// in the corpus: still one citing node.
		if want := readCorpus(t).citedBy()["declaration-of-santiago-csbm-1995"]; got.Instrument.CitedByCount != want || want == 0 {
			t.Errorf("declaration's citedByCount = %d, want %d distinct citing nodes", got.Instrument.CitedByCount, want)
		}
	})
}

// TestUnresolvedWithMentions loads a resolution that names a conference the
// graph does not know, and lists placeholders as the README shows a front
// end doing: the placeholder keeps the name as printed and the kind its
// head noun implies, and its incoming relation says which document and
// clause named it.
func TestUnresolvedWithMentions(t *testing.T) {
	eachStore(t, server.Config{}, func(t *testing.T, f *fixture) {
		dir := t.TempDir()
		text := "AG/RES. 9902 (XXXI-O/01)\n\nFOLLOW-UP OF REGIONAL MEASURES\n\n" +
			"(Resolution adopted at the second plenary session, held on June 4, 2001)\n\nTHE GENERAL ASSEMBLY,\n\n" +
			"RECALLING the Declaration of Santiago on Confidence- and Security-Building Measures;\n\n" +
			"NOTING the Hemispheric Conference on Lighthouses and Coastal Signals,\n\nRESOLVES:\n\n" +
			"1. To instruct the Permanent Council to follow up on this resolution.\n"
		path := filepath.Join(dir, "res9902.txt")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		b, errs, err := loader.ReadPaths([]string{path})
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		l := &loader.Loader{W: f.store, G: f.store}
		if _, errs, err := l.Load(context.Background(), b, nil); err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		type node struct {
			ID, Kind, Title string
			Relations       []struct {
				Type, Verb string
				Document   string
				From       struct{ ID string }
				Clause     struct {
					Index      int
					Text       string
					Start, End int
				}
			}
		}
		var got struct {
			Conferences struct {
				TotalCount int
				Edges      []struct{ Node node }
			}
		}
		f.data(t, `{ conferences(filter: {unresolved: true}, first: 50) { totalCount
	  edges { node { id kind title
	    relations(direction: IN, first: 10) { type verb document from { id } clause { index text start end } } } } } }`, nil, &got)
		var found *node
		for i, e := range got.Conferences.Edges {
			if e.Node.Title == "Hemispheric Conference on Lighthouses and Coastal Signals" {
				found = &got.Conferences.Edges[i].Node
			}
		}
		if found == nil {
			t.Fatalf("no placeholder for the unknown conference among %d unresolved conferences: %+v", got.Conferences.TotalCount, got.Conferences.Edges)
		}
		if found.Kind != "CONFERENCE" || len(found.Relations) != 1 {
			t.Fatalf("placeholder = %+v, want a CONFERENCE named once", found)
		}
		r := found.Relations[0]
		if r.From.ID != "ag-res-9902-xxxi-o-01" || r.Document != "ag-res-9902-xxxi-o-01" || r.Verb != "NOTING" || r.Type != "CITES" {
			t.Errorf("mention = %+v, want CITES from ag-res-9902-xxxi-o-01 under NOTING", r)
		}
		if got := r.Clause.Text[r.Clause.Start:r.Clause.End]; got != "Hemispheric Conference on Lighthouses and Coastal Signals" {
			t.Errorf("clause span = %q, want the name as printed", got)
		}
		// The document's known references are not placeholders.
		for _, e := range got.Conferences.Edges {
			if e.Node.ID == "santiago-regional-conference-csbm-1995" {
				t.Errorf("a known conference is listed as unresolved")
			}
		}
	})
}
