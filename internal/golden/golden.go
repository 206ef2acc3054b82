// Package golden compares what a test produced with a file under testdata
// — a golden file — and, when the test runs with -update, rewrites the file
// instead. Every package's tests use it, so that one flag means one thing:
//
//	go test ./server -run TestLookups -update
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files (and other recorded expectations) instead of comparing with them")

// Update reports whether the tests run with -update: a test that records
// another kind of expectation rewrites it then.
func Update() bool { return *update }

// Check compares got with the file at path (relative to the package, as a
// rule under testdata/), or writes got there under -update, creating its
// folder. It fails t with a "(-want +got)" diff, or with how to create a
// missing file.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run '%s' -update writes it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// CheckJSON is Check for a JSON body, indented by two spaces and ended by
// a newline first, so that golden files read and diff well.
func CheckJSON(t testing.TB, path string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		t.Fatalf("indent %s: %v\n%s", path, err, body)
	}
	buf.WriteByte('\n')
	Check(t, path, buf.Bytes())
}
