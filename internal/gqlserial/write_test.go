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
}

// TestWriterMarshaler: a Writer's Marshaler writes what was written, once;
// the Writer then serves the next answer empty, and a second MarshalGQL
// of the first value writes null rather than what the next answer wrote.
func TestWriterMarshaler(t *testing.T) {
	w := gqlserial.NewWriter()
	w.Key("id")
	w.Quote("x")
	m := w.Marshaler()
	var first, again bytes.Buffer
	m.MarshalGQL(&first)
	if first.String() != `"id":"x"` {
		t.Errorf("MarshalGQL wrote %s, want %s", first.String(), `"id":"x"`)
	}
	// The pool may hand back the same Writer, or another: either is empty.
	next := gqlserial.NewWriter()
	if next.Len() != 0 {
		t.Errorf("a Writer from the pool holds %q", next.String())
	}
	next.Quote("another answer")
	m.MarshalGQL(&again)
	if again.String() != "null" {
		t.Errorf("a second MarshalGQL wrote %s, want null", again.String())
	}
	next.Free()
}

// TestWriterFreeForgetsFields: a Writer given back forgets the fields it
// collected, which hold for the operation it served only: the next answer,
// whose variables leave a field out, does not get them.
func TestWriterFreeForgetsFields(t *testing.T) {
	sel, _ := listSelection(t, `query($more: Boolean!) { instrumentsLeadingTo(conference: "x") { entries { node { id title @include(if: $more) } } } }`,
		"instrumentsLeadingTo", "entries", "node")
	impl := []string{"Instrument", "Node", "Entity"}
	with := &graphql.OperationContext{Variables: map[string]any{"more": true}}
	without := &graphql.OperationContext{Variables: map[string]any{"more": false}}
	for range 20 { // the pool may hand back another Writer: try often
		w := gqlserial.NewWriter()
		if n := len(w.Fields(with, sel, impl)); n != 2 {
			t.Fatalf("collected %d fields with $more, want 2", n)
		}
		w.Free()
		w = gqlserial.NewWriter()
		if n := len(w.Fields(without, sel, impl)); n != 1 {
			t.Fatalf("a Writer from the pool collected %d fields without $more, want 1: it kept an earlier answer's", n)
		}
		w.Free()
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
