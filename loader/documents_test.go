package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/storetest"
)

const seedDoc = "../data/corpus/documents/ag-res-1412-xxvi-o-96.txt"

func load(t *testing.T, s storetest.Store, paths ...string) loader.Summary {
	t.Helper()
	b, readErrs := readPaths(t, paths...)
	l := &loader.Loader{W: s, G: s, Log: neo4jtest.Logger(t)}
	sum, errs, err := l.Load(context.Background(), b, readErrs)
	if err != nil || len(errs) > 0 {
		t.Fatalf("load %v: %v %v", paths, err, errs)
	}
	return sum
}

// TestLoadSeedDocument loads the corpus and the seed resolution: the
// resolution's operative clauses become edges with clause number, verb and
// text onto the corpus's nodes, and a rerun writes nothing.
func TestLoadSeedDocument(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		load(t, s, "../data/corpus/oas-facts.jsonl")
		before := counts(t, s)
		sum := load(t, s, seedDoc)
		// Every reference is in the corpus but "the report of the Permanent
		// Council's Committee on Hemispheric Security", a report the corpus
		// does not hold: one placeholder.
		if sum.Documents != 1 || sum.Nodes.Created != 1 {
			t.Errorf("summary %+v: want 1 document and one new node", sum)
		}
		after := counts(t, s)
		if after[0] != before[0]+1 || after[1] <= before[1] {
			t.Errorf("counts %v -> %v: want one more node and more relationships", before, after)
		}
		ph, err := s.Unresolved(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ph) != 1 || ph[0].Kind != hemigraph.KindReport || ph[0].Title != "report of the Permanent Council's Committee on Hemispheric Security" {
			t.Errorf("placeholders %+v, want the one report as printed", ph)
		}

		rels, err := s.Relations(ctx, []string{"ag-res-1412-xxvi-o-96"}, query.RelQuery{
			Types: []hemigraph.RelType{hemigraph.RelConvenes, hemigraph.RelInstructs}, Direction: query.Outgoing, First: 50})
		if err != nil {
			t.Fatal(err)
		}
		type fact struct {
			typ    hemigraph.RelType
			to     string
			number int
			verb   string
		}
		var got []fact
		for _, r := range rels["ag-res-1412-xxvi-o-96"] {
			if r.Clause == nil {
				continue // the corpus's own edge
			}
			if r.Clause.Text == "" || r.Document != "ag-res-1412-xxvi-o-96" {
				t.Errorf("%s -> %s: clause without text or document: %+v", r.Type, r.To, r.Clause)
			}
			got = append(got, fact{r.Type, r.To, r.Clause.Number, r.Verb})
		}
		want := []fact{
			{hemigraph.RelConvenes, "san-salvador-regional-conference-csbm-1998", 1, "TO CONVENE"},
			{hemigraph.RelInstructs, "oas-general-secretariat", 3, "TO INSTRUCT"},
			{hemigraph.RelInstructs, "oas-permanent-council", 2, "TO INSTRUCT"},
		}
		if len(got) != len(want) {
			t.Fatalf("document edges %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("edge %d = %+v, want %+v", i, got[i], want[i])
			}
		}

		again := load(t, s, seedDoc)
		if again.Nodes.Created+again.Nodes.Updated+again.Edges.Created+again.Edges.Updated != 0 {
			t.Errorf("rerun wrote something: %+v", again)
		}
		if got := counts(t, s); got != after {
			t.Errorf("counts after rerun %v, want %v", got, after)
		}
	})
}

// TestLoadDocumentThenCorpus loads the seed into an empty graph — its
// references become placeholders — then the corpus: every placeholder is
// folded into the corpus node it names, leaving no duplicate.
func TestLoadDocumentThenCorpus(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		first := load(t, s, seedDoc)
		ph, err := s.Unresolved(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ph) == 0 || first.Nodes.Created == 0 {
			t.Fatalf("loading the seed alone made no placeholders (%+v)", first)
		}
		sum := load(t, s, "../data/corpus/oas-facts.jsonl")
		left, err := s.Unresolved(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Only the report the corpus does not hold stays a placeholder.
		if len(left) != 1 || left[0].Kind != hemigraph.KindReport || sum.Merged == 0 {
			t.Errorf("folded %d placeholders; left: %+v, want the one report", sum.Merged, left)
		}

		// The same graph as corpus-then-document, node for node.
		nodes, _ := counts(t, s)[0], 0
		ref := open(t)
		load(t, ref, "../data/corpus/oas-facts.jsonl")
		load(t, ref, seedDoc)
		want := counts(t, ref)
		if nodes != want[0] {
			t.Errorf("document then corpus: %d nodes; corpus then document: %d", nodes, want[0])
		}
	})
}

// TestReloadRetractsStaleEdges loads the seed, then a new reading of the
// same document (a clause gone, as when a corrected text or a better reader
// reads it again): the edges only the old reading stated are deleted, and
// the graph is the one the new reading alone gives.
func TestReloadRetractsStaleEdges(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		ctx := context.Background()
		load(t, s, "../data/corpus/oas-facts.jsonl")
		seed, err := os.ReadFile(seedDoc)
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(string(seed), "NOTING ALSO")
		j := i + strings.Index(string(seed[i:]), "\n\n")
		if i < 0 || j < i {
			t.Fatal("the seed has no NOTING ALSO paragraph")
		}
		edited := filepath.Join(t.TempDir(), "ag-res-1412-xxvi-o-96.txt")
		if err := os.WriteFile(edited, append(seed[:i:i], seed[j+2:]...), 0o644); err != nil {
			t.Fatal(err)
		}

		load(t, s, seedDoc)
		sum := load(t, s, edited)
		if sum.Retracted == 0 {
			t.Errorf("reloading the edited text retracted nothing: %+v", sum)
		}
		got := counts(t, s)

		ref := open(t)
		load(t, ref, "../data/corpus/oas-facts.jsonl")
		load(t, ref, edited)
		want := counts(t, ref)
		// The placeholder the old reading made stays (a node is not retracted
		// with an edge), with no edge left to it.
		if got[1] != want[1] {
			t.Errorf("relationships after the reload %d, the edited text alone gives %d", got[1], want[1])
		}
		rels, err := s.Relations(ctx, []string{"ref-report-report-of-the-permanent-council-committee-on-hemispheric-security"},
			query.RelQuery{Direction: query.Incoming, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(rels["ref-report-report-of-the-permanent-council-committee-on-hemispheric-security"]); n != 0 {
			t.Errorf("the retracted citation of the report is still there (%d relations)", n)
		}
	})
}

// TestFoldUndone loads the seed (its references become placeholders), then
// the corpus, which folds them into its nodes; undoing the corpus's load
// gives back the graph of the seed alone: placeholders, their relations
// and every property as they were.
func TestFoldUndone(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
		s := open(t)
		load(t, s, seedDoc)
		want := graphOf(t, s)
		sum := load(t, s, "../data/corpus/oas-facts.jsonl")
		if sum.Merged == 0 || sum.Load == "" {
			t.Fatalf("the corpus folded no placeholder, or was not recorded: %+v", sum)
		}
		res, err := s.Undo(context.Background(), sum.Load, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.NodesRestored < sum.Merged {
			t.Errorf("undo restored %d nodes; the load folded %d placeholders", res.NodesRestored, sum.Merged)
		}
		if diff := cmp.Diff(want, graphOf(t, s)); diff != "" {
			t.Errorf("graph after the undo (-before the load +after the undo):\n%s", diff)
		}
	})
}
