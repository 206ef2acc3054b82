package harness

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hemigraph/hemigraph/bench/loadgen"
)

// TestRequests checks what each target is asked: hemigraph and the peer
// by GraphQL at their URL, the raw driver by GET on its path, the same
// arguments for every target (the peer's capitalized where it must be).
func TestRequests(t *testing.T) {
	cf := corpusFile{instruments: []string{"i0", "i1", "i2"}, conferences: []string{"c0", "c1"}}
	qs := queries(cf)
	var names []string
	for _, q := range qs {
		names = append(names, q.name)
	}
	if diff := cmp.Diff([]string{"lookup", "nested relations", "filtered list page", "full-text search", "lineage (depth 4)", "neighbourhood"}, names); diff != "" {
		t.Fatalf("queries (-want +got):\n%s", diff)
	}
	for _, q := range qs {
		t.Run(q.name, func(t *testing.T) {
			hg, ok := q.request(targetHemigraph, "http://h/graphql").(loadgen.GraphQL)
			if !ok || hg.URL != "http://h/graphql" || hg.Query != q.hemigraph || hg.Want != q.want {
				t.Fatalf("hemigraph request = %#v", hg)
			}
			raw, ok := q.request(targetRaw, "http://r").(loadgen.Get)
			if !ok || raw.Want != q.want {
				t.Fatalf("raw request = %#v", raw)
			}
			for i := range 5 {
				arg := hg.Vars(i)[q.argName].(string)
				u, err := url.Parse(raw.URL(i))
				if err != nil {
					t.Fatal(err)
				}
				if u.Path != q.rawPath || u.Query().Get(q.argName) != arg {
					t.Errorf("request %d: raw URL %s, want %s?%s=%s", i, raw.URL(i), q.rawPath, q.argName, arg)
				}
				if q.peer == "" {
					continue
				}
				peer := q.request(targetPeer, "http://p/").(loadgen.GraphQL)
				want := arg
				if q.peerArg != nil {
					want = q.peerArg(arg)
				}
				if got := peer.Vars(i)[q.argName]; got != want {
					t.Errorf("request %d: peer argument %v, want %v", i, got, want)
				}
			}
			if q.peer == "" {
				if r := q.request(targetPeer, "http://p/"); r != nil {
					t.Errorf("peer request = %#v, want none", r)
				}
			}
		})
	}
	// The filtered list page asks the peer for the capitalized word.
	for _, q := range qs {
		if q.name == "filtered list page" {
			peer := q.request(targetPeer, "http://p/").(loadgen.GraphQL)
			if got := peer.Vars(1)["title"]; got != "Terrorism" {
				t.Errorf("peer title of request 1 = %v, want Terrorism", got)
			}
			req, err := peer.New(context.Background(), 1)
			if err != nil || req.URL.String() != "http://p/" {
				t.Errorf("peer request to %v, %v", req.URL, err)
			}
		}
	}
}

func TestShorten(t *testing.T) {
	long := strings.Repeat("x", 200)
	for _, tc := range []struct{ name, in, want string }{
		{"white space collapsed", "  a\n\tb   c ", "a b c"},
		{"cut at 160 bytes", long, strings.Repeat("x", 160) + "…"},
		{"160 bytes kept", long[:160], long[:160]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shorten(tc.in); got != tc.want {
				t.Errorf("shorten = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPeerStatsURL(t *testing.T) {
	if got, want := peerStatsURL("http://127.0.0.1:4000/"), "http://127.0.0.1:4001/"; got != want {
		t.Errorf("peerStatsURL = %q, want %q", got, want)
	}
}

func TestServerTable(t *testing.T) {
	cell := func(q string, conc int, target string, rps float64, na string) serverCell {
		c := serverCell{Query: q, Concurrency: conc, Target: target, NA: na}
		c.Stats.RPS = rps
		return c
	}
	s := &serverResult{
		Concurrency: []int{1, 16},
		Cells: []serverCell{
			cell("lookup", 1, targetHemigraph, 300, ""),
			cell("lookup", 1, targetRaw, 400, ""),
			cell("lookup", 1, targetPeer, 100, ""),
			cell("paths", 1, targetHemigraph, 50, ""),
			cell("paths", 1, targetPeer, 0, "no such query"),
			cell("lookup", 16, targetPeer, 200, ""),
			cell("paths", 16, targetPeer, 0, "no such query"),
		},
		Statements: map[string]map[string]float64{targetHemigraph: {"lookup": 1.25}},
		PeakRSSMB:  map[string]float64{targetHemigraph: 60, targetPeer: 300},
	}
	t.Run("rows", func(t *testing.T) {
		c := s.Cells
		want := []serverRow{
			{Query: "lookup", Conc: 1, Cells: [3]*serverCell{&c[0], &c[1], &c[2]}},
			{Query: "paths", Conc: 1, Cells: [3]*serverCell{&c[3], nil, &c[4]}},
			{Query: "lookup", Conc: 16, Cells: [3]*serverCell{nil, nil, &c[5]}},
			{Query: "paths", Conc: 16, Cells: [3]*serverCell{nil, nil, &c[6]}},
		}
		if diff := cmp.Diff(want, s.rows()); diff != "" {
			t.Errorf("rows (-want +got):\n%s", diff)
		}
	})
	t.Run("ratios", func(t *testing.T) {
		c := s.Cells
		for _, tc := range []struct {
			name string
			a, b *serverCell
			want string
		}{
			{"measured", &c[0], &c[2], "3.00"},
			{"slower", &c[0], &c[1], "0.75"},
			{"missing", &c[3], nil, "—"},
			{"not measured", &c[3], &c[4], "—"},
			{"no requests", &c[4], &c[3], "—"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := ratio(tc.a, tc.b); got != tc.want {
					t.Errorf("ratio = %q, want %q", got, tc.want)
				}
			})
		}
	})
	t.Run("not measured, first concurrency only", func(t *testing.T) {
		if diff := cmp.Diff([]serverCell{s.Cells[4]}, s.notMeasured()); diff != "" {
			t.Errorf("notMeasured (-want +got):\n%s", diff)
		}
	})
	t.Run("queries", func(t *testing.T) {
		if diff := cmp.Diff([]string{"lookup", "paths"}, uniqueQueries(s.Cells)); diff != "" {
			t.Errorf("uniqueQueries (-want +got):\n%s", diff)
		}
	})
	t.Run("statements", func(t *testing.T) {
		got := []string{s.statements(targetHemigraph, "lookup"), s.statements(targetHemigraph, "paths"), s.statements(targetRaw, "lookup")}
		if diff := cmp.Diff([]string{"1.2", "—", "—"}, got); diff != "" {
			t.Errorf("statements (-want +got):\n%s", diff)
		}
	})
	t.Run("peak RSS", func(t *testing.T) {
		if diff := cmp.Diff([]float64{60, 0, 300}, s.peakRSS()); diff != "" {
			t.Errorf("peakRSS (-want +got):\n%s", diff)
		}
	})
}

// TestTargets checks each target's threshold on both sides.
func TestTargets(t *testing.T) {
	server := func(hg, raw, peer, rss float64) *serverResult {
		return &serverResult{Concurrency: []int{1}, Cells: []serverCell{
			{Query: "lookup", Concurrency: 1, Target: targetHemigraph, Stats: loadgen.Stats{RPS: hg}},
			{Query: "lookup", Concurrency: 1, Target: targetRaw, Stats: loadgen.Stats{RPS: raw}},
			{Query: "lookup", Concurrency: 1, Target: targetPeer, Stats: loadgen.Stats{RPS: peer}},
		}, PeakRSSMB: map[string]float64{targetHemigraph: rss}}
	}
	for _, tc := range []struct {
		name string
		r    results
		want []target
	}{
		{"nothing measured", results{}, nil},
		{"loader met", results{Loads: []loadResult{{Instruments: 10, RatioAB: 0.9, RatioAC: 30}}}, []target{
			{"loader ≥ 0.9 × ceiling (10)", "a/b = 0.90", "yes"},
			{"loader ≥ 30 × floor (10)", "a/c = 30.0", "yes"},
		}},
		{"loader missed", results{Loads: []loadResult{{Instruments: 10, RatioAB: 0.89, RatioAC: 29.9}}}, []target{
			{"loader ≥ 0.9 × ceiling (10)", "a/b = 0.89", "**no**"},
			{"loader ≥ 30 × floor (10)", "a/c = 29.9", "**no**"},
		}},
		{"scaling", results{Scaling: []scalingResult{{From: 1, To: 10, RowsRatio: 10, TimeRatio: 11}, {From: 10, To: 100, RowsRatio: 10, TimeRatio: 11.5}}}, []target{
			{"10.0× the rows in ≤ 11.0× the time (1 → 10)", "11.00×", "yes"},
			{"10.0× the rows in ≤ 11.0× the time (10 → 100)", "11.50×", "**no**"},
		}},
		{"readers", results{Readers: []readerResult{{Name: "text reader a", MBps: 20}, {Name: "text reader b", Note: "x"}, {Name: "JSONL", MBps: 1}}}, []target{
			{"text reader ≥ 20 MB/s on one core", "20.0 MB/s", "yes"},
			{"text reader ≥ 20 MB/s on one core", "not measured", "—"},
		}},
		{"server met", results{Server: server(200, 200, 100, 100)}, []target{
			{"server ≥ 2 × @neo4j/graphql: lookup, c=1", "2.00×", "yes"},
			{"lookup within 15% of raw driver, c=1", "1.00×", "yes"},
			{"server RSS ≤ 100 MB at concurrency 64", "peak 100 MB", "yes"},
		}},
		{"server missed", results{Server: server(199, 250, 100, 0)}, []target{
			{"server ≥ 2 × @neo4j/graphql: lookup, c=1", "1.99×", "**no**"},
			{"lookup within 15% of raw driver, c=1", "0.80×", "**no**"},
			{"server RSS ≤ 100 MB at concurrency 64", "peak 0 MB", "**no**"},
		}},
		{"lineage", results{Lineage: []lineageResult{
			{Instruments: 100000, P50: 20, P95: 50},
			{Instruments: 1000000, P50: 20, P95: 40, Requests: 9, Errors: 1},
		}}, []target{
			{"lineage depth 6, p95 ≤ 50 ms (100000 instruments) — target is set at 1M", "p50 20.0 ms, p95 50.0 ms", "yes"},
			{"lineage depth 6, p95 ≤ 50 ms (1000000 instruments)", "p50 20.0 ms, p95 40.0 ms over 9 answered; 1 failed (timeouts)", "**no**"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.r.targets()); diff != "" {
				t.Errorf("targets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWarmQuery checks the warm pass before a query's first cell: every
// target is sent the query, at no more than 16 requests at once, and
// nothing is sent when the warm-up is 0.
func TestWarmQuery(t *testing.T) {
	tests := []struct {
		name     string
		concs    []int
		d        time.Duration
		wantSent bool
		maxPeak  int64
	}{
		{"one at a time", []int{1}, 150 * time.Millisecond, true, 1},
		{"capped at 16", []int{1, 16, 64}, 150 * time.Millisecond, true, 16},
		{"off", []int{1, 16}, 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var reqs []loadgen.Request
			var sent [2]atomic.Int64
			var inFlight, peak atomic.Int64
			for i := range sent {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					n := inFlight.Add(1)
					defer inFlight.Add(-1)
					for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
					}
					sent[i].Add(1)
					time.Sleep(5 * time.Millisecond)
				}))
				defer srv.Close()
				reqs = append(reqs, loadgen.Get{URL: func(int) string { return srv.URL }})
			}
			warmQuery(context.Background(), tt.concs, tt.d, reqs)
			for i := range sent {
				if got := sent[i].Load() > 0; got != tt.wantSent {
					t.Errorf("target %d: %d requests, want some: %v", i, sent[i].Load(), tt.wantSent)
				}
			}
			if p := peak.Load(); p > tt.maxPeak {
				t.Errorf("%d requests at once, want at most %d", p, tt.maxPeak)
			}
		})
	}
}
