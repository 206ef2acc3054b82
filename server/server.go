// Package server assembles hemigraph's HTTP server: the gqlgen handler with
// its transports, caches and limits, GraphiQL, CORS, health and readiness
// probes, request ids and the one place where errors become what clients see.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/hemigraph/hemigraph"
	"github.com/hemigraph/hemigraph/graph"
	"github.com/hemigraph/hemigraph/resolvers"
	"github.com/hemigraph/hemigraph/server/graphiql"
)

// Config holds the server's settings.
type Config struct {
	// AllowedOrigins lists the origins browsers may call the API from
	// (CORS); "*" allows any. Empty allows none but same-origin pages.
	AllowedOrigins []string
	// Introspection and GraphiQL can be switched off for production.
	DisableIntrospection bool
	DisableGraphiQL      bool
	// MaxBodyBytes bounds a request body; 0 means 1 MiB.
	MaxBodyBytes int64
	// RequestTimeout bounds a GraphQL request, the Neo4j transaction
	// included; 0 means 30s.
	RequestTimeout time.Duration
	// MaxComplexity bounds the complexity of an operation; 0 means 5000.
	MaxComplexity int
}

// Pinger tells whether the database answers; readiness depends on it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Error codes clients can rely on, in errors[].extensions.code.
const (
	CodeBadUserInput  = "BAD_USER_INPUT"
	CodeNotFound      = "NOT_FOUND"
	CodeInternal      = "INTERNAL_SERVER_ERROR"
	CodeTooComplex    = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeTimeout       = "TIMEOUT"
	internalMessage   = "internal error"
	defaultBodyLimit  = 1 << 20
	defaultTimeout    = 30 * time.Second
	defaultComplexity = 5000
)

// New returns the HTTP handler of the whole server: GraphiQL at "/", the
// GraphQL endpoint at "/graphql", and "/healthz" and "/readyz".
func New(cfg Config, store resolvers.Store, db Pinger, log *slog.Logger) http.Handler {
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = defaultBodyLimit
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = defaultTimeout
	}
	if cfg.MaxComplexity == 0 {
		cfg.MaxComplexity = defaultComplexity
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", withRequest(cfg, store, log, GraphQL(cfg, store, log)))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			log.Warn("not ready", "err", err)
			http.Error(w, "neo4j unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	if !cfg.DisableGraphiQL {
		gi := graphiql.Handler("/graphql", graphiql.DefaultQuery)
		mux.Handle("/", gi)
		mux.Handle(graphiql.AssetPrefix, gi)
	}
	c := cors.New(cors.Options{
		AllowedOrigins: cfg.AllowedOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Accept", "Authorization"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return c.Handler(mux)
}

// GraphQL returns the gqlgen handler alone, assembled explicitly: POST and
// GET transports, a parsed-query cache, automatic persisted queries,
// introspection (unless disabled), a complexity limit and the error
// presenter.
func GraphQL(cfg Config, store resolvers.Store, log *slog.Logger) http.Handler {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &resolvers.Resolver{Store: store, Log: log}})
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if !cfg.DisableIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(cfg.MaxComplexity))
	srv.SetErrorPresenter(presenter(log))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.Error("resolver panic", "request_id", RequestID(ctx), "panic", p)
		return errors.New(internalMessage)
	})
	return srv
}

// presenter is the one place where errors become what clients see: domain
// errors keep their message and get a code; anything else is logged in full
// and shown as "internal error" with the request id.
func presenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var ext map[string]any
		switch {
		case errors.Is(err, hemigraph.ErrInvalid):
			ext = map[string]any{"code": CodeBadUserInput}
		case errors.Is(err, hemigraph.ErrNotFound):
			ext = map[string]any{"code": CodeNotFound}
		case errors.Is(err, context.DeadlineExceeded):
			gerr.Message = "request timed out"
			ext = map[string]any{"code": CodeTimeout}
		default:
			var ge *gqlerror.Error
			if errors.As(err, &ge) && ge.Err == nil {
				// Parse, validation and limit errors from gqlgen itself.
				return gerr
			}
			id := RequestID(ctx)
			log.Error("request failed", "request_id", id, "path", gerr.Path.String(), "err", err)
			gerr.Message = internalMessage
			ext = map[string]any{"code": CodeInternal, "requestId": id}
		}
		if gerr.Extensions == nil {
			gerr.Extensions = ext
		} else {
			for k, v := range ext {
				gerr.Extensions[k] = v
			}
		}
		return gerr
	}
}

type requestIDKey struct{}

// RequestID returns the id given to the current request, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequest gives each GraphQL request an id (echoed in X-Request-Id), a
// deadline, a bounded body and its batching loaders, and logs it.
func withRequest(cfg Config, store resolvers.Store, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
		defer cancel()
		ctx = context.WithValue(ctx, requestIDKey{}, id)
		ctx = resolvers.WithLoaders(ctx, store)
		r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxBodyBytes)
		next.ServeHTTP(w, r.WithContext(ctx))
		log.Debug("graphql request", "request_id", id, "method", r.Method, "took", time.Since(start))
	})
}
