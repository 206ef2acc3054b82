package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCompare sends each query to both servers in turn and writes one row
// per query, concurrency and round; a server's errors and an unknown query
// are errors.
func TestCompare(t *testing.T) {
	var hgHits, rawHits atomic.Int64
	answer := func(hits *atomic.Int64) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Write([]byte(`{"data":{"title":"x"}}`))
		}
	}
	hg := httptest.NewServer(answer(&hgHits))
	defer hg.Close()
	raw := httptest.NewServer(answer(&rawHits))
	defer raw.Close()
	cfg := CompareConfig{Hemigraph: hg.URL, Raw: raw.URL, Instruments: 200, Seed: 1,
		Queries: []string{"lookup", "lineage"}, Concurrency: []int{1, 2}, Duration: 50 * time.Millisecond, Rounds: 2}
	var out strings.Builder
	if err := Compare(context.Background(), cfg, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1+2*2*2 {
		t.Fatalf("%d lines, want a header and 8 rows:\n%s", len(lines), out.String())
	}
	for _, l := range lines[1:] {
		if f := strings.Fields(l); len(f) != 7 || (f[0] != "lookup" && f[0] != "lineage") {
			t.Errorf("row %q", l)
		}
	}
	if hgHits.Load() == 0 || rawHits.Load() == 0 {
		t.Errorf("requests: hemigraph %d, raw %d", hgHits.Load(), rawHits.Load())
	}

	cfg.Queries = []string{"lookup", "nope"}
	if err := Compare(context.Background(), cfg, &out); err == nil || !strings.Contains(err.Error(), "neighbourhood") {
		t.Errorf("unknown query: %v, want an error listing the queries", err)
	}
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer failing.Close()
	cfg.Queries, cfg.Raw = []string{"lookup"}, failing.URL
	if err := Compare(context.Background(), cfg, &out); err == nil || !strings.Contains(err.Error(), "errors") {
		t.Errorf("failing raw server: %v, want an error", err)
	}
}
