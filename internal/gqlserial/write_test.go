package gqlserial_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hemigraph/hemigraph/graph/model"
	"github.com/hemigraph/hemigraph/internal/gqlserial"
)

// The Writer must write what gqlgen's marshallers of the same leaves
// write, byte for byte: the plain path's answers are compared with gqlgen's
// as bytes (graph's TestPlainMatchesGqlgen), and clients may cache them so.
func TestWriterMatchesGqlgen(t *testing.T) {
	check := func(what string, write func(w *gqlserial.Writer), m graphql.Marshaler) {
		t.Helper()
		var w gqlserial.Writer
		var want bytes.Buffer
		write(&w)
		m.MarshalGQL(&want)
		if w.String() != want.String() {
			t.Errorf("%s: wrote %s, gqlgen writes %s", what, w.String(), want.String())
		}
	}
	strs := []string{
		"", "AG/RES. 1412 (XXVI-O/96)", `a "quoted" \ back\slash`, "tab\tnew\nline\rreturn",
		"Conferência Especial sobre Segurança — México", "\x00\x01\x1f\x7f", "\xff\xfe invalid \xc3", "<script>&amp;</script>",
	}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	strs = append(strs, string(all))
	for _, s := range strs {
		check("String "+s, func(w *gqlserial.Writer) { w.Quote(s) }, graphql.MarshalString(s))
		check("ID "+s, func(w *gqlserial.Writer) { w.Quote(s) }, graphql.MarshalID(s))
	}
	for _, n := range []int{0, 1, -1, 1996, math.MaxInt, math.MinInt} {
		check("Int", func(w *gqlserial.Writer) { w.Int(n) }, graphql.MarshalInt(n))
	}
	for _, v := range []bool{true, false} {
		check("Boolean", func(w *gqlserial.Writer) { w.Bool(v) }, graphql.MarshalBoolean(v))
	}
	// Every value of an enum of the model, and values no enum has.
	for _, v := range append(model.AllRelationType, "NOT_A_TYPE_2", "", "tab\there", "é", "\x01", `"`) {
		check("enum "+string(v), func(w *gqlserial.Writer) { w.Enum(string(v)) }, v)
	}

	var w gqlserial.Writer
	w.Key("citedBy")
	if w.String() != `"citedBy":` {
		t.Errorf("Key(citedBy) wrote %s", w.String())
	}
	var raw bytes.Buffer
	gqlserial.Raw(`{"id":"x"}`).MarshalGQL(&raw)
	if raw.String() != `{"id":"x"}` {
		t.Errorf("Raw wrote %s", raw.String())
	}
}

// TestWriterFields: a selection is collected once per type and Writer, and
// the fields are those gqlgen collects.
func TestWriterFields(t *testing.T) {
	sel, _ := listSelection(t, `{ instrumentsLeadingTo(conference: "x") { entries { node { id ... on Instrument { symbol } } } } }`,
		"instrumentsLeadingTo", "entries", "node")
	op := &graphql.OperationContext{}
	names := func(fs []graphql.CollectedField) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	instrument, conference := []string{"Instrument", "Node", "Entity"}, []string{"Conference", "Node", "Entity"}
	var w gqlserial.Writer
	for range 3 {
		for _, impl := range [][]string{instrument, conference} {
			got, want := names(w.Fields(op, sel, impl)), names(graphql.CollectFields(op, sel, impl))
			if !slicesEqual(got, want) {
				t.Errorf("Fields on %s = %v, gqlgen collects %v", impl[0], got, want)
			}
		}
	}
	if got := names(w.Fields(op, sel, instrument)); !slicesEqual(got, []string{"id", "symbol"}) {
		t.Errorf("Fields on Instrument = %v, want [id symbol]", got)
	}
	if got := names(w.Fields(op, sel, conference)); !slicesEqual(got, []string{"id"}) {
		t.Errorf("Fields on Conference = %v, want [id]", got)
	}
	if got := testing.AllocsPerRun(100, func() { w.Fields(op, sel, instrument) }); got != 0 {
		t.Errorf("collecting a selection met before allocated %.0f times, want 0", got)
	}
	if got := names(w.Fields(op, ast.SelectionSet{}, instrument)); len(got) != 0 {
		t.Errorf("Fields of an empty selection = %v", got)
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
