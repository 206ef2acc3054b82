package obs

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/query"
)

func TestRequestOutcomes(t *testing.T) {
	m := NewMetrics(64)
	for _, tc := range []struct {
		name                  string
		op                    string
		codes                 []string
		wantOp, outcome, code string
	}{
		{"ok", "Lookup", nil, "Lookup", OutcomeOK, "none"},
		{"user error", "Lookup", []string{"BAD_USER_INPUT"}, "Lookup", OutcomeClientError, "BAD_USER_INPUT"},
		{"a server error wins", "", []string{"NOT_FOUND", "SERVICE_UNAVAILABLE"}, "anonymous", OutcomeServerError, "SERVICE_UNAVAILABLE"},
		{"not a name", "drop table; --", []string{"GRAPHQL_PARSE_FAILED"}, "other", OutcomeClientError, "GRAPHQL_PARSE_FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := m.requests.WithLabelValues(tc.wantOp, tc.outcome, tc.code)
			before := testutil.ToFloat64(c)
			m.Request(tc.op, tc.codes, 10*time.Millisecond)
			if got := testutil.ToFloat64(c) - before; got != 1 {
				t.Errorf("hemigraph_graphql_requests_total{operation=%q,outcome=%q,code=%q} grew by %v, want 1", tc.wantOp, tc.outcome, tc.code, got)
			}
		})
	}
}

// TestOperationCap: clients naming each request anew cannot grow the
// metrics without end.
func TestOperationCap(t *testing.T) {
	m := NewMetrics(64)
	for i := range MaxOperations + 50 {
		m.Request(fmt.Sprintf("Op%d", i), nil, time.Millisecond)
	}
	if n := testutil.CollectAndCount(m.requests); n != MaxOperations+1 {
		t.Errorf("%d series, want %d (the cap and other)", n, MaxOperations+1)
	}
	if got := testutil.ToFloat64(m.requests.WithLabelValues("other", OutcomeOK, "none")); got != 50 {
		t.Errorf("other = %v, want 50", got)
	}
}

func TestStoreAndLoaderMetrics(t *testing.T) {
	m := NewMetrics(64)
	s := NewStore(m, nil, "")
	end := s.Transaction("FindNodes", false)
	if got := testutil.ToFloat64(m.inUse); got != 1 {
		t.Errorf("connections in use = %v during a transaction, want 1", got)
	}
	s.Statement(t.Context(), "FindNodes")(3, nil)
	end(3, nil)
	end2 := s.Transaction("WriteNodes", true)
	end2(1, fmt.Errorf("write: %w", query.ErrUnavailable))
	s.Available(false)
	m.Batch("nodes", 10, hemigraph.WriteCounts{Created: 4, Updated: 1, Unchanged: 2}, time.Millisecond, errors.New("boom"))
	m.Batch("edges", 5, hemigraph.WriteCounts{Created: 5}, time.Millisecond, nil)
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"in use after", testutil.ToFloat64(m.inUse), 0},
		{"retries", testutil.ToFloat64(m.retries.WithLabelValues("FindNodes")), 2},
		{"statements", testutil.ToFloat64(m.statements.WithLabelValues("FindNodes", "ok")), 1},
		{"unavailable tx", testutil.ToFloat64(m.transactions.WithLabelValues("WriteNodes", "write", "unavailable")), 1},
		{"up", testutil.ToFloat64(m.up), 0},
		{"downs", testutil.ToFloat64(m.downs), 1},
		{"rows failed", testutil.ToFloat64(m.loaderRows.WithLabelValues("nodes", "failed")), 3},
		{"rows created", testutil.ToFloat64(m.loaderRows.WithLabelValues("edges", "created")), 5},
		{"batches error", testutil.ToFloat64(m.loaderBatches.WithLabelValues("nodes", "error")), 1},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{"hemigraph_build_info{", "go_goroutines", "process_resident_memory_bytes", "hemigraph_neo4j_connections_max 64"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestTracesFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		on      bool
		wantErr bool
	}{
		{"off by default", nil, false, false},
		{"none", map[string]string{"OTEL_TRACES_EXPORTER": "none"}, false, false},
		{"console", map[string]string{"OTEL_TRACES_EXPORTER": "console"}, true, false},
		{"otlp", map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, true, false},
		{"sdk disabled", map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "true"}, false, false},
		{"grpc not built in", map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, false, true},
		{"unknown exporter", map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, false, true},
		{"unknown propagator", map[string]string{"OTEL_PROPAGATORS": "b3"}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := Traces(t.Context(), func(k string) string { return tc.env[k] }, "test", &strings.Builder{})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if (tr.Provider != nil) != tc.on {
				t.Errorf("tracing on = %v, want %v", tr.Provider != nil, tc.on)
			}
			tr.Shutdown(t.Context())
		})
	}
}
