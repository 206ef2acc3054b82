package gqlserial_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hemigraph/hemigraph/internal/gqlserial"
)

// The writers must write what gqlgen's marshallers of the same scalars
// write, byte for byte: the plain path's answers are compared with gqlgen's
// as bytes (graph's TestPlainMatchesGqlgen), and clients may cache them so.
func TestWritersMatchGqlgen(t *testing.T) {
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
		var got, want bytes.Buffer
		gqlserial.WriteString(&got, s)
		graphql.MarshalString(s).MarshalGQL(&want)
		if got.String() != want.String() {
			t.Errorf("WriteString(%q) = %s, gqlgen writes %s", s, got.String(), want.String())
		}
		got.Reset()
		want.Reset()
		graphql.MarshalID(s).MarshalGQL(&want)
		gqlserial.WriteString(&got, s)
		if got.String() != want.String() {
			t.Errorf("WriteString(%q) = %s, gqlgen writes the ID %s", s, got.String(), want.String())
		}
	}
	for _, n := range []int{0, 1, -1, 1996, math.MaxInt, math.MinInt} {
		var got, want bytes.Buffer
		gqlserial.WriteInt(&got, n)
		graphql.MarshalInt(n).MarshalGQL(&want)
		if got.String() != want.String() {
			t.Errorf("WriteInt(%d) = %s, gqlgen writes %s", n, got.String(), want.String())
		}
	}
	for _, v := range []bool{true, false} {
		var got, want bytes.Buffer
		gqlserial.WriteBool(&got, v)
		graphql.MarshalBoolean(v).MarshalGQL(&want)
		if got.String() != want.String() {
			t.Errorf("WriteBool(%v) = %s, gqlgen writes %s", v, got.String(), want.String())
		}
	}
	var key bytes.Buffer
	gqlserial.WriteKey(&key, "citedBy")
	if key.String() != `"citedBy":` {
		t.Errorf("WriteKey(citedBy) = %s", key.String())
	}
	var w bytes.Buffer
	gqlserial.Raw(`{"id":"x"}`).MarshalGQL(&w)
	if w.String() != `{"id":"x"}` {
		t.Errorf("Raw writes %s", w.String())
	}
}
