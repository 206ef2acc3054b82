package obs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/hemigraph/hemigraph/query"
)

// isUnavailable reports whether err says the database could not be
// reached.
func isUnavailable(err error) bool { return errors.Is(err, query.ErrUnavailable) }

// Tracing is what Traces sets up: a tracer provider and the propagator of
// trace context in HTTP headers, and Shutdown, which flushes the spans
// still buffered.
type Tracing struct {
	Provider   *sdktrace.TracerProvider // nil when tracing is off
	Propagator propagation.TextMapPropagator
}

// Shutdown flushes and stops the exporter; it does nothing when tracing is
// off.
func (t Tracing) Shutdown(ctx context.Context) error {
	if t.Provider == nil {
		return nil
	}
	return t.Provider.Shutdown(ctx)
}

// Traces sets up tracing from the standard OpenTelemetry environment
// variables, read through getenv. Tracing is off unless
// OTEL_TRACES_EXPORTER names an exporter:
//
//   - otlp: OTLP over HTTP/protobuf, configured by OTEL_EXPORTER_OTLP_ENDPOINT
//     (default http://localhost:4318), OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
//     OTEL_EXPORTER_OTLP_HEADERS, OTEL_EXPORTER_OTLP_TIMEOUT, ...;
//     OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf when set (gRPC is
//     not built in);
//   - console: spans as JSON on console (the server's stderr);
//   - none: off.
//
// OTEL_SDK_DISABLED=true turns tracing off; OTEL_SERVICE_NAME (default
// "hemigraph") and OTEL_RESOURCE_ATTRIBUTES describe the service;
// OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG choose the sampler
// (default parentbased_always_on); OTEL_PROPAGATORS the propagators
// (default tracecontext,baggage). It returns an error for a value it does
// not know.
func Traces(ctx context.Context, getenv func(string) string, version string, console io.Writer) (Tracing, error) {
	prop, err := propagators(getenv("OTEL_PROPAGATORS"))
	if err != nil {
		return Tracing{}, err
	}
	t := Tracing{Propagator: prop}
	if strings.EqualFold(getenv("OTEL_SDK_DISABLED"), "true") {
		return t, nil
	}
	var opts []sdktrace.TracerProviderOption
	for _, name := range strings.Split(getenv("OTEL_TRACES_EXPORTER"), ",") {
		switch name = strings.TrimSpace(name); name {
		case "", "none":
		case "otlp":
			proto := getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
			if proto == "" {
				proto = getenv("OTEL_EXPORTER_OTLP_PROTOCOL")
			}
			if proto != "" && proto != "http/protobuf" {
				return Tracing{}, fmt.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL=%s: only http/protobuf is built in (a collector's port 4318)", proto)
			}
			exp, err := otlptracehttp.New(ctx)
			if err != nil {
				return Tracing{}, fmt.Errorf("otlp trace exporter: %w", err)
			}
			opts = append(opts, sdktrace.WithBatcher(exp))
		case "console":
			exp, err := stdouttrace.New(stdouttrace.WithWriter(console))
			if err != nil {
				return Tracing{}, fmt.Errorf("console trace exporter: %w", err)
			}
			opts = append(opts, sdktrace.WithBatcher(exp))
		default:
			return Tracing{}, fmt.Errorf("OTEL_TRACES_EXPORTER=%s: want otlp, console or none", name)
		}
	}
	if len(opts) == 0 {
		return t, nil
	}
	res, err := resource.Merge(resource.Default(),
		resource.NewSchemaless(attribute.String("service.name", "hemigraph"), attribute.String("service.version", version)))
	if err != nil {
		return Tracing{}, err
	}
	// The environment's attributes (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) win.
	if env, err := resource.New(ctx, resource.WithFromEnv()); err == nil {
		if merged, err := resource.Merge(res, env); err == nil {
			res = merged
		}
	}
	opts = append(opts, sdktrace.WithResource(res))
	t.Provider = sdktrace.NewTracerProvider(opts...)
	return t, nil
}

// propagators reads OTEL_PROPAGATORS.
func propagators(v string) (propagation.TextMapPropagator, error) {
	if v == "" {
		v = "tracecontext,baggage"
	}
	var ps []propagation.TextMapPropagator
	for _, name := range strings.Split(v, ",") {
		switch name = strings.TrimSpace(name); name {
		case "tracecontext":
			ps = append(ps, propagation.TraceContext{})
		case "baggage":
			ps = append(ps, propagation.Baggage{})
		case "none", "":
		default:
			return nil, fmt.Errorf("OTEL_PROPAGATORS=%s: want tracecontext, baggage or none", name)
		}
	}
	return propagation.NewCompositeTextMapPropagator(ps...), nil
}
