package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/bench/corpus"
)

// fastRecords are records with every field of the format set, and values
// that need escapes, written as writers of the format write them.
var fastRecords = []Line{
	{Node: &hemigraph.Node{ID: "ag-res-1412-xxvi-o-96", Kind: hemigraph.KindResolution, Symbol: "AG/RES. 1412 (XXVI-O/96)",
		Title: "Test resolution on \"confidence\" & security <measures>", Aliases: []string{"AG/RES. 1412", "résolution 1412"},
		Date: "1996-06-07", Place: "Panamá, Panama", Source: "https://example.org/a?b=1&c=2", Unresolved: true}},
	{Node: &hemigraph.Node{ID: "x", Kind: hemigraph.KindBody, Title: "tab\tnew line\ncontrol \x01\b\f\r back\\slash / émoji 😀 \u2028", Aliases: []string{}}},
	{Edge: &hemigraph.Edge{From: "a", To: "b", Type: hemigraph.RelCites, Verb: "RECALLING", Through: "c",
		Provenance: hemigraph.Provenance{Source: "test:fast", Evidence: "recalls <b>", Document: "a",
			Clause: &hemigraph.ClauseRef{Index: 3, Kind: "operative", Number: 12, Text: "To convene \"the\" conference", Start: 0, End: -1}}}},
	{Edge: &hemigraph.Edge{From: "a", To: "a", Type: hemigraph.RelMentions, Provenance: hemigraph.Provenance{Source: "s", Clause: &hemigraph.ClauseRef{}}}},
}

// TestDecodeFastTakesWritersLines checks that the lines writers produce
// (WriteJSONL, json.Marshal with its HTML escapes, hand-spaced JSON) are
// decoded by decodeFast rather than left to encoding/json, and to what
// encoding/json gives.
func TestDecodeFastTakesWritersLines(t *testing.T) {
	var lines [][]byte
	for _, r := range fastRecords {
		var buf bytes.Buffer
		var nodes []hemigraph.Node
		var edges []hemigraph.Edge
		if r.Node != nil {
			nodes = append(nodes, *r.Node)
		} else {
			edges = append(edges, *r.Edge)
		}
		if err := WriteJSONL(&buf, nodes, edges); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, bytes.TrimSpace(buf.Bytes()))
		marshalled, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, marshalled)
		var indented bytes.Buffer
		if err := json.Indent(&indented, marshalled, " ", "\t "); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, indented.Bytes())
	}
	lines = append(lines,
		[]byte(`{"node":{"id":"u","kind":"Body","title":"\u00e9\u00C9 \ud83d\ude00 \u0000 \/","unresolved":false}}`),
		[]byte(`{"node":{"id":"v","kind":"Body","title":"t","aliases":[ ]}}`),
		[]byte(`{}`),
		[]byte(`{"node":{},"edge":{}}`),
		[]byte(`{"edge":{"clause":{"index":-0,"start":9223372036854775807}}}`),
	)
	for _, line := range lines {
		got, ok := decodeFast(line)
		if !ok {
			t.Errorf("decodeFast left to encoding/json:\n%s", line)
			continue
		}
		want, err := decodeStd(line, Pos{})
		if err != nil {
			t.Fatalf("encoding/json refuses a test line: %v\n%s", err, line)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeFast(%s)\n = %s\nwant %s", line, dump(got), dump(want))
		}
	}
}

// TestDecodeFastLeavesTheRest checks lines that decodeFast must leave to
// encoding/json, because encoding/json decodes them in its own way (keys
// matched without case, a key twice, null, numbers as floats, lone
// surrogates) or refuses them; decodeLine then gives encoding/json's
// answer.
func TestDecodeFastLeavesTheRest(t *testing.T) {
	for _, line := range []string{
		`{"Node":{"id":"a","kind":"Body","title":"t"}}`,
		`{"node":{"ID":"a","kind":"Body","title":"t"}}`,
		`{"node":{"id":"a","id":"b","kind":"Body","title":"t"}}`,
		`{"node":{"id":"a","kind":"Body","title":"t"},"node":{"place":"p"}}`,
		`{"node":{"id":null,"kind":"Body","title":"t"}}`,
		`{"node":null}`,
		`{"edge":{"from":"a","to":"b","type":"CITES","source":"s","clause":{"index":1.0}}}`,
		`{"edge":{"from":"a","to":"b","type":"CITES","source":"s","clause":{"index":1e2}}}`,
		`{"edge":{"from":"a","to":"b","type":"CITES","source":"s","clause":{"index":01}}}`,
		`{"edge":{"from":"a","to":"b","type":"CITES","source":"s","clause":{"index":99999999999999999999}}}`,
		`{"edge":{"from":"a","to":"b","type":"CITES","source":"s","clause":null}}`,
		`{"node":{"id":"a","kind":"Body","title":"\ud800"}}`,
		`{"node":{"id":"a","kind":"Body","title":"\ud83d\u0041"}}`,
		`{"node":{"id":"a","kind":"Body","title":"\x"}}`,
		`{"node":{"id":"a","kind":"Body","title":"t","unresolved":"yes"}}`,
		`{"node":{"id":"a","kind":"Body","title":"t","aliases":"one"}}`,
		`{"node":{"id":"a","kind":"Body","title":"t","CitedByCount":3}}`,
		`{"node":{"id":"a","kind":"Body","title":"t"}} {}`,
		`{"node":{"id":"a","kind":"Body","title":"t"}} }`,
		`{"node":{"id":"a","kind":"Body","title":"t"}`,
		`{"node":{"id":"a","kind":"Body","title":"t",}}`,
		`{"node":{"id":"a","kind":"Body","title":"t","unresolved":truex}}`,
		"{\"node\":{\"id\":\"a\",\"kind\":\"Body\",\"title\":\"new\nline\"}}",
		`[{"node":{}}]`,
		`"node"`,
	} {
		if l, ok := decodeFast([]byte(line)); ok {
			t.Errorf("decodeFast(%s) = %s, want it left to encoding/json", line, dump(l))
		}
		res := decodeLine([]byte(line), Pos{File: "f", Line: 1})
		want, err := decodeStd([]byte(line), Pos{File: "f", Line: 1})
		switch {
		case err != nil && !reflect.DeepEqual(res.err, err):
			t.Errorf("decodeLine(%s): error %v, want encoding/json's %v", line, res.err, err)
		case err == nil && res.err == nil && !reflect.DeepEqual(Line{Node: res.node, Edge: res.edge}, want):
			t.Errorf("decodeLine(%s) = %s, want %s", line, dump(Line{Node: res.node, Edge: res.edge}), dump(want))
		}
	}
}

// FuzzDecodeFast holds decodeFast to encoding/json: whatever line it
// decodes, encoding/json decodes without error to the same Line.
func FuzzDecodeFast(f *testing.F) {
	for _, r := range fastRecords {
		b, err := json.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	files, err := filepath.Glob("testdata/*.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			f.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			f.Add(bytes.Clone(sc.Bytes()))
		}
		fh.Close()
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !utf8.Valid(raw) {
			return
		}
		got, ok := decodeFast(raw)
		if !ok {
			return
		}
		want, err := decodeStd(raw, Pos{})
		if err != nil {
			t.Fatalf("decodeFast decodes what encoding/json refuses (%v):\n%q", err, raw)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decodeFast(%q)\n = %s\nwant %s", raw, dump(got), dump(want))
		}
	})
}

// dump prints a Line with its pointers followed.
func dump(l Line) string {
	b, _ := json.Marshal(struct {
		Node *hemigraph.Node
		Edge *hemigraph.Edge
		// Aliases tells an empty slice from nil, which Marshal does not.
		NilAliases bool
	}{l.Node, l.Edge, l.Node != nil && l.Node.Aliases == nil})
	return string(b)
}

// BenchmarkDecode compares decodeFast with encoding/json on the lines of a
// generated corpus of 2,000 instruments (the benchmark's, bench/corpus):
// the decoding that is most of a load's validation.
func BenchmarkDecode(b *testing.B) {
	c := corpus.Generate(corpus.Config{Instruments: 2000, Seed: 1})
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, c.Nodes, c.Edges); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	for _, bc := range []struct {
		name   string
		decode func([]byte) bool
	}{
		{"fast", func(raw []byte) bool { _, ok := decodeFast(raw); return ok }},
		{"encoding-json", func(raw []byte) bool { _, err := decodeStd(raw, Pos{}); return err == nil }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			for b.Loop() {
				for _, l := range lines {
					if !bc.decode(l) {
						b.Fatalf("not decoded: %s", l)
					}
				}
			}
		})
	}
}
