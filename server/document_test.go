package server_test

import (
	"context"
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
	f := newFixture(t, server.Config{})
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
}
