// Package server assembles hemigraph's HTTP server: the gqlgen handler with
// its transports, caches and limits, GraphiQL, CORS, health and readiness
// probes, request ids and the one place where errors become what clients see.
package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph"
	"github.com/hemigraph/hemigraph/query"
	"github.com/hemigraph/hemigraph/resolvers"
	"github.com/hemigraph/hemigraph/server/auth"
	"github.com/hemigraph/hemigraph/server/explorer"
	"github.com/hemigraph/hemigraph/server/graphiql"
)

// Config holds the server's settings. Zero values take the defaults named.
type Config struct {
	// AllowedOrigins lists the origins browsers may call the API from
	// (CORS); "*" allows any. Empty allows none but same-origin pages.
	AllowedOrigins []string
	// Introspection and GraphiQL can be switched off for production.
	DisableIntrospection bool
	DisableGraphiQL      bool
	// DisableExplorer switches off the explorer page (/explore) and the
	// registration of its persisted queries.
	DisableExplorer bool
	// MaxBodyBytes bounds a request body; 0 means 1 MiB.
	MaxBodyBytes int64
	// RequestTimeout bounds a GraphQL request, the Neo4j transaction
	// included; 0 means 30s.
	RequestTimeout time.Duration
	// MaxComplexity bounds the complexity of an operation, list fields
	// counting their length (resolvers.Complexity); 0 means 50000.
	MaxComplexity int
	// MaxDepth bounds the nesting of an operation's selections; 0 means 12.
	MaxDepth int
	// MaxAliases bounds the aliased fields of an operation; 0 means 30.
	MaxAliases int
	// MaxRootFields bounds the root fields of an operation; 0 means 10.
	MaxRootFields int
	// MaxTokens bounds the lexical tokens of a document; 0 means 10000.
	MaxTokens int

	// Observer is told of each GraphQL request as it ends (metrics);
	// Instrumenter counts the requests of every handler. Nil: neither.
	Observer     Observer
	Instrumenter Instrumenter
	// Metrics, when set, is served at /metrics.
	Metrics http.Handler
	// TracerProvider, when set, traces each request (otelhttp), GraphQL
	// operation and root field, with trace context read from the request's
	// headers by Propagator (W3C trace context when nil).
	TracerProvider trace.TracerProvider
	Propagator     propagation.TextMapPropagator
	// Draining, when closed, makes /readyz answer 503 so that load
	// balancers stop sending requests before the server shuts down.
	Draining <-chan struct{}

	// Tokens are the bearer tokens the server knows (package auth).
	// Writes need one of scope write; with none, every write is refused.
	Tokens *auth.Set
	// RequireReadToken makes queries need a token too (any scope).
	RequireReadToken bool
	// Loader runs the loads of POST /load; the route exists only with
	// one.
	Loader Loader
	// MaxLoadBytes bounds the body of one load for tokens without a
	// max-body of their own; 0 means 1 GiB.
	MaxLoadBytes int64
	// MaxLoads bounds the loads one token runs at once, for tokens
	// without a max-loads of their own; 0 means 2.
	MaxLoads int
	// LoadTimeout bounds one load, its upload included; 0 means 30m.
	LoadTimeout time.Duration
	// SpoolDir is where load bodies are kept while they load; "" means
	// the system's temporary folder.
	SpoolDir string
}

// Defaults of Config.
const (
	DefaultMaxBodyBytes   = 1 << 20
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxComplexity  = 50000
	DefaultMaxDepth       = 12
	DefaultMaxAliases     = 30
	DefaultMaxRootFields  = 10
	DefaultMaxTokens      = 10000
)

func (c *Config) setDefaults() {
	set := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	set(&c.MaxComplexity, DefaultMaxComplexity)
	set(&c.MaxDepth, DefaultMaxDepth)
	set(&c.MaxAliases, DefaultMaxAliases)
	set(&c.MaxRootFields, DefaultMaxRootFields)
	set(&c.MaxTokens, DefaultMaxTokens)
	set(&c.MaxLoads, DefaultMaxLoads)
	if c.MaxLoadBytes == 0 {
		c.MaxLoadBytes = DefaultMaxLoadBytes
	}
	if c.LoadTimeout == 0 {
		c.LoadTimeout = DefaultLoadTimeout
	}
}

// Pinger tells whether the database answers; readiness depends on it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Error codes clients can rely on, in errors[].extensions.code. Besides
// these, gqlgen's own GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED and
// PERSISTED_QUERY_NOT_FOUND reach clients unchanged.
const (
	CodeBadUserInput          = "BAD_USER_INPUT"            // an argument breaks a rule (a bad id, cursor, date, depth)
	CodeNotFound              = "NOT_FOUND"                 // a node an argument names does not exist
	CodeInternal              = "INTERNAL_SERVER_ERROR"     // logged in full; the message is "internal error"
	CodeTimeout               = "TIMEOUT"                   // the request timeout passed (the Neo4j transaction is stopped too)
	CodePageSize              = "PAGE_SIZE_EXCEEDED"        // first, limit or ids above the field's maximum
	CodeTooComplex            = "COMPLEXITY_LIMIT_EXCEEDED" // the operation's complexity is above MaxComplexity
	CodeDepthLimit            = "DEPTH_LIMIT_EXCEEDED"      // selections nested deeper than MaxDepth
	CodeAliasLimit            = "ALIAS_LIMIT_EXCEEDED"      // more aliases than MaxAliases
	CodeRootFieldLimit        = "ROOT_FIELD_LIMIT_EXCEEDED" // more root fields than MaxRootFields
	CodeTokenLimit            = "TOKEN_LIMIT_EXCEEDED"      // a document of more tokens than MaxTokens
	CodeRequestTooLarge       = "REQUEST_TOO_LARGE"         // a body above MaxBodyBytes (HTTP 413)
	CodeConflict              = "CONFLICT"                  // a later change stands in the way (undoing a load another built on)
	CodeReadOnly              = "READ_ONLY"                 // a mutation on a server whose store takes no writes
	CodeMethodNotAllowed      = "METHOD_NOT_ALLOWED"        // a mutation or subscription sent with GET (HTTP 405)
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"    // __schema or __type on a server without introspection
	CodeBadRequest            = "BAD_REQUEST"               // a request gqlgen refused without a code of its own
	internalMessage           = "internal error"
)

// registerCodes makes gqlgen answer the limit errors, which refuse a
// request before it runs, with the status of a bad request (see statusFor).
var registerCodes = sync.OnceFunc(func() {
	for _, c := range []string{CodeTooComplex, CodeDepthLimit, CodeAliasLimit, CodeRootFieldLimit,
		CodeTokenLimit, CodeIntrospectionDisabled, CodeBadRequest} {
		errcode.RegisterErrorType(c, errcode.KindProtocol)
	}
})

// New returns the HTTP handler of the whole server: GraphiQL at "/", the
// explorer at "/explore" (unless cfg.DisableExplorer), the GraphQL
// endpoint at "/graphql", loads at "/load" (with cfg.Loader), and
// "/healthz" and "/readyz".
func New(cfg Config, store resolvers.Store, db Pinger, log *slog.Logger) http.Handler {
	cfg.setDefaults()
	mux := http.NewServeMux()
	mux.Handle("/graphql", cfg.traced("/graphql", cfg.instrumented("/graphql", withRequest(cfg, log, requireToken(cfg, log, GraphQL(cfg, store, log))))))
	if cfg.Loader != nil {
		mux.Handle("/load", newLoadHandler(cfg, log))
	}
	mux.Handle("/healthz", cfg.instrumented("/healthz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})))
	if cfg.Metrics != nil {
		mux.Handle("/metrics", cfg.Metrics)
	}
	mux.Handle("/readyz", cfg.instrumented("/readyz", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-cfg.Draining:
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		default:
		}
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "neo4j unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})))
	if !cfg.DisableGraphiQL {
		gopts := graphiql.Options{Endpoint: "/graphql", DefaultQuery: graphiql.DefaultQuery, Tabs: graphiql.ExampleTabs}
		if !cfg.DisableExplorer {
			gopts.Explorer = explorer.Path
		}
		gi := graphiql.New(gopts)
		mux.Handle("/", gi)
		mux.Handle(graphiql.AssetPrefix, gi)
	}
	if !cfg.DisableExplorer {
		opts := explorer.Options{Endpoint: "/graphql", GraphiQL: "/"}
		if cfg.DisableGraphiQL {
			opts.GraphiQL = ""
		}
		ex := explorer.Handler(opts)
		mux.Handle(explorer.Path, ex)
		mux.Handle(explorer.Path+"/", ex)
	}
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.AllowedOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Accept", "Authorization", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return c.Handler(mux)
}

// GraphQL returns the gqlgen handler alone, assembled explicitly: GET (for
// queries only) and POST transports, a parsed-query cache, automatic
// persisted queries, the limits (tokens, depth, aliases, root fields, then
// complexity with list multipliers), introspection (unless disabled), the
// error presenter, and the per-request loaders. New adds the request id,
// timeout and body limit around it.
func GraphQL(cfg Config, store resolvers.Store, log *slog.Logger) http.Handler {
	cfg.setDefaults()
	registerCodes()
	schema := graph.NewExecutableSchema(graph.Config{
		Resolvers:  &resolvers.Resolver{Store: store, Writes: writesOf(store), Log: log},
		Complexity: resolvers.Complexity(),
	})
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(getTransport{})
	srv.AddTransport(postTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	// gqlgen's own token limit backs up the limits extension's count.
	srv.SetParserTokenLimit(2 * cfg.MaxTokens)
	var apq graphql.Cache[string] = lru.New[string](1000)
	if !cfg.DisableExplorer {
		apq = persisted{registered: explorer.PersistedQueries(), recent: apq}
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: apq})
	srv.Use(newLimitsExtension(Limits{
		MaxTokens: cfg.MaxTokens, MaxDepth: cfg.MaxDepth, MaxAliases: cfg.MaxAliases,
		MaxRootFields: cfg.MaxRootFields, Introspection: !cfg.DisableIntrospection,
	}))
	if !cfg.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.Use(scopeExtension{})
	srv.Use(observeExtension{tracer: cfg.tracer()})
	if t := cfg.tracer(); t != nil {
		srv.Use(fieldSpans{tracer: t})
	}
	srv.SetErrorPresenter(observed(presenter(log)))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.Error("resolver panic", "request_id", RequestID(ctx), "panic", p)
		return errors.New(internalMessage)
	})
	// Each request gets its loaders: the cache the root fields fill with
	// the relations they read ahead, and the batches of the others.
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(resolvers.WithLoaders(r.Context(), store)))
	})
}

// persisted is the cache of persisted queries: the operations registered
// with the server (the explorer's), known by their hash from the start and
// never evicted, and the last ones clients sent with their text (automatic
// persisted queries).
type persisted struct {
	registered map[string]string
	recent     graphql.Cache[string]
}

// Get implements graphql.Cache.
func (p persisted) Get(ctx context.Context, hash string) (string, bool) {
	if q, ok := p.registered[hash]; ok {
		return q, true
	}
	return p.recent.Get(ctx, hash)
}

// Add implements graphql.Cache.
func (p persisted) Add(ctx context.Context, hash, query string) {
	if _, ok := p.registered[hash]; !ok {
		p.recent.Add(ctx, hash, query)
	}
}

// presenter is the one place where errors become what clients see: domain
// errors keep their message and get a code; anything else is logged in full
// and shown as "internal error" with the request id.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		// Work on a copy: gqlgen may present one error more than once.
		gerr := *graphql.DefaultErrorPresenter(ctx, err)
		gerr.Extensions = maps.Clone(gerr.Extensions)
		code := ""
		switch {
		case errors.Is(err, resolvers.ErrPageSize):
			code = CodePageSize
		case errors.Is(err, hemigraph.ErrInvalid):
			code = CodeBadUserInput
		case errors.Is(err, hemigraph.ErrNotFound):
			code = CodeNotFound
		case errors.Is(err, hemigraph.ErrConflict):
			code = CodeConflict
		case errors.Is(err, resolvers.ErrReadOnly):
			code = CodeReadOnly
		case errors.Is(err, auth.ErrForbidden):
			code = CodeForbidden
		case errors.Is(err, query.ErrUnavailable):
			log.Warn("database unavailable", "request_id", RequestID(ctx), "path", gerr.Path.String(), "err", err)
			gerr.Message = "the database is unavailable; retry shortly"
			code = CodeUnavailable
		case errors.Is(err, context.DeadlineExceeded):
			log.Warn("request timed out", "request_id", RequestID(ctx), "path", gerr.Path.String(), "err", err)
			gerr.Message = "request timed out"
			code = CodeTimeout
		default:
			var ge *gqlerror.Error
			if errors.As(err, &ge) && ge.Err == nil {
				// Parse, validation and limit errors from gqlgen and the
				// limits extension: keep them, with a code.
				if _, ok := gerr.Extensions["code"]; !ok {
					errcode.Set(&gerr, CodeBadRequest)
				}
				return &gerr
			}
			log.Error("request failed", "request_id", RequestID(ctx), "path", gerr.Path.String(), "err", err)
			gerr.Message = internalMessage
			code = CodeInternal
		}
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		if code == CodeInternal || code == CodeTimeout || code == CodeUnavailable {
			gerr.Extensions["requestId"] = RequestID(ctx)
		}
		return &gerr
	}
}

type requestIDKey struct{}

// RequestID returns the id given to the current request, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequest gives each GraphQL request an id (echoed in X-Request-Id), a
// deadline and a bounded body, and logs it. A body
// above the limit is refused with 413 and a GraphQL error, before gqlgen
// reads it.
func withRequest(cfg Config, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestIDOf(r)
		w.Header().Set("X-Request-Id", id)
		ictx, info := withRequestInfo(r.Context())
		r = r.WithContext(ictx)
		if cfg.Observer != nil {
			defer func() {
				op, codes := info.result()
				cfg.Observer.Request(op, codes, time.Since(start))
			}()
		}
		traceID := joinTrace(ictx, id)
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, cfg.MaxBodyBytes))
			if err != nil {
				var tooLarge *http.MaxBytesError
				if errors.As(err, &tooLarge) {
					log.Info("request body too large", "request_id", id, "limit", cfg.MaxBodyBytes)
					addCode(ictx, CodeRequestTooLarge)
					writeError(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
						"the request body is larger than the limit of "+byteCount(cfg.MaxBodyBytes))
					return
				}
				addCode(ictx, CodeBadRequest)
				writeError(w, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
		defer cancel()
		ctx = context.WithValue(ctx, requestIDKey{}, id)
		next.ServeHTTP(&timeoutWriter{ResponseWriter: w, ctx: ctx, id: id}, r.WithContext(ctx))
		if traceID != "" {
			log.Debug("graphql request", "request_id", id, "trace_id", traceID, "method", r.Method, "took", time.Since(start))
		} else {
			log.Debug("graphql request", "request_id", id, "method", r.Method, "took", time.Since(start))
		}
	})
}

// timeoutWriter stands in for gqlgen's answer when the request's deadline
// passed before its operation began: gqlgen then answers the JSON null,
// which tells the client nothing; the client gets a TIMEOUT error instead.
// A deadline passing during the operation is reported by the fields it
// stops, through the error presenter.
type timeoutWriter struct {
	http.ResponseWriter
	ctx context.Context
	id  string
}

func (w *timeoutWriter) Write(b []byte) (int, error) {
	if string(b) != "null" || w.ctx.Err() == nil {
		return w.ResponseWriter.Write(b)
	}
	code, msg := CodeTimeout, "request timed out"
	if !errors.Is(w.ctx.Err(), context.DeadlineExceeded) {
		code, msg = CodeBadRequest, "request canceled"
	}
	addCode(w.ctx, code)
	writeJSON(w.ResponseWriter, &graphql.Response{Errors: gqlerror.List{{Message: msg,
		Extensions: map[string]any{"code": code, "requestId": w.id}}}})
	return len(b), nil
}

// byteCount writes n bytes for people: 1048576 is "1 MiB".
func byteCount(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// writesOf returns the store's writes for the mutations and the loads
// queries, or nil when it takes none.
func writesOf(store resolvers.Store) resolvers.Writes {
	w, _ := store.(resolvers.Writes)
	return w
}
