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

	// With the peer: three more columns, "-" where it has no such query.
	var peerHits atomic.Int64
	peer := httptest.NewServer(answer(&peerHits))
	defer peer.Close()
	cfg.Peer, cfg.Queries, cfg.Concurrency, cfg.Rounds = peer.URL, []string{"lookup", "neighbourhood"}, []int{1}, 1
	out.Reset()
	if err := Compare(context.Background(), cfg, &out); err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "hemigraph / peer") {
		t.Fatalf("with the peer:\n%s", out.String())
	}
	if f := strings.Fields(lines[1]); len(f) != 10 || f[0] != "lookup" || f[7] == "-" {
		t.Errorf("lookup row with the peer: %q", lines[1])
	}
	if f := strings.Fields(lines[2]); len(f) != 10 || f[0] != "neighbourhood" || f[7] != "-" || f[9] != "-" {
		t.Errorf("neighbourhood row, which the peer does not have: %q", lines[2])
	}
	if peerHits.Load() == 0 {
		t.Error("no request reached the peer")
	}
	cfg.Peer = ""

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
