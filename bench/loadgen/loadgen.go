// Package loadgen is the HTTP load generator of the server benchmark: a
// fixed number of workers send requests back to back for a bounded time
// (and a bounded count), and the latencies are summarized as req/s and
// percentiles. It only ever talks to the URLs it is given; the benchmark
// gives it 127.0.0.1 addresses.
package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Request builds the i-th request of a run and checks its response body.
type Request interface {
	New(ctx context.Context, i int) (*http.Request, error)
	Check(body []byte) error
}

// Run bounds a measurement.
type Run struct {
	Concurrency int
	Duration    time.Duration // measured phase
	Warmup      time.Duration // unmeasured phase before it
	MaxRequests int           // hard bound on the measured requests; 0 means 1,000,000
}

// Stats summarizes a measurement. Latencies are in milliseconds.
type Stats struct {
	Requests int           `json:"requests"`
	Errors   int           `json:"errors"`
	FirstErr string        `json:"firstError,omitempty"`
	Took     time.Duration `json:"took"`
	RPS      float64       `json:"rps"`
	P50      float64       `json:"p50"`
	P95      float64       `json:"p95"`
	P99      float64       `json:"p99"`
}

// Client returns an HTTP client that keeps enough idle connections for
// concurrency workers.
func Client(concurrency int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = concurrency * 2
	t.MaxIdleConnsPerHost = concurrency * 2
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}

// Do runs r: a warm-up, then the measured phase, with run.Concurrency
// workers sending req back to back. Requests are numbered across workers,
// so the same run sends the same sequence of arguments to any target.
func Do(ctx context.Context, c *http.Client, run Run, req Request) Stats {
	if run.MaxRequests == 0 {
		run.MaxRequests = 1_000_000
	}
	phase := func(d time.Duration, max int, record bool) (lat []time.Duration, errs int, first string, took time.Duration) {
		var (
			next   atomic.Int64
			mu     sync.Mutex
			wg     sync.WaitGroup
			all    = make([][]time.Duration, run.Concurrency)
			errCnt atomic.Int64
		)
		deadline := time.Now().Add(d)
		start := time.Now()
		for w := range run.Concurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) && ctx.Err() == nil {
					i := int(next.Add(1)) - 1
					if i >= max {
						return
					}
					t0 := time.Now()
					err := once(ctx, c, req, i)
					el := time.Since(t0)
					if err != nil {
						errCnt.Add(1)
						mu.Lock()
						if first == "" {
							first = err.Error()
						}
						mu.Unlock()
						continue
					}
					if record {
						all[w] = append(all[w], el)
					}
				}
			}()
		}
		wg.Wait()
		took = time.Since(start)
		for _, l := range all {
			lat = append(lat, l...)
		}
		return lat, int(errCnt.Load()), first, took
	}
	if run.Warmup > 0 {
		phase(run.Warmup, run.MaxRequests, false)
	}
	lat, errs, first, took := phase(run.Duration, run.MaxRequests, true)
	s := Stats{Requests: len(lat), Errors: errs, FirstErr: first, Took: took}
	if len(lat) == 0 {
		return s
	}
	slices.Sort(lat)
	s.RPS = float64(len(lat)) / took.Seconds()
	s.P50, s.P95, s.P99 = ms(pct(lat, 50)), ms(pct(lat, 95)), ms(pct(lat, 99))
	return s
}

func once(ctx context.Context, c *http.Client, req Request, i int) error {
	r, err := req.New(ctx, i)
	if err != nil {
		return err
	}
	resp, err := c.Do(r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, body)
	}
	return req.Check(body)
}

// pct returns the p-th percentile of sorted (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	k := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(len(sorted)-1, k-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Percentiles returns the p50 and p95 of durations, in milliseconds.
func Percentiles(d []time.Duration) (p50, p95 float64) {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s) == 0 {
		return 0, 0
	}
	return ms(pct(s, 50)), ms(pct(s, 95))
}

// GraphQL is a Request that POSTs one GraphQL operation with variables
// chosen per request, and fails on any "errors" in the response.
type GraphQL struct {
	URL   string
	Query string
	Vars  func(i int) map[string]any
	// Want, when set, must appear in every response body, so that an empty
	// answer does not pass for a fast one.
	Want string
}

// New implements Request.
func (g GraphQL) New(ctx context.Context, i int) (*http.Request, error) {
	body, err := marshal(map[string]any{"query": g.Query, "variables": g.Vars(i)})
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	return r, nil
}

// Check implements Request.
func (g GraphQL) Check(body []byte) error {
	if bytes.Contains(body, []byte(`"errors"`)) {
		return fmt.Errorf("graphql errors: %.300s", body)
	}
	if g.Want != "" && !bytes.Contains(body, []byte(g.Want)) {
		return fmt.Errorf("response lacks %q: %.300s", g.Want, body)
	}
	return nil
}

// Get is a Request that GETs URL(i).
type Get struct {
	URL  func(i int) string
	Want string
}

// New implements Request.
func (g Get) New(ctx context.Context, i int) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, g.URL(i), nil)
}

// Check implements Request.
func (g Get) Check(body []byte) error {
	if g.Want != "" && !bytes.Contains(body, []byte(g.Want)) {
		return fmt.Errorf("response lacks %q: %.300s", g.Want, body)
	}
	return nil
}

func marshal(v any) ([]byte, error) { return json.Marshal(v) }
