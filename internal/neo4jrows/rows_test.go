package neo4jrows

import (
	"slices"
	"testing"

	"github.com/hemigraph/hemigraph"
)

// TestStatementsShared checks that a load compiles few plans: one set of
// texts serves every kind, one every type but CITES, and CITES its own;
// what differs between kinds and types is in the parameters.
func TestStatementsShared(t *testing.T) {
	node := NodeStatements(hemigraph.Kinds[0])
	for _, k := range hemigraph.Kinds {
		st := NodeStatements(k)
		if st.Create != node.Create || st.Read != node.Read || st.Write != node.Write {
			t.Errorf("%s: the statements differ from those of %s", k, hemigraph.Kinds[0])
		}
		labels, _ := st.Params["labels"].([]string)
		others, _ := st.Params["others"].([]string)
		if !slices.Contains(labels, string(k)) || slices.Contains(others, string(k)) {
			t.Errorf("%s: labels %v, others %v", k, labels, others)
		}
		for _, l := range labels {
			if slices.Contains(others, l) {
				t.Errorf("%s: %s is both set and removed", k, l)
			}
		}
	}
	var edge Statements
	for _, typ := range hemigraph.RelTypes {
		st := EdgeStatements(typ)
		if st.Params["type"] != string(typ) {
			t.Errorf("%s: type parameter %v", typ, st.Params["type"])
		}
		if typ == hemigraph.RelCites {
			continue
		}
		if edge.Create == "" {
			edge = st
		}
		if st.Create != edge.Create || st.Read != edge.Read || st.Write != edge.Write {
			t.Errorf("%s: the statements differ from those of the other types", typ)
		}
	}
}

// TestArgs checks that a statement's parameters are its set's and the
// batch's.
func TestArgs(t *testing.T) {
	st := EdgeStatements(hemigraph.RelTypes[len(hemigraph.RelTypes)-1])
	rows := []map[string]any{{"i": int64(0)}}
	got := st.Args(rows, "load-1")
	if len(got) != 3 || got["type"] != st.Params["type"] || got["load"] != "load-1" || len(got["rows"].([]map[string]any)) != 1 {
		t.Errorf("Args = %v", got)
	}
	if _, ok := st.Params["rows"]; ok {
		t.Error("Args changed the statements' own parameters")
	}
}
