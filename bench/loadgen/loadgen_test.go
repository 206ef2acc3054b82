package loadgen

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDo(t *testing.T) {
	var (
		mu   sync.Mutex
		seen = map[string]bool{}
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen[string(body)] = true
		mu.Unlock()
		if strings.Contains(string(body), `"bad"`) {
			w.Write([]byte(`{"errors":[{"message":"no"}]}`))
			return
		}
		w.Write([]byte(`{"data":{"title":"x"}}`))
	}))
	defer ts.Close()

	for _, tc := range []struct {
		name       string
		arg        func(i int) string
		max        int
		wantErrors bool
	}{
		{"all good", func(i int) string { return "ok" }, 50, false},
		{"graphql errors count as errors", func(i int) string { return "bad" }, 20, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := GraphQL{URL: ts.URL, Query: "{ x }", Want: `"title"`,
				Vars: func(i int) map[string]any { return map[string]any{"id": tc.arg(i)} }}
			st := Do(context.Background(), Client(4), Run{Concurrency: 4, Duration: 10 * time.Second, MaxRequests: tc.max}, req)
			if tc.wantErrors {
				if st.Errors != tc.max || st.Requests != 0 || st.FirstErr == "" {
					t.Errorf("got %d requests, %d errors (%q), want %d errors", st.Requests, st.Errors, st.FirstErr, tc.max)
				}
				return
			}
			if st.Requests != tc.max || st.Errors != 0 {
				t.Errorf("got %d requests, %d errors, want %d and 0", st.Requests, st.Errors, tc.max)
			}
			if !(st.P50 <= st.P95 && st.P95 <= st.P99) || st.RPS <= 0 {
				t.Errorf("inconsistent stats %+v", st)
			}
		})
	}
}

func TestPct(t *testing.T) {
	d := make([]time.Duration, 100)
	for i := range d {
		d[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, tc := range []struct {
		p    int
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {99, 99 * time.Millisecond}} {
		if got := pct(d, tc.p); got != tc.want {
			t.Errorf("pct(%d) = %v, want %v", tc.p, got, tc.want)
		}
	}
}
