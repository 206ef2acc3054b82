package server

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Observer is told of each GraphQL request as it ends: the operation name
// the client gave ("" for none), the codes of its errors in the order
// presented (none when it succeeded) and the time it took. Package obs
// implements it with Prometheus metrics.
type Observer interface {
	Request(operation string, codes []string, took time.Duration)
}

// Instrumenter wraps a handler to count its requests under a name; package
// obs implements it.
type Instrumenter interface {
	Instrument(name string, h http.Handler) http.Handler
}

// CodeUnavailable is the code of a request that needed the database while
// it could not be reached: it is answered at once, and the same request
// may succeed shortly.
const CodeUnavailable = "SERVICE_UNAVAILABLE"

// requestInfo is what one request's handlers learn of it for its
// observer: the operation name, and the codes of the errors presented.
type requestInfo struct {
	mu        sync.Mutex
	operation string
	codes     []string
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context) (context.Context, *requestInfo) {
	info := &requestInfo{}
	return context.WithValue(ctx, requestInfoKey{}, info), info
}

// addCode records the code of an error presented to the client.
func addCode(ctx context.Context, code string) {
	if info, _ := ctx.Value(requestInfoKey{}).(*requestInfo); info != nil && code != "" {
		info.mu.Lock()
		info.codes = append(info.codes, code)
		info.mu.Unlock()
	}
}

func (i *requestInfo) result() (string, []string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation, append([]string(nil), i.codes...)
}

// observed records the code of every error the presenter presents.
func observed(p graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := p(ctx, err)
		if c, ok := gerr.Extensions["code"].(string); ok {
			addCode(ctx, c)
		}
		return gerr
	}
}

// observeExtension notes each request's operation name for the observer
// and, given a tracer, makes a span of each operation. The spans of root
// fields are fieldSpans', used only with a tracer: a field interceptor
// runs for every field of every answer, plain struct fields included, and
// costs CPU even when it does nothing.
type observeExtension struct {
	tracer trace.Tracer // nil: no spans
}

var (
	_ graphql.HandlerExtension          = observeExtension{}
	_ graphql.OperationParameterMutator = observeExtension{}
	_ graphql.ResponseInterceptor       = observeExtension{}
	_ graphql.HandlerExtension          = fieldSpans{}
	_ graphql.FieldInterceptor          = fieldSpans{}
)

// fieldSpans makes a span of each root field (each root field is one
// database statement or a few).
type fieldSpans struct {
	tracer trace.Tracer
}

func (fieldSpans) ExtensionName() string                          { return "FieldSpans" }
func (fieldSpans) Validate(schema graphql.ExecutableSchema) error { return nil }

func (observeExtension) ExtensionName() string                          { return "Observe" }
func (observeExtension) Validate(schema graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters notes the operation name the client asked for,
// before anything can refuse the request.
func (observeExtension) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if info, _ := ctx.Value(requestInfoKey{}).(*requestInfo); info != nil {
		info.mu.Lock()
		info.operation = p.OperationName
		info.mu.Unlock()
	}
	return nil
}

// InterceptResponse makes the span of the operation:
// "query Name" with graphql.operation.type and graphql.operation.name (the
// document itself, which may hold literal values, is not recorded).
func (e observeExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	typ, opName := "query", oc.OperationName
	if oc.Operation != nil {
		// The operation run: named in the document even when the
		// request did not name it.
		typ, opName = string(oc.Operation.Operation), oc.Operation.Name
		if info, _ := ctx.Value(requestInfoKey{}).(*requestInfo); info != nil {
			info.mu.Lock()
			info.operation = opName
			info.mu.Unlock()
		}
	}
	if e.tracer == nil {
		return next(ctx)
	}
	name := typ
	if opName != "" {
		name += " " + opName
	}
	ctx, span := e.tracer.Start(ctx, name, trace.WithAttributes(
		attribute.String("graphql.operation.type", typ),
		attribute.String("graphql.operation.name", opName),
	))
	defer span.End()
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		span.SetStatus(codes.Error, resp.Errors[0].Message)
		span.SetAttributes(attribute.Int("graphql.errors", len(resp.Errors)))
	}
	return resp
}

// InterceptField makes a span of each root field: the database statements
// it sends are its children.
func (e fieldSpans) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || (fc.Object != "Query" && fc.Object != "Mutation") {
		return next(ctx)
	}
	ctx, span := e.tracer.Start(ctx, "graphql.field "+fc.Field.Name, trace.WithAttributes(
		attribute.String("graphql.field.name", fc.Field.Name),
		attribute.String("graphql.field.path", fc.Path().String()),
	))
	defer span.End()
	res, err := next(ctx)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "resolver failed")
	}
	return res, err
}

// tracer returns the server's tracer, nil without a provider.
func (c *Config) tracer() trace.Tracer {
	if c.TracerProvider == nil {
		return nil
	}
	return c.TracerProvider.Tracer("github.com/hemigraph/hemigraph/server")
}

// traced wraps h in otelhttp's server span when tracing is on.
func (c *Config) traced(name string, h http.Handler) http.Handler {
	if c.TracerProvider == nil {
		return h
	}
	prop := c.Propagator
	if prop == nil {
		prop = propagation.TraceContext{}
	}
	return otelhttp.NewHandler(h, name, otelhttp.WithTracerProvider(c.TracerProvider), otelhttp.WithPropagators(prop))
}

// instrumented counts h's requests under name when there is an
// instrumenter.
func (c *Config) instrumented(name string, h http.Handler) http.Handler {
	if c.Instrumenter == nil {
		return h
	}
	return c.Instrumenter.Instrument(name, h)
}

// joinTrace puts the request id on the request's span, so that a span
// found in the tracing backend names the id in the logs and the error
// responses, and returns the trace id for the logs ("" without a span).
func joinTrace(ctx context.Context, id string) string {
	span := trace.SpanFromContext(ctx)
	sc := span.SpanContext()
	if !sc.IsValid() {
		return ""
	}
	span.SetAttributes(attribute.String("hemigraph.request_id", id))
	return sc.TraceID().String()
}
