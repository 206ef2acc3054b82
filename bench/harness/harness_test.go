package harness

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGen(t *testing.T) {
	var stdout bytes.Buffer
	if err := Gen(GenConfig{Instruments: 40, Seed: 3}, &stdout); err != nil {
		t.Fatal(err)
	}
	if stdout.Len() == 0 || !bytes.HasSuffix(stdout.Bytes(), []byte("\n")) {
		t.Fatalf("gen wrote %d bytes, want JSON Lines", stdout.Len())
	}
	t.Run("to a file, the same bytes", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "corpus.jsonl")
		var unused bytes.Buffer
		if err := Gen(GenConfig{Instruments: 40, Seed: 3, Out: path}, &unused); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, stdout.Bytes()) || unused.Len() != 0 {
			t.Errorf("file holds %d bytes and stdout got %d, want the %d bytes of stdout in the file only", len(got), unused.Len(), stdout.Len())
		}
	})
	t.Run("another seed, another corpus", func(t *testing.T) {
		var other bytes.Buffer
		if err := Gen(GenConfig{Instruments: 40, Seed: 4}, &other); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(other.Bytes(), stdout.Bytes()) {
			t.Error("seeds 3 and 4 wrote the same corpus")
		}
	})
	t.Run("unwritable", func(t *testing.T) {
		err := Gen(GenConfig{Instruments: 1, Seed: 1, Out: filepath.Join(t.TempDir(), "no", "such", "dir")}, io.Discard)
		if err == nil {
			t.Error("gen into a missing folder: no error")
		}
	})
}

func TestNeo4jDatabase(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    Neo4j
		want string
	}{
		{"default", Neo4j{URI: "bolt://x"}, "neo4j"},
		{"named", Neo4j{URI: "bolt://x", Database: "bench"}, "bench"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.n.database(); got != tc.want {
				t.Errorf("database = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNeedsNeo4jURI checks that every command that speaks to Neo4j says
// so when NEO4J_URI is unset, before anything else is done.
func TestNeedsNeo4jURI(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		run  func() error
		want string
	}{
		{"run", func() error { return Run(ctx, RunConfig{Out: filepath.Join(t.TempDir(), "r.md")}, log) }, "NEO4J_URI is not set"},
		{"rawserve", func() error { return RawServe(ctx, "127.0.0.1:0", Neo4j{}, log) }, "NEO4J_URI is not set"},
		{"explain", func() error { return Explain(ctx, ExplainConfig{Type: "CITES"}, log, io.Discard) }, "NEO4J_URI is not set"},
		// The type is checked first: it is written into the statements.
		{"explain, bad type", func() error { return Explain(ctx, ExplainConfig{Type: "CITES}-(x"}, log, io.Discard) }, `flag -type: "CITES}-(x" is not a relationship type`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
}
