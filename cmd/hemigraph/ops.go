package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/hemigraph/hemigraph/internal/obs"
	"github.com/hemigraph/hemigraph/neo4jstore"
	"github.com/hemigraph/hemigraph/server"
)

// opsFlags are serve's flags of metrics and shutdown. Traces have no flag:
// they are configured by the standard OTEL_* variables (obs.Traces).
type opsFlags struct {
	metrics         bool
	metricsAddr     string
	drain           time.Duration
	shutdownTimeout time.Duration
}

func (f *opsFlags) register(fs *flag.FlagSet, env environment) {
	on, err := strconv.ParseBool(env.get("HEMIGRAPH_METRICS", "true"))
	fs.BoolVar(&f.metrics, "metrics", on || err != nil, "serve Prometheus metrics (HEMIGRAPH_METRICS=false to switch off)")
	fs.StringVar(&f.metricsAddr, "metrics-addr", env.getenv("HEMIGRAPH_METRICS_ADDR"), "serve /metrics on this address instead of beside the API (e.g. 127.0.0.1:9090)")
	fs.DurationVar(&f.drain, "drain", durationEnv(env, "HEMIGRAPH_DRAIN", 0), "on SIGTERM, answer /readyz 503 for this long before closing the listener, so load balancers stop sending requests")
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", 0, "bound on the wait for requests in flight at shutdown (default: -timeout plus 5s)")
}

// durationEnv reads a duration from the environment, def when unset or
// malformed.
func durationEnv(env environment, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env.getenv(key)); err == nil {
		return d
	}
	return def
}

// telemetry is what serve set up to be seen: metrics, tracing, and the
// metrics server on its own address.
type telemetry struct {
	metrics  *obs.Metrics // nil when switched off
	tracing  obs.Tracing
	addr     string
	msrv     *http.Server
	draining chan struct{}
}

// setup creates the metrics and tracing of serve and has store report to
// them.
func (f *opsFlags) setup(ctx context.Context, env environment, store *neo4jstore.Store, log *slog.Logger) (*telemetry, error) {
	t := &telemetry{draining: make(chan struct{})}
	tr, err := obs.Traces(ctx, env.getenv, version(), env.stderr)
	if err != nil {
		return nil, err
	}
	t.tracing = tr
	if tr.Provider != nil {
		log.Info("tracing on", "exporter", env.getenv("OTEL_TRACES_EXPORTER"))
	}
	if f.metrics {
		t.metrics = obs.NewMetrics(neo4jstore.PoolSize)
		t.addr = f.metricsAddr
	}
	if t.metrics != nil || tr.Provider != nil {
		var tp trace.TracerProvider
		if tr.Provider != nil {
			tp = tr.Provider
		}
		store.Observe(obs.NewStore(t.metrics, tp, env.getenv("NEO4J_DATABASE")))
	}
	return t, nil
}

// apply sets what cfg needs of the telemetry.
func (t *telemetry) apply(cfg *server.Config) {
	cfg.Draining = t.draining
	if t.tracing.Provider != nil {
		cfg.TracerProvider, cfg.Propagator = t.tracing.Provider, t.tracing.Propagator
	}
	if t.metrics == nil {
		return
	}
	cfg.Observer, cfg.Instrumenter = t.metrics, t.metrics
	if t.addr == "" {
		cfg.Metrics = t.metrics.Handler()
	}
	if sl, ok := cfg.Loader.(storeLoader); ok {
		sl.batches = t.metrics
		cfg.Loader = sl
	}
}

// serveMetrics serves /metrics on its own address, when one is set; a
// failure to serve is sent on errc.
func (t *telemetry) serveMetrics(errc chan<- error, log *slog.Logger) error {
	if t.metrics == nil || t.addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", t.addr)
	if err != nil {
		return fmt.Errorf("listen on %s (metrics): %w", t.addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", t.metrics.Handler())
	t.msrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Info("serving metrics", "metrics", "http://"+ln.Addr().String()+"/metrics")
	go func() {
		if err := t.msrv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("metrics: %w", err)
		}
	}()
	return nil
}

// close flushes the spans still buffered.
func (t *telemetry) close(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := t.tracing.Shutdown(ctx); err != nil {
		log.Warn("flush traces", "err", err)
	}
}

// shutdown stops srv gracefully: /readyz turns 503 at once, and after the
// drain delay the listener closes (new connections are refused) while
// the requests in flight finish, for at most the shutdown timeout.
func (f *opsFlags) shutdown(srv *http.Server, t *telemetry, requestTimeout time.Duration, log *slog.Logger) error {
	start := time.Now()
	close(t.draining)
	log.Info("shutting down", "drain", f.drain)
	time.Sleep(f.drain)
	wait := f.shutdownTimeout
	if wait <= 0 {
		wait = requestTimeout + 5*time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	err := srv.Shutdown(ctx)
	if t.msrv != nil {
		t.msrv.Shutdown(ctx)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: requests still running after %s: %w", wait, err)
	}
	log.Info("shut down cleanly", "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// version is the module's version as built, "(devel)" from a work tree.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
