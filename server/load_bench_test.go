package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	synth "github.com/hemigraph/hemigraph/bench/corpus"
	"github.com/hemigraph/hemigraph/internal/neo4jtest"
	"github.com/hemigraph/hemigraph/loader"
	"github.com/hemigraph/hemigraph/memstore"
	"github.com/hemigraph/hemigraph/server"
)

// BenchmarkLoadHTTP compares a load over HTTP — the synthetic corpus sent
// to POST /load of a real listening server, spooled, hashed, read,
// validated and written — with the same file loaded as the command line
// loads it (loader.OpenFile, then the loader), each from an empty store,
// in memory and, when NEO4J_TEST_URI is set, on Neo4j. Each reports
// rows/s of the load alone (emptying the store is not counted).
// BENCH_LOAD_INSTRUMENTS sets the corpus size (default 10000).
//
//	NEO4J_TEST_URI=bolt://... go test ./server -run '^$' -bench LoadHTTP -benchtime 3x -count 3
func BenchmarkLoadHTTP(b *testing.B) {
	n := 10000
	if s := os.Getenv("BENCH_LOAD_INSTRUMENTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	path, rows := writeCorpus(b, n)
	stores := []struct {
		name  string
		fresh func(b *testing.B) store
	}{{"memory", func(*testing.B) store { return memstore.New() }}}
	if os.Getenv(neo4jtest.EnvURI) != "" {
		s := neo4jtest.Open(b)
		stores = append(stores, struct {
			name  string
			fresh func(b *testing.B) store
		}{"neo4j", func(b *testing.B) store {
			if err := s.Wipe(context.Background()); err != nil {
				b.Fatal(err)
			}
			if err := s.EnsureSchema(context.Background()); err != nil {
				b.Fatal(err)
			}
			return s
		}})
	}
	for _, st := range stores {
		b.Run(st.name+"/cli", func(b *testing.B) {
			var took time.Duration
			for b.Loop() {
				s := st.fresh(b)
				t0 := time.Now()
				in, err := loader.OpenFile(path)
				if err != nil {
					b.Fatal(err)
				}
				l := &loader.Loader{W: s, G: s, By: "bench"}
				if _, errs, err := l.LoadInputs(context.Background(), []loader.Input{in}); err != nil || len(errs) > 0 {
					b.Fatalf("load: %v %v", err, errs)
				}
				took += time.Since(t0)
			}
			b.ReportMetric(float64(rows*b.N)/took.Seconds(), "rows/s")
		})
		b.Run(st.name+"/http", func(b *testing.B) {
			var took time.Duration
			for b.Loop() {
				ls := newLoadServer(b, st.fresh(b), server.Config{})
				srv := httptest.NewServer(ls.h)
				t0 := time.Now()
				postCorpus(b, srv.URL, path)
				took += time.Since(t0)
				srv.Close()
			}
			b.ReportMetric(float64(rows*b.N)/took.Seconds(), "rows/s")
		})
	}
}

// writeCorpus writes the synthetic corpus of n instruments to a file and
// returns its path and its rows.
func writeCorpus(b *testing.B, n int) (string, int) {
	b.Helper()
	c := synth.Generate(synth.Config{Instruments: n, Seed: 1})
	path := filepath.Join(b.TempDir(), "corpus-"+strconv.Itoa(n)+".jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := loader.WriteJSONL(w, c.Nodes, c.Edges); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path, len(c.Nodes) + len(c.Edges)
}

// postCorpus streams the file at path to base's POST /load with the
// write token, and fails unless it loads without errors.
func postCorpus(b *testing.B, base, path string) {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	req, err := http.NewRequest(http.MethodPost, base+"/load?name=corpus.jsonl", f)
	if err != nil {
		b.Fatal(err)
	}
	req.ContentLength = info.Size()
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", "Bearer "+writeSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var a loadAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != http.StatusOK || len(a.RecordErrors) > 0 {
		b.Fatalf("status %d: %v %+v", resp.StatusCode, err, a)
	}
}
