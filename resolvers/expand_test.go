package resolvers

import (
	"slices"
	"testing"

	"github.com/hemigraph/hemigraph/graph"
)

// TestRelFieldsCoverTheSchema: every field of an Entity type that lists
// relations is in relFields (or is the generic relations field), and every
// entry of relFields is such a field, so that the resolvers and the
// read-ahead always agree on what a field reads.
func TestRelFieldsCoverTheSchema(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &Resolver{}}).Schema()
	for _, et := range entityTypes {
		def := schema.Types[et.name]
		if def == nil {
			t.Fatalf("no type %s in the schema", et.name)
		}
		var inSchema []string
		for _, f := range def.Fields {
			if f.Type.Elem != nil && f.Type.Elem.NamedType == "Relation" {
				inSchema = append(inSchema, f.Name)
				if _, ok := relFields[et.name][f.Name]; !ok && f.Name != "relations" {
					t.Errorf("%s.%s lists relations but is not in relFields", et.name, f.Name)
				}
			}
		}
		for name := range relFields[et.name] {
			if !slices.Contains(inSchema, name) {
				t.Errorf("relFields has %s.%s, which the schema lacks", et.name, name)
			}
		}
	}
}

// TestCursorRoundTrip: a cursor reads back as made, and only for its order.
func TestCursorRoundTrip(t *testing.T) {
	tests := []cursor{
		{Order: "ID:ASC", ID: "ag-res-1412-xxvi-o-96"},
		{Order: "DATE:DESC", Key: "1996-06-07", ID: "ag-res-1412-xxvi-o-96"},
		{Order: "CITED_BY:DESC", Key: float64(11), ID: "declaration-of-santiago-csbm-1995"},
		{Order: searchOrder, Score: 3.7144310474395752, ID: "santiago-regional-conference-csbm-1995"},
	}
	for _, c := range tests {
		t.Run(c.Order, func(t *testing.T) {
			got, err := decodeCursor(c.encode(), c.Order)
			if err != nil {
				t.Fatal(err)
			}
			if got != c {
				t.Errorf("decoded %+v, want %+v", got, c)
			}
			if _, err := decodeCursor(c.encode(), "TITLE:ASC"); err == nil {
				t.Error("a cursor of another order was accepted")
			}
		})
	}
	for _, bad := range []string{"", "not base64!", "e30", "aWQ6eA"} {
		if _, err := decodeCursor(bad, "ID:ASC"); err == nil {
			t.Errorf("%q accepted as a cursor", bad)
		}
	}
}
