package eval_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/internal/golden"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/loader/document"
	"github.com/hemigraph/hemigraph/loader/eval"
	"github.com/hemigraph/hemigraph/loader/link"
)

// catalog reads the bundled corpus, which the fixtures resolve against.
func catalog(t *testing.T) eval.Catalog {
	t.Helper()
	b, errs, err := loader.ReadPaths([]string{"../../data/corpus/oas-facts.jsonl"})
	if err != nil || len(errs) > 0 {
		t.Fatalf("read corpus: %v %v", err, errs)
	}
	var c eval.Catalog
	for _, n := range b.Nodes {
		c.Nodes = append(c.Nodes, n.Node)
	}
	for _, e := range b.Edges {
		c.Edges = append(c.Edges, e.Edge)
	}
	return c
}

func readGold(t *testing.T, path string) *eval.Gold {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := eval.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// ratchet is the committed floor of the fixtures' figures.
type ratchet struct {
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
	Resolution float64 `json:"resolution"`
	Relation   float64 `json:"relation"`
	Coverage   float64 `json:"coverage"`
	Identity   float64 `json:"identity"`
	Refused    int     `json:"refused"`
	Dropped    int     `json:"dropped"`
}

func figures(t eval.Counts) ratchet {
	round := func(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
	return ratchet{
		Precision: round(t.Precision()), Recall: round(t.Recall()), Resolution: round(t.Resolution()),
		Relation: round(float64(t.RelationRight) / float64(max(1, t.Found))),
		Coverage: round(t.Coverage()), Identity: round(float64(t.IdentityRight) / float64(max(1, t.IdentityChecked))),
		Refused: t.Refused, Dropped: t.Dropped,
	}
}

// TestFixturesRatchet evaluates the reader on its own fixtures — one per
// class of error seen on real pages, each with its gold — and fails when a
// figure falls below the committed one (testdata/ratchet.json). Run with
// -update after an improvement to raise the floor.
func TestFixturesRatchet(t *testing.T) {
	g := readGold(t, "testdata/gold.json")
	data, err := os.ReadFile("testdata/docs/manifest.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	entries, errs := loader.ReadManifest(bytes.NewReader(data), "testdata/docs/manifest.jsonl")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	known := map[string]document.Identity{}
	for p, id := range entries {
		known[filepath.Base(p)] = id
	}
	res := eval.Run("testdata/docs", g, eval.FileReader(known, g), catalog(t))
	got := figures(res.Total)
	for _, d := range res.Documents {
		for _, p := range d.Problems {
			t.Logf("%s: %s: %s", d.File, p.Cause, p.Detail)
		}
	}
	if golden.Update() {
		out, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile("testdata/ratchet.json", append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile("testdata/ratchet.json")
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	var want ratchet
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"precision", got.Precision, want.Precision}, {"recall", got.Recall, want.Recall},
		{"resolution", got.Resolution, want.Resolution}, {"relation", got.Relation, want.Relation},
		{"coverage", got.Coverage, want.Coverage}, {"identity", got.Identity, want.Identity},
	} {
		if c.got < c.want {
			t.Errorf("%s fell to %.3f, below the committed %.3f", c.name, c.got, c.want)
		}
	}
	if got.Refused > want.Refused || got.Dropped > want.Dropped {
		t.Errorf("refused %d (committed %d), dropped %d (committed %d)", got.Refused, want.Refused, got.Dropped, want.Dropped)
	}
	if res.Total.Dropped != 0 || res.Total.Refused != 0 {
		t.Errorf("a fixture was refused or lost a paragraph without a report: %+v", res.Total)
	}
}

// reading builds the reading of a one-clause document with the given
// resolved references.
func reading(refs ...link.Ref) eval.Reading {
	doc := &document.Document{ID: "doc", Clauses: []document.Clause{{Index: 1, Kind: document.Preambular, Verb: "RECALLING", VerbEN: "RECALLING"}}}
	return eval.Reading{Resolution: &link.Result{ID: "doc", Document: doc, Refs: refs}}
}

func TestEvaluate(t *testing.T) {
	corpus := map[string]bool{"a": true, "b": true, "c": true}
	isCorpus := func(id string) bool { return corpus[id] }
	gref := func(name, to string, opt bool) eval.GoldRef {
		r := eval.GoldRef{Name: name, To: to, Type: hemigraph.RelCites, Verb: "RECALLING", Optional: opt}
		if to == "" {
			r.Kind = hemigraph.KindReport
		}
		return r
	}
	pref := func(text, id, rule string) link.Ref {
		return link.Ref{Clause: 1, Text: text, Relation: hemigraph.RelCites, ID: id, Rule: rule}
	}
	tests := []struct {
		name string
		gold []eval.GoldRef
		read eval.Reading
		want eval.Counts
	}{
		{"all found and resolved", []eval.GoldRef{gref("Alpha", "a", false), gref("Beta", "b", false)},
			reading(pref("Alpha", "a", "name"), pref("Beta", "b", "name")),
			eval.Counts{Predicted: 2, Gold: 2, Found: 2, InCorpus: 2, Resolved: 2, RelationRight: 2, VerbRight: 2}},
		{"found by name, wrong target", []eval.GoldRef{gref("Alpha Conference", "a", false)},
			reading(pref("Alpha Conference", "b", "prefix")),
			eval.Counts{Predicted: 1, Gold: 1, Found: 1, InCorpus: 1, RelationRight: 1, VerbRight: 1}},
		{"missed and spurious", []eval.GoldRef{gref("Alpha", "a", false)},
			reading(pref("Gamma Council", "ref-body-gamma-council", "unresolved")),
			eval.Counts{Predicted: 1, Gold: 1, Spurious: 1}},
		{"outside the corpus stays a placeholder", []eval.GoldRef{gref("report of the Council", "", false)},
			reading(pref("report of the Council", "ref-report-report-of-the-council", "unresolved")),
			eval.Counts{Predicted: 1, Gold: 1, Found: 1, OutOfCorpus: 1, Placeholders: 1, RelationRight: 1, VerbRight: 1}},
		{"outside the corpus landed on a corpus node", []eval.GoldRef{gref("report of the Council", "", false)},
			reading(pref("report of the Council", "c", "prefix")),
			eval.Counts{Predicted: 1, Gold: 1, Found: 1, OutOfCorpus: 1, RelationRight: 1, VerbRight: 1}},
		{"optional found twice counts neither way", []eval.GoldRef{gref("Alpha", "a", true)},
			reading(pref("Alpha", "a", "name"), pref("ALPHA", "a", "name")),
			eval.Counts{Predicted: 2, Optional: 1, FoundOptional: 2}},
		{"symbols pair by their id", []eval.GoldRef{gref("AG/RES. 1353 (XXV-O/95)", "", false)},
			reading(pref("AG/RES.1353 (XXV-0/95)", "ag-res-1353-xxv-o-95", "unresolved")),
			eval.Counts{Predicted: 1, Gold: 1, Found: 1, OutOfCorpus: 1, Placeholders: 1, RelationRight: 1, VerbRight: 1}},
		{"refused", []eval.GoldRef{gref("Alpha", "a", false)}, eval.Reading{Err: errors.New("no symbol")},
			eval.Counts{Gold: 1, Refused: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &eval.Gold{Documents: []eval.GoldDoc{{File: "f.txt", References: tt.gold}}}
			res := eval.Evaluate(g, map[string]eval.Reading{"f.txt": tt.read}, isCorpus)
			got := res.Total
			tt.want.Documents = 1
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("counts (-want +got):\n%s\nproblems: %+v", diff, res.Documents[0].Problems)
			}
		})
	}
}

// TestLossCheck feeds the loss check an input with a paragraph the reading
// accounts for nowhere.
func TestLossCheck(t *testing.T) {
	input := "AG/RES. 1 (XXVI-O/96)\n\nRECALLING the Charter;\n\nThe lost paragraph.\n"
	doc, err := document.Read(strings.NewReader(input), "in.txt")
	if err != nil {
		t.Fatal(err)
	}
	g := &eval.Gold{Documents: []eval.GoldDoc{{File: "in.txt"}}}
	res := eval.Evaluate(g, map[string]eval.Reading{"in.txt": {Input: []byte(input), Resolution: &link.Result{Document: doc}}}, func(string) bool { return false })
	if res.Total.Dropped != 0 || res.Total.Paragraphs != 2 {
		t.Fatalf("reading as is: %+v, want 2 paragraphs and none dropped", res.Total)
	}
	doc.Clauses = doc.Clauses[:len(doc.Clauses)-1] // lose the last paragraph
	res = eval.Evaluate(g, map[string]eval.Reading{"in.txt": {Input: []byte(input), Resolution: &link.Result{Document: doc}}}, func(string) bool { return false })
	if res.Total.Dropped != 1 {
		t.Fatalf("after losing a paragraph: %+v, want 1 dropped", res.Total)
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown field", `{"documents":[{"file":"a.txt","bogus":1}]}`, "unknown field"},
		{"no file", `{"documents":[{"references":[]}]}`, "no file"},
		{"twice", `{"documents":[{"file":"a.txt"},{"file":"a.txt"}]}`, "listed twice"},
		{"bad type", `{"documents":[{"file":"a.txt","references":[{"name":"X","to":"x","type":"LIKES","verb":""}]}]}`, "unknown type"},
		{"no kind outside the corpus", `{"documents":[{"file":"a.txt","references":[{"name":"X","to":"","type":"CITES","verb":""}]}]}`, "needs a kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := eval.ReadGold(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadGold error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
