package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/hemigraph/hemigraph/internal/obs"
	"github.com/hemigraph/hemigraph/server"
)

// TestMetrics checks that /metrics counts GraphQL requests by operation,
// outcome and code, and the requests of each handler.
func TestMetrics(t *testing.T) {
	m := obs.NewMetrics(64)
	f := newMemoryFixture(t, server.Config{Observer: m, Instrumenter: m, Metrics: m.Handler()})
	f.post(t, request{Query: `query Lookup { node(id: "ag-res-1412-xxvi-o-96") { id } }`})
	f.post(t, request{Query: `query Bad { instruments(filter: {date: {from: "not a date"}}) { totalCount } }`})
	f.post(t, request{Query: `{ nope }`})
	postRaw(f, `{"query": "{ __typename }", "variables": {"v": "`+strings.Repeat("x", 2<<20)+`"}}`)
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	w = httptest.NewRecorder()
	f.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := w.Body.String()
	for _, want := range []string{
		`hemigraph_graphql_requests_total{code="none",operation="Lookup",outcome="ok"} 1`,
		`hemigraph_graphql_requests_total{code="BAD_USER_INPUT",operation="Bad",outcome="client_error"} 1`,
		`hemigraph_graphql_requests_total{code="GRAPHQL_VALIDATION_FAILED",operation="anonymous",outcome="client_error"} 1`,
		`hemigraph_graphql_requests_total{code="REQUEST_TOO_LARGE",operation="anonymous",outcome="client_error"} 1`,
		`hemigraph_graphql_request_duration_seconds_bucket{operation="Lookup",le="0.005"}`,
		`hemigraph_http_requests_total{code="200",handler="/readyz"} 1`,
		`hemigraph_http_requests_total{code="413",handler="/graphql"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestTraces checks the spans of a request: the server's (otelhttp), the
// operation's and the root field's, one trace, with the request id on the
// server's span; and that trace context sent by the client is followed.
func TestTraces(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	f := newMemoryFixture(t, server.Config{TracerProvider: tp})
	body := `{"query": "query Lookup { node(id: \"ag-res-1412-xxvi-o-96\") { id } }"}`
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Request-Id", "req-123")
	r.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	spans := rec.Ended()
	names := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range spans {
		names[s.Name()] = s
		if got := s.SpanContext().TraceID().String(); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
			t.Errorf("span %s in trace %s, want the client's", s.Name(), got)
		}
	}
	for _, want := range []string{"POST /graphql", "query Lookup", "graphql.field node"} {
		if names[want] == nil {
			t.Errorf("no span %q among %v", want, spanNames(spans))
		}
	}
	if s := names["POST /graphql"]; s != nil {
		found := false
		for _, a := range s.Attributes() {
			if a.Key == "hemigraph.request_id" && a.Value.AsString() == "req-123" {
				found = true
			}
		}
		if !found {
			t.Errorf("the server span lacks hemigraph.request_id: %v", s.Attributes())
		}
	}
}

func spanNames(spans []sdktrace.ReadOnlySpan) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name())
	}
	return out
}
