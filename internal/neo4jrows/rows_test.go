package neo4jrows

import (
	"slices"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph"
)

// TestStatementsShared checks that a load compiles few plans and that a
// batch may mix kinds, and types but CITES: one set of texts serves every
// kind, one every type but CITES, and CITES its own. A kind's labels are
// looked up in the parameters: each kind's own, never one it also removes.
func TestStatementsShared(t *testing.T) {
	node := NodeStatements()
	labelsOf, _ := node.Params["labelsOf"].(map[string]any)
	othersOf, _ := node.Params["othersOf"].(map[string]any)
	if len(labelsOf) != len(hemigraph.Kinds) || len(othersOf) != len(hemigraph.Kinds) {
		t.Fatalf("labelsOf %v, othersOf %v: want one entry per kind", labelsOf, othersOf)
	}
	for _, k := range hemigraph.Kinds {
		labels, _ := labelsOf[string(k)].([]string)
		others, _ := othersOf[string(k)].([]string)
		if !slices.Contains(labels, string(k)) || slices.Contains(others, string(k)) {
			t.Errorf("%s: labels %v, others %v", k, labels, others)
		}
		if slices.Contains(labels, "Instrument") != k.IsInstrument() {
			t.Errorf("%s: labels %v, instrument %v", k, labels, k.IsInstrument())
		}
		for _, l := range labels {
			if slices.Contains(others, l) {
				t.Errorf("%s: %s is both set and removed", k, l)
			}
		}
		for _, o := range hemigraph.Kinds {
			if o != k && !slices.Contains(others, string(o)) {
				t.Errorf("%s: a node that was a %s keeps that label", k, o)
			}
		}
	}
	var edge Statements
	for _, typ := range hemigraph.RelTypes {
		st := EdgeStatements(typ)
		if typ == hemigraph.RelCites {
			if st.Key == "" || st.Create == "" || !strings.Contains(st.Create, ":CITES") {
				t.Errorf("CITES: statements %+v", st)
			}
			continue
		}
		if edge.Create == "" {
			edge = st
		}
		if st.Key != edge.Key || st.Create != edge.Create || st.Read != edge.Read || st.Write != edge.Write {
			t.Errorf("%s: the statements differ from those of the other types", typ)
		}
	}
	if edge.Key == EdgeStatements(hemigraph.RelCites).Key {
		t.Errorf("CITES and the other types share the key %q", edge.Key)
	}
	if st := EdgeStatements("NOT_A_TYPE"); st.Key != "" {
		t.Errorf("a type outside the closed set has statements %+v", st)
	}
}

// TestArgs checks that a statement's parameters are its set's and the
// batch's.
func TestArgs(t *testing.T) {
	st := NodeStatements()
	rows := []map[string]any{{"i": int64(0)}}
	got := st.Args(rows, "load-1")
	if len(got) != 4 || got["labelsOf"] == nil || got["othersOf"] == nil || got["load"] != "load-1" || len(got["rows"].([]map[string]any)) != 1 {
		t.Errorf("Args = %v", got)
	}
	if _, ok := st.Params["rows"]; ok {
		t.Error("Args changed the statements' own parameters")
	}
}
