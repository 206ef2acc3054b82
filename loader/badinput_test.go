package loader_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/storetest"
)

const (
	goodNode = `{"node": {"id": "ag-res-1", "kind": "Resolution", "title": "Hemispheric security", "date": "1996"}}`
	goodEdge = `{"edge": {"from": "ag-res-1", "to": "ag-res-1", "type": "CITES", "source": "https://example.org"}}`
)

// latin1 writes s in Latin-1 (every rune below 256 as one byte).
func latin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return string(b)
}

// utf16le writes s in UTF-16LE with its byte-order mark.
func utf16le(s string) string {
	b := []byte{0xff, 0xfe}
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

// hugeLine writes a file of one good line, then a line of size bytes,
// then one more good line, without holding the line in memory.
func hugeLine(t *testing.T, path, first, prefix string, size int, last string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, first)
	w.WriteString(prefix)
	chunk := strings.Repeat("a", 1<<16)
	for n := len(prefix); n < size; n += len(chunk) {
		w.WriteString(chunk)
	}
	fmt.Fprintln(w, `"}}`)
	fmt.Fprintln(w, last)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestBadBulkInput feeds the loader files that are truncated, binary, in
// another encoding than UTF-8, or with a 100 MB line: each must be refused
// with a clear error naming the file and line, in bounded memory, and
// nothing written.
func TestBadBulkInput(t *testing.T) {
	eiffel := `{"node": {"id": "conf-1", "kind": "Conference", "title": "Conferência Especial sobre Segurança", "place": "México"}}`
	csvNodes := "id,kind,title,place\nconf-1,Conference,Conferência Especial sobre Segurança,México\n"
	for _, tc := range []struct {
		name, file string
		content    string // "" for the 100 MB cases, written by hugeLine
		huge       func(t *testing.T, path string)
		want       string // in one of the errors
	}{
		{name: "truncated JSON line", file: "t.jsonl", content: goodNode + "\n" + goodEdge[:40], want: "FILE:2"},
		{name: "truncated CSV", file: "t.csv", content: "id,kind,title\nag-res-1,Resolution,\"Hemispheric sec", want: "FILE:2"},
		{name: "binary", file: "b.jsonl", content: "\x00\x01\x02\x03\xff\xfe\xfd\n\x89PNG\r\n\x1a\n\x00\x00", want: "FILE:1"},
		{name: "binary CSV", file: "b.csv", content: "\x00\x01\x02\x03\xff\xfe\xfd\n\x89PNG\r\n\x1a\n\x00\x00", want: "FILE:1"},
		{name: "Latin-1 JSON", file: "l.jsonl", content: latin1(eiffel) + "\n", want: "not UTF-8"},
		{name: "Latin-1 CSV", file: "l.csv", content: latin1(csvNodes), want: "not UTF-8"},
		{name: "UTF-16 JSON", file: "u.jsonl", content: utf16le(goodNode + "\n"), want: "UTF-16"},
		{name: "UTF-16 CSV", file: "u.csv", content: utf16le(csvNodes), want: "UTF-16"},
		{name: "100 MB JSON line", file: "h.jsonl", want: "longer than", huge: func(t *testing.T, path string) {
			hugeLine(t, path, goodNode, `{"node": {"id": "x", "kind": "Resolution", "title": "`, 100<<20, goodEdge)
		}},
		{name: "100 MB CSV line", file: "h.csv", want: "longer than", huge: func(t *testing.T, path string) {
			hugeLine(t, path, "id,kind,title", `ag-res-2,Resolution,"`, 100<<20, "ag-res-3,Resolution,Title")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.file)
			if tc.huge != nil {
				tc.huge(t, path)
			} else if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b, errs, err := loader.ReadPaths([]string{path})
			runtime.ReadMemStats(&after)
			// Never the whole 100 MB line: the readers stop at the limit
			// of one record (16 MiB), having allocated a few copies of it
			// at most, whatever the line's length.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 160<<20 {
				t.Errorf("reading allocated %d MB, want at most 160 MB", alloc>>20)
			}
			all := append([]error(nil), errs...)
			if err != nil {
				all = append(all, err)
			}
			if len(all) == 0 {
				t.Fatalf("no error; read %d nodes, %d edges", len(b.Nodes), len(b.Edges))
			}
			var text []string
			for _, e := range all {
				text = append(text, e.Error())
			}
			joined := strings.ReplaceAll(strings.Join(text, "\n"), path, "FILE")
			if !strings.Contains(joined, tc.want) {
				t.Errorf("errors do not say %q:\n%.2000s", tc.want, joined)
			}
			if len(all) > 10 {
				t.Errorf("%d errors for one bad file, want a few:\n%.2000s", len(all), joined)
			}
			if b == nil {
				return
			}
			eachStore(t, func(t *testing.T, open func(t *testing.T) storetest.Store) {
				s := open(t)
				l := &loader.Loader{W: s}
				_, _, err := l.Load(context.Background(), b, errs)
				if !errors.Is(err, loader.ErrRefused) {
					t.Errorf("load: %v, want it refused", err)
				}
				if c := counts(t, s); c != [2]int{} {
					t.Errorf("the refused load wrote %v", c)
				}
			})
		})
	}
}
