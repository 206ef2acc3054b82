// Package obs is hemigraph's observability: Prometheus metrics of the
// GraphQL requests, the Neo4j transactions and statements, the loader's
// batches and the build; and OpenTelemetry tracing configured by the
// standard OTEL_* environment variables. Its types satisfy the small
// observer interfaces that package server, neo4jstore and loader declare,
// so none of them imports Prometheus or OpenTelemetry's SDK; cmd/hemigraph
// wires them.
//
// Labels are closed sets: operation names are capped (MaxOperations, then
// "other"), statement kinds are the methods of the store, error codes the
// server's. No label ever holds an argument or a parameter value.
package obs

import (
	"context"
	"net/http"
	"regexp"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/hemigraph/hemigraph"
)

// MaxOperations bounds the distinct operation names the request metrics
// keep; later names are counted as "other", so that clients sending a new
// name per request cannot grow the metrics without end.
const MaxOperations = 200

// Outcomes of a GraphQL request, by the codes of its errors.
const (
	OutcomeOK          = "ok"           // no error
	OutcomeClientError = "client_error" // errors the client caused: bad input, limits, not found
	OutcomeServerError = "server_error" // INTERNAL_SERVER_ERROR, TIMEOUT or SERVICE_UNAVAILABLE
)

// serverCodes are the error codes that make a request a server error.
var serverCodes = map[string]bool{"INTERNAL_SERVER_ERROR": true, "TIMEOUT": true, "SERVICE_UNAVAILABLE": true}

// Metrics holds hemigraph's collectors, registered on one registry. Its
// methods are safe for concurrent use. Create it with NewMetrics.
type Metrics struct {
	reg *prometheus.Registry

	requests        *prometheus.CounterVec
	requestDuration *prometheus.HistogramVec
	httpRequests    *prometheus.CounterVec
	httpInFlight    *prometheus.GaugeVec

	statements        *prometheus.CounterVec
	statementDuration *prometheus.HistogramVec
	transactions      *prometheus.CounterVec
	retries           *prometheus.CounterVec
	inUse             prometheus.Gauge
	up                prometheus.Gauge
	downs             prometheus.Counter

	loaderRows          *prometheus.CounterVec
	loaderBatches       *prometheus.CounterVec
	loaderBatchDuration *prometheus.HistogramVec

	mu  sync.Mutex
	ops map[string]bool // operation names kept as labels
}

// NewMetrics creates hemigraph's metrics on a new registry, with the Go
// runtime's and the process's collectors and hemigraph_build_info.
// poolSize is the size of the Neo4j connection pool, exported as
// hemigraph_neo4j_connections_max.
func NewMetrics(poolSize int) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{reg: reg, ops: map[string]bool{}}
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_graphql_requests_total",
		Help: "GraphQL requests answered, by operation name, outcome (ok, client_error, server_error) and the code of the first error (none when ok).",
	}, []string{"operation", "outcome", "code"})
	m.requestDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "hemigraph_graphql_request_duration_seconds",
		Help:    "Time to answer a GraphQL request, body read to response written, by operation name.",
		Buckets: prometheus.DefBuckets,
	}, []string{"operation"})
	m.httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_http_requests_total",
		Help: "HTTP requests answered, by handler and status code.",
	}, []string{"handler", "code"})
	m.httpInFlight = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "hemigraph_http_requests_in_flight",
		Help: "HTTP requests being answered, by handler.",
	}, []string{"handler"})

	m.statements = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_neo4j_statements_total",
		Help: "Cypher statements sent, by kind (the store method that sent it) and outcome (ok, error).",
	}, []string{"kind", "outcome"})
	m.statementDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "hemigraph_neo4j_statement_duration_seconds",
		Help:    "Time from sending a Cypher statement to reading its last record, by kind.",
		Buckets: prometheus.DefBuckets,
	}, []string{"kind"})
	m.transactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_neo4j_transactions_total",
		Help: "Neo4j transactions run, by kind, mode (read, write) and outcome (ok, error, unavailable).",
	}, []string{"kind", "mode", "outcome"})
	m.retries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_neo4j_transaction_retries_total",
		Help: "Times the driver ran a transaction's work again after a transient error, by kind.",
	}, []string{"kind"})
	m.inUse = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "hemigraph_neo4j_connections_in_use",
		Help: "Neo4j connections held by running transactions (each holds one; the Go driver exposes no pool metrics).",
	})
	max := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "hemigraph_neo4j_connections_max",
		Help: "Size of the Neo4j connection pool.",
	})
	max.Set(float64(poolSize))
	m.up = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "hemigraph_neo4j_up",
		Help: "1 while Neo4j accepts connections, 0 while queries fail at once with SERVICE_UNAVAILABLE.",
	})
	m.up.Set(1)
	m.downs = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "hemigraph_neo4j_unavailable_total",
		Help: "Times Neo4j was found unreachable.",
	})

	m.loaderRows = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_loader_rows_total",
		Help: "Rows the loader wrote, by records (nodes, edges) and outcome (created, updated, unchanged, failed).",
	}, []string{"records", "outcome"})
	m.loaderBatches = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hemigraph_loader_batches_total",
		Help: "Batches the loader wrote, by records (nodes, edges) and outcome (ok, error).",
	}, []string{"records", "outcome"})
	m.loaderBatchDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "hemigraph_loader_batch_duration_seconds",
		Help:    "Time to write one batch of the loader, by records.",
		Buckets: prometheus.DefBuckets,
	}, []string{"records"})

	for _, c := range []prometheus.Collector{m.requests, m.requestDuration, m.httpRequests, m.httpInFlight,
		m.statements, m.statementDuration, m.transactions, m.retries, m.inUse, max, m.up, m.downs,
		m.loaderRows, m.loaderBatches, m.loaderBatchDuration, buildInfo()} {
		f(c)
	}
	return m
}

// Registry returns the registry the metrics are on, for tests and for
// adding collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text (or OpenMetrics)
// format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.InstrumentMetricHandler(m.reg, promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		EnableOpenMetrics: true, MaxRequestsInFlight: 4, Timeout: 10 * time.Second,
	}))
}

// Instrument counts the requests h answers, by status code, and those in
// flight, under the label handler=name.
func (m *Metrics) Instrument(name string, h http.Handler) http.Handler {
	l := prometheus.Labels{"handler": name}
	return promhttp.InstrumentHandlerInFlight(m.httpInFlight.With(l),
		promhttp.InstrumentHandlerCounter(m.httpRequests.MustCurryWith(l), h))
}

// opName is the grammar of a GraphQL name.
var opName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// operation returns the label of an operation name: "anonymous" for none,
// "other" for a name beyond MaxOperations or not a GraphQL name.
func (m *Metrics) operation(name string) string {
	if name == "" {
		return "anonymous"
	}
	if !opName.MatchString(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[name] {
		return name
	}
	if len(m.ops) >= MaxOperations {
		return "other"
	}
	m.ops[name] = true
	return name
}

// Request records a GraphQL request as it ends: the operation name the
// client gave, the codes of its errors in order, and the time it took. It
// implements server.Observer.
func (m *Metrics) Request(operation string, codes []string, took time.Duration) {
	op := m.operation(operation)
	outcome, code := OutcomeOK, "none"
	for i, c := range codes {
		if i == 0 {
			code = c
			outcome = OutcomeClientError
		}
		if serverCodes[c] {
			outcome, code = OutcomeServerError, c
			break
		}
	}
	m.requests.WithLabelValues(op, outcome, code).Inc()
	m.requestDuration.WithLabelValues(op).Observe(took.Seconds())
}

// Batch records one batch the loader wrote. It implements
// loader.BatchObserver.
func (m *Metrics) Batch(records string, rows int, c hemigraph.WriteCounts, took time.Duration, err error) {
	m.loaderBatchDuration.WithLabelValues(records).Observe(took.Seconds())
	m.loaderRows.WithLabelValues(records, "created").Add(float64(c.Created))
	m.loaderRows.WithLabelValues(records, "updated").Add(float64(c.Updated))
	m.loaderRows.WithLabelValues(records, "unchanged").Add(float64(c.Unchanged))
	if err != nil {
		m.loaderRows.WithLabelValues(records, "failed").Add(float64(max(0, rows-c.Created-c.Updated-c.Unchanged)))
		m.loaderBatches.WithLabelValues(records, "error").Inc()
		return
	}
	m.loaderBatches.WithLabelValues(records, "ok").Inc()
}

// Store observes a Neo4j store: statement and transaction metrics, and,
// with a tracer, a span per statement. It implements
// neo4jstore.Observer. Create it with NewStore.
type Store struct {
	m        *Metrics
	tracer   trace.Tracer
	database string
}

// NewStore returns the observer of a store on database, counting in m (no
// metrics when m is nil) and tracing with tp (no spans when tp is nil).
func NewStore(m *Metrics, tp trace.TracerProvider, database string) *Store {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	if database == "" {
		database = "neo4j"
	}
	return &Store{m: m, tracer: tp.Tracer("github.com/hemigraph/hemigraph/neo4jstore"), database: database}
}

// Transaction implements neo4jstore.Observer.
func (s *Store) Transaction(kind string, write bool) func(attempts int, err error) {
	if s.m != nil {
		s.m.inUse.Inc()
	}
	return func(attempts int, err error) {
		if s.m == nil {
			return
		}
		s.m.inUse.Dec()
		mode := "read"
		if write {
			mode = "write"
		}
		s.m.transactions.WithLabelValues(kind, mode, txOutcome(err)).Inc()
		if attempts > 1 {
			s.m.retries.WithLabelValues(kind).Add(float64(attempts - 1))
		}
	}
}

// Statement implements neo4jstore.Observer: a client span named after the
// kind, with the database's name and the kind, never the statement's
// parameters.
func (s *Store) Statement(ctx context.Context, kind string) func(records int, err error) {
	start := time.Now()
	_, span := s.tracer.Start(ctx, "neo4j "+kind, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(
			attribute.String("db.system.name", "neo4j"),
			attribute.String("db.namespace", s.database),
			attribute.String("db.operation.name", kind),
		))
	return func(records int, err error) {
		if s.m != nil {
			outcome := "ok"
			if err != nil {
				outcome = "error"
			}
			s.m.statements.WithLabelValues(kind, outcome).Inc()
			s.m.statementDuration.WithLabelValues(kind).Observe(time.Since(start).Seconds())
		}
		if span.IsRecording() {
			span.SetAttributes(attribute.Int("db.response.returned_rows", records))
			if err != nil {
				span.RecordError(err)
				span.SetStatus(codes.Error, "statement failed")
			}
		}
		span.End()
	}
}

// Available implements neo4jstore.Observer.
func (s *Store) Available(up bool) {
	if s.m == nil {
		return
	}
	if up {
		s.m.up.Set(1)
		return
	}
	s.m.up.Set(0)
	s.m.downs.Inc()
}

// txOutcome names how a transaction ended.
func txOutcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case isUnavailable(err):
		return "unavailable"
	}
	return "error"
}

// buildInfo is hemigraph_build_info: 1, labelled with the module's version,
// the VCS revision when the binary was built with it, and Go's version.
func buildInfo() prometheus.Collector {
	version, revision := "(devel)", "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "hemigraph_build_info",
		Help:        "hemigraph's build: version, VCS revision and Go version, as labels; the value is 1.",
		ConstLabels: prometheus.Labels{"version": version, "revision": revision, "goversion": runtime.Version()},
	})
	g.Set(1)
	return g
}
