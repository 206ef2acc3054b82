package server

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestWriteJSON checks the response writer against encoding/json: the
// same keys in the same order and the same values, with the data written
// byte for byte, and a nil response (the JSON null) in one write, which
// timeoutWriter looks for.
func TestWriteJSON(t *testing.T) {
	yes := true
	for _, tc := range []struct {
		name string
		resp *graphql.Response
	}{
		{"nil", nil},
		{"data", &graphql.Response{Data: json.RawMessage(`{"node":{"id":"a","title":"Peace & security <1995>"}}`)}},
		{"no data", &graphql.Response{}},
		{"errors", &graphql.Response{
			Errors: gqlerror.List{{Message: "no such node", Path: ast.Path{ast.PathName("node")}, Extensions: map[string]any{"code": "NOT_FOUND"}}},
			Data:   json.RawMessage(`{"node":null}`),
		}},
		{"errors without data", &graphql.Response{Errors: gqlerror.List{{Message: "parse"}}}},
		{"every field", &graphql.Response{
			Errors: gqlerror.List{{Message: "m"}}, Data: json.RawMessage(`[1,2]`), Label: "l",
			Path: ast.Path{ast.PathName("a"), ast.PathIndex(3)}, HasNext: &yes,
			Extensions: map[string]any{"cost": 4, "z": "last", "a": []any{"first"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &writes{}
			writeJSON(rec, tc.resp)
			got := bytes.Join(rec.writes, nil)
			if tc.resp == nil && len(rec.writes) != 1 {
				t.Errorf("null in %d writes, want one", len(rec.writes))
			}
			want, err := json.Marshal(tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(got) {
				t.Fatalf("not JSON: %s", got)
			}
			// Same keys in the same order: the decoder's token stream.
			if g, w := tokens(t, got), tokens(t, want); !reflect.DeepEqual(g, w) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if tc.resp != nil && len(tc.resp.Data) > 0 {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(got, &m); err != nil {
					t.Fatal(err)
				}
				if string(m["data"]) != string(tc.resp.Data) {
					t.Errorf("data %s, want it copied as it is: %s", m["data"], tc.resp.Data)
				}
			}
		})
	}
}

// writes records each write of an answer.
type writes struct {
	httptest.ResponseRecorder
	writes [][]byte
}

func (w *writes) Write(b []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(b))
	return len(b), nil
}

// tokens is the sequence of JSON tokens of b.
func tokens(t *testing.T, b []byte) []any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	var out []any
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		out = append(out, tok)
	}
}
